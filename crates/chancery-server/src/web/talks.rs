//! Talks you can follow: the rounds of a relation with what became of their commitments, each
//! round's page (linked both ways with its acts and its commitments), a commitment's page, and
//! the negotiator's brief for the next round (a page made to print).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use chancery_app::StoredAct;
use chancery_domain::act::Kind;
use chancery_domain::act::{CommitmentAct, TalksAct};
use chancery_domain::brief::Brief;
use chancery_domain::image::commitments::DueStatus;
use chancery_domain::reciprocity::parity::{Definition, Dimension};
use chancery_domain::rounds::CommitmentTally;
use chancery_domain::talks::{CommitmentView, RoundView};
use chancery_domain::{Act, ActBody, CommitmentId, Image, RoundId, StateCode};
use maud::{html, Markup};

use super::about::act_line;
use super::layout::page;
use super::pages::{
    measure_link, name_of, names, person_link, query_page_error, relation_of, shown_name, the,
    words, Names,
};
use super::request::PageRequest;
use super::said::parity as said;
use super::{blocking, encode, relation_ctx, Ctx, PageError};
use crate::state::AppState;

pub(super) fn round_href(ctx: &Ctx, id: &RoundId) -> String {
    ctx.rel(&format!("/rounds/{}", encode(id.as_str())))
}

pub(super) fn commitment_href(ctx: &Ctx, id: &CommitmentId) -> String {
    ctx.rel(&format!("/commitments/{}", encode(id.as_str())))
}

/// A commitment as a link headed by what was promised, not its slug.
fn commitment_link(ctx: &Ctx, c: &CommitmentView) -> Markup {
    html! { a href=(commitment_href(ctx, &c.id)) { (shown_name(&c.text)) } }
}

fn states_list(names: &Names, states: &[StateCode]) -> String {
    states
        .iter()
        .map(|s| name_of(names, *s))
        .collect::<Vec<_>>()
        .join(", ")
}

fn round_title(ctx: &Ctx, r: &RoundView, names: &Names) -> String {
    let place = r
        .venue
        .clone()
        .unwrap_or_else(|| name_of(names, r.venue_state));
    ctx.t_args(
        "round-title",
        &[("place", place.into()), ("date", r.date.to_string().into())],
    )
}

fn status_text(ctx: &Ctx, r: &RoundView, names: &Names) -> String {
    match (r.status, r.cancelled_by) {
        ("cancelled", Some(by)) => ctx.t_args(
            "round-cancelled-by",
            &[("state", the(&name_of(names, by)).into())],
        ),
        ("cancelled", None) => ctx.t("round-cancelled"),
        _ => ctx.t("round-held"),
    }
}

fn not_recorded(ctx: &Ctx) -> Markup {
    html! { span.muted { (ctx.t("not-recorded")) } }
}

/// A commitment's standing on the page's day, in words.
fn commitment_status(ctx: &Ctx, c: &CommitmentView) -> Markup {
    html! {
        (ctx.t_args("commitment-since", &[("status", ctx.word(c.status).into()), ("date", c.status_since.to_string().into())]))
        @if c.overdue { " " span.bad { (ctx.t("overdue")) } }
        @if c.due_status == Some(DueStatus::Due) { ", " (ctx.t("within-due-period")) }
    }
}

fn tally_cells(t: &CommitmentTally) -> Markup {
    html! {
        td.num { (t.made) }
        td.num { (t.kept) }
        td.num { (t.open) }
        td.num { @if t.overdue > 0 { span.bad { (t.overdue) } } @else { "0" } }
    }
}

/// `/relations/{a}/{b}/talks`: the rounds by date, newest first.
pub fn talks_page(image: &Image, ctx: &Ctx) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image, ctx.lang());
    let lines = image
        .round_lines(a, b, ctx.view())
        .map_err(query_page_error)?;
    let title = ctx.t_args(
        "talks-title",
        &[
            ("a", name_of(&names, a).into()),
            ("b", name_of(&names, b).into()),
        ],
    );
    let content = html! {
        h1 { (title) }
        p { a href=(ctx.rel("/talks/brief")) { (ctx.t("talks-brief-link")) } " · " a href=(ctx.rel("")) { (ctx.t("nav-overview")) } }
        @if lines.is_empty() { p { (ctx.t_args("talks-none", &[("date", ctx.as_of.to_string().into())])) } }
        @else {
            table.rounds {
                caption.muted { (ctx.t_args("talks-caption", &[("date", ctx.as_of.to_string().into())])) }
                thead { tr {
                    th scope="col" { (ctx.t("talks-col-date")) } th scope="col" { (ctx.t("talks-col-round")) } th scope="col" { (ctx.t("talks-col-level")) }
                    th scope="col" { (ctx.t("talks-col-held")) } th scope="col" { (ctx.t("talks-col-outcome")) }
                    th.num scope="col" { (ctx.t("talks-col-made")) } th.num scope="col" { (ctx.t("talks-col-kept")) } th.num scope="col" { (ctx.t("talks-col-open")) } th.num scope="col" { (ctx.t("talks-col-overdue")) }
                } }
                tbody {
                    @for l in lines.iter().rev() {
                        tr {
                            td { (l.round.date) }
                            td { a href=(round_href(ctx, &l.round.id)) { (round_title(ctx, &l.round, &names)) } }
                            td { @match &l.round.level { Some(x) => (x), None => (not_recorded(ctx)) } }
                            td { (status_text(ctx, &l.round, &names)) }
                            td { (l.round.outcome) }
                            (tally_cells(&l.tally))
                        }
                    }
                }
            }
        }
    };
    Ok(page(ctx, &title, content))
}

/// The acts a round's page lists: see `Image::round_detail`.
pub fn round_history(image: &Image, ctx: &Ctx, id: &str) -> Vec<u64> {
    let (Some((a, b)), Ok(round)) = (ctx.relation, id.parse::<RoundId>()) else {
        return Vec::new();
    };
    image
        .round_detail(a, b, &round, ctx.view())
        .ok()
        .flatten()
        .map(|d| d.acts)
        .unwrap_or_default()
}

fn acts_table(ctx: &Ctx, image: &Image, names: &Names, acts: &[StoredAct]) -> Markup {
    let (date, act, what) = (
        ctx.t("talks-col-date"),
        ctx.t("round-col-act"),
        ctx.t("round-col-what"),
    );
    let mut sorted: Vec<&StoredAct> = acts.iter().collect();
    sorted.sort_by_key(|s| (s.act.envelope.date, s.seq));
    html! {
        @if sorted.is_empty() { p { (ctx.t("round-no-act")) } }
        @else {
            table {
                thead { tr { th scope="col" { (date) } th scope="col" { (act) } th scope="col" { (what) } } }
                tbody { @for s in &sorted { tr {
                    td { (s.act.envelope.date) }
                    td { a href=(ctx.href(&format!("/acts/{}", s.seq))) { "#" (s.seq) " " (kind_label(ctx, &s.act)) } }
                    td { (act_line(ctx, names, image, &ctx.view(), &s.act)) }
                } } }
            }
        }
    }
}

fn kind_label(ctx: &Ctx, act: &Act) -> String {
    Kind::parse(act.kind()).map_or_else(|| words(act.kind()), |k| ctx.word(k))
}

pub fn round_page(
    image: &Image,
    acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image, ctx.lang());
    let date = ctx.as_of.to_string();
    let missing = || {
        PageError::not_found(format!("no round `{id}` as of {date}"))
            .saying("error-no-round", &[("id", id), ("date", &date)])
    };
    let round: RoundId = id.parse().map_err(|_| missing())?;
    let d = image
        .round_detail(a, b, &round, ctx.view())
        .map_err(query_page_error)?
        .ok_or_else(missing)?;
    let r = &d.round;
    let title = round_title(ctx, r, &names);
    let content = html! {
        p.noprint { a href=(ctx.rel("/talks")) { (ctx.t("round-all")) } }
        h1 { (title) }
        dl.facts {
            dt { (ctx.t("round-status")) } dd { (status_text(ctx, r, &names)) }
            dt { (ctx.t("round-parties")) } dd { (states_list(&names, &r.parties)) }
            dt { (ctx.t("round-venue")) } dd { @if let Some(v) = &r.venue { (shown_name(v)) ", " } (name_of(&names, r.venue_state)) }
            dt { (ctx.t("round-level")) } dd { @match &r.level { Some(l) => (l), None => (not_recorded(ctx)) } }
            dt { (ctx.t("round-delegations")) } dd {
                @if r.heads_of_delegation.is_empty() { (not_recorded(ctx)) }
                @else { ul { @for h in &r.heads_of_delegation { li { (person_link(ctx, h)) } } } }
            }
            dt { (ctx.t("round-agenda")) } dd {
                @if r.agenda.is_empty() { (not_recorded(ctx)) }
                @else { ul { @for x in &r.agenda { li { (x) } } } }
            }
            dt { (ctx.t("round-outcome")) } dd { (r.outcome) }
        }
        @if !r.agreements.is_empty() {
            h2 { (ctx.t("round-agreements")) }
            ul { @for x in &r.agreements { li { (x.date) ": " (x.summary) } } }
        }
        h2 { (ctx.t("round-commitments")) }
        @if d.commitments.is_empty() { p { (ctx.t("round-no-commitment")) } }
        @else {
            p { (ctx.t_args("round-tally", &[("made", d.tally.made.into()), ("kept", d.tally.kept.into()), ("open", d.tally.open.into()), ("overdue", d.tally.overdue.into()), ("date", ctx.as_of.to_string().into())])) }
            table.commitments {
                thead { tr { th scope="col" { (ctx.t("round-col-commitment")) } th scope="col" { (ctx.t("round-col-undertaken")) } th scope="col" { (ctx.t("round-col-due")) } th scope="col" { (ctx.t("round-col-became")) } } }
                tbody { @for c in &d.commitments { tr class=[c.overdue.then_some("overdue")] {
                    td { (commitment_link(ctx, c)) }
                    td { (states_list(&names, &c.undertaken_by)) }
                    td { @match c.due { Some(x) => (x), None => (ctx.t("round-no-date")) } }
                    td { (commitment_status(ctx, c))
                        @if !c.lifts.is_empty() { "; " (ctx.t("round-lifts")) " " @for (i, m) in c.lifts.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
                } } }
            }
        }
        h2 { (ctx.t("round-acts")) }
        (acts_table(ctx, image, &names, acts))
        (super::pages::provenance(ctx, r.provenance.as_ref()))
    };
    Ok(page(ctx, &title, content))
}

pub fn commitment_page(
    image: &Image,
    _acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image, ctx.lang());
    let list = image
        .commitments(a, b, ctx.view())
        .map_err(query_page_error)?;
    let c = list.iter().find(|c| c.id.as_str() == id).ok_or_else(|| {
        let date = ctx.as_of.to_string();
        PageError::not_found(format!("no commitment `{id}` as of {date}"))
            .saying("error-no-commitment", &[("id", id), ("date", &date)])
    })?;
    let round = c.round.as_ref().and_then(|r| {
        image
            .talks(a, b, ctx.view())
            .ok()?
            .rounds
            .into_iter()
            .find(|x| &x.id == r)
    });
    let content = html! {
        p.muted { (ctx.t("commitment-heading")) }
        h1 { (shown_name(&c.text)) }
        dl.facts {
            dt { (ctx.t_args("commitment-status-on", &[("date", ctx.as_of.to_string().into())])) } dd { (commitment_status(ctx, c)) }
            dt { (ctx.t("commitment-made")) } dd { (c.made)
                @match (&c.round, &round) {
                    (Some(id), Some(r)) => { " " (ctx.t("commitment-made-at")) " " a href=(round_href(ctx, id)) { (round_title(ctx, r, &names)) } },
                    (Some(id), None) => { " " (ctx.t_args("commitment-at-round", &[("id", id.as_str().into())])) },
                    _ => {},
                } }
            dt { (ctx.t("commitment-undertaken")) } dd { (states_list(&names, &c.undertaken_by)) }
            dt { (ctx.t("commitment-due")) } dd { @match c.due { Some(d) => (d), None => (ctx.t("commitment-no-due")) } }
            @if !c.lifts.is_empty() { dt { (ctx.t("commitment-lifts")) } dd { @for (i, m) in c.lifts.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
            @if !c.eases.is_empty() { dt { (ctx.t("commitment-eases")) } dd { @for (i, m) in c.eases.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
            @if let Some(e) = &c.evidence { dt { (ctx.t("commitment-evidence")) } dd { (e) } }
            dt { (ctx.t("commitment-id")) } dd { code { (c.id.as_str()) } }
        }
        @if !c.targets.is_empty() { h2 { (ctx.t("commitment-targets")) } ul { @for t in &c.targets { li { (t) } } } }
        (super::pages::provenance(ctx, c.provenance.as_ref()))
    };
    Ok(page(ctx, &c.text, content))
}

/// On an act's page: the round and the commitment the act is about, when the act names them.
pub fn act_links(ctx: &Ctx, act: &Act) -> Option<Markup> {
    let (pair, round, commitment) = match &act.body {
        ActBody::Talks(TalksAct::RoundHeld { round, parties, .. })
        | ActBody::Talks(TalksAct::RoundCancelled { round, parties, .. }) => {
            (parties.pair()?, Some(round), None)
        }
        ActBody::Talks(TalksAct::Agreement {
            round: Some(round),
            parties,
            ..
        }) => (parties.pair()?, Some(round), None),
        ActBody::Commitment(CommitmentAct::Made(m)) => {
            (m.parties.pair()?, m.round.as_ref(), Some(&m.commitment))
        }
        _ => return None,
    };
    let ctx = Ctx {
        relation: Some(pair),
        ..*ctx
    };
    Some(html! {
        p.links {
            @if let Some(r) = round { (ctx.t("act-round")) " " a href=(round_href(&ctx, r)) { (r.as_str()) } " · " a href=(ctx.rel("/talks")) { (ctx.t("act-all-rounds")) } }
            @if let Some(c) = commitment { " · " (ctx.t("act-commitment")) " " a href=(commitment_href(&ctx, c)) { (ctx.t("act-commitment-page")) } }
        }
    })
}

/// `/relations/{a}/{b}/talks`.
pub async fn list(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        talks_page(&app.chancery.image(), &ctx).map_err(|e| e.in_ctx(ctx))
    })
    .await
}

/// `/relations/{a}/{b}/talks/brief`.
pub async fn brief(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        let (a, b) = relation_of(&ctx)?;
        let brief = app
            .chancery
            .image()
            .brief(a, b, ctx.view(), &Definition::default())
            .map_err(|e| query_page_error(e).in_ctx(ctx))?;
        // The image's read lock is not held while the journal is read.
        let acts = app
            .chancery
            .acts_at(&brief.changes)
            .map_err(|e| PageError::from(e).in_ctx(ctx))?;
        Ok(brief_page(&app.chancery.image(), &ctx, &brief, &acts))
    })
    .await
}

fn dimension_values(ctx: &Ctx, names: &Names, d: &Dimension) -> Markup {
    html! {
        @for (i, (s, v)) in d.values.iter().enumerate() {
            @if i > 0 { br; }
            (name_of(names, *s)) ": " (said::value(ctx, names, v))
        }
    }
}

pub fn brief_page(image: &Image, ctx: &Ctx, brief: &Brief, changes: &[StoredAct]) -> Markup {
    let names = names(image, ctx.lang());
    let [a, b] = brief.states;
    let title = ctx.t_args(
        "brief-title",
        &[
            ("a", name_of(&names, a).into()),
            ("b", name_of(&names, b).into()),
        ],
    );
    // Grouped by kind, in the order of each kind's first act, the latest acts of a kind last.
    let mut groups: BTreeMap<String, Vec<&StoredAct>> = BTreeMap::new();
    for s in changes {
        groups.entry(kind_label(ctx, &s.act)).or_default().push(s);
    }
    let mut groups: Vec<(String, Vec<&StoredAct>)> = groups.into_iter().collect();
    for (_, g) in &mut groups {
        g.sort_by_key(|s| (s.act.envelope.date, s.seq));
    }
    groups.sort_by_key(|(label, g)| (std::cmp::Reverse(g.len()), label.clone()));
    let overdue = brief.commitments.iter().filter(|c| c.overdue).count();
    let content = html! {
        div.brief {
        h1 { (title) }
        p { (ctx.t("brief-as-of")) " " strong { (ctx.as_of) } ". "
            @match &brief.last_round {
                Some(r) => { (ctx.t("brief-last-round")) " " a href=(round_href(ctx, &r.id)) { (round_title(ctx, r, &names)) } "." },
                None => (ctx.t("brief-no-round")),
            }
            span.noprint { " " a href=(ctx.rel("/talks")) { (ctx.t("round-all")) } }
        }
        @if let Some(r) = &brief.last_round { p { strong { (ctx.t("brief-outcome")) " " } (r.outcome) } }
        section aria-labelledby="owed" {
            h2 id="owed" { (ctx.t("brief-owed")) }
            @if brief.commitments.is_empty() { p { (ctx.t("brief-none-open")) } }
            @else {
                p { (ctx.t_args("brief-owed-count", &[("n", brief.commitments.len().into()), ("overdue", overdue.into())])) }
                table {
                    thead { tr { th scope="col" { (ctx.t("round-col-commitment")) } th scope="col" { (ctx.t("round-col-undertaken")) } th scope="col" { (ctx.t("brief-col-made")) } th scope="col" { (ctx.t("round-col-due")) } th scope="col" { (ctx.t("brief-col-status")) } } }
                    tbody { @for c in &brief.commitments { tr class=[c.overdue.then_some("overdue")] {
                        td { (commitment_link(ctx, c)) }
                        td { (states_list(&names, &c.undertaken_by)) }
                        td { (c.made) @if let Some(r) = &c.round { " (" a href=(round_href(ctx, r)) { (ctx.t("brief-round")) } ")" } }
                        td { @match c.due { Some(d) => (d), None => (ctx.t("round-no-date")) } }
                        td { (commitment_status(ctx, c)) }
                    } } }
                }
            }
        }
        section aria-labelledby="since" {
            h2 id="since" { (ctx.t("brief-since")) }
            @match brief.since {
                None => p { (ctx.t("brief-no-round-count")) },
                Some(since) if brief.changes_total == 0 => p { (ctx.t_args("brief-nothing-after", &[("date", since.to_string().into())])) },
                Some(since) => {
                    p { (ctx.t_args("brief-changes", &[("n", brief.changes_total.into()), ("since", since.to_string().into()), ("date", ctx.as_of.to_string().into())]))
                        @if brief.changes_total > changes.len() { (ctx.t_args("brief-changes-listed", &[("n", changes.len().into())])) } "." }
                    @for (label, acts) in &groups {
                        h3 { (label) " (" (acts.len()) ")" }
                        ul { @for s in acts { li {
                            (s.act.envelope.date) ": " (act_line(ctx, &names, image, &ctx.view(), &s.act))
                            " " a.noprint href=(ctx.href(&format!("/acts/{}", s.seq))) { (ctx.t_args("brief-act", &[("seq", s.seq.into())])) }
                        } } }
                    }
                }
            }
        }
        section aria-labelledby="steps" {
            h2 id="steps" { (ctx.t("brief-steps")) }
            @if let Some(e) = &brief.roadmap_error { p { (ctx.t("brief-roadmap-error")) " " (e) } }
            @else if brief.next_steps.is_empty() { p { (ctx.t("brief-no-steps")) } }
            @else {
                ol { @for s in &brief.next_steps { li {
                    (ctx.t("brief-lift")) " " @for (i, m) in s.lift.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, &m.id, m.external_ref.as_deref())) " (" (m.summary) ")" }
                    ". " (super::roadmap::kind_words(ctx, s.kind)) ". "
                    @if s.effect.parity.is_empty() { (ctx.t("brief-step-parity-same")) }
                    @else { (ctx.t("roadmap-parity-changes")) " " @for (i, c) in s.effect.parity.iter().enumerate() { @if i > 0 { ", " } (ctx.label("parity", c.before.key)) } "." }
                    " " (ctx.t_args("brief-index-after", &[("index", format!("{:.1}", s.effect.index_combined).into()), ("change", format!("{:+.1}", s.effect.index_change_combined).into())]))
                } } }
                p.noprint { a href=(ctx.whole_record().rel("/roadmap")) { (ctx.t("brief-whole-roadmap")) } }
            }
        }
        section aria-labelledby="parity" {
            h2 id="parity" { (ctx.t("brief-parity")) }
            @match brief.since {
                None => p { (ctx.t("brief-no-compare")) },
                Some(_) if brief.parity_moved.is_empty() => p { (ctx.t("brief-parity-same")) },
                Some(since) => table {
                    thead { tr { th scope="col" { (ctx.t("brief-col-dimension")) } th scope="col" { (ctx.t_args("brief-on", &[("date", since.to_string().into())])) } th scope="col" { (ctx.t_args("brief-on", &[("date", ctx.as_of.to_string().into())])) } } }
                    tbody { @for d in &brief.parity_moved { tr {
                        th scope="row" { (ctx.label("parity", d.after.key)) }
                        td { (dimension_values(ctx, &names, &d.before)) br; span.muted { (said::comparison(ctx, &names, &d.before)) } }
                        td { (dimension_values(ctx, &names, &d.after)) br; span.muted { (said::comparison(ctx, &names, &d.after)) } }
                    } } }
                },
            }
        }
        }
    };
    page(ctx, &title, content)
}
