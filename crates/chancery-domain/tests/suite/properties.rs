//! Properties of the memory image that hold for any history, checked on random ones.
//!
//! The random histories live in a small world (three states, four posts, eight members, six
//! measures ...) with fixed relationships between identifiers (post `aa-embassy` is always AA's
//! embassy in AB), so that a good share of random acts pass validation and the rest are refused
//! for interesting reasons: wrong order of dates, a post already closed, a cap in force, a head
//! already in post. Dates are drawn at random, so acts are often recorded with earlier valid dates
//! than acts before them, and some steps are corrections (`supersedes`) or withdrawals
//! (`act_withdrawn`) of earlier accepted acts.

use chancery_domain::act::{
    HeadEvent, HeadOfMission, MeasureAct, MemberAct, PostAct, PremisesAct, StaffingAct, StateAct,
    TalksAct, WithdrawalAct,
};
use chancery_domain::act::{Magnitude, MeasureImposed, Scope, Violation};
use chancery_domain::image::timeline::View;
use chancery_domain::query::{MeasureFilter, MeasureView, MissionPresence};
use chancery_domain::vocab::{
    Bound, Counting, MeasureKind, PostKind, PremisesKind, ServiceLevel, StaffCategory, StaffFigure,
};
use chancery_domain::{Act, ActBody, CivilDate, Envelope, Image, StateCode, ValidDate};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::HashSet;

// ---- the small world ----

const STATES: [&str; 4] = ["AA", "AB", "AC", "AD"];
/// (slug, sending, host, kind): indices into STATES.
const POSTS: [(&str, usize, usize, PostKind); 4] = [
    ("aa-embassy", 0, 1, PostKind::Embassy),
    ("ab-embassy", 1, 0, PostKind::Embassy),
    ("aa-consulate", 0, 1, PostKind::ConsulateGeneral),
    ("ac-embassy", 2, 0, PostKind::Embassy),
];
/// (slug, post): indices into POSTS.
const PREMISES: [(&str, usize); 4] = [
    ("q-aa-chancery", 0),
    ("q-ab-chancery", 1),
    ("q-aa-cg", 2),
    ("q-aa-residence", 0),
];
const CATEGORIES: [StaffCategory; 4] = [
    StaffCategory::Diplomatic,
    StaffCategory::LocallyEmployed,
    StaffCategory::AdministrativeTechnical,
    StaffCategory::Service,
];
/// (actor, target): indices into STATES. Measure `x{i}` is always taken by the same side.
const MEASURES: [(usize, usize); 6] = [(1, 0), (0, 1), (1, 0), (0, 1), (0, 2), (1, 0)];
/// (sending, host) of the missions whose heads the acts talk about.
const HEAD_MISSIONS: [(usize, usize); 2] = [(0, 1), (1, 0)];
const PAIRS: [(usize, usize); 3] = [(0, 1), (0, 2), (1, 2)];
/// The post of member `m{i}`: mostly the two embassies the prelude opens.
const MEMBER_POSTS: [usize; 8] = [0, 1, 0, 1, 0, 1, 2, 3];

fn st(i: usize) -> StateCode {
    STATES[i % STATES.len()].parse().unwrap()
}

fn post_id(i: usize) -> chancery_domain::PostId {
    POSTS[i % POSTS.len()].0.parse().unwrap()
}

fn premises_id(i: usize) -> chancery_domain::PremisesId {
    PREMISES[i % PREMISES.len()].0.parse().unwrap()
}

fn member_id(i: usize) -> chancery_domain::MemberId {
    format!("m{}", i % 8).parse().unwrap()
}

fn measure_id(i: usize) -> chancery_domain::MeasureId {
    format!("x{}", i % MEASURES.len()).parse().unwrap()
}

fn round_id(i: usize) -> chancery_domain::RoundId {
    format!("r{}", i % 3).parse().unwrap()
}

fn base_date() -> CivilDate {
    "2000-01-01".parse().unwrap()
}

/// How every history starts, long before the random part: three states registered, the two
/// embassies of AA and AB open in each other's capital with their chanceries. Without them most
/// random acts would be refused for naming a post that does not exist yet.
fn prelude() -> Vec<Act> {
    let on = |date: &str, body| Act {
        envelope: Envelope::on(date.parse().unwrap()),
        body,
    };
    let mut acts: Vec<Act> = (0..3)
        .map(|i| {
            on(
                "1990",
                ActBody::State(StateAct::Registered {
                    state: st(i),
                    name: format!("State {i}"),
                    names: chancery_domain::names::Names::default(),
                }),
            )
        })
        .collect();
    for p in 0..2 {
        acts.push(build(&Draw {
            kind: 1,
            a: p,
            b: 0,
            c: 0,
            n: 1,
            date: "1995".parse().unwrap(),
        }));
        acts.push(build(&Draw {
            kind: 6,
            a: p,
            b: 0,
            c: 0,
            n: 0,
            date: "1995".parse().unwrap(),
        }));
    }
    acts
}

fn prelude_len() -> usize {
    prelude().len()
}

/// The raw material of one act: which kind, three small indices that pick its subject and
/// objects, a number, and a date. Kept as a tuple so that proptest shrinks it well.
#[derive(Clone, Debug)]
struct Draw {
    kind: u32,
    a: usize,
    b: usize,
    c: usize,
    n: u32,
    date: ValidDate,
}

/// A step of a history: a fresh act, or a correction of the `target`-th step (if it was
/// accepted) moved to another date.
#[derive(Clone, Debug)]
enum Step {
    Act(Draw),
    Correct {
        target: usize,
        date: ValidDate,
    },
    /// Withdraws the `target`-th act tried by the same call (recorded in error).
    Withdraw {
        target: usize,
        date: ValidDate,
    },
}

/// Kinds with weights: the life-cycle acts that make later acts valid come up more often.
const KINDS: &[(u32, u32)] = &[
    (0, 1),  // state_registered (mostly refused: already registered)
    (1, 2),  // post_opened
    (2, 2),  // post_suspended
    (3, 2),  // post_resumed
    (4, 2),  // post_closed
    (5, 1),  // consular_services_changed
    (6, 2),  // premises_acquired
    (7, 2),  // premises_access_barred
    (8, 1),  // premises_seized
    (9, 2),  // premises_returned
    (10, 1), // premises_released
    (11, 8), // member_notified
    (12, 5), // member_arrived
    (13, 2), // member_declared_png
    (14, 3), // member_departed
    (15, 1), // agrement_requested
    (16, 1), // agrement_granted
    (17, 1), // agrement_refused
    (18, 1), // hom_appointed
    (19, 4), // hom_arrived
    (20, 1), // hom_credentials_copies
    (21, 2), // hom_credentials_presented
    (22, 1), // hom_absent
    (23, 1), // hom_returned
    (24, 2), // hom_departed
    (25, 2), // charge_assumed
    (26, 1), // charge_ended
    (27, 3), // staffing_reported
    (28, 7), // measure_imposed
    (29, 3), // measure_lifted
    (30, 2), // round_held
    (31, 1), // round_cancelled
    (32, 1), // agreement_recorded
    (33, 1), // statement_recorded
];

fn kind_strategy() -> impl Strategy<Value = u32> {
    let total: u32 = KINDS.iter().map(|k| k.1).sum();
    (0..total).prop_map(|mut roll| {
        for (kind, w) in KINDS {
            if roll < *w {
                return *kind;
            }
            roll -= w;
        }
        0
    })
}

/// Dates over about eight years, mostly to the day, some only to the month or the year.
fn date_strategy() -> impl Strategy<Value = ValidDate> {
    (0i32..3000, 0u8..10).prop_map(|(days, p)| {
        let day = base_date().add_days(days);
        let (y, m, _) = day.ymd();
        match p {
            0 => ValidDate::year(y).unwrap(),
            1 => ValidDate::month(y, m).unwrap(),
            _ => ValidDate::day(day),
        }
    })
}

fn draw_strategy() -> impl Strategy<Value = Draw> {
    (
        kind_strategy(),
        0usize..8,
        0usize..8,
        0usize..8,
        0u32..12,
        date_strategy(),
    )
        .prop_map(|(kind, a, b, c, n, date)| Draw {
            kind,
            a,
            b,
            c,
            n,
            date,
        })
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        9 => draw_strategy().prop_map(Step::Act),
        1 => (0usize..64, date_strategy())
            .prop_map(|(target, date)| Step::Correct { target, date }),
        1 => (0usize..64, date_strategy())
            .prop_map(|(target, date)| Step::Withdraw { target, date }),
    ]
}

fn history(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(step_strategy(), len)
}

/// Usually (`c < 6`) the `c`-th of `0..n` that `fits`, else `c` itself, fitting or not.
fn pick(c: usize, n: usize, fits: impl Fn(usize) -> bool) -> usize {
    let ok: Vec<usize> = (0..n).filter(|i| fits(*i)).collect();
    if c < 6 && !ok.is_empty() {
        ok[c % ok.len()]
    } else {
        c
    }
}

/// Builds the act a draw describes.
fn build(d: &Draw) -> Act {
    let Draw {
        kind,
        a,
        b,
        c,
        n,
        date,
    } = d.clone();
    let post = |i: usize| POSTS[i % POSTS.len()];
    let head_mission = HEAD_MISSIONS[b % 2];
    let (hs, hh) = (st(head_mission.0), st(head_mission.1));
    let person = format!("Person {}", c % 2);
    let member_post = |i: usize| MEMBER_POSTS[i % MEMBER_POSTS.len()];
    let premises_host = |i: usize| st(post(PREMISES[i % PREMISES.len()].1).2);
    let measure_opt = |i: usize| i.is_multiple_of(3).then(|| measure_id(i));
    let body = match kind {
        0 => ActBody::State(StateAct::Registered {
            state: st(a),
            name: format!("State {a}"),
            names: chancery_domain::names::Names::default(),
        }),
        1 => {
            let (slug, s, h, k) = post(a);
            ActBody::Post(PostAct::Opened {
                city_names: chancery_domain::names::Names::default(),
                names: chancery_domain::names::Names::default(),
                post: slug.parse().unwrap(),
                sending: st(s),
                host: st(h),
                post_kind: k,
                name: format!("Post {slug}"),
                city: "Capital".into(),
                start_unknown: n % 4 == 0,
            })
        }
        // `by` is usually the sending state or the host, sometimes a stranger (refused).
        2 => ActBody::Post(PostAct::Suspended {
            post: post_id(a),
            by: st(if b % 4 == 3 { 3 } else { post(a).1 }),
            reason: None,
        }),
        3 => ActBody::Post(PostAct::Resumed { post: post_id(a) }),
        4 => ActBody::Post(PostAct::Closed {
            post: post_id(a),
            by: st(if b % 2 == 0 { post(a).2 } else { post(a).1 }),
            reason: None,
            measure: measure_opt(c),
        }),
        5 => ActBody::Post(PostAct::ServicesChanged {
            posts: if b % 2 == 0 {
                vec![post_id(a)]
            } else {
                vec![post_id(a), post_id(a + 1)]
            },
            level: [
                ServiceLevel::Full,
                ServiceLevel::Limited,
                ServiceLevel::EmergencyOnly,
                ServiceLevel::None,
            ][c % 4],
            services: None,
            // Half the changes are of single services, so that post-wide and per-service
            // changes interleave under replay.
            applies_to: if c % 2 == 0 {
                Vec::new()
            } else {
                vec![
                    chancery_domain::vocab::ConsularService::ALL
                        [b % chancery_domain::vocab::ConsularService::ALL.len()],
                ]
            },
            routed_to: Vec::new(),
            forced_by: Vec::new(),
        }),
        6 => ActBody::Premises(PremisesAct::Acquired {
            premises: premises_id(a),
            post: post_id(PREMISES[a % PREMISES.len()].1),
            premises_kind: if a % 4 == 3 {
                PremisesKind::Residence
            } else {
                PremisesKind::Chancery
            },
            name: "Building".into(),
            city: "Capital".into(),
            start_unknown: false,
        }),
        7 => ActBody::Premises(PremisesAct::AccessBarred {
            premises: premises_id(a),
            by: premises_host(a),
            measure: measure_opt(c),
        }),
        8 => ActBody::Premises(PremisesAct::Seized {
            premises: premises_id(a),
            by: premises_host(a),
            measure: measure_opt(c),
        }),
        9 => ActBody::Premises(PremisesAct::Returned {
            premises: premises_id(a),
            measure: measure_opt(c),
        }),
        10 => ActBody::Premises(PremisesAct::Released {
            premises: premises_id(a),
        }),
        11 => ActBody::Member(MemberAct::Notified {
            names: chancery_domain::names::Names::default(),
            member: member_id(a),
            post: post_id(member_post(a)),
            name: format!("Member {}", a % 8),
            category: CATEGORIES[a % CATEGORIES.len()],
            start_unknown: false,
            family_of: None,
        }),
        12 => ActBody::Member(MemberAct::Arrived {
            member: member_id(a),
            violation: (n % 6 == 0).then(|| Violation {
                justification: "arrived anyway".into(),
            }),
        }),
        13 => ActBody::Member(MemberAct::DeclaredPng {
            member: member_id(a),
            by: st(post(member_post(a)).2),
            deadline: None,
            measure: measure_opt(c),
        }),
        14 => ActBody::Member(MemberAct::Departed {
            member: member_id(a),
        }),
        15 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::AgrementRequested,
        }),
        16 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::AgrementGranted,
        }),
        17 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::AgrementRefused,
        }),
        18 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::Appointed,
        }),
        19 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::Arrived {
                start_unknown: n % 3 == 0,
            },
        }),
        20 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::CredentialsCopies,
        }),
        21 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::CredentialsPresented,
        }),
        22 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::Absent { reason: None },
        }),
        23 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::Returned,
        }),
        24 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::Departed,
        }),
        25 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::ChargeAssumed,
        }),
        26 => ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: hs,
            host: hh,
            person,
            event: HeadEvent::ChargeEnded,
        }),
        27 => ActBody::Staffing(StaffingAct::Reported {
            sending: hs,
            host: hh,
            posts: Vec::new(),
            value: n * 10,
            bound: Bound::About,
            counting: Counting::AllStaff,
            includes_io: false,
            figure: StaffFigure::Headcount,
        }),
        28 => {
            let (actor, target) = MEASURES[a % MEASURES.len()];
            let kinds = [
                MeasureKind::StaffCap,
                MeasureKind::Expulsion,
                MeasureKind::PostClosure,
                MeasureKind::VisaRestriction,
                MeasureKind::LocalStaffLimit,
                MeasureKind::PremisesAccessBarred,
            ];
            let measure_kind = kinds[b % kinds.len()];
            let mut scope = Scope::default();
            let mut magnitude = Magnitude::default();
            match measure_kind {
                // Caps are small so that they bite: arrivals get refused while they are in force.
                MeasureKind::StaffCap | MeasureKind::LocalStaffLimit if n % 5 != 0 => {
                    magnitude.cap = Some(n % 3 + 1)
                }
                // Scopes mostly name something of the target's mission in the actor's state, as
                // the rules require; the rest name anything and are refused.
                MeasureKind::Expulsion => {
                    let i = pick(c, 8, |m| {
                        POSTS[member_post(m)].1 == target && POSTS[member_post(m)].2 == actor
                    });
                    scope.members = vec![member_id(i)];
                }
                MeasureKind::PostClosure => {
                    let i = pick(c, POSTS.len(), |p| {
                        POSTS[p].1 == target && POSTS[p].2 == actor
                    });
                    scope.posts = vec![post_id(i)];
                }
                MeasureKind::PremisesAccessBarred => {
                    let i = pick(c, PREMISES.len(), |q| {
                        let p = post(PREMISES[q].1);
                        p.1 == target && p.2 == actor
                    });
                    scope.premises = vec![premises_id(i)];
                }
                _ => {}
            }
            ActBody::Measure(MeasureAct::Imposed(Box::new(MeasureImposed {
                scope,
                magnitude,
                answers: if c % 3 == 0 {
                    vec![measure_id(n as usize)]
                } else {
                    Vec::new()
                },
                ..MeasureImposed::new(
                    measure_id(a),
                    st(actor),
                    st(target),
                    measure_kind,
                    "a measure".into(),
                )
            })))
        }
        29 => ActBody::Measure(MeasureAct::Lifted {
            measure: measure_id(a),
            summary: None,
        }),
        30 => ActBody::Talks(TalksAct::RoundHeld {
            round: round_id(a),
            parties: vec![st(0), st(1)].into(),
            venue_state: st(2),
            venue: None,
            level: None,
            heads_of_delegation: Vec::new(),
            agenda: Vec::new(),
            outcome: "talks".into(),
        }),
        31 => ActBody::Talks(TalksAct::RoundCancelled {
            round: round_id(a),
            parties: vec![st(0), st(1)].into(),
            venue_state: st(2),
            cancelled_by: Some(st(b % 2)),
            outcome: "cancelled".into(),
        }),
        32 => ActBody::Talks(TalksAct::Agreement {
            parties: vec![st(0), st(1)].into(),
            venue_state: st(2),
            round: (b % 2 == 0).then(|| round_id(a)),
            summary: "agreed".into(),
        }),
        _ => ActBody::Talks(TalksAct::Statement {
            by: st(a % 3),
            about: st((a + 1) % 3),
            summary: "a statement".into(),
        }),
    };
    Act {
        envelope: Envelope::on(date),
        body,
    }
}

/// What recording a history did: the image, the accepted acts as a journal would hold them, and
/// how many steps were refused.
struct Run {
    image: Image,
    journal: Vec<(u64, i64, Act)>,
    refused: usize,
    corrections: usize,
    withdrawals: usize,
    out_of_order: usize,
}

impl Run {
    fn new() -> Self {
        let mut run = Run {
            image: Image::new(),
            journal: Vec::new(),
            refused: 0,
            corrections: 0,
            withdrawals: 0,
            out_of_order: 0,
        };
        for act in prelude() {
            run.record(act).unwrap();
        }
        run
    }

    fn record(&mut self, act: Act) -> Result<u64, chancery_domain::RuleViolation> {
        // Transaction time advances one second per attempt, accepted or not.
        let at = 1_000_000 * (self.journal.len() + self.refused) as i64;
        let seq = self.image.record(&act, at)?;
        if act.envelope.supersedes.is_some() {
            self.corrections += 1;
        }
        if act.body.withdraws().is_some() {
            self.withdrawals += 1;
        }
        if self.journal.last().is_some_and(|(_, _, prev)| {
            prev.envelope.date.earliest() > act.envelope.date.earliest()
        }) {
            self.out_of_order += 1;
        }
        self.journal.push((seq, at, act));
        Ok(seq)
    }

    /// Records `steps`; a correction targets an act recorded by the same call, never one before
    /// (a property may rely on earlier acts staying as they are). `check` sees the image before
    /// and after every attempt.
    fn steps(&mut self, steps: &[Step], mut check: impl FnMut(&Image, &Image, bool)) {
        let floor = self.image.last_seq();
        // For each step: the act tried and, if accepted, its sequence number.
        let mut done: Vec<(Act, Option<u64>)> = Vec::new();
        for step in steps {
            let act = match step {
                Step::Act(draw) => build(draw),
                Step::Correct { target, date } => match done.get(target % done.len().max(1)) {
                    Some((earlier, Some(seq))) => {
                        let mut act = earlier.clone();
                        act.envelope.date = *date;
                        act.envelope.supersedes = Some(*seq);
                        act
                    }
                    // Nothing to correct: name an act of this call that may not exist yet or may
                    // not match (refused, mostly).
                    _ => {
                        let mut act = build(&Draw {
                            kind: 29,
                            a: *target,
                            b: 0,
                            c: 0,
                            n: 0,
                            date: *date,
                        });
                        act.envelope.supersedes = Some(floor + 1 + *target as u64);
                        act
                    }
                },
                Step::Withdraw { target, date } => {
                    // An act of this call if it was accepted, else a number that may name
                    // nothing yet (refused).
                    let seq = match done.get(target % done.len().max(1)) {
                        Some((_, Some(seq))) => *seq,
                        _ => floor + 1 + *target as u64,
                    };
                    Act {
                        envelope: Envelope::on(*date),
                        body: ActBody::Withdrawal(WithdrawalAct::Withdrawn {
                            act: seq,
                            reason: "recorded in error".into(),
                        }),
                    }
                }
            };
            let before = self.image.clone();
            let outcome = self.record(act.clone());
            if outcome.is_err() {
                self.refused += 1;
            }
            check(&before, &self.image, outcome.is_ok());
            done.push((act, outcome.ok()));
        }
    }
}

fn run(steps: &[Step]) -> Run {
    let mut r = Run::new();
    r.steps(steps, |_, _, _| {});
    r
}

fn missions(image: &Image, pair: (usize, usize), view: View) -> Vec<MissionPresence> {
    image
        .presence(st(pair.0), st(pair.1), view)
        .unwrap()
        .missions
}

fn measures(image: &Image, pair: (usize, usize), view: View) -> Vec<MeasureView> {
    image
        .measures(st(pair.0), st(pair.1), view, MeasureFilter::Imposed)
        .unwrap()
}

/// 128 cases keep the suite under a second or two in a debug build; set `PROPTEST_CASES` for a
/// deeper run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig {
        cases: cases.unwrap_or(128),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Replay (start-up) and record (live) are two ways to the same image.
    #[test]
    fn replay_equals_incremental(steps in history(20..90)) {
        let r = run(&steps);
        let replayed = Image::replay(r.journal.clone()).unwrap();
        prop_assert_eq!(&replayed, &r.image);
    }

    /// A refused act leaves no trace.
    #[test]
    fn refusal_leaves_the_image_untouched(steps in history(20..90)) {
        let mut r = Run::new();
        r.steps(&steps, |before, after, accepted| {
            if !accepted {
                assert_eq!(before, after);
            }
        });
    }

    /// Whatever is recorded later with a valid date after D, the view as of D does not move,
    /// save what records a thing that existed before its date (`start_unknown`): that shows in
    /// earlier views by design, so the second batch records none. Nor does the first record a
    /// head arriving with an unknown start: a head was in post before such an arrival only while
    /// it is the first event of the mission's heads on record, which a later-dated act (an
    /// agrément asked before it) may change.
    #[test]
    fn acts_dated_after_a_day_do_not_change_the_view_as_of_it(
        before in history(10..50),
        after in history(5..40),
        d in 0i32..3000,
    ) {
        let day = base_date().add_days(d);
        let before: Vec<Step> = before
            .into_iter()
            .map(|s| match s {
                Step::Act(d) if d.kind == 19 && d.n.is_multiple_of(3) => Step::Act(Draw { n: d.n + 1, ..d }),
                other => other,
            })
            .collect();
        let mut r = run(&before);
        let view = View::rules(day);
        let seen = |image: &Image| -> Vec<_> {
            PAIRS.iter().map(|p| (missions(image, *p, view), measures(image, *p, view))).collect()
        };
        let then = seen(&r.image);
        // The same draws, moved to after D (corrections too: they may only correct acts of this
        // second batch, so nothing dated on or before D is touched).
        let moved: Vec<Step> = after
            .iter()
            .map(|s| {
                let shift = |date: ValidDate| {
                    let offset = base_date().days_until(date.earliest()) as i32 % 400;
                    ValidDate::day(day.add_days(1 + offset))
                };
                // Posts open (kind 1) and heads arrive (kind 19) with an unknown start on these n.
                let known_start = |d: &Draw| match d.kind {
                    1 if d.n.is_multiple_of(4) => d.n + 1,
                    19 if d.n.is_multiple_of(3) => d.n + 1,
                    _ => d.n,
                };
                match s {
                    Step::Act(draw) => Step::Act(Draw {
                        date: shift(draw.date),
                        n: known_start(draw),
                        ..draw.clone()
                    }),
                    Step::Correct { target, date } => {
                        Step::Correct { target: *target, date: shift(*date) }
                    }
                    Step::Withdraw { target, date } => {
                        Step::Withdraw { target: *target, date: shift(*date) }
                    }
                }
            })
            .collect();
        r.steps(&moved, |_, _, _| {});
        prop_assert_eq!(then, seen(&r.image));
    }

    /// No as-of answer inside an imprecise period is confident: on the first day of a post's
    /// suspension, resumption or closure dated by a month or a year, the post's status is
    /// `uncertain` unless a later event of the post certainly happened by that day (a return
    /// recorded to that very day settles it).
    #[test]
    fn no_answer_inside_an_imprecise_period_is_confident(steps in history(20..90)) {
        let r = run(&steps);
        // Corrected and withdrawn acts count in no view of the record as it stands.
        let corrected: HashSet<u64> = r
            .journal
            .iter()
            .filter_map(|(_, _, a)| a.envelope.supersedes.or(a.body.withdraws()))
            .collect();
        let live: Vec<(u64, &Act)> = r
            .journal
            .iter()
            .filter(|(seq, _, _)| !corrected.contains(seq))
            .map(|(seq, _, a)| (*seq, a))
            .collect();
        let post_of = |a: &Act| match &a.body {
            ActBody::Post(
                PostAct::Suspended { post, .. }
                | PostAct::Resumed { post }
                | PostAct::Closed { post, .. },
            ) => Some(post.clone()),
            _ => None,
        };
        let names_post = |a: &Act, p: &chancery_domain::ids::PostId| match &a.body {
            ActBody::Post(PostAct::Opened { post, .. }) => post == p,
            ActBody::Post(PostAct::ServicesChanged { posts, .. }) => posts.contains(p),
            _ => post_of(a).as_ref() == Some(p),
        };
        for (seq, a) in &live {
            let Some(post) = post_of(a) else { continue };
            let date = a.envelope.date;
            if date.earliest() == date.latest() {
                continue;
            }
            let day = date.earliest();
            let settled = live.iter().any(|(s, b)| {
                names_post(b, &post)
                    && (b.envelope.date, *s) > (date, *seq)
                    && b.envelope.date.latest() <= day
            });
            if settled {
                continue;
            }
            for pair in PAIRS {
                for m in missions(&r.image, pair, View::rules(day)) {
                    for p in m.posts.iter().filter(|p| p.id == post) {
                        prop_assert_ne!(
                            p.certainty,
                            chancery_domain::image::asof::Certainty::Certain,
                            "{} on {}: {:?}", post, day, p
                        );
                    }
                }
            }
        }
    }

    /// Asking "as known through act k" of today's image gives what the image said after act k.
    #[test]
    fn known_through_k_equals_the_image_at_k(
        steps in history(20..90),
        k in 0usize..100,
        d in 0i32..3000,
    ) {
        let r = run(&steps);
        // From the end of the prelude: before the states are registered, `presence` refuses the
        // question on the replayed image while the full image, which knows the states now,
        // answers it with empty missions.
        let k = (prelude_len() + k % (r.journal.len() + 1 - prelude_len())) as u64;
        let at_k = Image::replay(r.journal.iter().take(k as usize).cloned()).unwrap();
        let as_of = base_date().add_days(d);
        let travelled = View::new(as_of, k, chancery_domain::Reader::Rules);
        for pair in PAIRS {
            let then = View::rules(as_of);
            prop_assert_eq!(missions(&r.image, pair, travelled), missions(&at_k, pair, then));
            prop_assert_eq!(measures(&r.image, pair, travelled), measures(&at_k, pair, then));
        }
    }
}

/// The properties above only mean something if the random histories are mostly valid, contain
/// acts recorded out of valid-date order, and contain accepted corrections: check that they do.
#[test]
fn random_histories_are_meaningful() {
    let mut runner = TestRunner::deterministic();
    let strategy = history(20..90);
    let (mut tried, mut accepted, mut corrections, mut out_of_order) = (0, 0, 0, 0);
    let mut withdrawals = 0;
    for _ in 0..300 {
        let steps = strategy.new_tree(&mut runner).unwrap().current();
        let r = run(&steps);
        tried += steps.len();
        accepted += r.journal.len() - prelude_len();
        corrections += r.corrections;
        withdrawals += r.withdrawals;
        out_of_order += r.out_of_order;
        assert_eq!(r.refused + r.journal.len() - prelude_len(), steps.len());
    }
    let share = accepted as f64 / tried as f64;
    eprintln!(
        "accepted {accepted} of {tried} ({share:.2}); {corrections} corrections, \
         {withdrawals} withdrawals, {out_of_order} out of order"
    );
    assert!(withdrawals > 100, "{withdrawals} withdrawals accepted");
    assert!(share > 1.0 / 3.0, "only {share:.2} of random acts accepted");
    assert!(corrections > 100, "{corrections} corrections accepted");
    assert!(
        out_of_order > accepted / 10,
        "{out_of_order} acts recorded out of date order"
    );
}
