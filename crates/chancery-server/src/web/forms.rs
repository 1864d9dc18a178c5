//! Forms to record acts: one page per kind, its fields drawn from the domain's kinds, posted as an
//! ordinary form (no JavaScript). The form is turned into the act's flat JSON and recorded
//! through the same `Chancery::record` as the API, so the domain decides what is valid; its
//! message is shown beside the field it names, and nothing is recorded on error.

use std::collections::HashMap;

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chancery_domain::{Act, CivilDate, RuleViolation};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::layout::page;
use super::pages::{count, vocab_text};
use super::{html as respond, Ctx, PageError};
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::{today, Audited, ServiceError};

mod fields;

pub use fields::{spec, Choice, Field, Input, KindSpec, ENVELOPE, KINDS};

use Input::*;

#[derive(Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
    as_of: Option<String>,
}

fn ctx_for(app: &AppState, as_of: Option<&str>, who: &Principal) -> Ctx {
    let as_of = as_of
        .and_then(|s| s.trim().parse::<CivilDate>().ok())
        .unwrap_or_else(today);
    let states = app.chancery.image().states();
    Ctx::new(as_of, super::home_relation(&states)).scoped(super::Scope::of(who))
}

/// Errors by field name; `""` for the form as a whole.
pub(super) type Errors = HashMap<String, String>;

pub async fn form_page(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    Query(q): Query<NewQuery>,
) -> Response {
    let ctx = ctx_for(&app, q.as_of.as_deref(), &who);
    match q.kind.as_deref().filter(|k| !k.is_empty()) {
        None => respond(kinds_page(&ctx)),
        Some(kind) => match spec(kind) {
            Some(spec) => {
                let mut values = HashMap::new();
                values.insert("date".to_owned(), ctx.as_of.to_string());
                respond(form(&ctx, spec, &values, &Errors::new()))
            }
            None => PageError::not_found(format!("there is no kind of act `{kind}`"))
                .in_ctx(ctx)
                .into_response(),
        },
    }
}

fn kinds_page(ctx: &Ctx) -> Markup {
    page(
        ctx,
        "Record an act",
        html! {
            h1 { "Record an act" }
            p { "Choose what happened. Every act is checked against the record at its date before it is recorded; a refused act changes nothing." }
            ul.kinds {
                @for k in KINDS {
                    li { a href=(ctx.href(&format!("/acts/new?kind={}", k.kind))) { (k.label) } }
                }
            }
        },
    )
}

fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

pub(super) fn field(f: &Field, values: &HashMap<String, String>, errors: &Errors) -> Markup {
    let id = field_id(f.name);
    let value = values.get(f.name).map(String::as_str).unwrap_or("");
    let error = errors.get(f.name);
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = match (error.is_some(), f.help.is_empty()) {
        (true, true) => Some(err_id.clone()),
        (true, false) => Some(format!("{err_id} {help_id}")),
        (false, false) => Some(help_id.clone()),
        (false, true) => None,
    };
    let invalid = error.map(|_| "true");
    html! {
        div.field.invalid[error.is_some()] {
            @if let Bool = f.input {
                label for=(id) {
                    input type="checkbox" id=(id) name=(f.name) value="true" checked[value == "true"]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid];
                    " " (f.label)
                }
            } @else {
                label for=(id) { (f.label) @if f.required { " " span.muted { "(required)" } } }
            }
            @if let Some(e) = error { span.error id=(err_id) { "Error: " (beside_field(e)) } }
            @if !f.help.is_empty() { span.help id=(help_id) { (f.help) } }
            @match f.input {
                Bool => {},
                LongText | Lines | Places => textarea id=(id) name=(f.name) rows="3" required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid] { (value) },
                Number => input type="number" min="0" step="1" id=(id) name=(f.name) value=(value) required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                Select(choice) => select id=(id) name=(f.name) required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                    option value="" { "—" }
                    @for o in choice.values() { option value=(o) selected[value == o] { (vocab_text(o)) } }
                },
                State => input type="text" id=(id) name=(f.name) value=(value) required[f.required] maxlength="2"
                    autocapitalize="characters" size="4" aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                Text | Date | Ids => input type="text" id=(id) name=(f.name) value=(value) required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
            }
        }
    }
}

fn form(ctx: &Ctx, spec: &KindSpec, values: &HashMap<String, String>, errors: &Errors) -> Markup {
    let title = format!("Record: {}", spec.label);
    let shown: Vec<&Field> = spec.fields.iter().chain(ENVELOPE).collect();
    let label_of = |name: &str| shown.iter().find(|f| f.name == name).map(|f| f.label);
    // Errors the form cannot put beside a field are listed at the top as well.
    let stray: Vec<(&String, &String)> = errors
        .iter()
        .filter(|(k, _)| label_of(k).is_none())
        .collect();
    html! {
        (page(ctx, &title, html! {
            h1 { (title) }
            p { a href=(ctx.href("/acts/new")) { "Choose another kind of act" } }
            @if !errors.is_empty() {
                div.alert role="alert" aria-labelledby="errors-title" {
                    h2 id="errors-title" { "Nothing was recorded" }
                    ul {
                        @for (name, message) in errors {
                            li {
                                @if let Some(label) = label_of(name) {
                                    a href=(format!("#{}", field_id(name))) { (label) } ": " (beside_field(message))
                                } @else if !name.is_empty() {
                                    (name) ": " (message)
                                } @else {
                                    (message)
                                }
                            }
                        }
                    }
                }
            }
            p.muted { "Recorded as you (" (ctx.scope.reader_label()) "): your organisation may record acts of its own relations, seen no more widely than it may see." }
            form.act method="post" action="/acts/new" {
                input type="hidden" name="kind" value=(spec.kind);
                input type="hidden" name="as_of" value=(ctx.as_of);
                fieldset {
                    legend { (spec.label) }
                    @for f in spec.fields { (field(f, values, errors)) }
                }
                fieldset {
                    legend { "Date and sources" }
                    @for f in ENVELOPE { (field(f, values, errors)) }
                }
                @if !stray.is_empty() { p.muted { (count(stray.len(), "error", "errors")) " above concern fields this form does not show." } }
                button type="submit" { "Record" }
            }
        }))
    }
}

/// One place per line, `City, CC` or `City, CC, post-id`, as the act's `routed_to` objects.
fn places(raw: &str) -> Result<Value, String> {
    let mut out = Vec::new();
    for (n, line) in raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.split(',').map(str::trim).collect();
        let (city, state, post) = match parts[..] {
            [city, state] => (city, state, None),
            [city, state, post] => (city, state, Some(post)),
            _ => {
                return Err(format!(
                    "line {}: `{line}` is not `City, CC` or `City, CC, post-id`",
                    n + 1
                ))
            }
        };
        let mut place = Map::new();
        place.insert("city".into(), Value::String(city.to_owned()));
        place.insert("state".into(), Value::String(state.to_uppercase()));
        if let Some(p) = post {
            place.insert("post".into(), Value::String(p.to_owned()));
        }
        out.push(Value::Object(place));
    }
    Ok(Value::Array(out))
}

/// Builds the act's flat JSON from the form, or the errors of fields that cannot be read.
pub(super) fn act_json(spec: &KindSpec, values: &HashMap<String, String>) -> Result<Value, Errors> {
    let mut root = Map::new();
    root.insert("kind".into(), Value::String(spec.kind.into()));
    let mut errors = Errors::new();
    for f in spec.fields.iter().chain(ENVELOPE) {
        let raw = values.get(f.name).map(|s| s.trim()).unwrap_or("");
        if raw.is_empty() {
            continue;
        }
        let value = match f.input {
            Bool => Value::Bool(raw == "true" || raw == "on"),
            Number => match raw.parse::<u64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    errors.insert(f.name.into(), format!("`{raw}` is not a whole number"));
                    continue;
                }
            },
            Ids => Value::Array(
                raw.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            Lines => Value::Array(
                raw.lines()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            Places => match places(raw) {
                Ok(v) => v,
                Err(e) => {
                    errors.insert(f.name.into(), e);
                    continue;
                }
            },
            State => Value::String(raw.to_uppercase()),
            Text | LongText | Date | Select(_) => Value::String(raw.to_owned()),
        };
        match f.name.split_once('.') {
            Some((outer, inner)) => {
                let entry = root
                    .entry(outer.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(inner.to_owned(), value);
                }
            }
            None => {
                root.insert(f.name.into(), value);
            }
        }
    }
    // `internal:US` in the form is `{"internal": "US"}` in the act.
    if let Some(Value::String(v)) = root.get("visibility") {
        if let Some(state) = v.strip_prefix("internal:") {
            let state = state.trim().to_uppercase();
            root.insert(
                "visibility".into(),
                serde_json::json!({ "internal": state }),
            );
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(root))
    } else {
        Err(errors)
    }
}

/// The spec field a domain error names: `scope.posts[0]` is the field `scope.posts`, and a
/// nested object named alone (`scope`) goes to its first field.
pub(super) fn error_field(spec: &KindSpec, named: Option<&str>) -> String {
    let Some(named) = named else {
        return String::new();
    };
    let base = named.split('[').next().unwrap_or(named);
    let fields = || spec.fields.iter().chain(ENVELOPE);
    if let Some(f) = fields().find(|f| f.name == base) {
        return f.name.to_owned();
    }
    let prefix = format!("{base}.");
    if let Some(f) = fields().find(|f| f.name.starts_with(&prefix)) {
        return f.name.to_owned();
    }
    // A key inside a nested object reported alone (`cap` for `magnitude.cap`).
    if let Some(f) =
        fields().find(|f| f.name.rsplit('.').next() == Some(base) && f.name.contains('.'))
    {
        return f.name.to_owned();
    }
    base.to_owned()
}

/// A message shown beside the field it is about, or after that field's label: without the
/// "(field `post`)" the domain adds to say which field, which the page already shows.
fn beside_field(message: &str) -> String {
    let Some(at) = message.find(" (field `") else {
        return message.to_owned();
    };
    match message[at..].find("`)") {
        Some(end) => format!("{}{}", &message[..at], &message[at + end + 2..]),
        None => message.to_owned(),
    }
}

/// A rule's refusal as shown beside a field: the message, the Vienna Convention article where
/// one applies, and the rule's code.
pub(super) fn rule_message(v: &RuleViolation) -> String {
    match v.article {
        Some(article) => format!("{} ({article}) [{}]", v.message, v.code),
        None => format!("{} [{}]", v.message, v.code),
    }
}

pub async fn submit(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<crate::access::Source>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let mut values: HashMap<String, String> = HashMap::new();
    for (k, v) in pairs {
        values.insert(k, v);
    }
    let ctx = ctx_for(&app, values.get("as_of").map(String::as_str), &who);
    // Cross-origin posts never get here: the authorisation layer refuses them for every route.
    let kind = values.get("kind").cloned().unwrap_or_default();
    let Some(spec) = spec(&kind) else {
        return PageError::bad_request(format!("there is no kind of act `{kind}`"))
            .in_ctx(ctx)
            .into_response();
    };
    let audited = Audited {
        log: &app.accounts,
        who: &who,
        source: &source.0,
    };
    let show = |status: StatusCode, errors: &Errors| {
        (status, respond(form(&ctx, spec, &values, errors))).into_response()
    };
    let refuse = |status: StatusCode, errors: Errors| {
        // Refused before it is an act: audited like any refused act (and aggregated alike).
        let mut detail: Vec<String> = errors
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect();
        detail.sort();
        let detail = detail.join("; ");
        audited.refused_before_act(spec.kind.to_owned(), detail);
        show(status, &errors)
    };
    let json = match act_json(spec, &values) {
        Ok(j) => j,
        Err(errors) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let act = match Act::from_json(json) {
        Ok(a) => a,
        Err(e) => {
            let field = error_field(spec, e.field.as_deref());
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                Errors::from([(field, e.message)]),
            );
        }
    };
    let date = act.envelope.date.earliest();
    match app.chancery.record_as(act, audited).await {
        Ok(stored) => {
            // Show the act as of its own date (or the page's, if later), so it is visible.
            let shown = ctx.with_date(ctx.as_of.max(date));
            Redirect::to(&shown.href(&format!("/acts/{}", stored.seq))).into_response()
        }
        Err(ServiceError::Forbidden(why)) => {
            show(StatusCode::FORBIDDEN, &Errors::from([(String::new(), why)]))
        }
        Err(ServiceError::Rule(v)) => {
            let field = error_field(spec, v.field);
            show(
                StatusCode::UNPROCESSABLE_ENTITY,
                &Errors::from([(field, rule_message(&v))]),
            )
        }
        // Recording audited the outcome itself: the form is only shown again.
        Err(e) => {
            // Statuses and words as the API's: a failed journal is a 503 that says so, and an
            // internal cause stays in the operator's log.
            let outcome = crate::outcome::Outcome::from(e);
            show(
                outcome.status,
                &Errors::from([(
                    String::new(),
                    format!("the act could not be recorded: {}", outcome.message),
                )]),
            )
        }
    }
}
