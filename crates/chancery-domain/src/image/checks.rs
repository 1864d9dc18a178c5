//! What the rules that look across entities share: lookups that refuse what is not recorded,
//! pairs of states, caps, measures' links. Each subject applies them in its own rules
//! (`SubjectRules::check`, next to its fold), against the state at the act's valid date; rules
//! on one entity's own life cycle live in its fold and are checked over its whole timeline.

use std::collections::HashMap;

use super::commitments::CommitmentEvent;
use super::measures::{MeasureEvent, MeasureRecord};
use super::members::fold_member;
use super::posts::{fold_post, PostRecord, PostStatus};
use super::timeline::View;
use super::Image;
use crate::access::Reader;
use crate::act::{Act, CommitmentMade, MeasureChange, MeasureImposed, RoutedTo, Scope};
use crate::date::ValidDate;
use crate::ids::{CommitmentId, MeasureId, MemberId, MissionKey, PostId, RelationKey, StateCode};
use crate::parties::Parties;
use crate::rules::{RefusalSaid, RuleCode, RuleViolation, Term, Thing};
use crate::vocab::{Capacity, Character, MeasureKind, PostKind, ServiceLevel, StaffCategory};

type Check = Result<(), RuleViolation>;

impl Image {
    pub(super) fn check_at_date(&self, act: &Act, reader: Reader) -> Check {
        let at = super::subject::Checking {
            reader,
            date: act.envelope.date,
            correcting: act.envelope.supersedes.is_some(),
        };
        super::subject::rules(&act.body).check(self, at)
    }

    pub(in crate::image) fn commitment(&self, id: &CommitmentId) -> Check {
        self.commitments
            .get(id)
            .map(drop)
            .ok_or_else(|| unknown(RuleCode::UnknownCommitment, "commitment", id))
    }

    pub(in crate::image) fn check_commitment(
        &self,
        c: &CommitmentMade,
        correcting: bool,
        reader: Reader,
    ) -> Check {
        let [a, b] = c.parties.as_slice()[..] else {
            return Err(RuleViolation::new(
                RuleCode::SameState,
                "`parties` names the two states of the relation",
            )
            .field("parties"));
        };
        self.pair(a, b, "parties", "parties")?;
        if self.commitments.contains_key(&c.commitment) && !correcting {
            return Err(dup(Thing::Commitment, &c.commitment, "commitment"));
        }
        if c.undertaken_by.is_empty() || c.undertaken_by.iter().any(|s| *s != a && *s != b) {
            return Err(RuleViolation::new(
                RuleCode::PostNotInRelation,
                format!("`undertaken_by` must name {a}, {b} or both"),
            )
            .field("undertaken_by"));
        }
        if let Some(round) = &c.round {
            if !self.rounds.contains_key(round) {
                return Err(unknown(RuleCode::UnknownRound, "round", round));
            }
        }
        for (field, ids) in [("lifts", &c.lifts), ("eases", &c.eases)] {
            for id in ids {
                let m = self.live_measure(id, field, reader)?;
                if RelationKey::new(m.actor, m.target) != RelationKey::new(a, b) {
                    return Err(RuleViolation::new(
                        RuleCode::ScopeOutsideRelation,
                        format!("measure `{id}` is not a measure between {a} and {b}"),
                    )
                    .field(field));
                }
                // An event happened on its date: nothing of it stands to be lifted or eased, so
                // such a promise could never be kept.
                if let Some(event) = m
                    .state(&View::everything_for(reader))
                    .filter(|s| s.is_event())
                {
                    return Err(RuleViolation::new(
                        RuleCode::EventNotLiftable,
                        format!(
                            "measure `{id}` is an event ({}, {}): it cannot be promised lifted or eased; promise to lift its standing consequence, recorded as a measure of its own",
                            event.measure.measure_kind, event.imposed.date
                        ),
                    )
                    .field(field));
                }
                if field == "lifts" && !c.undertaken_by.contains(&m.actor) {
                    return Err(RuleViolation::new(
                        RuleCode::LiftByNonActor,
                        format!(
                            "only {} can promise to lift measure `{id}`, which it took; name it in `undertaken_by`",
                            m.actor
                        ),
                    )
                    .field("lifts"));
                }
            }
        }
        Ok(())
    }

    pub(in crate::image) fn registered(&self, code: StateCode, field: &'static str) -> Check {
        if self.states.contains_key(&code) {
            Ok(())
        } else {
            Err(RuleViolation::new(
                RuleCode::UnknownState,
                format!("state {code} is not registered: record a state_registered act first"),
            )
            .field(field)
            .said(RefusalSaid::StateNotRegistered { state: code }))
        }
    }

    pub(in crate::image) fn pair(
        &self,
        a: StateCode,
        b: StateCode,
        fa: &'static str,
        fb: &'static str,
    ) -> Check {
        self.registered(a, fa)?;
        self.registered(b, fb)?;
        if a == b {
            return Err(RuleViolation::new(
                RuleCode::SameState,
                format!("{fa} and {fb} are both {a}: a relation needs two states"),
            )
            .field(fb)
            .said(RefusalSaid::SameState { state: a }));
        }
        Ok(())
    }

    /// Talks are between the two states of one relation (a third state may host them).
    pub(in crate::image) fn parties(&self, parties: &Parties) -> Check {
        let parties = parties.as_slice();
        let [a, b] = parties[..] else {
            return Err(RuleViolation::new(
                RuleCode::SameState,
                format!(
                    "`parties` names the two states of the relation, not {}",
                    parties.len()
                ),
            )
            .field("parties"));
        };
        self.pair(a, b, "parties", "parties")
    }

    pub(in crate::image) fn post(
        &self,
        id: &PostId,
        field: &'static str,
    ) -> Result<&PostRecord, RuleViolation> {
        self.posts
            .get(id)
            .ok_or_else(|| unknown(RuleCode::UnknownPost, field, id))
    }

    pub(in crate::image) fn member(
        &self,
        id: &MemberId,
    ) -> Result<&super::members::MemberRecord, RuleViolation> {
        self.members
            .get(id)
            .ok_or_else(|| unknown(RuleCode::UnknownMember, "member", id))
    }

    /// A measure the act may name: recorded, and not withdrawn for (or hidden from) the act's
    /// readers. A withdrawn measure is kept in the image for views known earlier, but to a
    /// new act it does not exist.
    pub(in crate::image) fn live_measure(
        &self,
        id: &MeasureId,
        field: &'static str,
        reader: Reader,
    ) -> Result<&super::measures::MeasureRecord, RuleViolation> {
        let everything = View::everything_for(reader);
        self.measures
            .get(id)
            .filter(|r| r.known_to(&everything))
            .ok_or_else(|| unknown(RuleCode::UnknownMeasure, field, id))
    }

    /// The measure an act about a mission carries out (a closure, a seizure, a declaration of
    /// persona non grata): the host's, against that mission's sending state. Citing the other
    /// side's measure would let one party hold the other's record.
    pub(in crate::image) fn cited_measure(
        &self,
        id: Option<&MeasureId>,
        sending: StateCode,
        host: StateCode,
        reader: Reader,
    ) -> Check {
        let Some(id) = id else { return Ok(()) };
        let m = self.live_measure(id, "measure", reader)?;
        if (m.actor, m.target) != (host, sending) {
            return Err(RuleViolation::new(
                RuleCode::ScopeOutsideRelation,
                format!(
                    "measure `{id}` is {}'s against {}: an act on {sending}'s mission in {host} carries out {host}'s measures against {sending}",
                    m.actor, m.target
                ),
            )
            .field("measure"));
        }
        Ok(())
    }

    pub(in crate::image) fn party_of_post(&self, p: &PostRecord, by: StateCode) -> Check {
        if by == p.sending || by == p.host {
            Ok(())
        } else {
            Err(RuleViolation::new(
                RuleCode::PostNotInRelation,
                format!(
                    "`by` must be {} or {} for post `{}`, not {by}",
                    p.sending, p.host, p.id
                ),
            )
            .field("by"))
        }
    }

    /// The post exists and is open or suspended (not closed, not yet unopened) on `date`.
    pub(in crate::image) fn post_usable_on(
        &self,
        id: &PostId,
        date: ValidDate,
        reader: Reader,
    ) -> Check {
        let p = self.post(id, "post")?;
        let state = fold_post(
            id,
            View::whole_record(date.earliest(), reader).filter(&p.events),
        )
        .ok()
        .flatten();
        match state {
            Some(s) if s.status != PostStatus::Closed => Ok(()),
            Some(s) => Err(RuleViolation::new(
                RuleCode::PostNotOpen,
                format!("post `{id}` is closed on {date} (since {})", s.status_since),
            )
            .field("post")
            .said(RefusalSaid::PostNotOpen {
                post: id.clone(),
                date,
                since: Some(s.status_since),
            })),
            None => Err(RuleViolation::new(
                RuleCode::PostNotOpen,
                format!("post `{id}` is not yet open on {date}"),
            )
            .field("post")
            .said(RefusalSaid::PostNotOpen {
                post: id.clone(),
                date,
                since: None,
            })),
        }
    }

    pub(in crate::image) fn check_measure(
        &self,
        m: &MeasureImposed,
        date: ValidDate,
        correcting: bool,
        reader: Reader,
    ) -> Check {
        self.pair(m.actor, m.target, "actor", "target")?;
        if self.measures.contains_key(&m.measure) && !correcting {
            return Err(dup(Thing::Measure, &m.measure, "measure"));
        }
        self.check_scope(&m.scope, m.actor, m.target)?;
        self.check_capacity(m)?;
        self.check_answers(&m.measure, m.actor, m.target, &m.answers, date, reader)?;
        check_measure_dates(date, m.effective, m.deadline, m.expires)?;
        // A cap, closure, seizure or bar stands by nature: calling it an event would keep it
        // out of every "in force" and every verdict.
        if m.character == Some(Character::Event)
            && (m.measure_kind.is_cap()
                || matches!(
                    m.measure_kind,
                    MeasureKind::PostClosure
                        | MeasureKind::PremisesSeized
                        | MeasureKind::PremisesAccessBarred
                        | MeasureKind::ReplacementsBarred
                ))
        {
            return Err(RuleViolation::new(
                RuleCode::CharacterMismatch,
                format!(
                    "a {} stands until lifted: it cannot be recorded as an event",
                    m.measure_kind
                ),
            )
            .field("character"));
        }
        check_event_terms(m)?;
        // Closing a post already closed is the same event twice.
        if m.measure_kind == MeasureKind::PostClosure {
            let view = View::whole_record(date.earliest(), reader);
            for post in &m.scope.posts {
                let closed = self.posts.get(post).and_then(|p| {
                    fold_post(post, view.filter(&p.events))
                        .ok()
                        .flatten()
                        .filter(|s| s.status == PostStatus::Closed)
                        .map(|s| s.status_since)
                });
                if let Some(since) = closed {
                    return Err(RuleViolation::new(
                        RuleCode::DuplicateEvent,
                        format!("post `{post}` has been closed since {since}: a measure cannot close it again"),
                    )
                    .field("scope.posts"));
                }
            }
        }
        if correcting {
            self.check_corrected_links(m, reader)?;
            self.check_promises_still_keepable(m, reader)?;
        }
        if m.measure_kind.is_cap()
            && m.magnitude.cap.is_none()
            && m.limits.is_empty()
            && !m.cap_at_parity
        {
            return Err(RuleViolation::new(
                RuleCode::MeasureNeedsCap,
                format!(
                    "a {} needs its ceiling: magnitude.cap, limits per category, or cap_at_parity",
                    m.measure_kind
                ),
            )
            .article("VCDR Art. 11")
            .field("magnitude.cap"));
        }
        Ok(())
    }

    /// What a measure (or a stage of it) names in its scope belongs to the target's missions
    /// in the actor's state: a host acts on the other's mission, never on its own.
    pub(in crate::image) fn check_scope(
        &self,
        scope: &Scope,
        actor: StateCode,
        target: StateCode,
    ) -> Check {
        let outside = |what: &str, id: &dyn std::fmt::Display| {
            RuleViolation::new(
                RuleCode::ScopeOutsideRelation,
                format!("{what} `{id}` is not part of {target}'s missions in {actor}"),
            )
            .field("scope")
        };
        for post in &scope.posts {
            let p = self.post(post, "scope.posts")?;
            if (p.sending, p.host) != (target, actor) {
                return Err(outside("post", post));
            }
        }
        for id in &scope.premises {
            let r = self
                .premises
                .get(id)
                .ok_or_else(|| unknown(RuleCode::UnknownPremises, "scope.premises", id))?;
            if (r.sending, r.host) != (target, actor) {
                return Err(outside("premises", id));
            }
        }
        for id in &scope.members {
            let r = self
                .members
                .get(id)
                .ok_or_else(|| unknown(RuleCode::UnknownMember, "scope.members", id))?;
            let p = self.post(&r.post, "scope.members")?;
            if (p.sending, p.host) != (target, actor) {
                return Err(outside("member", id));
            }
        }
        Ok(())
    }

    /// Only the receiving state's government caps the other's mission, closes its posts, bars
    /// replacements or declares its members persona non grata (VCDR Art. 9, 11; VCCR Art. 4);
    /// premises may also be seized by a court or by law, and access to them barred by a local
    /// authority too; never by the sending state or a private body. Labelled otherwise, such a measure would silently leave
    /// every verdict.
    fn check_capacity(&self, m: &MeasureImposed) -> Check {
        let capacity = m.capacity();
        let allowed: &[Capacity] = if m.measure_kind.is_cap()
            || matches!(
                m.measure_kind,
                MeasureKind::PostClosure | MeasureKind::ReplacementsBarred | MeasureKind::Expulsion
            ) {
            &[Capacity::HostGovernment]
        } else if m.measure_kind == MeasureKind::PremisesSeized {
            &[
                Capacity::HostGovernment,
                Capacity::Court,
                Capacity::Legislature,
            ]
        } else if m.measure_kind == MeasureKind::PremisesAccessBarred {
            &[
                Capacity::HostGovernment,
                Capacity::Court,
                Capacity::LocalAuthority,
                Capacity::Legislature,
            ]
        } else {
            return Ok(());
        };
        if allowed.contains(&capacity) {
            return Ok(());
        }
        Err(RuleViolation::new(
            RuleCode::CapacityMismatch,
            format!(
                "a {} against {}'s mission is an act of {}'s public authorities ({}): it cannot be taken in the capacity `{capacity}`",
                m.measure_kind,
                m.target,
                m.actor,
                allowed.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )
        .article("VCDR Art. 9, 11, 22")
        .field("capacity"))
    }

    /// What a measure (or a stage of it) answers: measures of the other side, dated earlier.
    pub(in crate::image) fn check_answers(
        &self,
        measure: &MeasureId,
        actor: StateCode,
        target: StateCode,
        answers: &[MeasureId],
        date: ValidDate,
        reader: Reader,
    ) -> Check {
        for answered in answers {
            let r = self.live_measure(answered, "answers", reader)?;
            if (r.actor, r.target) != (target, actor) {
                return Err(RuleViolation::new(
                    RuleCode::AnswersOwnSide,
                    format!(
                        "measure `{}` by {} cannot answer `{answered}`, taken by {} against {}: an answer responds to the other side",
                        measure, actor, r.actor, r.target
                    ),
                )
                .article("VCDR Art. 47(2)(a)")
                .field("answers"));
            }
            if let Some(first) = r
                .events
                .iter()
                .find(|e| View::everything_for(reader).knows(e))
            {
                if first.date.certainly_after(date) {
                    return Err(RuleViolation::new(
                        RuleCode::AnswersLaterAct,
                        format!(
                            "measure `{}` dated {date} cannot answer `{answered}`, which is dated {}: an act can only answer an earlier one",
                            measure, first.date
                        ),
                    )
                    .field("answers"));
                }
            }
        }
        Ok(())
    }

    /// A post reopens only once the measure that closed it (if any) no longer stands.
    pub(in crate::image) fn check_closure_lifted(
        &self,
        post: &PostId,
        at: super::subject::Checking,
    ) -> Check {
        let view = View::whole_record(at.date.earliest(), at.reader);
        let Some(p) = self.posts.get(post) else {
            return Ok(());
        };
        let closing = fold_post(post, view.filter(&p.events))
            .ok()
            .flatten()
            .and_then(|s| s.closing_measure.cloned());
        let Some(id) = closing else { return Ok(()) };
        let standing = self
            .measures
            .get(&id)
            .and_then(|r| r.state(&view))
            .is_some_and(|s| s.lifted.is_none() && !s.is_event());
        if standing {
            return Err(RuleViolation::new(
                RuleCode::ClosureStillInForce,
                format!("post `{post}` cannot reopen on {}: measure `{id}` that closed it is not lifted", at.date),
            )
            .article("VCCR Art. 4")
            .field("post")
            .said(RefusalSaid::ClosureStillInForce {
                post: post.clone(),
                date: at.date,
                measure: id.clone(),
            }));
        }
        Ok(())
    }

    /// A stage of a measure: the measure is known, and its new dates and answers hold.
    pub(in crate::image) fn check_measure_change(
        &self,
        c: &MeasureChange,
        date: ValidDate,
        reader: Reader,
    ) -> Check {
        let r = self.live_measure(&c.measure, "measure", reader)?;
        self.check_answers(&c.measure, r.actor, r.target, &c.answers, date, reader)?;
        if let Some(scope) = &c.scope {
            self.check_scope(scope, r.actor, r.target)?;
        }
        check_measure_dates(date, c.effective, c.deadline, c.expires)?;
        // A stage changes the terms from its date on; it cannot move the day a measure that
        // already bit took effect, which would rewrite the record's past.
        let view = View::whole_record(date.earliest(), reader);
        if let Some(state) = r.state(&view) {
            let bit = state.terms().effective;
            if (c.effective.is_some() || c.deadline.is_some()) && date.certainly_after(bit) {
                return Err(RuleViolation::new(
                    RuleCode::DatesOutOfOrder,
                    format!(
                        "measure `{}` took effect on {bit}: a stage dated {date} cannot move that day",
                        c.measure
                    ),
                )
                .field(if c.effective.is_some() { "effective" } else { "deadline" }));
            }
        }
        Ok(())
    }

    /// A measure a commitment promises to lift or ease cannot be corrected into an event: the
    /// promise could then never be kept.
    fn check_promises_still_keepable(&self, m: &MeasureImposed, reader: Reader) -> Check {
        if m.character() != Character::Event {
            return Ok(());
        }
        let everything = View::everything_for(reader);
        let mut ids: Vec<&CommitmentId> = self.commitments.keys().collect();
        ids.sort_unstable();
        for id in ids {
            let promised = self.commitments[id].events.iter().any(|e| {
                everything.knows(e)
                    && matches!(&e.ev, CommitmentEvent::Made(c)
                        if c.lifts.contains(&m.measure) || c.eases.contains(&m.measure))
            });
            if promised {
                return Err(RuleViolation::new(
                    RuleCode::EventNotLiftable,
                    format!(
                        "measure `{}` cannot become an event: commitment `{id}` promises to lift or ease it",
                        m.measure
                    ),
                )
                .field("character"));
            }
        }
        Ok(())
    }

    /// A correction can change what a measure answers, so it is checked against the links that
    /// already exist: its answers may not lead back to it (the graph stays acyclic). A
    /// correction that moves the measure after the other side's answers to it is not refused
    /// (that would let one party hold the other's correction of its own record): the views
    /// name such answers apart (`answers_later`).
    fn check_corrected_links(&self, m: &MeasureImposed, reader: Reader) -> Check {
        let everything = View::everything_for(reader);
        // Walk what the corrected measure would answer; reaching it again is a cycle.
        let mut stack: Vec<&MeasureId> = m.answers.iter().collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(id) = stack.pop() {
            if *id == m.measure {
                return Err(RuleViolation::new(
                    RuleCode::AnswersLaterAct,
                    format!(
                        "measure `{}` cannot answer a measure that (through others) answers it",
                        m.measure
                    ),
                )
                .field("answers"));
            }
            if !seen.insert(id) {
                continue;
            }
            if let Some(r) = self.measures.get(id) {
                for e in r.events.iter().filter(|e| everything.knows(e)) {
                    if let MeasureEvent::Imposed(x) = &e.ev {
                        stack.extend(x.answers.iter());
                    }
                }
            }
        }
        Ok(())
    }

    /// VCDR Art. 11: an arrival may not take the staff a cap counts above the cap.
    pub(in crate::image) fn check_caps(
        &self,
        member: &MemberId,
        date: ValidDate,
        reader: Reader,
    ) -> Check {
        let view = View::whole_record(date.earliest(), reader);
        let Some(record) = self.members.get(member) else {
            return Ok(());
        };
        let Some(post) = self.posts.get(&record.post) else {
            return Ok(());
        };
        let Some(me) = fold_member(member, view.filter(&record.events))
            .ok()
            .flatten()
        else {
            return Ok(());
        };
        let mission = MissionKey {
            sending: post.sending,
            host: post.host,
        };
        let Some(rel) = self
            .relations
            .get(&RelationKey::new(post.sending, post.host))
        else {
            return Ok(());
        };
        // Who else is present, and which posts a cap covers, are worked out once per arrival, not
        // once per cap: folding every member the mission ever had, and each one's post, for
        // every cap made a long history's import quadratic.
        let mut colleagues: Option<Vec<Colleague<'_>>> = None;
        for id in &rel.measures {
            let Some(rec) = self.measures.get(id) else {
                continue;
            };
            if (rec.actor, rec.target) != (post.host, post.sending) || !may_limit_arrivals(rec) {
                continue;
            }
            let Some(state) = rec.state(&view) else {
                continue;
            };
            let m = state.measure;
            if !state.in_force() || m.capacity() != Capacity::HostGovernment {
                continue;
            }
            // While a bar on replacements stands, nobody it counts arrives at the posts it
            // covers; lifting it lets replacements arrive.
            if m.measure_kind == MeasureKind::ReplacementsBarred {
                let t = state.terms();
                let covered = t.scope.posts.is_empty() || t.scope.posts.contains(&post.id);
                if covered && t.counting.counts(me.info.category) {
                    return Err(RuleViolation::new(
                        RuleCode::ReplacementsBarred,
                        format!(
                            "`{member}` cannot arrive on {date}: measure `{id}` bars replacements ({}) at this post; record it with a violation and its justification if it happened anyway",
                            t.counting
                        ),
                    )
                    .article("VCDR Art. 11")
                    .field("member")
                    .said(RefusalSaid::ReplacementsBarred {
                        member: member.clone(),
                        date,
                        measure: id.clone(),
                        counting: t.counting,
                    }));
                }
                continue;
            }
            if !m.measure_kind.is_cap() {
                continue;
            }
            let scope = state.terms().scope;
            let covers = |post: &PostId, kind: Option<PostKind>| {
                let in_scope = scope.posts.is_empty() || scope.posts.contains(post);
                in_scope && (m.includes_io || kind != Some(PostKind::MissionToIo))
            };
            if !covers(&post.id, self.post_kind(post, reader)) {
                continue;
            }
            for (counting, cap) in state.caps() {
                if !counting.counts(me.info.category) {
                    continue;
                }
                let others = colleagues
                    .get_or_insert_with(|| self.colleagues_present(mission, member, &view, reader));
                let present = others
                    .iter()
                    .filter(|c| counting.counts(c.category) && covers(c.post, c.post_kind))
                    .count();
                if present as u64 + 1 > u64::from(cap) {
                    return Err(RuleViolation::new(
                        RuleCode::CapExceeded,
                        format!(
                            "the arrival of `{member}` on {date} would bring the staff counted by measure `{id}` ({counting}) to {} against a cap of {cap}; record it with a violation and its justification if it happened anyway",
                            present + 1
                        ),
                    )
                    .article("VCDR Art. 11")
                    .field("member")
                    .said(RefusalSaid::CapExceeded {
                        member: member.clone(),
                        date,
                        measure: id.clone(),
                        counting,
                        count: present as u64 + 1,
                        cap,
                    }));
                }
            }
        }
        Ok(())
    }

    /// The members of `mission` other than `member` present on the view's day, each with the
    /// kind of their post, which is folded once per post rather than once per member.
    fn colleagues_present(
        &self,
        mission: MissionKey,
        member: &MemberId,
        view: &View,
        reader: Reader,
    ) -> Vec<Colleague<'_>> {
        let Some(ms) = self.missions.get(&mission) else {
            return Vec::new();
        };
        let mut kinds: HashMap<&PostId, Option<PostKind>> = HashMap::new();
        let mut out = Vec::new();
        for r in ms
            .members
            .iter()
            .filter(|other| *other != member)
            .filter_map(|other| self.members.get(other))
        {
            let Some(post) = self.posts.get(&r.post) else {
                continue;
            };
            let Some(s) = fold_member(&r.id, view.filter(&r.events)).ok().flatten() else {
                continue;
            };
            if !s.present {
                continue;
            }
            let post_kind = *kinds
                .entry(&post.id)
                .or_insert_with(|| self.post_kind(post, reader));
            out.push(Colleague {
                post: &post.id,
                category: s.info.category,
                post_kind,
            });
        }
        out
    }

    fn post_kind(&self, p: &PostRecord, reader: Reader) -> Option<PostKind> {
        fold_post(&p.id, View::everything_for(reader).filter(&p.events))
            .ok()
            .flatten()
            .map(|s| s.info.kind)
    }
}

/// Whether any version of the measure, as first taken or corrected, is of a kind that limits
/// arrivals: the others are skipped unfolded, as most measures of a long history are.
fn may_limit_arrivals(rec: &MeasureRecord) -> bool {
    rec.events.iter().any(|e| match &e.ev {
        MeasureEvent::Imposed(m) => {
            m.measure_kind.is_cap() || m.measure_kind == MeasureKind::ReplacementsBarred
        }
        _ => false,
    })
}

/// A member counted against a cap: where they serve, as what.
struct Colleague<'a> {
    post: &'a PostId,
    category: StaffCategory,
    post_kind: Option<PostKind>,
}

pub(in crate::image) fn dup(
    thing: Thing,
    id: &dyn std::fmt::Display,
    field: &'static str,
) -> RuleViolation {
    let what = thing.as_str();
    RuleViolation::new(
        RuleCode::DuplicateId,
        format!("{what} `{id}` is already recorded; an identifier names one thing for ever"),
    )
    .field(field)
    .said(RefusalSaid::Duplicate {
        thing,
        id: id.to_string(),
    })
}

pub(in crate::image) fn unknown(
    code: RuleCode,
    field: &'static str,
    id: &dyn std::fmt::Display,
) -> RuleViolation {
    RuleViolation::new(code, format!("`{id}` is not recorded (field `{field}`)"))
        .field(field)
        .said(RefusalSaid::Unknown { id: id.to_string() })
}

/// An event happens on its date: it has no limits to keep nor a day on which it lapses.
fn check_event_terms(m: &MeasureImposed) -> Check {
    if m.character() != Character::Event {
        return Ok(());
    }
    let standing_term = if m.expires.is_some() {
        Some("expires")
    } else if !m.limits.is_empty() {
        Some("limits")
    } else if m.magnitude.cap.is_some() {
        Some("magnitude.cap")
    } else if m.cap_at_parity {
        Some("cap_at_parity")
    } else {
        None
    };
    match standing_term {
        Some(field) => Err(RuleViolation::new(
            RuleCode::CharacterMismatch,
            format!(
                "a {} is an event: it happens on its date and has no `{field}`; record a standing consequence (replacements barred, a cap) as a measure of its own",
                m.measure_kind
            ),
        )
        .field(field)),
        None => Ok(()),
    }
}

/// A measure's own dates follow its act's date: it cannot fall due (`deadline_before_date`),
/// bite or lapse (`dates_out_of_order`) before it was taken, nor lapse before it bites.
fn check_measure_dates(
    date: ValidDate,
    effective: Option<ValidDate>,
    deadline: Option<ValidDate>,
    expires: Option<ValidDate>,
) -> Check {
    let before = |term: Term, d: ValidDate, what: &str, other: ValidDate, said| {
        let field = term.as_str();
        Err(RuleViolation::new(
            RuleCode::DatesOutOfOrder,
            format!("{field} {d} is before {what} {other}"),
        )
        .field(field)
        .said(said))
    };
    crate::rules::check_deadline(date, deadline, "deadline")?;
    for (term, d) in [(Term::Effective, effective), (Term::Expires, expires)] {
        if let Some(d) = d {
            if date.certainly_after(d) {
                let said = RefusalSaid::TermBeforeDate {
                    term,
                    term_date: d,
                    date,
                };
                return before(term, d, "the act's date", date, said);
            }
        }
    }
    if let (Some(x), Some(e)) = (expires, effective.or(deadline)) {
        if e.certainly_after(x) {
            let said = RefusalSaid::ExpiresBeforeEffect {
                expires: x,
                effective: e,
            };
            return before(Term::Expires, x, "the date it takes effect,", e, said);
        }
    }
    Ok(())
}

impl Image {
    /// Applicants are routed elsewhere only from a service the post no longer offers, and only
    /// to a post of the same sending state (in the host state or a third one).
    pub(in crate::image) fn check_routing(
        &self,
        sending: StateCode,
        level: ServiceLevel,
        routed_to: &[RoutedTo],
        from: &[PostId],
        date: ValidDate,
        reader: Reader,
    ) -> Check {
        if routed_to.is_empty() {
            return Ok(());
        }
        if level != ServiceLevel::None {
            return Err(RuleViolation::new(
                RuleCode::RoutedServiceOffered,
                format!(
                    "services routed to another post are not offered here: record them with level `none`, not `{level}`"
                ),
            )
            .article("VCCR Art. 5")
            .field("routed_to"));
        }
        for r in routed_to {
            let Some(id) = &r.post else { continue };
            let p = self.post(id, "routed_to")?;
            if from.contains(id) {
                return Err(RuleViolation::new(
                    RuleCode::PostNotInRelation,
                    format!("post `{id}` cannot route its applicants to itself"),
                )
                .field("routed_to"));
            }
            let view = View::whole_record(date.earliest(), reader);
            let open = fold_post(id, view.filter(&p.events))
                .ok()
                .flatten()
                .is_some_and(|s| s.status == PostStatus::Open);
            if !open {
                return Err(RuleViolation::new(
                    RuleCode::PostNotOpen,
                    format!("applicants cannot be routed to post `{id}`: it is not open on {date}"),
                )
                .field("routed_to"));
            }
            if p.sending != sending || p.host != r.state {
                return Err(RuleViolation::new(
                    RuleCode::PostNotInRelation,
                    format!(
                        "post `{id}` is {}'s post in {}: applicants of {sending}'s posts are routed to a post of {sending}, in the state named ({})",
                        p.sending, p.host, r.state
                    ),
                )
                .field("routed_to"));
            }
        }
        Ok(())
    }

    /// A change forced by measures names the host's measures against the sending state.
    pub(in crate::image) fn check_forced_by(
        &self,
        sending: StateCode,
        host: StateCode,
        forced_by: &[MeasureId],
        reader: Reader,
    ) -> Check {
        for id in forced_by {
            let m = self.live_measure(id, "forced_by", reader)?;
            if (m.actor, m.target) != (host, sending) {
                return Err(RuleViolation::new(
                    RuleCode::ScopeOutsideRelation,
                    format!(
                        "measure `{id}` is {}'s against {}: a change at {sending}'s posts in {host} is forced by {host}'s measures",
                        m.actor, m.target
                    ),
                )
                .field("forced_by"));
            }
        }
        Ok(())
    }
}
