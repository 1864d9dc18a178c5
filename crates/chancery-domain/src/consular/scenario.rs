//! Scenarios on a recorded post: the post's figures as of a day (the capacity answer's own:
//! officers, local staff held to the limits in force, cases per officer-day, demand, calendar),
//! changed over time (officers or local staff ramping, a local-staff limit lifted, a demand
//! shock), and the waits of the baseline and of the scenario side by side, week by week.
//!
//! Both runs use the same seed (common random numbers), so a difference between them comes
//! from the change, not from the draws.

use serde::{Deserialize, Serialize};

use super::capacity::{
    calendar_from, held_local_staff, offered, support_share, LocalStaffLimitView, WaitsFor,
    LOCAL_STAFF_PER_OFFICER, OFFICER_MINUTES_PER_DAY, WAIT_WARM_UP_DAYS,
};
use super::queue::band::Band;
use super::queue::post::{
    simulate_posts, Change, ClassDemand, PostModel, PostModelRequest, PostSpec, Schedule,
    ServiceClass, WeekWaits, LOOKAHEAD_DAYS,
};
use super::said::{Run, ScenarioNote};
use crate::date::CivilDate;
use crate::ids::{MeasureId, PostId, StateCode};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::ConsularService;

pub const SCENARIO_MAX_DAYS: u32 = 730;
pub const SCENARIO_MAX_REPLICATIONS: u32 = 50;
/// Changes a scenario may make: a ramp each of officers, local staff and demand a few times
/// over is far below this; thousands would only multiply the notes and the work.
pub const SCENARIO_MAX_CHANGES: usize = 50;
/// Simulated applicants one scenario may cost, baseline, scenario and warm-ups together (about
/// a second and a half here): a busy post of 10,000 applicants a week over a year with 20
/// replications fits.
pub const SCENARIO_BUDGET_APPLICANTS: f64 = 30_000_000.0;
/// Staff figures a change may reach.
const MAX_STAFF: u32 = 10_000;
/// Demand per week a change may reach, and the largest factor.
const MAX_PER_WEEK: f64 = 10_000_000.0;
const MAX_FACTOR: f64 = 100.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioRequest {
    /// The day whose figures the scenario starts from (today when omitted); day 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<CivilDate>,
    /// Days from the day asked: 7 to 730.
    #[serde(default = "half_year")]
    pub days: u32,
    #[serde(default = "one")]
    pub seed: u64,
    /// 1 to 50.
    #[serde(default = "ten")]
    pub replications: u32,
    /// Local-staff limits in force against the post that the scenario lifts from day 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lift: Vec<MeasureId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ScenarioChange>,
}

fn half_year() -> u32 {
    182
}
fn one() -> u64 {
    1
}
fn ten() -> u32 {
    10
}

/// One change; several of a kind follow each other (a ramp starts after the previous ends).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ScenarioChange {
    /// Consular officers of the section.
    Officers(StaffRamp),
    /// Local staff of the section, still held to any local-staff limit not lifted.
    LocalStaff(StaffRamp),
    Demand(DemandChange),
}

/// From `from_day` (counted from the day asked) the figure moves to `to`, reaching it after
/// `over_days` days (0: at once).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRamp {
    pub to: u32,
    #[serde(default)]
    pub from_day: u32,
    #[serde(default)]
    pub over_days: u32,
}

/// Demand for one service moves to `factor` times the recorded figure, or to `per_week`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DemandChange {
    pub service: ConsularService,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_week: Option<f64>,
    #[serde(default)]
    pub from_day: u32,
    #[serde(default)]
    pub over_days: u32,
}

/// Why a scenario cannot be run: the field at fault and a stable code.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("post `{0}` is not a post of this relation that the view holds")]
    UnknownPost(PostId),
    #[error("`{field}`: {message}")]
    Invalid {
        field: String,
        code: &'static str,
        message: String,
    },
}

impl ScenarioError {
    fn invalid(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        ScenarioError::Invalid {
            field: field.into(),
            code,
            message: message.into(),
        }
    }

    /// The request field at fault (`post` for an unknown post).
    pub fn field(&self) -> &str {
        match self {
            ScenarioError::Query(_) => "relation",
            ScenarioError::UnknownPost(_) => "post",
            ScenarioError::Invalid { field, .. } => field,
        }
    }

    /// Stable code for clients and tests to match on.
    pub fn code(&self) -> &'static str {
        match self {
            ScenarioError::Query(QueryError::UnknownState(_)) => "unknown_state",
            ScenarioError::Query(QueryError::SameState(_)) => "same_state",
            ScenarioError::UnknownPost(_) => "unknown_post",
            ScenarioError::Invalid { code, .. } => code,
        }
    }
}

/// A number out of range or a change that cannot follow the previous one.
pub const SCENARIO_INVALID: &str = "scenario_invalid";
/// A `lift` naming a measure that is not a local-staff limit in force against the post.
pub const SCENARIO_LIFT_NOT_A_LIMIT: &str = "scenario_lift_not_a_limit";
/// The post has no consular staff figure the view holds: nothing to simulate.
pub const SCENARIO_NO_FIGURES: &str = "scenario_no_figures";
/// Beyond [`SCENARIO_BUDGET_APPLICANTS`].
pub const SCENARIO_TOO_LARGE: &str = "scenario_too_large";

/// A post's figures as the record gives them on the day asked.
#[derive(Clone, Debug, PartialEq)]
pub struct PostFigures {
    pub post: PostId,
    pub name: String,
    /// (sending, host): whose public holidays close the post.
    pub pair: (StateCode, StateCode),
    pub as_of: CivilDate,
    pub officers: u32,
    /// As reported (`None`: the report says nothing of local staff, full support assumed).
    pub local_staff_reported: Option<u32>,
    /// Local-staff limits in force against the post, with a figure, and those without one.
    pub limits: Vec<LocalStaffLimitView>,
    pub unsized_limits: Vec<MeasureId>,
    pub services: Vec<ServiceFigures>,
}

/// A service the post gives with a productivity (recorded or default).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceFigures {
    pub service: ConsularService,
    pub cases_per_officer_day: u32,
    /// Recorded applicants per week (0 when none recorded).
    pub demand_per_week: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioAnswer {
    pub as_of: CivilDate,
    pub post: PostId,
    pub name: String,
    pub days: u32,
    /// Days simulated before the day asked (requests not counted) so that the book is full.
    pub warm_up_days: u32,
    pub seed: u64,
    pub replications: u32,
    pub lifted: Vec<MeasureId>,
    pub baseline: ScenarioRun,
    pub scenario: ScenarioRun,
    /// Every assumption the figures rest on, in words.
    pub assumptions: Vec<String>,
    /// What the scenario did that the caller may not expect (a change held to a limit).
    pub notes: Vec<String>,
    /// What `notes` say, for a page to word in its own language.
    #[serde(skip)]
    pub notes_said: Vec<ScenarioNote>,
    pub method: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioRun {
    pub officers: u32,
    /// On day 0, after the limits that bind in this run (`None`: not reported, full support).
    pub local_staff: Option<u32>,
    /// The tightest limit that still binds in this run.
    pub local_staff_limit: Option<u32>,
    /// Officer-days of cases in each week (officers x support factor x working days).
    pub officer_days_weekly: Vec<f64>,
    pub services: Vec<ScenarioService>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioService {
    pub service: ConsularService,
    pub cases_per_officer_day: u32,
    /// Cases a week if the section worked this service alone.
    pub capacity_weekly: Vec<f64>,
    /// Applicants a week (the mean of the week's daily figures).
    pub demand_weekly: Vec<f64>,
    pub waits_weekly: Vec<WeekWaits>,
    pub backlog_weekly: Vec<Band>,
}

impl Image {
    /// Baseline and scenario for post `post` of the relation, from the figures `view` holds
    /// (a reader's view holds no internal figure of the other party, so none feeds the answer).
    pub fn consular_scenario(
        &self,
        (a, b): (StateCode, StateCode),
        post: &PostId,
        view: View,
        request: &ScenarioRequest,
    ) -> Result<ScenarioAnswer, ScenarioError> {
        let capacity = self.consular_capacity_for(a, b, view, WaitsFor::None)?;
        let (mission, pc) = capacity
            .missions
            .iter()
            .find_map(|m| m.posts.iter().find(|p| &p.post == post).map(|p| (m, p)))
            .ok_or_else(|| ScenarioError::UnknownPost(post.clone()))?;
        let staff = pc.staff.as_ref().ok_or_else(|| {
            ScenarioError::invalid(
                "post",
                SCENARIO_NO_FIGURES,
                "no consular staff figure on record for this post: nothing to simulate",
            )
        })?;
        let (limits, unsized_limits) =
            self.local_staff_limits(post, mission.sending, mission.host, view);
        let services = pc
            .services
            .iter()
            .filter(|s| offered(s.service, s.level))
            .filter_map(|s| {
                Some(ServiceFigures {
                    service: s.service,
                    cases_per_officer_day: s.cases_per_officer_day.filter(|c| *c > 0)?,
                    demand_per_week: s.demand.as_ref().map_or(0, |d| d.per_week),
                })
            })
            .collect();
        let figures = PostFigures {
            post: post.clone(),
            name: pc.name.clone(),
            pair: (mission.sending, mission.host),
            as_of: view.as_of,
            officers: staff.officers,
            local_staff_reported: staff.local_staff_reported,
            limits,
            unsized_limits,
            services,
        };
        run_scenario(&figures, request)
    }
}

/// The staff of one run, day by day.
struct Staffing {
    officers: u32,
    local: Option<u32>,
    limit: Option<u32>,
    officer_changes: Vec<Change>,
    local_changes: Vec<Change>,
}

impl Staffing {
    /// Officer-equivalents on each day (warm-up days first, at the day-0 figures).
    fn daily(&self, len: usize, warm: u32) -> Vec<f64> {
        let shift = |c: &Change| Change {
            from_day: c.from_day + warm,
            ..c.clone()
        };
        let officers = Schedule {
            initial: f64::from(self.officers),
            changes: self.officer_changes.iter().map(shift).collect(),
        }
        .daily(len);
        // Unreported local staff and no change of them: full support, as in the capacity
        // answer. A change starts from full support for the day-0 officers.
        if self.local.is_none() && self.local_changes.is_empty() {
            return officers;
        }
        let full = f64::from(self.officers) * LOCAL_STAFF_PER_OFFICER;
        let local = Schedule {
            initial: self.local.map_or(full, f64::from),
            changes: self.local_changes.iter().map(shift).collect(),
        }
        .daily(len);
        officers
            .iter()
            .zip(&local)
            .map(|(&o, &l)| o * support_share(o, l))
            .collect()
    }
}

/// A daily series as a schedule of steps (one change per day on which the value moves).
fn as_schedule(daily: &[f64]) -> Schedule {
    let mut s = Schedule::constant(daily.first().copied().unwrap_or(0.0));
    for (d, pair) in daily.windows(2).enumerate() {
        if pair[1] != pair[0] {
            s.changes.push(Change {
                from_day: u32::try_from(d + 1).unwrap_or(u32::MAX),
                to: pair[1],
                over_days: 0,
            });
        }
    }
    s
}

/// Checks a request against the figures and runs both simulations.
pub fn run_scenario(f: &PostFigures, r: &ScenarioRequest) -> Result<ScenarioAnswer, ScenarioError> {
    let bad =
        |field: String, message: String| ScenarioError::invalid(field, SCENARIO_INVALID, message);
    if !(7..=SCENARIO_MAX_DAYS).contains(&r.days) {
        return Err(bad(
            "days".into(),
            format!("must be from 7 to {SCENARIO_MAX_DAYS}, got {}", r.days),
        ));
    }
    if !(1..=SCENARIO_MAX_REPLICATIONS).contains(&r.replications) {
        return Err(bad(
            "replications".into(),
            format!(
                "must be from 1 to {SCENARIO_MAX_REPLICATIONS}, got {}",
                r.replications
            ),
        ));
    }
    if r.changes.len() > SCENARIO_MAX_CHANGES {
        return Err(bad(
            "changes".into(),
            format!(
                "at most {SCENARIO_MAX_CHANGES} changes, got {}",
                r.changes.len()
            ),
        ));
    }
    for (i, m) in r.lift.iter().enumerate() {
        let known = f.limits.iter().any(|l| &l.measure == m) || f.unsized_limits.contains(m);
        if !known {
            return Err(ScenarioError::invalid(
                format!("lift[{i}]"),
                SCENARIO_LIFT_NOT_A_LIMIT,
                format!("`{m}` is not a local-staff limit in force against this post"),
            ));
        }
    }
    let limit_of = |lifted: &[MeasureId]| {
        f.limits
            .iter()
            .filter(|l| !lifted.contains(&l.measure))
            .map(|l| l.limit)
            .min()
    };
    let base_limit = limit_of(&[]);
    let scen_limit = limit_of(&r.lift);
    let mut notes = lift_notes(f, &r.lift, scen_limit);
    if r.replications == 1 {
        notes.push(ScenarioNote::OneReplication);
    }
    // A lift with local staff changing ("lift the ban; 30 local staff return over 90 days"):
    // the staff come back along the change, from those the limit let work on day 0. A lift
    // alone frees the reported local staff at once.
    let returning = !r.lift.is_empty()
        && r.changes
            .iter()
            .any(|c| matches!(c, ScenarioChange::LocalStaff(_)));
    let mut scen = Staffing {
        officers: f.officers,
        local: held_local_staff(
            f.officers,
            f.local_staff_reported,
            if returning { base_limit } else { scen_limit },
        ),
        limit: scen_limit,
        officer_changes: Vec::new(),
        local_changes: Vec::new(),
    };
    let mut demand_changes: Vec<(ConsularService, Change)> = Vec::new();
    let mut free = [0u64; 2];
    let mut demand_free: Vec<(ConsularService, u64)> = Vec::new();
    for (i, c) in r.changes.iter().enumerate() {
        let (from_day, over_days) = match c {
            ScenarioChange::Officers(s) | ScenarioChange::LocalStaff(s) => {
                (s.from_day, s.over_days)
            }
            ScenarioChange::Demand(d) => (d.from_day, d.over_days),
        };
        if from_day >= r.days {
            return Err(bad(
                format!("changes[{i}].from_day"),
                format!("must be below `days` ({})", r.days),
            ));
        }
        if over_days > SCENARIO_MAX_DAYS {
            return Err(bad(
                format!("changes[{i}].over_days"),
                format!("must be at most {SCENARIO_MAX_DAYS}"),
            ));
        }
        let slot = match c {
            ScenarioChange::Officers(_) => &mut free[0],
            ScenarioChange::LocalStaff(_) => &mut free[1],
            ScenarioChange::Demand(d) => {
                if !demand_free.iter().any(|(s, _)| *s == d.service) {
                    demand_free.push((d.service, 0));
                }
                let at = demand_free
                    .iter()
                    .position(|(s, _)| *s == d.service)
                    .unwrap_or(0);
                &mut demand_free[at].1
            }
        };
        if u64::from(from_day) < *slot {
            return Err(bad(
                format!("changes[{i}].from_day"),
                format!("starts on day {from_day}, before the previous change of its kind ends (day {slot})"),
            ));
        }
        *slot = u64::from(from_day) + u64::from(over_days);
        match c {
            ScenarioChange::Officers(s) | ScenarioChange::LocalStaff(s) if s.to > MAX_STAFF => {
                return Err(bad(
                    format!("changes[{i}].to"),
                    format!("must be at most {MAX_STAFF}"),
                ));
            }
            ScenarioChange::Officers(s) => scen.officer_changes.push(Change {
                from_day,
                to: f64::from(s.to),
                over_days,
            }),
            ScenarioChange::LocalStaff(s) => {
                let to = scen_limit.map_or(s.to, |lim| s.to.min(lim));
                if to != s.to {
                    notes.push(ScenarioNote::LocalStaffHeld { change: i, to });
                }
                scen.local_changes.push(Change {
                    from_day,
                    to: f64::from(to),
                    over_days,
                });
            }
            ScenarioChange::Demand(d) => {
                let Some(sf) = f.services.iter().find(|s| s.service == d.service) else {
                    return Err(bad(
                        format!("changes[{i}].service"),
                        format!(
                            "{} is not given here with a known productivity",
                            d.service.words()
                        ),
                    ));
                };
                let to = match (d.factor, d.per_week) {
                    (Some(x), None) if x.is_finite() && (0.0..=MAX_FACTOR).contains(&x) => {
                        x * f64::from(sf.demand_per_week)
                    }
                    (Some(_), None) => {
                        return Err(bad(
                            format!("changes[{i}].factor"),
                            format!("must be from 0 to {MAX_FACTOR}"),
                        ));
                    }
                    (None, Some(w)) if w.is_finite() && (0.0..=MAX_PER_WEEK).contains(&w) => w,
                    (None, Some(_)) => {
                        return Err(bad(
                            format!("changes[{i}].per_week"),
                            format!("must be from 0 to {MAX_PER_WEEK}"),
                        ));
                    }
                    _ => {
                        return Err(bad(
                            format!("changes[{i}]"),
                            "give either `factor` or `per_week`".to_owned(),
                        ));
                    }
                };
                demand_changes.push((
                    d.service,
                    Change {
                        from_day,
                        to,
                        over_days,
                    },
                ));
            }
        }
    }
    if scen.local.is_none() && !scen.local_changes.is_empty() {
        notes.push(ScenarioNote::RampFromFullSupport);
    }
    let base = Staffing {
        officers: f.officers,
        local: held_local_staff(f.officers, f.local_staff_reported, base_limit),
        limit: base_limit,
        officer_changes: Vec::new(),
        local_changes: Vec::new(),
    };
    // Services with demand at some point in either run.
    let modelled: Vec<&ServiceFigures> = f
        .services
        .iter()
        .filter(|s| {
            s.demand_per_week > 0
                || demand_changes
                    .iter()
                    .any(|(sv, c)| *sv == s.service && c.to > 0.0)
        })
        .collect();
    let warm = WAIT_WARM_UP_DAYS;
    let total = warm + r.days;
    // Ramps may end after the horizon; the appointment book's lookahead holds the last value.
    let len = (total + SCENARIO_MAX_DAYS * 2) as usize;
    let runs = [(&base, Vec::new()), (&scen, demand_changes)];
    let mut applicants = 0.0;
    let mut requests = Vec::with_capacity(2);
    for (staffing, changes) in &runs {
        let oe = staffing.daily(len, warm);
        let demand: Vec<ClassDemand> = modelled
            .iter()
            .map(|s| ClassDemand {
                class: s.service.as_str().to_owned(),
                per_week: Schedule {
                    initial: f64::from(s.demand_per_week),
                    changes: changes
                        .iter()
                        .filter(|(sv, _)| *sv == s.service)
                        .map(|(_, c)| Change {
                            from_day: c.from_day + warm,
                            ..c.clone()
                        })
                        .collect(),
                },
            })
            .collect();
        applicants += demand
            .iter()
            .map(|d| d.per_week.daily(total as usize).iter().sum::<f64>() / 7.0)
            .sum::<f64>()
            * f64::from(r.replications);
        requests.push((oe, demand));
    }
    if applicants > SCENARIO_BUDGET_APPLICANTS {
        return Err(ScenarioError::invalid(
            "replications",
            SCENARIO_TOO_LARGE,
            format!(
                "about {applicants:.0} simulated applicants (baseline and scenario, warm-up \
                 included) exceed the limit of {SCENARIO_BUDGET_APPLICANTS:.0}: lower \
                 `replications` or `days`"
            ),
        ));
    }
    let calendar = calendar_from(f.pair, f.as_of.add_days(-(warm as i32)), total);
    let open = calendar.working_days(len);
    let weeks = (r.days / 7) as usize;
    let mut out = Vec::with_capacity(2);
    for ((staffing, _), (oe, demand)) in runs.iter().zip(requests) {
        let officer_days_weekly: Vec<f64> = (0..weeks)
            .map(|w| {
                let start = warm as usize + 7 * w;
                (start..start + 7).filter(|&d| open[d]).map(|d| oe[d]).sum()
            })
            .collect();
        let services = if modelled.is_empty() {
            Vec::new()
        } else {
            let request = PostModelRequest {
                days: total,
                seed: r.seed,
                replications: r.replications,
                min_lead_days: 1,
                measure_from_day: warm,
                classes: modelled
                    .iter()
                    .map(|s| ServiceClass {
                        name: s.service.as_str().to_owned(),
                        service_minutes: OFFICER_MINUTES_PER_DAY
                            / f64::from(s.cases_per_officer_day),
                        no_show: 0.0,
                    })
                    .collect(),
                posts: vec![PostSpec {
                    name: f.post.to_string(),
                    calendar: calendar.clone(),
                    officers: as_schedule(&oe),
                    minutes_per_officer_day: OFFICER_MINUTES_PER_DAY,
                    demand_per_week: demand.clone(),
                }],
                routes: Vec::new(),
            };
            let model = PostModel::new(&request)
                .map_err(|e| ScenarioError::invalid(e.field(), e.code(), e.to_string()))?;
            let answer = simulate_posts(&model);
            let classes = answer
                .posts
                .into_iter()
                .next()
                .map(|p| p.classes)
                .unwrap_or_default();
            modelled
                .iter()
                .zip(classes)
                .zip(&demand)
                .map(|((s, class), d)| {
                    let daily = d.per_week.daily(total as usize);
                    ScenarioService {
                        service: s.service,
                        cases_per_officer_day: s.cases_per_officer_day,
                        capacity_weekly: officer_days_weekly
                            .iter()
                            .map(|od| od * f64::from(s.cases_per_officer_day))
                            .collect(),
                        demand_weekly: (0..weeks)
                            .map(|w| {
                                let start = warm as usize + 7 * w;
                                daily[start..start + 7].iter().sum::<f64>() / 7.0
                            })
                            .collect(),
                        waits_weekly: class.waits_weekly,
                        backlog_weekly: class.backlog_weekly,
                    }
                })
                .collect()
        };
        out.push(ScenarioRun {
            officers: staffing.officers,
            local_staff: staffing.local,
            local_staff_limit: staffing.limit,
            officer_days_weekly,
            services,
        });
    }
    let scenario = out
        .pop()
        .ok_or_else(|| bad("changes".into(), "no run".into()))?;
    let baseline = out
        .pop()
        .ok_or_else(|| bad("changes".into(), "no run".into()))?;
    if modelled.is_empty() {
        notes.push(ScenarioNote::NoWaits);
    }
    for (name, run) in [(Run::Baseline, &baseline), (Run::Scenario, &scenario)] {
        notes.extend(unbooked_notes(name, run));
    }
    Ok(ScenarioAnswer {
        as_of: f.as_of,
        post: f.post.clone(),
        name: f.name.clone(),
        days: r.days,
        warm_up_days: warm,
        seed: r.seed,
        replications: r.replications,
        lifted: r.lift.clone(),
        baseline,
        scenario,
        assumptions: assumptions(f),
        notes: notes.iter().map(ScenarioNote::english).collect(),
        notes_said: notes,
        method: method(),
    })
}

/// Words for each lifted limit that changes nothing: one with no figure (never applied), or
/// one under which a tighter limit still binds.
fn lift_notes(f: &PostFigures, lift: &[MeasureId], scen_limit: Option<u32>) -> Vec<ScenarioNote> {
    lift.iter()
        .filter_map(|m| {
            if f.unsized_limits.contains(m) && !f.limits.iter().any(|l| &l.measure == m) {
                return Some(ScenarioNote::LiftUnsized { measure: m.clone() });
            }
            let lifted = f.limits.iter().find(|l| &l.measure == m)?;
            let binding = scen_limit.filter(|&still| still <= lifted.limit)?;
            Some(ScenarioNote::LiftStillBound {
                measure: m.clone(),
                limit: lifted.limit,
                binding,
            })
        })
        .collect()
}

/// Words for the weeks of a run in which no appointment could be given (no officer time) or
/// requests found no day in the book: their waits are lower bounds ("more than N days").
fn unbooked_notes(run_name: Run, run: &ScenarioRun) -> Vec<ScenarioNote> {
    let mut notes = Vec::new();
    let closed: Vec<usize> = (0..run.officer_days_weekly.len())
        .filter(|&w| run.officer_days_weekly[w] <= 0.0)
        .collect();
    if !closed.is_empty() && !run.services.is_empty() {
        notes.push(ScenarioNote::NoAppointments {
            run: run_name,
            closed: closed.len(),
            weeks: run.officer_days_weekly.len(),
        });
    }
    for s in &run.services {
        let weeks = s
            .waits_weekly
            .iter()
            .filter(|w| w.unbooked.mean > 0.0)
            .count();
        if weeks > 0 {
            notes.push(ScenarioNote::Unbooked {
                run: run_name,
                service: s.service,
                weeks,
            });
        }
    }
    notes
}

fn assumptions(f: &PostFigures) -> Vec<String> {
    let mut a = vec![
        format!(
            "figures of the record on {}: {} officers, local staff {} as reported, held to the \
             local-staff limits in force unless lifted",
            f.as_of,
            f.officers,
            f.local_staff_reported
                .map_or_else(|| "not".to_owned(), |l| l.to_string())
        ),
        format!(
            "officer time = officers x support factor (the capacity answer's: an officer does a \
             quarter of the cases with no local staff, all of them with {LOCAL_STAFF_PER_OFFICER} \
             per officer); staff on the days of a ramp are counted in fractions"
        ),
        format!(
            "an officer works {OFFICER_MINUTES_PER_DAY} minutes of cases a day, shared by the \
             services with demand; a case takes {OFFICER_MINUTES_PER_DAY} / cases per \
             officer-day minutes; no no-shows"
        ),
        "demand is the recorded weekly figure, Poisson through every calendar day; a `factor` \
         multiplies the recorded figure"
            .to_owned(),
        format!(
            "the book is filled by {WAIT_WARM_UP_DAYS} days of requests at the day-0 figures \
             before the day asked, not counted"
        ),
    ];
    if !f.unsized_limits.is_empty() {
        a.push(format!(
            "local-staff limits in force with no figure, not applied: {}",
            f.unsized_limits
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    a
}

fn method() -> String {
    format!(
        "the appointment-book model (queue::post) run twice with the same seed, once on the \
     recorded figures (baseline) and once with the scenario's changes; weekly waits are the \
     median and 90th percentile days to an appointment of the requests made in each week from \
     the day asked, bands the 10th-90th percentiles across replications; capacity per week is \
     cases if the section worked the service alone; a request with no day in the book's \
     {LOOKAHEAD_DAYS} days of lookahead (a full book, or no officer time: no appointments given) \
     is unbooked and counted as waiting more than {LOOKAHEAD_DAYS} days, never as no wait; \
     unreported local staff are full support ({LOCAL_STAFF_PER_OFFICER} per officer) held to \
     any limit in force"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten officers, local staff banned (all let go), 2,000 visitor visa applicants a week at
    /// 100 cases per officer-day: 10 x 0.25 x 100 = 250 cases a day, 1,250 a week, under the ban.
    fn banned_post() -> PostFigures {
        PostFigures {
            post: "us-embassy-moscow".parse().expect("a post id"),
            name: "Moscow".into(),
            pair: ("US".parse().expect("US"), "RU".parse().expect("RU")),
            as_of: "2021-06-01".parse().expect("a date"),
            officers: 10,
            local_staff_reported: Some(0),
            limits: vec![LocalStaffLimitView {
                measure: "ban".parse().expect("a measure id"),
                limit: 0,
                since: "2021-04-23".parse().expect("a date"),
            }],
            unsized_limits: Vec::new(),
            services: vec![ServiceFigures {
                service: ConsularService::NonimmigrantVisitor,
                cases_per_officer_day: 100,
                demand_per_week: 2000,
            }],
        }
    }

    fn request(lift: &[&str], changes: Vec<ScenarioChange>) -> ScenarioRequest {
        ScenarioRequest {
            as_of: None,
            days: 182,
            seed: 3,
            replications: 5,
            lift: lift.iter().map(|m| m.parse().expect("an id")).collect(),
            changes,
        }
    }

    fn thirty_back() -> ScenarioChange {
        ScenarioChange::LocalStaff(StaffRamp {
            to: 30,
            from_day: 0,
            over_days: 90,
        })
    }

    fn last_p50(run: &ScenarioRun) -> f64 {
        run.services[0]
            .waits_weekly
            .last()
            .map(|w| w.p50.mean)
            .unwrap_or(f64::NAN)
    }

    /// Thirty local staff reported (on the payroll) while a ban keeps them from work: a lift
    /// with a return over 90 days starts from the none the ban let work, a lift alone frees
    /// them at once.
    #[test]
    fn a_return_over_days_starts_from_the_staff_the_limit_let_work() {
        let mut post = banned_post();
        post.local_staff_reported = Some(30);
        let ramp = run_scenario(&post, &request(&["ban"], vec![thirty_back()])).expect("valid");
        assert!(
            ramp.scenario.services[0].capacity_weekly[0] < 2000.0,
            "the first week of a 90-day return: {}",
            ramp.scenario.services[0].capacity_weekly[0]
        );
        assert_eq!(ramp.scenario.services[0].capacity_weekly[20], 5000.0);
        let at_once = run_scenario(&post, &request(&["ban"], Vec::new())).expect("valid");
        assert_eq!(at_once.scenario.services[0].capacity_weekly[0], 5000.0);
    }

    #[test]
    fn lifting_the_ban_with_thirty_local_staff_back_over_ninety_days_lowers_waits() {
        let a = run_scenario(&banned_post(), &request(&["ban"], vec![thirty_back()]))
            .expect("a valid scenario");
        assert_eq!(a.baseline.services[0].capacity_weekly[20], 1250.0);
        // After the ramp: 30 local staff for 10 officers is full support, 5,000 a week.
        assert_eq!(a.scenario.services[0].capacity_weekly[20], 5000.0);
        let (base, scen) = (last_p50(&a.baseline), last_p50(&a.scenario));
        assert!(base > 100.0, "the ban leaves a long wait: {base}");
        assert!(scen < 5.0, "the return of local staff clears it: {scen}");
        assert!(
            a.scenario.services[0].backlog_weekly[25].mean
                < a.baseline.services[0].backlog_weekly[25].mean
        );
    }

    #[test]
    fn without_the_lift_the_ban_still_binds_and_nothing_changes() {
        let a = run_scenario(&banned_post(), &request(&[], vec![thirty_back()]))
            .expect("a valid scenario");
        assert_eq!(a.baseline, a.scenario);
        assert_eq!(a.notes.len(), 1, "{:?}", a.notes);
    }

    #[test]
    fn a_lift_of_something_not_a_limit_is_refused_naming_the_field() {
        let e = run_scenario(&banned_post(), &request(&["r012"], vec![])).unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("lift[0]", SCENARIO_LIFT_NOT_A_LIMIT)
        );
    }

    #[test]
    fn a_demand_shock_raises_waits_and_bad_numbers_are_refused() {
        let shock = |factor| {
            ScenarioChange::Demand(DemandChange {
                service: ConsularService::NonimmigrantVisitor,
                factor: Some(factor),
                per_week: None,
                from_day: 0,
                over_days: 0,
            })
        };
        let mut f = banned_post();
        f.services[0].demand_per_week = 1000;
        let a = run_scenario(&f, &request(&[], vec![shock(2.0)])).expect("valid");
        assert_eq!(a.scenario.services[0].demand_weekly[3], 2000.0);
        assert!(last_p50(&a.scenario) > last_p50(&a.baseline) + 50.0);
        let e = run_scenario(&f, &request(&[], vec![shock(-1.0)])).unwrap_err();
        assert_eq!(e.field(), "changes[0].factor");
    }

    #[test]
    fn overlapping_changes_and_work_beyond_the_budget_are_refused() {
        let officers = |from_day, over_days| {
            ScenarioChange::Officers(StaffRamp {
                to: 5,
                from_day,
                over_days,
            })
        };
        let e = run_scenario(
            &banned_post(),
            &request(&[], vec![officers(0, 30), officers(10, 0)]),
        )
        .unwrap_err();
        assert_eq!(
            (e.field(), e.code()),
            ("changes[1].from_day", SCENARIO_INVALID)
        );
        let mut f = banned_post();
        f.services[0].demand_per_week = 200_000;
        let mut r = request(&[], vec![]);
        r.replications = 50;
        let e = run_scenario(&f, &r).unwrap_err();
        assert_eq!((e.field(), e.code()), ("replications", SCENARIO_TOO_LARGE));
    }
}
