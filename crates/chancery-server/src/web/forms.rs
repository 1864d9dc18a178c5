//! Forms to record acts, for a protocol officer: the relation is chosen first and the kind
//! next (each a GET, no JavaScript), then a form whose fields offer the relation's things the
//! user may see, its states and the audiences the organisation may record for. The form's text
//! is read by the domain's collecting parser (`act::form`), so every fault is shown at once;
//! then the act is recorded as the API records it (`Chancery::record_as_every_fault`), so the
//! domain decides what is valid, and a refusal lists every rule the act breaks, each with its
//! article, in the page's language. A recording redirects
//! to a confirmation page (post, redirect, get) with links to what was recorded.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chancery_domain::act::form::{act_from_form, Fault};
use chancery_domain::act::Kind;
use chancery_domain::image::timeline::View;
use chancery_domain::{Act, CivilDate, RuleViolation, StateCode};
use serde::Deserialize;
use serde_json::Value;

use super::i18n::{self, Lang};
use super::pages::{names, Names};
use super::said::refusals;
use super::{html as respond, Ctx, PageError};
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::{OrgKind, Principal};
use chancery_app::{today, Audited, Refused, ServiceError};

mod fields;
mod offer;
mod recorded;
mod render;
mod steps;

pub use fields::{spec, Field, KindSpec, ENVELOPE, KINDS};
pub use offer::vocab_prefix;
use offer::Offer;
pub use render::label;

#[derive(Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
    as_of: Option<String>,
    /// `US-RU`: the relation the form's choices are drawn from.
    relation: Option<String>,
}

fn ctx_for(app: &AppState, as_of: Option<&str>, who: &Principal, lang: Lang) -> Ctx {
    let as_of = as_of
        .and_then(|s| s.trim().parse::<CivilDate>().ok())
        .unwrap_or_else(today);
    let states = app.chancery.image().states();
    Ctx::new(as_of, super::home_relation(&states)).scoped(super::Scope::of(who).in_lang(lang))
}

/// Errors by field name; `""` for the form as a whole.
pub(super) type Errors = HashMap<String, String>;

/// A field as the what-if page shows it: typed, without the record's choices.
pub(super) fn field(
    lang: Lang,
    f: &Field,
    values: &HashMap<String, String>,
    errors: &Errors,
) -> maud::Markup {
    render::field(lang, f, values, errors, None)
}

fn org_of(who: &Principal) -> Option<OrgKind> {
    who.user().map(|u| u.org.kind)
}

/// A relation as the page orders its two states.
type Pair = (StateCode, StateCode);

/// The relation of the form: the one asked for if the organisation records in it, else the
/// demo's, else the first it records in.
fn relation_for(app: &AppState, who: &Principal, asked: Option<&str>) -> (Vec<Pair>, Option<Pair>) {
    let image = app.chancery.image();
    let states = image.states();
    let offered =
        steps::relations_for(org_of(who), &states, &image.relations_seen_by(who.reader()));
    drop(image);
    let same =
        |x: (StateCode, StateCode), y: (StateCode, StateCode)| x == y || (x.0 == y.1 && x.1 == y.0);
    // The demo's relation in its own order (United States – Russia), whoever lists it.
    let home = super::home_relation(&states);
    let offered: Vec<_> = offered
        .into_iter()
        .map(|r| match home {
            Some(h) if same(r, h) => h,
            _ => r,
        })
        .collect();
    let parse = |s: &str| -> Option<(StateCode, StateCode)> {
        let (a, b) = s.split_once('-')?;
        Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
    };
    // In the order asked, so the demo's relation reads United States – Russia.
    let pick =
        |want: (StateCode, StateCode)| offered.iter().any(|r| same(*r, want)).then_some(want);
    let chosen = asked
        .and_then(parse)
        .and_then(pick)
        .or_else(|| super::home_relation(&states).and_then(pick))
        .or_else(|| offered.first().copied());
    (offered, chosen)
}

fn offer_for(app: &AppState, who: &Principal, ctx: &Ctx, rel: (StateCode, StateCode)) -> Offer {
    let image = app.chancery.image();
    let view = View::whole_record(ctx.as_of, who.reader());
    Offer::new(&image, rel, view, org_of(who), ctx.lang())
}

pub async fn form_page(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    lang: Lang,
    Query(q): Query<NewQuery>,
) -> Response {
    let ctx = ctx_for(&app, q.as_of.as_deref(), &who, lang);
    let (relations, chosen) = relation_for(&app, &who, q.relation.as_deref());
    let ctx = Ctx {
        relation: chosen.or(ctx.relation),
        ..ctx
    };
    match q.kind.as_deref().filter(|k| !k.is_empty()) {
        None => {
            let states = app.chancery.image().states_in(lang.code());
            respond(steps::kinds_page(&ctx, &who, &states, &relations, chosen))
        }
        Some(kind) => match (spec(kind), Kind::parse(kind)) {
            (Some(spec), Some(k)) => {
                if !steps::may_record_kind(&who, k) {
                    return PageError::new(
                        StatusCode::FORBIDDEN,
                        "error-not-allowed",
                        ctx.t_args(
                            "forms-not-your-kind",
                            &[("kind", ctx.label("kind", spec.kind).into())],
                        ),
                    )
                    .in_ctx(ctx)
                    .into_response();
                }
                let mut values = HashMap::new();
                values.insert("date".to_owned(), ctx.as_of.to_string());
                values.insert("visibility".to_owned(), "public".to_owned());
                let offer = chosen.map(|rel| offer_for(&app, &who, &ctx, rel));
                respond(render::form(
                    &ctx,
                    spec,
                    &values,
                    &Errors::new(),
                    offer.as_ref(),
                ))
            }
            _ => PageError::not_found(ctx.t_args("forms-no-such-kind", &[("kind", kind.into())]))
                .in_ctx(ctx)
                .into_response(),
        },
    }
}

/// What an identifier is made from when left empty: the thing's name, summary, venue or text
/// (a case by its kind and city, never the person), with the date for talks.
fn name_for_id(kind: Kind, values: &HashMap<String, String>) -> Option<String> {
    let get = |k: &str| values.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let text = match kind.subject() {
        chancery_domain::act::Subject::Case => {
            format!("{} {}", get("case_kind")?, get("city").unwrap_or(""))
        }
        chancery_domain::act::Subject::Talks => format!(
            "{} {}",
            get("venue").or_else(|| get("venue_state"))?,
            get("date").unwrap_or("")
        ),
        _ => ["name", "summary", "text", "city"]
            .iter()
            .find_map(|k| get(k))?
            .to_owned(),
    };
    // Long prose gives a long identifier: its first words are enough.
    Some(
        text.split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Fills every identifier the act creates and the user left empty; returns those made.
fn propose_ids(
    app: &AppState,
    kind: Kind,
    rel: Option<(StateCode, StateCode)>,
    values: &mut HashMap<String, String>,
) -> Vec<String> {
    let Some(rel) = rel else { return Vec::new() };
    let mut made = Vec::new();
    for f in kind.fields().iter().filter(|f| f.creates) {
        if values.get(f.name).is_some_and(|v| !v.trim().is_empty()) {
            continue;
        }
        let Some(name) = name_for_id(kind, values) else {
            continue;
        };
        let id = app.chancery.image().propose_id(rel, &name);
        values.insert(f.name.to_owned(), id.clone());
        made.push(id);
    }
    made
}

/// A fault of a field's text, in `lang`.
fn fault_text(lang: Lang, fault: &Fault) -> String {
    let m = |id: &str, args: &[(&str, i18n::Arg<'_>)]| i18n::message(lang, id, args);
    match fault {
        Fault::Required => m("forms-fault-required", &[]),
        Fault::NotADate(g) => m("forms-fault-not-a-date", &[("given", g.as_str().into())]),
        Fault::NotAState(g) => m("forms-fault-not-a-state", &[("given", g.as_str().into())]),
        Fault::NotACount(g) => m("forms-fault-not-a-count", &[("given", g.as_str().into())]),
        Fault::NotAnId(g) => m("forms-fault-not-an-id", &[("given", g.as_str().into())]),
        Fault::NotAVisibility(g) => m(
            "forms-fault-not-a-visibility",
            &[("given", g.as_str().into())],
        ),
        Fault::NotAPlace { line, given } => m(
            "forms-fault-not-a-place",
            &[
                ("line", line.to_string().into()),
                ("given", given.as_str().into()),
            ],
        ),
        Fault::NotAChoice { given, allowed } => m(
            "forms-fault-not-a-choice",
            &[
                ("given", given.as_str().into()),
                ("allowed", allowed.join(", ").into()),
            ],
        ),
    }
}

/// Builds the act's flat JSON from the form, or the errors of every field that cannot be read.
pub(super) fn act_json_in(
    lang: Lang,
    spec: &KindSpec,
    values: &HashMap<String, String>,
) -> Result<Value, Errors> {
    let Some(kind) = Kind::parse(spec.kind) else {
        return Err(Errors::from([(
            String::new(),
            format!("there is no kind of act `{}`", spec.kind),
        )]));
    };
    act_from_form(kind, |k| values.get(k).map(String::as_str)).map_err(|faults| {
        faults
            .into_iter()
            .map(|f| (f.field.to_owned(), fault_text(lang, &f.fault)))
            .collect()
    })
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

/// A rule's refusal as shown beside a field, in the page's language: the rule, the Vienna
/// Convention article where one applies, and (in English) the rule's code.
pub(super) fn rule_message(ctx: &Ctx, names: &Names, v: &RuleViolation) -> String {
    refusals::shown(ctx, names, v)
}

/// Every fault the rules found, each beside its field; two faults of one field read one after
/// the other, in the rules' order.
fn rule_errors(ctx: &Ctx, names: &Names, spec: &KindSpec, faults: &[RuleViolation]) -> Errors {
    let mut errors = Errors::new();
    for v in faults {
        let message = rule_message(ctx, names, v);
        errors
            .entry(error_field(spec, v.field))
            .and_modify(|m: &mut String| {
                m.push(' ');
                m.push_str(&message);
            })
            .or_insert(message);
    }
    errors
}

#[derive(Deserialize)]
pub struct RecordedQuery {
    as_of: Option<String>,
    /// Identifiers made from names, said on the page.
    #[serde(default)]
    made: Option<String>,
}

/// The confirmation after recording act `seq`: only for who may see it.
pub async fn recorded(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    lang: Lang,
    Path(seq): Path<String>,
    Query(q): Query<RecordedQuery>,
) -> Response {
    let ctx = ctx_for(&app, q.as_of.as_deref(), &who, lang);
    super::blocking(move || {
        let missing = || PageError::not_found(format!("no act #{seq}")).in_ctx(ctx);
        let n: u64 = seq.parse().map_err(|_| missing())?;
        if !app.chancery.image().visible_to(n, who.reader()) {
            return Err(missing());
        }
        let act = app
            .chancery
            .acts_at(&[n])
            .map_err(|e| PageError::from(e).in_ctx(ctx))?
            .pop()
            .ok_or_else(missing)?;
        let made: Vec<String> = q
            .made
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let image = app.chancery.image();
        Ok(recorded::page_for(&ctx, &image, n, &act.act, &made))
    })
    .await
}

pub async fn submit(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<crate::access::Source>,
    lang: Lang,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    // A multiple choice posts its field once per value: its values, one per line.
    let mut values: HashMap<String, String> = HashMap::new();
    for (k, v) in pairs {
        values
            .entry(k)
            .and_modify(|all| {
                all.push('\n');
                all.push_str(&v);
            })
            .or_insert(v);
    }
    let ctx = ctx_for(&app, values.get("as_of").map(String::as_str), &who, lang);
    let (_, chosen) = relation_for(&app, &who, values.get("relation").map(String::as_str));
    let ctx = Ctx {
        relation: chosen.or(ctx.relation),
        ..ctx
    };
    // Cross-origin posts never get here: the authorisation layer refuses them for every route.
    let kind = values.get("kind").cloned().unwrap_or_default();
    let Some(spec) = spec(&kind) else {
        return PageError::bad_request(
            ctx.t_args("forms-no-such-kind", &[("kind", kind.as_str().into())]),
        )
        .in_ctx(ctx)
        .into_response();
    };
    let audited = Audited {
        log: &app.accounts,
        who: &who,
        source: &source.0,
    };
    let Some(kind_of) = Kind::parse(spec.kind) else {
        return PageError::bad_request(
            ctx.t_args("forms-no-such-kind", &[("kind", kind.as_str().into())]),
        )
        .in_ctx(ctx)
        .into_response();
    };
    // Proposed identifiers are read, not shown back: a refused form keeps the field empty, so
    // the identifier is made again from the name as corrected.
    let mut read = values.clone();
    let made = propose_ids(&app, kind_of, chosen, &mut read);
    let offer = chosen.map(|rel| offer_for(&app, &who, &ctx, rel));
    let show = |status: StatusCode, errors: &Errors| {
        let form = render::form(&ctx, spec, &values, errors, offer.as_ref());
        (status, respond(form)).into_response()
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
    let json = match act_json_in(lang, spec, &read) {
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
    match app.chancery.record_as_every_fault(act, audited).await {
        Ok(stored) => {
            // Shown as of its own date (or the page's, if later), so it is visible; a GET, so
            // reloading the confirmation records nothing again.
            let shown = ctx.with_date(ctx.as_of.max(date));
            let mut path = format!("/acts/{}/recorded", stored.seq);
            if !made.is_empty() {
                path.push_str(&format!("?made={}", super::encode(&made.join(","))));
            }
            Redirect::to(&shown.href(&path)).into_response()
        }
        Err(Refused {
            error: ServiceError::Forbidden(why),
            ..
        }) => show(StatusCode::FORBIDDEN, &Errors::from([(String::new(), why)])),
        Err(Refused {
            error: ServiceError::Rule(v),
            faults,
        }) => {
            // Every fault at once; the refusal alone if they could not be read.
            let faults = if faults.is_empty() { vec![v] } else { faults };
            let names = names(&app.chancery.image(), ctx.lang());
            show(
                StatusCode::UNPROCESSABLE_ENTITY,
                &rule_errors(&ctx, &names, spec, &faults),
            )
        }
        // Recording audited the outcome itself: the form is only shown again.
        Err(Refused { error: e, .. }) => {
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
