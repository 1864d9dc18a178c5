//! The page after recording (the GET a recording redirects to, so reloading it records nothing
//! twice): what was recorded, the identifier made from a name if one was, and links to the act
//! and to the page of the thing it is about.

use chancery_domain::act::{Kind, Subject};
use chancery_domain::{Act, Image};
use maud::{html, Markup};
use serde_json::Value;

use super::super::layout::page;
use super::super::{encode, Ctx};

/// The page of the thing an act is about, and the words of its link, if it has one.
fn thing_link(ctx: &Ctx, image: &Image, act: &Act) -> Option<(String, String)> {
    let (a, b) = image.relation_of(&act.body)?.states();
    let json = act.to_json();
    let key = |k: &str| match json.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(v)) => v.first().and_then(Value::as_str).map(str::to_owned),
        _ => None,
    };
    let rel = |rest: String| ctx.href(&format!("/relations/{a}/{b}{rest}"));
    let kind = Kind::parse(act.kind())?;
    Some(match kind.subject() {
        Subject::Post | Subject::Premises | Subject::Member => {
            let post = key("post").or_else(|| key("posts"))?;
            (
                rel(format!("/posts/{}", encode(&post))),
                format!("The post's page ({post})"),
            )
        }
        Subject::Measure => {
            let m = key("measure")?;
            (
                rel(format!("/measures/{}", encode(&m))),
                format!("The measure's page ({m})"),
            )
        }
        Subject::Talks => {
            let r = key("round")?;
            (
                rel(format!("/rounds/{}", encode(&r))),
                format!("The round's page ({r})"),
            )
        }
        Subject::Commitment => {
            let c = key("commitment")?;
            (
                rel(format!("/commitments/{}", encode(&c))),
                format!("The commitment's page ({c})"),
            )
        }
        _ => (rel(String::new()), format!("The relation {a}–{b}")),
    })
}

/// The confirmation of act `seq`; `proposed` are the identifiers made from names.
pub fn page_for(ctx: &Ctx, image: &Image, seq: u64, act: &Act, proposed: &[String]) -> Markup {
    let label = Kind::parse(act.kind()).map_or(act.kind(), Kind::label);
    let title = format!("Recorded: act #{seq}");
    let relation = image.relation_of(&act.body).map(|k| k.states());
    let again = match relation {
        Some((a, b)) => ctx.href(&format!("/acts/new?relation={a}-{b}")),
        None => ctx.href("/acts/new"),
    };
    html! {
        (page(ctx, &title, html! {
            h1 { (title) }
            div.notice role="status" {
                p { (label) ", dated " (act.envelope.date) ", is recorded as act #" (seq) "." }
                @for id in proposed {
                    p { "Its identifier was made from its name: " code { (id) } "." }
                }
            }
            ul.links {
                li { a href=(ctx.href(&format!("/acts/{seq}"))) { "Act #" (seq) } }
                @if let Some((href, words)) = thing_link(ctx, image, act) {
                    li { a href=(href) { (words) } }
                }
                li { a href=(again) { "Record another act" } }
            }
        }))
    }
}
