//! What a command that fails tells its caller: a message for the user and a stable exit
//! code for scripts. The codes are part of the interface (docs/cli.md, the man page's EXIT
//! STATUS, `chancery --help`); a code once given keeps its meaning.

use std::fmt::Display;

use chancery_app::ServiceError;
use chancery_domain::consular::scenario::ScenarioError;
use chancery_domain::query::QueryError;
use chancery_domain::reciprocity::index::IndexError;
use chancery_journal::JournalError;

/// The exit codes, each with the word scripts may match on and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok,
    Internal,
    Usage,
    NotFound,
    Refused,
    Busy,
    Broken,
}

impl Exit {
    pub const ALL: [Exit; 7] = [
        Exit::Ok,
        Exit::Internal,
        Exit::Usage,
        Exit::NotFound,
        Exit::Refused,
        Exit::Busy,
        Exit::Broken,
    ];

    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Internal => 1,
            Exit::Usage => 2,
            Exit::NotFound => 3,
            Exit::Refused => 4,
            Exit::Busy => 5,
            Exit::Broken => 6,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Ok => "done",
            Exit::Internal => {
                "failed for a reason outside the request: a file that cannot be read or written, \
                 a storage error, a bug"
            }
            Exit::Usage => {
                "the command line is wrong: an unknown option, a missing or malformed argument \
                 (clap's own code), or arguments that cannot go together"
            }
            Exit::NotFound => {
                "what was named does not exist: no store at --db, an unknown state, post, user \
                 or token, a missing input file"
            }
            Exit::Refused => {
                "refused by a rule: an act or a scenario file breaks a rule (the message names \
                 the rule code and the field), or the store is not in a state to take it"
            }
            Exit::Busy => {
                "the store is in use by another process (a server running on it); nothing was \
                 changed"
            }
            Exit::Broken => {
                "verification failed: the journal's hash chain is broken, or does not hold the \
                 head given with --expect-head"
            }
        }
    }

    /// The table `chancery --help` and the man page show.
    pub fn table() -> String {
        let mut out = String::from("Exit status:\n");
        for e in Exit::ALL {
            out.push_str(&format!("  {}  {}\n", e.code(), e.meaning()));
        }
        out
    }
}

/// A command's failure. One variant per exit code but `Ok`; the message is the user's.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Busy(String),
    #[error("{0}")]
    Broken(String),
}

impl CliError {
    /// The one mapping from a failure to its exit code.
    pub fn exit(&self) -> Exit {
        match self {
            CliError::Internal(_) => Exit::Internal,
            CliError::Usage(_) => Exit::Usage,
            CliError::NotFound(_) => Exit::NotFound,
            CliError::Refused(_) => Exit::Refused,
            CliError::Busy(_) => Exit::Busy,
            CliError::Broken(_) => Exit::Broken,
        }
    }

    /// The application core's error, its message prefixed by what it concerns (a file).
    pub fn service(context: impl Display, e: ServiceError) -> CliError {
        let message = format!("{context}: {e}");
        match e {
            ServiceError::Rule(_) | ServiceError::Scenario(_) | ServiceError::Forbidden(_) => {
                CliError::Refused(message)
            }
            ServiceError::Journal(j) => Self::journal_kind(&j)(message),
            ServiceError::Corrupt { .. } | ServiceError::Damaged(_) => CliError::Broken(message),
            ServiceError::OutOfStep { .. } | ServiceError::Failed => CliError::Internal(message),
            ServiceError::Contended => CliError::Busy(message),
        }
    }

    fn journal_kind(e: &JournalError) -> fn(String) -> CliError {
        if e.is_unavailable() {
            return CliError::Busy;
        }
        match e {
            JournalError::Locked(_) | JournalError::Conflict { .. } | JournalError::Stalled(_) => {
                CliError::Busy
            }
            JournalError::Broken(_) => CliError::Broken,
            _ => CliError::Internal,
        }
    }

    /// A file that could not be read or written: missing is "not found", anything else is
    /// outside the request.
    pub fn io(context: impl Display, e: &std::io::Error) -> CliError {
        let message = format!("{context}: {e}");
        match e.kind() {
            std::io::ErrorKind::NotFound => CliError::NotFound(message),
            _ => CliError::Internal(message),
        }
    }
}

impl From<QueryError> for CliError {
    fn from(e: QueryError) -> CliError {
        match e {
            QueryError::UnknownState(_) => CliError::NotFound(e.to_string()),
            QueryError::SameState(_) => CliError::Usage(e.to_string()),
        }
    }
}

/// A series asked for over a range or step that cannot be: the command line is at fault.
impl From<IndexError> for CliError {
    fn from(e: IndexError) -> CliError {
        match e {
            IndexError::Query(q) => q.into(),
            _ => CliError::Usage(e.to_string()),
        }
    }
}

impl From<ScenarioError> for CliError {
    fn from(e: ScenarioError) -> CliError {
        match e {
            ScenarioError::Query(q) => q.into(),
            ScenarioError::UnknownPost(_) => CliError::NotFound(e.to_string()),
            ScenarioError::Invalid { .. } => CliError::Refused(e.to_string()),
        }
    }
}

/// Commands written before the codes, and new ones that have no better word yet, fail with a
/// message: it counts as internal (1), the code every failure had before.
impl From<String> for CliError {
    fn from(message: String) -> CliError {
        CliError::Internal(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_in_order() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, (0..7).collect::<Vec<u8>>());
    }

    #[test]
    fn a_locked_store_is_busy_and_a_broken_chain_is_broken() {
        let locked = ServiceError::Journal(JournalError::Locked(chancery_journal::StorePath {
            given: "x.db".into(),
            canonical: None,
        }));
        assert_eq!(CliError::service("x.db", locked).exit(), Exit::Busy);
        let damaged = ServiceError::Damaged("entry #3 altered".into());
        assert_eq!(CliError::service("x.db", damaged).exit(), Exit::Broken);
        assert_eq!(
            CliError::service("x", ServiceError::Failed).exit(),
            Exit::Internal
        );
    }

    #[test]
    fn an_unknown_state_is_not_found_and_the_same_state_twice_is_usage() {
        let us: chancery_domain::StateCode = "US".parse().unwrap();
        assert_eq!(
            CliError::from(QueryError::UnknownState(us)).exit(),
            Exit::NotFound
        );
        assert_eq!(
            CliError::from(QueryError::SameState(us)).exit(),
            Exit::Usage
        );
    }
}
