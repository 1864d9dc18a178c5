//! `chancery consular cases` and `chancery alerts` as text for the terminal; `--json` prints
//! what the API answers.

use std::fmt::Write;

use chancery_domain::alerts::{days, RelationAlerts, Severity};
use chancery_domain::consular::cases::{CaseClock, ClockStatus, ConsularCases};
use chancery_domain::CivilDate;

fn words(s: &str) -> String {
    s.replace('_', " ")
}

fn status(k: &CaseClock, on: CivilDate) -> String {
    let met_on = k.met_on.map(|d| d.to_string()).unwrap_or_default();
    match k.status {
        ClockStatus::Met => format!("met on day {} ({met_on})", k.days_passed),
        ClockStatus::MetLate => format!("met late, on day {} ({met_on})", k.days_passed),
        ClockStatus::Running => match k.due {
            Some(due) if on >= due => "running, due today".to_owned(),
            Some(due) => format!("running, {} left", days(on.days_until(due))),
            None => format!("running, day {}", k.days_passed),
        },
        ClockStatus::Overdue => match k.due {
            Some(due) => format!("OVERDUE by {}", days(due.days_until(on))),
            None => "OVERDUE".to_owned(),
        },
        ClockStatus::Missed => format!(
            "missed: not met by its deadline; custody ended on day {}",
            k.days_passed
        ),
        ClockStatus::Stopped => format!(
            "stopped: custody ended on day {}, before it was met",
            k.days_passed
        ),
        ClockStatus::MetUncertain => format!(
            "met on day {} ({met_on}); on time or late cannot be told from the dates on record",
            k.days_passed
        ),
        ClockStatus::StoppedOrMissed => format!(
            "stopped or missed: custody ended on day {}, before it was met; the dates on record cannot tell whether before the deadline",
            k.days_passed
        ),
        ClockStatus::NotReported => {
            "not reported: the public reporting of this case says nothing of it".to_owned()
        }
        ClockStatus::Uncertain => match (k.due_earliest, k.due) {
            (Some(early), Some(due)) => {
                format!("may be overdue: the deadline falls between {early} and {due}")
            }
            _ => "may be overdue".to_owned(),
        },
    }
}

fn deadline(k: &CaseClock) -> String {
    match (k.bound_days, k.due) {
        (Some(b), Some(due)) => format!("within {}, by {due}", days(i64::from(b))),
        _ if k.without_delay => "\"without delay\", no fixed days".to_owned(),
        _ => "no time fixed".to_owned(),
    }
}

pub fn cases(c: &ConsularCases) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Nationals' cases as of {}", c.as_of);
    if let Some(t) = &c.treaty {
        let _ = writeln!(
            out,
            "Treaty deadlines: notification within {}, access within {} ({})",
            days(i64::from(t.notification_days)),
            days(i64::from(t.access_days)),
            t.instrument
        );
    }
    if c.cases.is_empty() {
        let _ = writeln!(out, "\nNo case of a national on record.");
    }
    for v in &c.cases {
        let flag = if v.overdue { "  [OVERDUE]" } else { "" };
        let post = v
            .post
            .as_ref()
            .map_or(String::new(), |p| format!(", post {p}"));
        let _ = writeln!(
            out,
            "\n{}: {} of a national of {}, {} in {} ({}){post} (act #{}){flag}",
            v.case, v.case_kind, v.national_of, v.date, v.city, v.held_in, v.act
        );
        let custody = v.steps.iter().find(|s| s.step.ends_custody());
        let _ = match custody {
            Some(s) => writeln!(out, "  custody: {} on {}", words(s.step.as_str()), s.date),
            None if v.case_kind.is_custody() => writeln!(out, "  custody: held"),
            None => Ok(()),
        };
        for s in &v.steps {
            let mut line = format!("  {} {}", s.date, words(s.step.as_str()));
            if let Some(m) = &s.measure {
                let _ = write!(line, " (measure {m})");
                if let Some(standing) = s.measure_standing {
                    let _ = write!(line, " [{}]", standing.words());
                }
            }
            if let Some(t) = &s.summary {
                let _ = write!(line, ": {t}");
            }
            let _ = writeln!(out, "{line} (act #{})", s.act);
        }
        for k in &v.clocks {
            let _ = writeln!(
                out,
                "  clock {:<48} {}; day {}; {}",
                k.clock.words(),
                deadline(k),
                k.days_passed,
                status(k, c.as_of)
            );
            let _ = writeln!(out, "        basis: {}", k.basis);
        }
    }
    out
}

pub fn alerts(a: &RelationAlerts) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Alerts as of {}", a.as_of);
    if a.alerts.is_empty() {
        let _ = writeln!(out, "none");
    }
    for x in &a.alerts {
        let level = match x.severity {
            Severity::Urgent => x.kind.heading().to_uppercase(),
            Severity::Warning | Severity::Notice => x.kind.heading().to_lowercase(),
        };
        let _ = writeln!(out, "  {level}: {}", x.text);
    }
    out
}
