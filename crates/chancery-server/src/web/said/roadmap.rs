//! A roadmap step's explanation and the assumptions of its liftings in the page's language,
//! from what the domain says ([`StepSaid`], [`AssumptionSaid`]).
//!
//! Every message gets both what the English sentence is made of (states by code, kinds and
//! statuses as their codes read, the dimensions' English labels) and the words another language
//! needs (states by name, codes by their labels): each language's message takes its own.

use chancery_domain::reciprocity::consequences::AssumptionSaid;
use chancery_domain::reciprocity::roadmap::{
    CoverSaid, LinkSaid, Need, SideSaid, StepSaid, WhySaid,
};
use chancery_domain::vocab::Capacity;

use super::alerts::inside;
use crate::web::i18n::Arg;
use crate::web::pages::{name_of, Names};
use crate::web::Ctx;

/// The step's explanation: its sentences, one after another.
pub fn step(ctx: &Ctx, names: &Names, s: &StepSaid) -> String {
    let sides: Vec<String> = s.sides.iter().map(|x| side(ctx, names, x)).collect();
    let mut sentences = vec![ctx.t_args(
        "roadmap-said-step",
        &[
            ("order", s.order.into()),
            ("sides", sides.join("; ").into()),
        ],
    )];
    sentences.push(why(ctx, names, &s.why));
    if !s.links.is_empty() {
        let links: Vec<String> = s.links.iter().map(|l| link(ctx, l)).collect();
        sentences.push(ctx.t_args("roadmap-said-links", &[("links", links.join("; ").into())]));
    }
    for (need, steps) in &s.needs {
        let list: Vec<String> = steps.iter().map(usize::to_string).collect();
        sentences.push(ctx.t_args(
            "roadmap-said-comes-after",
            &[
                ("several", yes_no(steps.len() > 1)),
                ("steps", list.join(", ").into()),
                ("why", ctx.t(need_id(*need)).into()),
            ],
        ));
    }
    for a in &s.assumptions {
        sentences.push(ctx.t_args(
            "roadmap-said-assumed",
            &[("text", assumption(ctx, a).into())],
        ));
    }
    if s.parity.is_empty() {
        sentences.push(ctx.t("roadmap-said-parity-none"));
    } else {
        let labels: Vec<&str> = s.parity.iter().map(|p| p.label).collect();
        let shown: Vec<String> = s
            .parity
            .iter()
            .map(|p| ctx.label("parity", p.key))
            .collect();
        sentences.push(ctx.t_args(
            "roadmap-said-parity",
            &[
                ("labels", labels.join(", ").into()),
                ("labels_shown", shown.join(", ").into()),
            ],
        ));
    }
    sentences.extend(s.covered.iter().map(|c| covered(ctx, c)));
    sentences.join(" ")
}

/// What a lifting is assumed to let happen.
pub fn assumption(ctx: &Ctx, a: &AssumptionSaid) -> String {
    match a {
        AssumptionSaid::PostReopened {
            post: _,
            name,
            names,
            measure,
        } => ctx.t_args(
            "roadmap-said-post-reopened",
            &[
                ("name", name.as_str().into()),
                (
                    "name_shown",
                    names.get(ctx.lang().code()).unwrap_or(name).into(),
                ),
                ("measure", measure.to_string().into()),
            ],
        ),
        AssumptionSaid::PremisesReturned {
            premises: _,
            name,
            measure,
        } => ctx.t_args(
            "roadmap-said-premises-returned",
            &[
                ("name", name.as_str().into()),
                ("measure", measure.to_string().into()),
            ],
        ),
        AssumptionSaid::LiftRefused { measure, code } => ctx.t_args(
            "roadmap-said-lift-refused",
            &[
                ("measure", measure.as_str().into()),
                ("code", code.as_str().into()),
            ],
        ),
    }
}

/// How the roadmap is built: the domain's [`METHOD`](chancery_domain::reciprocity::roadmap::METHOD).
pub fn method(ctx: &Ctx) -> String {
    ctx.t("roadmap-said-method")
}

/// What a commitment promises for a step's measures: `lifts` or `eases`, in the page's words.
pub fn promise(ctx: &Ctx, promise: &str) -> String {
    if promise == "lifts" {
        ctx.t("roadmap-said-promise-lifts")
    } else {
        ctx.t("roadmap-said-promise-eases")
    }
}

fn yes_no<'b>(b: bool) -> Arg<'b> {
    if b { "yes" } else { "no" }.into()
}

fn spaced(code: &str) -> String {
    code.replace('_', " ")
}

fn side(ctx: &Ctx, names: &Names, s: &SideSaid) -> String {
    let measures: Vec<String> = s
        .measures
        .iter()
        .map(|m| {
            ctx.t_args(
                "roadmap-said-measure",
                &[
                    ("name", m.name.as_str().into()),
                    ("kind", spaced(m.kind.as_str()).into()),
                    ("kind_label", inside(ctx.word(m.kind)).into()),
                    ("effective", m.effective.to_string().into()),
                ],
            )
        })
        .collect();
    ctx.t_args(
        "roadmap-said-side",
        &[
            ("actor", s.actor.as_str().into()),
            ("actor_name", name_of(names, s.actor).into()),
            ("measures", measures.join(", ").into()),
        ],
    )
}

fn why(ctx: &Ctx, names: &Names, w: &WhySaid) -> String {
    match w {
        WhySaid::NotReciprocity {
            measure,
            capacity,
            actor,
        } => ctx.t_args(
            "roadmap-said-not-reciprocity",
            &[
                ("measure", measure.as_str().into()),
                ("capacity", spaced(capacity.as_str()).into()),
                ("capacity_label", ctx.word(*capacity).into()),
                ("host", yes_no(*capacity == Capacity::HostGovernment)),
                ("actor", actor.as_str().into()),
                ("actor_name", name_of(names, *actor).into()),
            ],
        ),
        WhySaid::Unilateral { measure } => ctx.t_args(
            "roadmap-said-unilateral",
            &[("measure", measure.as_str().into())],
        ),
        WhySaid::Joined { latest, joined } => ctx.t_args(
            "roadmap-said-joined",
            &[
                ("latest", latest.as_str().into()),
                ("joined", joined.as_str().into()),
            ],
        ),
        WhySaid::Latest { latest } => {
            ctx.t_args("roadmap-said-latest", &[("latest", latest.as_str().into())])
        }
    }
}

fn link(ctx: &Ctx, l: &LinkSaid) -> String {
    match l {
        LinkSaid::Answers {
            measure,
            answered,
            step,
        } => ctx.t_args(
            "roadmap-said-answers",
            &[
                ("measure", measure.as_str().into()),
                ("answered", answered.as_str().into()),
                ("step", (*step).into()),
            ],
        ),
        LinkSaid::AnsweredBy {
            answer,
            measure,
            step,
        } => ctx.t_args(
            "roadmap-said-answered-by",
            &[
                ("answer", answer.as_str().into()),
                ("measure", measure.as_str().into()),
                ("step", (*step).into()),
            ],
        ),
    }
}

fn need_id(n: Need) -> &'static str {
    match n {
        Need::Visas => "roadmap-said-need-visas",
        Need::LocalHiring => "roadmap-said-need-local-hiring",
        Need::Premises => "roadmap-said-need-premises",
    }
}

fn covered(ctx: &Ctx, c: &CoverSaid) -> String {
    ctx.t_args(
        "roadmap-said-covered",
        &[
            ("commitment", c.commitment.to_string().into()),
            ("status", spaced(c.status.as_str()).into()),
            ("status_label", inside(ctx.word(c.status)).into()),
            ("lifts", yes_no(c.lifts)),
        ],
    )
}

#[cfg(test)]
mod tests;
