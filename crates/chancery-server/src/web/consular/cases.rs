//! Nationals' cases on the consular desks: on a post's desk each case whose district post it
//! is, with its latest steps and its clocks in words; on the relation's desk a line per post;
//! on the post's page a notice of overdue clocks. Everything comes from
//! `Image::consular_cases` for the page's view, so a case the reader may not see is never
//! shown, counted or hinted at.

use chancery_domain::consular::cases::MeasureStanding;
use chancery_domain::consular::cases::{
    CaseClock, CaseView, ClockBasis, ClockStatus, ConsularCases,
};
use chancery_domain::vocab::CaseStep;
use chancery_domain::{Image, PostId};
use maud::{html, Markup};

use super::super::i18n::{self, code_of};
use super::super::pages::{measure_link, name_of, relation_of, shown_name, Names};
use super::super::{encode, Ctx};
use super::english_only;

/// The anchor of the cases section on a post's desk.
pub const ANCHOR: &str = "cases";

/// How many of a case's latest steps the desk shows; the rest are on the case's acts.
const LATEST_STEPS: usize = 4;

/// The relation's cases the page's reader may see; none when the relation cannot answer
/// (the page has already answered the same question without error).
pub fn visible(image: &Image, ctx: &Ctx) -> Option<ConsularCases> {
    let (a, b) = relation_of(ctx).ok()?;
    image.consular_cases(a, b, ctx.view()).ok()
}

/// The link to a post desk's cases section.
pub fn desk_cases_href(ctx: &Ctx, post: &PostId) -> String {
    format!(
        "{}#{ANCHOR}",
        ctx.rel(&format!("/posts/{}/consular", encode(post.as_str())))
    )
}

fn at_post<'a>(cases: &'a ConsularCases, post: &'a PostId) -> impl Iterator<Item = &'a CaseView> {
    cases
        .cases
        .iter()
        .filter(move |c| c.post.as_ref() == Some(post))
}

/// The overdue clocks of the cases at `post`.
pub fn overdue_at(cases: &ConsularCases, post: &PostId) -> usize {
    at_post(cases, post)
        .flat_map(|c| &c.clocks)
        .filter(|k| k.overdue())
        .count()
}

/// Clocks at the post that may be overdue: the dates on record cannot tell.
fn maybe_overdue_at(cases: &ConsularCases, post: &PostId) -> usize {
    at_post(cases, post)
        .flat_map(|c| &c.clocks)
        .filter(|k| k.status == ClockStatus::Uncertain)
        .count()
}

/// Whether the case is closed: a `closed` step.
fn closed(c: &CaseView) -> bool {
    c.steps.iter().any(|s| s.step == CaseStep::Closed)
}

/// The post desk's section: every case at `post` the reader may see.
pub fn post_section(
    ctx: &Ctx,
    names: &Names,
    cases: Option<&ConsularCases>,
    post: &PostId,
) -> Markup {
    let shown: Vec<&CaseView> = cases
        .map(|c| at_post(c, post).collect())
        .unwrap_or_default();
    html! {
        section aria-labelledby=(ANCHOR) {
            h2 id=(ANCHOR) { (ctx.t("consular-cases-heading")) }
            @if shown.is_empty() {
                p { (ctx.t("consular-cases-none-post")) }
            } @else {
                p.muted { (ctx.t_args("consular-cases-intro", &[("date", ctx.as_of.to_string().into())])) }
                @for c in &shown { (case_panel(ctx, names, c)) }
            }
        }
    }
}

/// The relation desk's section: per post, its open cases and overdue clocks, linked.
pub fn relation_section(
    ctx: &Ctx,
    cases: Option<&ConsularCases>,
    posts: &[(PostId, String)],
) -> Markup {
    let rows: Vec<(&PostId, &str, usize, usize, usize)> = posts
        .iter()
        .filter_map(|(id, name)| {
            let c = cases?;
            let open = at_post(c, id).filter(|v| !closed(v)).count();
            let (overdue, maybe) = (overdue_at(c, id), maybe_overdue_at(c, id));
            (at_post(c, id).next().is_some()).then_some((id, name.as_str(), open, overdue, maybe))
        })
        .collect();
    let unplaced = cases.map_or(0, |c| c.cases.iter().filter(|v| v.post.is_none()).count());
    html! {
        section aria-labelledby=(ANCHOR) {
            h2 id=(ANCHOR) { (ctx.t("consular-cases-heading")) }
            @if rows.is_empty() && unplaced == 0 {
                p { (ctx.t("consular-cases-none-relation")) }
            } @else {
                ul {
                    @for (id, name, open, overdue, maybe) in &rows {
                        li class=[(*overdue > 0).then_some("overdue")] {
                            a href=(desk_cases_href(ctx, id)) { (shown_name(name)) } ": "
                            (ctx.t_args("consular-cases-open", &[("n", n(*open))]))
                            @if *overdue > 0 {
                                ", " strong.bad { (ctx.t_args("consular-clocks-overdue", &[("n", n(*overdue))])) }
                            }
                            @if *maybe > 0 {
                                ", " span.warn { (ctx.t_args("consular-clocks-maybe-overdue", &[("n", n(*maybe))])) }
                            }
                            @if *overdue == 0 && *maybe == 0 { ", " (ctx.t("consular-clocks-none-overdue")) }
                        }
                    }
                }
                @if unplaced > 0 {
                    p.muted {
                        (ctx.t_args("consular-cases-unplaced", &[("n", n(unplaced))]))
                    }
                }
            }
        }
    }
}

/// The post page's notice when the reader's view holds overdue clocks at `post`.
pub fn overdue_notice(ctx: &Ctx, cases: Option<&ConsularCases>, post: &PostId) -> Option<Markup> {
    let n = overdue_at(cases?, post);
    (n > 0).then(|| {
        html! {
            p.alert.overdue role="note" {
                strong { (ctx.t_args("consular-notice-overdue", &[("n", self::n(n))])) }
                " " (ctx.t("consular-notice-in-cases")) " "
                a href=(desk_cases_href(ctx, post)) { (ctx.t("consular-notice-see-cases")) } "."
            }
        }
    })
}

/// A count as a message argument, which selects the noun's plural form.
fn n(count: usize) -> i18n::Arg<'static> {
    u64::try_from(count).unwrap_or(u64::MAX).into()
}

/// Days as a message argument.
fn d(days: i64) -> i18n::Arg<'static> {
    days.into()
}

fn act_link(ctx: &Ctx, seq: u64) -> Markup {
    html! { a href=(ctx.href(&format!("/acts/{seq}"))) { (ctx.t_args("consular-act-number", &[("seq", seq.into())])) } }
}

/// Where the national is: held, released (and when), or not a custody case.
fn custody(ctx: &Ctx, c: &CaseView) -> String {
    let end = c.steps.iter().find(|s| s.step.ends_custody());
    match end {
        Some(s) => ctx.t_args(
            "consular-custody-ended",
            &[
                ("step", ctx.word(s.step).into()),
                ("date", s.date.to_string().into()),
            ],
        ),
        None if c.case_kind.is_custody() => ctx.t("consular-custody-held"),
        None => ctx.t("consular-custody-none"),
    }
}

fn case_panel(ctx: &Ctx, names: &Names, c: &CaseView) -> Markup {
    let id = format!("case-{}", c.case);
    let latest = c.steps.len().saturating_sub(LATEST_STEPS);
    html! {
        section.panel.overdue[c.overdue] aria-labelledby=(id) {
            h3 id=(id) {
                (ctx.t_args("consular-case-heading", &[("case", c.case.as_str().into()), ("kind", ctx.word(c.case_kind).into())]))
                @if c.overdue { " " span.tag.bad { (ctx.t("consular-tag-overdue")) } }
            }
            dl.facts {
                dt { (ctx.t("consular-case-national-of")) } dd { (name_of(names, c.national_of)) }
                dt { (ctx.t("consular-case-date-place")) } dd { (c.date) ", " (c.city) " (" (name_of(names, c.held_in)) ")" }
                dt { (ctx.t("consular-case-custody")) } dd { (custody(ctx, c)) }
                @if let Some(d) = &c.description { dt { (ctx.t("consular-case-description")) } dd { (d) } }
                dt { (ctx.t("consular-case-opened")) } dd { (act_link(ctx, c.act)) }
            }
            @if c.steps.is_empty() {
                p { (ctx.t("consular-case-no-step")) }
            } @else {
                p { strong { (ctx.t("consular-case-latest-steps")) }
                    @if latest > 0 { span.muted { " " (ctx.t_args("consular-case-earlier-steps", &[("n", n(latest))])) } } }
                ol {
                    @for s in &c.steps[latest..] {
                        li {
                            (s.date) ": " (ctx.word(s.step))
                            @if let Some(m) = &s.measure {
                                @match s.measure_standing {
                                    None | Some(MeasureStanding::OnRecord) => { " (" (measure_link(ctx, m, None)) ")" }
                                    Some(standing) => { " (" code { (m.as_str()) } ": " (ctx.label("consular-standing", &code_of(&standing))) ")" }
                                }
                            }
                            @if let Some(t) = &s.summary { " — " (t) }
                            " · " (act_link(ctx, s.act))
                        }
                    }
                }
            }
            @if c.clocks.is_empty() {
                p.muted { (ctx.t("consular-clocks-none-run")) }
            } @else {
                table {
                    caption.muted { (ctx.t("consular-clocks-caption")) }
                    thead { tr {
                        th scope="col" { (ctx.t("consular-col-clock")) } th scope="col" { (ctx.t("consular-col-basis")) }
                        th scope="col" { (ctx.t("consular-col-deadline")) } th scope="col" class="num" { (ctx.t("consular-col-days-elapsed")) }
                        th scope="col" { (ctx.t("consular-col-status")) }
                    } }
                    tbody {
                        @for k in &c.clocks {
                            tr class=[k.overdue().then_some("overdue")] {
                                th scope="row" { (ctx.label("consular-clock", &code_of(&k.clock))) }
                                td { (basis(ctx, k)) }
                                td { (deadline(ctx, k)) }
                                td.num { (k.days_passed) }
                                td { (status(ctx, k)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The clock's legal basis: the Vienna Convention's articles in the page's language; a
/// bilateral treaty's provision as the record cites it.
fn basis(ctx: &Ctx, k: &CaseClock) -> Markup {
    match ClockBasis::of(k.basis) {
        Some(b) => html! { (ctx.label("consular-basis", b.code())) },
        None => html! { span lang=[english_only(ctx)] { (k.basis) } },
    }
}

fn deadline(ctx: &Ctx, k: &CaseClock) -> Markup {
    match (k.bound_days, k.due) {
        (Some(b), Some(due)) => {
            html! { (ctx.t_args("consular-deadline-within", &[("n", b.into()), ("date", due.to_string().into())])) }
        }
        _ if k.without_delay => html! { (ctx.t("consular-deadline-without-delay")) },
        _ => html! { (ctx.t("consular-deadline-none")) },
    }
}

/// The clock's status in words, overdue marked by a word as well as its class.
fn status(ctx: &Ctx, k: &CaseClock) -> Markup {
    let on = ctx.as_of;
    let met_on = k.met_on.map(|d| d.to_string()).unwrap_or_default();
    let day = d(k.days_passed);
    match k.status {
        ClockStatus::Met => html! {
            span.ok { (ctx.t("consular-clock-met")) } " " (ctx.t_args("consular-clock-on-day", &[("n", day), ("date", met_on.into())]))
        },
        ClockStatus::MetLate => html! {
            span.warn { (ctx.t("consular-clock-met-late")) } " " (ctx.t_args("consular-clock-on-day", &[("n", day), ("date", met_on.into())]))
            @if let (Some(due), Some(met)) = (k.due, k.met_on) { ", " (ctx.t_args("consular-clock-after-deadline", &[("n", d(due.days_until(met.earliest())))])) }
        },
        ClockStatus::Running => match k.due {
            Some(due) if on >= due => html! { span.warn { (ctx.t("consular-clock-due-today")) } },
            Some(due) => {
                html! { (ctx.t_args("consular-clock-running-left", &[("n", d(on.days_until(due)))])) }
            }
            None => html! { (ctx.t_args("consular-clock-running-day", &[("n", day)])) },
        },
        ClockStatus::Overdue => html! {
            strong.bad { (ctx.t("consular-clock-overdue")) }
            @if let Some(due) = k.due { " " (ctx.t_args("consular-clock-overdue-by", &[("n", d(due.days_until(on)))])) }
        },
        ClockStatus::Missed => html! {
            span.bad { (ctx.t("consular-clock-missed")) } ": " (ctx.t_args("consular-clock-missed-text", &[("n", day)]))
        },
        ClockStatus::Stopped => html! {
            (ctx.t_args("consular-clock-stopped", &[("n", day)]))
        },
        ClockStatus::MetUncertain => html! {
            span.warn { (ctx.t("consular-clock-met-uncertain")) } " " (ctx.t_args("consular-clock-on-day", &[("n", day), ("date", met_on.into())])) ": " (ctx.t("consular-clock-met-uncertain-text"))
        },
        ClockStatus::StoppedOrMissed => html! {
            (ctx.t_args("consular-clock-stopped-or-missed", &[("n", day)]))
        },
        ClockStatus::NotReported => html! {
            span.muted { (ctx.t("consular-clock-not-reported")) } ": " (ctx.t("consular-clock-not-reported-text"))
        },
        ClockStatus::Uncertain => html! {
            span.warn { (ctx.t("consular-clock-may-be-overdue")) }
            @if let (Some(early), Some(due)) = (k.due_earliest, k.due) { ": " (ctx.t_args("consular-clock-between", &[("from", early.to_string().into()), ("to", due.to_string().into())])) }
        },
    }
}
