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

use super::{days, Alert, AlertKind, AlertSubject, Severity};
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
                out.push(Alert {
                    kind: AlertKind::MeasureTakesEffectSoon,
                    severity: Severity::Notice,
                    subject: subject.clone(),
                    due: m.effective.earliest(),
                    days_overdue: 0,
                    name: Some(m.summary.clone()),
                    text: format!(
                        "{}'s measure against {} takes effect on {}: {}.",
                        m.actor, m.target, m.effective, m.summary
                    ),
                });
            }
            if let Some(expires) = m.expires.filter(|e| m.in_force && soon(*e)) {
                out.push(Alert {
                    kind: AlertKind::MeasureExpiresSoon,
                    severity: Severity::Notice,
                    subject,
                    due: expires.earliest(),
                    days_overdue: 0,
                    name: Some(m.summary.clone()),
                    text: format!(
                        "{}'s measure against {} expires on {expires} unless renewed: {}.",
                        m.actor, m.target, m.summary
                    ),
                });
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
                let (Some(deadline), Some(left)) = (png.deadline, png.days_left) else {
                    continue;
                };
                let subject = AlertSubject::Member {
                    member: m.id.clone(),
                    post: m.post.clone(),
                };
                let who = format!(
                    "{} ({} staff of {}'s mission, {})",
                    m.name,
                    m.category.as_str().replace('_', " "),
                    mission.sending,
                    m.post
                );
                let (kind, severity, text) = match png.standing {
                    Deadline::Overdue => (
                        AlertKind::PngDepartureOverdue,
                        Severity::Urgent,
                        format!(
                            "{who}, declared persona non grata by {} on {}, has not left: the \
                             deadline of {deadline} passed {} ago.",
                            png.by,
                            png.declared,
                            days(-left)
                        ),
                    ),
                    Deadline::Running => (
                        AlertKind::PngDepartureDue,
                        Severity::Warning,
                        format!(
                            "{who}, declared persona non grata by {} on {}, must leave by \
                             {deadline}: {}.",
                            png.by,
                            png.declared,
                            if left == 0 {
                                "today is the last day".to_owned()
                            } else {
                                format!("{} left", days(left))
                            }
                        ),
                    ),
                    Deadline::MayHavePassed => (
                        AlertKind::PngDepartureMayBeOverdue,
                        Severity::Warning,
                        format!(
                            "{who}, declared persona non grata by {} on {}, had to leave by \
                             {deadline}, which may have passed; no departure is on record.",
                            png.by, png.declared
                        ),
                    ),
                    Deadline::Left | Deadline::NoDeadline => continue,
                };
                out.push(Alert {
                    kind,
                    severity,
                    subject,
                    due: deadline.latest(),
                    days_overdue: to_u32(-left),
                    name: Some(m.name.clone()),
                    text,
                });
            }
            for limit in &mission.limits {
                let (kind, severity, how) = match limit.breach {
                    Breach::Within => continue,
                    Breach::Breached => (AlertKind::CapExceeded, Severity::Urgent, "exceed"),
                    Breach::MayBeBreached => {
                        (AlertKind::CapMayBeExceeded, Severity::Warning, "may exceed")
                    }
                };
                let c = &limit.cap;
                out.push(Alert {
                    kind,
                    severity,
                    subject: AlertSubject::Cap {
                        measure: c.measure.clone(),
                        sending: mission.sending,
                        host: mission.host,
                        counting: c.counting,
                    },
                    due: c.since.earliest(),
                    days_overdue: 0,
                    name: None,
                    text: format!(
                        "The members of {}'s mission in {} on record ({}, counted as {}) {how} \
                         the cap of {} in force since {} (measure {}).",
                        mission.sending,
                        mission.host,
                        limit.counted,
                        c.counting.as_str().replace('_', " "),
                        c.cap,
                        c.since,
                        c.measure
                    ),
                });
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
            let by = c
                .undertaken_by
                .iter()
                .map(StateCode::as_str)
                .collect::<Vec<_>>()
                .join(" and ");
            let (kind, severity, text) = match c.due_status {
                Some(DueStatus::Overdue) => (
                    AlertKind::CommitmentOverdue,
                    Severity::Urgent,
                    format!(
                        "Commitment by {by} overdue by {}: \"{}\" was due by {due}.",
                        days(due.latest().days_until(view.as_of)),
                        c.text
                    ),
                ),
                Some(DueStatus::Due) => (
                    AlertKind::CommitmentDue,
                    Severity::Warning,
                    format!("Commitment by {by} due by {due}: \"{}\".", c.text),
                ),
                Some(DueStatus::NotYetDue) | None => continue,
            };
            out.push(Alert {
                kind,
                severity,
                subject: AlertSubject::Commitment {
                    commitment: c.id.clone(),
                },
                due: due.latest(),
                days_overdue: to_u32(due.latest().days_until(view.as_of)),
                name: Some(c.text.clone()),
                text,
            });
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
            let mission = format!("{}'s mission in {}", m.sending, m.host);
            if let (Some(since), Some(age)) = (m.vacant_since, m.vacant_days) {
                out.push(Alert {
                    kind: AlertKind::HeadOfMissionVacant,
                    severity: Severity::Notice,
                    subject: subject.clone(),
                    due: since.earliest(),
                    days_overdue: to_u32(age),
                    name: None,
                    text: format!(
                        "{} has had no head of mission since {since} ({}){}.",
                        capitalise(&mission),
                        days(age),
                        m.charge_d_affaires
                            .as_ref()
                            .map(|c| format!("; {} is chargé d'affaires a.i.", c.name))
                            .unwrap_or_default()
                    ),
                });
            }
            let Some(h) = m.staff.headline else { continue };
            if let Some(cap) = &h.above_cap {
                out.push(Alert {
                    kind: AlertKind::CapExceeded,
                    severity: Severity::Urgent,
                    subject: AlertSubject::Cap {
                        measure: cap.measure.clone(),
                        sending: m.sending,
                        host: m.host,
                        counting: cap.counting,
                    },
                    due: h.date.latest(),
                    days_overdue: 0,
                    name: None,
                    text: format!(
                        "The staffing figure of {mission} reported for {} ({}) exceeds the cap \
                         of {} in force (measure {}).",
                        h.date, h.value, cap.cap, cap.measure
                    ),
                });
            }
            if h.age_days > STAFF_FIGURE_STALE_DAYS {
                out.push(Alert {
                    kind: AlertKind::StaffFigureStale,
                    severity: Severity::Notice,
                    subject,
                    due: h.date.latest(),
                    days_overdue: to_u32(h.age_days),
                    name: None,
                    text: format!(
                        "The latest staffing figure of {mission} ({}, reported for {}) is {} \
                         old on {on}.",
                        h.value,
                        h.date,
                        days(h.age_days)
                    ),
                });
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
            out.push(Alert {
                kind: AlertKind::AgrementPending,
                severity: Severity::Warning,
                subject: AlertSubject::Agrement {
                    sending,
                    host,
                    person: (*person).to_owned(),
                },
                due: add_days(since.latest(), AGREMENT_NORM_DAYS),
                days_overdue: to_u32(age),
                name: Some((*person).to_owned()),
                text: format!(
                    "Agrément for {person} as {sending}'s head of mission in {host}, requested \
                     {since}, has been pending {} (the usual norm is about {AGREMENT_NORM_DAYS} \
                     days).",
                    days(age)
                ),
            });
        }
    }
}

fn add_days(d: CivilDate, n: i64) -> CivilDate {
    d.add_days(i32::try_from(n).unwrap_or(i32::MAX))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
