//! The page after recording (the GET a recording redirects to, so reloading it records nothing
//! twice): what was recorded, the identifier made from a name if one was, and links to the act
//! and to the page of the thing it is about.

use chancery_domain::act::{Kind, Subject};
use chancery_domain::{Act, Image, RelationKey, StateCode};
use maud::{html, Markup};
use serde_json::Value;

use super::super::layout::page;
use super::super::{encode, Ctx};

/// The act's relation, in the page's order when it is the page's relation (United States –
/// Russia rather than the key's alphabetical order).
fn relation(ctx: &Ctx, image: &Image, act: &Act) -> Option<(StateCode, StateCode)> {
    let key = image.relation_of(&act.body)?;
    Some(match ctx.relation {
        Some((a, b)) if RelationKey::new(a, b) == key => (a, b),
        _ => key.states(),
    })
}

/// The page of the thing an act is about, and the words of its link, if it has one.
fn thing_link(ctx: &Ctx, image: &Image, act: &Act) -> Option<(String, String)> {
    let (a, b) = relation(ctx, image, act)?;
    let json = act.to_json();
    let key = |k: &str| match json.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(v)) => v.first().and_then(Value::as_str).map(str::to_owned),
        _ => None,
    };
    let rel = |rest: String| ctx.href(&format!("/relations/{a}/{b}{rest}"));
    let words = |id: &str, thing: &str| ctx.t_args(id, &[("id", thing.into())]);
    let kind = Kind::parse(act.kind())?;
    Some(match kind.subject() {
        Subject::Post | Subject::Premises | Subject::Member => {
            let post = key("post").or_else(|| key("posts"))?;
            (
                rel(format!("/posts/{}", encode(&post))),
                words("forms-recorded-post", &post),
            )
        }
        Subject::Measure => {
            let m = key("measure")?;
            (
                rel(format!("/measures/{}", encode(&m))),
                words("forms-recorded-measure", &m),
            )
        }
        Subject::Talks => {
            let r = key("round")?;
            (
                rel(format!("/rounds/{}", encode(&r))),
                words("forms-recorded-round", &r),
            )
        }
        Subject::Commitment => {
            let c = key("commitment")?;
            (
                rel(format!("/commitments/{}", encode(&c))),
                words("forms-recorded-commitment", &c),
            )
        }
        _ => (
            rel(String::new()),
            ctx.t_args(
                "forms-recorded-relation",
                &[("relation", format!("{a}–{b}").into())],
            ),
        ),
    })
}

/// The confirmation of act `seq`; `proposed` are the identifiers made from names.
pub fn page_for(ctx: &Ctx, image: &Image, seq: u64, act: &Act, proposed: &[String]) -> Markup {
    // The identifiers come from the URL the recording redirected to, so anyone could write
    // others into it: only those the act itself names are said to have been made.
    let json = act.to_json();
    let named = |id: &String| {
        json.as_object()
            .is_some_and(|o| o.values().any(|v| v.as_str() == Some(id.as_str())))
    };
    let proposed: Vec<&String> = proposed.iter().filter(|id| named(id)).collect();
    let label = ctx.label("kind", act.kind());
    let title = ctx.t_args("forms-recorded-title", &[("seq", seq.to_string().into())]);
    let again = match relation(ctx, image, act) {
        Some((a, b)) => ctx.href(&format!("/acts/new?relation={a}-{b}")),
        None => ctx.href("/acts/new"),
    };
    html! {
        (page(ctx, &title, html! {
            h1 { (title) }
            div.notice role="status" {
                p { (ctx.t_args("forms-recorded-text", &[("kind", label.as_str().into()), ("date", act.envelope.date.to_string().into()), ("seq", seq.to_string().into())])) }
                @for id in proposed {
                    p { (ctx.t("forms-recorded-made")) " " code { (id) } }
                }
            }
            ul.links {
                li { a href=(ctx.href(&format!("/acts/{seq}"))) { (ctx.t_args("forms-recorded-act", &[("seq", seq.to_string().into())])) } }
                @if let Some((href, words)) = thing_link(ctx, image, act) {
                    li { a href=(href) { (words) } }
                }
                li { a href=(again) { (ctx.t("forms-recorded-again")) } }
            }
        }))
    }
}
