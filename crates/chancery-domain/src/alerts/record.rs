//! The alerts the record itself gives, beside the consular clocks: each read off a query the
//! reader may already ask (the diplomatic list, presence, commitments, measures, the heads of
//! mission), so scoped exactly as those answers are.
//!
//! - a persona non grata still on record: `png_departure_due` while the deadline runs,
//!   `png_departure_overdue` after its last day (urgent), `png_departure_may_be_overdue` inside a
//!   deadline dated by a period;
//! - a commitment `due` inside its due period, `overdue` after it (urgent);
//! - a head of mission's vacancy, with its age (notice);
//! - agrément requested and unanswered for longer than [`AGREMENT_NORM_DAYS`] (warning);
//! - a cap in force exceeded by the members on record or by the mission's headline figure
//!   (urgent), or possibly exceeded by the members, depending on imprecise dates (warning);
//! - a measure taking effect, or expiring by its terms, within [`SOON_DAYS`] (notice);
//! - a mission's headline staffing figure older than [`STAFF_FIGURE_STALE_DAYS`] (notice).

use std::collections::BTreeSet;

use super::{Alert, AlertKind, AlertSaid, AlertSubject, DaySpan, MemberSaid, PngSaid, Severity};
use crate::date::{CivilDate, ValidDate};
use crate::diplist::{Breach, Deadline};
use crate::ids::{MissionKey, StateCode};
use crate::image::commitments::DueStatus;
use crate::image::heads::{fold_heads, Agrement};
use crate::image::measures::MeasureStatus;
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::{MeasureFilter, QueryError};

/// How long agrément may stay unanswered before it is an alert. The norm is comity, not law:
/// "answer agrément promptly (about 30 days)" (VCDR Art. 4 sets no time; the common norm is
/// recorded in the project's legal reference, legal-rules.md, VCDR Art. 4 and "Comity norms",
/// and in docs/alerts.md).
pub const AGREMENT_NORM_DAYS: i64 = 30;

/// How far ahead a measure's taking effect or expiry is an alert: a month gives a desk time
/// to prepare a note or an answer, and is short enough that the list stays about the near
/// future. A choice of ours, not a rule of law.
pub const SOON_DAYS: i64 = 30;

/// A headline staffing figure older than this is an alert: a year is the period over which
/// missions are usually reported anew (annual diplomatic lists, budget figures), so an older
/// one may no longer describe the mission.
pub const STAFF_FIGURE_STALE_DAYS: i64 = 365;

fn to_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// An alert whose `text` is what `said` says in English.
fn alert(
    (kind, severity): (AlertKind, Severity),
    subject: AlertSubject,
    due: CivilDate,
    days_overdue: u32,
    name: Option<String>,
    said: AlertSaid,
) -> Alert {
    Alert {
        kind,
        severity,
        subject,
        due,
        days_overdue,
        name,
        text: said.english(),
        said,
    }
}

impl Image {
    /// Every alert of the relation other than the consular clocks.
    pub(super) fn record_alerts(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<Vec<Alert>, QueryError> {
        let on = view.as_of;
        let mut out = Vec::new();
        self.png_alerts(a, b, view, &mut out)?;
        self.commitment_alerts(a, b, view, &mut out)?;
        self.mission_alerts(a, b, view, &mut out)?;
        for (sending, host) in [(a, b), (b, a)] {
            self.agrement_alerts(sending, host, view, &mut out);
        }
        for m in self.measures(a, b, view, MeasureFilter::Imposed)? {
            let subject = AlertSubject::Measure {
                measure: m.id.clone(),
            };
            let soon = |d: ValidDate| (0..=SOON_DAYS).contains(&on.days_until(d.earliest()));
            if m.status == MeasureStatus::Announced && soon(m.effective) {
                out.push(alert(
                    (AlertKind::MeasureTakesEffectSoon, Severity::Notice),
                    subject.clone(),
                    m.effective.earliest(),
                    0,
                    Some(m.summary.clone()),
                    AlertSaid::MeasureTakesEffect {
                        actor: m.actor,
                        target: m.target,
                        effective: m.effective,
                        summary: m.summary.clone(),
                    },
                ));
            }
            if let Some(expires) = m.expires.filter(|e| m.in_force && soon(*e)) {
                out.push(alert(
                    (AlertKind::MeasureExpiresSoon, Severity::Notice),
                    subject,
                    expires.earliest(),
                    0,
                    Some(m.summary.clone()),
                    AlertSaid::MeasureExpires {
                        actor: m.actor,
                        target: m.target,
                        expires,
                        summary: m.summary.clone(),
                    },
                ));
            }
        }
        Ok(out)
    }

    fn png_alerts(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        out: &mut Vec<Alert>,
    ) -> Result<(), QueryError> {
        let list = match self.diplomatic_list(a, b, None, None, view) {
            Ok(list) => list,
            Err(crate::diplist::ListError::Query(q)) => return Err(q),
            // Asked for no post and no sending state, nothing else can be refused.
            Err(_) => return Ok(()),
        };
        for mission in &list.missions {
            for m in &mission.members {
                let Some(png) = &m.persona_non_grata else {
                    continue;
                };
                let Some(deadline) = png.deadline else {
                    continue;
                };
                let subject = AlertSubject::Member {
                    member: m.id.clone(),
                    post: m.post.clone(),
                };
                let said = PngSaid {
                    member: MemberSaid {
                        name: m.name.clone(),
                        category: m.category,
                        sending: mission.sending,
                        post: m.post.clone(),
                    },
                    by: png.by,
                    declared: png.declared,
                    deadline,
                };
                // A deadline dated by a period is due from its first day and overdue only
                // after its last; every count is given from both ends.
                let on = view.as_of;
                let (first, last) = (deadline.earliest(), deadline.latest());
                let (kind, severity, due, said) = match png.standing {
                    Deadline::Overdue => (
                        AlertKind::PngDepartureOverdue,
                        Severity::Urgent,
                        last,
                        AlertSaid::PngOverdue {
                            png: said,
                            late: DaySpan {
                                least: last.days_until(on),
                                most: first.days_until(on),
                            },
                        },
                    ),
                    Deadline::Running => (
                        AlertKind::PngDepartureDue,
                        Severity::Warning,
                        first,
                        AlertSaid::PngDue {
                            png: said,
                            left: DaySpan {
                                least: on.days_until(first),
                                most: on.days_until(last),
                            },
                        },
                    ),
                    Deadline::MayHavePassed => (
                        AlertKind::PngDepartureMayBeOverdue,
                        Severity::Warning,
                        first,
                        AlertSaid::PngMayBeOverdue {
                            png: said,
                            left: on.days_until(last),
                            late: first.days_until(on),
                        },
                    ),
                    Deadline::Left | Deadline::NoDeadline => continue,
                };
                out.push(alert(
                    (kind, severity),
                    subject,
                    due,
                    to_u32(last.days_until(on)),
                    Some(m.name.clone()),
                    said,
                ));
            }
            for limit in &mission.limits {
                let (kind, severity, may) = match limit.breach {
                    Breach::Within => continue,
                    Breach::Breached => (AlertKind::CapExceeded, Severity::Urgent, false),
                    Breach::MayBeBreached => (AlertKind::CapMayBeExceeded, Severity::Warning, true),
                };
                let c = &limit.cap;
                out.push(alert(
                    (kind, severity),
                    AlertSubject::Cap {
                        measure: c.measure.clone(),
                        sending: mission.sending,
                        host: mission.host,
                        counting: c.counting,
                    },
                    c.since.earliest(),
                    0,
                    None,
                    AlertSaid::CapByMembers {
                        sending: mission.sending,
                        host: mission.host,
                        counted: limit.counted,
                        counting: c.counting,
                        may,
                        cap: c.cap,
                        since: c.since,
                        measure: c.measure.clone(),
                    },
                ));
            }
        }
        Ok(())
    }

    fn commitment_alerts(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        out: &mut Vec<Alert>,
    ) -> Result<(), QueryError> {
        for c in self.commitments(a, b, view)? {
            let Some(due) = c.due else { continue };
            let late = due.latest().days_until(view.as_of);
            let (kind, severity, said) = match c.due_status {
                Some(DueStatus::Overdue) => (
                    AlertKind::CommitmentOverdue,
                    Severity::Urgent,
                    AlertSaid::CommitmentOverdue {
                        by: c.undertaken_by.clone(),
                        late,
                        text: c.text.clone(),
                        due,
                    },
                ),
                Some(DueStatus::Due) => (
                    AlertKind::CommitmentDue,
                    Severity::Warning,
                    AlertSaid::CommitmentDue {
                        by: c.undertaken_by.clone(),
                        due,
                        text: c.text.clone(),
                    },
                ),
                Some(DueStatus::NotYetDue) | None => continue,
            };
            out.push(alert(
                (kind, severity),
                AlertSubject::Commitment {
                    commitment: c.id.clone(),
                },
                due.latest(),
                to_u32(late),
                Some(c.text.clone()),
                said,
            ));
        }
        Ok(())
    }

    /// Vacancies, cap breaches by the headline figure, and old figures: read off presence.
    fn mission_alerts(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        out: &mut Vec<Alert>,
    ) -> Result<(), QueryError> {
        let on = view.as_of;
        for m in self.presence(a, b, view)?.missions {
            let subject = AlertSubject::Mission {
                sending: m.sending,
                host: m.host,
            };
            if let Some(since) = m.vacant_since {
                // Its age from the last day the vacancy may have begun and from the first.
                let age = DaySpan {
                    least: since.latest().days_until(on),
                    most: since.earliest().days_until(on),
                };
                out.push(alert(
                    (AlertKind::HeadOfMissionVacant, Severity::Notice),
                    subject.clone(),
                    since.earliest(),
                    to_u32(age.least),
                    None,
                    AlertSaid::Vacant {
                        sending: m.sending,
                        host: m.host,
                        since,
                        age,
                        charge_d_affaires: m.charge_d_affaires.as_ref().map(|c| c.name.clone()),
                    },
                ));
            }
            let Some(h) = m.staff.headline else { continue };
            if let Some(cap) = &h.above_cap {
                out.push(alert(
                    (AlertKind::CapExceeded, Severity::Urgent),
                    AlertSubject::Cap {
                        measure: cap.measure.clone(),
                        sending: m.sending,
                        host: m.host,
                        counting: cap.counting,
                    },
                    h.date.latest(),
                    0,
                    None,
                    AlertSaid::HeadlineAboveCap {
                        sending: m.sending,
                        host: m.host,
                        date: h.date,
                        value: h.value,
                        cap: cap.cap,
                        measure: cap.measure.clone(),
                    },
                ));
            }
            if h.age_days > STAFF_FIGURE_STALE_DAYS {
                out.push(alert(
                    (AlertKind::StaffFigureStale, Severity::Notice),
                    subject,
                    h.date.latest(),
                    to_u32(h.age_days),
                    None,
                    AlertSaid::StaffFigureStale {
                        sending: m.sending,
                        host: m.host,
                        value: h.value,
                        date: h.date,
                        age: h.age_days,
                        on,
                    },
                ));
            }
        }
        // A breach by the members and by the headline is one alert: the first stands.
        let mut seen = BTreeSet::new();
        out.retain(|x| x.kind != AlertKind::CapExceeded || seen.insert(x.subject.key()));
        Ok(())
    }

    /// Agrément requested for a person and neither granted nor refused, nor the person
    /// appointed or arrived since, for longer than the norm.
    fn agrement_alerts(
        &self,
        sending: StateCode,
        host: StateCode,
        view: View,
        out: &mut Vec<Alert>,
    ) {
        let Some(m) = self.mission_record(&MissionKey { sending, host }) else {
            return;
        };
        let Ok(heads) = fold_heads("", view.filter(&m.heads)) else {
            return;
        };
        for (person, (state, since)) in &heads.agrement {
            let proceeded = heads.appointed.get(person).is_some_and(|d| d >= since)
                || heads.head.as_ref().is_some_and(|h| h.person == *person);
            let age = since.latest().days_until(view.as_of);
            if *state != Agrement::Requested || proceeded || age <= AGREMENT_NORM_DAYS {
                continue;
            }
            out.push(alert(
                (AlertKind::AgrementPending, Severity::Warning),
                AlertSubject::Agrement {
                    sending,
                    host,
                    person: (*person).to_owned(),
                },
                add_days(since.latest(), AGREMENT_NORM_DAYS),
                to_u32(age),
                Some((*person).to_owned()),
                AlertSaid::AgrementPending {
                    person: (*person).to_owned(),
                    sending,
                    host,
                    since: *since,
                    age,
                    norm: AGREMENT_NORM_DAYS,
                },
            ));
        }
    }
}

fn add_days(d: CivilDate, n: i64) -> CivilDate {
    d.add_days(i32::try_from(n).unwrap_or(i32::MAX))
}

#[cfg(test)]
mod tests;
