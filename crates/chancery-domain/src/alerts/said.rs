//! What an alert says, as a structure: one variant per sentence, with the facts it is made of,
//! so a page can say it in its own language. [`AlertSaid::english`] is the domain's own
//! English, the `text` the API and the command line give.

use super::days;
use crate::consular::cases::ClockName;
use crate::date::{CivilDate, ValidDate};
use crate::diplist::Range;
use crate::ids::{CaseId, MeasureId, PostId, StateCode};
use crate::vocab::{CaseKind, Counting, StaffCategory};

/// A count of days known only between two figures: a date dated by a period gives one figure
/// for each end of it. Equal ends when the date is a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DaySpan {
    pub least: i64,
    pub most: i64,
}

impl DaySpan {
    pub fn exact(n: i64) -> DaySpan {
        DaySpan { least: n, most: n }
    }

    /// "3 days", or "3 to 33 days" when the ends differ.
    pub fn english(self) -> String {
        if self.least == self.most {
            days(self.least)
        } else {
            format!("{} to {}", self.least, days(self.most))
        }
    }
}

/// The national's case an alert is about: "case c1 (arrest in Moscow on 2020-01-02)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSaid {
    pub case: CaseId,
    pub kind: CaseKind,
    pub city: String,
    pub date: ValidDate,
}

impl CaseSaid {
    pub fn english(&self) -> String {
        format!(
            "case {} ({} in {} on {})",
            self.case, self.kind, self.city, self.date
        )
    }
}

/// A member an alert is about: "Anna Diplomat (diplomatic staff of AA's mission, aa-embassy)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberSaid {
    pub name: String,
    pub category: StaffCategory,
    pub sending: StateCode,
    pub post: PostId,
}

impl MemberSaid {
    pub fn english(&self) -> String {
        format!(
            "{} ({} staff of {}'s mission, {})",
            self.name,
            self.category.as_str().replace('_', " "),
            self.sending,
            self.post
        )
    }
}

/// A persona non grata declaration an alert is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PngSaid {
    pub member: MemberSaid,
    pub by: StateCode,
    pub declared: ValidDate,
    pub deadline: ValidDate,
}

impl PngSaid {
    fn english(&self) -> String {
        format!(
            "{}, declared persona non grata by {} on {}",
            self.member.english(),
            self.by,
            self.declared
        )
    }
}

/// One sentence of an alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlertSaid {
    ClockOverdue {
        clock: ClockName,
        late: i64,
        case: CaseSaid,
        due: CivilDate,
    },
    ClockDue {
        clock: ClockName,
        /// Due tomorrow; otherwise today.
        tomorrow: bool,
        case: CaseSaid,
    },
    ClockMayBeOverdue {
        clock: ClockName,
        case: CaseSaid,
        earliest: CivilDate,
        due: CivilDate,
    },
    /// Past the deadline's last day: `late` counts from its last possible day (least) and
    /// from its first (most).
    PngOverdue { png: PngSaid, late: DaySpan },
    /// Not yet past the deadline's first possible day: `left` counts to its first possible
    /// day (least) and to its last (most).
    PngDue { png: PngSaid, left: DaySpan },
    /// Inside a deadline dated by a period: `left` days to its last possible day, `late` days
    /// since its first.
    PngMayBeOverdue { png: PngSaid, left: i64, late: i64 },
    /// The members on record exceed (or, `may`, may exceed) a cap.
    CapByMembers {
        sending: StateCode,
        host: StateCode,
        counted: Range,
        counting: Counting,
        may: bool,
        cap: u32,
        since: ValidDate,
        measure: MeasureId,
    },
    CommitmentOverdue {
        by: Vec<StateCode>,
        late: i64,
        text: String,
        due: ValidDate,
    },
    CommitmentDue {
        by: Vec<StateCode>,
        due: ValidDate,
        text: String,
    },
    /// `age` counts from the vacancy's last possible first day (least) and its first (most).
    Vacant {
        sending: StateCode,
        host: StateCode,
        since: ValidDate,
        age: DaySpan,
        charge_d_affaires: Option<String>,
    },
    HeadlineAboveCap {
        sending: StateCode,
        host: StateCode,
        date: ValidDate,
        value: u32,
        cap: u32,
        measure: MeasureId,
    },
    StaffFigureStale {
        sending: StateCode,
        host: StateCode,
        value: u32,
        date: ValidDate,
        age: i64,
        on: CivilDate,
    },
    AgrementPending {
        person: String,
        sending: StateCode,
        host: StateCode,
        since: ValidDate,
        age: i64,
        norm: i64,
    },
    MeasureTakesEffect {
        actor: StateCode,
        target: StateCode,
        effective: ValidDate,
        summary: String,
    },
    MeasureExpires {
        actor: StateCode,
        target: StateCode,
        expires: ValidDate,
        summary: String,
    },
}

fn mission(sending: StateCode, host: StateCode) -> String {
    format!("{sending}'s mission in {host}")
}

fn joined(states: &[StateCode]) -> String {
    states
        .iter()
        .map(StateCode::as_str)
        .collect::<Vec<_>>()
        .join(" and ")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl AlertSaid {
    /// The alert in plain English, as the API and the command line give it.
    pub fn english(&self) -> String {
        match self {
            AlertSaid::ClockOverdue {
                clock,
                late,
                case,
                due,
            } => format!(
                "{} overdue by {} in {}: due by {due}.",
                capitalised(clock.words()),
                days(*late),
                case.english()
            ),
            AlertSaid::ClockDue {
                clock,
                tomorrow,
                case,
            } => format!(
                "{} due {} in {}.",
                capitalised(clock.words()),
                if *tomorrow { "tomorrow" } else { "today" },
                case.english()
            ),
            AlertSaid::ClockMayBeOverdue {
                clock,
                case,
                earliest,
                due,
            } => format!(
                "{} may be overdue in {}: due between {earliest} and {due}, as the case's date \
                 is known only to {}.",
                capitalised(clock.words()),
                case.english(),
                case.date
            ),
            AlertSaid::PngOverdue { png, late } => format!(
                "{}, has not left: the deadline of {} passed {} ago.",
                png.english(),
                png.deadline,
                late.english()
            ),
            AlertSaid::PngDue { png, left } => format!(
                "{}, must leave by {}: {}.",
                png.english(),
                png.deadline,
                if left.most == 0 {
                    "today is the last day".to_owned()
                } else {
                    format!("{} left", left.english())
                }
            ),
            AlertSaid::PngMayBeOverdue { png, left, late } => format!(
                "{}, had to leave by {}, which may have passed ({} left to {} overdue); no \
                 departure is on record.",
                png.english(),
                png.deadline,
                days(*left),
                days(*late)
            ),
            AlertSaid::CapByMembers {
                sending,
                host,
                counted,
                counting,
                may,
                cap,
                since,
                measure,
            } => format!(
                "The members of {sending}'s mission in {host} on record ({counted}, counted as \
                 {}) {} the cap of {cap} in force since {since} (measure {measure}).",
                counting.as_str().replace('_', " "),
                if *may { "may exceed" } else { "exceed" }
            ),
            AlertSaid::CommitmentOverdue {
                by,
                late,
                text,
                due,
            } => format!(
                "Commitment by {} overdue by {}: \"{text}\" was due by {due}.",
                joined(by),
                days(*late)
            ),
            AlertSaid::CommitmentDue { by, due, text } => {
                format!("Commitment by {} due by {due}: \"{text}\".", joined(by))
            }
            AlertSaid::Vacant {
                sending,
                host,
                since,
                age,
                charge_d_affaires,
            } => format!(
                "{} has had no head of mission since {since} ({}){}.",
                capitalised(&mission(*sending, *host)),
                age.english(),
                charge_d_affaires
                    .as_ref()
                    .map(|c| format!("; {c} is chargé d'affaires a.i."))
                    .unwrap_or_default()
            ),
            AlertSaid::HeadlineAboveCap {
                sending,
                host,
                date,
                value,
                cap,
                measure,
            } => format!(
                "The staffing figure of {} reported for {date} ({value}) exceeds the cap of \
                 {cap} in force (measure {measure}).",
                mission(*sending, *host)
            ),
            AlertSaid::StaffFigureStale {
                sending,
                host,
                value,
                date,
                age,
                on,
            } => format!(
                "The latest staffing figure of {} ({value}, reported for {date}) is {} old on \
                 {on}.",
                mission(*sending, *host),
                days(*age)
            ),
            AlertSaid::AgrementPending {
                person,
                sending,
                host,
                since,
                age,
                norm,
            } => format!(
                "Agrément for {person} as {sending}'s head of mission in {host}, requested \
                 {since}, has been pending {} (the usual norm is about {norm} days).",
                days(*age)
            ),
            AlertSaid::MeasureTakesEffect {
                actor,
                target,
                effective,
                summary,
            } => format!(
                "{actor}'s measure against {target} takes effect on {effective}: {summary}."
            ),
            AlertSaid::MeasureExpires {
                actor,
                target,
                expires,
                summary,
            } => format!(
                "{actor}'s measure against {target} expires on {expires} unless renewed: \
                 {summary}."
            ),
        }
    }
}
