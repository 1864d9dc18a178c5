//! The pages: a relation's overview, one post, measure, round, commitment or person, the acts
//! list and one act. Each is a function from the image (and the journal's acts where the image
//! has no query for it) to markup, so it can be rendered and timed without HTTP.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chancery_domain::image::posts::{PostStatus, PremisesStatus};
use chancery_domain::image::timeline::{Provenance, View};
use chancery_domain::query::{
    MeasureFilter, MeasureView, MissionPresence, Presence, QueryError, ReportView,
};
use chancery_domain::reciprocity::index::Step;
use chancery_domain::reciprocity::parity::{Definition, Outcome};
use chancery_domain::vocab::{Bound, CommitmentStatus, Counting, MeasureKind};
use chancery_domain::{Act, ActBody, CivilDate, Image, MeasureId, StateCode, ValidDate};
use maud::{html, Markup};
use serde::Deserialize;

use super::charts::{self, StaffSeries, TimelineRow};
use super::layout::page;
use super::{encode, Ctx, PageError};
use crate::service::StoredAct;

/// Why an overview cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum OverviewError {
    #[error(transparent)]
    Query(#[from] QueryError),
}

type Names = BTreeMap<StateCode, String>;

fn names(image: &Image) -> Names {
    image.states().into_iter().collect()
}

fn name_of(names: &Names, s: StateCode) -> String {
    names.get(&s).cloned().unwrap_or_else(|| s.to_string())
}

fn bound_text(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "",
        Bound::About => "about ",
        Bound::AtLeast => "at least ",
        Bound::MoreThan => "more than ",
        Bound::AtMost => "at most ",
    }
}

/// What a figure counts, in words: shown beside every staff figure and cap (parity is contested).
fn counting_text(c: Counting, includes_io: bool) -> String {
    let what = match c {
        Counting::AllStaff => "all staff, local hires included",
        Counting::SendingStateStaff => "sending-state staff, no local hires",
        Counting::Diplomatic => "diplomats only",
        Counting::LocallyEmployed => "locally employed staff",
    };
    if includes_io {
        format!("{what}; missions to international organisations included")
    } else {
        what.to_owned()
    }
}

fn words(s: &str) -> String {
    s.replace('_', " ")
}

fn measure_href(ctx: &Ctx, id: &MeasureId) -> String {
    ctx.rel(&format!("/measures/{}", encode(id.as_str())))
}

fn measure_link(ctx: &Ctx, id: &MeasureId, external_ref: Option<&str>) -> Markup {
    html! { a href=(measure_href(ctx, id)) { (external_ref.unwrap_or(id.as_str())) } }
}

fn person_link(ctx: &Ctx, name: &str) -> Markup {
    html! { a href=(ctx.rel(&format!("/people/{}", encode(name)))) { (name) } }
}

fn post_link(ctx: &Ctx, id: &str, name: &str) -> Markup {
    html! { a href=(ctx.rel(&format!("/posts/{}", encode(id)))) { (name) } }
}

/// A source as a link when it is an address, as text otherwise ("State Department report").
fn source(s: &str) -> Markup {
    let url = s
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"));
    html! {
        @match url {
            Some(u) if u == s => a href=(u) rel="noreferrer" { (s) },
            Some(u) => { (s) " (" a href=(u.trim_end_matches([',', ';', ')'])) rel="noreferrer" { "link" } ")" },
            None => (s),
        }
    }
}

fn provenance(p: Option<&Provenance>) -> Markup {
    html! {
        @if let Some(p) = p {
            @if !p.sources.is_empty() {
                h3 { "Sources" }
                ul { @for s in &p.sources { li { (source(s)) } } }
            }
            dl.facts {
                @if let Some(r) = &p.external_ref { dt { "Reference" } dd { (r) } }
                @if let Some(c) = p.confidence { dt { "Confidence" } dd { (c) } }
                @if let Some(n) = &p.note { dt { "Note" } dd { (n) } }
            }
        }
    }
}

fn report_text(r: &ReportView) -> String {
    format!("{}{}", bound_text(r.bound), r.value)
}

/// The first day charts start from: 1 January of the year of the relation's first measure or
/// report, so the demo's charts start in 2013 rather than in 2008 when the record begins.
fn chart_start(
    measures: &[MeasureView],
    reports: &[(CivilDate, u32)],
    as_of: CivilDate,
) -> CivilDate {
    let first = measures
        .iter()
        .map(|m| m.effective.earliest())
        .chain(reports.iter().map(|r| r.0))
        .min();
    let start = first
        .and_then(|d| CivilDate::from_ymd(d.ymd().0, 1, 1))
        .unwrap_or_else(|| as_of.add_days(-5 * 365));
    if start >= as_of {
        as_of.add_days(-365)
    } else {
        start
    }
}

/// Acts in force for a view: those dated on or before `as_of`, less those a later act corrects.
fn acts_as_of(acts: &[StoredAct], as_of: CivilDate) -> impl Iterator<Item = &StoredAct> {
    let superseded: BTreeSet<u64> = acts
        .iter()
        .filter_map(|a| a.act.envelope.supersedes)
        .collect();
    acts.iter()
        .filter(move |a| a.act.envelope.date.earliest() <= as_of && !superseded.contains(&a.seq))
}

/// Whole-mission staffing reports of `sending` in `host` dated on or before `as_of`, by date.
fn staff_reports(
    image: &Image,
    sending: StateCode,
    host: StateCode,
    as_of: CivilDate,
) -> Vec<(CivilDate, u32)> {
    image
        .staffing_reports(sending, host, View::as_of(as_of))
        .into_iter()
        .filter(|r| r.posts.is_empty())
        .map(|r| (r.date.earliest(), r.value))
        .collect()
}

/// Clamps a step series to start at `start`: the last value before it becomes the first point.
fn clamp_steps(points: Vec<(CivilDate, u32)>, start: CivilDate) -> Vec<(CivilDate, u32)> {
    let before = points
        .iter()
        .rev()
        .find(|p| p.0 < start)
        .map(|p| (start, p.1));
    before
        .into_iter()
        .chain(points.into_iter().filter(|p| p.0 >= start))
        .collect()
}

/// The same day `years` later (28 February for 29 February in a common year).
fn shift_years(d: CivilDate, years: i32) -> CivilDate {
    let (y, m, day) = d.ymd();
    CivilDate::from_ymd(y + years, m, day)
        .or_else(|| CivilDate::from_ymd(y + years, m, day - 1))
        .unwrap_or(d)
}

/// Everything the overview shows, rendered as a page.
pub fn render_overview(
    image: &Image,
    a: StateCode,
    b: StateCode,
    as_of: CivilDate,
) -> Result<Markup, OverviewError> {
    let ctx = Ctx {
        as_of,
        relation: Some((a, b)),
    };
    let names = names(image);
    let view = View::as_of(as_of);
    let presence = image.presence(a, b, view)?;
    let parity = image.parity(a, b, view, &Definition::default())?;
    let measures = image.measures(a, b, view, MeasureFilter::Imposed)?;
    let talks = image.talks(a, b, view)?;
    let commitments = image.commitments(a, b, view)?;
    let (na, nb) = (name_of(&names, a), name_of(&names, b));
    let refs: HashMap<&MeasureId, &str> = measures
        .iter()
        .filter_map(|m| Some((&m.id, m.external_ref.as_deref()?)))
        .collect();

    let reports = [
        staff_reports(image, a, b, as_of),
        staff_reports(image, b, a, as_of),
    ];
    let all_reports: Vec<(CivilDate, u32)> = reports.iter().flatten().copied().collect();
    let start = chart_start(&measures, &all_reports, as_of);
    let index = image.normalisation_index(a, b, start, as_of, start, Step::Month, u64::MAX);

    let charts = overview_charts(
        image, &ctx, &names, &presence, &measures, &reports, start, &index,
    );

    let title = format!("{na} – {nb}");
    let prev = ctx.with_date(shift_years(as_of, -1));
    let next = ctx.with_date(shift_years(as_of, 1));
    let latest_round = talks.rounds.last();
    let open: Vec<_> = commitments
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                CommitmentStatus::Open | CommitmentStatus::InProgress
            )
        })
        .collect();
    let content = html! {
        h1 { (title) }
        p.lead {
            "The record of both states' missions as of " strong { (as_of) } ". "
            span.noprint {
                a href=(prev.rel("")) { "One year earlier" } " · "
                a href=(next.rel("")) { "One year later" }
            }
        }
        section aria-labelledby="missions" {
            h2 id="missions" { "Missions" }
            div.cols {
                @for m in &presence.missions { (mission_panel(&ctx, &names, &refs, m)) }
            }
        }
        section aria-labelledby="parity" {
            h2 id="parity" { "Parity" }
            p.muted { "Staff counted as: " (parity.definition.text) "." }
            table {
                caption.muted { "What each state's missions get in the other's territory, and which host is stricter." }
                thead { tr {
                    th scope="col" { "Dimension" }
                    @for s in &parity.states { th scope="col" { (name_of(&names, *s)) "'s missions" } }
                    th scope="col" { "Comparison" }
                } }
                tbody {
                    @for d in &parity.dimensions {
                        tr {
                            th scope="row" { (d.label) }
                            @for s in &parity.states {
                                td {
                                    @if let Some(v) = d.values.get(s) {
                                        (v.text)
                                        @if !v.known { " " span.tag { "unknown" } }
                                    }
                                }
                            }
                            td class=[(d.outcome == Outcome::Stricter).then_some("stricter")] { (d.comparison) }
                        }
                    }
                }
            }
        }
        section aria-labelledby="talks" {
            h2 id="talks" { "Talks" }
            @match latest_round {
                Some(r) => p {
                    "Latest round: "
                    a href=(ctx.rel(&format!("/rounds/{}", encode(r.id.as_str())))) { (r.date) ", " (r.venue.as_deref().unwrap_or(r.venue_state.as_str())) }
                    " (" (r.status) "): " (r.outcome)
                },
                None => p { "No round of talks on record by this date." },
            }
            h3 { "Open commitments (" (open.len()) ")" }
            @if open.is_empty() { p { "None." } }
            ul {
                @for c in &open {
                    li {
                        a href=(ctx.rel(&format!("/commitments/{}", encode(c.id.as_str())))) { (c.id) }
                        ": " (c.text) " — " (words(c.status.as_str()))
                        @if let Some(due) = c.due { ", due " (due) }
                        @if c.overdue { " " span.bad { "overdue" } }
                    }
                }
            }
        }
        section aria-labelledby="index" {
            h2 id="index" { "Normalisation index" }
            @match &index {
                Ok(series) => {
                    @if let Some(p) = series.points.last() {
                        p {
                            "Combined: " span.figure { (format!("{:.1}", p.combined)) }
                            " (100 on " (series.baseline) ")"
                            @for (s, side) in &p.sides {
                                " · " (name_of(&names, *s)) "'s missions: " (format!("{:.1}", side.index))
                                " (" (side.measures_in_force) " measures in force)"
                            }
                        }
                    }
                    details { summary { "How the index is computed" } p { (series.formula) } }
                }
                Err(e) => p { "The index cannot be computed: " (e.to_string()) },
            }
        }
        section aria-labelledby="charts" {
            h2 id="charts" { "Charts" }
            (charts)
        }
    };
    Ok(page(&ctx, &title, content))
}

#[allow(clippy::too_many_arguments)] // the overview's data, computed once, shared with the page
fn overview_charts(
    image: &Image,
    ctx: &Ctx,
    names: &Names,
    presence: &Presence,
    measures: &[MeasureView],
    reports: &[Vec<(CivilDate, u32)>; 2],
    start: CivilDate,
    index: &Result<
        chancery_domain::reciprocity::index::IndexSeries,
        chancery_domain::reciprocity::index::IndexError,
    >,
) -> Markup {
    let as_of = ctx.as_of;
    let missions: Vec<(StateCode, StateCode)> = presence
        .missions
        .iter()
        .map(|m| (m.sending, m.host))
        .collect();
    let label = |(s, h): (StateCode, StateCode)| {
        format!("{} missions in {}", name_of(names, s), name_of(names, h))
    };

    let staff_series = |i: usize| {
        let (s, h) = missions[i];
        StaffSeries {
            label: label(missions[i]),
            reports: clamp_steps(reports[i].clone(), start),
            caps: measures
                .iter()
                .filter(|m| m.actor == h && m.target == s && m.kind == MeasureKind::StaffCap)
                .filter_map(|m| {
                    let cap = m.magnitude.cap?;
                    let end = m.lifted.map_or(as_of, |l| l.earliest());
                    Some((m.effective.earliest().max(start), end, cap))
                })
                .collect(),
        }
    };
    let staffing = charts::staffing(
        "chart-staff",
        start,
        as_of,
        &[staff_series(0), staff_series(1)],
    );

    // Posts open: the count changes only on the dates of post acts, so asking the image on
    // those dates gives the exact step function.
    let mut dates: BTreeSet<CivilDate> = missions
        .first()
        .map(|(a, b)| image.post_status_dates(*a, *b, View::as_of(as_of)))
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.earliest().max(start))
        .collect();
    dates.insert(start);
    let mut posts: [Vec<(CivilDate, u32)>; 2] = [Vec::new(), Vec::new()];
    if let [(a, b), _] = missions[..] {
        for d in dates {
            if let Ok(p) = image.presence(a, b, View::as_of(d)) {
                for (i, m) in p.missions.iter().enumerate().take(2) {
                    let open = m
                        .posts
                        .iter()
                        .filter(|p| p.status == PostStatus::Open)
                        .count();
                    let open = u32::try_from(open).unwrap_or(u32::MAX);
                    if posts[i].last().map(|l| l.1) != Some(open) {
                        posts[i].push((d, open));
                    }
                }
            }
        }
    }
    let [p0, p1] = posts;
    let posts_chart = charts::counts(
        "chart-posts",
        "Posts open over time",
        "Posts open",
        start,
        as_of,
        &[(label(missions[0]), p0), (label(missions[1]), p1)],
    );

    let position: HashMap<&MeasureId, usize> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| (&m.id, i))
        .collect();
    let rows: Vec<TimelineRow> = measures
        .iter()
        .map(|m| TimelineRow {
            label: m.external_ref.clone().unwrap_or_else(|| m.id.to_string()),
            side: usize::from(m.actor != missions[0].0),
            start: m.effective.earliest().max(start),
            end: m.lifted.map_or(as_of, |l| l.earliest()),
            in_force: m.in_force,
            answers: m
                .answers
                .iter()
                .filter_map(|p| position.get(p).copied())
                .collect(),
        })
        .collect();
    let sides = [name_of(names, missions[0].0), name_of(names, missions[1].0)];
    let timeline = charts::measures_timeline(
        "chart-measures",
        start,
        as_of,
        [&sides[0], &sides[1]],
        &rows,
    );

    let index_chart = match index {
        Ok(series) => {
            let side = |s: StateCode| {
                series
                    .points
                    .iter()
                    .filter_map(|p| p.sides.get(&s).map(|v| (p.date, v.index)))
                    .collect::<Vec<_>>()
            };
            let combined: Vec<_> = series.points.iter().map(|p| (p.date, p.combined)).collect();
            charts::index(
                "chart-index",
                series.baseline,
                start,
                as_of,
                &[
                    (label(missions[0]), side(missions[0].0)),
                    (label(missions[1]), side(missions[1].0)),
                ],
                &combined,
            )
        }
        Err(e) => html!(p { "No index chart: " (e.to_string()) }).into_string(),
    };

    html! {
        figure.chart {
            (maud::PreEscaped(staffing))
            figcaption { "Staff of each mission: reported figures (points and steps; what each counts is in the mission panels) and staff caps in force (dotted lines)." }
        }
        figure.chart {
            (maud::PreEscaped(posts_chart))
            figcaption { "Posts (embassy, consulates, missions) open in the host state." }
        }
        figure.chart {
            (maud::PreEscaped(timeline))
            figcaption { "Each measure from its effective date to its lifting; arrows run from a measure to the measure that answered it. The measures are listed, with links, in the mission panels and on each measure's page." }
        }
        figure.chart {
            (maud::PreEscaped(index_chart))
            figcaption { "Normalisation index by month, 100 on " (start) "." }
        }
        h3 { "All measures to this date" }
        table {
            thead { tr { th scope="col" { "Effective" } th scope="col" { "Ref." } th scope="col" { "By" } th scope="col" { "Kind" } th scope="col" { "Summary" } th scope="col" { "Answers" } th scope="col" { "Status" } } }
            tbody {
                @for m in measures {
                    tr {
                        td { (m.effective) }
                        td { (measure_link(ctx, &m.id, m.external_ref.as_deref())) }
                        td { (m.actor) }
                        td { (words(m.kind.as_str())) }
                        td { (m.summary) }
                        td { @for (i, p) in m.answers.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, p, None)) } }
                        td { @if m.in_force { span.bad { "in force" } } @else if let Some(l) = m.lifted { "lifted " (l) } }
                    }
                }
            }
        }
    }
}

fn mission_panel(
    ctx: &Ctx,
    names: &Names,
    refs: &HashMap<&MeasureId, &str>,
    m: &MissionPresence,
) -> Markup {
    let heading = format!(
        "{} missions in {}",
        name_of(names, m.sending),
        name_of(names, m.host)
    );
    html! {
        section.panel aria-label=(heading) {
            h3 { (heading) }
            dl.facts {
                dt { "Head of mission" }
                dd {
                    @if let Some(h) = &m.head_of_mission {
                        (person_link(ctx, &h.name)) " since " (h.since)
                        @if let Some(c) = h.credentials_presented { ", credentials presented " (c) }
                        @if let Some(away) = h.absent_since { " — " span.bad { "away since " (away) } }
                    } @else if let Some(v) = m.vacant_since {
                        span.bad { "Vacant" } " since " (v)
                        @if let Some(days) = m.vacant_days { " (" (days) " days)" }
                    } @else {
                        "not on record"
                    }
                }
                @if let Some(c) = &m.charge_d_affaires {
                    dt { "Chargé d'affaires" }
                    dd { (person_link(ctx, &c.name)) " since " (c.since) }
                }
                dt { "Staff" }
                dd {
                    @if let Some(r) = &m.staff.latest_report {
                        span.figure { (report_text(r)) } " "
                        span.muted { "(" (counting_text(r.counting, r.includes_io)) "; reported " (r.date)
                            @if !r.posts.is_empty() { "; some posts only" } ")" }
                    } @else {
                        "no figure reported"
                    }
                    @if m.staff.individuals.total > 0 {
                        br; span.muted { (m.staff.individuals.total) " individuals on record present" }
                    }
                }
                dt { "Caps in force" }
                dd {
                    @if m.caps.is_empty() { "none" }
                    ul {
                        @for c in &m.caps {
                            li {
                                span.figure { (c.cap) } " "
                                span.muted { (counting_text(c.counting, c.includes_io)) }
                                " since " (c.since) " — " (measure_link(ctx, &c.measure, c.external_ref.as_deref()))
                            }
                        }
                    }
                }
                dt { "Measures in force" }
                dd {
                    @if m.measures_in_force.is_empty() { "none" }
                    @for (i, r) in m.measures_in_force.iter().enumerate() {
                        @if i > 0 { ", " }
                        (measure_link(ctx, &r.id, r.external_ref.as_deref()))
                        " " span.muted { "(" (words(r.kind.as_str())) ")" }
                    }
                }
            }
            table {
                caption.muted { "Posts" }
                thead { tr { th scope="col" { "Post" } th scope="col" { "Status" } th scope="col" { "Consular service" } } }
                tbody {
                    @for p in &m.posts {
                        tr {
                            td { (post_link(ctx, p.id.as_str(), &p.name)) br; span.muted { (words(p.kind.as_str())) ", " (p.city) } }
                            td class=[(p.status != PostStatus::Open).then_some("bad")] { (post_status(p.status)) " since " (p.status_since) }
                            td { @match &p.consular_services {
                                Some(s) => { (words(s.level.as_str())) " since " (s.since) },
                                None => span.muted { "not recorded" },
                            } }
                        }
                    }
                }
            }
            @if !m.premises.is_empty() {
                table {
                    caption.muted { "Premises" }
                    thead { tr { th scope="col" { "Premises" } th scope="col" { "Status" } } }
                    tbody {
                        @for p in &m.premises {
                            tr {
                                td { (p.name) br; span.muted { (words(p.kind.as_str())) ", " (p.city) } }
                                td class=[(!matches!(p.status, PremisesStatus::InUse | PremisesStatus::Returned)).then_some("bad")] {
                                    (premises_status(p.status)) " since " (p.status_since)
                                    @if let Some(ms) = &p.measure { " (" (measure_link(ctx, ms, refs.get(ms).copied())) ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn post_status(s: PostStatus) -> &'static str {
    match s {
        PostStatus::Open => "open",
        PostStatus::Suspended => "suspended",
        PostStatus::Closed => "closed",
    }
}

fn premises_status(s: PremisesStatus) -> &'static str {
    match s {
        PremisesStatus::InUse => "in use",
        PremisesStatus::AccessBarred => "access barred",
        PremisesStatus::Seized => "seized",
        PremisesStatus::Returned => "returned",
        PremisesStatus::Released => "released",
    }
}

fn query_page_error(e: QueryError) -> PageError {
    PageError::not_found(e.to_string())
}

fn relation_of(ctx: &Ctx) -> Result<(StateCode, StateCode), PageError> {
    ctx.relation
        .ok_or_else(|| PageError::not_found("no relation"))
}

/// A short line about an act for lists: what it is about and its main text.
pub fn act_summary(act: &Act) -> String {
    let json = act.to_json();
    let text = [
        "summary", "name", "person", "outcome", "text", "evidence", "reason",
    ]
    .iter()
    .find_map(|k| json.get(*k).and_then(|v| v.as_str()))
    .unwrap_or("");
    let subject = act.body.subject();
    if text.is_empty() {
        subject
    } else {
        format!("{subject} — {text}")
    }
}

fn history(ctx: &Ctx, acts: &[&StoredAct]) -> Markup {
    html! {
        @if acts.is_empty() { p { "No act on record." } }
        @else {
            table {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Act" } th scope="col" { "What" } } }
                tbody {
                    @for a in acts {
                        tr {
                            td { (a.act.envelope.date) }
                            td { a href=(ctx.href(&format!("/acts/{}", a.seq))) { (words(a.act.kind())) } }
                            td { (act_summary(&a.act)) }
                        }
                    }
                }
            }
        }
    }
}

pub fn post_page(
    image: &Image,
    acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let view = View::as_of(ctx.as_of);
    let presence = image.presence(a, b, view).map_err(query_page_error)?;
    let names = names(image);
    let (mission, post) = presence
        .missions
        .iter()
        .find_map(|m| m.posts.iter().find(|p| p.id.as_str() == id).map(|p| (m, p)))
        .ok_or_else(|| {
            PageError::not_found(format!(
                "no post `{id}` in this relation as of {}",
                ctx.as_of
            ))
        })?;
    let measures = image
        .measures(a, b, view, MeasureFilter::Imposed)
        .map_err(query_page_error)?;
    let about: Vec<&MeasureView> = measures
        .iter()
        .filter(|m| {
            m.scope.posts.iter().any(|p| p.as_str() == id)
                || post.closing_measure.as_ref() == Some(&m.id)
        })
        .collect();
    let premises: Vec<_> = mission
        .premises
        .iter()
        .filter(|p| p.post.as_str() == id)
        .collect();
    let mut hist: Vec<&StoredAct> = acts_as_of(acts, ctx.as_of)
        .filter(|s| match &s.act.body {
            ActBody::ConsularServicesChanged { posts, .. } => {
                posts.iter().any(|p| p.as_str() == id)
            }
            ActBody::PremisesAcquired { post, .. } | ActBody::MemberNotified { post, .. } => {
                post.as_str() == id
            }
            body => body.subject() == format!("post:{id}"),
        })
        .collect();
    hist.sort_by_key(|s| (s.act.envelope.date, s.seq));
    let content = html! {
        h1 { (post.name) }
        dl.facts {
            dt { "Kind" } dd { (words(post.kind.as_str())) }
            dt { "City" } dd { (post.city) }
            dt { "Mission" } dd { a href=(ctx.rel("")) { (name_of(&names, mission.sending)) " in " (name_of(&names, mission.host)) } }
            dt { "Status" } dd { (post_status(post.status)) " since " (post.status_since)
                @if let Some(by) = post.closed_by { ", by " (name_of(&names, by)) }
                @if let Some(m) = &post.closing_measure { " (" (measure_link(ctx, m, None)) ")" } }
            dt { "Opened" } dd { (post.opened) @if post.start_unknown { " " span.muted { "(earlier; first date on record)" } } }
            dt { "Consular service" } dd { @match &post.consular_services {
                Some(s) => { (words(s.level.as_str())) " since " (s.since) @if let Some(t) = &s.services { " — " (t) } },
                None => "not recorded",
            } }
            @if let Some(r) = &post.external_ref { dt { "Reference" } dd { (r) } }
        }
        @if !premises.is_empty() {
            h2 { "Premises" }
            ul { @for p in &premises { li { (p.name) " (" (words(p.kind.as_str())) "): " (premises_status(p.status)) " since " (p.status_since) } } }
        }
        h2 { "Measures about this post" }
        @if about.is_empty() { p { "None on record." } }
        ul { @for m in &about { li { (measure_link(ctx, &m.id, m.external_ref.as_deref())) " " (m.effective) ": " (m.summary) } } }
        h2 { "History" }
        (history(ctx, &hist))
    };
    Ok(page(ctx, &post.name, content))
}

pub fn measure_page(
    image: &Image,
    _acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let view = View::as_of(ctx.as_of);
    let names = names(image);
    let measures = image
        .measures(a, b, view, MeasureFilter::Imposed)
        .map_err(query_page_error)?;
    let m = measures
        .iter()
        .find(|m| m.id.as_str() == id)
        .ok_or_else(|| {
            PageError::not_found(format!(
                "no measure `{id}` in this relation as of {}",
                ctx.as_of
            ))
        })?;
    let answered_by: Vec<&MeasureView> = measures
        .iter()
        .filter(|o| o.answers.contains(&m.id))
        .collect();
    let lineage = image.lineage(&m.id, view);
    let title = format!(
        "{} {}",
        m.external_ref.as_deref().unwrap_or(m.id.as_str()),
        words(m.kind.as_str())
    );
    let mag = &m.magnitude;
    let content = html! {
        h1 { (title) }
        p { (m.summary) }
        dl.facts {
            dt { "By" } dd { (name_of(&names, m.actor)) } dt { "Against" } dd { "the missions of " (name_of(&names, m.target)) }
            dt { "Effective" } dd { (m.effective) }
            @if let Some(d) = m.announced { dt { "Announced" } dd { (d) } }
            @if let Some(d) = m.deadline { dt { "Deadline" } dd { (d) } }
            dt { "Status on " (ctx.as_of) } dd { @if m.in_force { span.bad { "in force" } } @else if let Some(l) = m.lifted { span.ok { "lifted " (l) } } }
            dt { "Legal basis" } dd { (m.legal_basis.as_deref().unwrap_or("not recorded")) }
            @if let Some(r) = &m.stated_reason { dt { "Stated reason" } dd { (r) } }
            @if let Some(c) = mag.cap { dt { "Cap" } dd { span.figure { (c) } " " span.muted { "(" (counting_text(m.counting.unwrap_or(Counting::AllStaff), m.includes_io)) ")" } } }
            @if let Some(p) = mag.persons { dt { "Persons" } dd { (p) } }
            @if let Some(k) = mag.km { dt { "Distance" } dd { (k) " km" } }
            @if let Some(d) = mag.days { dt { "Days" } dd { (d) } }
            @if let Some(v) = mag.visitors { dt { "Visitors" } dd { (v) } }
            @if !m.scope.posts.is_empty() { dt { "Posts" } dd { @for (i, p) in m.scope.posts.iter().enumerate() { @if i > 0 { ", " } (post_link(ctx, p.as_str(), p.as_str())) } } }
            @if !m.scope.premises.is_empty() { dt { "Premises" } dd { @for p in &m.scope.premises { (p) " " } } }
            @if !m.scope.members.is_empty() { dt { "Members" } dd { (m.scope.members.len()) " named" } }
            @if let Some(d) = &m.scope.description { dt { "Scope" } dd { (d) } }
            dt { "Recorded" } dd { a href=(ctx.href(&format!("/acts/{}", m.recorded_seq))) { "act #" (m.recorded_seq) } }
        }
        h2 { "What it answers" }
        @if m.answers.is_empty() { p { "Nothing on record: it starts a chain or stands alone." } }
        ul { @for p in &m.answers { li {
            @match measures.iter().find(|o| &o.id == p) {
                Some(o) => { (measure_link(ctx, p, o.external_ref.as_deref())) " " (o.effective) ": " (o.summary) },
                None => (measure_link(ctx, p, None)),
            }
        } } }
        h2 { "What answered it" }
        @if answered_by.is_empty() { p { "Nothing on record by " (ctx.as_of) "." } }
        ul { @for o in &answered_by { li { (measure_link(ctx, &o.id, o.external_ref.as_deref())) " " (o.effective) ": " (o.summary) } } }
        @if let Some(l) = &lineage {
            @if !l.ancestors.is_empty() || !l.descendants.is_empty() {
                h2 { "Whole chain" }
                p.muted { "Measures before it: " (l.ancestors.len()) "; after it: " (l.descendants.len()) "." }
                ul {
                    @for x in l.ancestors.iter().chain(&l.descendants) {
                        li { (measure_link(ctx, &x.id, x.external_ref.as_deref())) " " (x.effective) " by " (x.actor) " (" (words(x.kind.as_str())) ")" @if x.in_force { " — in force" } }
                    }
                }
            }
        }
        h2 { "Sources" }
        @if m.sources.is_empty() { p { "None recorded." } }
        ul { @for s in &m.sources { li { (source(s)) } } }
        dl.facts {
            @if let Some(c) = m.confidence { dt { "Confidence" } dd { (c) } }
            @if let Some(n) = &m.note { dt { "Note" } dd { (n) } }
        }
    };
    Ok(page(ctx, &title, content))
}

pub fn round_page(
    image: &Image,
    _acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image);
    let talks = image
        .talks(a, b, View::as_of(ctx.as_of))
        .map_err(query_page_error)?;
    let r = talks
        .rounds
        .iter()
        .find(|r| r.id.as_str() == id)
        .ok_or_else(|| PageError::not_found(format!("no round `{id}` as of {}", ctx.as_of)))?;
    let title = format!("Round of talks, {}", r.date);
    let content = html! {
        h1 { (title) }
        dl.facts {
            dt { "Status" } dd { (r.status) @if let Some(by) = r.cancelled_by { " by " (name_of(&names, by)) } }
            dt { "Parties" } dd { @for (i, p) in r.parties.iter().enumerate() { @if i > 0 { ", " } (name_of(&names, *p)) } }
            dt { "Venue" } dd { (r.venue.as_deref().unwrap_or("")) " (" (name_of(&names, r.venue_state)) ")" }
            @if let Some(l) = &r.level { dt { "Level" } dd { (l) } }
            @if !r.heads_of_delegation.is_empty() { dt { "Heads of delegation" } dd { @for (i, h) in r.heads_of_delegation.iter().enumerate() { @if i > 0 { ", " } (person_link(ctx, h)) } } }
            dt { "Outcome" } dd { (r.outcome) }
        }
        @if !r.agenda.is_empty() { h2 { "Agenda" } ul { @for x in &r.agenda { li { (x) } } } }
        h2 { "Agreements" }
        @if r.agreements.is_empty() { p { "None recorded." } }
        ul { @for x in &r.agreements { li { (x.date) ": " (x.summary) } } }
        h2 { "Commitments made" }
        @if r.commitments.is_empty() { p { "None recorded." } }
        ul { @for c in &r.commitments { li { a href=(ctx.rel(&format!("/commitments/{}", encode(c.as_str())))) { (c) } } } }
        (provenance(r.provenance.as_ref()))
    };
    Ok(page(ctx, &title, content))
}

pub fn commitment_page(
    image: &Image,
    _acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image);
    let list = image
        .commitments(a, b, View::as_of(ctx.as_of))
        .map_err(query_page_error)?;
    let c = list
        .iter()
        .find(|c| c.id.as_str() == id)
        .ok_or_else(|| PageError::not_found(format!("no commitment `{id}` as of {}", ctx.as_of)))?;
    let title = format!("Commitment {}", c.id);
    let content = html! {
        h1 { (title) }
        p { (c.text) }
        dl.facts {
            dt { "Status on " (ctx.as_of) } dd { (words(c.status.as_str())) " since " (c.status_since) @if c.overdue { " " span.bad { "overdue" } } }
            dt { "Made" } dd { (c.made) @if let Some(r) = &c.round { " at " a href=(ctx.rel(&format!("/rounds/{}", encode(r.as_str())))) { "round " (r) } } }
            dt { "Undertaken by" } dd { @for (i, s) in c.undertaken_by.iter().enumerate() { @if i > 0 { ", " } (name_of(&names, *s)) } }
            @if let Some(d) = c.due { dt { "Due" } dd { (d) } }
            @if !c.lifts.is_empty() { dt { "Lifts" } dd { @for (i, m) in c.lifts.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
            @if !c.eases.is_empty() { dt { "Eases" } dd { @for (i, m) in c.eases.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
            @if let Some(e) = &c.evidence { dt { "Evidence" } dd { (e) } }
        }
        @if !c.targets.is_empty() { h2 { "Targets" } ul { @for t in &c.targets { li { (t) } } } }
        (provenance(c.provenance.as_ref()))
    };
    Ok(page(ctx, &title, content))
}

/// The person named in an act, if the act names one.
fn names_person(body: &ActBody, person: &str) -> bool {
    match body {
        ActBody::MemberNotified { name, .. } => name == person,
        ActBody::RoundHeld {
            heads_of_delegation,
            ..
        } => heads_of_delegation.iter().any(|h| h == person),
        b => b.head_of_mission().is_some_and(|h| h.person == person),
    }
}

pub fn person_page(
    image: &Image,
    acts: &[StoredAct],
    ctx: &Ctx,
    name: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image);
    let presence = image
        .presence(a, b, View::as_of(ctx.as_of))
        .map_err(query_page_error)?;
    // A member's later acts name the member's id, not the name: follow it.
    let members: BTreeSet<String> = acts
        .iter()
        .filter_map(|s| match &s.act.body {
            ActBody::MemberNotified {
                member, name: n, ..
            } if n == name => Some(member.to_string()),
            _ => None,
        })
        .collect();
    let mut hist: Vec<&StoredAct> = acts_as_of(acts, ctx.as_of)
        .filter(|s| {
            names_person(&s.act.body, name)
                || members
                    .iter()
                    .any(|m| s.act.body.subject() == format!("member:{m}"))
        })
        .collect();
    hist.sort_by_key(|s| (s.act.envelope.date, s.seq));
    let roles: Vec<String> = presence
        .missions
        .iter()
        .flat_map(|m| {
            let mission = format!(
                "{} in {}",
                name_of(&names, m.sending),
                name_of(&names, m.host)
            );
            let head = m
                .head_of_mission
                .as_ref()
                .filter(|h| h.name == name)
                .map(|h| format!("Head of mission of {mission} since {}", h.since));
            let charge = m
                .charge_d_affaires
                .as_ref()
                .filter(|c| c.name == name)
                .map(|c| format!("Chargé d'affaires of {mission} since {}", c.since));
            head.into_iter().chain(charge)
        })
        .collect();
    if hist.is_empty() && roles.is_empty() {
        return Err(PageError::not_found(format!(
            "no one named “{name}” on record as of {}",
            ctx.as_of
        )));
    }
    let content = html! {
        h1 { (name) }
        h2 { "On " (ctx.as_of) }
        @if roles.is_empty() { p { "No head-of-mission or chargé role on this date." } }
        ul { @for r in &roles { li { (r) } } }
        h2 { "Appearances in the record" }
        (history(ctx, &hist))
    };
    Ok(page(ctx, name, content))
}

pub fn states_page(ctx: &Ctx, states: &[(StateCode, String)]) -> Markup {
    let content = html! {
        h1 { "Relations" }
        @if states.len() < 2 { p { "Fewer than two states are registered: record a " a href=(ctx.href("/acts/new?kind=state_registered")) { "state_registered" } " act first." } }
        ul {
            @for (i, (a, na)) in states.iter().enumerate() {
                @for (b, nb) in &states[i + 1..] {
                    li { a href=(ctx.href(&format!("/relations/{a}/{b}"))) { (na) " – " (nb) } }
                }
            }
        }
    };
    page(ctx, "Relations", content)
}

#[derive(Deserialize, Default)]
pub struct ActsQuery {
    pub as_of: Option<String>,
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub q: Option<String>,
    pub page: Option<usize>,
}

const PER_PAGE: usize = 50;

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub fn acts_page(
    ctx: &Ctx,
    acts: &[StoredAct],
    states: &[(StateCode, String)],
    q: &ActsQuery,
) -> Result<Markup, PageError> {
    let date = |name: &str, v: &Option<String>| {
        nonempty(v)
            .map(|s| {
                s.parse::<ValidDate>()
                    .map_err(|e| PageError::bad_request(format!("`{name}`: {e}")))
            })
            .transpose()
    };
    let from = date("from", &q.from)?;
    let to = date("to", &q.to)?;
    let actor = nonempty(&q.actor)
        .map(|s| {
            s.parse::<StateCode>()
                .map_err(|e| PageError::bad_request(format!("`actor`: {e}")))
        })
        .transpose()?;
    let kind = nonempty(&q.kind);
    let text = nonempty(&q.q).map(str::to_lowercase);
    let mut found: Vec<&StoredAct> = acts
        .iter()
        .filter(|s| s.act.envelope.date.earliest() <= ctx.as_of)
        .filter(|s| kind.is_none_or(|k| s.act.kind() == k))
        .filter(|s| actor.is_none_or(|st| s.act.body.states_named().contains(&st)))
        .filter(|s| from.is_none_or(|f| s.act.envelope.date.latest() >= f.earliest()))
        .filter(|s| to.is_none_or(|t| s.act.envelope.date.earliest() <= t.latest()))
        .filter(|s| {
            text.as_ref().is_none_or(|t| {
                s.act
                    .to_json()
                    .to_string()
                    .to_lowercase()
                    .contains(t.as_str())
            })
        })
        .collect();
    found.sort_by_key(|s| (s.act.envelope.date, s.seq));
    let pages = found.len().div_ceil(PER_PAGE).max(1);
    let page_no = q.page.unwrap_or(1).clamp(1, pages);
    let shown = found.iter().skip((page_no - 1) * PER_PAGE).take(PER_PAGE);
    // The filters as a query string, to carry into the pagination links.
    let mut filters = String::new();
    for (k, v) in [
        ("kind", &q.kind),
        ("actor", &q.actor),
        ("from", &q.from),
        ("to", &q.to),
        ("q", &q.q),
    ] {
        if let Some(v) = nonempty(v) {
            filters.push_str(&format!("{k}={}&", encode(v)));
        }
    }
    let page_href = |n: usize| ctx.href(&format!("/acts?{filters}page={n}"));
    let content = html! {
        h1 { "Acts" }
        p.muted { "Every act recorded in the journal with a date on or before " (ctx.as_of) ", by date." }
        form.filters method="get" action="/acts" role="search" aria-label="Filter acts" {
            input type="hidden" name="as_of" value=(ctx.as_of);
            div { label for="f-kind" { "Kind" }
                select id="f-kind" name="kind" {
                    option value="" { "any" }
                    @for k in super::forms::KINDS { option value=(k.kind) selected[kind == Some(k.kind)] { (words(k.kind)) } }
                } }
            div { label for="f-actor" { "State" }
                select id="f-actor" name="actor" {
                    option value="" { "any" }
                    @for (c, n) in states { option value=(c) selected[actor == Some(*c)] { (n) } }
                } }
            div { label for="f-from" { "From" } input type="date" id="f-from" name="from" value=(nonempty(&q.from).unwrap_or("")); }
            div { label for="f-to" { "To" } input type="date" id="f-to" name="to" value=(nonempty(&q.to).unwrap_or("")); }
            div { label for="f-q" { "Text" } input type="text" id="f-q" name="q" value=(nonempty(&q.q).unwrap_or("")); }
            div { button type="submit" { "Filter" } " " a href=(ctx.href("/acts")) { "Clear" } }
        }
        p role="status" { (found.len()) " acts; page " (page_no) " of " (pages) "." }
        table {
            thead { tr { th scope="col" { "#" } th scope="col" { "Date" } th scope="col" { "Kind" } th scope="col" { "States" } th scope="col" { "What" } th scope="col" { "Ref." } } }
            tbody {
                @for s in shown {
                    tr {
                        td.num { a href=(ctx.href(&format!("/acts/{}", s.seq))) { (s.seq) } }
                        td { (s.act.envelope.date) }
                        td { (words(s.act.kind())) }
                        td { @for (i, st) in s.act.body.states_named().iter().enumerate() { @if i > 0 { ", " } (st) } }
                        td { (act_summary(&s.act)) }
                        td { (s.act.envelope.external_ref.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
        nav aria-label="Pages" {
            @if page_no > 1 { a href=(page_href(page_no - 1)) rel="prev" { "Previous page" } " " }
            @if page_no < pages { a href=(page_href(page_no + 1)) rel="next" { "Next page" } }
        }
    };
    Ok(page(ctx, "Acts", content))
}

pub fn act_page(ctx: &Ctx, s: &StoredAct) -> Markup {
    let json = s.act.to_json();
    let title = format!("Act #{}: {}", s.seq, words(s.act.kind()));
    let value_text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let content = html! {
        h1 { (title) }
        dl.facts {
            dt { "Recorded" } dd { (chancery_domain::date::format_timestamp(s.recorded_at_micros)) " by " (s.recorded_by) }
            @if let serde_json::Value::Object(map) = &json {
                @for (k, v) in map {
                    dt { (words(k)) }
                    dd {
                        @match (k.as_str(), v) {
                            ("sources", serde_json::Value::Array(items)) => ul { @for i in items { li { (source(&value_text(i))) } } },
                            (_, serde_json::Value::Array(items)) => { @for (n, i) in items.iter().enumerate() { @if n > 0 { ", " } (value_text(i)) } },
                            _ => (value_text(v)),
                        }
                    }
                }
            }
        }
        p { a href=(ctx.href(&format!("/acts?kind={}", s.act.kind()))) { "Other acts of this kind" } }
    };
    page(ctx, &title, content)
}
