//! "What if" for the negotiator: tick measures in force to lift and/or add one hypothetical act
//! of any kind, and compare parity and the index on the page's date with the record as it is.
//!
//! A GET form, so it works without JavaScript and its answer is a link; it writes nothing: the
//! domain records the hypothetical acts on a copy of the relation (`Image::what_if`), checking
//! each as if it were real, and a refusal comes back with the rule's message. Choosing the kind
//! of the hypothetical act takes one round trip (the "show its fields" button) to draw that
//! kind's fields, drawn from the same specs as the forms that record acts.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chancery_domain::query::{MeasureFilter, MeasureView};
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::reciprocity::whatif::{WhatIf, WhatIfFailure};
use chancery_domain::{Act, CivilDate, Image, StateCode};
use maud::{html, Markup};
use serde_json::json;

use super::forms::{self, Errors, KindSpec};
use super::layout;
use super::pages::{measure_link, name_of, names, possessive, the};
use super::said::parity as said;
use super::{as_of_or_redirect, html as respond, relation, Ctx, PageError};
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;

type Names = BTreeMap<StateCode, String>;

/// What the form asks, from the query string (`lift` may repeat).
struct Request {
    lifts: Vec<String>,
    kind: Option<&'static KindSpec>,
    /// The hypothetical act's fields, by the act's JSON keys.
    values: HashMap<String, String>,
    /// The kind was just chosen: draw its fields, do not apply it yet.
    fields_only: bool,
}

impl Request {
    fn parse(pairs: Vec<(String, String)>, as_of: CivilDate) -> Result<Request, PageError> {
        let mut lifts: Vec<String> = Vec::new();
        let mut kind = None;
        let mut fields_only = false;
        let mut values = HashMap::new();
        for (k, v) in pairs {
            match k.as_str() {
                "as_of" | "known_through" => {}
                "lift" => {
                    let id = v.trim().to_owned();
                    if !id.is_empty() && !lifts.contains(&id) {
                        lifts.push(id);
                    }
                }
                "kind" if !v.trim().is_empty() => {
                    kind = Some(forms::spec(v.trim()).ok_or_else(|| {
                        PageError::bad_request(format!("there is no kind of act `{}`", v.trim()))
                            .saying("whatif-no-such-kind", &[("kind", v.trim())])
                    })?);
                }
                "go" => fields_only = v == "fields",
                _ => {
                    values.insert(k, v);
                }
            }
        }
        values
            .entry("date".to_owned())
            .or_insert_with(|| as_of.to_string());
        Ok(Request {
            lifts,
            kind,
            values,
            fields_only,
        })
    }
}

/// What the comparison came to.
enum Outcome {
    /// Nothing to compare yet.
    Empty,
    Answer(Box<WhatIf>),
    /// A hypothetical act could not be read or the rules refuse it: the message for the page,
    /// and by field for the added act's form.
    Refused {
        message: String,
        errors: Errors,
    },
}

fn lift_act(id: &str, as_of: CivilDate) -> Result<Act, String> {
    Act::from_json(json!({
        "kind": "measure_lifted",
        "date": as_of.to_string(),
        "measure": id,
    }))
    .map_err(|e| format!("lifting `{id}`: {}", e.message))
}

fn compare(image: &Image, ctx: &Ctx, req: &Request) -> Result<Outcome, PageError> {
    let Some((a, b)) = ctx.relation else {
        return Err(PageError::not_found("no relation"));
    };
    let refused = |message: String, errors: Errors| Ok(Outcome::Refused { message, errors });
    let mut acts = Vec::new();
    for id in &req.lifts {
        match lift_act(id, ctx.as_of) {
            Ok(act) => acts.push(act),
            Err(message) => return refused(message, Errors::new()),
        }
    }
    let added = req.kind.filter(|_| !req.fields_only);
    if let Some(spec) = added {
        let act = forms::act_json_in(ctx.lang(), spec, &req.values).and_then(|json| {
            Act::from_json(json).map_err(|e| {
                Errors::from([(forms::error_field(spec, e.field.as_deref()), e.message)])
            })
        });
        match act {
            Ok(act) => acts.push(act),
            Err(errors) => {
                return refused(ctx.t("whatif-act-unreadable"), errors);
            }
        }
    }
    if acts.is_empty() {
        return Ok(Outcome::Empty);
    }
    match image.what_if(a, b, ctx.view(), &acts, &Definition::default()) {
        Ok(w) => Ok(Outcome::Answer(Box::new(w))),
        Err(WhatIfFailure::Refused(r)) => {
            let message = forms::rule_message(ctx, &names(image, ctx.lang()), &r.violation);
            match (req.lifts.get(r.index), added) {
                (Some(id), _) => refused(
                    ctx.t_args(
                        "refusal-what-if-lifting",
                        &[("id", id.as_str().into()), ("message", message.into())],
                    ),
                    Errors::new(),
                ),
                (None, Some(spec)) => {
                    let field = forms::error_field(spec, r.violation.field);
                    refused(
                        ctx.t_args(
                            "refusal-what-if-added",
                            &[("message", message.as_str().into())],
                        ),
                        Errors::from([(field, message)]),
                    )
                }
                (None, None) => refused(message, Errors::new()),
            }
        }
        Err(WhatIfFailure::Query(e)) => Err(PageError::not_found(e.to_string())),
    }
}

pub async fn page(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    lang: super::Lang,
    Path((a, b)): Path<(String, String)>,
    uri: Uri,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let raw_as_of = pairs
        .iter()
        .find(|(k, _)| k == "as_of")
        .map(|(_, v)| v.clone());
    let as_of = match as_of_or_redirect(&uri, raw_as_of.as_deref()) {
        Ok(d) => d,
        Err(r) => return *r,
    };
    let scope = super::Scope::of(&who).in_lang(lang);
    let work = move || -> Result<(StatusCode, Markup), PageError> {
        let relation = relation(&a, &b).map_err(|e| e.in_lang(lang))?;
        let ctx = Ctx::new(as_of, Some(relation)).scoped(scope);
        let req = Request::parse(pairs, as_of).map_err(|e| e.in_ctx(ctx))?;
        let image = app.chancery.image();
        let in_force = image
            .measures(relation.0, relation.1, ctx.view(), MeasureFilter::InForce)
            .map_err(|e| PageError::not_found(e.to_string()).in_ctx(ctx))?;
        let outcome = compare(&image, &ctx, &req).map_err(|e| e.in_ctx(ctx))?;
        let status = match outcome {
            Outcome::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::OK,
        };
        Ok((
            status,
            render(&ctx, &names(&image, ctx.lang()), &in_force, &req, &outcome),
        ))
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok((status, markup))) => (status, respond(markup)).into_response(),
        Ok(Err(e)) => e.into_response(),
        Err(e) => PageError::internal(e).into_response(),
    }
}

fn lift_choices(ctx: &Ctx, names: &Names, in_force: &[MeasureView], req: &Request) -> Markup {
    let Some((a, b)) = ctx.relation else {
        return html! {};
    };
    html! {
        fieldset {
            legend { (ctx.t("whatif-lift-legend")) " " (ctx.as_of) }
            p.help { (ctx.t_args("whatif-lift-help", &[("date", ctx.as_of.to_string().into())])) }
            @if in_force.is_empty() { p { (ctx.t("whatif-nothing-in-force")) } }
            @for (actor, target) in [(a, b), (b, a)] {
                @let mine: Vec<&MeasureView> = in_force.iter().filter(|m| m.actor == actor).collect();
                @if !mine.is_empty() {
                    h3 { (ctx.t_args("whatif-by-against", &[("actor", name_of(names, actor).into()), ("the_actor", the(&name_of(names, actor)).into()), ("target", name_of(names, target).into()), ("the_target_possessive", possessive(&the(&name_of(names, target))).into())])) }
                    ul.checks {
                        @for m in mine {
                            @let id = format!("lift-{}", m.id);
                            li {
                                input type="checkbox" id=(id) name="lift" value=(m.id) checked[req.lifts.iter().any(|l| l == m.id.as_str())];
                                " "
                                label for=(id) {
                                    strong { (m.external_ref.as_deref().unwrap_or(m.id.as_str())) }
                                    " " (ctx.word(m.kind)) ", " (ctx.t("since")) " " (m.effective) ": " (m.summary)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn added_act(ctx: &Ctx, req: &Request, errors: &Errors) -> Markup {
    let chosen = req.kind.map(|k| k.kind);
    let date_field = forms::ENVELOPE.iter().find(|f| f.name == "date");
    html! {
        fieldset {
            legend { (ctx.t("whatif-add-legend")) }
            p.help { (ctx.t_args("whatif-add-help", &[("date", ctx.as_of.to_string().into())])) }
            div.field {
                label for="w-kind" { (ctx.t("whatif-kind")) }
                select id="w-kind" name="kind" {
                    option value="" { (ctx.t("none")) }
                    @for k in forms::KINDS { option value=(k.kind) selected[chosen == Some(k.kind)] { (ctx.label("kind", k.kind)) } }
                }
            }
            button.secondary type="submit" name="go" value="fields" { (ctx.t("whatif-show-fields")) }
            @if let Some(spec) = req.kind {
                @for f in spec.fields.iter().chain(date_field) { (forms::field(ctx.lang(), f, &req.values, errors)) }
            }
        }
    }
}

fn answer(ctx: &Ctx, names: &Names, w: &WhatIf) -> Markup {
    let states = &w.parity_before.states;
    let changed = |key: &str| w.changed.iter().any(|c| c == key);
    html! {
        p.success role="status" {
            (ctx.t_args("whatif-applied", &[("n", w.acts_applied.into())]))
        }
        h3 { (ctx.t("whatif-index-on")) " " (ctx.as_of) }
        table {
            caption.muted { (ctx.t("whatif-index-caption")) }
            thead { tr {
                th scope="col" { (ctx.t("overview-missions")) } th scope="col" class="num" { (ctx.t("whatif-restriction-record")) }
                th scope="col" class="num" { (ctx.t("whatif-restriction-after")) } th scope="col" class="num" { (ctx.t("whatif-index")) }
            } }
            tbody {
                @for s in states {
                    tr {
                        th scope="row" { (ctx.missions_of(names, *s)) }
                        td.num { (w.index.restriction_before.get(s).map_or("—".into(), |r| format!("{r:.1}"))) }
                        td.num { (w.index.restriction_after.get(s).map_or("—".into(), |r| format!("{r:.1}"))) }
                        td.num { strong { (w.index.index.get(s).map_or("—".into(), |r| format!("{r:.1}"))) } }
                    }
                }
                tr { th scope="row" { (ctx.t("whatif-combined")) } td {} td {} td.num { strong { (format!("{:.1}", w.index.combined)) } } }
            }
        }
        details { summary { (ctx.t("overview-index-how")) } p { (ctx.index_formula()) } }
        @if !w.assumptions.is_empty() {
            h3 { (ctx.t("whatif-assumed")) }
            p.muted { (ctx.t("whatif-assumed-help")) }
            ul { @for a in &w.assumptions { li { (super::pages::unticked(&super::said::roadmap::assumption(ctx, &a.said))) } } }
        }
        h3 { (ctx.t("whatif-changed")) }
        @if w.changed.is_empty() { p { (ctx.t("whatif-none-changed")) } }
        ul {
            @for d in w.parity_before.dimensions.iter().filter(|d| changed(d.key)) { li { (ctx.label("parity", d.key)) } }
        }
        h3 { (ctx.t("whatif-parity")) }
        table {
            caption.muted { (ctx.t("overview-parity-caption")) " " (ctx.t("overview-staff-counted-as")) " " (said::definition(ctx, w.parity_after.definition.staff, w.parity_after.definition.include_io)) "." }
            thead { tr {
                th scope="col" { (ctx.t("overview-dimension")) }
                @for s in states {
                    th scope="col" { (ctx.missions_of(names, *s)) ": " (ctx.t("whatif-record")) }
                    th scope="col" { (ctx.t("whatif-what-if")) }
                }
                th scope="col" { (ctx.t("whatif-comparison")) }
            } }
            tbody {
                @for (before, after) in w.parity_before.dimensions.iter().zip(&w.parity_after.dimensions) {
                    tr class=[changed(before.key).then_some("changed")] {
                        th scope="row" { (ctx.label("parity", before.key)) @if changed(before.key) { " " span.tag { (ctx.t("whatif-changed-tag")) } } }
                        @for s in states {
                            td { (before.values.get(s).map_or_else(|| "—".to_owned(), |v| said::value(ctx, names, v))) }
                            td { (after.values.get(s).map_or_else(|| "—".to_owned(), |v| said::value(ctx, names, v))) }
                        }
                        td {
                            (said::comparison(ctx, names, after))
                            @if before.comparison != after.comparison {
                                br; span.muted { (ctx.t("whatif-on-record")) " " (said::comparison(ctx, names, before)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn render(
    ctx: &Ctx,
    names: &Names,
    in_force: &[MeasureView],
    req: &Request,
    outcome: &Outcome,
) -> Markup {
    let Some((a, b)) = ctx.relation else {
        return layout::page(
            ctx,
            &ctx.t("nav-what-if"),
            html! { p { (ctx.t("no-relation")) } },
        );
    };
    let title = ctx.t_args(
        "whatif-title",
        &[
            ("a", name_of(names, a).into()),
            ("b", name_of(names, b).into()),
        ],
    );
    let no_errors = Errors::new();
    let errors = match outcome {
        Outcome::Refused { errors, .. } => errors,
        _ => &no_errors,
    };
    let lifted: Vec<&MeasureView> = in_force
        .iter()
        .filter(|m| req.lifts.iter().any(|l| l == m.id.as_str()))
        .collect();
    let content = html! {
        h1 { (title) }
        p {
            (ctx.t("whatif-lead-1")) " " strong { (ctx.as_of) } " " (ctx.t("whatif-lead-2")) " "
            a href=(ctx.rel("/roadmap")) { (ctx.t("whatif-see-roadmap")) } " " (ctx.t("whatif-lead-3"))
        }
        // The answer comes first, so that it is in view when the page comes back.
        @match outcome {
            Outcome::Empty => {},
            Outcome::Refused { message, .. } => section.alert role="alert" aria-labelledby="result" {
                h2 id="result" { (ctx.t("whatif-refused")) }
                p { (message) }
                p { (ctx.t("whatif-nothing-compared")) }
            },
            Outcome::Answer(w) => section aria-labelledby="result" {
                h2 id="result" { (ctx.t("whatif-result")) }
                @if !lifted.is_empty() {
                    p { (ctx.t("whatif-lifted-on")) " " (ctx.as_of) ": " @for (i, m) in lifted.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, &m.id, m.external_ref.as_deref())) } "." }
                }
                (answer(ctx, names, w))
            },
        }
        h2 { (ctx.t("whatif-choose")) }
        @if matches!(outcome, Outcome::Empty) { p { (ctx.t("whatif-choose-help")) } }
        form.whatif method="get" action=(format!("/relations/{a}/{b}/what-if")) {
            input type="hidden" name="as_of" value=(ctx.as_of);
            (lift_choices(ctx, names, in_force, req))
            (added_act(ctx, req, errors))
            button type="submit" name="go" value="compare" { (ctx.t("whatif-compare")) }
        }
    };
    layout::page(ctx, &title, content)
}
