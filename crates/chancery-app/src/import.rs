//! Importing acts all or nothing, from a scenario file or a stream of acts read from a file
//! (`acts_file.rs`: the acts export, CSV or JSON). Each act is checked as it arrives against a
//! copy of the image holding the acts before it, exactly as [`Image::record`] checks one act,
//! so the work is linear in the acts, and its journal entry is handed to the journal at once
//! ([`chancery_journal::AppendStream`]): the store writes it inside one transaction that is
//! committed only when every act has passed, and rolled back at the first fault. Memory holds
//! the image's copy and a few chunks of entries, never the file or the whole import.

use chancery_accounts::RecordedBy;
use chancery_domain::rules::check_horizon;
use chancery_domain::scenario::{check_imported, Scenario, ScenarioError};
use chancery_domain::{Act, CivilDate};
use chancery_journal::Basis;

use crate::clock::now_micros;
use crate::{Chancery, ServiceError};

pub mod acts_file;

/// One act of an import, where its file has it. `supersedes` and a withdrawal's `act` name
/// earlier acts of the same import by their 1-based position in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// The line the act starts on, when the file has lines worth naming.
    pub line: Option<usize>,
    pub act: Act,
}

/// Where an import has got to, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStage {
    /// Every act was read, checked and handed to the journal; the transaction holding all
    /// `acts` is being committed.
    Committing { acts: usize },
}

impl Chancery {
    /// Imports a whole scenario all or nothing: every act is checked first against a copy of
    /// the image, then all are appended in one transaction. Returns the number of acts.
    pub fn import(&self, scenario: &Scenario, recorded_by: &str) -> Result<usize, ServiceError> {
        self.import_reporting(scenario, recorded_by, &|_, _| {})
    }

    /// [`Chancery::import`], telling `progress` how many acts are checked out of how many
    /// (each is handed to the store as it passes; the commit at the end is one transaction).
    pub fn import_reporting(
        &self,
        scenario: &Scenario,
        recorded_by: &str,
        progress: &dyn Fn(usize, usize),
    ) -> Result<usize, ServiceError> {
        const EVERY: usize = 1024;
        let total = scenario.acts.len();
        let mut acts = scenario.acts.iter().enumerate().map(|(i, sa)| {
            if (i + 1).is_multiple_of(EVERY) || i + 1 == total {
                progress(i + 1, total);
            }
            Ok(Incoming {
                line: Some(sa.line),
                act: sa.act.clone(),
            })
        });
        self.import_acts(&mut acts, recorded_by, &|_| {})
    }

    /// Imports acts as `acts` yields them, all or nothing: the first fault (an unreadable act,
    /// or one a rule refuses) ends the import with its line, position, field and rule, and
    /// nothing is stored. `stage` is told when every act was checked and the commit starts.
    ///
    /// The image's write lock is held throughout, so nothing is recorded meanwhile and readers
    /// never see half an import; so is the store's append lock (other instances' writes wait).
    pub fn import_acts(
        &self,
        acts: &mut dyn Iterator<Item = Result<Incoming, ScenarioError>>,
        recorded_by: &str,
        stage: &dyn Fn(ImportStage),
    ) -> Result<usize, ServiceError> {
        self.writable()?;
        let at = now_micros();
        let today = CivilDate::from_unix_micros(at);
        let by = RecordedBy::parse(recorded_by);
        let mut image = self.image_mut();
        self.align(&mut image)?;
        let base = image.last_seq();
        let basis = Basis {
            epoch: self.sync.epoch(),
            after: base,
        };
        let mut next = image.clone();
        // Each act's entry goes to the journal as soon as it is checked, in one transaction
        // the store keeps open: memory holds the image and a few chunks, not the whole import.
        let mut stream = self.journal.stream_on(basis);
        if stream.first_seq() == 0 {
            let refusal = stream.finish().wait().err();
            return Err(refusal.map_or(
                ServiceError::OutOfStep {
                    journal: 0,
                    image: base + 1,
                },
                |e| self.journal_refused(e),
            ));
        }
        if stream.first_seq() != base + 1 {
            return Err(ServiceError::OutOfStep {
                journal: stream.first_seq(),
                image: base + 1,
            });
        }
        for (i, incoming) in acts.enumerate() {
            // Any fault returns early, dropping the stream: the store keeps nothing of it.
            let Incoming { line, act } = incoming?;
            check_horizon(&act, today).map_err(|v| ScenarioError {
                line,
                act: Some(i + 1),
                field: v.field.map(str::to_owned),
                code: v.code.into(),
                message: v.message,
            })?;
            let act = check_imported(&mut next, base, i, line, act, at)?;
            if stream.push(Self::entry(&act, &by, at)).is_err() {
                // The journal stopped taking the import; finishing says why.
                break;
            }
        }
        let n = stream.pushed();
        if n == 0 {
            return Ok(0);
        }
        stage(ImportStage::Committing {
            acts: usize::try_from(n).unwrap_or(usize::MAX),
        });
        // Holding the lock while waiting keeps readers from seeing a half-imported record;
        // imports are rare.
        if let Err(e) = stream.finish().wait() {
            // Nothing of the import reached the image. Beaten by another instance or cut off
            // from the store, the journal carries on; any other failure has failed it.
            return Err(self.journal_refused(e));
        }
        *image = next;
        tracing::info!(acts = n, last = image.last_seq(), "acts imported");
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }
}
