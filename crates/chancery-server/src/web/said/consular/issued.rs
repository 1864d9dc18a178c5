//! An issuance count's text in the page's language, from the count's figures ([`IssuedView`]).

use chancery_domain::consular::issued::{period_words, IssuedView, ServicesGrouped};
use chancery_domain::ids::PostId;
use chancery_domain::vocab::{Confidence, ConsularService};
use chancery_domain::Image;

use super::{grouped, listed};
use crate::web::said::alerts::inside;
use crate::web::Ctx;

/// An issuance count's text: what it counts, with which posts, and how sure.
pub fn issued(ctx: &Ctx, image: &Image, i: &IssuedView) -> String {
    let period = if i.period_start == i.period_end {
        period_words(i.period_start, i.period_end)
    } else {
        ctx.t_args(
            "consular-said-period-span",
            &[
                ("start", i.period_start.to_string().into()),
                ("end", i.period_end.to_string().into()),
            ],
        )
    };
    let mut text = ctx.t_args(
        "consular-said-issued",
        &[
            ("period", period.into()),
            ("issued", grouped(u64::from(i.issued), ",").into()),
            ("issued_ru", grouped(u64::from(i.issued), "\u{a0}").into()),
            ("services", services(ctx, &i.services).into()),
        ],
    );
    if i.estimate {
        text.push_str(&format!(" ({})", ctx.t("consular-said-estimate")));
    }
    if !i.with_posts.is_empty() {
        let ids: Vec<String> = i.with_posts.iter().map(ToString::to_string).collect();
        let shown: Vec<String> = i.with_posts.iter().map(|p| post(ctx, image, p)).collect();
        text.push_str(&format!(
            ", {}",
            ctx.t_args(
                "consular-said-together",
                &[
                    ("posts", listed(ctx, ids).into()),
                    ("posts_shown", listed(ctx, shown).into()),
                ],
            )
        ));
    }
    if let Some(k) = i.confidence.filter(|k| *k != Confidence::High) {
        text.push_str(&format!(
            ", {}",
            ctx.t_args(
                "consular-said-confidence",
                &[
                    ("confidence", k.to_string().into()),
                    ("confidence_label", ctx.word(k).into()),
                ],
            )
        ));
    }
    let source = match i.sources.first() {
        Some(s) => ctx.t_args("consular-said-source", &[("source", s.as_str().into())]),
        None => ctx.t("consular-said-no-source"),
    };
    text.push_str(&format!(" ({source})"));
    text
}

fn services(ctx: &Ctx, services: &[ConsularService]) -> String {
    let g = ServicesGrouped::of(services);
    let mut parts = Vec::new();
    if g.every_nonimmigrant {
        parts.push(ctx.t("consular-said-every-nonimmigrant"));
    } else if !g.classes.is_empty() {
        let classes: Vec<String> = g
            .classes
            .iter()
            .map(|s| ctx.t(&format!("consular-said-class-{}", s.as_str())))
            .collect();
        parts.push(ctx.t_args(
            "consular-said-some-nonimmigrant",
            &[("classes", classes.join(", ").into())],
        ));
    }
    parts.extend(g.others.iter().map(|s| match ctx.lang() {
        // The English text names a service by the domain's words, other languages by label.
        crate::web::Lang::En => s.words().to_owned(),
        _ => inside(ctx.word(*s)),
    }));
    listed(ctx, parts)
}

/// A post by its name in the page's language when the record gives one, else its id.
fn post(ctx: &Ctx, image: &Image, id: &PostId) -> String {
    let (names, _) = image.post_names(id, ctx.view());
    names
        .get(ctx.lang().code())
        .map_or_else(|| id.to_string(), str::to_owned)
}
