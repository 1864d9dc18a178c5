//! A consular page's notes and issuance counts in the page's language, from what the domain
//! says ([`CapacityNote`], [`ScenarioNote`], an [`IssuedView`]'s figures).

use chancery_domain::consular::capacity::{LOCAL_STAFF_PER_OFFICER, WAIT_BUDGET_APPLICANTS};
use chancery_domain::consular::issued::{period_words, IssuedView, ServicesGrouped};
use chancery_domain::consular::queue::post::LOOKAHEAD_DAYS;
use chancery_domain::consular::said::{CapacityNote, Run, ScenarioNote, WaitsSkipped};
use chancery_domain::ids::PostId;
use chancery_domain::vocab::{Confidence, ConsularService};
use chancery_domain::Image;

use super::alerts::inside;
use crate::web::Ctx;

/// A note on a post's capacity figures.
pub fn capacity_note(ctx: &Ctx, n: &CapacityNote) -> String {
    match n {
        CapacityNote::LimitUnsized { measure } => ctx.t_args(
            "consular-said-limit-unsized",
            &[("measure", measure.to_string().into())],
        ),
        CapacityNote::LocalStaffHeld {
            limit,
            measure,
            since,
        } => ctx.t_args(
            "consular-said-local-staff-held",
            &[
                ("limit", (*limit).into()),
                ("measure", measure.to_string().into()),
                ("since", since.to_string().into()),
            ],
        ),
        CapacityNote::LocalStaffUnreported => ctx.t("consular-said-local-staff-unreported"),
        CapacityNote::NoStaffFigure => ctx.t("consular-said-no-staff-figure"),
        CapacityNote::StaffFigureOld { days, date } => ctx.t_args(
            "consular-said-staff-figure-old",
            &[("days", (*days).into()), ("date", date.to_string().into())],
        ),
        CapacityNote::Unserved { per_week, service } => ctx.t_args(
            "consular-said-unserved",
            &[
                ("per_week", (*per_week).into()),
                ("service", service.words().into()),
                ("service_label", inside(ctx.word(*service)).into()),
            ],
        ),
        CapacityNote::WaitsNotSimulated(why) => {
            let why = match why {
                WaitsSkipped::Budget { applicants, left } => ctx.t_args(
                    "consular-said-budget",
                    &[
                        ("applicants", format!("{applicants:.0}").into()),
                        ("applicants_ru", spaced_thousands(*applicants).into()),
                        ("budget", format!("{WAIT_BUDGET_APPLICANTS:.0}").into()),
                        ("budget_ru", spaced_thousands(WAIT_BUDGET_APPLICANTS).into()),
                        ("left", format!("{left:.0}").into()),
                        ("left_ru", spaced_thousands(*left).into()),
                    ],
                ),
                WaitsSkipped::Model(why) => ctx.t_args(
                    "consular-said-model-refused",
                    &[("why", why.as_str().into())],
                ),
            };
            ctx.t_args("consular-said-waits-not-simulated", &[("why", why.into())])
        }
    }
}

/// A note on what a scenario did.
pub fn scenario_note(ctx: &Ctx, n: &ScenarioNote) -> String {
    match n {
        ScenarioNote::LiftUnsized { measure } => ctx.t_args(
            "consular-said-lift-unsized",
            &[("measure", measure.to_string().into())],
        ),
        ScenarioNote::LiftStillBound {
            measure,
            limit,
            binding,
        } => ctx.t_args(
            "consular-said-lift-still-bound",
            &[
                ("measure", measure.to_string().into()),
                ("limit", (*limit).into()),
                ("binding", (*binding).into()),
            ],
        ),
        ScenarioNote::OneReplication => ctx.t("consular-said-one-replication"),
        ScenarioNote::LocalStaffHeld { change, to } => ctx.t_args(
            "consular-said-change-held",
            &[
                ("change", (*change).into()),
                ("number", (change + 1).into()),
                ("to", (*to).into()),
            ],
        ),
        ScenarioNote::RampFromFullSupport => ctx.t_args(
            "consular-said-ramp-full-support",
            &[("per_officer", LOCAL_STAFF_PER_OFFICER.to_string().into())],
        ),
        ScenarioNote::NoWaits => ctx.t("consular-said-no-waits"),
        ScenarioNote::NoAppointments { run, closed, weeks } => ctx.t_args(
            "consular-said-no-appointments",
            &[
                ("run", run_code(*run).into()),
                ("run_label", capitalised(&ctx.t(run_id(*run))).into()),
                ("closed", (*closed).into()),
                ("weeks", (*weeks).into()),
            ],
        ),
        ScenarioNote::Unbooked {
            run,
            service,
            weeks,
        } => ctx.t_args(
            "consular-said-unbooked",
            &[
                ("run", run_code(*run).into()),
                ("run_label", capitalised(&ctx.t(run_id(*run))).into()),
                ("service", service.words().into()),
                ("service_label", inside(ctx.word(*service)).into()),
                ("weeks", (*weeks).into()),
                ("lookahead", LOOKAHEAD_DAYS.into()),
            ],
        ),
    }
}

/// An issuance count's text: what it counts, with which posts, and how sure.
pub fn issued(ctx: &Ctx, image: &Image, i: &IssuedView) -> String {
    let period = if i.period_start == i.period_end {
        period_words(i.period_start, i.period_end)
    } else {
        ctx.t_args(
            "consular-said-period-span",
            &[
                ("start", i.period_start.to_string().into()),
                ("end", i.period_end.to_string().into()),
            ],
        )
    };
    let mut text = ctx.t_args(
        "consular-said-issued",
        &[
            ("period", period.into()),
            ("issued", grouped(u64::from(i.issued), ",").into()),
            ("issued_ru", grouped(u64::from(i.issued), "\u{a0}").into()),
            ("services", services(ctx, &i.services).into()),
        ],
    );
    if i.estimate {
        text.push_str(&format!(" ({})", ctx.t("consular-said-estimate")));
    }
    if !i.with_posts.is_empty() {
        let ids: Vec<String> = i.with_posts.iter().map(ToString::to_string).collect();
        let shown: Vec<String> = i.with_posts.iter().map(|p| post(ctx, image, p)).collect();
        text.push_str(&format!(
            ", {}",
            ctx.t_args(
                "consular-said-together",
                &[
                    ("posts", listed(ctx, ids).into()),
                    ("posts_shown", listed(ctx, shown).into()),
                ],
            )
        ));
    }
    if let Some(k) = i.confidence.filter(|k| *k != Confidence::High) {
        text.push_str(&format!(
            ", {}",
            ctx.t_args(
                "consular-said-confidence",
                &[
                    ("confidence", k.to_string().into()),
                    ("confidence_label", ctx.word(k).into()),
                ],
            )
        ));
    }
    let source = match i.sources.first() {
        Some(s) => ctx.t_args("consular-said-source", &[("source", s.as_str().into())]),
        None => ctx.t("consular-said-no-source"),
    };
    text.push_str(&format!(" ({source})"));
    text
}

fn services(ctx: &Ctx, services: &[ConsularService]) -> String {
    let g = ServicesGrouped::of(services);
    let mut parts = Vec::new();
    if g.every_nonimmigrant {
        parts.push(ctx.t("consular-said-every-nonimmigrant"));
    } else if !g.classes.is_empty() {
        let classes: Vec<String> = g
            .classes
            .iter()
            .map(|s| ctx.t(&format!("consular-said-class-{}", s.as_str())))
            .collect();
        parts.push(ctx.t_args(
            "consular-said-some-nonimmigrant",
            &[("classes", classes.join(", ").into())],
        ));
    }
    parts.extend(g.others.iter().map(|s| match ctx.lang() {
        // The English text names a service by the domain's words, other languages by label.
        crate::web::Lang::En => s.words().to_owned(),
        _ => inside(ctx.word(*s)),
    }));
    listed(ctx, parts)
}

/// "a", "a and b", "a, b and c".
fn listed(ctx: &Ctx, mut parts: Vec<String>) -> String {
    match parts.pop() {
        None => String::new(),
        Some(last) if parts.is_empty() => last,
        Some(last) => ctx.t_args(
            "consular-said-and",
            &[("init", parts.join(", ").into()), ("last", last.into())],
        ),
    }
}

/// A post by its name in the page's language when the record gives one, else its id.
fn post(ctx: &Ctx, image: &Image, id: &PostId) -> String {
    let (names, _) = image.post_names(id, ctx.view());
    names
        .get(ctx.lang().code())
        .map_or_else(|| id.to_string(), str::to_owned)
}

/// 136665 as "136,665" with `sep` ",".
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A count the domain gives as a float, rounded and grouped by spaces as Russian writes it.
fn spaced_thousands(x: f64) -> String {
    // Counts of applicants and budgets: finite and far below u64's range.
    grouped(x.max(0.0).round() as u64, "\u{a0}")
}

fn run_code(r: Run) -> &'static str {
    r.as_str()
}

fn run_id(r: Run) -> &'static str {
    match r {
        Run::Baseline => "consular-said-run-baseline",
        Run::Scenario => "consular-said-run-scenario",
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
