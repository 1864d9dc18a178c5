//! The audit log's view of a request: who asked, from where. Recording writes its outcome here
//! itself, so every edge that records (the API, the pages) audits alike.

use chancery_accounts::{Accounts, AuditPending, NewAudit, Principal};

use crate::clock::now_micros;

/// Who is asking and from where, with the log their actions are written to.
#[derive(Clone, Copy)]
pub struct Audited<'a> {
    pub log: &'a Accounts,
    pub who: &'a Principal,
    /// The peer address, as the audit log shows it.
    pub source: &'a str,
}

impl Audited<'_> {
    /// Writes one event and waits for the audit log's commit (blocking the thread). Never
    /// fails the action it describes: a full or failing audit log counts the event in memory
    /// and shows on /healthz (the journal, on its own budget, keeps recording acts).
    pub fn note(
        &self,
        action: &'static str,
        target: String,
        outcome: &'static str,
        detail: String,
    ) {
        let _ = self.submit(action, target, outcome, detail).wait();
    }

    /// [`note`](Self::note) without blocking a thread: the row joins the audit log's next
    /// group commit, and this returns once it is durable (or counted).
    pub async fn note_async(
        &self,
        action: &'static str,
        target: String,
        outcome: &'static str,
        detail: String,
    ) {
        let pending = self.submit(action, target, outcome, detail);
        let _ = pending.wait_async().await;
    }

    fn submit(
        &self,
        action: &'static str,
        target: String,
        outcome: &'static str,
        detail: String,
    ) -> AuditPending {
        self.log.submit_audit(&NewAudit {
            at: now_micros(),
            actor: self.who.actor(),
            org: self.who.org(),
            source: self.source.to_owned(),
            action,
            target,
            outcome,
            detail,
        })
    }

    /// A body refused before it is an act is a refused act too, for the auditors (aggregated
    /// like every refusal, so a flood of them costs bounded rows).
    pub fn refused_before_act(&self, target: String, detail: String) {
        self.note("record_act", target, "refused", detail);
    }

    /// [`refused_before_act`](Self::refused_before_act) for an async caller: a flood of bad
    /// bodies then waits for the audit log's commits without holding an async worker each.
    pub async fn refused_before_act_async(&self, target: String, detail: String) {
        self.note_async("record_act", target, "refused", detail)
            .await;
    }
}
