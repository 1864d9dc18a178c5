//! Plain-text rendering of as-of answers for the terminal.

use std::fmt::Write;

use chancery_domain::query::{MissionPresence, Presence, ReportView};
use chancery_domain::staff;

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub fn presence(p: &Presence) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "As of {}", p.as_of);
    if let Some(k) = p.known_through_seq {
        let _ = writeln!(out, "(as recorded through act #{k})");
    }
    for m in &p.missions {
        mission(&mut out, m);
    }
    out
}

/// "open since 2017-08-31", or "open (known by 2013)" when the opening predates the record.
/// Inside an imprecise event's period: "uncertain: open or closed (2021-04)".
fn status(post: &chancery_domain::query::PostView) -> String {
    if let Some(u) = &post.uncertain {
        return format!(
            "uncertain: {} or {} ({})",
            u.otherwise, post.status, u.pending
        );
    }
    if post.certainty == chancery_domain::image::asof::Certainty::StartUnknown {
        return format!("{} (start unknown)", post.status);
    }
    if post.start_unknown && post.status_since == post.opened {
        format!("{} (known by {})", post.status, post.opened)
    } else {
        format!("{} since {}", post.status, post.status_since)
    }
}

/// "about 120 (all_staff) reported 2021-10, 2 months old [R033]", and the posts when the figure
/// covers only some.
fn report_line(r: &ReportView) -> String {
    format!(
        "{}{}{} ({}{}) reported {}, {}{}{}",
        r.bound.prefix(),
        r.value,
        if r.figure.is_headcount() {
            ""
        } else {
            " let go"
        },
        r.counting,
        if r.includes_io {
            ", incl. missions to IOs"
        } else {
            ""
        },
        r.date,
        staff::age_text(r.date, r.age_days),
        if r.posts.is_empty() {
            String::new()
        } else {
            format!(
                "; posts {} only",
                r.posts
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        r.provenance
            .as_ref()
            .and_then(|p| p.external_ref.as_deref())
            .map(|x| format!(" [{x}]"))
            .unwrap_or_default()
    )
}

fn report_flags(out: &mut String, r: &ReportView) {
    if let Some(c) = &r.above_cap {
        let _ = writeln!(
            out,
            "    above the cap of {} ({}) in force when reported: recorded as reported",
            c.cap,
            c.external_ref.as_deref().unwrap_or(c.measure.as_str())
        );
    }
    for p in &r.predates {
        let _ = writeln!(out, "    {}", staff::predates_text(p));
    }
}

fn mission(out: &mut String, m: &MissionPresence) {
    let _ = writeln!(out, "\n== {} missions in {} ==", m.sending, m.host);
    match (&m.head_of_mission, &m.vacant_since) {
        (Some(h), _) => {
            let creds = h
                .credentials_presented
                .map(|d| format!(", credentials {d}"))
                .unwrap_or_default();
            let away = match h.absent_since {
                Some(d) => format!(", away since {d}"),
                None if h.absence_unreported => ", away since a date not reported".to_owned(),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "Head of mission: {} (since {}{creds}{away})",
                h.name, h.since
            );
        }
        (None, Some(v)) => {
            let days = m
                .vacant_days
                .map(|d| format!(", {d} days"))
                .unwrap_or_default();
            let _ = writeln!(out, "Head of mission: VACANT since {v}{days}");
        }
        (None, None) => {
            let _ = writeln!(out, "Head of mission: not on record");
        }
    }
    if let Some(u) = &m.head_uncertain {
        let _ = writeln!(
            out,
            "  UNCERTAIN on that day: otherwise {}, by an event dated {}",
            u.otherwise, u.pending
        );
    }
    if let Some(c) = &m.charge_d_affaires {
        let _ = writeln!(
            out,
            "Chargé d'affaires a.i.: {} (since {})",
            c.name, c.since
        );
    }
    let _ = writeln!(out, "Posts:");
    if m.posts.is_empty() {
        let _ = writeln!(out, "  (none on record)");
    }
    for post in &m.posts {
        let services = post
            .consular_services
            .as_ref()
            .map(|s| format!("  consular: {} since {}", s.level, s.since))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {} {} {}{}",
            pad(&post.name, 42),
            pad(post.kind.as_str(), 18),
            pad(&status(post), 26),
            post.external_ref.as_deref().unwrap_or(""),
            services
        );
    }
    if !m.premises.is_empty() {
        let _ = writeln!(out, "Premises:");
        for p in &m.premises {
            // As the pages say it: never a "since" after the day asked about.
            let status = match (&p.uncertain, p.certainty) {
                (Some(u), _) => format!(
                    "uncertain on that day: {} or {} (dated {})",
                    u.otherwise, p.status, u.pending
                ),
                (None, chancery_domain::image::asof::Certainty::StartUnknown) => {
                    format!("{}, start unknown (held before the record)", p.status)
                }
                (None, _) => format!("{} since {}", p.status, p.status_since),
            };
            let _ = writeln!(
                out,
                "  {} {} {}",
                pad(&p.name, 42),
                pad(p.kind.as_str(), 10),
                status
            );
        }
    }
    let staff = &m.staff;
    match &staff.headline {
        Some(r) => {
            let _ = writeln!(out, "Staff: {}", report_line(r));
            report_flags(out, r);
        }
        None => {
            let _ = writeln!(out, "Staff: no figure reported for the whole mission");
        }
    }
    for r in &staff.sub_counts {
        let _ = writeln!(out, "  sub-count: {}", report_line(r));
        report_flags(out, r);
    }
    if staff.individuals.total > 0 {
        let _ = writeln!(
            out,
            "  individuals on record present: {}",
            staff.individuals.total
        );
    }
    for cap in &m.caps {
        let _ = writeln!(
            out,
            "Cap in force: {} ({}) since {} by measure {}{}{}{}",
            cap.cap,
            cap.counting,
            cap.since,
            cap.measure,
            cap.external_ref
                .as_deref()
                .map(|x| format!(" [{x}]"))
                .unwrap_or_default(),
            if cap.at_parity {
                " (at parity: the other mission's figure)"
            } else {
                ""
            },
            cap.not_counted
                .as_deref()
                .map(|why| format!(" (not counted in parity: {why})"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(
        out,
        "Measures in force against this mission: {}",
        m.measures_in_force.len()
    );
    for r in &m.measures_in_force {
        let _ = writeln!(
            out,
            "  {} {} {}",
            pad(&r.effective.to_string(), 10),
            pad(r.kind.as_str(), 28),
            r.external_ref.as_deref().unwrap_or(r.id.as_str())
        );
    }
}

pub fn talks(
    as_of: chancery_domain::CivilDate,
    talks: &chancery_domain::talks::Talks,
    commitments: &[chancery_domain::talks::CommitmentView],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Talks as of {as_of}");
    for r in &talks.rounds {
        let venue = r.venue.as_deref().unwrap_or(r.venue_state.as_str());
        let _ = writeln!(out, "\n{} {} ({}) — {}", r.date, r.id, venue, r.status);
        if let Some(by) = r.cancelled_by {
            let _ = writeln!(out, "  cancelled by {by}");
        }
        if !r.heads_of_delegation.is_empty() {
            let _ = writeln!(out, "  delegations: {}", r.heads_of_delegation.join("; "));
        }
        let _ = writeln!(out, "  outcome: {}", r.outcome);
        for a in &r.agreements {
            let _ = writeln!(out, "  agreed: {}", a.summary);
        }
    }
    let _ = writeln!(out, "\nCommitments:");
    if commitments.is_empty() {
        let _ = writeln!(out, "  (none on record)");
    }
    for c in commitments {
        let due = c.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let overdue = match c.due_status {
            Some(chancery_domain::image::commitments::DueStatus::Overdue) => " OVERDUE",
            Some(chancery_domain::image::commitments::DueStatus::Due) => " due now",
            _ => "",
        };
        let by: Vec<&str> = c.undertaken_by.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(
            out,
            "  [{}{overdue}] {} (by {}, made {}{due}, status since {})",
            c.status,
            c.text,
            by.join(" and "),
            c.made,
            c.status_since
        );
    }
    out
}

pub fn chains(
    as_of: chancery_domain::CivilDate,
    chains: &[chancery_domain::reciprocity::chains::Chain],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Escalation chains as of {as_of}: {}", chains.len());
    for c in chains {
        let name = |id: &chancery_domain::MeasureId, r: &Option<String>| {
            r.clone().unwrap_or_else(|| id.to_string())
        };
        let _ = writeln!(
            out,
            "\nFrom {} ({} {}, {}): {} measures, longest path {}, {} still in force ({:.0}%)",
            name(&c.start.id, &c.start.external_ref),
            c.start.actor,
            c.start.kind,
            c.start.effective,
            c.steps,
            c.length,
            c.in_force,
            c.in_force_share * 100.0
        );
        for m in &c.measures {
            let answers: Vec<&str> = m.answers.iter().map(|a| a.as_str()).collect();
            let _ = writeln!(
                out,
                "  {}{} {} {} {}{}{}",
                "  ".repeat(m.level.saturating_sub(1)),
                pad(&m.effective.to_string(), 10),
                m.actor,
                pad(m.kind.as_str(), 26),
                name(&m.id, &m.external_ref),
                if answers.is_empty() {
                    String::new()
                } else {
                    format!(" answers {}", answers.join(", "))
                },
                if m.in_force {
                    String::new()
                } else {
                    format!(" ({})", m.status.words())
                }
            );
        }
    }
    out
}

pub fn parity(p: &chancery_domain::reciprocity::parity::Parity) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Parity as of {} ({})", p.as_of, p.definition.text);
    let _ = writeln!(
        out,
        "Each figure is what that state's mission gets in the other's territory."
    );
    for d in &p.dimensions {
        let _ = writeln!(out, "\n{}", d.label);
        for (state, v) in &d.values {
            let _ = writeln!(out, "  {state}: {}", v.text);
            for n in &v.notes {
                let _ = writeln!(out, "    ({n})");
            }
        }
        let _ = writeln!(out, "  → {}", d.comparison);
    }
    out
}

pub fn roadmap(r: &chancery_domain::reciprocity::roadmap::Roadmap) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Normalisation roadmap from {}: {} standing measures in force, {} steps; index {:.1} today (100 on {})",
        r.as_of,
        r.measures_in_force,
        r.steps.len(),
        r.index_now,
        r.baseline
    );
    let _ = writeln!(out, "Method: {}", r.method);
    for s in &r.steps {
        let _ = writeln!(
            out,
            "\n{}\n  index after: {:.1} ({:+.1} from today); measures still in force: {}",
            s.explanation,
            s.effect.index_combined,
            s.effect.index_change_combined,
            s.effect.measures_in_force_after
        );
    }
    out
}
