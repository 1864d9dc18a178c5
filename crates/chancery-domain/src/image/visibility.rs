//! Resolving an act's visibility into an audience, and the rules that keep audiences nested: an
//! act is never seen by someone who cannot see what it is about, so a reader's view never holds
//! a closure without its post or an answer without the measure it answers.

use crate::access::{Audience, Visibility};
use crate::act::{Act, ActBody};
use crate::ids::MeasureId;
use crate::rules::RuleViolation;

use super::timeline::Stamped;
use super::{Image, Touched};

fn creation<E>(events: &[Stamped<E>]) -> Option<Audience> {
    events.iter().min_by_key(|e| e.seq).map(|e| e.audience)
}

impl Image {
    /// The audience of `act`: its visibility resolved against the relation it belongs to.
    pub fn audience_of(&self, act: &Act) -> Result<Audience, RuleViolation> {
        let relation = self
            .relation_of(&act.body)
            .filter(|k| k.states().0 != k.states().1);
        let refuse = |msg: String| {
            Err(RuleViolation::new("visibility_outside_relation", msg).field("visibility"))
        };
        match (act.envelope.visibility, relation) {
            (Visibility::Public, _) => Ok(Audience::Public),
            (Visibility::Bilateral, Some(k)) => Ok(Audience::Relation(k)),
            (Visibility::Internal(s), Some(k)) if k.contains(s) => Ok(Audience::Party(s)),
            (Visibility::Internal(s), Some(k)) => refuse(format!(
                "an act of the relation {k} can be internal to one of its parties, not to {s}"
            )),
            (_, None) => refuse(format!(
                "{} belongs to no relation between two states, so it can only be public",
                act.kind()
            )),
        }
    }

    /// Refuses an act seen more widely than something it is about or refers to, and a
    /// correction that changes who may see the act it corrects.
    pub(super) fn check_audience(
        &self,
        act: &Act,
        audience: Audience,
        touched: &[Touched],
    ) -> Result<(), RuleViolation> {
        if let Some(old) = act.envelope.supersedes.and_then(|seq| self.act_index(seq)) {
            if old.audience != audience {
                return Err(RuleViolation::new(
                    "visibility_changed_by_correction",
                    format!(
                        "a correction keeps the visibility of the act it corrects ({}); record the act again with the new visibility instead",
                        old.audience.describe()
                    ),
                )
                .field("visibility"));
            }
        }
        let mut referred: Vec<(String, Option<Audience>)> = Vec::new();
        for t in touched {
            let (what, audience) = match t {
                Touched::Post(id) => (
                    format!("post `{id}`"),
                    self.posts.get(id).and_then(|r| creation(&r.events)),
                ),
                Touched::Premises(id) => (
                    format!("premises `{id}`"),
                    self.premises.get(id).and_then(|r| creation(&r.events)),
                ),
                Touched::Member(id) => (
                    format!("member `{id}`"),
                    self.members.get(id).and_then(|r| creation(&r.events)),
                ),
                Touched::Measure(id) => (format!("measure `{id}`"), self.measure_audience(id)),
                Touched::Commitment(id) => (
                    format!("commitment `{id}`"),
                    self.commitments.get(id).and_then(|r| creation(&r.events)),
                ),
                // Aggregates of a mission or relation: no act creates them.
                Touched::State(_) | Touched::Heads(_) | Touched::Reports(_) | Touched::Talks(_) => {
                    continue
                }
            };
            referred.push((what, audience));
        }
        let measures: &[MeasureId] = match &act.body {
            ActBody::MeasureImposed(m) => &m.answers,
            ActBody::CommitmentMade(c) => &c.lifts,
            _ => &[],
        };
        let eased: &[MeasureId] = match &act.body {
            ActBody::CommitmentMade(c) => &c.eases,
            _ => &[],
        };
        for id in measures.iter().chain(eased) {
            referred.push((format!("measure `{id}`"), self.measure_audience(id)));
        }
        match &act.body {
            ActBody::PremisesAcquired { post, .. } | ActBody::MemberNotified { post, .. } => {
                referred.push((
                    format!("post `{post}`"),
                    self.posts.get(post).and_then(|r| creation(&r.events)),
                ));
            }
            _ => {}
        }
        for (what, theirs) in referred {
            // `None`: the act creates it (or it does not exist, which other rules refuse).
            if let Some(theirs) = theirs {
                if !audience.within(theirs) {
                    return Err(RuleViolation::new(
                        "visibility_wider_than_subject",
                        format!(
                            "this act would be {} but {what} is {}: an act cannot be seen by readers who cannot see what it is about",
                            audience.describe(),
                            theirs.describe()
                        ),
                    )
                    .field("visibility"));
                }
            }
        }
        Ok(())
    }

    fn measure_audience(&self, id: &MeasureId) -> Option<Audience> {
        self.measures.get(id).and_then(|r| creation(&r.events))
    }
}
