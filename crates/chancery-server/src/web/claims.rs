//! Claims as pages show them: what one ministry records about the other state's conduct, kept
//! apart from the record ("per US"), with the other party's answer.

use chancery_domain::image::claims::{ClaimStatus, ClaimView};
use chancery_domain::image::timeline::View;
use chancery_domain::{Image, StateCode};
use maud::{html, Markup};

use super::pages::{capitalised, name_of, possessive, the, words, Names};
use super::Ctx;

/// Where a claim stands, in words: a dispute with its reason.
fn status_text(c: &ClaimView) -> String {
    match (c.status, &c.reason) {
        (ClaimStatus::Open, _) => "open: not answered".to_owned(),
        (ClaimStatus::Confirmed, _) => "confirmed by the other party".to_owned(),
        (ClaimStatus::Disputed, Some(r)) => format!("disputed: {r}"),
        (ClaimStatus::Disputed, None) => "disputed".to_owned(),
    }
}

/// A subject (`measure:r039`) as a link where the record has a page for it. A claimed
/// imposition or opening names what exists only in the claim: its page is the claim's act.
fn subject_link(ctx: &Ctx, subject: &str, kind: &str) -> Markup {
    let (what, id) = subject.split_once(':').unwrap_or(("", subject));
    let only_claimed = matches!(kind, "measure_imposed" | "post_opened");
    let href = match what {
        _ if only_claimed => None,
        "measure" => Some(ctx.rel(&format!("/measures/{}", super::encode(id)))),
        "post" => Some(ctx.rel(&format!("/posts/{}", super::encode(id)))),
        _ => None,
    };
    html! {
        @match href {
            Some(h) => a href=(h) { (words(what)) " " (id) },
            None => (words(subject)),
        }
    }
}

/// The overview's "Claims" section: each party's claims about the other, as of the view.
pub(super) fn section(
    image: &Image,
    ctx: &Ctx,
    names: &Names,
    a: StateCode,
    b: StateCode,
) -> Markup {
    let claims = image.claims(a, b, ctx.view());
    html! {
        section aria-labelledby="claims" {
            h2 id="claims" { "Claims" }
            p.muted { "What one party's ministry records about the other state's conduct. A claim is not part of the record: verdicts leave it out." }
            @if claims.is_empty() { p { "No claims on record." } }
            ul {
                @for c in &claims {
                    li {
                        (c.date) ", "
                        span.tag { "per " (c.by) } " "
                        a href=(ctx.href(&format!("/acts/{}", c.seq))) { (capitalised(&words(c.kind))) }
                        " (" (subject_link(ctx, &c.subject, c.kind)) ")"
                        @if let Some(r) = &c.external_ref { " [" (r) "]" }
                        ", a claim of " (possessive(&the(&name_of(names, c.by)))) " ministry — "
                        @if c.status == ClaimStatus::Disputed { span.bad { (status_text(c)) } } @else { (status_text(c)) }
                    }
                }
            }
        }
    }
}

/// The notice on a claim's act page: whose claim about whom, and the other party's answer.
pub(super) fn notice(
    image: &Image,
    ctx: &Ctx,
    seq: u64,
    by: StateCode,
    about: StateCode,
) -> Markup {
    let names: Names = image.states().into_iter().collect();
    let view: View = ctx.view();
    let claim = image
        .claims(by, about, view)
        .into_iter()
        .find(|c| c.seq == seq);
    html! {
        p.notice role="note" {
            strong { "A claim of " (possessive(&the(&name_of(&names, by)))) " ministry about "
                (possessive(&the(&name_of(&names, about)))) " conduct: not part of the record." }
            @if let Some(c) = claim {
                " " @match c.answered_by {
                    Some(n) => { "Answer: " a href=(ctx.href(&format!("/acts/{n}"))) { "act #" (n) } ", " (status_text(&c)) "." },
                    None => "Not answered by the other party.",
                }
            }
        }
    }
}
