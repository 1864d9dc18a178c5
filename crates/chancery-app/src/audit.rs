//! The audit log's view of a request: who asked, from where. Recording writes its outcome here
//! itself, so every edge that records (the API, the pages) audits alike.

use chancery_accounts::{Accounts, NewAudit, Principal};

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
    /// Writes one event. Never fails the action it describes: a full or failing audit log
    /// counts the event in memory and shows on /healthz (the journal, on its own budget,
    /// keeps recording acts).
    pub fn note(
        &self,
        action: &'static str,
        target: String,
        outcome: &'static str,
        detail: String,
    ) {
        self.log.record_audit(&NewAudit {
            at: now_micros(),
            actor: self.who.actor(),
            org: self.who.org(),
            source: self.source.to_owned(),
            action,
            target,
            outcome,
            detail,
        });
    }

    /// A body refused before it is an act is a refused act too, for the auditors (aggregated
    /// like every refusal, so a flood of them costs bounded rows).
    pub fn refused_before_act(&self, target: String, detail: String) {
        self.note("record_act", target, "refused", detail);
    }
}
