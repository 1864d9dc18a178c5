//! Nationals' cases on the consular desks: on a post's desk each case whose district post it
//! is, with its latest steps and its clocks in words; on the relation's desk a line per post;
//! on the post's page a notice of overdue clocks. Everything comes from
//! `Image::consular_cases` for the page's view, so a case the reader may not see is never
//! shown, counted or hinted at.

use chancery_domain::alerts::days;
use chancery_domain::consular::cases::MeasureStanding;
use chancery_domain::consular::cases::{CaseClock, CaseView, ClockStatus, ConsularCases};
use chancery_domain::vocab::CaseStep;
use chancery_domain::{CivilDate, Image, PostId};
use maud::{html, Markup};

use super::super::pages::{
    capitalised, measure_link, name_of, relation_of, shown_name, words, Names,
};
use super::super::{encode, Ctx};

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
            h2 id=(ANCHOR) { "Nationals' cases" }
            @if shown.is_empty() {
                p { "No case of a national on your record for this post." }
            } @else {
                p.muted {
                    "Cases of nationals arrested, detained, dead or in need in the post's district, as of "
                    (ctx.as_of) ", with the clocks the Vienna Convention on Consular Relations and any treaty between the two states set."
                }
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
            h2 id=(ANCHOR) { "Nationals' cases" }
            @if rows.is_empty() && unplaced == 0 {
                p { "No case of a national on your record in this relation." }
            } @else {
                ul {
                    @for (id, name, open, overdue, maybe) in &rows {
                        li class=[(*overdue > 0).then_some("overdue")] {
                            a href=(desk_cases_href(ctx, id)) { (shown_name(name)) } ": "
                            (count_words(*open, "open case", "open cases"))
                            @if *overdue > 0 {
                                ", " strong.bad { (count_words(*overdue, "overdue clock", "overdue clocks")) }
                            }
                            @if *maybe > 0 {
                                ", " span.warn { (count_words(*maybe, "clock", "clocks")) " may be overdue (dates known only to a period)" }
                            }
                            @if *overdue == 0 && *maybe == 0 { ", no clock overdue" }
                        }
                    }
                }
                @if unplaced > 0 {
                    p.muted {
                        (count_words(unplaced, "case names", "cases name"))
                        " no post whose district it is in; see the API's consular cases or `chancery consular cases`."
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
                strong { (count_words(n, "consular clock overdue", "consular clocks overdue")) }
                " in nationals' cases of this post: "
                a href=(desk_cases_href(ctx, post)) { "see the cases on the consular desk" } "."
            }
        }
    })
}

fn count_words(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn act_link(ctx: &Ctx, seq: u64) -> Markup {
    html! { a href=(ctx.href(&format!("/acts/{seq}"))) { "act #" (seq) } }
}

/// Where the national is: held, released (and when), or not a custody case.
fn custody(c: &CaseView) -> String {
    let end = c.steps.iter().find(|s| s.step.ends_custody());
    match end {
        Some(s) => format!("{} on {}", capitalised(&words(s.step.as_str())), s.date),
        None if c.case_kind.is_custody() => "Held".to_owned(),
        None => "Not a custody case".to_owned(),
    }
}

fn case_panel(ctx: &Ctx, names: &Names, c: &CaseView) -> Markup {
    let id = format!("case-{}", c.case);
    let latest = c.steps.len().saturating_sub(LATEST_STEPS);
    html! {
        section.panel.overdue[c.overdue] aria-labelledby=(id) {
            h3 id=(id) {
                "Case " (c.case.as_str()) ": " (capitalised(&words(c.case_kind.as_str())))
                @if c.overdue { " " span.tag.bad { "overdue" } }
            }
            dl.facts {
                dt { "National of" } dd { (name_of(names, c.national_of)) }
                dt { "Date and place" } dd { (c.date) ", " (c.city) " (" (name_of(names, c.held_in)) ")" }
                dt { "Custody" } dd { (custody(c)) }
                @if let Some(d) = &c.description { dt { "Description" } dd { (d) } }
                dt { "Opened" } dd { (act_link(ctx, c.act)) }
            }
            @if c.steps.is_empty() {
                p { "No step on record." }
            } @else {
                p { strong { "Latest steps" }
                    @if latest > 0 { span.muted { " (" (latest) " earlier on the case's acts)" } } }
                ol {
                    @for s in &c.steps[latest..] {
                        li {
                            (s.date) ": " (capitalised(&words(s.step.as_str())))
                            @if let Some(m) = &s.measure {
                                @match s.measure_standing {
                                    None | Some(MeasureStanding::OnRecord) => { " (" (measure_link(ctx, m, None)) ")" }
                                    Some(standing) => { " (" code { (m.as_str()) } ": " (standing.words()) ")" }
                                }
                            }
                            @if let Some(t) = &s.summary { " — " (t) }
                            " · " (act_link(ctx, s.act))
                        }
                    }
                }
            }
            @if c.clocks.is_empty() {
                p.muted { "No clock runs for this kind of case." }
            } @else {
                table {
                    caption.muted { "Clocks, counted in calendar days from the case's date." }
                    thead { tr {
                        th scope="col" { "Clock" } th scope="col" { "Legal basis" }
                        th scope="col" { "Deadline" } th scope="col" class="num" { "Days elapsed" }
                        th scope="col" { "Status" }
                    } }
                    tbody {
                        @for k in &c.clocks {
                            tr class=[k.overdue().then_some("overdue")] {
                                th scope="row" { (capitalised(k.clock.words())) }
                                td { (k.basis) }
                                td { (deadline(k)) }
                                td.num { (k.days_passed) }
                                td { (status(k, ctx.as_of)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn deadline(k: &CaseClock) -> Markup {
    match (k.bound_days, k.due) {
        (Some(b), Some(due)) => html! { "within " (days(i64::from(b))) ", by " (due) },
        _ if k.without_delay => html! { "\u{201c}without delay\u{201d}: no fixed number of days" },
        _ => html! { "no time fixed" },
    }
}

/// The clock's status in words, overdue marked by a word as well as its class.
fn status(k: &CaseClock, on: CivilDate) -> Markup {
    let met_on = k.met_on.map(|d| d.to_string()).unwrap_or_default();
    match k.status {
        ClockStatus::Met => {
            html! { span.ok { "Met" } " on day " (k.days_passed) " (" (met_on) ")" }
        }
        ClockStatus::MetLate => html! {
            span.warn { "Met late" } " on day " (k.days_passed) " (" (met_on) ")"
            @if let (Some(due), Some(met)) = (k.due, k.met_on) { ", " (days(due.days_until(met.earliest()))) " after the deadline" }
        },
        ClockStatus::Running => match k.due {
            Some(due) if on >= due => html! { span.warn { "Running: due today" } },
            Some(due) => html! { "Running: " (days(on.days_until(due))) " left" },
            None => html! { "Running: day " (k.days_passed) },
        },
        ClockStatus::Overdue => html! {
            strong.bad { "Overdue" }
            @if let Some(due) = k.due { " by " (days(due.days_until(on))) }
        },
        ClockStatus::Missed => html! {
            span.bad { "Missed" } ": not met by its deadline; custody ended on day " (k.days_passed)
        },
        ClockStatus::Stopped => html! {
            "Stopped: custody ended on day " (k.days_passed) ", before it was met"
        },
        ClockStatus::MetUncertain => html! {
            span.warn { "Met, on time or late uncertain" } " on day " (k.days_passed) " (" (met_on) "): the dates on record cannot tell whether by the deadline"
        },
        ClockStatus::StoppedOrMissed => html! {
            "Stopped or missed: custody ended on day " (k.days_passed) ", before it was met; the dates on record cannot tell whether before the deadline"
        },
        ClockStatus::NotReported => html! {
            span.muted { "Not reported" } ": the public reporting of this case says nothing of it"
        },
        ClockStatus::Uncertain => html! {
            span.warn { "May be overdue" }
            @if let (Some(early), Some(due)) = (k.due_earliest, k.due) { ": the deadline falls between " (early) " and " (due) ", as the case's date is known only to a period" }
        },
    }
}
