//! Rules that look across entities, checked against the state at the act's valid date. Rules on
//! one entity's own life cycle live in its fold and are checked over its whole timeline.

use super::measures::MeasureEvent;
use super::members::fold_member;
use super::posts::{fold_post, PostRecord, PostStatus};
use super::Image;
use crate::act::{Act, ActBody, CommitmentMade, HeadOfMission, MeasureImposed};
use crate::act::{
    CommitmentAct, MeasureAct, MemberAct, PostAct, PremisesAct, StaffingAct, StateAct, TalksAct,
};
use crate::date::ValidDate;
use crate::ids::{CommitmentId, MeasureId, MemberId, MissionKey, PostId, RelationKey, StateCode};
use crate::rules::RuleViolation;
use crate::vocab::{Counting, MeasureKind, PostKind};

type Check = Result<(), RuleViolation>;

impl Image {
    pub(super) fn check_at_date(&self, act: &Act) -> Check {
        use ActBody as B;
        let date = act.envelope.date;
        let correcting = act.envelope.supersedes.is_some();
        match &act.body {
            B::State(StateAct::Registered { state, .. }) => {
                if self.states.contains_key(state) && !correcting {
                    return Err(RuleViolation::new(
                        "duplicate_id",
                        format!("state {state} is already registered"),
                    )
                    .field("state"));
                }
                Ok(())
            }
            B::Post(PostAct::Opened {
                post,
                sending,
                host,
                ..
            }) => {
                self.pair(*sending, *host, "sending", "host")?;
                if self.posts.contains_key(post) && !correcting {
                    return Err(dup("post", post, "post"));
                }
                Ok(())
            }
            B::Post(PostAct::Suspended { post, by, .. }) => {
                let p = self.post(post, "post")?;
                self.party_of_post(p, *by)
            }
            B::Post(PostAct::Closed {
                post, by, measure, ..
            }) => {
                let p = self.post(post, "post")?;
                self.party_of_post(p, *by)?;
                self.measure_opt(measure.as_ref())
            }
            B::Post(PostAct::Resumed { post }) => self.post(post, "post").map(drop),
            B::Post(PostAct::ServicesChanged { posts, .. }) => {
                let mut relation = None;
                for id in posts {
                    let p = self.post(id, "posts")?;
                    let k = RelationKey::new(p.sending, p.host);
                    // One act, one relation: who may record it and see it is decided by it.
                    if relation.is_some_and(|r| r != k) {
                        return Err(RuleViolation::new(
                            "post_not_in_relation",
                            format!("post `{id}` belongs to another relation than the first post listed: record one act per relation"),
                        )
                        .field("posts"));
                    }
                    relation = Some(k);
                }
                Ok(())
            }
            B::Premises(PremisesAct::Acquired { premises, post, .. }) => {
                if self.premises.contains_key(premises) && !correcting {
                    return Err(dup("premises", premises, "premises"));
                }
                self.post_usable_on(post, date)
            }
            B::Premises(PremisesAct::AccessBarred {
                premises,
                by,
                measure,
            })
            | B::Premises(PremisesAct::Seized {
                premises,
                by,
                measure,
            }) => {
                let r = self
                    .premises
                    .get(premises)
                    .ok_or_else(|| unknown("unknown_premises", "premises", premises))?;
                if *by != r.host {
                    return Err(RuleViolation::new(
                        "premises_action_by_non_host",
                        format!("only the host state {} can bar access to or seize premises `{premises}` (not {by})", r.host),
                    )
                    .article("VCDR Art. 22")
                    .field("by"));
                }
                self.measure_opt(measure.as_ref())
            }
            B::Premises(PremisesAct::Returned { premises, measure }) => {
                self.premises
                    .get(premises)
                    .ok_or_else(|| unknown("unknown_premises", "premises", premises))?;
                self.measure_opt(measure.as_ref())
            }
            B::Premises(PremisesAct::Released { premises }) => self
                .premises
                .get(premises)
                .map(drop)
                .ok_or_else(|| unknown("unknown_premises", "premises", premises)),
            B::Member(MemberAct::Notified { member, post, .. }) => {
                if self.members.contains_key(member) && !correcting {
                    return Err(dup("member", member, "member"));
                }
                self.post_usable_on(post, date)
            }
            B::Member(MemberAct::Arrived { member, violation }) => {
                self.member(member)?;
                if violation
                    .as_ref()
                    .is_some_and(|v| v.justification.trim().is_empty())
                {
                    return Err(RuleViolation::new(
                        "cap_exceeded",
                        "a violation must carry a justification",
                    )
                    .field("violation.justification"));
                }
                if violation.is_none() {
                    self.check_caps(member, date)?;
                }
                Ok(())
            }
            B::Member(MemberAct::DeclaredPng {
                member,
                by,
                measure,
                ..
            }) => {
                let r = self.member(member)?;
                let p = self.post(&r.post, "member")?;
                if *by != p.host {
                    return Err(RuleViolation::new(
                        "png_by_non_host",
                        format!("only the receiving state {} can declare member `{member}` of post `{}` persona non grata (not {by})", p.host, p.id),
                    )
                    .article("VCDR Art. 9")
                    .field("by"));
                }
                self.measure_opt(measure.as_ref())
            }
            B::Member(MemberAct::Departed { member }) => self.member(member).map(drop),
            B::HeadOfMission(HeadOfMission { sending, host, .. }) => {
                self.pair(*sending, *host, "sending", "host")
            }
            B::Staffing(StaffingAct::Reported {
                sending,
                host,
                posts,
                ..
            }) => {
                self.pair(*sending, *host, "sending", "host")?;
                for post in posts {
                    let p = self.post(post, "posts")?;
                    if (p.sending, p.host) != (*sending, *host) {
                        return Err(RuleViolation::new(
                            "post_not_in_relation",
                            format!("post `{post}` is not a post of {sending} in {host}"),
                        )
                        .field("posts"));
                    }
                }
                Ok(())
            }
            B::Measure(MeasureAct::Imposed(m)) => self.check_measure(m, date, correcting),
            B::Measure(MeasureAct::Lifted { measure, .. }) => self.measure_opt(Some(measure)),
            B::Talks(TalksAct::RoundHeld { round, parties, .. })
            | B::Talks(TalksAct::RoundCancelled { round, parties, .. }) => {
                if self.rounds.contains_key(round) && !correcting {
                    return Err(RuleViolation::new(
                        "duplicate_id",
                        format!("round `{round}` is already recorded"),
                    )
                    .field("round"));
                }
                self.parties(parties)
            }
            B::Talks(TalksAct::Agreement { parties, round, .. }) => {
                self.parties(parties)?;
                match round {
                    Some(r) if !self.rounds.contains_key(r) => {
                        Err(unknown("unknown_round", "round", r))
                    }
                    _ => Ok(()),
                }
            }
            B::Talks(TalksAct::Statement { by, about, .. }) => {
                self.pair(*by, *about, "by", "about")
            }
            B::Commitment(CommitmentAct::Made(c)) => self.check_commitment(c, correcting),
            B::Commitment(CommitmentAct::StatusChanged { commitment, .. }) => {
                self.commitment(commitment)
            }
            B::Commitment(CommitmentAct::Kept {
                commitment,
                evidence,
            }) => {
                self.commitment(commitment)?;
                if evidence.trim().is_empty() {
                    return Err(RuleViolation::new(
                        "commitment_kept_needs_act",
                        "a kept commitment needs its evidence",
                    )
                    .field("evidence"));
                }
                Ok(())
            }
        }
    }

    fn commitment(&self, id: &CommitmentId) -> Check {
        self.commitments
            .get(id)
            .map(drop)
            .ok_or_else(|| unknown("unknown_commitment", "commitment", id))
    }

    fn check_commitment(&self, c: &CommitmentMade, correcting: bool) -> Check {
        let [a, b] = c.parties[..] else {
            return Err(RuleViolation::new(
                "same_state",
                "`parties` names the two states of the relation",
            )
            .field("parties"));
        };
        self.pair(a, b, "parties", "parties")?;
        if self.commitments.contains_key(&c.commitment) && !correcting {
            return Err(dup("commitment", &c.commitment, "commitment"));
        }
        if c.undertaken_by.is_empty() || c.undertaken_by.iter().any(|s| *s != a && *s != b) {
            return Err(RuleViolation::new(
                "post_not_in_relation",
                format!("`undertaken_by` must name {a}, {b} or both"),
            )
            .field("undertaken_by"));
        }
        if let Some(round) = &c.round {
            if !self.rounds.contains_key(round) {
                return Err(unknown("unknown_round", "round", round));
            }
        }
        for (field, ids) in [("lifts", &c.lifts), ("eases", &c.eases)] {
            for id in ids {
                let m = self
                    .measures
                    .get(id)
                    .ok_or_else(|| unknown("unknown_measure", field, id))?;
                if RelationKey::new(m.actor, m.target) != RelationKey::new(a, b) {
                    return Err(RuleViolation::new(
                        "scope_outside_relation",
                        format!("measure `{id}` is not a measure between {a} and {b}"),
                    )
                    .field(field));
                }
                if field == "lifts" && !c.undertaken_by.contains(&m.actor) {
                    return Err(RuleViolation::new(
                        "lift_by_non_actor",
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

    fn registered(&self, code: StateCode, field: &'static str) -> Check {
        if self.states.contains_key(&code) {
            Ok(())
        } else {
            Err(RuleViolation::new(
                "unknown_state",
                format!("state {code} is not registered: record a state_registered act first"),
            )
            .field(field))
        }
    }

    fn pair(&self, a: StateCode, b: StateCode, fa: &'static str, fb: &'static str) -> Check {
        self.registered(a, fa)?;
        self.registered(b, fb)?;
        if a == b {
            return Err(RuleViolation::new(
                "same_state",
                format!("{fa} and {fb} are both {a}: a relation needs two states"),
            )
            .field(fb));
        }
        Ok(())
    }

    /// Talks are between the two states of one relation (a third state may host them).
    fn parties(&self, parties: &[StateCode]) -> Check {
        let [a, b] = parties[..] else {
            return Err(RuleViolation::new(
                "same_state",
                format!(
                    "`parties` names the two states of the relation, not {}",
                    parties.len()
                ),
            )
            .field("parties"));
        };
        self.pair(a, b, "parties", "parties")
    }

    fn post(&self, id: &PostId, field: &'static str) -> Result<&PostRecord, RuleViolation> {
        self.posts
            .get(id)
            .ok_or_else(|| unknown("unknown_post", field, id))
    }

    fn member(&self, id: &MemberId) -> Result<&super::members::MemberRecord, RuleViolation> {
        self.members
            .get(id)
            .ok_or_else(|| unknown("unknown_member", "member", id))
    }

    fn measure_opt(&self, id: Option<&MeasureId>) -> Check {
        match id {
            Some(m) if !self.measures.contains_key(m) => {
                Err(unknown("unknown_measure", "measure", m))
            }
            _ => Ok(()),
        }
    }

    fn party_of_post(&self, p: &PostRecord, by: StateCode) -> Check {
        if by == p.sending || by == p.host {
            Ok(())
        } else {
            Err(RuleViolation::new(
                "post_not_in_relation",
                format!(
                    "`by` must be {} or {} for post `{}`, not {by}",
                    p.sending, p.host, p.id
                ),
            )
            .field("by"))
        }
    }

    /// The post exists and is open or suspended (not closed, not yet unopened) on `date`.
    fn post_usable_on(&self, id: &PostId, date: ValidDate) -> Check {
        let p = self.post(id, "post")?;
        let state = fold_post(id, self.rules_view(date.earliest()).filter(&p.events))
            .ok()
            .flatten();
        match state {
            Some(s) if s.status != PostStatus::Closed => Ok(()),
            Some(s) => Err(RuleViolation::new(
                "post_not_open",
                format!("post `{id}` is closed on {date} (since {})", s.status_since),
            )
            .field("post")),
            None => Err(RuleViolation::new(
                "post_not_open",
                format!("post `{id}` is not yet open on {date}"),
            )
            .field("post")),
        }
    }

    fn check_measure(&self, m: &MeasureImposed, date: ValidDate, correcting: bool) -> Check {
        self.pair(m.actor, m.target, "actor", "target")?;
        if self.measures.contains_key(&m.measure) && !correcting {
            return Err(dup("measure", &m.measure, "measure"));
        }
        let outside = |what: &str, id: &dyn std::fmt::Display| {
            RuleViolation::new(
                "scope_outside_relation",
                format!(
                    "{what} `{id}` is not part of {}'s missions in {}",
                    m.target, m.actor
                ),
            )
            .field("scope")
        };
        for post in &m.scope.posts {
            let p = self.post(post, "scope.posts")?;
            if (p.sending, p.host) != (m.target, m.actor) {
                return Err(outside("post", post));
            }
        }
        for id in &m.scope.premises {
            let r = self
                .premises
                .get(id)
                .ok_or_else(|| unknown("unknown_premises", "scope.premises", id))?;
            if (r.sending, r.host) != (m.target, m.actor) {
                return Err(outside("premises", id));
            }
        }
        for id in &m.scope.members {
            let r = self
                .members
                .get(id)
                .ok_or_else(|| unknown("unknown_member", "scope.members", id))?;
            let p = self.post(&r.post, "scope.members")?;
            if (p.sending, p.host) != (m.target, m.actor) {
                return Err(outside("member", id));
            }
        }
        for answered in &m.answers {
            let r = self
                .measures
                .get(answered)
                .ok_or_else(|| unknown("unknown_measure", "answers", answered))?;
            if (r.actor, r.target) != (m.target, m.actor) {
                return Err(RuleViolation::new(
                    "answers_own_side",
                    format!(
                        "measure `{}` by {} cannot answer `{answered}`, taken by {} against {}: an answer responds to the other side",
                        m.measure, m.actor, r.actor, r.target
                    ),
                )
                .article("VCDR Art. 47(2)(a)")
                .field("answers"));
            }
            if let Some(first) = r.events.iter().find(|e| self.rules_everything().knows(e)) {
                if first.date.certainly_after(date) {
                    return Err(RuleViolation::new(
                        "answers_later_act",
                        format!(
                            "measure `{}` dated {date} cannot answer `{answered}`, which is dated {}: an act can only answer an earlier one",
                            m.measure, first.date
                        ),
                    )
                    .field("answers"));
                }
            }
        }
        if correcting {
            self.check_corrected_links(m, date)?;
        }
        if matches!(
            m.measure_kind,
            MeasureKind::StaffCap | MeasureKind::LocalStaffLimit
        ) && m.magnitude.cap.is_none()
        {
            return Err(RuleViolation::new(
                "measure_needs_cap",
                format!("a {} needs the ceiling in magnitude.cap", m.measure_kind),
            )
            .article("VCDR Art. 11")
            .field("magnitude.cap"));
        }
        Ok(())
    }

    /// A correction can change a measure's date or what it answers, so it is checked against
    /// the links that already exist: no measure answering it may become certainly earlier than
    /// it, and its answers may not lead back to it (the graph stays acyclic).
    fn check_corrected_links(&self, m: &MeasureImposed, date: ValidDate) -> Check {
        let everything = self.rules_everything();
        for (id, other) in &self.measures {
            let answers_me = other.events.iter().filter(|e| everything.knows(e)).any(|e| {
                matches!(&e.ev, MeasureEvent::Imposed(x) if x.answers.contains(&m.measure) && date.certainly_after(e.date))
            });
            if answers_me {
                return Err(RuleViolation::new(
                    "answers_later_act",
                    format!(
                        "measure `{}` cannot move to {date}: `{id}` answers it and would then be dated before it",
                        m.measure
                    ),
                )
                .field("date"));
            }
        }
        // Walk what the corrected measure would answer; reaching it again is a cycle.
        let mut stack: Vec<&MeasureId> = m.answers.iter().collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(id) = stack.pop() {
            if *id == m.measure {
                return Err(RuleViolation::new(
                    "answers_later_act",
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
    fn check_caps(&self, member: &MemberId, date: ValidDate) -> Check {
        let view = self.rules_view(date.earliest());
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
        for id in &rel.measures {
            let Some(rec) = self.measures.get(id) else {
                continue;
            };
            if (rec.actor, rec.target) != (post.host, post.sending) {
                continue;
            }
            let Some(state) = rec.state(&view) else {
                continue;
            };
            let m = state.measure;
            if !state.in_force()
                || !matches!(
                    m.measure_kind,
                    MeasureKind::StaffCap | MeasureKind::LocalStaffLimit
                )
            {
                continue;
            }
            let Some(cap) = m.magnitude.cap else { continue };
            let counting =
                m.counting
                    .unwrap_or(if m.measure_kind == MeasureKind::LocalStaffLimit {
                        Counting::LocallyEmployed
                    } else {
                        Counting::AllStaff
                    });
            let covers = |p: &PostRecord| {
                let in_scope = m.scope.posts.is_empty() || m.scope.posts.contains(&p.id);
                let io_ok = m.includes_io || self.post_kind(p) != Some(PostKind::MissionToIo);
                in_scope && io_ok
            };
            if !covers(post) || !counting.counts(me.info.category) {
                continue;
            }
            let present = self
                .missions
                .get(&mission)
                .map(|ms| {
                    ms.members
                        .iter()
                        .filter(|other| *other != member)
                        .filter_map(|other| self.members.get(other))
                        .filter(|r| self.posts.get(&r.post).is_some_and(covers))
                        .filter_map(|r| fold_member(&r.id, view.filter(&r.events)).ok().flatten())
                        .filter(|s| s.present && counting.counts(s.info.category))
                        .count()
                })
                .unwrap_or(0);
            if present as u64 + 1 > u64::from(cap) {
                return Err(RuleViolation::new(
                    "cap_exceeded",
                    format!(
                        "the arrival of `{member}` on {date} would bring the staff counted by measure `{id}` ({counting}) to {} against a cap of {cap}; record it with a violation and its justification if it happened anyway",
                        present + 1
                    ),
                )
                .article("VCDR Art. 11")
                .field("member"));
            }
        }
        Ok(())
    }

    fn post_kind(&self, p: &PostRecord) -> Option<PostKind> {
        fold_post(&p.id, self.rules_everything().filter(&p.events))
            .ok()
            .flatten()
            .map(|s| s.info.kind)
    }
}

fn dup(what: &str, id: &dyn std::fmt::Display, field: &'static str) -> RuleViolation {
    RuleViolation::new(
        "duplicate_id",
        format!("{what} `{id}` is already recorded; an identifier names one thing for ever"),
    )
    .field(field)
}

pub(super) fn unknown(
    code: &'static str,
    field: &'static str,
    id: &dyn std::fmt::Display,
) -> RuleViolation {
    RuleViolation::new(code, format!("`{id}` is not recorded (field `{field}`)")).field(field)
}
