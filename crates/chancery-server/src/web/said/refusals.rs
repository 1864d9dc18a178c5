//! A refusal in the page's language, from what its rule says ([`RefusalSaid`]) or, when it
//! says nothing beyond its code, from the code. English pages keep the domain's own sentence,
//! which the API gives too; other languages word the facts with Fluent messages, the treaty
//! article as their lawyers cite it.

use chancery_domain::rules::{RefusalSaid, RuleCode};
use chancery_domain::RuleViolation;

use crate::web::i18n::{Arg, Lang};
use crate::web::pages::{name_of, Names};
use crate::web::Ctx;

mod article;

pub use article::article;

type Args<'a> = Vec<(&'static str, Arg<'a>)>;

/// The refusal as a form or page shows it: its sentence and the article where one applies;
/// English adds the rule's code, as it always has.
pub fn shown(ctx: &Ctx, names: &Names, v: &RuleViolation) -> String {
    if ctx.lang() == Lang::En {
        return match v.article {
            Some(cited) => format!("{} ({cited}) [{}]", v.message, v.code),
            None => format!("{} [{}]", v.message, v.code),
        };
    }
    let sentence = sentence(ctx, names, v);
    match v.article {
        // The citation closes the sentence, before its full stop.
        Some(cited) => {
            let body = sentence.strip_suffix('.').unwrap_or(&sentence);
            format!("{body} ({}).", article(ctx, cited))
        }
        None => sentence,
    }
}

/// The refusal's sentence alone, in the page's language.
pub fn sentence(ctx: &Ctx, names: &Names, v: &RuleViolation) -> String {
    if ctx.lang() == Lang::En {
        return v.message.clone();
    }
    said(ctx, names, v.code, &v.said)
}

/// The message that words a rule's code alone.
pub fn rule_id(code: RuleCode) -> String {
    format!("refusal-rule-{}", code.as_str())
}

fn said(ctx: &Ctx, names: &Names, code: RuleCode, s: &RefusalSaid) -> String {
    let say = |id: &str, args: Args<'_>| ctx.t_args(id, &args);
    // Dates and numbers as the record writes them (no grouping of digits in an act's number).
    let text = |d: &dyn ToString| -> Arg<'static> { d.to_string().into() };
    let days = |id: &str, n: i32| ctx.t_args(id, &[("n", n.into())]);
    let term = |t: chancery_domain::rules::Term| {
        ctx.t_args("refusal-term", &[("term", t.as_str().into())])
    };
    match s {
        RefusalSaid::Rule => ctx.t(&rule_id(code)),
        RefusalSaid::Unknown { id } => say(
            "refusal-said-unknown",
            vec![("code", code.as_str().into()), ("id", id.as_str().into())],
        ),
        RefusalSaid::Duplicate { thing, id } => say(
            "refusal-said-duplicate",
            vec![("thing", thing.as_str().into()), ("id", id.as_str().into())],
        ),
        RefusalSaid::NoSuchAct { seq } => say("refusal-said-no-such-act", vec![("seq", text(seq))]),
        RefusalSaid::StateNotRegistered { state } => say(
            "refusal-said-state-not-registered",
            vec![("state", state.as_str().to_owned().into())],
        ),
        RefusalSaid::SameState { state } => say(
            "refusal-said-same-state",
            vec![
                ("state", state.as_str().to_owned().into()),
                ("state_name", name_of(names, *state).into()),
            ],
        ),
        RefusalSaid::PostNotOpen {
            post,
            date: on,
            since,
        } => say(
            "refusal-said-post-not-open",
            vec![
                ("post", post.as_str().to_owned().into()),
                ("date", text(on)),
                ("closed", yes_no(since.is_some())),
                (
                    "since",
                    since.map(|d| d.to_string()).unwrap_or_default().into(),
                ),
            ],
        ),
        RefusalSaid::ActInFuture {
            date: on,
            limit,
            measure_days,
        } => say(
            "refusal-said-act-in-future",
            vec![
                ("date", text(on)),
                ("limit", text(limit)),
                ("measure", yes_no(measure_days.is_some())),
                (
                    "days",
                    days("refusal-days", measure_days.unwrap_or(0)).into(),
                ),
            ],
        ),
        RefusalSaid::TermInFuture {
            term: t,
            date: on,
            limit,
            days: n,
        } => say(
            "refusal-said-term-in-future",
            vec![
                ("term_name", term(*t).into()),
                ("date", text(on)),
                ("limit", text(limit)),
                ("days_after", days("refusal-days-after", *n).into()),
            ],
        ),
        RefusalSaid::DateBeforeYear { date: on, year } => say(
            "refusal-said-date-before-year",
            vec![("date", text(on)), ("year", year.to_string().into())],
        ),
        RefusalSaid::DateBeforeRecord {
            date: on,
            years,
            first,
        } => say(
            "refusal-said-date-before-record",
            vec![
                ("date", text(on)),
                ("years", days("refusal-years", *years).into()),
                ("first", text(first)),
            ],
        ),
        RefusalSaid::DeadlineBeforeDate { deadline, date: on } => say(
            "refusal-said-deadline-before-date",
            vec![("deadline", text(deadline)), ("date", text(on))],
        ),
        RefusalSaid::TermBeforeDate {
            term: t,
            term_date,
            date: on,
        } => say(
            "refusal-said-term-before-date",
            vec![
                ("term_name", term(*t).into()),
                ("term_date", text(term_date)),
                ("date", text(on)),
            ],
        ),
        RefusalSaid::ExpiresBeforeEffect { expires, effective } => say(
            "refusal-said-expires-before-effect",
            vec![("expires", text(expires)), ("effective", text(effective))],
        ),
        RefusalSaid::CapExceeded {
            member,
            date: on,
            measure,
            counting,
            count,
            cap,
        } => say(
            "refusal-said-cap-exceeded",
            vec![
                ("member", member.as_str().to_owned().into()),
                ("date", text(on)),
                ("measure", measure.as_str().to_owned().into()),
                ("counting", counting.as_str().into()),
                ("counting_label", ctx.word(*counting).into()),
                ("count", text(count)),
                ("cap", text(cap)),
            ],
        ),
        RefusalSaid::ReplacementsBarred {
            member,
            date: on,
            measure,
            counting,
        } => say(
            "refusal-said-replacements-barred",
            vec![
                ("member", member.as_str().to_owned().into()),
                ("date", text(on)),
                ("measure", measure.as_str().to_owned().into()),
                ("counting", counting.as_str().into()),
                ("counting_label", ctx.word(*counting).into()),
            ],
        ),
        RefusalSaid::ClosureStillInForce {
            post,
            date: on,
            measure,
        } => say(
            "refusal-said-closure-still-in-force",
            vec![
                ("post", post.as_str().to_owned().into()),
                ("date", text(on)),
                ("measure", measure.as_str().to_owned().into()),
            ],
        ),
        RefusalSaid::WithdrawalBlocked { old, at } => say(
            "refusal-said-withdrawal-blocked",
            vec![("old", text(old)), ("at", text(at))],
        ),
        RefusalSaid::LaterActInvalidated { at, code, why } => say(
            "refusal-said-later-act-invalidated",
            vec![
                ("at", text(at)),
                ("why", said(ctx, names, *code, why).into()),
            ],
        ),
    }
}

fn yes_no<'b>(b: bool) -> Arg<'b> {
    if b { "yes" } else { "no" }.into()
}

#[cfg(test)]
mod tests;
