//! Nationals' cases as of a day, with their clocks: VCCR Art. 36(1)(b) ("without delay": no
//! fixed bound, so never overdue, shown with the days that have passed) and the deadlines a
//! bilateral treaty sets for a pair of states ([`TREATY_BOUNDS`]).
//!
//! Reading of a treaty's range ("within one to three days depending on conditions of
//! communication"): the upper bound is the deadline, counted in calendar days from the day of
//! the arrest. With a bound of 3, a clock started on 1 March is met on time by an act dated
//! up to 4 March (day 3), and is overdue from 5 March (day 4) if nothing met it by then. An
//! imprecise arrest date (a month) counts from its last day for the deadline, so a clock is
//! never called overdue before it certainly is; days passed count from its first day.

use serde::Serialize;

use crate::act::CaseOpened;
use crate::date::{CivilDate, ValidDate};
use crate::ids::{CaseId, MeasureId, RelationKey, StateCode};
use crate::image::cases::{fold_case, CaseEvent, CaseState};
use crate::image::claims::ClaimStatus;
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::{CaseKind, CaseStep, MeasureKind};

/// Deadlines a bilateral treaty sets for a pair of states, with where they come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreatyBounds {
    /// The two states, in either order.
    pub states: [&'static str; 2],
    /// Days from the arrest within which the consulate must be informed (upper bound).
    pub notification_days: u32,
    /// Days from the arrest within which a consular officer must be let visit (upper bound).
    pub access_days: u32,
    pub instrument: &'static str,
    pub provenance: &'static str,
}

/// The treaty bounds known to the record. A pair not listed has the general rule.
pub const TREATY_BOUNDS: &[TreatyBounds] = &[TreatyBounds {
    states: ["US", "RU"],
    notification_days: 3,
    access_days: 4,
    instrument: "Consular Convention between the United States and the USSR (Moscow, 1 June 1964, in force 13 July 1968), Art. 12, and its Protocol; continued by the Russian Federation",
    provenance: "Protocol to the Convention: the receiving state informs the consulate of a national's arrest or detention \"within one to three days from the time of arrest or detention depending on conditions of communication\", and grants access \"within two to four days of the arrest or detention depending upon his location\", then \"on a continuing basis\" (TIAS 6503, 19 UST 5018). Deadlines read as the range's upper bound.",
}];

/// The treaty bounds between `a` and `b`, if a treaty sets them.
pub fn treaty_bounds(a: StateCode, b: StateCode) -> Option<&'static TreatyBounds> {
    TREATY_BOUNDS.iter().find(|t| {
        let [x, y] = t.states;
        (x == a.as_str() && y == b.as_str()) || (x == b.as_str() && y == a.as_str())
    })
}

/// What a clock waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClockName {
    /// The national told of the right to have the consulate informed (`informed_of_consular_rights`).
    RightsInformation,
    /// The consulate informed of the arrest, detention or death (`consulate_notified`).
    ConsularNotification,
    /// A consular officer let see the national (`access_granted` or `visit`).
    ConsularAccess,
}

impl ClockName {
    /// What the clock waits for, in words for pages, terminals and alerts.
    pub fn words(self) -> &'static str {
        match self {
            ClockName::RightsInformation => {
                "informing the national of the right to consular notification"
            }
            ClockName::ConsularNotification => "notification of the consulate",
            ClockName::ConsularAccess => "consular access to the national",
        }
    }

    fn met_by(self) -> &'static [CaseStep] {
        match self {
            ClockName::RightsInformation => &[CaseStep::InformedOfConsularRights],
            ClockName::ConsularNotification => &[CaseStep::ConsulateNotified],
            ClockName::ConsularAccess => &[CaseStep::AccessGranted, CaseStep::Visit],
        }
    }
}

/// Where a clock stands on the view's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClockStatus {
    /// Met by its deadline, or met where no deadline is fixed.
    Met,
    /// Met after its deadline.
    MetLate,
    /// Met, but the dates on record (a step or an opening known only to a month, say) cannot
    /// tell whether by its deadline or after it.
    MetUncertain,
    /// Not yet met; within its deadline, or with no fixed deadline ("without delay").
    Running,
    /// Not met, and its deadline has passed while the national is still held.
    Overdue,
    /// Not met by its deadline, and custody has ended since: a breach on record, no longer a
    /// live clock (never an alert).
    Missed,
    /// Not met, and the national was released, exchanged or the case closed within the deadline.
    Stopped,
    /// Not met, and the dates on record cannot tell whether its deadline has passed: the case's
    /// date is known only to a period, so the deadline falls between `due_earliest` and `due`.
    Uncertain,
    /// Not met, and custody has ended; the dates on record cannot tell whether before the
    /// deadline (stopped) or after it (missed). History, never an alert.
    StoppedOrMissed,
    /// A publicly reported case whose reporting says nothing of this step: its deadline has
    /// passed (or it has none, "without delay") with no step on record, which is silence of the
    /// sources, not a breach on record.
    NotReported,
}

/// One clock on a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseClock {
    pub clock: ClockName,
    pub status: ClockStatus,
    /// The deadline in days from the case's date; absent when the rule sets none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound_days: Option<u32>,
    /// The last day on which it may be met on time: counted from the last day the case's date
    /// may take (the deadline itself when that date is a day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<CivilDate>,
    /// The deadline counted from the first day the case's date may take: the same as `due`
    /// when the date is a day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_earliest: Option<CivilDate>,
    /// The rule is "without delay" (VCCR Art. 36(1)(b), 37(a)): no fixed bound, never overdue.
    pub without_delay: bool,
    /// Days from the case's date to the act that met it, or to the view's day (or the day the
    /// national was released) while unmet.
    pub days_passed: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_on: Option<ValidDate>,
    /// Where the rule comes from.
    pub basis: &'static str,
}

impl CaseClock {
    pub fn overdue(&self) -> bool {
        self.status == ClockStatus::Overdue
    }
}

/// Where the measure an `access_denied` step names stands, as the reader knows the record.
/// Never a refusal elsewhere: the host may withdraw or correct its measure without learning
/// that a case names it, and the case says so instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MeasureStanding {
    /// The host's `consular_access_denied` measure, on record.
    OnRecord,
    /// Not the host's act on record: the ministry's own claim of it, not answered.
    OwnClaim,
    /// The ministry's own claim of it, which the host disputes.
    OwnClaimDisputed,
    /// The ministry's own claim of it, which the host confirmed.
    OwnClaimConfirmed,
    /// No longer on record: withdrawn, or corrected into something that is not this denial.
    Gone,
    /// On record, but corrected to a date certainly after the step that names it.
    DatedAfterStep,
}

impl MeasureStanding {
    /// The standing in words, beside the step.
    pub fn words(self) -> &'static str {
        match self {
            MeasureStanding::OnRecord => "the host's measure, on record",
            MeasureStanding::OwnClaim => "rests on our own claim: the host's act is not on record",
            MeasureStanding::OwnClaimDisputed => "rests on our own claim, which the host disputes",
            MeasureStanding::OwnClaimConfirmed => {
                "rests on our own claim, which the host confirmed"
            }
            MeasureStanding::DatedAfterStep => {
                "the host's measure it names is now dated after this step (corrected since)"
            }
            MeasureStanding::Gone => {
                "the measure it names is no longer on record (withdrawn or corrected)"
            }
        }
    }
}

/// One step of a case as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseStepView {
    pub date: ValidDate,
    pub step: CaseStep,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The act that recorded it.
    pub act: u64,
    /// For a step naming a measure: whether that measure is on record, rests on the
    /// ministry's own claim, or is gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure_standing: Option<MeasureStanding>,
}

/// A case as of the view's day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseView {
    pub case: CaseId,
    pub national_of: StateCode,
    pub held_in: StateCode,
    pub case_kind: CaseKind,
    pub date: ValidDate,
    pub city: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<crate::ids::PostId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub public_report: bool,
    /// The act that opened it.
    pub act: u64,
    pub steps: Vec<CaseStepView>,
    pub clocks: Vec<CaseClock>,
    /// Whether any clock is overdue.
    pub overdue: bool,
}

/// The cases of a relation the reader may see, as of the view's day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsularCases {
    pub as_of: CivilDate,
    /// The treaty whose deadlines apply to this pair, if any; otherwise VCCR Art. 36 alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treaty: Option<TreatyBounds>,
    pub cases: Vec<CaseView>,
}

const VCCR_36_1_B: &str = "VCCR Art. 36(1)(b): \"without delay\"";
const VCCR_36_1_C: &str = "VCCR Art. 36(1)(c): the right to visit; no time fixed";
const VCCR_37_A: &str = "VCCR Art. 37(a): \"without delay\"";

/// The Vienna Convention's provisions a clock may rest on, by a code: pages word them in the
/// reader's language, where `CaseClock::basis` keeps the English citation (a bilateral
/// treaty's provision has no code and is cited as recorded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockBasis {
    /// Art. 36(1)(b): the national informed, and the consulate notified, "without delay".
    Vccr36_1B,
    /// Art. 36(1)(c): the right to visit; no time fixed.
    Vccr36_1C,
    /// Art. 37(a): a death notified "without delay".
    Vccr37A,
}

impl ClockBasis {
    /// The provision a clock's `basis` cites, when it is one of the Convention's.
    pub fn of(basis: &str) -> Option<ClockBasis> {
        match basis {
            VCCR_36_1_B => Some(ClockBasis::Vccr36_1B),
            VCCR_36_1_C => Some(ClockBasis::Vccr36_1C),
            VCCR_37_A => Some(ClockBasis::Vccr37A),
            _ => None,
        }
    }

    /// A stable code, for labels.
    pub fn code(self) -> &'static str {
        match self {
            ClockBasis::Vccr36_1B => "vccr_36_1_b",
            ClockBasis::Vccr36_1C => "vccr_36_1_c",
            ClockBasis::Vccr37A => "vccr_37_a",
        }
    }
}

/// The rules of one clock: its bound (if fixed), whether "without delay", and its basis.
struct ClockRule {
    clock: ClockName,
    bound: Option<u32>,
    without_delay: bool,
    basis: &'static str,
}

fn clock_rules(kind: CaseKind, treaty: Option<&'static TreatyBounds>) -> Vec<ClockRule> {
    let rights = ClockRule {
        clock: ClockName::RightsInformation,
        bound: None,
        without_delay: true,
        basis: VCCR_36_1_B,
    };
    match kind {
        CaseKind::Arrest | CaseKind::Detention => {
            let (notification, access) = match treaty {
                Some(t) => (
                    ClockRule {
                        clock: ClockName::ConsularNotification,
                        bound: Some(t.notification_days),
                        without_delay: false,
                        basis: t.instrument,
                    },
                    ClockRule {
                        clock: ClockName::ConsularAccess,
                        bound: Some(t.access_days),
                        without_delay: false,
                        basis: t.instrument,
                    },
                ),
                None => (
                    ClockRule {
                        clock: ClockName::ConsularNotification,
                        bound: None,
                        without_delay: true,
                        basis: VCCR_36_1_B,
                    },
                    ClockRule {
                        clock: ClockName::ConsularAccess,
                        bound: None,
                        without_delay: false,
                        basis: VCCR_36_1_C,
                    },
                ),
            };
            vec![rights, notification, access]
        }
        CaseKind::Death => vec![ClockRule {
            clock: ClockName::ConsularNotification,
            bound: None,
            without_delay: true,
            basis: VCCR_37_A,
        }],
        CaseKind::Emergency => Vec::new(),
    }
}

fn clock(rule: &ClockRule, state: &CaseState<'_>, on: CivilDate) -> CaseClock {
    let start = state.opened.date;
    let deadline_from = |d: CivilDate| {
        rule.bound
            .map(|b| d.add_days(i32::try_from(b).unwrap_or(i32::MAX)))
    };
    // The deadline is a range when the case's date is: certain statuses need both ends.
    let (due_earliest, due) = (
        deadline_from(start.earliest()),
        deadline_from(start.latest()),
    );
    // Steps that may have happened by the day: a step known only to a period counts from its
    // first day, and its clock says when the period leaves the outcome open.
    let steps: Vec<_> = state
        .step_list()
        .filter(|(_, e)| e.date.earliest() <= on)
        .collect();
    let met = steps
        .iter()
        .find(|(s, _)| rule.clock.met_by().contains(s))
        .map(|(_, e)| e.date);
    // A step known only to a period holding the opening (a month-dated step in the arrest's
    // month) counts from the opening, never before it.
    let from_opening = |d: CivilDate| d.max(start.earliest());
    let ended = steps
        .iter()
        .find(|(s, _)| s.ends_custody())
        .map(|(_, e)| (from_opening(e.date.earliest()), e.date.latest()));
    // Public reporting that says nothing of a step is silence, not a breach.
    let silent = state.info.public_report;
    // A step whose period runs past the day may still be to come: it neither meets the clock
    // nor ends custody for certain, but it keeps "overdue" from being certain.
    let met_sure = met.filter(|d| d.latest() <= on);
    let ended_sure = ended.filter(|(_, last)| *last <= on);
    let in_doubt = met_sure.is_none() && met.is_some() || ended_sure.is_none() && ended.is_some();
    let (status, until) = match (met_sure, due_earliest, due) {
        (Some(d), _, Some(due)) if d.earliest() > due => {
            (ClockStatus::MetLate, from_opening(d.earliest()))
        }
        (Some(d), Some(early), _) if d.latest() > early => {
            (ClockStatus::MetUncertain, from_opening(d.earliest()))
        }
        (Some(d), _, _) => (ClockStatus::Met, from_opening(d.earliest())),
        (None, early, due) => match ended_sure {
            Some((first, last)) => {
                let until = first.min(on);
                let status = match (early, due) {
                    (_, None) if silent => ClockStatus::NotReported,
                    (_, Some(due)) if first > due && silent => ClockStatus::NotReported,
                    (_, Some(due)) if first > due => ClockStatus::Missed,
                    (Some(early), _) if last > early => ClockStatus::StoppedOrMissed,
                    _ => ClockStatus::Stopped,
                };
                (status, until)
            }
            None => {
                let status = match (early, due) {
                    (_, None) if silent => ClockStatus::NotReported,
                    // The sources' silence once the deadline may have passed: not reported,
                    // never "may be overdue" (an alert on the strength of silence).
                    (Some(early), _) if on > early && silent => ClockStatus::NotReported,
                    (_, Some(due)) if on > due && !in_doubt => ClockStatus::Overdue,
                    (Some(early), _) if on > early => ClockStatus::Uncertain,
                    _ => ClockStatus::Running,
                };
                (status, on)
            }
        },
    };
    CaseClock {
        clock: rule.clock,
        status,
        bound_days: rule.bound,
        due,
        due_earliest,
        without_delay: rule.without_delay,
        days_passed: start.earliest().days_until(until),
        met_on: met,
        basis: rule.basis,
    }
}

/// A case's view on the view's day, with its clocks.
pub fn case_view(state: &CaseState<'_>, info: &CaseOpened, on: CivilDate) -> CaseView {
    let treaty = treaty_bounds(info.national_of, info.held_in);
    let clocks: Vec<CaseClock> = clock_rules(info.case_kind, treaty)
        .iter()
        .map(|r| clock(r, state, on))
        .collect();
    CaseView {
        case: info.case.clone(),
        national_of: info.national_of,
        held_in: info.held_in,
        case_kind: info.case_kind,
        date: state.opened.date,
        city: info.city.clone(),
        post: info.post.clone(),
        description: info.description.clone(),
        public_report: info.public_report,
        act: state.opened.seq,
        steps: state
            .steps
            .iter()
            .filter_map(|e| match &e.ev {
                CaseEvent::Step {
                    step,
                    measure,
                    summary,
                } => Some(CaseStepView {
                    date: e.date,
                    step: *step,
                    measure: measure.clone(),
                    summary: summary.clone(),
                    act: e.seq,
                    measure_standing: None,
                }),
                CaseEvent::Opened(_) => None,
            })
            .collect(),
        overdue: clocks.iter().any(CaseClock::overdue),
        clocks,
    }
}

impl Image {
    /// Where the denial measure `id` stands for the view's reader, whatever its date: the
    /// record as the view knows it, then the national's ministry's own claims.
    fn measure_standing(
        &self,
        id: &MeasureId,
        step_date: ValidDate,
        national_of: StateCode,
        held_in: StateCode,
        view: View,
    ) -> MeasureStanding {
        let known = View {
            as_of: View::everything().as_of,
            ..view
        };
        let is_denial = |parties: (StateCode, StateCode), kind: MeasureKind| {
            parties == (held_in, national_of) && kind == MeasureKind::ConsularAccessDenied
        };
        // The host's denial as the view knows it, folded once for both questions.
        let on_record = self
            .measure_record(id)
            .filter(|r| r.known_to(&known))
            .and_then(|r| r.state(&known).map(|s| (r, s)))
            .filter(|(r, s)| is_denial((r.actor, r.target), s.measure.measure_kind));
        if let Some((_, s)) = on_record {
            return if s.imposed.date.certainly_after(step_date) {
                MeasureStanding::DatedAfterStep
            } else {
                MeasureStanding::OnRecord
            };
        }
        let relation = RelationKey::new(national_of, held_in);
        match self.claimed_imposition(id, relation, national_of, &known) {
            Some((m, _, status)) if is_denial((m.actor, m.target), m.measure_kind) => {
                match status {
                    ClaimStatus::Open => MeasureStanding::OwnClaim,
                    ClaimStatus::Disputed => MeasureStanding::OwnClaimDisputed,
                    ClaimStatus::Confirmed => MeasureStanding::OwnClaimConfirmed,
                }
            }
            _ => MeasureStanding::Gone,
        }
    }

    /// The relation's cases the view's reader may see, opened by the view's day, with their
    /// steps and clocks on that day, in the order they were recorded.
    pub fn consular_cases(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<ConsularCases, QueryError> {
        self.check_relation(a, b, &view)?;
        let ids = self
            .relations
            .get(&RelationKey::new(a, b))
            .map_or(&[][..], |r| &r.cases[..]);
        let cases = ids
            .iter()
            .filter_map(|id| {
                let r = self.cases.get(id)?;
                // The fold was checked when each act was recorded; a view of part of the
                // record is a prefix of a valid history.
                let state = fold_case(id, view.filter(&r.events)).ok()??;
                let mut shown = case_view(&state, state.info, view.as_of);
                for s in &mut shown.steps {
                    let date = s.date;
                    s.measure_standing = s.measure.as_ref().map(|m| {
                        self.measure_standing(
                            m,
                            date,
                            state.info.national_of,
                            state.info.held_in,
                            view,
                        )
                    });
                }
                Some(shown)
            })
            .collect();
        Ok(ConsularCases {
            as_of: view.as_of,
            treaty: treaty_bounds(a, b).copied(),
            cases,
        })
    }
}

#[cfg(test)]
mod basis_tests {
    use super::*;

    #[test]
    fn the_conventions_provisions_have_codes_and_a_treatys_does_not() {
        assert_eq!(ClockBasis::of(VCCR_36_1_B), Some(ClockBasis::Vccr36_1B));
        assert_eq!(ClockBasis::of(VCCR_36_1_C), Some(ClockBasis::Vccr36_1C));
        assert_eq!(ClockBasis::of(VCCR_37_A), Some(ClockBasis::Vccr37A));
        assert_eq!(ClockBasis::Vccr36_1B.code(), "vccr_36_1_b");
        for t in TREATY_BOUNDS {
            assert_eq!(ClockBasis::of(t.instrument), None, "{}", t.instrument);
        }
    }
}
