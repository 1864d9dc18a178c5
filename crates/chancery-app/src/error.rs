//! What the application core answers when it cannot do what was asked.

use chancery_domain::scenario::ScenarioError;
use chancery_domain::RuleViolation;
use chancery_journal::JournalError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Rule(#[from] RuleViolation),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("journal: {0}")]
    Journal(#[from] JournalError),
    #[error("journal entry #{seq} cannot be read back: {message}")]
    Corrupt { seq: u64, message: String },
    #[error(
        "the journal assigned #{journal} where the image expected #{image}; restart to recover"
    )]
    OutOfStep { journal: u64, image: u64 },
    /// The author may not record this act (role, organisation or visibility).
    #[error("{0}")]
    Forbidden(String),
    /// The start-up check found the hash chain broken: the store is served read-only.
    #[error("the journal's hash chain is broken ({0}); the store is read-only until it is repaired or restored")]
    Damaged(String),
    /// An earlier write failed (on disk, or by a panic under the write lock): the image was
    /// rebuilt from the journal and is served, but no write is taken until a restart.
    #[error("the service failed on an earlier write and takes no more until it is restarted")]
    Failed,
    /// Other instances kept appending first, each time this write was validated again: it was
    /// not recorded; try again shortly.
    #[error(
        "the record is being written by other instances too fast for this write to land; try again"
    )]
    Contended,
}

/// A refusal with every fault of the act, for a form that shows them all at once: `faults`
/// holds every rule the act breaks, `error`'s first, when the rules refused it, and is empty
/// otherwise.
#[derive(Debug)]
pub struct Refused {
    pub error: ServiceError,
    pub faults: Vec<RuleViolation>,
}
