//! Resolving an act's visibility into an audience, and the rules that keep audiences nested: an
//! act is never seen by someone who cannot see what it is about, so a reader's view never holds
//! a closure without its post or an answer without the measure it answers.

use crate::access::{Audience, Reader, Visibility};
use crate::act::{Act, ActBody};
use crate::act::{CommitmentAct, PostAct, StateAct};
use crate::ids::{MeasureId, RelationKey};
use crate::rules::{RuleCode, RuleViolation};

use super::checks::unknown;
use super::mission::TalkEvent;
use super::timeline::Stamped;
use super::{Image, Touched};

/// Something an act names that exists before it: what it is about or refers to.
pub(in crate::image) enum Named<'a> {
    Post(&'a crate::ids::PostId),
    Premises(&'a crate::ids::PremisesId),
    Member(&'a crate::ids::MemberId),
    Measure(&'a MeasureId),
    Commitment(&'a crate::ids::CommitmentId),
    Case(&'a crate::ids::CaseId),
    Round(&'a crate::ids::RoundId),
    /// An act, by its sequence number: what a withdrawal names.
    Act(u64),
}

/// How refusals name it: "post `p1`".
impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Named::Post(id) => write!(f, "post `{id}`"),
            Named::Premises(id) => write!(f, "premises `{id}`"),
            Named::Member(id) => write!(f, "member `{id}`"),
            Named::Measure(id) => write!(f, "measure `{id}`"),
            Named::Commitment(id) => write!(f, "commitment `{id}`"),
            Named::Case(id) => write!(f, "case `{id}`"),
            Named::Round(id) => write!(f, "round `{id}`"),
            Named::Act(seq) => write!(f, "act #{seq}"),
        }
    }
}

/// Everything `body` names that it does not itself create, with the field that names it.
fn named(body: &ActBody) -> Vec<(Named<'_>, &'static str)> {
    super::subject::rules(body).named()
}

/// The refusal the rules give for a name that is not recorded.
fn unknown_named(n: &Named<'_>, field: &'static str) -> RuleViolation {
    match n {
        Named::Post(id) => unknown(RuleCode::UnknownPost, field, id),
        Named::Premises(id) => unknown(RuleCode::UnknownPremises, field, id),
        Named::Member(id) => unknown(RuleCode::UnknownMember, field, id),
        Named::Measure(id) => unknown(RuleCode::UnknownMeasure, field, id),
        Named::Commitment(id) => unknown(RuleCode::UnknownCommitment, field, id),
        Named::Case(id) => unknown(RuleCode::UnknownCase, field, id),
        Named::Round(id) => unknown(RuleCode::UnknownRound, field, id),
        Named::Act(seq) => RuleViolation::new(
            RuleCode::InvalidWithdrawal,
            format!("act #{seq} does not exist"),
        )
        .field(field)
        .said(crate::rules::RefusalSaid::NoSuchAct { seq: *seq }),
    }
}

/// Where an act belongs (see [`Image::belongs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Belongs {
    /// Registering or renaming a state: it concerns every relation.
    Registration,
    /// One relation between two different states.
    Relation(RelationKey),
}

fn creation<E>(events: &[Stamped<E>]) -> Option<Audience> {
    events.iter().min_by_key(|e| e.seq).map(|e| e.audience)
}

impl Image {
    /// The audience a thing was recorded with: that of the act that created it.
    fn created_with(&self, n: &Named<'_>) -> Option<Audience> {
        match n {
            Named::Post(id) => self.posts.get(*id).and_then(|r| creation(&r.events)),
            Named::Premises(id) => self.premises.get(*id).and_then(|r| creation(&r.events)),
            Named::Member(id) => self.members.get(*id).and_then(|r| creation(&r.events)),
            Named::Measure(id) => self.measures.get(*id).and_then(|r| creation(&r.events)),
            Named::Commitment(id) => self.commitments.get(*id).and_then(|r| creation(&r.events)),
            Named::Case(id) => self.cases.get(*id).and_then(|r| creation(&r.events)),
            Named::Round(id) => self
                .rounds
                .get(*id)
                .and_then(|seq| self.act_index(*seq))
                .map(|a| a.audience),
            Named::Act(seq) => self.act_index(*seq).map(|a| a.audience),
        }
    }

    /// Refuses an act naming something its recorder may not see, exactly as if it did not
    /// exist (same code, same message): checked before anything else looks at what is named,
    /// so no later rule or message can tell of it.
    pub fn check_named_visible(
        &self,
        body: &ActBody,
        recorder: Reader,
    ) -> Result<(), RuleViolation> {
        for (n, field) in named(body) {
            let Some(audience) = self.created_with(&n) else {
                continue;
            };
            if recorder.sees(audience) {
                continue;
            }
            return Err(unknown_named(&n, field));
        }
        Ok(())
    }

    /// Where `act` belongs: a registration of a state concerns every relation; every other act
    /// belongs to exactly one relation between two different states, or is refused before any
    /// visibility or permission is decided (an act of no relation would have no one to be
    /// hidden from, hence no audience but the public, whatever it asked for).
    ///
    /// Run after [`check_named_visible`](Self::check_named_visible): anything named that the
    /// recorder may not see has been refused as unknown by then, so the unknown refusal here
    /// (for names that are not recorded at all) cannot be told apart from a hidden thing.
    pub fn belongs(&self, act: &Act) -> Result<Belongs, RuleViolation> {
        if matches!(act.body, ActBody::State(StateAct::Registered { .. })) {
            return Ok(Belongs::Registration);
        }
        if let Some(old) = act.body.withdraws() {
            self.check_withdrawable(old)?;
        }
        let field = super::subject::rules(&act.body).belongs_field();
        match self.relation_of(&act.body) {
            Some(k) if k.states().0 != k.states().1 => return Ok(Belongs::Relation(k)),
            // Two states named, and the same twice.
            Some(k) if act.body.states_named().len() >= 2 => {
                return Err(RuleViolation::new(
                    RuleCode::SameState,
                    format!(
                        "{} names {} as both of its states: an act belongs to a relation between two different states",
                        act.kind(),
                        k.states().0
                    ),
                )
                .field(field))
            }
            _ => {}
        }
        for (n, field) in named(&act.body) {
            if self.created_with(&n).is_none() {
                return Err(unknown_named(&n, field));
            }
        }
        Err(RuleViolation::new(
            RuleCode::ActOutsideRelation,
            format!(
                "{} must belong to one relation between two different states; this one names none (see `{field}`)",
                act.kind()
            ),
        )
        .field(field))
    }

    /// Refuses an act that names, directly or through what it is about, states of more than one
    /// relation: a round with three parties, talks cancelled by a state that was not a party,
    /// service levels of posts in two relations. Its audience and who may record it are decided
    /// by one relation, so the rest would escape both. Checked when an act is recorded, not on
    /// replay: a journal written before this rule still opens, with the audience it had.
    pub fn check_one_relation(&self, body: &ActBody) -> Result<(), RuleViolation> {
        let mut states = body.states_named();
        for (n, _) in named(body) {
            if let Some(k) = self.relation_of_named(&n) {
                let (a, b) = k.states();
                states.extend([a, b]);
            }
        }
        states.sort_unstable();
        states.dedup();
        if states.len() <= 2 {
            return Ok(());
        }
        let field = super::subject::rules(body).one_relation_field();
        let names: Vec<String> = states.iter().map(ToString::to_string).collect();
        Err(RuleViolation::new(
            RuleCode::ActOutsideRelation,
            format!(
                "{} concerns {}: an act belongs to exactly one relation between two states; record one act per relation",
                body.kind(),
                names.join(", ")
            ),
        )
        .field(field))
    }

    /// The relation whose talks hold round `id`.
    fn round_relation(&self, id: &crate::ids::RoundId) -> Option<RelationKey> {
        self.relations.iter().find_map(|(k, r)| {
            r.talks
                .iter()
                .any(|t| match &t.ev {
                    TalkEvent::RoundHeld { round, .. }
                    | TalkEvent::RoundCancelled { round, .. } => round == id,
                    _ => false,
                })
                .then_some(*k)
        })
    }

    /// The relation a named thing belongs to, where it is recorded.
    fn relation_of_named(&self, n: &Named<'_>) -> Option<RelationKey> {
        let of_post = |p: &crate::ids::PostId| {
            self.posts
                .get(p)
                .map(|r| RelationKey::new(r.sending, r.host))
        };
        match n {
            Named::Post(id) => of_post(id),
            Named::Premises(id) => self
                .premises
                .get(*id)
                .map(|r| RelationKey::new(r.sending, r.host)),
            Named::Member(id) => self.members.get(*id).and_then(|r| of_post(&r.post)),
            Named::Measure(id) => self
                .measures
                .get(*id)
                .map(|r| RelationKey::new(r.actor, r.target)),
            Named::Commitment(id) => self.commitments.get(*id).map(|r| r.relation),
            Named::Case(id) => self.cases.get(*id).map(|r| r.relation),
            Named::Round(id) => self.round_relation(id),
            Named::Act(seq) => self.act_relation(*seq),
        }
    }

    /// The audience of `act`: its visibility resolved against the relation it belongs to.
    pub fn audience_of(&self, act: &Act) -> Result<Audience, RuleViolation> {
        let refuse = |msg: String| {
            Err(RuleViolation::new(RuleCode::VisibilityOutsideRelation, msg).field("visibility"))
        };
        match (act.envelope.visibility, self.belongs(act)?) {
            (Visibility::Public, _) => Ok(Audience::Public),
            (Visibility::Bilateral, Belongs::Relation(k)) => Ok(Audience::Relation(k)),
            (Visibility::Internal(s), Belongs::Relation(k)) if k.contains(s) => {
                Ok(Audience::Party(s))
            }
            (Visibility::Internal(s), Belongs::Relation(k)) => refuse(format!(
                "an act of the relation {k} can be internal to one of its parties, not to {s}"
            )),
            (_, Belongs::Registration) => refuse(format!(
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
                    RuleCode::VisibilityChangedByCorrection,
                    "a correction keeps the visibility of the act it corrects; record the act again with the new visibility instead",
                )
                .field("visibility"));
            }
        }
        if let Some(old) = act.body.withdraws().and_then(|seq| self.act_index(seq)) {
            if old.audience != audience {
                return Err(RuleViolation::new(
                    RuleCode::VisibilityChangedByCorrection,
                    "a withdrawal has the visibility of the act it withdraws",
                )
                .field("visibility"));
            }
        }
        let described = |n: Named<'_>| (n.to_string(), self.created_with(&n));
        // A consular figure (staff, productivity, demand, issuances) is the sending state's own report
        // about a post: it may be narrower than the post (a ministry keeps its figures
        // internal), never wider (`named` below holds it within the post's readers).
        let figure = matches!(
            &act.body,
            ActBody::Post(
                PostAct::ConsularStaffReported { .. }
                    | PostAct::ProductivitySet { .. }
                    | PostAct::DemandReported { .. }
                    | PostAct::IssuanceReported { .. }
            )
        );
        for t in touched {
            if figure && matches!(t, Touched::Post(_)) {
                continue;
            }
            let (what, theirs) = match t {
                Touched::Post(id) => described(Named::Post(id)),
                Touched::Premises(id) => described(Named::Premises(id)),
                Touched::Member(id) => described(Named::Member(id)),
                Touched::Measure(id) => described(Named::Measure(id)),
                Touched::Commitment(id) => described(Named::Commitment(id)),
                Touched::Case(id) => described(Named::Case(id)),
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
                    RuleCode::VisibilityDiffersFromSubject,
                    format!(
                        "{what} is not recorded with this visibility: an act about a thing has the visibility of the act that recorded it"
                    ),
                )
                .field("visibility"));
            }
        }
        if act.body.head_of_mission().is_some() && audience != Audience::Public {
            // A mission has one line of heads; were its first act hidden, no one else could
            // ever record on it.
            return Err(RuleViolation::new(
                RuleCode::VisibilityMustBePublic,
                "acts about heads of mission are public",
            )
            .field("visibility"));
        }
        // A commitment that lifts a measure writes into it when kept: same audience, or it
        // could never be kept.
        if let ActBody::Commitment(CommitmentAct::Made(c)) = &act.body {
            for id in &c.lifts {
                if self
                    .created_with(&Named::Measure(id))
                    .is_some_and(|m| m != audience)
                {
                    return Err(RuleViolation::new(
                        RuleCode::VisibilityDiffersFromSubject,
                        format!("measure `{id}` is not recorded with this visibility: a commitment lifts only measures recorded with its own"),
                    )
                    .field("visibility"));
                }
            }
        }
        for (n, field) in named(&act.body) {
            if let Some(theirs) = self.created_with(&n) {
                if !audience.within(theirs) {
                    return Err(RuleViolation::new(
                        RuleCode::VisibilityWiderThanSubject,
                        format!(
                            "`{field}` names something not visible to everyone who could see this act: an act cannot refer to what some of its readers cannot see"
                        ),
                    )
                    .field("visibility"));
                }
            }
        }
        Ok(())
    }
}

/// A national's case is personal data: kept inside the national's state's ministry, unless it
/// was publicly reported and the act says where. Checked before anything else is recorded of
/// the act, a party's claim included: the other party keeps no file of the national's case.
pub(super) fn check_case_personal_data(act: &Act, audience: Audience) -> Result<(), RuleViolation> {
    if let ActBody::Case(crate::act::CaseAct::Opened(c)) = &act.body {
        let internal = audience == Audience::Party(c.national_of);
        let reported = c.public_report && !act.envelope.sources.is_empty();
        let public_reported = audience == Audience::Public && reported;
        if !(internal || public_reported) {
            return Err(RuleViolation::new(
            RuleCode::CasePersonalData,
            format!(
            "a national's case is internal to {}'s ministry (`visibility = {{ internal = \"{}\" }}`); it may be public only if publicly reported (`public_report = true`) with its sources",
            c.national_of, c.national_of
            ),
        )
        .field("visibility"));
        }
    }
    Ok(())
}
