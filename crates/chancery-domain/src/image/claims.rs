//! Claims: what one ministry records about the other state's conduct ("RU lifted X", "RU
//! closed Y"). A claim is kept apart from the record's timelines: it is shown as "per US", and
//! never folded, so no rule ever refuses, invalidates or overwrites the other party's own acts
//! because of it. The other party may dispute or confirm it. Verdicts leave claims out unless
//! asked to include a party's claims ([`Image::with_claims`]).

use serde::Serialize;

use crate::access::{Audience, Reader};
use crate::act::{Act, ActBody, ClaimAct, MeasureAct, MeasureImposed};
use crate::date::ValidDate;
use crate::ids::{MeasureId, RelationKey, StateCode};
use crate::rules::{RuleCode, RuleViolation};

use super::subject::{Checking, Placing, SubjectRules};
use super::timeline::View;
use super::visibility::Named;
use super::{Image, ReplayError, Touched};

/// A claim as recorded, with the other party's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub seq: u64,
    pub by: StateCode,
    pub relation: RelationKey,
    pub act: Act,
    pub audience: Audience,
    /// The other party's answers, in journal order: the last one stands.
    pub answers: Vec<(u64, ValidDate, ClaimAnswer)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimAnswer {
    Disputed(String),
    Confirmed,
}

/// Where a claim stands as a view sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClaimStatus {
    /// Not answered by the other party.
    Open,
    Disputed,
    Confirmed,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimView {
    /// The claim's journal sequence number.
    pub seq: u64,
    pub date: ValidDate,
    /// The party that claims it ("per US").
    pub by: StateCode,
    /// The kind of act claimed, e.g. `measure_lifted`.
    pub kind: &'static str,
    /// What the act is about, e.g. `measure:r039`.
    pub subject: String,
    pub status: ClaimStatus,
    /// The answer's sequence number and, for a dispute, its reason.
    pub answered_by: Option<u64>,
    pub reason: Option<String>,
    pub external_ref: Option<String>,
    pub sources: Vec<String>,
}

impl Image {
    /// Records `act` as the claim of `by`: checked for what it is (an act of the other state of
    /// one relation), never against the record's timelines.
    pub(super) fn record_claim(
        &mut self,
        act: &Act,
        by: StateCode,
        recorded_at_micros: i64,
        audience: Audience,
    ) -> Result<u64, RuleViolation> {
        let relation = self.claim_relation(act, by)?;
        if act.envelope.supersedes.is_some() {
            return Err(RuleViolation::new(
                RuleCode::InvalidSupersede,
                "a claim is not corrected: withdraw it and record it again",
            )
            .field("supersedes"));
        }
        self.check_plausible_date(act, Reader::Within(audience))?;
        let seq = self.last_seq() + 1;
        self.push_claim(seq, act, by, relation, audience, recorded_at_micros);
        Ok(seq)
    }

    /// Replays a claim: it was checked when recorded.
    pub(super) fn replay_claim(
        &mut self,
        seq: u64,
        act: &Act,
        by: StateCode,
        recorded_at_micros: i64,
        audience: Audience,
    ) -> Result<(), ReplayError> {
        let relation = self.claim_relation(act, by).map_err(|v| ReplayError {
            seq,
            message: v.message,
        })?;
        self.push_claim(seq, act, by, relation, audience, recorded_at_micros);
        Ok(())
    }

    fn push_claim(
        &mut self,
        seq: u64,
        act: &Act,
        by: StateCode,
        relation: RelationKey,
        audience: Audience,
        recorded_at_micros: i64,
    ) {
        self.claims.push(Claim {
            seq,
            by,
            relation,
            act: act.clone(),
            audience,
            answers: Vec::new(),
        });
        let relation = self.relation_of(&act.body);
        self.acts.push(super::ActIndex::new(
            act,
            recorded_at_micros,
            audience,
            relation,
        ));
    }

    /// A claim is an act of the other state of a relation `by` is party to: not `by`'s own act,
    /// not one either party records, and not an answer to a claim or a withdrawal.
    fn claim_relation(&self, act: &Act, by: StateCode) -> Result<RelationKey, RuleViolation> {
        let not =
            |why: String| Err(RuleViolation::new(RuleCode::NotAClaim, why).field("claimed_by"));
        if matches!(act.body, ActBody::Claim(_) | ActBody::Withdrawal(_)) {
            return not(format!(
                "a {} is not claimed: it is recorded as it is",
                act.kind()
            ));
        }
        let Some(relation) = self.relation_of(&act.body) else {
            return not("a claim is about one relation's record".into());
        };
        if !relation.contains(by) {
            return not(format!(
                "{by} is not a party of {relation}: a claim is a party's about the other"
            ));
        }
        let acting = self.acting_states(&act.body);
        if acting.is_empty() || acting.contains(&by) {
            return not(format!(
                "this act is {}: record it as it is, not as a claim of {by}",
                if acting.is_empty() {
                    "either party's to record".to_owned()
                } else {
                    format!("{by}'s own")
                }
            ));
        }
        Ok(relation)
    }

    fn claim_index(&self, seq: u64) -> Option<usize> {
        self.claims.binary_search_by_key(&seq, |c| c.seq).ok()
    }

    /// The relation of claim `seq`, for a withdrawal or an answer.
    pub(super) fn claim_relation_of(&self, seq: u64) -> Option<RelationKey> {
        self.claim_index(seq).map(|i| self.claims[i].relation)
    }

    /// Takes back the answers recorded by act `seq` (refused, or not stored by the journal).
    pub(super) fn unanswer(&mut self, seq: u64) {
        for c in &mut self.claims {
            c.answers.retain(|(s, _, _)| *s != seq);
        }
        if self.claims.last().is_some_and(|c| c.seq == seq) {
            self.claims.pop();
        }
    }

    /// Claims of the relation `a`–`b` that the view knows, each with where it stands.
    pub fn claims(&self, a: StateCode, b: StateCode, view: View) -> Vec<ClaimView> {
        let key = RelationKey::new(a, b);
        self.claims
            .iter()
            .filter(|c| c.relation == key && view.reader.sees(c.audience))
            .filter(|c| view.known_through.includes(c.seq))
            // A claim of what happened after the day asked is not part of the view of that day.
            .filter(|c| c.act.envelope.date.earliest() <= view.as_of)
            .filter(|c| {
                self.act_index(c.seq)
                    .and_then(|a| a.withdrawn_by)
                    .is_none_or(|w| !view.known_through.includes(w))
            })
            .map(|c| {
                let answer = c
                    .answers
                    .iter()
                    .rev()
                    .find(|(s, _, _)| view.known_through.includes(*s));
                let p = &c.act.envelope;
                ClaimView {
                    seq: c.seq,
                    date: p.date,
                    by: c.by,
                    kind: c.act.kind(),
                    subject: c.act.body.subject(),
                    status: match answer {
                        None => ClaimStatus::Open,
                        Some((_, _, ClaimAnswer::Disputed(_))) => ClaimStatus::Disputed,
                        Some((_, _, ClaimAnswer::Confirmed)) => ClaimStatus::Confirmed,
                    },
                    answered_by: answer.map(|(s, _, _)| *s),
                    reason: match answer {
                        Some((_, _, ClaimAnswer::Disputed(r))) => Some(r.clone()),
                        _ => None,
                    },
                    external_ref: p.external_ref.clone(),
                    sources: p.sources.clone(),
                }
            })
            .collect()
    }

    /// The impositions of measures that `by` claims in the relation and `view` knows (not
    /// withdrawn as the view knows it), each with its date and where the claim stands, in
    /// journal order.
    pub(crate) fn claimed_impositions<'a>(
        &'a self,
        relation: RelationKey,
        by: StateCode,
        view: View,
    ) -> impl Iterator<Item = (&'a MeasureImposed, ValidDate, ClaimStatus)> + 'a {
        self.claims
            .iter()
            .filter(move |c| {
                c.by == by
                    && c.relation == relation
                    && view.reader.sees(c.audience)
                    && view.known_through.includes(c.seq)
                    && self
                        .act_index(c.seq)
                        .and_then(|a| a.withdrawn_by)
                        .is_none_or(|w| !view.known_through.includes(w))
            })
            .filter_map(move |c| {
                let ActBody::Measure(MeasureAct::Imposed(m)) = &c.act.body else {
                    return None;
                };
                let status = match c
                    .answers
                    .iter()
                    .rev()
                    .find(|(s, _, _)| view.known_through.includes(*s))
                {
                    None => ClaimStatus::Open,
                    Some((_, _, ClaimAnswer::Disputed(_))) => ClaimStatus::Disputed,
                    Some((_, _, ClaimAnswer::Confirmed)) => ClaimStatus::Confirmed,
                };
                Some((&**m, c.act.envelope.date, status))
            })
    }

    /// The last imposition of measure `id` that `by` claims and `view` knows: a denial of
    /// access only the national's ministry reports is its claim, and its case may name it.
    pub(crate) fn claimed_imposition(
        &self,
        id: &MeasureId,
        relation: RelationKey,
        by: StateCode,
        view: &View,
    ) -> Option<(&MeasureImposed, ValidDate, ClaimStatus)> {
        self.claimed_impositions(relation, by, *view)
            .filter(|(m, _, _)| m.measure == *id)
            .last()
    }

    /// The relation's slice as `reader` sees it, with the claims of `by` that are not disputed
    /// recorded as if established, in journal order; a claim the rules refuse on the record is
    /// left out. For verdicts asked to include a party's claims.
    pub fn with_claims(&self, a: StateCode, b: StateCode, reader: Reader, by: StateCode) -> Image {
        let mut copy = self.slice_for(a, b, reader);
        let view = View::whole_record(View::everything().as_of, reader);
        for c in self
            .claims(a, b, view)
            .into_iter()
            .filter(|c| c.by == by && c.status != ClaimStatus::Disputed)
        {
            let Some(i) = self.claim_index(c.seq) else {
                continue;
            };
            let mut act = self.claims[i].act.clone();
            act.envelope.claimed_by = None;
            act.envelope.visibility = crate::access::Visibility::Public;
            let _ = copy.record(&act, 0);
        }
        copy
    }
}

impl SubjectRules for ClaimAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        Vec::new()
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        let seq = self.claim();
        let Some(i) = image
            .claim_index(seq)
            .filter(|i| at.reader.sees(image.claims[*i].audience))
        else {
            return Err(RuleViolation::new(
                RuleCode::UnknownClaim,
                format!("act #{seq} is not a claim this act's readers may see"),
            )
            .field("claim"));
        };
        let claim = &image.claims[i];
        if let Some((s, _, _)) = claim.answers.last() {
            return Err(RuleViolation::new(
                RuleCode::ClaimAlreadyAnswered,
                format!("claim #{seq} was already answered by act #{s}"),
            )
            .field("claim"));
        }
        if claim.act.envelope.date.certainly_after(at.date) {
            return Err(RuleViolation::new(
                RuleCode::ActBeforeSubjectExists,
                format!(
                    "claim #{seq} is dated {}: it cannot be answered before",
                    claim.act.envelope.date
                ),
            )
            .field("date"));
        }
        Ok(())
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let seq = self.claim();
        let Some(i) = image.claim_index(seq) else {
            return Err(at.missing("claim", &seq));
        };
        let answer = match self {
            ClaimAct::Disputed { reason, .. } => ClaimAnswer::Disputed(reason.clone()),
            ClaimAct::Confirmed { .. } => ClaimAnswer::Confirmed,
        };
        image.claims[i].answers.push((at.seq, at.date, answer));
        Ok(())
    }

    /// The claimed-about state answers: the acting state of the act claimed.
    fn acting(&self, image: &Image) -> Vec<StateCode> {
        image
            .claim_index(self.claim())
            .map(|i| {
                let c = &image.claims[i];
                c.relation.other(c.by).into_iter().collect()
            })
            .unwrap_or_default()
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        vec![(Named::Act(self.claim()), "claim")]
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        image.claim_relation_of(self.claim())
    }

    fn belongs_field(&self) -> &'static str {
        "claim"
    }
}
