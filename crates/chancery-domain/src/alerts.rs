//! A relation's alerts: what needs someone's attention on the view's day, most urgent first.
//!
//! An alert is derived from an answer the reader may already see (the nationals' cases, the
//! diplomatic list, presence, measures, commitments), so it never shows more than that answer:
//! a case internal to one ministry gives alerts to that ministry only. The kinds other than
//! consular clocks, and the norms and windows they use, are in `alerts/record.rs`.
//!
//! Consular clocks give two kinds. `consular_clock_overdue`: a clock with a fixed deadline,
//! unmet, past its deadline while the national is still held (the first day after the last day
//! it is met on time). `consular_clock_due`: such a clock, still running, whose last day on
//! time is the view's day or the next. A clock `missed` (its deadline passed, then custody
//! ended) is history, not an alert; "without delay" clocks have no deadline, so no alert.

use serde::Serialize;

use crate::consular::cases::{CaseClock, CaseView, ClockName, ClockStatus};
use crate::date::CivilDate;
use crate::ids::{CaseId, CommitmentId, MeasureId, MemberId, PostId, StateCode};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::Counting;

mod record;
mod said;
pub use record::{AGREMENT_NORM_DAYS, SOON_DAYS, STAFF_FIGURE_STALE_DAYS};
pub use said::{AlertSaid, CaseSaid, DaySpan, MemberSaid, PngSaid};

/// How many days ahead a running clock's deadline gives a `consular_clock_due` alert: its
/// last day on time is today or tomorrow.
pub const DUE_WITHIN_DAYS: i64 = 1;

/// What an alert is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AlertKind {
    /// A consular clock past its deadline while the national is still held.
    ConsularClockOverdue,
    /// A consular clock whose last day on time is the view's day or the next.
    ConsularClockDue,
    /// A consular clock not met whose deadline may have passed: the case's date is known only
    /// to a period, so the record cannot tell.
    ConsularClockMayBeOverdue,
    /// A member declared persona non grata still on record past the deadline to leave.
    PngDepartureOverdue,
    /// A member declared persona non grata whose deadline to leave is still running.
    PngDepartureDue,
    /// A persona non grata's deadline dated by a period holding the day: it may have passed.
    PngDepartureMayBeOverdue,
    /// A commitment open or in progress after every day of its due date.
    CommitmentOverdue,
    /// A commitment whose due date (or period) holds the day.
    CommitmentDue,
    /// A mission without a head of mission since a departure.
    HeadOfMissionVacant,
    /// Agrément requested and neither granted nor refused for longer than the norm.
    AgrementPending,
    /// The members on record, or the mission's own headline figure, exceed a cap in force.
    CapExceeded,
    /// The members on record may exceed a cap in force, depending on imprecise dates.
    CapMayBeExceeded,
    /// A measure announced that takes effect within `SOON_DAYS`.
    MeasureTakesEffectSoon,
    /// A measure in force that expires by its own terms within `SOON_DAYS`.
    MeasureExpiresSoon,
    /// The mission's headline staffing figure is older than a year.
    StaffFigureStale,
}

impl AlertKind {
    /// The word an alert is headed by on a page or a terminal: what it is, not only how urgent.
    pub fn heading(self) -> &'static str {
        match self {
            AlertKind::ConsularClockOverdue => "Overdue",
            AlertKind::ConsularClockDue => "Due soon",
            AlertKind::ConsularClockMayBeOverdue => "May be overdue",
            AlertKind::PngDepartureOverdue => "Departure overdue",
            AlertKind::PngDepartureDue => "Departure due",
            AlertKind::PngDepartureMayBeOverdue => "Departure may be overdue",
            AlertKind::CommitmentOverdue => "Commitment overdue",
            AlertKind::CommitmentDue => "Commitment due",
            AlertKind::HeadOfMissionVacant => "Vacancy",
            AlertKind::AgrementPending => "Agrément pending",
            AlertKind::CapExceeded => "Cap exceeded",
            AlertKind::CapMayBeExceeded => "Cap may be exceeded",
            AlertKind::MeasureTakesEffectSoon => "Takes effect soon",
            AlertKind::MeasureExpiresSoon => "Expires soon",
            AlertKind::StaffFigureStale => "Old staff figure",
        }
    }

    /// The snake_case name used in the API, feeds and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::ConsularClockOverdue => "consular_clock_overdue",
            AlertKind::ConsularClockDue => "consular_clock_due",
            AlertKind::ConsularClockMayBeOverdue => "consular_clock_may_be_overdue",
            AlertKind::PngDepartureOverdue => "png_departure_overdue",
            AlertKind::PngDepartureDue => "png_departure_due",
            AlertKind::PngDepartureMayBeOverdue => "png_departure_may_be_overdue",
            AlertKind::CommitmentOverdue => "commitment_overdue",
            AlertKind::CommitmentDue => "commitment_due",
            AlertKind::HeadOfMissionVacant => "head_of_mission_vacant",
            AlertKind::AgrementPending => "agrement_pending",
            AlertKind::CapExceeded => "cap_exceeded",
            AlertKind::CapMayBeExceeded => "cap_may_be_exceeded",
            AlertKind::MeasureTakesEffectSoon => "measure_takes_effect_soon",
            AlertKind::MeasureExpiresSoon => "measure_expires_soon",
            AlertKind::StaffFigureStale => "staff_figure_stale",
        }
    }

    pub const ALL: &'static [AlertKind] = &[
        AlertKind::ConsularClockOverdue,
        AlertKind::ConsularClockDue,
        AlertKind::ConsularClockMayBeOverdue,
        AlertKind::PngDepartureOverdue,
        AlertKind::PngDepartureDue,
        AlertKind::PngDepartureMayBeOverdue,
        AlertKind::CommitmentOverdue,
        AlertKind::CommitmentDue,
        AlertKind::HeadOfMissionVacant,
        AlertKind::AgrementPending,
        AlertKind::CapExceeded,
        AlertKind::CapMayBeExceeded,
        AlertKind::MeasureTakesEffectSoon,
        AlertKind::MeasureExpiresSoon,
        AlertKind::StaffFigureStale,
    ];
}

/// How urgent an alert is; the most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Severity {
    /// A deadline already passed.
    Urgent,
    /// A deadline about to pass, or something that may be wrong.
    Warning,
    /// Worth knowing on the day: a vacancy, an old figure, a measure about to change.
    Notice,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Urgent => "urgent",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

/// The thing an alert is about, with what a page needs to link to where it is handled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AlertSubject {
    /// One clock of a national's case.
    ConsularClock {
        case: CaseId,
        clock: ClockName,
        /// The post whose consular district the case is in, when recorded.
        #[serde(skip_serializing_if = "Option::is_none")]
        post: Option<PostId>,
    },
    /// A member of staff of a post.
    Member { member: MemberId, post: PostId },
    /// A commitment made in talks.
    Commitment { commitment: CommitmentId },
    /// A mission (a sending state's in a host state): its head, its staffing figure.
    Mission { sending: StateCode, host: StateCode },
    /// A person's agrément as head of a mission.
    Agrement {
        sending: StateCode,
        host: StateCode,
        person: String,
    },
    /// One limit of a cap against a mission.
    Cap {
        measure: MeasureId,
        sending: StateCode,
        host: StateCode,
        counting: Counting,
    },
    /// A measure.
    Measure { measure: MeasureId },
}

impl AlertSubject {
    /// The post where the alert is handled, if any.
    pub fn post(&self) -> Option<&PostId> {
        match self {
            AlertSubject::ConsularClock { post, .. } => post.as_ref(),
            AlertSubject::Member { post, .. } => Some(post),
            _ => None,
        }
    }

    /// A key that names the subject for good (sorting, a feed entry's id): ASCII, no spaces
    /// except inside a person's name, which is percent-encoded.
    pub fn key(&self) -> String {
        match self {
            AlertSubject::ConsularClock { case, clock, .. } => {
                let clock = match clock {
                    ClockName::RightsInformation => "rights_information",
                    ClockName::ConsularNotification => "consular_notification",
                    ClockName::ConsularAccess => "consular_access",
                };
                format!("case/{case}/{clock}")
            }
            AlertSubject::Member { member, .. } => format!("member/{member}"),
            AlertSubject::Commitment { commitment } => format!("commitment/{commitment}"),
            AlertSubject::Mission { sending, host } => format!("mission/{sending}-{host}"),
            AlertSubject::Agrement {
                sending,
                host,
                person,
            } => format!("agrement/{sending}-{host}/{}", key_text(person)),
            AlertSubject::Cap {
                measure,
                sending,
                host,
                counting,
            } => format!("cap/{measure}/{sending}-{host}/{}", counting.as_str()),
            AlertSubject::Measure { measure } => format!("measure/{measure}"),
        }
    }
}

/// A name made safe for a key: unreserved ASCII kept, everything else as %XX of its UTF-8.
fn key_text(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alert {
    pub kind: AlertKind,
    pub severity: Severity,
    pub subject: AlertSubject,
    /// The last day on which what is due is done on time; for an alert with no deadline, the
    /// day it is about (a vacancy's first day, a figure's last day, a measure's date).
    pub due: CivilDate,
    /// Days from `due` to the view's day, when past (1 on the first day after `due`); 0 when
    /// not yet past. For a vacancy, a pending agrément and an old figure: their age in days.
    /// From a date dated by a period, the days that are certain: counted from its last day
    /// (the text gives the range both ends give).
    pub days_overdue: u32,
    /// The subject's name as recorded (a person, a commitment's text, a measure's summary), for
    /// pages that say the alert in their own words and language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The alert in plain English.
    pub text: String,
    /// What `text` says, for pages that word it in their language.
    #[serde(skip)]
    pub said: AlertSaid,
}

impl Alert {
    /// A key for this alert that stays the same while it stands: its subject and kind.
    pub fn key(&self) -> String {
        format!("{}/{}", self.subject.key(), self.kind.as_str())
    }
}

/// The alerts of a relation the reader may see, most urgent first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelationAlerts {
    pub as_of: CivilDate,
    pub alerts: Vec<Alert>,
}

impl RelationAlerts {
    /// The alerts handled at `post`.
    pub fn at_post<'a>(&'a self, post: &'a PostId) -> impl Iterator<Item = &'a Alert> + 'a {
        self.alerts
            .iter()
            .filter(move |a| a.subject.post() == Some(post))
    }
}

/// "1 day", "3 days".
pub fn days(n: i64) -> String {
    if n == 1 || n == -1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// The alert a case's clock gives on `on`, if any.
pub fn clock_alert(case: &CaseView, clock: &CaseClock, on: CivilDate) -> Option<Alert> {
    let due = clock.due?;
    let subject = AlertSubject::ConsularClock {
        case: case.case.clone(),
        clock: clock.clock,
        post: case.post.clone(),
    };
    let about = CaseSaid {
        case: case.case.clone(),
        kind: case.case_kind,
        city: case.city.clone(),
        date: case.date,
    };
    let (kind, severity, days_overdue, said) = match clock.status {
        ClockStatus::Overdue => {
            let late = due.days_until(on);
            (
                AlertKind::ConsularClockOverdue,
                Severity::Urgent,
                u32::try_from(late).unwrap_or(u32::MAX),
                AlertSaid::ClockOverdue {
                    clock: clock.clock,
                    late,
                    case: about,
                    due,
                },
            )
        }
        ClockStatus::Running => {
            let left = on.days_until(due);
            if !(0..=DUE_WITHIN_DAYS).contains(&left) {
                return None;
            }
            (
                AlertKind::ConsularClockDue,
                Severity::Warning,
                0,
                AlertSaid::ClockDue {
                    clock: clock.clock,
                    tomorrow: left != 0,
                    case: about,
                },
            )
        }
        ClockStatus::Uncertain => (
            AlertKind::ConsularClockMayBeOverdue,
            Severity::Warning,
            0,
            AlertSaid::ClockMayBeOverdue {
                clock: clock.clock,
                case: about,
                earliest: clock.due_earliest.unwrap_or(due),
                due,
            },
        ),
        ClockStatus::Met
        | ClockStatus::MetLate
        | ClockStatus::MetUncertain
        | ClockStatus::Missed
        | ClockStatus::Stopped
        | ClockStatus::StoppedOrMissed
        | ClockStatus::NotReported => return None,
    };
    Some(Alert {
        kind,
        severity,
        subject,
        due,
        days_overdue,
        name: None,
        text: said.english(),
        said,
    })
}

impl Image {
    /// The relation's alerts for the view's reader on the view's day, most urgent first:
    /// by severity, the longest overdue first, then by date and subject.
    pub fn alerts(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<RelationAlerts, QueryError> {
        let cases = self.consular_cases(a, b, view)?;
        let mut alerts: Vec<Alert> = cases
            .cases
            .iter()
            .flat_map(|c| {
                c.clocks
                    .iter()
                    .filter_map(|k| clock_alert(c, k, view.as_of))
            })
            .collect();
        alerts.extend(self.record_alerts(a, b, view)?);
        sort(&mut alerts);
        Ok(RelationAlerts {
            as_of: view.as_of,
            alerts,
        })
    }

    /// The alerts of every relation the reader has any in, by relation (pairs of states in
    /// code order); relations with none are left out.
    pub fn alerts_all(&self, view: View) -> AllAlerts {
        let relations = self
            .relation_keys()
            .into_iter()
            .filter_map(|key| {
                let (a, b) = key.states();
                let alerts = self.alerts(a, b, view).ok()?.alerts;
                (!alerts.is_empty()).then_some(AlertsOf { a, b, alerts })
            })
            .collect();
        AllAlerts {
            as_of: view.as_of,
            relations,
        }
    }
}

/// The alerts of every relation the reader has any in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllAlerts {
    pub as_of: CivilDate,
    pub relations: Vec<AlertsOf>,
}

impl AllAlerts {
    pub fn count(&self) -> usize {
        self.relations.iter().map(|r| r.alerts.len()).sum()
    }
}

/// One relation's alerts in [`AllAlerts`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertsOf {
    pub a: StateCode,
    pub b: StateCode,
    pub alerts: Vec<Alert>,
}

/// Most urgent first: by severity, the longest overdue first, then by date and subject.
fn sort(alerts: &mut [Alert]) {
    alerts.sort_by(|x, y| {
        (x.severity, std::cmp::Reverse(x.days_overdue), x.due)
            .cmp(&(y.severity, std::cmp::Reverse(y.days_overdue), y.due))
            .then_with(|| x.key().cmp(&y.key()))
    });
}
