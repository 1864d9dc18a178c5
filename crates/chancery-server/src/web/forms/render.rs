//! A form's markup: each field with its label, hint, error and what it offers to choose, and the
//! summary of every fault at the top, each linked to its field.

use std::collections::HashMap;

use maud::{html, Markup};

use super::super::i18n::{self, Lang};
use super::super::layout::page;
use super::super::Ctx;
use super::fields::{Field, Input, KindSpec, ENVELOPE};
use super::offer::{vocab_prefix, Offer, Offered};
use super::Errors;

use Input::*;

pub fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

/// The values a list field holds, however they were separated.
fn picked(value: &str) -> Vec<&str> {
    value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The message of a field's words: its label, or `-help`, `-new` ..., with the variants an
/// optional field has where it means more (`field-measure-opt`).
fn field_message(lang: Lang, f: &Field, suffix: &str) -> Option<String> {
    let base = format!("field-{}", f.name.replace('.', "-"));
    let variant = if f.required { "-req" } else { "-opt" };
    [
        format!("{base}{variant}{suffix}"),
        format!("{base}{suffix}"),
    ]
    .into_iter()
    .find(|id| i18n::has(lang, id) || i18n::has(Lang::En, id))
    .map(|id| i18n::message(lang, &id, &[]))
}

/// A field's label in `lang`.
pub fn label(lang: Lang, f: &Field) -> String {
    field_message(lang, f, "").unwrap_or_else(|| f.label.to_owned())
}

/// A field's hint in `lang`: for the identifier an act creates, how it is made when left empty.
fn help(lang: Lang, f: &Field) -> String {
    if f.creates {
        return field_message(lang, f, "-new")
            .unwrap_or_else(|| i18n::message(lang, "field-new", &[]));
    }
    field_message(lang, f, "-help").unwrap_or_default()
}

/// One field. With `offered`, a field naming things of the record is a `<select>` of them.
pub fn field(
    lang: Lang,
    f: &Field,
    values: &HashMap<String, String>,
    errors: &Errors,
    offered: Option<Offered>,
) -> Markup {
    let id = field_id(f.name);
    let value = values.get(f.name).map(String::as_str).unwrap_or("");
    let error = errors.get(f.name);
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let help = match &offered {
        Some(o) if o.multiple => {
            let own = help(lang, f);
            let several = i18n::message(lang, "forms-choose-several", &[]);
            if own.is_empty() {
                several
            } else {
                format!("{own} {several}")
            }
        }
        _ => help(lang, f),
    };
    let label = label(lang, f);
    let described = match (error.is_some(), help.is_empty()) {
        (true, true) => Some(err_id.clone()),
        (true, false) => Some(format!("{err_id} {help_id}")),
        (false, false) => Some(help_id.clone()),
        (false, true) => None,
    };
    let invalid = error.map(|_| "true");
    // An identifier left empty is proposed from the name, so it is not required in the page.
    let required = f.required && !f.creates;
    html! {
        div.field.invalid[error.is_some()] {
            @if let Bool = f.input {
                label for=(id) {
                    input type="checkbox" id=(id) name=(f.name) value="true" checked[value == "true"]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid];
                    " " (label)
                }
            } @else {
                label for=(id) { (label) @if required { " " span.muted { (i18n::message(lang, "forms-required", &[])) } } }
            }
            @if let Some(e) = error { span.error id=(err_id) { (i18n::message(lang, "forms-error", &[])) " " (beside_field(e)) } }
            @if !help.is_empty() { span.help id=(help_id) { (help) } }
            @if let Some(o) = offered {
                @let chosen = picked(value);
                select id=(id) name=(f.name) required[required] multiple[o.multiple]
                    size=[o.multiple.then(|| o.groups.iter().map(|g| g.options.len() + usize::from(g.label.is_some())).sum::<usize>().clamp(2, 8))]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                    @if !o.multiple && f.ty != chancery_domain::act::FieldType::Visibility { option value="" { "—" } }
                    // What was sent but is not offered (gone since, or typed by hand) stays,
                    // so the refusal beside it shows what it is about.
                    @for v in chosen.iter().filter(|v| !o.groups.iter().any(|g| g.options.iter().any(|x| x.value == **v))) {
                        option value=(v) selected { (v) }
                    }
                    @for g in &o.groups {
                        @if let Some(label) = &g.label {
                            optgroup label=(label) {
                                @for opt in &g.options { option value=(opt.value) selected[chosen.contains(&opt.value.as_str())] { (opt.text) } }
                            }
                        } @else {
                            @for opt in &g.options { option value=(opt.value) selected[chosen.contains(&opt.value.as_str())] { (opt.text) } }
                        }
                    }
                }
            } @else {
                @match f.input {
                    Bool => {},
                    LongText | Lines | Places => textarea id=(id) name=(f.name) rows="3" required[required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid] { (value) },
                    Number => input type="number" min="0" step="1" id=(id) name=(f.name) value=(value) required[required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                    Select(choice) => select id=(id) name=(f.name) required[required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                        option value="" { "—" }
                        @for o in choice.values() { option value=(o) selected[value == o] { (i18n::label(lang, vocab_prefix(choice), o)) } }
                    },
                    State => input type="text" id=(id) name=(f.name) value=(value) required[required] maxlength="2"
                        autocapitalize="characters" size="4" aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                    Text | Date | Ids => input type="text" id=(id) name=(f.name) value=(value) required[required]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                }
            }
        }
    }
}

/// The form of one kind, with its values and faults; `offer` fills the choices of a relation.
pub fn form(
    ctx: &Ctx,
    spec: &KindSpec,
    values: &HashMap<String, String>,
    errors: &Errors,
    offer: Option<&Offer>,
) -> Markup {
    let lang = ctx.lang();
    let kind_label = ctx.label("kind", spec.kind);
    let title = ctx.t_args("forms-form-title", &[("kind", kind_label.as_str().into())]);
    let shown: Vec<&Field> = spec.fields.iter().chain(ENVELOPE).collect();
    let label_of = |name: &str| {
        shown
            .iter()
            .find(|f| f.name == name)
            .map(|f| label(lang, f))
    };
    // In the order of the form, then what the form cannot put beside a field.
    let mut listed: Vec<(&String, &String)> = errors.iter().collect();
    let place = |name: &str| {
        shown
            .iter()
            .position(|f| f.name == name)
            .unwrap_or(usize::MAX)
    };
    listed.sort_by_key(|(name, _)| (place(name), (*name).clone()));
    let stray = listed.iter().filter(|(k, _)| label_of(k).is_none()).count();
    let relation = offer.map(|o| o.relation);
    let back = match relation {
        Some((a, b)) => ctx.href(&format!("/acts/new?relation={a}-{b}")),
        None => ctx.href("/acts/new"),
    };
    html! {
        (page(ctx, &title, html! {
            h1 { (title) }
            @if let Some(o) = offer {
                @let relation = format!("{} – {}", o.state_name(o.relation.0), o.state_name(o.relation.1));
                p { (ctx.t_args("forms-in-relation", &[("relation", relation.as_str().into())])) " " a href=(back) { (ctx.t("forms-another-kind")) } }
            } @else {
                p { a href=(back) { (ctx.t("forms-another-kind")) } }
            }
            @if !errors.is_empty() {
                div.alert role="alert" aria-labelledby="errors-title" {
                    h2 id="errors-title" { (ctx.t("forms-nothing-recorded")) }
                    p { (ctx.t_args("forms-faults", &[("n", errors.len().into())])) }
                    ul {
                        @for (name, message) in &listed {
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
            p.muted { (ctx.t_args("forms-recorded-as", &[("reader", ctx.scope.reader_label().into())])) }
            // The server lists every fault at once, in the page's language; the browser's own
            // checks would stop at the first, in its own words.
            form.act method="post" action="/acts/new" novalidate {
                input type="hidden" name="kind" value=(spec.kind);
                input type="hidden" name="as_of" value=(ctx.as_of);
                @if let Some((a, b)) = relation { input type="hidden" name="relation" value=(format!("{a}-{b}")); }
                fieldset {
                    legend { (kind_label) }
                    @for f in spec.fields { (field(lang, f, values, errors, offer.and_then(|o| o.for_field(f)))) }
                }
                fieldset {
                    legend { (ctx.t("forms-envelope")) }
                    @for f in ENVELOPE { (field(lang, f, values, errors, offer.and_then(|o| o.for_field(f)))) }
                }
                @if stray > 0 { p.muted { (ctx.t_args("forms-stray", &[("n", stray.into())])) } }
                button type="submit" { (ctx.t("forms-record")) }
            }
        }))
    }
}

/// A message shown beside the field it is about, or after that field's label: without the
/// "(field `post`)" the domain adds to say which field, which the page already shows.
pub fn beside_field(message: &str) -> String {
    let Some(at) = message.find(" (field `") else {
        return message.to_owned();
    };
    match message[at..].find("`)") {
        Some(end) => format!("{}{}", &message[..at], &message[at + end + 2..]),
        None => message.to_owned(),
    }
}
