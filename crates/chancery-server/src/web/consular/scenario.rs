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

fn number<T: std::str::FromStr>(
    errors: &mut FieldErrors,
    field: &'static str,
    v: &Option<String>,
    what: &str,
) -> Option<T> {
    let s = text(v)?;
    match s.parse() {
        Ok(x) => Some(x),
        Err(_) => {
            errors.push((field, format!("“{s}” is not {what}.")));
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
    let day = |e: &mut FieldErrors, f, v| number::<u32>(e, f, v, "a whole number of days");
    if let Some(to) = number::<u32>(&mut e, "officers_to", &form.officers_to, "a whole number") {
        changes.push(ScenarioChange::Officers(StaffRamp {
            to,
            from_day: day(&mut e, "officers_from_day", &form.officers_from_day).unwrap_or(0),
            over_days: day(&mut e, "officers_over_days", &form.officers_over_days).unwrap_or(0),
        }));
        owners.push("officers_to");
    }
    if let Some(to) = number::<u32>(
        &mut e,
        "local_staff_to",
        &form.local_staff_to,
        "a whole number",
    ) {
        changes.push(ScenarioChange::LocalStaff(StaffRamp {
            to,
            from_day: day(&mut e, "local_staff_from_day", &form.local_staff_from_day).unwrap_or(0),
            over_days: day(&mut e, "local_staff_over_days", &form.local_staff_over_days)
                .unwrap_or(0),
        }));
        owners.push("local_staff_to");
    }
    if let Some(factor) = number::<f64>(&mut e, "demand_factor", &form.demand_factor, "a number") {
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
                "Choose the service whose demand changes.".into(),
            )),
        }
    }
    // Days or a service given without the figure they go with would otherwise be dropped, and
    // the page would answer the record unchanged as if the change had been tried.
    for (figure, given, what) in [
        (
            "officers_to",
            [&form.officers_from_day, &form.officers_over_days],
            "Give the number of officers to go with the days.",
        ),
        (
            "local_staff_to",
            [&form.local_staff_from_day, &form.local_staff_over_days],
            "Give the number of local staff to go with the days.",
        ),
        (
            "demand_factor",
            [&form.demand_service, &form.demand_from_day],
            "Give the factor to go with the service or the day.",
        ),
    ] {
        let figure_given = match figure {
            "officers_to" => text(&form.officers_to).is_some(),
            "local_staff_to" => text(&form.local_staff_to).is_some(),
            _ => text(&form.demand_factor).is_some(),
        };
        if !figure_given && given.iter().any(|v| text(v).is_some()) {
            e.push((figure, what.into()));
        }
    }
    let lift: Vec<MeasureId> = match text(&form.lift).map(str::parse) {
        Some(Ok(m)) => vec![m],
        Some(Err(_)) => {
            e.push(("lift", "That is not a measure's id.".into()));
            Vec::new()
        }
        None => Vec::new(),
    };
    let days = number(&mut e, "days", &form.days, "a whole number of days").unwrap_or(182);
    let replications =
        number(&mut e, "replications", &form.replications, "a whole number").unwrap_or(10);
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
            h2 id="scenario" { "Try a scenario" }
            p { "Change the post's staff or demand from the day asked and compare the waits with the figures on record. Nothing is recorded." }
            (form_markup(ctx, post, form, &errors, &limits_in_force(image, ctx, post)))
            @if let Some(a) = &answer { (results(a)) }
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
            format!("The form could not be read: {why}."),
        )]);
    }
    let (request, owners) = request(form, ctx)?;
    let pair = relation_of(ctx).map_err(|_| vec![("scenario", "No relation.".to_owned())])?;
    // The API's bound on simulations at once holds for the page too.
    let Ok(_permit) = crate::api::consular::SIMULATIONS.try_acquire() else {
        return Err(vec![(
            "scenario",
            "Other simulations are running: try again shortly.".to_owned(),
        )]);
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

fn input(name: &'static str, label: &str, value: &Option<String>, errors: &FieldErrors) -> Markup {
    let error = errors.iter().find(|(f, _)| *f == name).map(|(_, m)| m);
    let err_id = format!("{name}-error");
    html! {
        p {
            label for=(name) { (label) } " "
            input type="text" id=(name) name=(name) size="8" value=[value.as_deref()]
                aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| err_id.as_str())];
            @if let Some(m) = error { " " span.error id=(err_id) { "Error: " (m) } }
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
                legend { "Officers" }
                (input("officers_to", "Officers become", &form.officers_to, errors))
                (input("officers_from_day", "from day", &form.officers_from_day, errors))
                (input("officers_over_days", "over days", &form.officers_over_days, errors))
            }
            fieldset {
                legend { "Local staff" }
                p {
                    label for="lift" { "Lift the local-staff limit" } " "
                    @let lift_error = errors.iter().find(|(f, _)| *f == "lift").map(|(_, m)| m);
                    select id="lift" name="lift" aria-invalid=[lift_error.map(|_| "true")] aria-describedby=[lift_error.map(|_| "lift-error")] {
                        option value="" { "— none: the limit in force still binds" }
                        @for (id, label) in limits {
                            option value=(id.as_str()) selected[form.lift.as_deref() == Some(id.as_str())] { (label) }
                        }
                    }
                    @if limits.is_empty() { " " span.muted { "(no local-staff limit in force against this mission)" } }
                    @if let Some(m) = lift_error { " " span.error id="lift-error" { "Error: " (m) } }
                }
                (input("local_staff_to", "Local staff become", &form.local_staff_to, errors))
                (input("local_staff_from_day", "from day", &form.local_staff_from_day, errors))
                (input("local_staff_over_days", "over days", &form.local_staff_over_days, errors))
            }
            fieldset {
                legend { "Demand" }
                p {
                    label for="demand_service" { "Service" } " "
                    select id="demand_service" name="demand_service" {
                        option value="" { "—" }
                        @for s in ConsularService::ALL {
                            option value=(s.as_str()) selected[form.demand_service.as_deref() == Some(s.as_str())] { (s.words()) }
                        }
                    }
                    @if let Some((_, m)) = errors.iter().find(|(f, _)| *f == "demand_service") { " " span.error id="demand_service-error" { "Error: " (m) } }
                }
                (input("demand_factor", "Demand times", &form.demand_factor, errors))
                (input("demand_from_day", "from day", &form.demand_from_day, errors))
            }
            (input("days", "Days to simulate (7 to 730; 182 when empty)", &form.days, errors))
            (input("replications", "Replications (1 to 50; 10 when empty)", &form.replications, errors))
            @if let Some((_, m)) = general { p.error { "Error: " (m) } }
            button type="submit" name="scenario" value="run" { "Compare with the record" }
        }
    }
}

fn results(a: &ScenarioAnswer) -> Markup {
    let week = |w: u32| a.as_of.add_days(i32::try_from(w).unwrap_or(0) * 7);
    let series: Vec<WaitSeries> = [
        (&a.baseline, "baseline", false),
        (&a.scenario, "scenario", true),
    ]
    .into_iter()
    .flat_map(|(run, label, dashed)| {
        run.services
            .iter()
            .enumerate()
            .map(move |(i, s)| WaitSeries {
                label: format!("{}, median, {label}", s.service.words()),
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
    let title = format!("Waits at {}: the record and the scenario", a.name);
    html! {
        h3 { "The record and the scenario" }
        @if !a.notes.is_empty() { ul { @for n in &a.notes { li { (n) } } } }
        figure.chart {
            (PreEscaped(waits("scenario-chart", &title, "Medians; the baseline solid, the scenario dashed.", &series)))
            figcaption { "Median days to an appointment for the requests made in each week from " (a.as_of) "; the baseline solid, the scenario dashed; shaded ranges are the 10th to 90th percentiles across " (a.replications) " replications." }
        }
        @for (b, s) in a.baseline.services.iter().zip(&a.scenario.services) {
            table {
                caption { (b.service.words()) ": every fourth week, record → scenario" }
                thead { tr {
                    th scope="col" { "Week of" } th scope="col" class="num" { "Capacity a week" }
                    th scope="col" class="num" { "Demand a week" } th scope="col" class="num" { "Median wait, days" }
                    th scope="col" class="num" { "90th percentile, days" } th scope="col" class="num" { "Waiting at the week's end" }
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
            summary { "Method and assumptions" }
            p { (a.method) }
            ul { @for x in &a.assumptions { li { (x) } } }
        }
    }
}

fn pair(before: Option<&f64>, after: Option<&f64>) -> String {
    let f = |v: Option<&f64>| v.map_or("—".to_owned(), |v| format!("{v:.0}"));
    format!("{} → {}", f(before), f(after))
}
