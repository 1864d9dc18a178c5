//! What an act is about, as typed references a page can turn into names and links.
//!
//! [`ActBody::subject`] is a key (`posts:us-embassy-moscow,`): stable, compared by corrections,
//! never meant to be read. Lists of acts say the same thing in words, from this.

use super::body::ActBody;
use super::{PostAct, StateAct, TalksAct};
use crate::ids::{CaseId, CommitmentId, MeasureId, MemberId, PostId, PremisesId, RoundId};
use crate::StateCode;

/// The thing an act is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About<'a> {
    State(StateCode),
    Post(&'a PostId),
    /// Several posts at once (a change of consular service, a count of visas issued).
    Posts(&'a [PostId]),
    Premises(&'a PremisesId),
    Member(&'a MemberId),
    /// A mission: its head or its staff figure.
    Mission {
        sending: StateCode,
        host: StateCode,
    },
    Measure(&'a MeasureId),
    Round(&'a RoundId),
    Agreement(&'a [StateCode]),
    Statement(StateCode),
    Commitment(&'a CommitmentId),
    /// A withdrawal: the act it withdraws, by sequence number.
    Withdrawn(u64),
    /// An answer to a claim: the claim's act, by sequence number.
    Claim(u64),
    Case(&'a CaseId),
}

impl ActBody {
    /// What the act is about, as references (see [`About`]).
    pub fn about(&self) -> About<'_> {
        match self {
            ActBody::State(StateAct::Registered { state, .. }) => About::State(*state),
            ActBody::Post(a) => match a {
                PostAct::ServicesChanged { posts, .. }
                | PostAct::IssuanceReported { posts, .. } => About::Posts(posts),
                PostAct::Opened { post, .. }
                | PostAct::Suspended { post, .. }
                | PostAct::Resumed { post }
                | PostAct::Closed { post, .. }
                | PostAct::Reopened { post, .. }
                | PostAct::ConsularStaffReported { post, .. }
                | PostAct::ProductivitySet { post, .. }
                | PostAct::DemandReported { post, .. } => About::Post(post),
            },
            ActBody::Premises(a) => About::Premises(a.premises()),
            ActBody::Member(a) => About::Member(a.member()),
            ActBody::HeadOfMission(a) => About::Mission {
                sending: a.sending,
                host: a.host,
            },
            ActBody::Staffing(a) => {
                let (sending, host) = a.mission();
                About::Mission { sending, host }
            }
            ActBody::Measure(a) => About::Measure(a.measure()),
            ActBody::Talks(a) => match a {
                TalksAct::RoundHeld { round, .. } | TalksAct::RoundCancelled { round, .. } => {
                    About::Round(round)
                }
                TalksAct::Agreement { parties, .. } => About::Agreement(parties.as_slice()),
                TalksAct::Statement { by, .. } => About::Statement(*by),
            },
            ActBody::Commitment(a) => About::Commitment(a.commitment()),
            ActBody::Withdrawal(a) => About::Withdrawn(a.act()),
            ActBody::Claim(a) => About::Claim(a.claim()),
            ActBody::Case(a) => About::Case(a.case()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;

    /// `about` names the same thing as the subject key, for every act of the demo: the key's
    /// prefix matches the variant, and its id appears in the key.
    #[test]
    fn about_names_what_the_subject_key_names() {
        use super::About::*;
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/scenarios/us-ru.toml"
        ))
        .expect("demo file");
        let scenario = Scenario::parse(&text).expect("demo parses");
        assert!(scenario.acts.len() > 100);
        for act in scenario.acts.iter().map(|a| &a.act) {
            let key = act.body.subject();
            let about = act.body.about();
            let (prefix, id) = match about {
                State(s) => ("state:", s.to_string()),
                Post(p) => ("post:", p.to_string()),
                Posts(ps) => ("posts:", ps.iter().map(|p| format!("{p},")).collect()),
                Premises(p) => ("premises:", p.to_string()),
                Member(m) => ("member:", m.to_string()),
                Mission { sending, host } => ("mission:", format!("{sending}-{host}")),
                Measure(m) => ("measure:", m.to_string()),
                Round(r) => ("round:", r.to_string()),
                Agreement(_) => ("agreement:", String::new()),
                Statement(s) => ("statement:", s.to_string()),
                Commitment(c) => ("commitment:", c.to_string()),
                Withdrawn(n) => ("act:", n.to_string()),
                Claim(n) => ("claim:", n.to_string()),
                Case(c) => ("case:", c.to_string()),
            };
            let rest = key
                .strip_prefix(prefix)
                .unwrap_or_else(|| panic!("{key} is not {about:?}"));
            assert!(rest.starts_with(&id), "{key} does not name {id}");
        }
    }
}
