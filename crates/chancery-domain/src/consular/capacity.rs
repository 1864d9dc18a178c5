//! What a post's consular section can do in a week, and the waits its applicants face: staff
//! from the record (a reported consular staffing figure, local staff held to any local-staff
//! limit in force), times cases per officer-day (a per-post figure, else a default with its
//! sources), times the week's working days, with demand where the record holds it; waits come
//! from the queue model (`queue::post`), seeded, with bands across replications.
//!
//! Assumptions, each returned with the figures (`method`):
//! - local staff support the officers: with none an officer does a quarter of the cases (the US
//!   Embassy in Moscow reported its consular workforce cut by 75% when the local-staff ban
//!   took effect, demo row R043); with two or more per officer, all of them; linearly between.
//!   The two-per-officer norm is an assumption, not a sourced figure;
//! - an officer works 480 minutes of cases a day; a service's cases take 480 / (cases per
//!   officer-day) minutes; the officers of the section are shared by every service with demand;
//! - applicants book the first day with room, in order of request (see `queue::post`).

use serde::Serialize;

use super::calendar::{public_holidays, weekday, working_days, WorkingDays};
use super::issued::{issued_views, IssuedView};
use super::queue::band::Band;
use super::queue::post::{
    simulate_posts, Calendar, ClassDemand, PostModel, PostModelRequest, PostSpec, Schedule,
    ServiceClass, WeekWaits, Weekday, LOOKAHEAD_DAYS,
};
use super::said::{CapacityNote, WaitsSkipped};
use super::services::{catalogue_of, service_view};
use crate::date::{CivilDate, ValidDate};
use crate::ids::{MeasureId, PostId, RelationKey, StateCode};
use crate::image::posts::{ConsularFigure, PostEvent, PostState, PostStatus};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::{ConsularService, MeasureKind, ServiceLevel};

/// Minutes of cases an officer handles in a working day.
pub const OFFICER_MINUTES_PER_DAY: f64 = 480.0;
/// Local staff per officer at which an officer does every case of a day ([`support_factor`]).
pub const LOCAL_STAFF_PER_OFFICER: f64 = 2.0;
/// An officer's share of a full day's cases with no local staff at all.
pub const UNSUPPORTED_SHARE: f64 = 0.25;
/// Days the waits are simulated over, and replications.
pub const WAIT_HORIZON_DAYS: u32 = 91;
pub const WAIT_REPLICATIONS: u32 = 10;
/// Days simulated before the day asked with the same figures, whose requests fill the book but
/// are not counted: without them an overloaded post would be simulated from an empty book and
/// its waits understated.
pub const WAIT_WARM_UP_DAYS: u32 = 91;
/// Simulated applicants (warm-up included) one capacity answer may spend on waits, over all
/// its posts (about two tenths of a second here): a post beyond it gets no waits, and a note
/// says why.
pub const WAIT_BUDGET_APPLICANTS: f64 = 4_000_000.0;

/// A default productivity, with where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DefaultProductivity {
    pub cases_per_officer_day: u32,
    /// Always "estimate": no official per-officer figure was found.
    pub kind: &'static str,
    pub sources: &'static [&'static str],
}

const NIV_SOURCES: &[&str] = &[
    "US consulates in India, visa briefing: New Delhi processes 15-20 nonimmigrant cases per hour, interviews of 2-4 minutes (insvisa.com, 'Visa Processing Statistics/Information from the Consulates in India')",
    "A vice consul on the visa line: '150 to 200 people a day' (ilw.com, Consular Corner, May 2009)",
    "US Consulate General Hyderabad, 2016: seven to ten consular officers for 700 to 1,000 applications a day, two to three minutes each (newhyderabadnews.blogspot.com, 10 June 2016, citing the chief consular officer)",
];

/// Cases per officer-day when the post sets none: nonimmigrant visa interviews only (100, the
/// middle of the public reports above); the other services have no documented default and
/// their capacity is not computed until a post sets one.
pub fn default_productivity(service: ConsularService) -> Option<DefaultProductivity> {
    match service {
        ConsularService::NonimmigrantVisitor
        | ConsularService::NonimmigrantStudentExchange
        | ConsularService::NonimmigrantWork => Some(DefaultProductivity {
            cases_per_officer_day: 100,
            kind: "estimate",
            sources: NIV_SOURCES,
        }),
        _ => None,
    }
}

/// An officer's share of a full day's cases with `local` local staff for `officers` officers.
pub fn support_factor(officers: u32, local: u32) -> f64 {
    support_share(f64::from(officers), f64::from(local))
}

/// [`support_factor`] for staff counted in fractions, as on the days of a ramp (a scenario's
/// "30 local staff return over 90 days"): the one conversion of local staff to officer time.
pub fn support_share(officers: f64, local: f64) -> f64 {
    if officers <= 0.0 {
        return 0.0;
    }
    let ratio = local.max(0.0) / (officers * LOCAL_STAFF_PER_OFFICER);
    UNSUPPORTED_SHARE + (1.0 - UNSUPPORTED_SHARE) * ratio.min(1.0)
}

/// The consular staff figure the capacity rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffFigureView {
    pub officers: u32,
    /// As reported; `None` when the report says nothing of local staff.
    pub local_staff_reported: Option<u32>,
    /// After any local-staff limit in force (a ban makes it 0).
    pub local_staff: Option<u32>,
    pub estimate: bool,
    pub date: ValidDate,
    /// Days from the figure's last possible day to the day asked.
    pub age_days: i64,
    pub recorded_seq: u64,
}

/// A limit on local staff in force against the mission.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalStaffLimitView {
    pub measure: MeasureId,
    pub limit: u32,
    pub since: ValidDate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DemandView {
    pub per_week: u32,
    pub estimate: bool,
    pub date: ValidDate,
    pub recorded_seq: u64,
}

/// Waits an applicant asking on the day would face, from the queue model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitsView {
    /// Days from request to appointment: mean, median and 90th percentile, each a band across
    /// replications.
    pub mean: Band,
    pub p50: Band,
    pub p90: Band,
    /// Days to the next free appointment on the simulation's last day.
    pub next_available_days: Band,
    /// Applicants still waiting for an appointment at the end.
    pub backlog_end: Band,
    /// For the requests made in each week from the day asked: median and 90th percentile days
    /// to an appointment.
    pub weekly: Vec<WeekWaits>,
    /// Applicants waiting at the end of each week from the day asked.
    pub backlog_weekly: Vec<Band>,
    pub method: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceCapacity {
    pub service: ConsularService,
    /// The post's level for the service (`None`: not recorded).
    pub level: Option<ServiceLevel>,
    pub cases_per_officer_day: Option<u32>,
    /// `post` (set by an act), `default` (see `default_sources`), or `none`.
    pub productivity_from: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub default_sources: Vec<&'static str>,
    /// Cases a week if the section's officers worked this service alone; 0 when the service is
    /// not offered (or only emergencies are); `None` when staff or productivity is unknown.
    pub capacity_per_week: Option<f64>,
    /// The service is `limited`: the capacity is what the section could do at most.
    pub upper_bound: bool,
    pub demand: Option<DemandView>,
    /// Demand over capacity.
    pub load: Option<f64>,
    pub waits: Option<WaitsView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostCapacity {
    pub post: PostId,
    pub name: String,
    pub status: PostStatus,
    pub staff: Option<StaffFigureView>,
    pub local_staff_limit: Option<LocalStaffLimitView>,
    /// An officer's share of a full day's cases given the local staff (1 when local staff are
    /// not reported: full support assumed, and said in `notes`).
    pub support_factor: Option<f64>,
    /// The working days of the week (Monday to Sunday) holding the day asked.
    pub week: [CivilDate; 2],
    pub working_days: WorkingDays,
    pub services: Vec<ServiceCapacity>,
    /// What the post issued in past periods, as published: beside capacity, never taken for
    /// demand (a count of issuances leaves out those refused or sent elsewhere).
    pub issued: Vec<IssuedView>,
    pub notes: Vec<String>,
    /// What `notes` say, for a page to word in its own language.
    #[serde(skip)]
    pub notes_said: Vec<CapacityNote>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissionCapacity {
    pub sending: StateCode,
    pub host: StateCode,
    pub posts: Vec<PostCapacity>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsularCapacity {
    pub as_of: CivilDate,
    pub missions: Vec<MissionCapacity>,
    /// The assumptions, in words.
    pub method: String,
}

fn method() -> String {
    format!(
        "capacity per week = officers x cases per officer-day x support factor x working days of \
         the week (weekends and the public holidays of both states in the data). Support factor \
         = {UNSUPPORTED_SHARE} + {} x min(1, local staff / ({LOCAL_STAFF_PER_OFFICER} x \
         officers)): an assumption anchored on the 75% cut of the US Embassy Moscow's consular \
         workforce when local staff were banned (R043); the norm of {LOCAL_STAFF_PER_OFFICER} \
         local staff per officer is not sourced. Local staff are held to any local-staff limit in \
         force; unreported local staff are taken as full support ({LOCAL_STAFF_PER_OFFICER} per \
         officer), held to the limit: min(officers x {LOCAL_STAFF_PER_OFFICER}, limit). Waits: the appointment-book model, one post, the section's officers shared by the \
         services with demand, {OFFICER_MINUTES_PER_DAY} minutes a day, {WAIT_HORIZON_DAYS} days \
         from the day asked, {WAIT_REPLICATIONS} seeded replications (bands are their 10th-90th \
         percentiles); the book is first filled by {WAIT_WARM_UP_DAYS} days of requests before \
         the day asked, with the same figures, which are not counted (a warm-up: an applicant \
         asking on the day finds the book of a post already at work); waits of a post whose load \
         is above 1 still grow with the horizon; a request finding no day within the book's \
         lookahead of {LOOKAHEAD_DAYS} days is counted as waiting more than {LOOKAHEAD_DAYS} \
         days, never as no wait.",
        1.0 - UNSUPPORTED_SHARE
    )
}

/// Which posts' waits to simulate: the simulation is most of the cost of a capacity answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitsFor<'a> {
    All,
    Post(&'a PostId),
    None,
}

impl Image {
    /// Consular capacity, demand and waits of both missions' posts in the week holding the
    /// view's day.
    pub fn consular_capacity(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<ConsularCapacity, QueryError> {
        self.consular_capacity_for(a, b, view, WaitsFor::All)
    }

    /// As [`Image::consular_capacity`], simulating the waits of the posts `waits` names only.
    pub fn consular_capacity_for(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        waits: WaitsFor<'_>,
    ) -> Result<ConsularCapacity, QueryError> {
        self.check_relation(a, b, &view)?;
        let start = self.record_start(RelationKey::new(a, b), &view);
        let monday = view
            .as_of
            .add_days(-i32::try_from(weekday(view.as_of)).unwrap_or(0));
        let week = [monday, monday.add_days(6)];
        let mut budget = WAIT_BUDGET_APPLICANTS;
        let missions = [(a, b), (b, a)]
            .into_iter()
            .map(|(sending, host)| {
                let days = working_days(sending, host, week[0], week[1]);
                let posts = self
                    .service_posts(sending, host, &view, start)
                    .into_iter()
                    .map(|(id, s)| {
                        let simulate = match waits {
                            WaitsFor::All => true,
                            WaitsFor::Post(p) => p == id,
                            WaitsFor::None => false,
                        };
                        let (limits, unsized_limits) =
                            self.local_staff_limits(id, sending, host, view);
                        let limit = limits.into_iter().min_by_key(|l| l.limit);
                        let at = Week {
                            pair: (sending, host),
                            as_of: view.as_of,
                            week,
                            days: days.clone(),
                        };
                        post_capacity(
                            id,
                            simulate.then_some(&mut budget),
                            &s,
                            (limit, unsized_limits),
                            at,
                        )
                    })
                    .collect();
                MissionCapacity {
                    sending,
                    host,
                    posts,
                }
            })
            .collect();
        Ok(ConsularCapacity {
            as_of: view.as_of,
            missions,
            method: method(),
        })
    }

    /// The local-staff limits in force against post `post` of the mission of `sending` in
    /// `host` that a verdict may rest on (a limit naming posts binds only those), with their
    /// figures, and the limits in force with no figure (at parity, none on record).
    pub(crate) fn local_staff_limits(
        &self,
        post: &PostId,
        sending: StateCode,
        host: StateCode,
        view: View,
    ) -> (Vec<LocalStaffLimitView>, Vec<MeasureId>) {
        let mut unsized_limits = Vec::new();
        let limits = self
            .measure_states(host, sending, view)
            .into_iter()
            .filter(|(_, s)| {
                s.measure.measure_kind == MeasureKind::LocalStaffLimit
                    && s.in_force()
                    && s.counts_for(view.verdicts)
                    && (s.terms().scope.posts.is_empty() || s.terms().scope.posts.contains(post))
            })
            .filter_map(|(id, s)| {
                let t = s.terms();
                let cap = t
                    .magnitude
                    .cap
                    .into_iter()
                    .chain(t.limits.locally_employed)
                    .chain(self.parity_figure(&s, sending, host, view).map(|(_, v)| v))
                    .min();
                let Some(cap) = cap else {
                    unsized_limits.push(id.clone());
                    return None;
                };
                Some(LocalStaffLimitView {
                    measure: id.clone(),
                    limit: cap,
                    since: t.effective,
                })
            })
            .collect();
        (limits, unsized_limits)
    }
}

/// The mission and week a post's capacity is computed for.
struct Week {
    pair: (StateCode, StateCode),
    as_of: CivilDate,
    week: [CivilDate; 2],
    days: WorkingDays,
}

fn post_capacity(
    id: &PostId,
    budget: Option<&mut f64>,
    s: &PostState<'_>,
    (limit, unsized_limits): (Option<LocalStaffLimitView>, Vec<MeasureId>),
    at: Week,
) -> PostCapacity {
    let Week {
        pair: (sending, host),
        as_of,
        week,
        days,
    } = at;
    let mut notes: Vec<CapacityNote> = unsized_limits
        .iter()
        .map(|m| CapacityNote::LimitUnsized { measure: m.clone() })
        .collect();
    let staff = s.consular_staff.and_then(|e| match &e.ev {
        PostEvent::Consular(ConsularFigure::Staff {
            officers,
            local_staff,
            estimate,
        }) => {
            let held = held_local_staff(*officers, *local_staff, limit.as_ref().map(|l| l.limit));
            Some(StaffFigureView {
                officers: *officers,
                local_staff_reported: *local_staff,
                local_staff: held,
                estimate: *estimate,
                date: e.date,
                age_days: e.date.latest().days_until(as_of).max(0),
                recorded_seq: e.seq,
            })
        }
        _ => None,
    });
    if let (Some(st), Some(lim)) = (&staff, &limit) {
        if st.local_staff != st.local_staff_reported {
            notes.push(CapacityNote::LocalStaffHeld {
                limit: lim.limit,
                measure: lim.measure.clone(),
                since: lim.since,
            });
        }
    }
    let support = staff.as_ref().map(|st| match st.local_staff {
        Some(l) => support_factor(st.officers, l),
        None => {
            notes.push(CapacityNote::LocalStaffUnreported);
            if st.officers == 0 {
                0.0
            } else {
                1.0
            }
        }
    });
    if staff.is_none() {
        notes.push(CapacityNote::NoStaffFigure);
    }
    if let Some(st) = &staff {
        if st.age_days > 365 {
            notes.push(CapacityNote::StaffFigureOld {
                days: st.age_days,
                date: st.date,
            });
        }
    }
    let officer_days = staff
        .as_ref()
        .zip(support)
        .map(|(st, f)| f64::from(st.officers) * f);
    let mut services: Vec<ServiceCapacity> = catalogue_of(s.info.kind)
        .iter()
        .map(|service| {
            let level = service_view(s, *service).level;
            let set = s.productivity.get(service).and_then(|e| match &e.ev {
                PostEvent::Consular(ConsularFigure::Productivity {
                    cases_per_officer_day,
                    ..
                }) => Some(*cases_per_officer_day),
                _ => None,
            });
            let default = default_productivity(*service);
            let (cases, from, sources) = match (set, default) {
                (Some(c), _) => (Some(c), "post", Vec::new()),
                (None, Some(d)) => (Some(d.cases_per_officer_day), "default", d.sources.to_vec()),
                (None, None) => (None, "none", Vec::new()),
            };
            // Emergency-only: routine services stop, emergency help goes on. Limited: the
            // section's full capacity is an upper bound (`upper_bound`).
            let offered = offered(*service, level);
            let capacity = if offered {
                officer_days
                    .zip(cases)
                    .map(|(od, c)| od * f64::from(c) * f64::from(days.days))
            } else {
                Some(0.0)
            };
            let upper_bound = level == Some(ServiceLevel::Limited);
            let demand = s.demand.get(service).and_then(|e| match &e.ev {
                PostEvent::Consular(ConsularFigure::Demand {
                    per_week, estimate, ..
                }) => Some(DemandView {
                    per_week: *per_week,
                    estimate: *estimate,
                    date: e.date,
                    recorded_seq: e.seq,
                }),
                _ => None,
            });
            let load = demand
                .as_ref()
                .zip(capacity)
                .filter(|(_, c)| *c > 0.0)
                .map(|(d, c)| f64::from(d.per_week) / c);
            ServiceCapacity {
                service: *service,
                level,
                upper_bound,
                cases_per_officer_day: cases,
                productivity_from: from,
                default_sources: sources,
                capacity_per_week: capacity,
                demand,
                load,
                waits: None,
            }
        })
        .collect();
    for sc in &services {
        if let (Some(d), Some(0.0)) = (&sc.demand, sc.capacity_per_week) {
            if d.per_week > 0 {
                notes.push(CapacityNote::Unserved {
                    per_week: d.per_week,
                    service: sc.service,
                });
            }
        }
    }
    if let (Some(od), Some(budget)) = (officer_days, budget) {
        if let Err(why) = simulate_waits(&mut services, od, (sending, host), as_of, budget) {
            notes.push(CapacityNote::WaitsNotSimulated(why));
        }
    }
    PostCapacity {
        post: id.clone(),
        name: s.info.name.clone(),
        status: s.status,
        staff,
        local_staff_limit: limit,
        support_factor: support,
        week,
        working_days: days,
        services,
        issued: issued_views(id, s),
        notes: notes.iter().map(CapacityNote::english).collect(),
        notes_said: notes,
    }
}

/// Local staff held to a limit: a ban also binds a figure that says nothing of local staff.
pub(crate) fn held_local_staff(
    officers: u32,
    reported: Option<u32>,
    limit: Option<u32>,
) -> Option<u32> {
    match (reported, limit) {
        (Some(l), Some(lim)) => Some(l.min(lim)),
        // Unreported staff are taken as full support, which a limit still caps: ignoring the
        // limit would make lifting it change nothing.
        (None, Some(lim)) => {
            let full = (f64::from(officers) * LOCAL_STAFF_PER_OFFICER).ceil();
            Some(if full >= f64::from(lim) {
                lim
            } else {
                full as u32
            })
        }
        (l, None) => l,
    }
}

/// Whether a post at `level` gives `service`: emergency-only stops routine services while
/// emergency help goes on; no level on record counts as given.
pub(crate) fn offered(service: ConsularService, level: Option<ServiceLevel>) -> bool {
    match level {
        Some(ServiceLevel::None) => false,
        Some(ServiceLevel::EmergencyOnly) => service == ConsularService::EmergencyCitizenServices,
        _ => true,
    }
}

/// Runs the appointment-book model for the services with demand, capacity and a productivity,
/// the section's officer-days shared between them.
fn simulate_waits(
    services: &mut [ServiceCapacity],
    officer_equivalents: f64,
    (sending, host): (StateCode, StateCode),
    as_of: CivilDate,
    budget: &mut f64,
) -> Result<(), WaitsSkipped> {
    let modelled: Vec<usize> = services
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.demand.as_ref().is_some_and(|d| d.per_week > 0)
                && s.capacity_per_week.is_some_and(|c| c > 0.0)
                && s.cases_per_officer_day.is_some_and(|c| c > 0)
        })
        .map(|(i, _)| i)
        .collect();
    if modelled.is_empty() || officer_equivalents <= 0.0 {
        return Ok(());
    }
    let applicants: f64 = modelled
        .iter()
        .filter_map(|&i| services[i].demand.as_ref())
        .map(|d| f64::from(d.per_week) / 7.0)
        .sum::<f64>()
        * f64::from(WAIT_WARM_UP_DAYS + WAIT_HORIZON_DAYS)
        * f64::from(WAIT_REPLICATIONS);
    if applicants > *budget {
        return Err(WaitsSkipped::Budget {
            applicants,
            left: budget.max(0.0),
        });
    }
    *budget -= applicants;
    let classes: Vec<ServiceClass> = modelled
        .iter()
        .filter_map(|&i| {
            let s = &services[i];
            Some(ServiceClass {
                name: s.service.as_str().to_owned(),
                service_minutes: OFFICER_MINUTES_PER_DAY / f64::from(s.cases_per_officer_day?),
                no_show: 0.0,
            })
        })
        .collect();
    let demand: Vec<ClassDemand> = modelled
        .iter()
        .filter_map(|&i| {
            let s = &services[i];
            Some(ClassDemand {
                class: s.service.as_str().to_owned(),
                per_week: Schedule::constant(f64::from(s.demand.as_ref()?.per_week)),
            })
        })
        .collect();
    let days = WAIT_WARM_UP_DAYS + WAIT_HORIZON_DAYS;
    let request = PostModelRequest {
        days,
        seed: 1,
        replications: WAIT_REPLICATIONS,
        min_lead_days: 1,
        measure_from_day: WAIT_WARM_UP_DAYS,
        classes,
        posts: vec![PostSpec {
            name: "post".to_owned(),
            calendar: calendar_from(
                (sending, host),
                as_of.add_days(-(WAIT_WARM_UP_DAYS as i32)),
                days,
            ),
            officers: Schedule::constant(officer_equivalents),
            minutes_per_officer_day: OFFICER_MINUTES_PER_DAY,
            demand_per_week: demand,
        }],
        routes: Vec::new(),
    };
    // The model bounds its own work (a demand figure in the billions is refused, not run).
    let model = PostModel::new(&request).map_err(|e| WaitsSkipped::Model(e.to_string()))?;
    let answer = simulate_posts(&model);
    let Some(post) = answer.posts.first() else {
        return Ok(());
    };
    for (&i, class) in modelled.iter().zip(&post.classes) {
        services[i].waits = Some(WaitsView {
            mean: class.wait_days.mean,
            p50: class.wait_days.p50,
            p90: class.wait_days.p90,
            next_available_days: class.next_available_days,
            backlog_end: class.backlog_end,
            weekly: class.waits_weekly.clone(),
            backlog_weekly: class.backlog_weekly.clone(),
            method: answer.method.clone(),
        });
    }
    Ok(())
}

/// The model's calendar from day `from` over `days` simulated days and the lookahead: weekends,
/// and both states' public holidays.
pub(crate) fn calendar_from(
    (sending, host): (StateCode, StateCode),
    from: CivilDate,
    days: u32,
) -> Calendar {
    const WEEKDAYS: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    let horizon = i64::from(days) + i64::from(super::queue::post::LOOKAHEAD_DAYS);
    let (y0, y1) = (
        from.ymd().0,
        from.add_days(i32::try_from(horizon).unwrap_or(i32::MAX))
            .ymd()
            .0,
    );
    let mut holidays: Vec<u32> = [host, sending]
        .iter()
        .flat_map(|st| (y0..=y1).filter_map(move |y| public_holidays(*st, y)))
        .flatten()
        .filter_map(|d| u32::try_from(from.days_until(d)).ok())
        .collect();
    holidays.sort_unstable();
    holidays.dedup();
    Calendar {
        first_weekday: WEEKDAYS[usize::try_from(weekday(from)).unwrap_or(0) % 7],
        weekend: vec![Weekday::Saturday, Weekday::Sunday],
        holidays,
    }
}

#[cfg(test)]
mod tests {
    use super::held_local_staff;

    #[test]
    fn a_limit_holds_reported_and_unreported_local_staff() {
        assert_eq!(held_local_staff(10, Some(30), Some(5)), Some(5));
        assert_eq!(held_local_staff(10, Some(3), Some(5)), Some(3));
        // Unreported: full support (2 per officer), capped by the limit.
        assert_eq!(held_local_staff(10, None, Some(5)), Some(5));
        assert_eq!(held_local_staff(10, None, Some(0)), Some(0));
        assert_eq!(held_local_staff(2, None, Some(50)), Some(4));
        assert_eq!(held_local_staff(10, None, None), None);
        assert_eq!(held_local_staff(10, Some(7), None), Some(7));
    }
}
