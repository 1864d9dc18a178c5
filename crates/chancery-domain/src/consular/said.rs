//! What the consular answers note, as facts a page words in its own language: a post's
//! capacity notes ([`CapacityNote`]) and a scenario's ([`ScenarioNote`]). Each `english` is
//! the note as the API and the command line give it.

use crate::date::ValidDate;
use crate::ids::MeasureId;
use crate::vocab::ConsularService;

use super::capacity::{LOCAL_STAFF_PER_OFFICER, WAIT_BUDGET_APPLICANTS};
use super::queue::post::LOOKAHEAD_DAYS;

/// A note on a post's capacity figures.
#[derive(Clone, Debug, PartialEq)]
pub enum CapacityNote {
    /// A local-staff limit in force with no figure: not applied.
    LimitUnsized {
        measure: MeasureId,
    },
    /// The reported local staff held to a limit on the whole mission.
    LocalStaffHeld {
        limit: u32,
        measure: MeasureId,
        since: ValidDate,
    },
    LocalStaffUnreported,
    NoStaffFigure,
    /// The staff figure is more than a year old on the day asked.
    StaffFigureOld {
        days: i64,
        date: ValidDate,
    },
    /// Applicants of a service the post offers no capacity for.
    Unserved {
        per_week: u32,
        service: ConsularService,
    },
    WaitsNotSimulated(WaitsSkipped),
}

/// Why waits were not simulated.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitsSkipped {
    /// The simulated applicants would exceed what one answer may spend; `left` of the budget.
    Budget { applicants: f64, left: f64 },
    /// The model refused its figures, in its own words.
    Model(String),
}

impl CapacityNote {
    pub fn english(&self) -> String {
        match self {
            CapacityNote::LimitUnsized { measure } => {
                format!("local-staff limit `{measure}` is in force with no figure on record: not applied")
            }
            CapacityNote::LocalStaffHeld {
                limit,
                measure,
                since,
            } => format!(
                "local staff held to {limit} by measure `{measure}` in force since {since} (a limit on \
                 the whole mission is applied to each post in full: an upper bound)"
            ),
            CapacityNote::LocalStaffUnreported => {
                "local staff not reported: full support assumed".to_owned()
            }
            CapacityNote::NoStaffFigure => {
                "no consular staff figure on record: capacity not computed".to_owned()
            }
            CapacityNote::StaffFigureOld { days, date } => {
                format!("the staff figure is {days} days old (of {date})")
            }
            CapacityNote::Unserved { per_week, service } => format!(
                "{per_week} applicants a week for {} go unserved here: no capacity",
                service.words()
            ),
            CapacityNote::WaitsNotSimulated(why) => {
                format!("waits not simulated: {}", why.english())
            }
        }
    }
}

impl WaitsSkipped {
    pub fn english(&self) -> String {
        match self {
            WaitsSkipped::Budget { applicants, left } => format!(
                "about {applicants:.0} simulated applicants would exceed what one answer may spend \
                 ({WAIT_BUDGET_APPLICANTS:.0} over all its posts, {left:.0} left)"
            ),
            WaitsSkipped::Model(why) => why.clone(),
        }
    }
}

/// Which run of a scenario a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run {
    Baseline,
    Scenario,
}

impl Run {
    pub fn as_str(self) -> &'static str {
        match self {
            Run::Baseline => "baseline",
            Run::Scenario => "scenario",
        }
    }
}

/// What a scenario did that the caller may not expect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioNote {
    /// Lifting a limit with no figure: it was never applied.
    LiftUnsized {
        measure: MeasureId,
    },
    /// Lifting a limit under which a tighter one still binds.
    LiftStillBound {
        measure: MeasureId,
        limit: u32,
        binding: u32,
    },
    OneReplication,
    /// The `change`-th change of local staff held to a limit the scenario does not lift.
    LocalStaffHeld {
        change: usize,
        to: u32,
    },
    /// Local staff not reported: ramps start from full support.
    RampFromFullSupport,
    NoWaits,
    /// No officer time in `closed` of the run's `weeks` weeks.
    NoAppointments {
        run: Run,
        closed: usize,
        weeks: usize,
    },
    /// Requests of a service found no day in the book in `weeks` weeks.
    Unbooked {
        run: Run,
        service: ConsularService,
        weeks: usize,
    },
}

impl ScenarioNote {
    pub fn english(&self) -> String {
        match self {
            ScenarioNote::LiftUnsized { measure } => format!(
                "lifting `{measure}` changes nothing: it has no figure on record and was not applied"
            ),
            ScenarioNote::LiftStillBound {
                measure,
                limit,
                binding,
            } => format!(
                "lifting `{measure}` (limit {limit}) changes nothing: a limit of {binding} local staff not \
                 lifted still binds"
            ),
            ScenarioNote::OneReplication => {
                "one replication: no band (the 10th and 90th percentiles are the single draw); \
                 ask for more replications for a range"
                    .to_owned()
            }
            ScenarioNote::LocalStaffHeld { change, to } => format!(
                "changes[{change}]: local staff held to {to} by a local-staff limit the \
                 scenario does not lift"
            ),
            ScenarioNote::RampFromFullSupport => format!(
                "local staff not reported: ramps start from full support ({LOCAL_STAFF_PER_OFFICER} \
                 per officer)"
            ),
            ScenarioNote::NoWaits => {
                "no service with demand and a productivity: no waits to simulate".to_owned()
            }
            ScenarioNote::NoAppointments { run, closed, weeks } => format!(
                "{}: no appointments given in {closed} of {weeks} weeks (no officer time); requests \
                 then go unbooked",
                run.as_str()
            ),
            ScenarioNote::Unbooked {
                run,
                service,
                weeks,
            } => format!(
                "{}: {}: requests unbooked (no appointment within the book's \
                 {LOOKAHEAD_DAYS} days) in {weeks} weeks; they count as waiting more than \
                 {LOOKAHEAD_DAYS} days",
                run.as_str(),
                service.words()
            ),
        }
    }
}
