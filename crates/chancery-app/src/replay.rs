//! Reading the journal back into acts, and rebuilding the image from it.

use chancery_domain::{Act, Image};
use chancery_journal::{Entry, Journal, StoreError};

use crate::ServiceError;

/// The version of the payload Chancery writes: an act's canonical JSON. A later format gets a
/// new number, and this version refuses to read it rather than misread it.
pub(crate) const ACT_SCHEMA: u16 = 1;

pub(crate) fn decode(entry: &Entry) -> Result<Act, ServiceError> {
    let corrupt = |message: String| ServiceError::Corrupt {
        seq: entry.seq,
        message,
    };
    if entry.schema != ACT_SCHEMA {
        return Err(corrupt(format!(
            "its payload is in format version {}, and this version of Chancery reads version {ACT_SCHEMA}: upgrade Chancery to read this store",
            entry.schema
        )));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&entry.payload).map_err(|e| corrupt(e.to_string()))?;
    // Stored acts were checked when recorded, maybe under older limits: read their shape only.
    Act::from_stored_json(value).map_err(|e| corrupt(e.message))
}

/// Rebuilds the image from the journal on two threads: one scans and decodes (JSON parsing is
/// most of the cost), the other folds; chunks pass through a bounded channel.
/// Acts numbered `before` and later are left out (`u64::MAX`: none).
pub(crate) fn replay(journal: &Journal, before: u64) -> Result<(Image, u64), ServiceError> {
    const CHUNK: usize = 4096;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(u64, i64, Act)>>(8);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<u64, ServiceError> {
            let mut last_unsalted = 0;
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut failure = None;
            let stopped = || StoreError::Aborted("replay stopped".into());
            let mut done = false;
            let scanned = journal.scan(0, &mut |entry| {
                if entry.seq >= before {
                    done = true;
                    return Err(stopped());
                }
                if entry.salt.is_none() {
                    last_unsalted = entry.seq;
                }
                match decode(&entry) {
                    Ok(act) => chunk.push((entry.seq, entry.recorded_at_micros, act)),
                    Err(e) => {
                        failure = Some(e);
                        return Err(stopped());
                    }
                }
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    tx.send(full).map_err(|_| stopped())?;
                }
                Ok(())
            });
            if let Some(e) = failure {
                return Err(e);
            }
            if !done {
                scanned?;
            }
            // The folding side stops early only on an error of its own, which it reports.
            let _ = tx.send(chunk);
            Ok(last_unsalted)
        });
        let image = Image::replay(rx.into_iter().flatten());
        let last_unsalted = reader.join().unwrap_or_else(|_| {
            Err(ServiceError::Corrupt {
                seq: 0,
                message: "the replay reader panicked".into(),
            })
        })?;
        image
            .map(|i| (i, last_unsalted))
            .map_err(|e| ServiceError::Corrupt {
                seq: e.seq,
                message: e.message,
            })
    })
}
