//! What a day may be otherwise, when the record's dates cannot tell (an event dated "2021-04"
//! asked about on 10 April), in the page's language, from what the domain says
//! ([`UncertainStatus::others`]).

use chancery_domain::image::asof::{StateSaid, UncertainStatus};

use crate::web::i18n::{code_of, Arg};
use crate::web::Ctx;

/// The other states the day may be in: "open or suspended".
pub fn otherwise(ctx: &Ctx, u: &UncertainStatus) -> String {
    let words: Vec<String> = u.others.iter().map(|s| state(ctx, s)).collect();
    // Right to left, so that each message joins one state to the rest already joined.
    words
        .into_iter()
        .rev()
        .reduce(|rest, first| {
            ctx.t_args(
                "asof-said-or",
                &[("first", first.into()), ("rest", rest.into())],
            )
        })
        .unwrap_or_default()
}

/// One state, in the page's language.
pub fn state(ctx: &Ctx, s: &StateSaid) -> String {
    let status =
        |code: Option<String>| -> Arg<'static> { code.unwrap_or_else(|| "none".into()).into() };
    match s {
        StateSaid::Post(p) => ctx.t_args(
            "asof-said-post",
            &[("status", status(p.map(|p| code_of(&p))))],
        ),
        StateSaid::Premises(p) => ctx.t_args(
            "asof-said-premises",
            &[("status", status(p.map(|p| code_of(&p))))],
        ),
        StateSaid::Member(m) => ctx.t_args(
            "asof-said-member",
            &[("status", status(m.map(|m| code_of(&m))))],
        ),
        StateSaid::Head {
            head,
            vacant,
            charge,
        } => {
            let head = match head {
                Some((person, away)) => ctx.t_args(
                    if *away {
                        "asof-said-head-away"
                    } else {
                        "asof-said-head-present"
                    },
                    &[("person", person.as_str().into())],
                ),
                None if *vacant => ctx.t("asof-said-head-vacant"),
                None => ctx.t("asof-said-head-none"),
            };
            match charge {
                Some(person) => ctx.t_args(
                    "asof-said-head-charge",
                    &[("head", head.into()), ("person", person.as_str().into())],
                ),
                None => head,
            }
        }
    }
}

#[cfg(test)]
mod tests;
