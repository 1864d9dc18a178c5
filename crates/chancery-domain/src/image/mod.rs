//! The memory image: the state of the world as a fold of the journal (DESIGN.md §2).
//!
//! Each entity keeps a timeline of its events ordered by valid date, each event stamped with the
//! sequence number that recorded it. Asking "as of" a date (valid time) or "as known at" a
//! sequence number (transaction time) is then a filter over the timelines, and validation is the
//! same fold run over a timeline with the new act tentatively inserted.
//!
//! Two ways in, which a property test keeps equal:
//! - [`Image::record`] validates one act and applies it, or changes nothing;
//! - [`Image::replay`] bulk-loads acts already validated (start-up), sorting each timeline once.

mod acting;
pub mod asof;
mod by_date;
pub mod cases;
pub mod check_all;
mod checks;
pub mod commitments;
pub mod heads;
pub mod measures;
pub mod members;
pub mod mission;
mod named;
mod plausibility;
pub use plausibility::{PLAUSIBLE_FROM_YEAR, RECORD_LEAD_YEARS};
pub mod claims;
pub mod posts;
mod read;
mod slice;
mod states;
pub use states::StateName;
mod subject;
pub mod timeline;
mod timelines;
mod visibility;
mod withdrawal;
pub use by_date::{DateKey, PartiesAsked};
pub use visibility::Belongs;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::access::{Audience, Reader};
use crate::act::{Act, ActBody};
use crate::ids::{
    CommitmentId, MeasureId, MemberId, MissionKey, PostId, PremisesId, RelationKey, RoundId,
    StateCode,
};
use crate::rules::{RefusalSaid, RuleCode, RuleViolation};
use subject::Mode;

use cases::{fold_case, CaseRecord};
use commitments::{fold_commitment, CommitmentEvent, CommitmentRecord};
use heads::fold_heads;
use measures::{fold_measure, MeasureRecord};
use members::{fold_member, MemberRecord};
use mission::{MissionRecord, RelationRecord};
use posts::{fold_post, fold_premises, PostRecord, PremisesRecord};
use timeline::{Provenance, Stamped, View};

/// What the image remembers of each act: enough to check corrections and to map times to seqs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ActIndex {
    kind: &'static str,
    /// The first day of the act's date: what listing acts by date orders on.
    date: crate::CivilDate,
    /// `ActBody::subject_hash`: equal subjects hash equal; a collision could only let a
    /// correction change subject, never refuse a valid one.
    subject: u64,
    recorded_at_micros: i64,
    superseded_by: Option<u64>,
    /// The act that withdrew this one (recorded in error), if one did.
    withdrawn_by: Option<u64>,
    audience: Audience,
    /// The relation the act belongs to (`Image::relation_of`, fixed once its subject exists),
    /// so a relation's acts are found without reading the whole journal.
    relation: Option<RelationKey>,
    /// Whether the act names a state outside its relation (or names one and has no relation):
    /// only then can it involve a state its relation does not hold.
    names_beyond_relation: bool,
}

impl ActIndex {
    fn new(
        act: &Act,
        recorded_at_micros: i64,
        audience: Audience,
        relation: Option<RelationKey>,
    ) -> Self {
        let names_beyond_relation = act
            .body
            .states_named()
            .iter()
            .any(|s| relation.is_none_or(|k| !k.contains(*s)));
        ActIndex {
            names_beyond_relation,
            kind: act.kind(),
            date: act.envelope.date.earliest(),
            subject: act.body.subject_hash(),
            recorded_at_micros,
            superseded_by: None,
            withdrawn_by: None,
            audience,
            relation,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Image {
    pub(crate) states: BTreeMap<StateCode, Vec<Stamped<states::StateName>>>,
    pub(crate) posts: HashMap<PostId, PostRecord>,
    pub(crate) premises: HashMap<PremisesId, PremisesRecord>,
    pub(crate) members: HashMap<MemberId, MemberRecord>,
    pub(crate) measures: HashMap<MeasureId, MeasureRecord>,
    pub(crate) rounds: HashMap<RoundId, u64>,
    pub(crate) missions: HashMap<MissionKey, MissionRecord>,
    pub(crate) relations: HashMap<RelationKey, RelationRecord>,
    pub(crate) commitments: HashMap<CommitmentId, CommitmentRecord>,
    pub(crate) cases: HashMap<crate::ids::CaseId, CaseRecord>,
    /// Claims of one party about the other's conduct, by sequence number: kept out of every
    /// timeline (claims.rs).
    pub(crate) claims: Vec<claims::Claim>,
    /// Acts `seq_base + 1 ..` (a slice for what-if starts after the acts it did not copy).
    acts: Vec<ActIndex>,
    seq_base: u64,
}

/// A timeline an act wrote to, so that a refused act can be taken back out.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Touched {
    State(StateCode),
    Post(PostId),
    Premises(PremisesId),
    Member(MemberId),
    Heads(MissionKey),
    Reports(MissionKey),
    Measure(MeasureId),
    Talks(RelationKey),
    Commitment(CommitmentId),
    Case(crate::ids::CaseId),
}

/// Why a journal could not be replayed: only a corrupt or foreign journal gets here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot replay act #{seq}: {message}")]
pub struct ReplayError {
    pub seq: u64,
    pub message: String,
}

impl Image {
    pub fn new() -> Self {
        Image::default()
    }

    /// Continues the numbering of `other` without copying its per-act index: a what-if slice
    /// records after the real acts but cannot correct one of them.
    fn continue_numbering_of(&mut self, other: &Image) {
        self.seq_base = other.last_seq();
        self.acts.clear();
    }

    /// Keeps only the events `reader` may see, made public (for a what-if copy: see
    /// `Image::slice_for`). Records left without events are dropped.
    fn restrict_to(&mut self, reader: Reader) {
        self.retain_timelines(|t| t.keep_seen_by(reader));
    }

    /// The sequence number of the last act applied (0 when empty).
    pub fn last_seq(&self) -> u64 {
        self.seq_base + self.acts.len() as u64
    }

    /// The index entry of act `seq`, if this image holds it.
    fn act_index(&self, seq: u64) -> Option<&ActIndex> {
        let i = seq.checked_sub(self.seq_base + 1)?;
        self.acts.get(usize::try_from(i).ok()?)
    }

    /// Whether `reader` may see act `seq` (false for an act this image does not hold).
    pub fn visible_to(&self, seq: u64, reader: Reader) -> bool {
        self.act_index(seq).is_some_and(|a| reader.sees(a.audience))
    }

    /// The last sequence number recorded at or before `micros` (transaction time).
    pub fn seq_known_at(&self, micros: i64) -> u64 {
        self.seq_base
            + self
                .acts
                .partition_point(|a| a.recorded_at_micros <= micros) as u64
    }

    /// The relation an act belongs to: from the states it names, or from the post, premises,
    /// member or measure it is about.
    pub fn relation_of(&self, body: &ActBody) -> Option<RelationKey> {
        subject::rules(body).relation(self)
    }

    /// The sequence numbers of the acts of relation `key` up to `through`, in journal order,
    /// whoever may see them: what reading a relation's acts from the journal starts from.
    pub fn relation_seqs(&self, key: RelationKey, through: u64) -> Vec<u64> {
        (self.seq_base + 1..)
            .zip(&self.acts)
            .take_while(|(seq, _)| *seq <= through)
            .filter(|(_, a)| a.relation == Some(key))
            .map(|(seq, _)| seq)
            .collect()
    }

    /// Validates `act` against the state at its valid date and, if it passes, applies it as act
    /// number `last_seq() + 1`. On refusal nothing changes. The act is checked against what
    /// its own audience may see (a public act against public facts only).
    pub fn record(&mut self, act: &Act, recorded_at_micros: i64) -> Result<u64, RuleViolation> {
        self.record_by(act, recorded_at_micros, Reader::Rules)
    }

    /// [`record`](Self::record) for a recorder who sees only what `recorder` may: what it names
    /// and may not see is refused as unknown, before any other rule looks at it.
    pub fn record_by(
        &mut self,
        act: &Act,
        recorded_at_micros: i64,
        recorder: Reader,
    ) -> Result<u64, RuleViolation> {
        self.check_named_visible(&act.body, recorder)?;
        self.check_one_relation(&act.body)?;
        let audience = self.audience_of(act)?;
        self.record_as_seen_by(act, recorded_at_micros, audience)
    }

    fn record_as_seen_by(
        &mut self,
        act: &Act,
        recorded_at_micros: i64,
        audience: Audience,
    ) -> Result<u64, RuleViolation> {
        visibility::check_case_personal_data(act, audience)?;
        if let Some(by) = act.envelope.claimed_by {
            return self.record_claim(act, by, recorded_at_micros, audience);
        }
        let seq = self.last_seq() + 1;
        // Validation sees only what everyone who may see the act may see, so a refusal never
        // rests on, or tells of, a hidden fact.
        let reader = Reader::Within(audience);
        self.check_plausible_date(act, reader)?;
        self.check_at_date(act, reader)?;
        let superseded = self.check_supersede(act, reader)?;
        let withdrawn = act.body.withdraws();
        let touched = self.touched(&act.body, reader);
        self.check_audience(act, audience, &touched)?;
        // A correction's predecessor and a withdrawn act are marked alike: views that know of
        // the later act ignore the earlier one's events.
        if let Some(old) = superseded.or(withdrawn) {
            self.mark(&touched, old, seq);
        }
        if let Err(e) = self.place(seq, act, audience, Mode::Sorted, reader) {
            self.undo(&touched, seq);
            self.unanswer(seq);
            return Err(RuleViolation::new(
                RuleCode::ActBeforeSubjectExists,
                e.message,
            ));
        }
        if let Err(v) = self.check_timelines(&touched, seq, reader, withdrawn) {
            self.undo(&touched, seq);
            self.unanswer(seq);
            return Err(v);
        }
        if let Some(old) = withdrawn {
            if let Some((at, what)) = self.first_dependant(old, &touched, reader) {
                self.undo(&touched, seq);
                return Err(withdrawal_blocked(
                    old,
                    at,
                    &format!("{what} names what it recorded"),
                ));
            }
        }
        if let Some(old) = superseded {
            let i = (old - self.seq_base - 1) as usize;
            self.acts[i].superseded_by = Some(seq);
        }
        if let Some(old) = withdrawn {
            let i = (old - self.seq_base - 1) as usize;
            self.acts[i].withdrawn_by = Some(seq);
        }
        let relation = self.relation_of(&act.body);
        self.acts
            .push(ActIndex::new(act, recorded_at_micros, audience, relation));
        Ok(seq)
    }

    /// Takes back the act just recorded (the last one), when the journal could not store it:
    /// the image must never hold an act the journal does not.
    pub fn unrecord_last(&mut self, act: &Act) {
        let seq = self.last_seq();
        if seq == self.seq_base {
            return;
        }
        let touched = self.touched(&act.body, Reader::Rules);
        self.undo(&touched, seq);
        self.unanswer(seq);
        self.acts.pop();
        for a in self.acts.iter_mut() {
            if a.superseded_by == Some(seq) {
                a.superseded_by = None;
            }
            if a.withdrawn_by == Some(seq) {
                a.withdrawn_by = None;
            }
        }
    }

    /// Rebuilds the image from acts already validated, in sequence order starting at 1.
    pub fn replay<I>(acts: I) -> Result<Image, ReplayError>
    where
        I: IntoIterator<Item = (u64, i64, Act)>,
    {
        let mut image = Image::new();
        for (seq, recorded_at_micros, act) in acts {
            image.replay_one(seq, recorded_at_micros, &act)?;
        }
        image.sort_all();
        Ok(image)
    }

    fn replay_one(
        &mut self,
        seq: u64,
        recorded_at_micros: i64,
        act: &Act,
    ) -> Result<(), ReplayError> {
        if seq != self.last_seq() + 1 {
            return Err(ReplayError {
                seq,
                message: format!("expected act #{}", self.last_seq() + 1),
            });
        }
        if let Some(by) = act.envelope.claimed_by {
            let audience = self.audience_of(act).map_err(|v| ReplayError {
                seq,
                message: v.message,
            })?;
            return self.replay_claim(seq, act, by, recorded_at_micros, audience);
        }
        if let Some(old) = act.envelope.supersedes {
            let touched = self.touched(&act.body, Reader::Rules);
            self.mark(&touched, old, seq);
            if let Some(a) = self
                .acts
                .get_mut((old.wrapping_sub(self.seq_base) as usize).wrapping_sub(1))
            {
                a.superseded_by = Some(seq);
            }
        }
        if let Some(old) = act.body.withdraws() {
            let touched = self.timelines_of_act(old);
            self.mark(&touched, old, seq);
            if let Some(a) = self
                .acts
                .get_mut((old.wrapping_sub(self.seq_base) as usize).wrapping_sub(1))
            {
                a.withdrawn_by = Some(seq);
            }
        }
        // Recorded acts passed the visibility rules; a journal that fails them now is corrupt
        // or foreign, and widening the act's audience to carry on would leak it.
        let audience = self.audience_of(act).map_err(|v| ReplayError {
            seq,
            message: v.message,
        })?;
        self.place(seq, act, audience, Mode::Append, Reader::Rules)?;
        let relation = self.relation_of(&act.body);
        self.acts
            .push(ActIndex::new(act, recorded_at_micros, audience, relation));
        Ok(())
    }

    fn sort_all(&mut self) {
        // Sorting never empties a timeline: every record stays.
        self.retain_timelines(|t| {
            t.sort();
            true
        });
    }

    fn check_supersede(&self, act: &Act, reader: Reader) -> Result<Option<u64>, RuleViolation> {
        let Some(old) = act.envelope.supersedes else {
            return Ok(None);
        };
        let bad = |msg: String| {
            Err(RuleViolation::new(RuleCode::InvalidSupersede, msg).field("supersedes"))
        };
        // An act the correction's readers may not see is, to them, an act that does not exist.
        let Some(prev) = self.act_index(old).filter(|p| reader.sees(p.audience)) else {
            return bad(format!(
                "act #{old} does not exist or is not visible with this act's visibility"
            ));
        };
        if let Some(by) = prev.superseded_by {
            return bad(format!("act #{old} was already corrected by act #{by}"));
        }
        if let Some(by) = prev.withdrawn_by {
            return bad(format!(
                "act #{old} was withdrawn by act #{by}: record the act again instead"
            ));
        }
        if prev.kind != act.kind() || prev.subject != act.body.subject_hash() {
            return bad(format!(
                "a correction must be of the same kind and about the same subject: act #{old} is {}, this is {} about {}",
                prev.kind,
                act.kind(),
                act.body.subject()
            ));
        }
        // Records are indexed by what their creating act says; a correction may fix details
        // but not move the record to another mission, post or relation.
        let moved = subject::rules(&act.body).moves_record(self);
        if moved {
            return bad(format!(
                "a correction cannot move {} to another post, mission or pair of states",
                act.body.subject()
            ));
        }
        Ok(Some(old))
    }

    /// The timelines an act writes to.
    fn touched(&self, body: &ActBody, reader: Reader) -> Vec<Touched> {
        subject::rules(body).touched(self, reader)
    }

    /// The measures a commitment promises to lift, as its latest known terms say.
    /// The measures keeping `commitment` lifts: those it promised that are still on record
    /// (one withdrawn as recorded in error since is left alone).
    fn promised_lifts(&self, commitment: &CommitmentId, reader: Reader) -> Vec<MeasureId> {
        let everything = View::everything_for(reader);
        self.commitment_terms(commitment, reader)
            .map(|c| {
                c.lifts
                    .iter()
                    .filter(|id| {
                        self.measures
                            .get(*id)
                            .is_some_and(|r| r.known_to(&everything))
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A commitment's latest terms that validation may see (a correction replaces them): what
    /// keeping it lifts and who may say it was kept or withdrawn both follow from these.
    pub(crate) fn commitment_terms(
        &self,
        commitment: &CommitmentId,
        reader: Reader,
    ) -> Option<&crate::act::CommitmentMade> {
        let everything = View::everything_for(reader);
        self.commitments.get(commitment).and_then(|r| {
            r.events
                .iter()
                .rev()
                .filter(|e| everything.knows(e))
                .find_map(|e| match &e.ev {
                    CommitmentEvent::Made(c) => Some(&**c),
                    _ => None,
                })
        })
    }

    /// Writes an act's events into the timelines. Fails only if the act names something that
    /// does not exist (checked beforehand when recording; a corrupt journal on replay).
    fn place(
        &mut self,
        seq: u64,
        act: &Act,
        audience: Audience,
        mode: Mode,
        reader: Reader,
    ) -> Result<(), ReplayError> {
        let env = &act.envelope;
        let provenance = (!env.sources.is_empty()
            || env.external_ref.is_some()
            || env.confidence.is_some()
            || env.note.is_some())
        .then(|| {
            Arc::new(Provenance {
                external_ref: env.external_ref.clone(),
                sources: env.sources.clone(),
                confidence: env.confidence,
                note: env.note.clone(),
            })
        });
        let at = subject::Placing {
            seq,
            date: env.date,
            provenance,
            audience,
            mode,
            reader,
        };
        subject::rules(&act.body).place(self, &at)
    }

    fn mark(&mut self, touched: &[Touched], old: u64, new: u64) {
        self.for_each_timeline(touched, |t| t.mark_superseded(old, new));
    }

    /// Changes the lists of the mission of `sending` in `host`, if it has any.
    fn unfile(&mut self, sending: StateCode, host: StateCode, f: impl FnOnce(&mut MissionRecord)) {
        if let Some(m) = self.missions.get_mut(&MissionKey { sending, host }) {
            f(m);
        }
    }

    /// Takes a refused act back out: its events, the marks it put on the act it corrected, and
    /// any record it created.
    fn undo(&mut self, touched: &[Touched], seq: u64) {
        self.for_each_timeline(touched, |t| t.take_back(seq));
        self.rounds.retain(|_, s| *s != seq);
        for t in touched {
            match t {
                Touched::State(code) if self.states.get(code).is_some_and(Vec::is_empty) => {
                    self.states.remove(code);
                }
                Touched::Post(id) if self.posts.get(id).is_some_and(|r| r.events.is_empty()) => {
                    if let Some(r) = self.posts.remove(id) {
                        self.unfile(r.sending, r.host, |m| m.posts.retain(|p| p != id));
                    }
                }
                Touched::Premises(id)
                    if self.premises.get(id).is_some_and(|r| r.events.is_empty()) =>
                {
                    if let Some(r) = self.premises.remove(id) {
                        self.unfile(r.sending, r.host, |m| m.premises.retain(|p| p != id));
                    }
                }
                Touched::Member(id)
                    if self.members.get(id).is_some_and(|r| r.events.is_empty()) =>
                {
                    self.members.remove(id);
                    for m in self.missions.values_mut() {
                        m.members.retain(|x| x != id);
                    }
                }
                Touched::Measure(id)
                    if self.measures.get(id).is_some_and(|r| r.events.is_empty()) =>
                {
                    if let Some(r) = self.measures.remove(id) {
                        if let Some(rel) =
                            self.relations.get_mut(&RelationKey::new(r.actor, r.target))
                        {
                            rel.measures.retain(|m| m != id);
                        }
                    }
                }
                Touched::Commitment(id)
                    if self
                        .commitments
                        .get(id)
                        .is_some_and(|r| r.events.is_empty()) =>
                {
                    if let Some(r) = self.commitments.remove(id) {
                        if let Some(rel) = self.relations.get_mut(&r.relation) {
                            rel.commitments.retain(|c| c != id);
                        }
                    }
                }
                Touched::Case(id) if self.cases.get(id).is_some_and(|r| r.events.is_empty()) => {
                    if let Some(r) = self.cases.remove(id) {
                        if let Some(rel) = self.relations.get_mut(&r.relation) {
                            rel.cases.retain(|c| c != id);
                        }
                    }
                }
                _ => {}
            }
        }
        self.missions.retain(|_, m| {
            !(m.posts.is_empty()
                && m.premises.is_empty()
                && m.members.is_empty()
                && m.heads.is_empty()
                && m.reports.is_empty())
        });
        self.relations.retain(|_, r| {
            !(r.measures.is_empty()
                && r.talks.is_empty()
                && r.commitments.is_empty()
                && r.cases.is_empty())
        });
    }

    /// Runs each touched entity's state machine over all it knows; a refusal names this act or
    /// the later act that this one would make invalid.
    fn check_timelines(
        &self,
        touched: &[Touched],
        seq: u64,
        reader: Reader,
        withdrawing: Option<u64>,
    ) -> Result<(), RuleViolation> {
        let everything = View::everything_for(reader);
        for t in touched {
            let outcome = match t {
                Touched::State(_) | Touched::Reports(_) | Touched::Talks(_) => Ok(()),
                Touched::Post(id) => self.posts.get(id).map_or(Ok(()), |r| {
                    fold_post(id, everything.filter(&r.events)).map(drop)
                }),
                Touched::Premises(id) => self.premises.get(id).map_or(Ok(()), |r| {
                    fold_premises(id, everything.filter(&r.events)).map(drop)
                }),
                Touched::Member(id) => self.members.get(id).map_or(Ok(()), |r| {
                    fold_member(id, everything.filter(&r.events)).map(drop)
                }),
                Touched::Heads(key) => self.missions.get(key).map_or(Ok(()), |m| {
                    fold_heads(
                        &format!("{}→{}", key.sending, key.host),
                        everything.filter(&m.heads),
                    )
                    .map(drop)
                }),
                Touched::Measure(id) => self.measures.get(id).map_or(Ok(()), |r| {
                    fold_measure(id, everything.as_of, everything.filter(&r.events)).map(drop)
                }),
                Touched::Commitment(id) => self.commitments.get(id).map_or(Ok(()), |r| {
                    fold_commitment(id, everything.filter(&r.events)).map(drop)
                }),
                Touched::Case(id) => self.cases.get(id).map_or(Ok(()), |r| {
                    fold_case(id, everything.filter(&r.events)).map(drop)
                }),
            };
            if let Err((at, v)) = outcome {
                if at == seq {
                    return Err(v);
                }
                if let Some(old) = withdrawing {
                    return Err(withdrawal_blocked(old, at, &v.message));
                }
                return Err(RuleViolation {
                    code: RuleCode::LaterActInvalidated,
                    message: format!(
                        "recording this act would make act #{at} invalid: {}",
                        v.message
                    ),
                    article: v.article,
                    field: Some("date"),
                    said: RefusalSaid::LaterActInvalidated {
                        at,
                        code: v.code,
                        why: Box::new(v.said),
                    },
                });
            }
        }
        Ok(())
    }
}

/// The refusal of a withdrawal that act `at`, still standing, depends on.
fn withdrawal_blocked(old: u64, at: u64, why: &str) -> RuleViolation {
    RuleViolation::new(
        RuleCode::WithdrawnActHasDependants,
        format!("act #{old} cannot be withdrawn while act #{at} depends on it ({why}): withdraw act #{at} first"),
    )
    .field("act")
    .said(RefusalSaid::WithdrawalBlocked { old, at })
}
