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

    /// Keeps every entity's timeline in one audience, and references nested:
    /// - an act about a post, premises, member, measure, commitment or a mission's heads of
    ///   mission has the visibility of the act that created it (so any reader sees all of an
    ///   entity's history or none of it, and one side's hidden act can never block or contradict
    ///   the other side's public one);
    /// - an act may refer (answers, lifts, eases, the post of new premises or a new member) only
    ///   to what all its readers may see;
    /// - a correction keeps the visibility of the act it corrects.
    ///
    /// Refusals do not say who may see the other thing.
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
                    "a correction keeps the visibility of the act it corrects; record the act again with the new visibility instead",
                )
                .field("visibility"));
            }
        }
        for t in touched {
            let (what, theirs) = match t {
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
                Touched::Heads(key) => (
                    format!("the heads of mission of {} in {}", key.sending, key.host),
                    self.missions.get(key).and_then(|m| creation(&m.heads)),
                ),
                // Independent facts: a report or a round stands alone.
                Touched::State(_) | Touched::Reports(_) | Touched::Talks(_) => continue,
            };
            // `None`: the act creates it (or it does not exist, which other rules refuse).
            if theirs.is_some_and(|theirs| theirs != audience) {
                return Err(RuleViolation::new(
                    "visibility_differs_from_subject",
                    format!(
                        "{what} is not recorded with this visibility: an act about a thing has the visibility of the act that recorded it"
                    ),
                )
                .field("visibility"));
            }
        }
        let mut referred: Vec<(String, Option<Audience>)> = Vec::new();
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
            if let Some(theirs) = theirs {
                if !audience.within(theirs) {
                    return Err(RuleViolation::new(
                        "visibility_wider_than_subject",
                        format!(
                            "{what} is not visible to everyone who could see this act: an act cannot refer to what some of its readers cannot see"
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
