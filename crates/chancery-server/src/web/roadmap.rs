//! The normalisation roadmap as a page for the negotiator: the steps in order, each with the
//! measures it lifts on both sides, the steps it waits for, the parity dimensions it changes,
//! the index after it, the commitments that already promise it, and the domain's explanation.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use chancery_domain::act::About;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::reciprocity::roadmap::{Roadmap, RoadmapStep, StepKind, StepMeasure};
use chancery_domain::{CommitmentId, Image, MeasureId, StateCode};
use maud::{html, Markup};

use super::pages::{capitalised, measure_link, name_of, names, the};
use super::{blocking, encode, relation, request::PageRequest, Ctx, PageError};
use super::{layout, said};
use crate::state::AppState;

type Names = BTreeMap<StateCode, String>;

/// The roadmap answers on the whole record as it stands: the domain computes it from
/// everything recorded, so this page takes no `known_through`.
pub async fn page(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let (a, b) = relation(&a, &b).map_err(|e| e.in_lang(page.scope.lang))?;
        let ctx = Ctx::new(page.as_of, Some((a, b))).scoped(page.scope);
        let image = app.chancery.image();
        let roadmap = image
            .roadmap(a, b, ctx.view(), &Definition::default())
            .map_err(|e| PageError::not_found(e.to_string()).in_ctx(ctx))?;
        Ok(render(&ctx, &image, &names(&image, ctx.lang()), &roadmap))
    })
    .await
}

fn sorted(steps: &[usize]) -> Vec<usize> {
    let mut v = steps.to_vec();
    v.sort_unstable();
    v
}

fn step_anchor(order: usize) -> String {
    format!("step-{order}")
}

/// "Russia lifts R062; the United States lifts R063": who undoes what in the step, side by side.
fn paired(ctx: &Ctx, names: &Names, step: &RoadmapStep) -> Markup {
    let mut by_actor: BTreeMap<StateCode, Vec<&StepMeasure>> = BTreeMap::new();
    for m in &step.lift {
        by_actor.entry(m.actor).or_default().push(m);
    }
    html! {
        @for (i, (actor, ms)) in by_actor.iter().enumerate() {
            @let name = name_of(names, *actor);
            @let lifts = ctx.t_args("roadmap-state-lifts", &[("state", name.as_str().into()), ("the_state", the(&name).into())]);
            @if i > 0 { "; " (lifts) } @else { (capitalised(&lifts)) }
            " "
            @for (j, m) in ms.iter().enumerate() {
                @if j > 0 { ", " }
                (measure_link(ctx, &m.id, m.external_ref.as_deref()))
            }
        }
    }
}

/// A commitment by its text, as the record gives it (its identifier only when the reader may not
/// see the text).
fn commitment_words(image: &Image, ctx: &Ctx, id: &CommitmentId) -> String {
    image
        .named(About::Commitment(id), &ctx.view())
        .unwrap_or_else(|| id.to_string())
}

fn signed(x: f64) -> String {
    format!("{x:+.1}")
}

fn index_after(ctx: &Ctx, names: &Names, step: &RoadmapStep) -> Markup {
    html! {
        @for (s, v) in &step.effect.index {
            (ctx.missions_of(names, *s)) " " strong { (format!("{v:.1}")) }
            @if let Some(c) = step.effect.index_change.get(s) { " (" (signed(*c)) ")" }
            " · "
        }
        (ctx.t("roadmap-combined")) " " strong { (format!("{:.1}", step.effect.index_combined)) }
        " (" (ctx.t_args("roadmap-from-today", &[("change", signed(step.effect.index_change_combined).into())])) ")"
    }
}

pub(super) fn kind_words(ctx: &Ctx, kind: StepKind) -> String {
    match kind {
        StepKind::Reciprocal => ctx.t("roadmap-step-reciprocal"),
        StepKind::Unilateral => ctx.t("roadmap-step-unilateral"),
        StepKind::NotReciprocity => ctx.t("roadmap-step-not-reciprocity"),
    }
}

/// The reference (R012) of each measure the roadmap lifts, for the measures a step answers.
type Refs<'a> = BTreeMap<&'a MeasureId, &'a str>;

fn step_section(
    ctx: &Ctx,
    image: &Image,
    names: &Names,
    refs: &Refs<'_>,
    states: [StateCode; 2],
    step: &RoadmapStep,
) -> Markup {
    let id = step_anchor(step.order);
    let depends_on = sorted(&step.depends_on);
    html! {
        section.step id=(id) aria-labelledby=(format!("{id}-title")) {
            h2 id=(format!("{id}-title")) {
                (ctx.t("roadmap-step")) " " (step.order)
                span.muted { (ctx.t("roadmap-combined-after")) ": " (format!("{:.1}", step.effect.index_combined)) }
            }
            p.muted { (kind_words(ctx, step.kind)) }
            p { (super::pages::unticked(&said::roadmap::step(ctx, names, &step.said)).replace('_', " ")) }
            @if !step.assumptions.is_empty() {
                p { (ctx.t("roadmap-assumed")) }
                ul { @for a in &step.assumptions { li { (super::pages::unticked(&said::roadmap::assumption(ctx, &a.said))) } } }
            }
            table {
                caption.muted { (ctx.t("roadmap-lifted-here")) }
                thead { tr {
                    th scope="col" { (ctx.t("col-by")) } th scope="col" { (ctx.t("col-measure")) } th scope="col" { (ctx.t("col-kind")) }
                    th scope="col" { (ctx.t("col-effective")) } th scope="col" { (ctx.t("col-summary")) } th scope="col" { (ctx.t("col-answers")) }
                } }
                tbody {
                    @for m in &step.lift {
                        tr {
                            td { (name_of(names, m.actor)) }
                            td { (measure_link(ctx, &m.id, m.external_ref.as_deref())) }
                            td { (ctx.word(m.kind)) }
                            td { (m.effective) }
                            td { (m.summary) }
                            td { @for (i, p) in m.answers.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, p, refs.get(p).copied())) } }
                        }
                    }
                }
            }
            dl.facts {
                dt { (ctx.t("roadmap-comes-after")) }
                dd {
                    @if depends_on.is_empty() { (ctx.t("roadmap-no-other-step")) }
                    @for (i, d) in depends_on.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(format!("#{}", step_anchor(*d))) { (ctx.t("roadmap-step-lower")) " " (d) }
                    }
                }
                dt { (ctx.t("roadmap-parity-changes")) }
                dd {
                    @if step.effect.parity.is_empty() { (ctx.t("roadmap-no-dimension")) }
                    ul {
                        @for c in &step.effect.parity {
                            li {
                                strong { (ctx.label("parity", c.before.key)) } ": "
                                @for (i, s) in states.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (ctx.missions_of(names, *s)) " "
                                    (c.before.values.get(s).map_or_else(|| "—".to_owned(), |v| said::parity::value(ctx, names, v)))
                                    " → "
                                    (c.after.values.get(s).map_or_else(|| "—".to_owned(), |v| said::parity::value(ctx, names, v)))
                                }
                            }
                        }
                    }
                }
                dt { (ctx.t("roadmap-index-after")) }
                dd { (index_after(ctx, names, step)) }
                dt { (ctx.t("roadmap-still-in-force")) }
                dd { (step.effect.measures_in_force_after) }
                dt { (ctx.t("roadmap-covered-by")) }
                dd {
                    @if step.covered_by.is_empty() { (ctx.t("roadmap-no-commitment")) }
                    @for (i, c) in step.covered_by.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(ctx.rel(&format!("/commitments/{}", encode(c.commitment.as_str())))) { (commitment_words(image, ctx, &c.commitment)) }
                        " (" (said::roadmap::promise(ctx, c.promise)) ", " (ctx.word(c.status)) ")"
                    }
                }
            }
        }
    }
}

fn render(ctx: &Ctx, image: &Image, names: &Names, roadmap: &Roadmap) -> Markup {
    let Some((a, b)) = ctx.relation else {
        return layout::page(
            ctx,
            &ctx.t("nav-roadmap"),
            html! { p { (ctx.t("no-relation")) } },
        );
    };
    let title = ctx.t_args(
        "roadmap-title",
        &[
            ("a", name_of(names, a).into()),
            ("b", name_of(names, b).into()),
        ],
    );
    let refs: Refs<'_> = roadmap
        .steps
        .iter()
        .flat_map(|s| &s.lift)
        .filter_map(|m| Some((&m.id, m.external_ref.as_deref()?)))
        .collect();
    let content = html! {
        h1 { (title) }
        p {
            (ctx.t("roadmap-from")) " " strong { (roadmap.as_of) } ": "
            (ctx.t_args("roadmap-summary", &[("measures", roadmap.measures_in_force.into()), ("steps", roadmap.steps.len().into())])) " "
            a href=(ctx.rel("/what-if")) { (ctx.t("roadmap-try-whatif")) } "."
        }
        p.muted {
            (ctx.t_args("roadmap-scale", &[("baseline", roadmap.baseline.to_string().into()), ("now", format!("{:.1}", roadmap.index_now).into())])) " "
            (ctx.t("overview-staff-counted-as")) " " (said::parity::definition(ctx, roadmap.definition.staff, roadmap.definition.include_io)) "."
        }
        details { summary { (ctx.t("roadmap-how")) } p { (said::roadmap::method(ctx)) } }
        @if roadmap.steps.is_empty() {
            p { (ctx.t_args("roadmap-nothing", &[("date", roadmap.as_of.to_string().into())])) }
        } @else {
            table {
                caption.muted { (ctx.t("roadmap-glance")) }
                thead { tr {
                    th scope="col" { (ctx.t("roadmap-step")) } th scope="col" { (ctx.t("roadmap-col-lifts")) } th scope="col" { (ctx.t("roadmap-comes-after")) }
                    th scope="col" { (ctx.t("roadmap-parity-changes")) } th scope="col" class="num" { (ctx.t("roadmap-col-combined-after")) }
                    th scope="col" { (ctx.t("roadmap-covered-by")) }
                } }
                tbody {
                    @for s in &roadmap.steps {
                        tr {
                            td.num { a href=(format!("#{}", step_anchor(s.order))) { (s.order) } }
                            td { (paired(ctx, names, s)) }
                            td { @for (i, d) in sorted(&s.depends_on).iter().enumerate() { @if i > 0 { ", " } (d) } }
                            td { @for (i, c) in s.effect.parity.iter().enumerate() { @if i > 0 { ", " } (ctx.label("parity", c.before.key)) } }
                            td.num { (format!("{:.1}", s.effect.index_combined)) }
                            td { @for (i, c) in s.covered_by.iter().enumerate() { @if i > 0 { "; " } a href=(ctx.rel(&format!("/commitments/{}", encode(c.commitment.as_str())))) { (commitment_words(image, ctx, &c.commitment)) } } }
                        }
                    }
                }
            }
            @for s in &roadmap.steps { (step_section(ctx, image, names, &refs, [a, b], s)) }
        }
    };
    layout::page(ctx, &title, content)
}
