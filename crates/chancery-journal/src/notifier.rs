//! Wakes committed waiters off the writer thread.
//!
//! Waking a blocked thread costs a syscall and often a context switch; done inline for a group
//! of dozens it took as long as the fsync itself. Handing the group to this thread lets the
//! writer start its next commit at once, so wake-ups overlap the disk wait instead of adding to
//! it.

use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use crate::pending::{Committed, Outcome};

/// The waiters of one committed group, each with where its entries landed.
pub(crate) type Acks = Vec<(oneshot::Sender<Outcome>, Committed)>;

/// The writer's end. Dropping it (when the writer exits) lets the notifier drain and stop.
pub(crate) struct Notifier(mpsc::Sender<Acks>);

impl Notifier {
    pub(crate) fn spawn() -> io::Result<(Notifier, JoinHandle<()>)> {
        let (tx, rx) = mpsc::channel::<Acks>();
        let handle = std::thread::Builder::new()
            .name("chancery-journal-notifier".into())
            .spawn(move || rx.into_iter().for_each(ack))?;
        Ok((Notifier(tx), handle))
    }

    pub(crate) fn notify(&self, acks: Acks) {
        // Should the notifier be gone, the waiters are still owed their answer.
        if let Err(mpsc::SendError(acks)) = self.0.send(acks) {
            ack(acks);
        }
    }
}

fn ack(acks: Acks) {
    for (done, committed) in acks {
        // A caller that dropped its Pending no longer cares; that is not an error.
        let _ = done.send(Ok(committed));
    }
}
