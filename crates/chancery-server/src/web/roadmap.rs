//! The normalisation roadmap as a page for the negotiator: the steps in order, each with the
//! measures it lifts on both sides, the steps it waits for, the parity dimensions it changes,
//! the index after it, the commitments that already promise it, and the domain's explanation.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::reciprocity::roadmap::{Roadmap, RoadmapStep, StepKind, StepMeasure};
use chancery_domain::{MeasureId, StateCode};
use maud::{html, Markup};

use super::layout;
use super::pages::{capitalised, measure_link, name_of, names, possessive, the, words};
use super::{blocking, encode, relation, request::PageRequest, Ctx, PageError};
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
        let (a, b) = relation(&a, &b)?;
        let ctx = Ctx::new(page.as_of, Some((a, b))).scoped(page.scope);
        let image = app.chancery.image();
        let roadmap = image
            .roadmap(a, b, ctx.view(), &Definition::default())
            .map_err(|e| PageError::not_found(e.to_string()).in_ctx(ctx))?;
        Ok(render(&ctx, &names(&image), &roadmap))
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
            @let actor = the(&name_of(names, *actor));
            @if i > 0 { "; " (actor) } @else { (capitalised(&actor)) }
            " lifts "
            @for (j, m) in ms.iter().enumerate() {
                @if j > 0 { ", " }
                (measure_link(ctx, &m.id, m.external_ref.as_deref()))
            }
        }
    }
}

fn signed(x: f64) -> String {
    format!("{x:+.1}")
}

fn index_after(names: &Names, step: &RoadmapStep) -> Markup {
    html! {
        @for (s, v) in &step.effect.index {
            (possessive(&name_of(names, *s))) " missions " strong { (format!("{v:.1}")) }
            @if let Some(c) = step.effect.index_change.get(s) { " (" (signed(*c)) ")" }
            " · "
        }
        "combined " strong { (format!("{:.1}", step.effect.index_combined)) }
        " (" (signed(step.effect.index_change_combined)) " from today)"
    }
}

fn kind_words(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Reciprocal => "reciprocal: both sides lift something",
        StepKind::Unilateral => "unilateral: nothing of the other side in force is connected to it",
        StepKind::NotReciprocity => "not a host government's measure, symbolic or low-confidence: listed, never a concession",
    }
}

/// The reference (R012) of each measure the roadmap lifts, for the measures a step answers.
type Refs<'a> = BTreeMap<&'a MeasureId, &'a str>;

fn step_section(
    ctx: &Ctx,
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
                "Step " (step.order)
                span.muted { "combined index after: " (format!("{:.1}", step.effect.index_combined)) }
            }
            p.muted { (kind_words(step.kind)) }
            p { (super::pages::unticked(&step.explanation).replace('_', " ")) }
            @if !step.assumptions.is_empty() {
                p { "Assumed to follow:" }
                ul { @for a in &step.assumptions { li { (super::pages::unticked(&a.text)) } } }
            }
            table {
                caption.muted { "Lifted in this step" }
                thead { tr {
                    th scope="col" { "By" } th scope="col" { "Measure" } th scope="col" { "Kind" }
                    th scope="col" { "Effective" } th scope="col" { "Summary" } th scope="col" { "Answers" }
                } }
                tbody {
                    @for m in &step.lift {
                        tr {
                            td { (name_of(names, m.actor)) }
                            td { (measure_link(ctx, &m.id, m.external_ref.as_deref())) }
                            td { (words(m.kind.as_str())) }
                            td { (m.effective) }
                            td { (m.summary) }
                            td { @for (i, p) in m.answers.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, p, refs.get(p).copied())) } }
                        }
                    }
                }
            }
            dl.facts {
                dt { "Comes after" }
                dd {
                    @if depends_on.is_empty() { "no other step" }
                    @for (i, d) in depends_on.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(format!("#{}", step_anchor(*d))) { "step " (d) }
                    }
                }
                dt { "Parity changes on" }
                dd {
                    @if step.effect.parity.is_empty() { "no dimension" }
                    ul {
                        @for c in &step.effect.parity {
                            li {
                                strong { (c.before.label) } ": "
                                @for (i, s) in states.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (possessive(&name_of(names, *s))) " missions "
                                    (c.before.values.get(s).map_or("—", |v| v.text.as_str()))
                                    " → "
                                    (c.after.values.get(s).map_or("—", |v| v.text.as_str()))
                                }
                            }
                        }
                    }
                }
                dt { "Index after this step" }
                dd { (index_after(names, step)) }
                dt { "Measures still in force" }
                dd { (step.effect.measures_in_force_after) }
                dt { "Covered by" }
                dd {
                    @if step.covered_by.is_empty() { "no commitment" }
                    @for (i, c) in step.covered_by.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(ctx.rel(&format!("/commitments/{}", encode(c.commitment.as_str())))) { (c.commitment) }
                        " (" (c.promise) ", " (words(c.status.as_str())) ")"
                    }
                }
            }
        }
    }
}

fn render(ctx: &Ctx, names: &Names, roadmap: &Roadmap) -> Markup {
    let Some((a, b)) = ctx.relation else {
        return layout::page(ctx, "Roadmap", html! { p { "No relation." } });
    };
    let title = format!(
        "Normalisation roadmap: {} – {}",
        name_of(names, a),
        name_of(names, b)
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
            "From " strong { (roadmap.as_of) } ": " (roadmap.measures_in_force) " standing measures in force, unwound in "
            (roadmap.steps.len()) " steps. "
            a href=(ctx.rel("/what-if")) { "Try other lifts in “what if”" } "."
        }
        p.muted {
            "The index after each step is on the overview's scale: 100 on " (roadmap.baseline) "; today it is "
            (format!("{:.1}", roadmap.index_now)) ", and each step gives the change from today. Expulsions and other events are never lifted: they happened. "
            "Staff counted as: " (roadmap.definition.describe()) "."
        }
        details { summary { "How the roadmap is built" } p { (roadmap.method) } }
        @if roadmap.steps.is_empty() {
            p { "No measure is in force on " (roadmap.as_of) ": there is nothing to unwind." }
        } @else {
            table {
                caption.muted { "The steps at a glance; each is set out below." }
                thead { tr {
                    th scope="col" { "Step" } th scope="col" { "Lifts" } th scope="col" { "Comes after" }
                    th scope="col" { "Parity changes on" } th scope="col" class="num" { "Combined index after" }
                    th scope="col" { "Covered by" }
                } }
                tbody {
                    @for s in &roadmap.steps {
                        tr {
                            td.num { a href=(format!("#{}", step_anchor(s.order))) { (s.order) } }
                            td { (paired(ctx, names, s)) }
                            td { @for (i, d) in sorted(&s.depends_on).iter().enumerate() { @if i > 0 { ", " } (d) } }
                            td { @for (i, c) in s.effect.parity.iter().enumerate() { @if i > 0 { ", " } (c.before.label) } }
                            td.num { (format!("{:.1}", s.effect.index_combined)) }
                            td { @for (i, c) in s.covered_by.iter().enumerate() { @if i > 0 { ", " } (c.commitment) } }
                        }
                    }
                }
            }
            @for s in &roadmap.steps { (step_section(ctx, names, &refs, [a, b], s)) }
        }
    };
    layout::page(ctx, &title, content)
}
