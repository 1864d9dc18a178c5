//! A relation's overview: both missions side by side, parity, talks, the index, the way to the
//! roadmap and what-if, and the charts, all as of one date (and, when asked, as recorded through
//! one act).

use std::collections::{BTreeSet, HashMap};

use chancery_domain::image::posts::{PostStatus, PremisesStatus};
use chancery_domain::image::timeline::View;
use chancery_domain::query::{
    MeasureFilter, MeasureView, MissionPresence, Presence, QueryError, ReportView,
};
use chancery_domain::reciprocity::index::Step;
use chancery_domain::reciprocity::parity::{Definition, Outcome};
use chancery_domain::staff;
use chancery_domain::vocab::{Character, CommitmentStatus, Counting, MeasureKind};
use chancery_domain::{CivilDate, Image, MeasureId, StateCode};
use maud::{html, Markup};

use super::charts::{self, StaffSeries, TimelineRow};
use super::layout::page;
use super::pages::{measure_link, name_of, names, person_link, post_link, shown_name, the, Names};
use super::said::parity as said;
use super::search::also_written;
use super::{encode, life, Ctx};

/// Why an overview cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum OverviewError {
    #[error(transparent)]
    Query(#[from] QueryError),
}

fn report_text(ctx: &Ctx, r: &ReportView) -> String {
    ctx.t_args(
        "staff-figure",
        &[
            ("bound", r.bound.as_str().into()),
            ("n", r.value.into()),
            (
                "let_go",
                if r.figure.is_headcount() { "no" } else { "yes" }.into(),
            ),
        ],
    )
}

/// The first day charts start from: 1 January of the year of the relation's first measure or
/// report, so the demo's charts start in 2013 rather than in 2008 when the record begins.
/// Where a measure's bar ends: an event on its own date (it is never in force); a standing
/// measure at its lifting, its expiry or the page's date, whichever comes first.
fn measure_end(m: &MeasureView, as_of: CivilDate) -> CivilDate {
    if m.character == Character::Event {
        return m.effective.earliest();
    }
    let lapse = m.expires.map(|x| x.latest().add_days(1));
    [m.lifted.map(|l| l.earliest()), lapse]
        .into_iter()
        .flatten()
        .fold(as_of, CivilDate::min)
}

/// One mission's reported figures, one series per counting definition (widest first), each
/// (date, figure) by date.
type ReportSeries = Vec<(Counting, Vec<(CivilDate, u32)>)>;

/// Whole-mission staffing reports of `sending` in `host` that the view sees, one series per
/// counting definition (widest first), each by date: a sub-count is never joined to a total.
fn staff_reports(image: &Image, sending: StateCode, host: StateCode, view: View) -> ReportSeries {
    let mut series: ReportSeries = Vec::new();
    for r in image.staffing_reports(sending, host, view) {
        // Staff let go are not the mission's size, and a figure for some posts not all of it.
        if !r.posts.is_empty() || !r.figure.is_headcount() {
            continue;
        }
        let point = (r.date.earliest(), r.value);
        match series.iter_mut().find(|(c, _)| *c == r.counting) {
            Some((_, points)) => points.push(point),
            None => series.push((r.counting, vec![point])),
        }
    }
    series.sort_by_key(|(c, _)| std::cmp::Reverse(staff::breadth(*c)));
    series
}

/// A staffing figure with its counting, date and age, and what it must be read against.
/// `headline`: the mission's figure, in large type; a sub-count is not.
fn report_facts(ctx: &Ctx, m: &MissionPresence, r: &ReportView, headline: bool) -> Markup {
    html! {
        @if headline { span.figure { (report_text(ctx, r)) } } @else { strong { (report_text(ctx, r)) } }
        " "
        span.muted { "(" (ctx.counting_text(r.counting, r.includes_io)) "; " (ctx.t("reported")) " " (r.date) ", " (ctx.age_text(r.date, r.age_days))
            @if !r.posts.is_empty() {
                "; " @for (i, id) in r.posts.iter().enumerate() {
                    @if i > 0 { ", " }
                    @match m.posts.iter().find(|p| &p.id == id) {
                        Some(p) => (post_link(ctx, p.id.as_str(), &p.name)),
                        None => (id.as_str()),
                    }
                } " " (ctx.t("only"))
            }
            ")" }
        @if let Some(c) = &r.above_cap {
            br; span.bad { (ctx.t_args("above-cap", &[("cap", c.cap.into())])) } " — "
            (measure_link(ctx, &c.measure, c.external_ref.as_deref())) "; " (ctx.t("recorded-as-reported"))
        }
        @for p in &r.predates {
            br; span.bad { (ctx.predates_text(p)) }
        }
    }
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

/// Everything the overview shows, rendered as a page: the record as of `as_of`, as recorded
/// through act `known_through` when given.
pub fn render_overview(
    image: &Image,
    ctx: &Ctx,
    a: StateCode,
    b: StateCode,
) -> Result<Markup, OverviewError> {
    let ctx = Ctx {
        relation: Some((a, b)),
        ..*ctx
    };
    let as_of = ctx.as_of;
    let names = names(image, ctx.lang());
    let view = ctx.view();
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
        staff_reports(image, a, b, view),
        staff_reports(image, b, a, view),
    ];
    // The same baseline as the roadmap's, so their indexes share a scale.
    let start = image.default_baseline(a, b, view);
    let index = image.normalisation_index(a, b, start, as_of, start, Step::Month, view);

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
            (ctx.t("overview-lead")) " " strong { (as_of) }
            @if let Some(seq) = ctx.known_through { (ctx.t_args("footer-known-through", &[("seq", seq.into())])) }
            ". "
            span.noprint {
                a href=(prev.rel("")) { (ctx.t("overview-year-earlier")) } " · "
                a href=(next.rel("")) { (ctx.t("overview-year-later")) }
            }
        }
        (super::alerts::alerts_box(&ctx, &super::alert_pages::On { image, names: &names }, super::alerts::visible(image, &ctx).as_ref()))
        section aria-labelledby="missions" {
            h2 id="missions" { (ctx.t("overview-missions")) }
            div.cols {
                @for m in &presence.missions { (mission_panel(&ctx, image, &names, &refs, m)) }
            }
        }
        section aria-labelledby="parity" {
            h2 id="parity" { (ctx.t("overview-parity")) }
            p.muted { (ctx.t("overview-staff-counted-as")) " " (said::definition(&ctx, parity.definition.staff, parity.definition.include_io)) "." }
            table {
                caption.muted { (ctx.t("overview-parity-caption")) }
                thead { tr {
                    th scope="col" { (ctx.t("overview-dimension")) }
                    @for s in &parity.states { th scope="col" { (ctx.missions_of(&names, *s)) } }
                    th scope="col" { (ctx.t("overview-comparison")) }
                } }
                tbody {
                    @for d in &parity.dimensions {
                        tr {
                            th scope="row" { (ctx.label("parity", d.key)) }
                            @for s in &parity.states {
                                td {
                                    @if let Some(v) = d.values.get(s) {
                                        (said::value(&ctx, &names, v))
                                        @if !v.is_known() { " " span.tag { (ctx.t("unknown")) } }
                                        // Caveats and what is not counted: a figure without them
                                        // reads more certain than the record.
                                        @for n in said::notes(&ctx, &names, v) { br; small.muted { (n) } }
                                    }
                                }
                            }
                            td class=[(d.outcome == Outcome::Stricter).then_some("stricter")] { (said::comparison(&ctx, &names, d)) }
                        }
                    }
                }
            }
        }
        section aria-labelledby="negotiate" {
            h2 id="negotiate" { (ctx.t("overview-negotiating")) }
            ul {
                li {
                    a href=(ctx.whole_record().rel("/roadmap")) { (ctx.t("overview-roadmap-link")) " " (as_of) }
                    ": " (ctx.t("overview-roadmap-what"))
                }
                li {
                    a href=(ctx.whole_record().rel("/what-if")) { (ctx.t("overview-whatif-link")) }
                    ": " (ctx.t("overview-whatif-what"))
                }
            }
            @if ctx.known_through.is_some() { p.muted { (ctx.t("overview-whole-record")) } }
        }
        section aria-labelledby="consular" {
            h2 id="consular" { (ctx.t("overview-consular")) }
            p {
                a href=(ctx.rel("/consular")) { (ctx.t("overview-consular-desk")) }
                ": " (ctx.t("overview-consular-what"))
            }
            p.desk-links { a href=(ctx.rel("/diplomatic-list")) { (ctx.t("diplist-link")) } " · " a href=(ctx.rel("/alerts")) { (ctx.t("alerts-link")) } }
            @if let Some((a, b)) = ctx.relation {
                p.desk-links.noprint { (ctx.t("data-downloads")) ": "
                    @for d in chancery_app::datasets::Dataset::ALL {
                        a href=(format!("/api/v1/relations/{a}/{b}/export/{}.csv?as_of={as_of}", d.as_str())) download { (ctx.label("data-dataset", d.as_str())) } " "
                    }
                }
            }
        }
        section aria-labelledby="talks" {
            h2 id="talks" { (ctx.t("overview-talks")) }
            @match latest_round {
                Some(r) => p {
                    (ctx.t("overview-latest-round")) " "
                    a href=(ctx.rel(&format!("/rounds/{}", encode(r.id.as_str())))) { (r.date) ", " (r.venue.as_deref().unwrap_or(r.venue_state.as_str())) }
                    " (" (ctx.label("round-status", r.status)) "): " (r.outcome)
                },
                None => p { (ctx.t("overview-no-round")) },
            }
            p { a href=(ctx.rel("/talks")) { (ctx.t("round-all")) } " · " a href=(ctx.rel("/talks/brief")) { (ctx.t("talks-brief-link")) } }
            h3 { (ctx.t("overview-open-commitments")) " (" (open.len()) ")" }
            @if open.is_empty() { p { (ctx.t("none-sentence")) } }
            ul {
                @for c in &open {
                    li {
                        a href=(ctx.rel(&format!("/commitments/{}", encode(c.id.as_str())))) { (c.text) }
                        " — " (ctx.word(c.status))
                        @if let Some(due) = c.due { ", " (ctx.t("due")) " " (due) }
                        @if c.overdue { " " span.bad { (ctx.t("overdue")) } }
                        @if c.due_status == Some(chancery_domain::image::commitments::DueStatus::Due) { " (" (ctx.t("within-due-period")) ")" }
                    }
                }
            }
        }
        (super::claims::section(image, &ctx, &names, a, b))
        section aria-labelledby="index" {
            h2 id="index" { (ctx.t("overview-index")) }
            @match &index {
                Ok(series) => {
                    @if let Some(p) = series.points.last() {
                        p {
                            (ctx.t("overview-index-combined")) " " span.figure { (format!("{:.1}", p.combined)) }
                            " (" (ctx.t_args("index-base", &[("date", series.baseline.to_string().into())])) ")"
                            @for (s, side) in &p.sides {
                                " · " (ctx.missions_of(&names, *s)) ": " (format!("{:.1}", side.index))
                                @if let Some([lo, hi]) = side.index_range { " (" (ctx.t_args("index-uncertain", &[("lo", format!("{lo:.1}").into()), ("hi", format!("{hi:.1}").into())])) ")" }
                                " (" (ctx.t_args("measures-in-force-count", &[("n", side.measures_in_force.into())])) ")"
                            }
                        }
                    }
                    details { summary { (ctx.t("overview-index-how")) } p { (ctx.index_formula()) } }
                }
                Err(e) => p { (ctx.t("overview-index-none")) " " (e.to_string()) },
            }
        }
        section aria-labelledby="charts" {
            h2 id="charts" { (ctx.t("overview-charts")) }
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
    reports: &[ReportSeries; 2],
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
    let label = |(s, h): (StateCode, StateCode)| ctx.missions(names, s, h);

    let staff_series = |i: usize| {
        let (s, h) = missions[i];
        StaffSeries {
            label: label(missions[i]),
            reports: reports[i]
                .iter()
                .map(|(c, points)| {
                    (
                        ctx.label("counting-short", c.as_str()),
                        clamp_steps(points.clone(), start),
                    )
                })
                .collect(),
            caps: measures
                .iter()
                .filter(|m| m.actor == h && m.target == s && m.kind == MeasureKind::StaffCap)
                .filter_map(|m| {
                    let cap = m.magnitude.cap?;
                    let end = measure_end(m, as_of);
                    Some((m.effective.earliest().max(start), end, cap))
                })
                .collect(),
        }
    };
    let staffing = charts::staffing_in(
        ctx.lang(),
        "chart-staff",
        start,
        as_of,
        &[staff_series(0), staff_series(1)],
    );

    // Posts open: the count changes only on the dates of post acts, so asking the image on
    // those dates gives the exact step function. A post that opened on a date not on record
    // is open in every view from the record's start (the image says so, `start_unknown`), so it
    // does not jump in on the date the record first names it.
    let mut dates: BTreeSet<CivilDate> = missions
        .first()
        .map(|(a, b)| image.post_status_dates(*a, *b, ctx.view()))
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.earliest().max(start))
        .collect();
    dates.insert(start);
    let mut posts: [Vec<(CivilDate, u32)>; 2] = [Vec::new(), Vec::new()];
    if let [(a, b), _] = missions[..] {
        for d in dates {
            if let Ok(p) = image.presence(a, b, ctx.with_date(d).view()) {
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
    let (posts_title, posts_axis, unknown_opening) = (
        ctx.t("chart-posts-title"),
        ctx.t("chart-posts-axis"),
        ctx.t("chart-posts-unknown-opening"),
    );
    let posts_chart = charts::counts_in(
        ctx.lang(),
        "chart-posts",
        (&posts_title, &posts_axis, &unknown_opening),
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
            end: measure_end(m, as_of),
            in_force: m.in_force,
            answers: m
                .answers
                .iter()
                .filter_map(|p| position.get(p).copied())
                .collect(),
        })
        .collect();
    let sides = [
        the(&name_of(names, missions[0].0)),
        the(&name_of(names, missions[1].0)),
    ];
    let timeline = charts::measures_timeline_in(
        ctx.lang(),
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
            charts::index_in(
                ctx.lang(),
                "chart-index",
                series.baseline,
                (start, as_of),
                &[
                    (label(missions[0]), side(missions[0].0)),
                    (label(missions[1]), side(missions[1].0)),
                ],
                &combined,
            )
        }
        Err(e) => html!(p { (ctx.t("overview-no-index-chart")) " " (e.to_string()) }).into_string(),
    };

    html! {
        figure.chart {
            (maud::PreEscaped(staffing))
            figcaption { (ctx.t("chart-staff-caption")) }
        }
        figure.chart {
            (maud::PreEscaped(posts_chart))
            figcaption { (ctx.t("chart-posts-caption")) " " (ctx.t("chart-posts-unknown-opening")) }
        }
        figure.chart {
            (maud::PreEscaped(timeline))
            figcaption { (ctx.t("chart-measures-caption")) }
        }
        figure.chart {
            (maud::PreEscaped(index_chart))
            figcaption { (ctx.t_args("chart-index-caption", &[("date", start.to_string().into())])) }
        }
        h3 { (ctx.t("overview-all-measures")) }
        table {
            thead { tr { th scope="col" { (ctx.t("col-taken")) } th scope="col" { (ctx.t("col-ref")) } th scope="col" { (ctx.t("col-by")) } th scope="col" { (ctx.t("col-kind")) } th scope="col" { (ctx.t("col-summary")) } th scope="col" { (ctx.t("col-answers")) } th scope="col" { (ctx.t("col-status-on")) " " (ctx.as_of) } } }
            tbody {
                @for m in measures {
                    tr {
                        td { (m.date) }
                        td { (measure_link(ctx, &m.id, m.external_ref.as_deref())) }
                        td { (m.actor) }
                        td { (ctx.word(m.kind)) }
                        td { (m.summary) }
                        td { @for (i, p) in m.answers.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, p, None)) } }
                        td { (life::status_and_label(ctx, m)) }
                    }
                }
            }
        }
    }
}

fn mission_panel(
    ctx: &Ctx,
    image: &Image,
    names: &Names,
    refs: &HashMap<&MeasureId, &str>,
    m: &MissionPresence,
) -> Markup {
    let heading = ctx.missions(names, m.sending, m.host);
    // People and posts in every script the record gives them (Линн Трейси / Lynne Tracy).
    let person_names = |name: &str| image.person_names(m.sending, m.host, name, ctx.view());
    html! {
        section.panel aria-label=(heading) {
            h3 { (heading) }
            dl.facts {
                dt { (ctx.t("head-of-mission")) }
                dd {
                    @if let Some(h) = &m.head_of_mission {
                        (person_link(ctx, &h.name)) (also_written(&person_names(&h.name))) " " (ctx.t("since")) " " (h.since)
                        @if let Some(c) = h.credentials_presented { ", " (ctx.t("credentials-presented")) " " (c) }
                        @if let Some(away) = h.absent_since { " — " span.bad { (ctx.t("away-since")) " " (away) } }
                        @if h.absence_unreported { " — " span.bad { (ctx.t("away-since-unreported")) } }
                    } @else if let Some(v) = m.vacant_since {
                        span.bad { (ctx.t("vacant")) } " " (ctx.t("since")) " " (v)
                        @if let Some(days) = m.vacant_days { " (" (ctx.t_args("days", &[("n", days.into())])) ")" }
                    } @else {
                        (ctx.t("not-on-record"))
                    }
                    @if let Some(u) = &m.head_uncertain {
                        br; span.bad { (ctx.t("uncertain-that-day")) } ": " (ctx.t("otherwise")) " " (super::said::asof::otherwise(ctx, u)) ", " (ctx.t("by-event-dated")) " " (u.pending)
                    }
                    @if m.head_certainty == chancery_domain::image::asof::Certainty::StartUnknown {
                        " " span.muted { "(" (ctx.t("head-start-unknown")) ")" }
                    }
                }
                @if let Some(c) = &m.charge_d_affaires {
                    dt { (ctx.t("charge-d-affaires")) }
                    dd { (person_link(ctx, &c.name)) (also_written(&person_names(&c.name))) " " (ctx.t("since")) " " (c.since) }
                }
                dt { (ctx.t("staff")) }
                dd {
                    @if let Some(r) = &m.staff.headline {
                        (report_facts(ctx, m, r, true))
                    } @else {
                        (ctx.t("no-mission-figure"))
                    }
                    @if !m.staff.sub_counts.is_empty() {
                        ul.sub-counts aria-label=(ctx.t("sub-counts")) {
                            @for r in &m.staff.sub_counts {
                                li { (ctx.t("sub-count")) ": " (report_facts(ctx, m, r, false)) }
                            }
                        }
                    }
                    @if m.staff.individuals.total > 0 {
                        br; span.muted { (ctx.t_args("individuals-present", &[("n", m.staff.individuals.total.into())])) }
                    }
                    @if m.staff.individuals.family > 0 {
                        br; span.muted { (ctx.t_args("family-present", &[("n", m.staff.individuals.family.into())])) }
                    }
                }
                dt { (ctx.t("caps-in-force")) }
                dd {
                    @if m.caps.is_empty() { (ctx.t("none")) }
                    ul {
                        @for c in &m.caps {
                            li {
                                span.figure { (c.cap) } " "
                                span.muted { (ctx.counting_text(c.counting, c.includes_io)) }
                                " " (ctx.t("since")) " " (c.since) " — " (measure_link(ctx, &c.measure, c.external_ref.as_deref()))
                                @if c.at_parity { " " span.muted { "(" (ctx.t("cap-at-parity")) ")" } }
                                @if let Some(why) = &c.not_counted { " " span.muted { "(" (ctx.t("cap-not-counted")) " " (why) ")" } }
                            }
                        }
                    }
                }
                dt { (ctx.t("measures-in-force")) }
                dd {
                    @if m.measures_in_force.is_empty() { (ctx.t("none")) }
                    @for (i, r) in m.measures_in_force.iter().enumerate() {
                        @if i > 0 { ", " }
                        (measure_link(ctx, &r.id, r.external_ref.as_deref()))
                        " " span.muted { "(" (ctx.word(r.kind)) ")" }
                    }
                }
            }
            table {
                caption.muted { (ctx.t("posts")) }
                thead { tr { th scope="col" { (ctx.t("col-post")) } th scope="col" { (ctx.t("col-status")) } th scope="col" { (ctx.t("col-consular-service")) } } }
                tbody {
                    @for p in &m.posts {
                        @let (post_names, city_names) = image.post_names(&p.id, ctx.view());
                        tr {
                            td { (post_link(ctx, p.id.as_str(), &p.name)) (also_written(&post_names)) br; span.muted { (ctx.word(p.kind)) ", " (shown_name(&p.city)) (also_written(&city_names)) } }
                            td class=[(p.status != PostStatus::Open).then_some("bad")] { (ctx.post_status_text(p)) }
                            td { @match &p.consular_services {
                                Some(s) => { (ctx.word(s.level)) " " (ctx.t("since")) " " (s.since) },
                                None => span.muted { (ctx.t("not-recorded")) },
                            } }
                        }
                    }
                }
            }
            @if !m.premises.is_empty() {
                table {
                    caption.muted { (ctx.t("premises")) }
                    thead { tr { th scope="col" { (ctx.t("premises")) } th scope="col" { (ctx.t("col-status")) } } }
                    tbody {
                        @for p in &m.premises {
                            tr {
                                td { (shown_name(&p.name)) br; span.muted { (ctx.word(p.kind)) ", " (shown_name(&p.city)) } }
                                td class=[(!matches!(p.status, PremisesStatus::InUse | PremisesStatus::Returned)).then_some("bad")] {
                                    (ctx.premises_status_text(p))
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
