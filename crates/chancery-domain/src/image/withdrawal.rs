//! Withdrawing an act recorded in error. The withdrawn act's events are marked as a
//! correction's predecessors are (`superseded_by` = the withdrawal), so every view that knows of
//! the withdrawal ignores them and views known through an earlier act still show them; the
//! withdrawal itself writes no event.
//!
//! A withdrawal is refused when something still standing depends on the act: a later event of
//! the same entity (the entity's fold finds it), or another entity that names what the act
//! created (a member of a withdrawn post, an agreement of a withdrawn round ...). A measure
//! answering a withdrawn measure, or a commitment to lift it, does not hold it: either may be
//! the other party's act. The
//! image keeps no list of the timelines each act wrote to, so a withdrawal finds them by a scan:
//! withdrawals are rare, and the scan is linear in the image.

use std::collections::HashMap;

use crate::access::Reader;
use crate::act::WithdrawalAct;
use crate::ids::{
    MeasureId, MemberId, MissionKey, PostId, PremisesId, RelationKey, RoundId, StateCode,
};
use crate::rules::{RefusalSaid, RuleCode, RuleViolation};

use super::commitments::CommitmentEvent;
use super::measures::MeasureEvent;
use super::members::MemberEvent;
use super::mission::TalkEvent;
use super::posts::{PostEvent, PremisesEvent};
use super::subject::{Checking, Placing, SubjectRules};
use super::timeline::{Stamped, View};
use super::visibility::Named;
use super::{Image, ReplayError, Touched};

fn holds<E>(events: &[Stamped<E>], seq: u64) -> bool {
    events.iter().any(|e| e.seq == seq)
}

/// The first event of `events` that `view` knows and `names` says refers to the thing, as
/// (its act, what it is).
fn first_naming<E>(
    events: &[Stamped<E>],
    view: View,
    what: &str,
    names: impl Fn(&E) -> bool,
) -> Option<(u64, String)> {
    events
        .iter()
        .filter(|e| view.knows(e) && names(&e.ev))
        .map(|e| (e.seq, what.to_owned()))
        .min()
}

/// What a withdrawn act created, that other records may name.
enum Created {
    Post(PostId),
    Premises(PremisesId),
    Member(MemberId),
    Measure(MeasureId),
    Round(RoundId),
}

impl Image {
    /// Every timeline holding an event of act `seq`, in a stable order (so the dependant a
    /// refusal names does not depend on hashing).
    pub(super) fn timelines_of_act(&self, seq: u64) -> Vec<Touched> {
        fn holding<K: Ord + Clone, R>(
            map: &HashMap<K, R>,
            events: impl Fn(&R) -> bool,
            touched: impl Fn(K) -> Touched,
        ) -> Vec<Touched> {
            let mut ids: Vec<&K> = map
                .iter()
                .filter(|(_, r)| events(r))
                .map(|(k, _)| k)
                .collect();
            ids.sort_unstable();
            ids.into_iter().cloned().map(touched).collect()
        }
        let mut out: Vec<Touched> = self
            .states
            .iter()
            .filter(|(_, t)| holds(t, seq))
            .map(|(code, _)| Touched::State(*code))
            .collect();
        out.extend(holding(
            &self.posts,
            |r| holds(&r.events, seq),
            Touched::Post,
        ));
        out.extend(holding(
            &self.premises,
            |r| holds(&r.events, seq),
            Touched::Premises,
        ));
        out.extend(holding(
            &self.members,
            |r| holds(&r.events, seq),
            Touched::Member,
        ));
        out.extend(holding(
            &self.measures,
            |r| holds(&r.events, seq),
            Touched::Measure,
        ));
        out.extend(holding(
            &self.commitments,
            |r| holds(&r.events, seq),
            Touched::Commitment,
        ));
        out.extend(holding(
            &self.cases,
            |r| holds(&r.events, seq),
            Touched::Case,
        ));
        out.extend(holding(
            &self.missions,
            |m| holds(&m.heads, seq),
            Touched::Heads,
        ));
        out.extend(holding(
            &self.missions,
            |m| holds(&m.reports, seq),
            Touched::Reports,
        ));
        out.extend(holding(
            &self.relations,
            |r| holds(&r.talks, seq),
            Touched::Talks,
        ));
        out
    }

    /// The relation a timeline belongs to (`None` for a state's names: a registration).
    fn relation_of_timeline(&self, t: &Touched) -> Option<RelationKey> {
        let of_mission = |k: &MissionKey| RelationKey::new(k.sending, k.host);
        match t {
            Touched::State(_) => None,
            Touched::Post(id) => self.post_relation(id),
            Touched::Premises(id) => self.premises_relation(id),
            Touched::Member(id) => self.member_relation(id),
            Touched::Heads(k) | Touched::Reports(k) => Some(of_mission(k)),
            Touched::Measure(id) => self
                .measures
                .get(id)
                .map(|r| RelationKey::new(r.actor, r.target)),
            Touched::Talks(k) => Some(*k),
            Touched::Commitment(id) => self.commitments.get(id).map(|r| r.relation),
            Touched::Case(id) => self.cases.get(id).map(|r| r.relation),
        }
    }

    /// The relation of act `seq`, from the timelines it wrote to.
    pub(super) fn act_relation(&self, seq: u64) -> Option<RelationKey> {
        self.claim_relation_of(seq).or_else(|| {
            self.timelines_of_act(seq)
                .iter()
                .find_map(|t| self.relation_of_timeline(t))
        })
    }

    /// The act that withdrew act `seq`, if one did.
    pub fn withdrawn_by(&self, seq: u64) -> Option<u64> {
        self.act_index(seq).and_then(|a| a.withdrawn_by)
    }

    /// The rules a withdrawal must meet before it is applied: the act exists and its recorder
    /// may see it, is neither a withdrawal nor a state's registration, and is not already
    /// withdrawn or corrected (the correction is what to withdraw).
    fn check_withdrawal(&self, old: u64, at: Checking) -> Result<(), RuleViolation> {
        let invalid =
            |msg: String| Err(RuleViolation::new(RuleCode::InvalidWithdrawal, msg).field("act"));
        if at.correcting {
            return invalid(
                "a withdrawal is not corrected: the act stays withdrawn, and its reason stands"
                    .into(),
            );
        }
        // An act the withdrawal's readers may not see is, to them, an act that does not exist.
        let Some(prev) = self.act_index(old).filter(|p| at.reader.sees(p.audience)) else {
            return invalid(format!(
                "act #{old} does not exist or is not visible with this act's visibility"
            ));
        };
        if let Some(by) = prev.withdrawn_by {
            return Err(RuleViolation::new(
                RuleCode::ActAlreadyWithdrawn,
                format!("act #{old} was already withdrawn by act #{by}"),
            )
            .field("act")
            .said(RefusalSaid::AlreadyWithdrawn { old, by }));
        }
        self.check_withdrawable(old)?;
        match prev.superseded_by {
            Some(by) => invalid(format!(
                "act #{old} was corrected by act #{by}: withdraw act #{by}, which withdraws what it corrected too"
            )),
            None => Ok(()),
        }
    }

    /// Refuses to withdraw a withdrawal (it stands: record the act again) or a state's
    /// registration (every relation rests on it: correct it). Asked before the relation is:
    /// neither belongs to one.
    pub(super) fn check_withdrawable(&self, old: u64) -> Result<(), RuleViolation> {
        let invalid =
            |msg: String| Err(RuleViolation::new(RuleCode::InvalidWithdrawal, msg).field("act"));
        match self.act_index(old).map(|a| a.kind) {
            Some("act_withdrawn") => invalid(format!(
                "act #{old} is itself a withdrawal, which stands: record the act again instead"
            )),
            Some("state_registered") => invalid(format!(
                "act #{old} registers a state, which every relation rests on: correct it instead"
            )),
            _ => Ok(()),
        }
    }

    /// After the withdrawn act's events are marked: the first act still standing that names
    /// something the withdrawn act created, as (act, what it is). Its own entity's later
    /// events are the folds' to find (`Image::check_timelines`).
    pub(super) fn first_dependant(
        &self,
        old: u64,
        touched: &[Touched],
        reader: Reader,
    ) -> Option<(u64, String)> {
        let view = View::everything_for(reader);
        // An entity left with no event standing was created by the withdrawn act.
        fn gone<E>(events: Option<&Vec<Stamped<E>>>, view: View) -> bool {
            events.is_some_and(|events| !events.iter().any(|e| view.knows(e)))
        }
        let mut created = Vec::new();
        for t in touched {
            match t {
                Touched::Post(id) if gone(self.posts.get(id).map(|r| &r.events), view) => {
                    created.push(Created::Post(id.clone()))
                }
                Touched::Premises(id) if gone(self.premises.get(id).map(|r| &r.events), view) => {
                    created.push(Created::Premises(id.clone()))
                }
                Touched::Member(id) if gone(self.members.get(id).map(|r| &r.events), view) => {
                    created.push(Created::Member(id.clone()))
                }
                Touched::Measure(id) if gone(self.measures.get(id).map(|r| &r.events), view) => {
                    created.push(Created::Measure(id.clone()))
                }
                Touched::Talks(_) => created.extend(
                    self.rounds
                        .iter()
                        .filter(|(_, s)| **s == old)
                        .map(|(id, _)| Created::Round(id.clone())),
                ),
                _ => {}
            }
        }
        let relation = touched.iter().find_map(|t| self.relation_of_timeline(t))?;
        created
            .iter()
            .filter_map(|c| self.naming(c, relation, view))
            .min()
    }

    /// The first act of `relation` that `view` knows and that names `c`.
    fn naming(&self, c: &Created, relation: RelationKey, view: View) -> Option<(u64, String)> {
        let (a, b) = relation.states();
        let missions: Vec<_> = [(a, b), (b, a)]
            .into_iter()
            .filter_map(|(sending, host)| self.missions.get(&MissionKey { sending, host }))
            .collect();
        let rel = self.relations.get(&relation);
        let measures = || {
            rel.into_iter()
                .flat_map(|r| &r.measures)
                .filter_map(|id| self.measures.get(id))
        };
        let commitments = || {
            rel.into_iter()
                .flat_map(|r| &r.commitments)
                .filter_map(|id| self.commitments.get(id))
        };
        let mut found: Vec<(u64, String)> = Vec::new();
        match c {
            Created::Post(post) => {
                for m in &missions {
                    found.extend(m.members.iter().filter_map(|id| {
                        let r = self.members.get(id).filter(|r| r.post == *post)?;
                        first_naming(&r.events, view, &format!("member `{id}`"), |_| true)
                    }));
                    found.extend(m.premises.iter().filter_map(|id| {
                        first_naming(
                            &self.premises.get(id)?.events,
                            view,
                            &format!("premises `{id}`"),
                            |e| matches!(e, PremisesEvent::Acquired(i) if i.post == *post),
                        )
                    }));
                    found.extend(first_naming(&m.reports, view, "a staffing report", |r| {
                        r.posts.contains(post)
                    }));
                }
                found.extend(measures().filter_map(|r| {
                    first_naming(
                        &r.events,
                        view,
                        &format!("measure `{}`", r.id),
                        |e| matches!(e, MeasureEvent::Imposed(m) if m.scope.posts.contains(post)),
                    )
                }));
            }
            Created::Measure(measure) => {
                // The other side's measures answering it do not hold it: they are that side's
                // acts, and would let one party block the other's correction of its own record.
                // Their link then leads nowhere; views drop it and name it apart.
                let names = |m: &Option<MeasureId>| m.as_ref() == Some(measure);
                for m in &missions {
                    found.extend(m.posts.iter().filter_map(|id| {
                        first_naming(
                            &self.posts.get(id)?.events,
                            view,
                            &format!("post `{id}`"),
                            |e| matches!(e, PostEvent::Closed { measure, .. } if names(measure)),
                        )
                    }));
                    found.extend(m.premises.iter().filter_map(|id| {
                        first_naming(
                            &self.premises.get(id)?.events,
                            view,
                            &format!("premises `{id}`"),
                            |e| match e {
                                PremisesEvent::AccessBarred { measure, .. }
                                | PremisesEvent::Seized { measure, .. }
                                | PremisesEvent::Returned { measure } => names(measure),
                                _ => false,
                            },
                        )
                    }));
                    found.extend(m.members.iter().filter_map(|id| {
                        first_naming(&self.members.get(id)?.events, view, &format!("member `{id}`"), |e| {
                            matches!(e, MemberEvent::DeclaredPng { measure, .. } if names(measure))
                        })
                    }));
                }
                // Nor does a commitment to lift or ease it: either party may record a joint
                // undertaking, so it would let one hold the other's correction. The promise is
                // then moot; keeping it lifts only measures still on record.
            }
            Created::Premises(premises) => {
                found.extend(measures().filter_map(|r| {
                    first_naming(&r.events, view, &format!("measure `{}`", r.id), |e| {
                        matches!(e, MeasureEvent::Imposed(m) if m.scope.premises.contains(premises))
                    })
                }));
            }
            Created::Member(member) => {
                found.extend(measures().filter_map(|r| {
                    first_naming(&r.events, view, &format!("measure `{}`", r.id), |e| {
                        matches!(e, MeasureEvent::Imposed(m) if m.scope.members.contains(member))
                    })
                }));
            }
            Created::Round(round) => {
                if let Some(r) = rel {
                    found.extend(first_naming(
                        &r.talks,
                        view,
                        "an agreement",
                        |e| matches!(e, TalkEvent::Agreement { round: Some(x), .. } if x == round),
                    ));
                }
                found.extend(commitments().filter_map(|r| {
                    first_naming(&r.events, view, &format!("commitment `{}`", r.id), |e| {
                        matches!(e, CommitmentEvent::Made(c) if c.round.as_ref() == Some(round))
                    })
                }));
            }
        }
        found.into_iter().min()
    }
}

impl SubjectRules for WithdrawalAct {
    fn touched(&self, image: &Image, _reader: Reader) -> Vec<Touched> {
        image.timelines_of_act(self.act())
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        image.check_withdrawal(self.act(), at)
    }

    /// Nothing to write: the record and replay paths mark the withdrawn act's events.
    fn place(&self, _image: &mut Image, _at: &Placing) -> Result<(), ReplayError> {
        Ok(())
    }

    /// Either party's, as far as the rules go: who may withdraw what (its recorder or a
    /// mediator) is decided by who recorded the act, which the journal knows.
    fn acting(&self, _image: &Image) -> Vec<StateCode> {
        Vec::new()
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        image.act_relation(self.act())
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        vec![(Named::Act(self.act()), "act")]
    }

    fn belongs_field(&self) -> &'static str {
        "act"
    }
}
