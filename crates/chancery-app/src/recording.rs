//! Recording on a principal's authority: the role and organisation checks, and the audit of
//! what was recorded and what was refused.

use chancery_accounts::policy::{
    may_record, may_withdraw, permission_to_record, permission_to_withdraw,
};
use chancery_accounts::{OrgKind, Permission, Principal};
use chancery_domain::act::{ActBody, MeasureAct};
use chancery_domain::rules::check_horizon;
use chancery_domain::vocab::Confidence;
use chancery_domain::{Act, RuleViolation};

use crate::clock::today;
use crate::{Audited, Chancery, Refused, ServiceError, StoredAct};

impl Chancery {
    /// Records an act for a user or token, after checking that their role may record its kind
    /// and that their organisation may record it in that relation with that visibility (both
    /// decided against the image under the write lock, so they cannot race another write).
    /// The outcome, recorded, denied or refused, is written to the audit log.
    pub async fn record_as(&self, act: Act, by: Audited<'_>) -> Result<StoredAct, ServiceError> {
        self.record_as_noting(act, by, None).await
    }

    /// [`record_as`](Self::record_as) for a form, which shows every fault at once: when the
    /// rules refuse the act, the refusal comes with every rule the act breaks, itself first.
    pub async fn record_as_every_fault(
        &self,
        act: Act,
        by: Audited<'_>,
    ) -> Result<StoredAct, Refused> {
        let mut faults = Vec::new();
        self.record_as_noting(act, by, Some(&mut faults))
            .await
            .map_err(|error| Refused { error, faults })
    }

    async fn record_as_noting(
        &self,
        act: Act,
        by: Audited<'_>,
        every_fault: Option<&mut Vec<RuleViolation>>,
    ) -> Result<StoredAct, ServiceError> {
        let kind = act.kind();
        let result = self.record_authorised(act, by.who, every_fault).await;
        let (target, outcome, detail) = match &result {
            Ok(stored) => (format!("#{} {kind}", stored.seq), "ok", String::new()),
            Err(ServiceError::Forbidden(why)) => (kind.to_owned(), "denied", why.clone()),
            Err(e) => (kind.to_owned(), "refused", e.to_string()),
        };
        if let Err(e) = &result {
            // The reason may quote what an internal act names; it goes to the audit log, which
            // only auditors read, and the log gets the rule's code alone.
            let rule = match e {
                ServiceError::Rule(v) => v.code.as_str(),
                _ => "",
            };
            tracing::info!(kind, outcome, rule, "act not recorded");
        }
        // The act is durable (or refused); its audit row joins the audit log's group commit,
        // and both are on disk before the caller answers.
        by.note_async("record_act", target, outcome, detail).await;
        result
    }

    async fn record_authorised(
        &self,
        act: Act,
        by: &Principal,
        every_fault: Option<&mut Vec<RuleViolation>>,
    ) -> Result<StoredAct, ServiceError> {
        // A withdrawal is judged by the act it withdraws: who recorded it, and what recording
        // it needed. An act the recorder may not see is left to the rules, which refuse it as
        // unknown in the words they use for an act that does not exist.
        let withdrawn = match act.body.withdraws() {
            Some(old) if self.image().visible_to(old, by.reader()) => self
                .acts(old.saturating_sub(1), 1)?
                .into_iter()
                .find(|a| a.seq == old),
            _ => None,
        };
        let needed = match &withdrawn {
            Some(original) => permission_to_withdraw(&original.act.body),
            None => permission_to_record(&act.body),
        };
        let author = by
            .user()
            .filter(|_| by.allows(needed, false))
            .zip(by.recorded_by());
        let Some((user, author)) = author else {
            return Err(ServiceError::Forbidden(format!(
                "{} may not record {}: it needs the {} role",
                by.actor(),
                act.kind(),
                if needed == Permission::RecordTalks {
                    "negotiator"
                } else {
                    "editor"
                }
            )));
        };
        let org = user.org.kind;
        // A ministry cannot keep its own state's measure out of every verdict by how it labels
        // it: that it is a court's, a private body's, symbolic or doubtful is for a mediator (or
        // the operator) to record, or for the ministry to claim of the other side's measure.
        if let (OrgKind::Party(s), ActBody::Measure(MeasureAct::Imposed(m))) = (org, &act.body) {
            let label = m.capacity().excluded_from_verdicts()
                || m.symbolic
                || act.envelope.confidence == Some(Confidence::Low);
            if m.actor == s && label && act.envelope.claimed_by.is_none() {
                return Err(ServiceError::Forbidden(format!(
                    "a ministry of {s} records its own state's measures as its government's, with \
                     their confidence: labelling one as another body's, symbolic or low-confidence \
                     keeps it out of every verdict, so a mediator records that"
                )));
            }
        }
        // A party ministry recording the other state's act records its claim (shown "per"
        // that party, never folded into the record): say so in the act, as it is stored.
        let mut act = act;
        match (org, act.envelope.claimed_by) {
            (OrgKind::Party(s), Some(c)) if c != s => {
                return Err(ServiceError::Forbidden(format!(
                    "a ministry of {s} makes claims for {s} only, not for {c}"
                )))
            }
            // A correction stays what it corrects: another state's act is not put right by
            // turning it into a claim (the correction rule below decides who may).
            (OrgKind::Party(s), None) if act.envelope.supersedes.is_none() => {
                let acting = self.image().acting_states(&act.body);
                if !acting.is_empty() && !acting.contains(&s) {
                    act.envelope.claimed_by = Some(s);
                }
            }
            (OrgKind::Party(_), _) => {}
            (_, Some(_)) => {
                return Err(ServiceError::Forbidden(
                    "only a party's ministry makes claims; mediators record what is established"
                        .into(),
                ))
            }
            (_, None) => {}
        }
        // A correction comes from the organisation that recorded the act, or from a mediator,
        // who records for either side (and corrects what the operator's tools loaded): one
        // side cannot rewrite the other's record, and a wrong act of one side can be put right
        // by a neutral party when the other disputes it.
        if let Some(old) = act.envelope.supersedes {
            let original = self
                .acts(old.saturating_sub(1), 1)?
                .into_iter()
                .find(|a| a.seq == old);
            if let Some(original) = original {
                let mine = org == OrgKind::Mediator
                    || original.recorded_by.org() == Some(user.org.id.as_str());
                // A correction of a hidden act is refused by the rules as unknown instead.
                if !mine && self.image().visible_to(old, by.reader()) {
                    return Err(ServiceError::Forbidden(format!(
                        "act #{old} was recorded by another organisation: only it may correct it"
                    )));
                }
            }
        }
        if let Some(original) = &withdrawn {
            may_withdraw(org, user.org.id.as_str(), &original.recorded_by)
                .map_err(|e| ServiceError::Forbidden(format!("act #{}: {}", original.seq, e.0)))?;
        }
        let reader = by.reader();
        self.record_checked(
            act,
            author,
            reader,
            |image, act| {
                // What the recorder may not see is unknown to it, before any other check speaks;
                // then where the act belongs (one relation, or a registration), before visibility
                // or permission is decided. Permission comes before every rule (the horizon
                // included): the rules are checked as the act's audience sees the record, which
                // only an organisation allowed to record for that audience may be told about.
                image.check_named_visible(&act.body, reader)?;
                image.check_one_relation(&act.body)?;
                let belongs = image.belongs(act)?;
                let audience = image.audience_of(act)?;
                may_record(
                    org,
                    audience,
                    belongs,
                    &image.acting_states(&act.body),
                    act.envelope.claimed_by,
                )
                .map_err(|e| ServiceError::Forbidden(e.0))?;
                check_horizon(act, today())?;
                Ok(())
            },
            every_fault,
        )
        .await
    }
}
