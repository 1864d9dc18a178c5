//! What an act is about, in words: lists of acts (a page's history, the brief's changes, the
//! acts list) name the post, person, measure or mission, linked where the page has a relation,
//! never the subject key (`posts:us-embassy-moscow,`) the journal compares.

use chancery_domain::act::{About, ActBody};
use chancery_domain::image::timeline::View;
use chancery_domain::{Act, Image, MeasureId, StateCode};
use maud::{html, Markup};

use super::pages::{measure_link, name_of, post_link, shown_name, the, Names};
use super::search::also_written;
use super::talks::{commitment_href, round_href};
use super::Ctx;

/// The act's line in a list: what it is about, then its own text (summary, name, outcome…)
/// unless that only repeats the name.
pub fn act_line(ctx: &Ctx, names: &Names, image: &Image, view: &View, act: &Act) -> Markup {
    let about = act.body.about();
    let named = image.named(about, view);
    // The act's text is left out when it only repeats the name shown (a post's or a state's).
    let name_shown = match about {
        About::State(s) => Some(name_of(names, s)),
        _ => named.clone(),
    };
    let text = act_text(act).filter(|t| Some(t) != name_shown.as_ref());
    // A head of mission's act names the person: with the other spellings the record gives
    // them (on any of the person's acts, not only this one).
    let person_names = match &act.body {
        ActBody::HeadOfMission(h) => Some(image.person_names(h.sending, h.host, &h.person, *view)),
        _ => None,
    };
    html! {
        (thing(ctx, names, image, view, about, named.as_deref()))
        @if let Some(t) = text {
            " — " (shown_name(&t))
            @if let Some(n) = &person_names { (also_written(n)) }
        }
    }
}

/// The act's own words, as recorded: the first of the fields that carry prose, read through
/// the act's flat form so that every kind is covered without a list of its own here.
fn act_text(act: &Act) -> Option<String> {
    let json = act.to_json();
    [
        "summary", "name", "person", "outcome", "text", "evidence", "reason",
    ]
    .iter()
    .find_map(|k| json.get(*k).and_then(|v| v.as_str()))
    .filter(|t| !t.is_empty())
    .map(str::to_owned)
}

fn state_args(names: &Names, s: StateCode) -> (String, String) {
    let name = name_of(names, s);
    let the_name = the(&name);
    (name, the_name)
}

fn thing(
    ctx: &Ctx,
    names: &Names,
    image: &Image,
    view: &View,
    about: About<'_>,
    named: Option<&str>,
) -> Markup {
    let linked = ctx.relation.is_some();
    match about {
        About::State(s) => html! { (name_of(names, s)) },
        About::Post(id) => post(ctx, image, view, id, named),
        About::Posts(ids) => html! {
            @for (i, id) in ids.iter().enumerate() {
                @if i > 0 { ", " }
                (post(ctx, image, view, id, image.named(About::Post(id), view).as_deref()))
            }
        },
        About::Premises(_) => match named {
            Some(n) => shown_name(n),
            None => html! { (ctx.t("about-premises")) },
        },
        About::Member(_) => match named {
            Some(n) => shown_name(n),
            None => html! { (ctx.t("about-member")) },
        },
        About::Mission { sending, host } => html! { (ctx.missions(names, sending, host)) },
        About::Measure(id) => measure(ctx, id, named, linked),
        About::Round(id) => html! {
            @if linked { a href=(round_href(ctx, id)) { (ctx.t("about-round")) } }
            @else { (ctx.t("about-round")) }
        },
        About::Agreement(parties) => {
            let list: Vec<String> = parties.iter().map(|s| name_of(names, *s)).collect();
            let the_list: Vec<String> = list.iter().map(|n| the(n)).collect();
            html! { (ctx.t_args("about-agreement", &[
                ("states", list.join(", ").into()),
                ("the_states", the_list.join(" and ").into()),
            ])) }
        }
        About::Statement(by) => {
            let (name, the_name) = state_args(names, by);
            html! { (ctx.t_args("about-statement", &[("state", name.into()), ("the_state", the_name.into())])) }
        }
        About::Commitment(id) => {
            let words = named.map_or_else(|| ctx.t("about-commitment"), str::to_owned);
            html! {
                @if linked { a href=(commitment_href(ctx, id)) { (shown_name(&words)) } }
                @else { (shown_name(&words)) }
            }
        }
        About::Withdrawn(seq) => html! {
            a href=(ctx.href(&format!("/acts/{seq}"))) { (ctx.t_args("about-withdrawn", &[("seq", seq.into())])) }
        },
        About::Claim(seq) => html! {
            a href=(ctx.href(&format!("/acts/{seq}"))) { (ctx.t_args("about-claim", &[("seq", seq.into())])) }
        },
        // A case is named by its city, never by the person (cases have no page of their own).
        About::Case(_) => html! {
            @match named {
                Some(city) => (ctx.t_args("about-case-in", &[("city", city.into())])),
                None => (ctx.t("about-case")),
            }
        },
    }
}

fn post(
    ctx: &Ctx,
    image: &Image,
    view: &View,
    id: &chancery_domain::PostId,
    named: Option<&str>,
) -> Markup {
    let Some(name) = named else {
        return html! { (ctx.t("about-post")) };
    };
    let (other_names, _) = image.post_names(id, *view);
    html! {
        @if ctx.relation.is_some() { (post_link(ctx, id.as_str(), name)) } @else { (shown_name(name)) }
        (also_written(&other_names))
    }
}

fn measure(ctx: &Ctx, id: &MeasureId, external_ref: Option<&str>, linked: bool) -> Markup {
    html! {
        (ctx.t("about-measure")) " "
        @if linked { (measure_link(ctx, id, external_ref)) }
        @else { (external_ref.unwrap_or(id.as_str())) }
    }
}
