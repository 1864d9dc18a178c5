//! "Try a scenario" on the post desk: a GET form (no JavaScript) for a staffing change, a
//! local-staff limit lifted with staff returning, or a demand shock, and the baseline and the
//! scenario side by side on the same page. Each error is shown beside its field in plain words.

use chancery_domain::consular::scenario::{
    DemandChange, ScenarioAnswer, ScenarioChange, ScenarioError, ScenarioRequest, StaffRamp,
};
use chancery_domain::query::MeasureFilter;
use chancery_domain::vocab::{ConsularService, MeasureKind};
use chancery_domain::{Image, MeasureId, PostId};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

use super::super::charts::{waits, WaitSeries};
use super::super::pages::relation_of;
use super::super::Ctx;
use super::{english_only, service_words};

/// The form as sent: every field text, so that a bad value is shown back beside its field.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ScenarioForm {
    pub officers_to: Option<String>,
    pub officers_from_day: Option<String>,
    pub officers_over_days: Option<String>,
    pub local_staff_to: Option<String>,
    pub local_staff_from_day: Option<String>,
    pub local_staff_over_days: Option<String>,
    pub lift: Option<String>,
    pub demand_service: Option<String>,
    pub demand_factor: Option<String>,
    pub demand_from_day: Option<String>,
    pub days: Option<String>,
    pub replications: Option<String>,
    /// Set by the form's button: without it the page shows the empty form only.
    pub scenario: Option<String>,
    /// Why the query could not be read as a form (a field given twice): shown on the form.
    #[serde(skip)]
    pub unreadable: Option<String>,
}

impl ScenarioForm {
    /// The form, or an empty one that says why the query could not be read.
    pub fn read(form: Result<ScenarioForm, String>) -> ScenarioForm {
        form.unwrap_or_else(|why| ScenarioForm {
            scenario: Some("run".to_owned()),
            unreadable: Some(why),
            ..ScenarioForm::default()
        })
    }
}

type FieldErrors = Vec<(&'static str, String)>;

fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// What a field must hold, for the words of its error.
#[derive(Clone, Copy)]
enum Expect {
    Whole,
    Days,
    Number,
}

fn number<T: std::str::FromStr>(
    ctx: &Ctx,
    errors: &mut FieldErrors,
    field: &'static str,
    v: &Option<String>,
    what: Expect,
) -> Option<T> {
    let s = text(v)?;
    match s.parse() {
        Ok(x) => Some(x),
        Err(_) => {
            let value = [("value", s.into())];
            errors.push((
                field,
                match what {
                    Expect::Whole => ctx.t_args("consular-scenario-error-not-whole", &value),
                    Expect::Days => ctx.t_args("consular-scenario-error-not-days", &value),
                    Expect::Number => ctx.t_args("consular-scenario-error-not-number", &value),
                },
            ));
            None
        }
    }
}

/// The request, and for each of its changes the form field its errors belong beside.
fn request(
    form: &ScenarioForm,
    ctx: &Ctx,
) -> Result<(ScenarioRequest, Vec<&'static str>), FieldErrors> {
    let mut e = FieldErrors::new();
    let mut changes = Vec::new();
    let mut owners = Vec::new();
    let day = |e: &mut FieldErrors, f, v| number::<u32>(ctx, e, f, v, Expect::Days);
    if let Some(to) = number::<u32>(ctx, &mut e, "officers_to", &form.officers_to, Expect::Whole) {
        changes.push(ScenarioChange::Officers(StaffRamp {
            to,
            from_day: day(&mut e, "officers_from_day", &form.officers_from_day).unwrap_or(0),
            over_days: day(&mut e, "officers_over_days", &form.officers_over_days).unwrap_or(0),
        }));
        owners.push("officers_to");
    }
    if let Some(to) = number::<u32>(
        ctx,
        &mut e,
        "local_staff_to",
        &form.local_staff_to,
        Expect::Whole,
    ) {
        changes.push(ScenarioChange::LocalStaff(StaffRamp {
            to,
            from_day: day(&mut e, "local_staff_from_day", &form.local_staff_from_day).unwrap_or(0),
            over_days: day(&mut e, "local_staff_over_days", &form.local_staff_over_days)
                .unwrap_or(0),
        }));
        owners.push("local_staff_to");
    }
    if let Some(factor) = number::<f64>(
        ctx,
        &mut e,
        "demand_factor",
        &form.demand_factor,
        Expect::Number,
    ) {
        let service = text(&form.demand_service).and_then(|s| {
            ConsularService::ALL
                .iter()
                .find(|c| c.as_str() == s)
                .copied()
        });
        match service {
            Some(service) => {
                changes.push(ScenarioChange::Demand(DemandChange {
                    service,
                    factor: Some(factor),
                    per_week: None,
                    from_day: day(&mut e, "demand_from_day", &form.demand_from_day).unwrap_or(0),
                    over_days: 0,
                }));
                owners.push("demand_factor");
            }
            None => e.push((
                "demand_service",
                ctx.t("consular-scenario-error-choose-service"),
            )),
        }
    }
    // Days or a service given without the figure they go with would otherwise be dropped, and
    // the page would answer the record unchanged as if the change had been tried.
    for (figure, given, what) in [
        (
            "officers_to",
            [&form.officers_from_day, &form.officers_over_days],
            ctx.t("consular-scenario-error-officers-figure"),
        ),
        (
            "local_staff_to",
            [&form.local_staff_from_day, &form.local_staff_over_days],
            ctx.t("consular-scenario-error-local-staff-figure"),
        ),
        (
            "demand_factor",
            [&form.demand_service, &form.demand_from_day],
            ctx.t("consular-scenario-error-demand-figure"),
        ),
    ] {
        let figure_given = match figure {
            "officers_to" => text(&form.officers_to).is_some(),
            "local_staff_to" => text(&form.local_staff_to).is_some(),
            _ => text(&form.demand_factor).is_some(),
        };
        if !figure_given && given.iter().any(|v| text(v).is_some()) {
            e.push((figure, what));
        }
    }
    let lift: Vec<MeasureId> = match text(&form.lift).map(str::parse) {
        Some(Ok(m)) => vec![m],
        Some(Err(_)) => {
            e.push(("lift", ctx.t("consular-scenario-error-not-measure")));
            Vec::new()
        }
        None => Vec::new(),
    };
    let days = number(ctx, &mut e, "days", &form.days, Expect::Days).unwrap_or(182);
    let replications = number(
        ctx,
        &mut e,
        "replications",
        &form.replications,
        Expect::Whole,
    )
    .unwrap_or(10);
    if !e.is_empty() {
        return Err(e);
    }
    Ok((
        ScenarioRequest {
            as_of: Some(ctx.as_of),
            days,
            seed: 1,
            replications,
            lift,
            changes,
        },
        owners,
    ))
}

/// The form field a domain error belongs beside.
fn field_of(e: &ScenarioError, owners: &[&'static str]) -> &'static str {
    let f = e.field();
    match f {
        "days" => return "days",
        "replications" => return "replications",
        _ if f.starts_with("lift") => return "lift",
        _ => {}
    }
    f.strip_prefix("changes[")
        .and_then(|r| r.split(']').next())
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| owners.get(i).copied())
        .unwrap_or("scenario")
}

/// The form, and when it was sent, the answer or the errors beside their fields.
pub fn scenario_section(image: &Image, ctx: &Ctx, post: &PostId, form: &ScenarioForm) -> Markup {
    let (answer, errors) = if form.scenario.is_some() {
        match run(image, ctx, post, form) {
            Ok(a) => (Some(a), FieldErrors::new()),
            Err(e) => (None, e),
        }
    } else {
        (None, FieldErrors::new())
    };
    html! {
        section aria-labelledby="scenario" {
            h2 id="scenario" { (ctx.t("consular-scenario-heading")) }
            p { (ctx.t("consular-scenario-intro")) }
            (form_markup(ctx, post, form, &errors, &limits_in_force(image, ctx, post)))
            @if let Some(a) = &answer { (results(ctx, a)) }
        }
    }
}

fn run(
    image: &Image,
    ctx: &Ctx,
    post: &PostId,
    form: &ScenarioForm,
) -> Result<ScenarioAnswer, FieldErrors> {
    if let Some(why) = &form.unreadable {
        return Err(vec![(
            "scenario",
            ctx.t_args(
                "consular-scenario-error-unreadable",
                &[("why", why.as_str().into())],
            ),
        )]);
    }
    let (request, owners) = request(form, ctx)?;
    let pair = relation_of(ctx)
        .map_err(|_| vec![("scenario", ctx.t("consular-scenario-error-no-relation"))])?;
    // The API's bound on simulations at once holds for the page too.
    let Ok(_permit) = crate::api::consular::SIMULATIONS.try_acquire() else {
        return Err(vec![("scenario", ctx.t("consular-scenario-error-busy"))]);
    };
    image
        .consular_scenario(pair, post, ctx.view(), &request)
        .map_err(|e| vec![(field_of(&e, &owners), plain(&e))])
}

/// The domain's message without its field name in backticks: the field is beside it.
fn plain(e: &ScenarioError) -> String {
    let m = e.to_string();
    match m.split_once("`: ") {
        Some((_, rest)) if m.starts_with('`') => rest.to_owned(),
        _ => m,
    }
}

fn input(
    ctx: &Ctx,
    name: &'static str,
    label: &str,
    value: &Option<String>,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.iter().find(|(f, _)| *f == name).map(|(_, m)| m);
    let err_id = format!("{name}-error");
    html! {
        p {
            label for=(name) { (label) } " "
            input type="text" id=(name) name=(name) size="8" value=[value.as_deref()]
                aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| err_id.as_str())];
            @if let Some(m) = error { " " span.error id=(err_id) { (ctx.t("consular-scenario-error-prefix")) " " (m) } }
        }
    }
}

/// The local-staff limits in force on the day against the post's mission, as the reader sees
/// them: what the form offers to lift, by reference and summary rather than a typed id.
fn limits_in_force(image: &Image, ctx: &Ctx, post: &PostId) -> Vec<(MeasureId, String)> {
    let Ok((a, b)) = relation_of(ctx) else {
        return Vec::new();
    };
    let Some(sending) = image
        .consular_services(a, b, ctx.view())
        .ok()
        .and_then(|s| {
            s.missions
                .into_iter()
                .find(|m| m.posts.iter().any(|p| &p.post == post))
        })
        .map(|m| m.sending)
    else {
        return Vec::new();
    };
    image
        .measures(a, b, ctx.view(), MeasureFilter::InForce)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| {
            m.kind == MeasureKind::LocalStaffLimit
                && m.target == sending
                && (m.scope.posts.is_empty() || m.scope.posts.contains(post))
        })
        .map(|m| {
            let label = match &m.external_ref {
                Some(r) => format!("{r}: {}", m.summary),
                None => m.summary.clone(),
            };
            (m.id, label)
        })
        .collect()
}

fn form_markup(
    ctx: &Ctx,
    post: &PostId,
    form: &ScenarioForm,
    errors: &FieldErrors,
    limits: &[(MeasureId, String)],
) -> Markup {
    let action = match ctx.relation {
        Some((a, b)) => format!("/relations/{a}/{b}/posts/{post}/consular"),
        None => "/".to_owned(),
    };
    let general = errors.iter().find(|(f, _)| *f == "scenario");
    html! {
        form method="get" action=(action) {
            input type="hidden" name="as_of" value=(ctx.as_of);
            fieldset {
                legend { (ctx.t("consular-scenario-officers")) }
                (input(ctx, "officers_to", &ctx.t("consular-scenario-officers-to"), &form.officers_to, errors))
                (input(ctx, "officers_from_day", &ctx.t("consular-scenario-from-day"), &form.officers_from_day, errors))
                (input(ctx, "officers_over_days", &ctx.t("consular-scenario-over-days"), &form.officers_over_days, errors))
            }
            fieldset {
                legend { (ctx.t("consular-scenario-local-staff")) }
                p {
                    label for="lift" { (ctx.t("consular-scenario-lift")) } " "
                    @let lift_error = errors.iter().find(|(f, _)| *f == "lift").map(|(_, m)| m);
                    select id="lift" name="lift" aria-invalid=[lift_error.map(|_| "true")] aria-describedby=[lift_error.map(|_| "lift-error")] {
                        option value="" { (ctx.t("consular-scenario-lift-none")) }
                        @for (id, label) in limits {
                            option value=(id.as_str()) selected[form.lift.as_deref() == Some(id.as_str())] { (label) }
                        }
                    }
                    @if limits.is_empty() { " " span.muted { (ctx.t("consular-scenario-no-limit")) } }
                    @if let Some(m) = lift_error { " " span.error id="lift-error" { (ctx.t("consular-scenario-error-prefix")) " " (m) } }
                }
                (input(ctx, "local_staff_to", &ctx.t("consular-scenario-local-staff-to"), &form.local_staff_to, errors))
                (input(ctx, "local_staff_from_day", &ctx.t("consular-scenario-from-day"), &form.local_staff_from_day, errors))
                (input(ctx, "local_staff_over_days", &ctx.t("consular-scenario-over-days"), &form.local_staff_over_days, errors))
            }
            fieldset {
                legend { (ctx.t("consular-scenario-demand")) }
                p {
                    label for="demand_service" { (ctx.t("consular-scenario-service")) } " "
                    select id="demand_service" name="demand_service" {
                        option value="" { "—" }
                        @for s in ConsularService::ALL {
                            option value=(s.as_str()) selected[form.demand_service.as_deref() == Some(s.as_str())] { (service_words(ctx, *s)) }
                        }
                    }
                    @if let Some((_, m)) = errors.iter().find(|(f, _)| *f == "demand_service") { " " span.error id="demand_service-error" { (ctx.t("consular-scenario-error-prefix")) " " (m) } }
                }
                (input(ctx, "demand_factor", &ctx.t("consular-scenario-demand-factor"), &form.demand_factor, errors))
                (input(ctx, "demand_from_day", &ctx.t("consular-scenario-from-day"), &form.demand_from_day, errors))
            }
            (input(ctx, "days", &ctx.t("consular-scenario-days"), &form.days, errors))
            (input(ctx, "replications", &ctx.t("consular-scenario-replications"), &form.replications, errors))
            @if let Some((_, m)) = general { p.error { (ctx.t("consular-scenario-error-prefix")) " " (m) } }
            button type="submit" name="scenario" value="run" { (ctx.t("consular-scenario-submit")) }
        }
    }
}

fn results(ctx: &Ctx, a: &ScenarioAnswer) -> Markup {
    let week = |w: u32| a.as_of.add_days(i32::try_from(w).unwrap_or(0) * 7);
    let series: Vec<WaitSeries> = [(&a.baseline, false), (&a.scenario, true)]
        .into_iter()
        .flat_map(|(run, dashed)| {
            run.services
                .iter()
                .enumerate()
                .map(move |(i, s)| WaitSeries {
                    label: if dashed {
                        ctx.t_args(
                            "consular-scenario-series-scenario",
                            &[("service", service_words(ctx, s.service).into())],
                        )
                    } else {
                        ctx.t_args(
                            "consular-scenario-series-baseline",
                            &[("service", service_words(ctx, s.service).into())],
                        )
                    },
                    colour: i,
                    dashed,
                    weeks: s
                        .waits_weekly
                        .iter()
                        .map(|w| (week(w.week), w.p50))
                        .collect(),
                })
        })
        .collect();
    let title = ctx.t_args(
        "consular-scenario-chart-title",
        &[("post", a.name.as_str().into())],
    );
    html! {
        h3 { (ctx.t("consular-scenario-results-heading")) }
        @if !a.notes_said.is_empty() { ul { @for n in &a.notes_said { li { (super::super::said::consular::scenario_note(ctx, n)) } } } }
        figure.chart {
            (PreEscaped(waits(ctx.lang(), "scenario-chart", &title, &ctx.t("consular-scenario-chart-note"), &series)))
            figcaption { (ctx.t_args("consular-scenario-chart-caption", &[("date", a.as_of.to_string().into()), ("n", a.replications.into())])) }
        }
        @for (b, s) in a.baseline.services.iter().zip(&a.scenario.services) {
            table {
                caption { (ctx.t_args("consular-scenario-table-caption", &[("service", service_words(ctx, b.service).into())])) }
                thead { tr {
                    th scope="col" { (ctx.t("consular-scenario-col-week")) } th scope="col" class="num" { (ctx.t("consular-col-capacity")) }
                    th scope="col" class="num" { (ctx.t("consular-col-demand")) } th scope="col" class="num" { (ctx.t("consular-scenario-col-median")) }
                    th scope="col" class="num" { (ctx.t("consular-scenario-col-p90")) } th scope="col" class="num" { (ctx.t("consular-scenario-col-backlog")) }
                } }
                tbody {
                    @for w in (0..b.waits_weekly.len().min(s.waits_weekly.len())).step_by(4) {
                        tr {
                            th scope="row" { (week(u32::try_from(w).unwrap_or(0))) }
                            td.num { (pair(b.capacity_weekly.get(w), s.capacity_weekly.get(w))) }
                            td.num { (pair(b.demand_weekly.get(w), s.demand_weekly.get(w))) }
                            td.num { (pair(Some(&b.waits_weekly[w].p50.mean), Some(&s.waits_weekly[w].p50.mean))) }
                            td.num { (pair(Some(&b.waits_weekly[w].p90.mean), Some(&s.waits_weekly[w].p90.mean))) }
                            td.num { (pair(b.backlog_weekly.get(w).map(|x| &x.mean), s.backlog_weekly.get(w).map(|x| &x.mean))) }
                        }
                    }
                }
            }
        }
        details.method {
            summary { (ctx.t("consular-scenario-method")) }
            p lang=[english_only(ctx)] { (a.method) }
            ul lang=[english_only(ctx)] { @for x in &a.assumptions { li { (x) } } }
        }
    }
}

fn pair(before: Option<&f64>, after: Option<&f64>) -> String {
    let f = |v: Option<&f64>| v.map_or("—".to_owned(), |v| format!("{v:.0}"));
    format!("{} → {}", f(before), f(after))
}
