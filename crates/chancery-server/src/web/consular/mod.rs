//! The consular desk: for a relation, both missions' posts with their services in words, their
//! capacity from staffing, demand, load and the waits an applicant faces, each wait with its
//! method beside it; for one post, the same with a chart of its service levels over time.
//! Everything comes from `Image::consular_services` and `Image::consular_capacity`: the page
//! only joins the two by post and service.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chancery_domain::consular::capacity::{
    ConsularCapacity, PostCapacity, ServiceCapacity, WaitsFor, WAIT_HORIZON_DAYS,
};
use chancery_domain::consular::queue::post::LOOKAHEAD_DAYS;
use chancery_domain::consular::queue::Band;
use chancery_domain::consular::services::{ConsularServices, PostServices, ServiceView};
use chancery_domain::image::posts::PostStatus;
use chancery_domain::query::MeasureFilter;
use chancery_domain::vocab::{ConsularService, ServiceLevel};
use chancery_domain::{CivilDate, Image, MeasureId, PostId, StateCode};
use maud::{html, Markup};

use super::charts::{service_levels, LevelRow};
use super::i18n::{self, code_of, Lang};
use super::layout::page;
use super::pages::{
    measure_link, name_of, names, query_page_error, relation_of, shown_name, Names,
};
use super::{blocking, encode, relation_ctx, request::PageRequest, Ctx, PageError};
use crate::state::AppState;

mod scenario;
mod waits;

pub use scenario::ScenarioForm;
pub mod cases;

/// How far back the level chart looks for changes at most, in queries of the record (one per
/// change of level found): a post changes its services a few times a decade.
const MAX_LEVEL_QUERIES: usize = 200;

pub async fn relation_page(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        render_desk(&app.chancery.image(), &ctx).map_err(|e| e.in_ctx(ctx))
    })
    .await
}

pub async fn post_page(
    State(app): State<AppState>,
    Path((a, b, id)): Path<(String, String, String)>,
    form: Result<Query<ScenarioForm>, QueryRejection>,
    page: PageRequest,
) -> Response {
    let form = ScenarioForm::read(form.map(|Query(f)| f).map_err(|e| e.body_text()));
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        render_post_desk_with(&app.chancery.image(), &ctx, &id, &form).map_err(|e| e.in_ctx(ctx))
    })
    .await
}

/// A measure's reference (R042) by its id, as links to measures read elsewhere.
type Refs = BTreeMap<MeasureId, String>;

fn refs(image: &Image, ctx: &Ctx) -> Refs {
    relation_of(ctx)
        .ok()
        .and_then(|(a, b)| {
            image
                .measures(a, b, ctx.view(), MeasureFilter::Imposed)
                .ok()
        })
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| Some((m.id, m.external_ref?)))
        .collect()
}

/// Both answers of the domain for the page's view.
/// The waits are simulated for the posts `waits` names only: the simulation is most of the
/// work, so the relation's desk leaves them to each post's desk.
fn desk(
    image: &Image,
    ctx: &Ctx,
    waits: WaitsFor<'_>,
) -> Result<(ConsularServices, ConsularCapacity), PageError> {
    let (a, b) = relation_of(ctx)?;
    let services = image
        .consular_services(a, b, ctx.view())
        .map_err(query_page_error)?;
    let capacity = image
        .consular_capacity_for(a, b, ctx.view(), waits)
        .map_err(query_page_error)?;
    Ok((services, capacity))
}

fn capacity_of<'a>(capacity: &'a ConsularCapacity, post: &PostId) -> Option<&'a PostCapacity> {
    capacity
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| &p.post == post)
}

fn post_desk_href(ctx: &Ctx, post: &PostId) -> String {
    ctx.rel(&format!("/posts/{}/consular", encode(post.as_str())))
}

/// The relation's desk.
pub fn render_desk(image: &Image, ctx: &Ctx) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let (services, capacity) = desk(image, ctx, WaitsFor::None)?;
    let names = names(image, ctx.lang());
    let refs = refs(image, ctx);
    let title = ctx.t_args(
        "consular-desk-title-relation",
        &[
            ("a", name_of(&names, a).into()),
            ("b", name_of(&names, b).into()),
        ],
    );
    let content = html! {
        h1 { (title) }
        p {
            (ctx.t("consular-desk-intro-on")) " " strong { (ctx.as_of) }
            (ctx.t_args("consular-desk-intro-week", &[("week", capacity_week(ctx, &capacity).into())]))
            " " (ctx.t("consular-desk-intro-services"))
        }
        @for m in &services.missions {
            section aria-labelledby=(format!("mission-{}", m.sending)) {
                h2 id=(format!("mission-{}", m.sending)) { (ctx.missions(&names, m.sending, m.host)) }
                @if m.posts.is_empty() { p { (ctx.t("consular-mission-no-post")) } }
                @for p in &m.posts {
                    (post_section(ctx, (image, &names, &refs), p, capacity_of(&capacity, &p.post), true))
                }
            }
        }
        (cases::relation_section(ctx, cases::visible(image, ctx).as_ref(), &desk_posts(&services)))
        (method_section(ctx, &capacity))
    };
    Ok(page(ctx, &title, content))
}

/// A consular service as it reads in a row or a sentence: its label with a small first
/// letter, as the pages have always written it ("immigrant visas").
pub(super) fn service_words(ctx: &Ctx, s: ConsularService) -> String {
    let label = ctx.word(s);
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => label,
    }
}

/// Every post of the desk with its name, in the desk's order.
fn desk_posts(services: &ConsularServices) -> Vec<(PostId, String)> {
    services
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .map(|p| (p.post.clone(), p.name.clone()))
        .collect()
}

/// One post's desk, with its service levels over time.
pub fn render_post_desk(image: &Image, ctx: &Ctx, id: &str) -> Result<Markup, PageError> {
    render_post_desk_with(image, ctx, id, &ScenarioForm::default())
}

/// One post's desk, with the scenario `form` asks for, if any.
pub fn render_post_desk_with(
    image: &Image,
    ctx: &Ctx,
    id: &str,
    form: &ScenarioForm,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let wanted: Option<PostId> = id.parse().ok();
    // The desk's waits are a simulation like any other: they take a permit of the same limit,
    // or the page says the waits were not simulated (a flood of GETs must not run unbounded).
    let permit = crate::api::consular::SIMULATIONS.try_acquire().ok();
    let busy = wanted.is_some() && permit.is_none();
    let waits = match (&wanted, &permit) {
        (Some(p), Some(_)) => WaitsFor::Post(p),
        _ => WaitsFor::None,
    };
    let (services, capacity) = desk(image, ctx, waits)?;
    drop(permit);
    let names = names(image, ctx.lang());
    let refs = refs(image, ctx);
    let post = services
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .find(|p| p.post.as_str() == id)
        .ok_or_else(|| {
            PageError::not_found(ctx.t_args(
                "consular-no-such-post",
                &[("id", id.into()), ("date", ctx.as_of.to_string().into())],
            ))
        })?;
    let title = ctx.t_args(
        "consular-desk-title-post",
        &[("post", post.name.clone().into())],
    );
    let rows = level_rows(image, ctx, (a, b), &post.post);
    let from = rows
        .iter()
        .flat_map(|r| r.periods.first().map(|p| p.0))
        .min()
        .map(|d| CivilDate::from_ymd(d.ymd().0, 1, 1).unwrap_or(d));
    let content = html! {
        h1 { (ctx.t("consular-desk-title-post-prefix")) " " (shown_name(&post.name)) }
        p {
            a href=(ctx.rel(&format!("/posts/{}", encode(id)))) { (ctx.t("consular-link-post-page")) } " · "
            a href=(ctx.rel("/consular")) { (ctx.t("consular-link-every-post")) } " · "
            a href=(format!("#{}", cases::ANCHOR)) { (ctx.t("consular-cases-heading")) }
        }
        (post_section(ctx, (image, &names, &refs), post, capacity_of(&capacity, &post.post), false))
        (waits::waits_section(ctx, &post.name, capacity_of(&capacity, &post.post), busy))
        (scenario::scenario_section(image, ctx, &post.post, form))
        (cases::post_section(ctx, &names, cases::visible(image, ctx).as_ref(), &post.post))
        section aria-labelledby="levels" {
            h2 id="levels" { (ctx.t("consular-levels-heading")) }
            @match from {
                Some(from) if from < ctx.as_of => figure.chart {
                    (maud::PreEscaped(service_levels(ctx.lang(), "levels-chart", &post.name, from, ctx.as_of, &rows)))
                    figcaption { (ctx.t_args("consular-levels-caption", &[("date", ctx.as_of.to_string().into())])) }
                },
                _ => p { (ctx.t_args("consular-levels-none", &[("date", ctx.as_of.to_string().into())])) },
            }
        }
        (method_section(ctx, &capacity))
    };
    Ok(page(ctx, &title, content))
}

fn capacity_week(ctx: &Ctx, c: &ConsularCapacity) -> String {
    c.missions.iter().flat_map(|m| &m.posts).next().map_or_else(
        || format!("{}", c.as_of),
        |p| {
            ctx.t_args(
                "consular-week-range",
                &[
                    ("from", p.week[0].to_string().into()),
                    ("to", p.week[1].to_string().into()),
                ],
            )
        },
    )
}

fn post_section(
    ctx: &Ctx,
    (image, names, refs): (&Image, &Names, &Refs),
    p: &PostServices,
    cap: Option<&PostCapacity>,
    linked: bool,
) -> Markup {
    let anchor = format!("post-{}", p.post);
    html! {
        section.panel aria-labelledby=(anchor) {
            @if linked {
                h3 id=(anchor) { a href=(post_desk_href(ctx, &p.post)) { (shown_name(&p.name)) } }
            } @else {
                h2 id=(anchor) { (ctx.t("consular-post-services-heading")) }
            }
            dl.facts {
                dt { (ctx.t("consular-fact-kind")) } dd { (ctx.word(p.kind)) ", " (shown_name(&p.city)) }
                dt { (ctx.t("consular-fact-status")) } dd { (ctx.label("post-status", &code_of(&p.status))) }
                @if let Some(c) = cap { (staff_facts(ctx, (names, refs), c)) }
            }
            @if p.status == PostStatus::Closed {
                p { (ctx.t("consular-post-closed")) }
            } @else {
            table {
                caption.muted { (ctx.t("consular-table-caption")) }
                thead { tr {
                    th scope="col" { (ctx.t("consular-col-service")) } th scope="col" { (ctx.t("consular-col-level")) }
                    th scope="col" class="num" { (ctx.t("consular-col-capacity")) } th scope="col" class="num" { (ctx.t("consular-col-demand")) }
                    th scope="col" class="num" { (ctx.t("consular-col-load")) } th scope="col" { (ctx.t("consular-col-waits")) }
                } }
                tbody {
                    @for s in &p.services {
                        @let c = cap.and_then(|c| c.services.iter().find(|x| x.service == s.service));
                        tr {
                            th scope="row" { (service_words(ctx, s.service)) }
                            td { (level_cell(ctx, (names, refs), s)) }
                            td.num { (capacity_cell(ctx, c)) }
                            td.num { (demand_cell(ctx, c)) }
                            td class=(if c.and_then(|c| c.load).is_some_and(|l| l > 1.0) { "num stricter" } else { "num" }) {
                                (c.and_then(|c| c.load).map_or("—".to_owned(), |l| format!("{l:.2}")))
                            }
                            td { (waits_cell(ctx, c)) }
                        }
                    }
                }
            }
            }
            @if let Some(c) = cap.filter(|c| !c.issued.is_empty()) {
                p.muted { (ctx.t("consular-issued-note")) }
                ul.issued { @for i in &c.issued { li { (super::said::consular::issued(ctx, image, i)) } } }
            }
            @if let Some(c) = cap.filter(|c| !c.notes.is_empty() && p.status != PostStatus::Closed) {
                p.muted { (ctx.t("consular-notes")) }
                ul.muted { @for n in &c.notes_said { li { (super::pages::unticked(&super::said::consular::capacity_note(ctx, n))) } } }
            }
        }
    }
}

/// The `lang` of text the domain writes in English only (its methods and notes), so a reader
/// of another language, and their screen reader, knows it is English.
pub(super) fn english_only(ctx: &Ctx) -> Option<&'static str> {
    (ctx.lang() != Lang::En).then_some("en")
}

fn staff_facts(ctx: &Ctx, (names, refs): (&Names, &Refs), c: &PostCapacity) -> Markup {
    let n = |v: u32| i18n::Arg::from(v);
    html! {
        dt { (ctx.t("consular-fact-staff")) }
        dd { @match &c.staff {
            Some(s) => {
                (ctx.t_args("consular-officers", &[("n", n(s.officers))]))
                @match s.local_staff {
                    Some(l) => { ", " (ctx.t_args("consular-local-staff", &[("n", n(l))])) }
                    None => { ", " (ctx.t("consular-local-staff-not-reported")) }
                }
                @if s.local_staff != s.local_staff_reported {
                    @if let Some(r) = s.local_staff_reported { " " (ctx.t_args("consular-reported", &[("n", n(r))])) }
                }
                " " (ctx.t_args("consular-on-date", &[("date", s.date.to_string().into())]))
                @if s.estimate { " " span.tag { (ctx.t("consular-estimate")) } }
            },
            None => (ctx.t("consular-no-staff-figure")),
        } }
        @if let Some(l) = &c.local_staff_limit {
            dt { (ctx.t("consular-fact-local-limit")) } dd { (ctx.t_args("consular-limit-since", &[("n", n(l.limit)), ("date", l.since.to_string().into())])) " (" (measure_link(ctx, &l.measure, refs.get(&l.measure).map(String::as_str))) ")" }
        }
        @if let Some(f) = c.support_factor {
            dt { (ctx.t("consular-fact-support")) } dd { (ctx.t_args("consular-support-factor", &[("f", format!("{f:.2}").into())])) }
        }
        @if let Some(load) = section_load(c) {
            dt { (ctx.t("consular-fact-section-load")) }
            dd class=[(load > 1.0).then_some("stricter")] {
                (format!("{load:.2}"))
                span.muted { " " (ctx.t("consular-section-load-note")) }
            }
        }
        dt { (ctx.t("consular-fact-working-days")) }
        dd {
            (ctx.t_args("consular-working-days", &[
                ("n", n(c.working_days.days)),
                ("from", c.week[0].to_string().into()),
                ("to", c.week[1].to_string().into()),
            ]))
            @if c.working_days.holidays > 0 { ", " (ctx.t_args("consular-holidays-lost", &[("n", n(c.working_days.holidays))])) }
            @if !c.working_days.calendars_missing.is_empty() {
                " " (ctx.t_args("consular-no-calendar", &[("states", c.working_days.calendars_missing.iter().map(|s| name_of(names, *s)).collect::<Vec<_>>().join(", ").into())]))
            }
        }
    }
}

/// The loads of the services with demand, added: each is demand over what the whole section
/// could do on that service alone, so the sum is the share of the section's time they need.
fn section_load(c: &PostCapacity) -> Option<f64> {
    let loads: Vec<f64> = c.services.iter().filter_map(|s| s.load).collect();
    (!loads.is_empty()).then(|| loads.iter().sum())
}

fn level_text(ctx: &Ctx, level: Option<ServiceLevel>) -> String {
    level.map_or_else(
        || ctx.t("consular-level-not-recorded"),
        |l| ctx.label("consular-level", l.as_str()),
    )
}

fn level_cell(ctx: &Ctx, (names, refs): (&Names, &Refs), s: &ServiceView) -> Markup {
    html! {
        strong { (level_text(ctx, s.level)) }
        @if let Some(d) = s.since { " " (ctx.t_args("consular-since", &[("date", d.to_string().into())])) }
        @if s.post_wide && s.level.is_some() { span.muted { " " (ctx.t("consular-whole-post")) } }
        @if !s.routed_to.is_empty() {
            br; (ctx.t("consular-routed-to")) " "
            @for (i, r) in s.routed_to.iter().enumerate() {
                @if i > 0 { ", " }
                (shown_name(&r.city)) " (" (name_of(names, r.state)) ")"
            }
        }
        @if !s.forced_by.is_empty() {
            br; (ctx.t("consular-forced-by")) " "
            @for (i, m) in s.forced_by.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, refs.get(m).map(String::as_str))) }
        }
    }
}

fn capacity_cell(ctx: &Ctx, c: Option<&ServiceCapacity>) -> Markup {
    let Some(c) = c else { return html! { "—" } };
    html! {
        @match c.capacity_per_week {
            Some(v) => (format!("{v:.0}")),
            None => "—",
        }
        @if c.upper_bound && c.capacity_per_week.is_some_and(|v| v > 0.0) {
            br; span.muted { (ctx.t("consular-at-most-limited")) }
        }
        @if let Some(n) = c.cases_per_officer_day {
            br; span.muted { (ctx.t_args("consular-per-officer-day", &[("n", n.into())])) ", "
                @match c.productivity_from {
                    "post" => (ctx.t("consular-productivity-post")),
                    "default" => (ctx.t("consular-productivity-default")),
                    _ => "",
                } }
        }
    }
}

fn demand_cell(ctx: &Ctx, c: Option<&ServiceCapacity>) -> Markup {
    match c.and_then(|c| c.demand.as_ref()) {
        Some(d) => html! {
            (d.per_week)
            @if d.estimate { " " span.tag { (ctx.t("consular-estimate")) } }
            br; span.muted { (d.date) }
        },
        None => html! { "—" },
    }
}

/// A band as "12.0 (10.5–14.0)": the mean across replications and its 10th–90th percentiles.
fn band(b: &Band) -> String {
    format!("{:.1} ({:.1}–{:.1})", b.mean, b.p10, b.p90)
}

fn waits_cell(ctx: &Ctx, c: Option<&ServiceCapacity>) -> Markup {
    match c.and_then(|c| c.waits.as_ref()) {
        Some(w) => html! {
            (ctx.t_args("consular-waits-bands", &[
                ("median", band(&w.p50).into()),
                ("p90", band(&w.p90).into()),
                ("next", band(&w.next_available_days).into()),
                ("horizon", WAIT_HORIZON_DAYS.into()),
                ("backlog", format!("{:.0}", w.backlog_end.mean).into()),
            ]))
            @if w.weekly.iter().any(|x| x.unbooked.mean > 0.0) {
                br; strong { (ctx.t("consular-book-full")) " " } (ctx.t_args("consular-book-full-text", &[("n", LOOKAHEAD_DAYS.into())]))
            }
            details.method { summary { (ctx.t("consular-method-simulated")) } p lang=[english_only(ctx)] { (w.method) } }
        },
        None if c.is_some_and(|c| c.demand.is_none()) => {
            html! { span.muted { (ctx.t("consular-no-demand")) } }
        }
        None if c.is_some_and(|c| c.load.is_some()) => {
            html! { span.muted { (ctx.t("consular-simulated-on-post-desk")) } }
        }
        None => html! { span.muted { (ctx.t("consular-not-computed")) } },
    }
}

fn method_section(ctx: &Ctx, c: &ConsularCapacity) -> Markup {
    let sources: BTreeSet<&str> = c
        .missions
        .iter()
        .flat_map(|m| &m.posts)
        .flat_map(|p| &p.services)
        .flat_map(|s| s.default_sources.iter().copied())
        .collect();
    html! {
        section aria-labelledby="method" {
            h2 id="method" { (ctx.t("consular-method-heading")) }
            p lang=[english_only(ctx)] { (c.method) }
            @if !sources.is_empty() {
                p { (ctx.t("consular-default-sources")) }
                ul { @for s in &sources { li { (s) } } }
            }
        }
    }
}

/// Each service's periods at one level, found by walking back from the page's date: the level
/// holds from its `since` to the day asked, so the day before `since` holds the level before.
fn level_rows(
    image: &Image,
    ctx: &Ctx,
    (a, b): (StateCode, StateCode),
    post: &PostId,
) -> Vec<LevelRow> {
    let mut starts: BTreeMap<ConsularService, BTreeMap<CivilDate, ServiceLevel>> = BTreeMap::new();
    let mut catalogue: Vec<ConsularService> = Vec::new();
    let mut pending = vec![ctx.as_of];
    let mut asked = BTreeSet::new();
    while let Some(day) = pending.pop() {
        if asked.len() >= MAX_LEVEL_QUERIES || !asked.insert(day) {
            continue;
        }
        let Ok(answer) = image.consular_services(a, b, ctx.with_date(day).view()) else {
            continue;
        };
        let Some(p) = answer
            .missions
            .iter()
            .flat_map(|m| &m.posts)
            .find(|p| &p.post == post)
        else {
            continue;
        };
        if catalogue.is_empty() {
            catalogue = p.services.iter().map(|s| s.service).collect();
        }
        for s in &p.services {
            let (Some(since), Some(level)) = (s.since, s.level) else {
                continue;
            };
            let start = since.earliest();
            starts.entry(s.service).or_default().insert(start, level);
            pending.push(start.add_days(-1));
        }
    }
    catalogue
        .into_iter()
        .map(|service| {
            let points: Vec<(CivilDate, ServiceLevel)> = starts
                .get(&service)
                .map(|m| m.iter().map(|(d, l)| (*d, *l)).collect())
                .unwrap_or_default();
            let periods = points
                .iter()
                .enumerate()
                .map(|(i, (d, l))| {
                    let until = points.get(i + 1).map_or(ctx.as_of, |n| n.0);
                    (*d, until, *l)
                })
                .collect();
            LevelRow {
                label: service_words(ctx, service),
                periods,
            }
        })
        .collect()
}
