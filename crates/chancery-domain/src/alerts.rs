//! A relation's alerts: what needs someone's attention on the view's day, most urgent first.
//!
//! An alert is derived from an answer the reader may already see (for now the nationals'
//! cases, `Image::consular_cases`), so it never shows more than that answer: a case internal to
//! one ministry gives alerts to that ministry only. Later kinds (a persona non grata's deadline
//! to leave, commitments due, vacancies) add an `AlertKind` and an `AlertSubject` each.
//!
//! Consular clocks give two kinds. `consular_clock_overdue`: a clock with a fixed deadline,
//! unmet, past its deadline while the national is still held (the first day after the last day
//! it is met on time). `consular_clock_due`: such a clock, still running, whose last day on
//! time is the view's day or the next. A clock `missed` (its deadline passed, then custody
//! ended) is history, not an alert; "without delay" clocks have no deadline, so no alert.

use serde::Serialize;

use crate::consular::cases::{CaseClock, CaseView, ClockName, ClockStatus};
use crate::date::CivilDate;
use crate::ids::{CaseId, PostId, StateCode};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;

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
}

impl AlertKind {
    /// The word an alert is headed by on a page or a terminal: what it is, not only how urgent.
    pub fn heading(self) -> &'static str {
        match self {
            AlertKind::ConsularClockOverdue => "Overdue",
            AlertKind::ConsularClockDue => "Due soon",
            AlertKind::ConsularClockMayBeOverdue => "May be overdue",
        }
    }
}

/// How urgent an alert is; the most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Severity {
    /// A deadline already passed.
    Urgent,
    /// A deadline about to pass.
    Warning,
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
}

impl AlertSubject {
    /// The post where the alert is handled, if any.
    pub fn post(&self) -> Option<&PostId> {
        match self {
            AlertSubject::ConsularClock { post, .. } => post.as_ref(),
        }
    }
}

/// One alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alert {
    pub kind: AlertKind,
    pub severity: Severity,
    pub subject: AlertSubject,
    /// The last day on which what is due is done on time.
    pub due: CivilDate,
    /// Days from `due` to the view's day, when past (1 on the first day after `due`); 0 when
    /// not yet past.
    pub days_overdue: u32,
    /// The alert in plain English.
    pub text: String,
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
    let what = clock.clock.words();
    let about = format!(
        "case {} ({} in {} on {})",
        case.case, case.case_kind, case.city, case.date
    );
    match clock.status {
        ClockStatus::Overdue => {
            let late = due.days_until(on);
            Some(Alert {
                kind: AlertKind::ConsularClockOverdue,
                severity: Severity::Urgent,
                subject,
                due,
                days_overdue: u32::try_from(late).unwrap_or(u32::MAX),
                text: format!(
                    "{} overdue by {} in {about}: due by {due}.",
                    capitalised(what),
                    days(late)
                ),
            })
        }
        ClockStatus::Running => {
            let left = on.days_until(due);
            (0..=DUE_WITHIN_DAYS).contains(&left).then(|| Alert {
                kind: AlertKind::ConsularClockDue,
                severity: Severity::Warning,
                subject,
                due,
                days_overdue: 0,
                text: format!(
                    "{} due {} in {about}.",
                    capitalised(what),
                    if left == 0 { "today" } else { "tomorrow" },
                ),
            })
        }
        ClockStatus::Uncertain => Some(Alert {
            kind: AlertKind::ConsularClockMayBeOverdue,
            severity: Severity::Warning,
            subject,
            due,
            days_overdue: 0,
            text: format!(
                "{} may be overdue in {about}: due between {} and {due}, as the case's date is \
                 known only to {}.",
                capitalised(what),
                clock.due_earliest.unwrap_or(due),
                case.date
            ),
        }),
        ClockStatus::Met
        | ClockStatus::MetLate
        | ClockStatus::MetUncertain
        | ClockStatus::Missed
        | ClockStatus::Stopped
        | ClockStatus::StoppedOrMissed
        | ClockStatus::NotReported => None,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Image {
    /// The relation's alerts for the view's reader on the view's day, most urgent first:
    /// overdue before due, the longest overdue first, then by deadline and case.
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
        alerts.sort_by(|x, y| {
            (x.severity, std::cmp::Reverse(x.days_overdue), x.due)
                .cmp(&(y.severity, std::cmp::Reverse(y.days_overdue), y.due))
                .then_with(|| subject_key(&x.subject).cmp(&subject_key(&y.subject)))
        });
        Ok(RelationAlerts {
            as_of: view.as_of,
            alerts,
        })
    }
}

fn subject_key(s: &AlertSubject) -> (&str, ClockName) {
    match s {
        AlertSubject::ConsularClock { case, clock, .. } => (case.as_str(), *clock),
    }
}
