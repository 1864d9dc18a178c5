//! Claims as pages show them: what one ministry records about the other state's conduct, kept
//! apart from the record ("per US"), with the other party's answer.

use chancery_domain::image::claims::{ClaimStatus, ClaimView};
use chancery_domain::image::timeline::View;
use chancery_domain::{Image, StateCode};
use maud::{html, Markup};

use super::pages::{name_of, possessive, the, Names};
use super::Ctx;

/// Where a claim stands, in words: a dispute with its reason.
fn status_text(ctx: &Ctx, c: &ClaimView) -> String {
    match (c.status, &c.reason) {
        (ClaimStatus::Open, _) => ctx.t("claim-open"),
        (ClaimStatus::Confirmed, _) => ctx.t("claim-confirmed"),
        (ClaimStatus::Disputed, Some(r)) => {
            ctx.t_args("claim-disputed-because", &[("reason", r.as_str().into())])
        }
        (ClaimStatus::Disputed, None) => ctx.t("claim-disputed"),
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
            Some(h) => a href=(h) { (ctx.label("subject", what)) " " (id) },
            None => { (ctx.label("subject", what)) " " (id) },
        }
    }
}

/// "a claim of the United States' ministry".
fn claim_of(ctx: &Ctx, names: &Names, by: StateCode) -> String {
    ctx.t_args(
        "claim-of",
        &[
            ("state", name_of(names, by).into()),
            ("possessive", possessive(&the(&name_of(names, by))).into()),
        ],
    )
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
            h2 id="claims" { (ctx.t("claims")) }
            p.muted { (ctx.t("claims-what")) }
            @if claims.is_empty() { p { (ctx.t("claims-none")) } }
            ul {
                @for c in &claims {
                    li {
                        (c.date) ", "
                        span.tag { (ctx.t_args("claim-per", &[("state", c.by.as_str().into())])) } " "
                        a href=(ctx.href(&format!("/acts/{}", c.seq))) { (ctx.label("kind", c.kind)) }
                        " (" (subject_link(ctx, &c.subject, c.kind)) ")"
                        @if let Some(r) = &c.external_ref { " [" (r) "]" }
                        ", " (claim_of(ctx, names, c.by)) " — "
                        @if c.status == ClaimStatus::Disputed { span.bad { (status_text(ctx, c)) } } @else { (status_text(ctx, c)) }
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
    let names: Names = super::pages::names(image, ctx.lang());
    let view: View = ctx.view();
    let claim = image
        .claims(by, about, view)
        .into_iter()
        .find(|c| c.seq == seq);
    html! {
        p.notice role="note" {
            strong { (ctx.t_args("claim-notice", &[
                ("by", name_of(&names, by).into()),
                ("by_possessive", possessive(&the(&name_of(&names, by))).into()),
                ("about", name_of(&names, about).into()),
                ("about_possessive", possessive(&the(&name_of(&names, about))).into()),
            ])) }
            @if let Some(c) = claim {
                " " @match c.answered_by {
                    Some(n) => { (ctx.t("claim-answer")) " " a href=(ctx.href(&format!("/acts/{n}"))) { (ctx.t("act-number")) (n) } ", " (status_text(ctx, &c)) "." },
                    None => (ctx.t("claim-not-answered")),
                }
            }
        }
    }
}
