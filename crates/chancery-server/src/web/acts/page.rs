//! One act's page: its kind, when and by whom it was recorded, each of its fields by the label
//! the form that records it gives, in the page's language, and a notice when it was withdrawn.

use axum::extract::{Path, State};
use axum::response::Response;
use chancery_app::StoredAct;
use chancery_domain::act::{FieldType, Vocabulary};
use chancery_domain::vocab::Counting;
use chancery_domain::StateCode;
use maud::{html, Markup};

use super::super::forms;
use super::super::layout::page;
use super::super::pages::{capitalised, counting_text, name_of, names, vocab_text, words, Names};
use super::super::{blocking, request::PageRequest, Ctx, PageError};
use super::journal_ctx;
use crate::state::AppState;

pub async fn one(
    State(app): State<AppState>,
    Path(seq): Path<String>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let (ctx, _) = journal_ctx(&app, &page)?;
        let missing = || {
            PageError::not_found(format!("no act #{seq}"))
                .saying("act-missing", &[("seq", &seq)])
                .in_ctx(ctx)
        };
        let n: u64 = seq.parse().map_err(|_| {
            PageError::not_found(format!("`{seq}` is not an act number"))
                .saying("act-not-a-number", &[("seq", &seq)])
                .in_ctx(ctx)
        })?;
        // Hidden and absent look the same: an id says nothing of another organisation's acts.
        if !app.chancery.image().visible_to(n, page.scope.reader) {
            return Err(missing());
        }
        let act = app
            .chancery
            .acts_at(&[n])
            .map_err(|e| PageError::from(e).in_ctx(ctx))?
            .pop()
            .ok_or_else(missing)?;
        let show_author = page.who.may_see_author(&act.recorded_by);
        // A withdrawal has its act's readers, so whoever sees the act sees why it went.
        let withdrawal = match app.chancery.image().withdrawn_by(n) {
            Some(w) if app.chancery.image().visible_to(w, page.scope.reader) => app
                .chancery
                .acts_at(&[w])
                .map_err(|e| PageError::from(e).in_ctx(ctx))?
                .pop(),
            _ => None,
        };
        let image = app.chancery.image();
        // A claim is told as one: whose, about whom, and how the other party answered.
        let claim = act.act.envelope.claimed_by.and_then(|by| {
            let about = image.relation_of(&act.act.body)?.other(by)?;
            Some(super::super::claims::notice(&image, &ctx, n, by, about))
        });
        let names = names(&image, ctx.lang());
        drop(image);
        let shown = Shown {
            ctx: &ctx,
            names: &names,
        };
        Ok(act_page(
            &shown,
            &act,
            show_author,
            withdrawal.as_ref(),
            claim,
        ))
    })
    .await
}

/// What the page words values with: its language and the states' names in it.
struct Shown<'a> {
    ctx: &'a Ctx,
    names: &'a Names,
}

impl Shown<'_> {
    fn kind(&self, kind: &str) -> String {
        self.ctx.t_args(
            "acts-kind-shown",
            &[
                ("words", words(kind).into()),
                ("label", self.ctx.label("kind", kind).into()),
            ],
        )
    }

    fn choice(&self, prefix: &str, code: &str, in_words: String) -> String {
        self.ctx.t_args(
            "acts-choice-shown",
            &[
                ("words", in_words.into()),
                ("label", self.ctx.label(prefix, code).into()),
            ],
        )
    }

    fn state(&self, code: &str) -> String {
        let name = code
            .parse::<StateCode>()
            .map_or_else(|_| code.to_owned(), |s| name_of(self.names, s));
        self.ctx.t_args(
            "acts-state-shown",
            &[("code", code.into()), ("name", name.into())],
        )
    }
}

/// An act's fields as its page lists them: the kind, then the kind's fields and the envelope's
/// in the order of the form that records them, then any other key the act carries. A nested
/// object (`magnitude`, `scope`) is read as its fields (`magnitude.cap`), as the form names them.
fn act_fields(s: &StoredAct) -> Vec<(String, serde_json::Value)> {
    let serde_json::Value::Object(map) = s.act.to_json() else {
        return Vec::new();
    };
    let mut flat: Vec<(String, serde_json::Value)> = Vec::new();
    for (k, v) in map {
        match v {
            // `visibility` is an object only when internal to a state: one value, shown whole.
            serde_json::Value::Object(inner) if k != "visibility" => {
                flat.extend(inner.into_iter().map(|(i, v)| (format!("{k}.{i}"), v)));
            }
            v => flat.push((k, v)),
        }
    }
    let order: Vec<&str> = std::iter::once("kind")
        .chain(
            forms::spec(s.act.kind())
                .into_iter()
                .flat_map(|k| k.fields)
                .map(|f| f.name),
        )
        .chain(forms::ENVELOPE.iter().map(|f| f.name))
        .collect();
    flat.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
    flat
}

/// The form's field for `key` in an act of `kind`, or the envelope's.
fn form_field(kind: &str, key: &str) -> Option<&'static forms::Field> {
    forms::spec(kind)
        .into_iter()
        .flat_map(|k| k.fields)
        .chain(forms::ENVELOPE)
        .find(|f| f.name == key)
}

/// The label the act's form gives a field in the page's language; the name of a language a
/// name is written in; or the key in words for one no form has.
fn field_label(ctx: &Ctx, kind: &str, key: &str) -> String {
    if key == "kind" {
        return ctx.t("act-field-kind");
    }
    if let Some(f) = form_field(kind, key) {
        return forms::label(ctx.lang(), f);
    }
    match key.split_once('.') {
        Some(("names", lang)) => ctx.t_args("act-field-names", &[("lang", lang.into())]),
        Some(("city_names", lang)) => ctx.t_args("act-field-city-names", &[("lang", lang.into())]),
        _ => capitalised(&words(key.rsplit('.').next().unwrap_or(key))),
    }
}

/// A value as the page shows it: a kind or a vocabulary's code by its label, a state by its
/// name (in English, as the codes have always read: `all staff`, `US`), a yes/no for a tick box,
/// the visibility as the form words it.
fn value_words(shown: &Shown, kind: &str, key: &str, v: &serde_json::Value) -> String {
    let ctx = shown.ctx;
    let field = form_field(kind, key);
    // A list of codes (`applies_to`) has always read as written in English, one code as words.
    let (vocabulary, listed) = match field.map(|f| f.ty) {
        Some(FieldType::Choice(v)) => (Some(v), false),
        Some(FieldType::Choices(v)) => (Some(v), true),
        _ => (None, false),
    };
    let is_state = matches!(
        field.map(|f| f.ty),
        Some(FieldType::State | FieldType::States)
    );
    match v {
        serde_json::Value::String(s) if key == "kind" => shown.kind(s),
        serde_json::Value::String(s) if key == "visibility" => {
            ctx.t(&format!("act-visibility-{}", s.as_str()))
        }
        // What a figure counts is told as the overview tells it ("sending-state staff, no local
        // hires"); whether missions to international organisations count is a field of its own.
        serde_json::Value::String(s) if vocabulary == Some(Vocabulary::Counting) => {
            let in_words = serde_json::from_value::<Counting>(v.clone())
                .map_or_else(|_| vocab_text(s), |c| counting_text(c, false));
            shown.choice("counting", s, in_words)
        }
        serde_json::Value::String(s) => match vocabulary {
            Some(voc) => {
                let in_words = if listed { s.clone() } else { vocab_text(s) };
                shown.choice(forms::vocab_prefix(voc), s, in_words)
            }
            None if is_state => shown.state(s),
            None => s.clone(),
        },
        serde_json::Value::Bool(true) => ctx.t("act-yes"),
        serde_json::Value::Bool(false) => ctx.t("act-no"),
        serde_json::Value::Object(m) if key == "visibility" => match m.get("internal") {
            Some(serde_json::Value::String(state)) => ctx.t_args(
                "act-visibility-internal",
                &[("state", shown.state(state).into())],
            ),
            _ => serde_json::Value::Object(m.clone()).to_string(),
        },
        serde_json::Value::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", value_words(shown, kind, "", v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// A source as written, its address a link; when the address is inside a longer text, the
/// link is a word after it.
fn source(ctx: &Ctx, s: &str) -> Markup {
    let url = s
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"));
    html! {
        @match url {
            Some(u) if u == s => a href=(u) rel="noreferrer" { (s) },
            Some(u) => { (s) " (" a href=(u.trim_end_matches([',', ';', ')'])) rel="noreferrer" { (ctx.t("act-source-link")) } ")" },
            None => (s),
        }
    }
}

/// The notice on a withdrawn act's page: by which act, on what day, recorded when, and why.
fn withdrawn_notice(ctx: &Ctx, w: &StoredAct) -> Markup {
    let reason = match &w.act.body {
        chancery_domain::ActBody::Withdrawal(chancery_domain::act::WithdrawalAct::Withdrawn {
            reason,
            ..
        }) => reason.as_str(),
        _ => "",
    };
    let when = ctx.t_args(
        "act-withdrawn-when",
        &[
            ("date", w.act.envelope.date.to_string().into()),
            (
                "recorded",
                chancery_domain::date::format_timestamp(w.recorded_at_micros).into(),
            ),
            ("reason", reason.into()),
        ],
    );
    html! {
        p.notice.withdrawn role="note" {
            strong { (ctx.t("act-withdrawn-heading")) " " }
            (ctx.t("act-withdrawn-by")) " "
            a href=(ctx.href(&format!("/acts/{}", w.seq))) { (ctx.t_args("act-withdrawn-link", &[("seq", w.seq.into())])) }
            " " (when)
        }
    }
}

/// A link to another act by its number.
fn act_link(ctx: &Ctx, n: &serde_json::Number) -> Markup {
    let seq = n.as_u64().map_or_else(|| n.to_string(), |s| s.to_string());
    html! { a href=(ctx.href(&format!("/acts/{n}"))) { (ctx.t_args("act-link", &[("seq", seq.into())])) } }
}

fn act_page(
    shown: &Shown,
    s: &StoredAct,
    show_author: bool,
    withdrawal: Option<&StoredAct>,
    claim: Option<Markup>,
) -> Markup {
    let ctx = shown.ctx;
    let kind = s.act.kind();
    let title_id = match withdrawal {
        Some(_) => "act-title-withdrawn",
        None => "act-title",
    };
    let title = ctx.t_args(
        title_id,
        &[("seq", s.seq.into()), ("kind", shown.kind(kind).into())],
    );
    let content = html! {
        h1 { (title) }
        @if let Some(w) = withdrawal { (withdrawn_notice(ctx, w)) }
        @if let Some(c) = claim { (c) }
        dl.facts {
            dt { (ctx.t("act-recorded")) } dd {
                (chancery_domain::date::format_timestamp(s.recorded_at_micros))
                // Other organisations' user names are for their auditors only.
                @if show_author { " " (ctx.t_args("act-recorded-by", &[("user", s.recorded_by.to_string().into())])) }
            }
            @for (k, v) in act_fields(s) {
                dt { (field_label(ctx, kind, &k)) }
                dd {
                    @match (k.as_str(), &v) {
                        ("sources", serde_json::Value::Array(items)) => ul { @for i in items { li { (source(ctx, &value_words(shown, kind, &k, i))) } } },
                        ("supersedes", serde_json::Value::Number(n)) => (act_link(ctx, n)),
                        ("act", serde_json::Value::Number(n)) if kind == "act_withdrawn" => (act_link(ctx, n)),
                        (_, serde_json::Value::Array(items)) => { @for (n, i) in items.iter().enumerate() { @if n > 0 { ", " } (value_words(shown, kind, &k, i)) } },
                        _ => (value_words(shown, kind, &k, &v)),
                    }
                }
            }
            @if s.act.envelope.visibility.is_public() { dt { (ctx.t("act-visibility")) } dd { (ctx.t("act-visibility-public")) } }
        }
        @if let Some(l) = super::super::talks::act_links(ctx, &s.act) { (l) }
        p { a href=(ctx.href(&format!("/acts?kind={kind}"))) { (ctx.t("act-same-kind")) } }
    };
    page(ctx, &title, content)
}
