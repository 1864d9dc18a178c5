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

use super::layout::page;
use super::pages::{
    act_summary, measure_link, name_of, names, person_link, query_page_error, relation_of,
    shown_name, the, words, Names,
};
use super::request::PageRequest;
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

fn round_title(r: &RoundView, names: &Names) -> String {
    let place = r
        .venue
        .clone()
        .unwrap_or_else(|| name_of(names, r.venue_state));
    format!("Round of talks in {place}, {}", r.date)
}

fn status_text(r: &RoundView, names: &Names) -> String {
    match (r.status, r.cancelled_by) {
        ("cancelled", Some(by)) => format!("cancelled by {}", the(&name_of(names, by))),
        ("cancelled", None) => "cancelled".to_owned(),
        _ => "held".to_owned(),
    }
}

fn not_recorded() -> Markup {
    html! { span.muted { "not recorded" } }
}

/// A commitment's standing on the page's day, in words.
fn commitment_status(c: &CommitmentView) -> Markup {
    html! {
        (words(c.status.as_str())) " since " (c.status_since)
        @if c.overdue { " " span.bad { "overdue" } }
        @if c.due_status == Some(DueStatus::Due) { ", within its due period" }
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
    let names = names(image);
    let lines = image
        .round_lines(a, b, ctx.view())
        .map_err(query_page_error)?;
    let title = format!("Talks: {} – {}", name_of(&names, a), name_of(&names, b));
    let content = html! {
        h1 { (title) }
        p { a href=(ctx.rel("/talks/brief")) { "Brief for the next round" } " · " a href=(ctx.rel("")) { "Overview" } }
        @if lines.is_empty() { p { "No round of talks on record by " (ctx.as_of) "." } }
        @else {
            table.rounds {
                caption.muted { "Commitments as they stand on " (ctx.as_of) ": open counts those in progress; overdue ones are also open." }
                thead { tr {
                    th scope="col" { "Date" } th scope="col" { "Round" } th scope="col" { "Level" }
                    th scope="col" { "Held" } th scope="col" { "Outcome" }
                    th.num scope="col" { "Made" } th.num scope="col" { "Kept" } th.num scope="col" { "Open" } th.num scope="col" { "Overdue" }
                } }
                tbody {
                    @for l in lines.iter().rev() {
                        tr {
                            td { (l.round.date) }
                            td { a href=(round_href(ctx, &l.round.id)) { (round_title(&l.round, &names)) } }
                            td { @match &l.round.level { Some(x) => (x), None => (not_recorded()) } }
                            td { (status_text(&l.round, &names)) }
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

fn acts_table(ctx: &Ctx, acts: &[StoredAct]) -> Markup {
    let mut sorted: Vec<&StoredAct> = acts.iter().collect();
    sorted.sort_by_key(|s| (s.act.envelope.date, s.seq));
    html! {
        @if sorted.is_empty() { p { "No act on record." } }
        @else {
            table {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Act" } th scope="col" { "What" } } }
                tbody { @for s in &sorted { tr {
                    td { (s.act.envelope.date) }
                    td { a href=(ctx.href(&format!("/acts/{}", s.seq))) { "#" (s.seq) " " (kind_label(&s.act)) } }
                    td { (shown_name(&act_summary(&s.act))) }
                } } }
            }
        }
    }
}

fn kind_label(act: &Act) -> String {
    Kind::parse(act.kind()).map_or_else(|| words(act.kind()), |k| k.label().to_owned())
}

pub fn round_page(
    image: &Image,
    acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image);
    let missing = || PageError::not_found(format!("no round `{id}` as of {}", ctx.as_of));
    let round: RoundId = id.parse().map_err(|_| missing())?;
    let d = image
        .round_detail(a, b, &round, ctx.view())
        .map_err(query_page_error)?
        .ok_or_else(missing)?;
    let r = &d.round;
    let title = round_title(r, &names);
    let content = html! {
        p.noprint { a href=(ctx.rel("/talks")) { "All rounds" } }
        h1 { (title) }
        dl.facts {
            dt { "Status" } dd { (status_text(r, &names)) }
            dt { "Parties" } dd { (states_list(&names, &r.parties)) }
            dt { "Venue" } dd { @if let Some(v) = &r.venue { (shown_name(v)) ", " } (name_of(&names, r.venue_state)) }
            dt { "Level" } dd { @match &r.level { Some(l) => (l), None => (not_recorded()) } }
            dt { "Delegations" } dd {
                @if r.heads_of_delegation.is_empty() { (not_recorded()) }
                @else { ul { @for h in &r.heads_of_delegation { li { (person_link(ctx, h)) } } } }
            }
            dt { "Agenda" } dd {
                @if r.agenda.is_empty() { (not_recorded()) }
                @else { ul { @for x in &r.agenda { li { (x) } } } }
            }
            dt { "Outcome" } dd { (r.outcome) }
        }
        @if !r.agreements.is_empty() {
            h2 { "Agreements" }
            ul { @for x in &r.agreements { li { (x.date) ": " (x.summary) } } }
        }
        h2 { "Commitments made" }
        @if d.commitments.is_empty() { p { "None recorded." } }
        @else {
            p { (d.tally.made) " made: " (d.tally.kept) " kept, " (d.tally.open) " open, " (d.tally.overdue) " overdue on " (ctx.as_of) "." }
            table.commitments {
                thead { tr { th scope="col" { "Commitment" } th scope="col" { "Undertaken by" } th scope="col" { "Due" } th scope="col" { "What became of it" } } }
                tbody { @for c in &d.commitments { tr class=[c.overdue.then_some("overdue")] {
                    td { (commitment_link(ctx, c)) }
                    td { (states_list(&names, &c.undertaken_by)) }
                    td { @match c.due { Some(x) => (x), None => "no date" } }
                    td { (commitment_status(c))
                        @if !c.lifts.is_empty() { "; lifts " @for (i, m) in c.lifts.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
                } } }
            }
        }
        h2 { "Acts of this round" }
        (acts_table(ctx, acts))
        (super::pages::provenance(r.provenance.as_ref()))
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
    let names = names(image);
    let list = image
        .commitments(a, b, ctx.view())
        .map_err(query_page_error)?;
    let c = list
        .iter()
        .find(|c| c.id.as_str() == id)
        .ok_or_else(|| PageError::not_found(format!("no commitment `{id}` as of {}", ctx.as_of)))?;
    let round = c.round.as_ref().and_then(|r| {
        image
            .talks(a, b, ctx.view())
            .ok()?
            .rounds
            .into_iter()
            .find(|x| &x.id == r)
    });
    let content = html! {
        p.muted { "Commitment" }
        h1 { (shown_name(&c.text)) }
        dl.facts {
            dt { "Status on " (ctx.as_of) } dd { (commitment_status(c)) }
            dt { "Made" } dd { (c.made)
                @match (&c.round, &round) {
                    (Some(id), Some(r)) => { " at " a href=(round_href(ctx, id)) { (round_title(r, &names)) } },
                    (Some(id), None) => { " at round " (id.as_str()) },
                    _ => {},
                } }
            dt { "Undertaken by" } dd { (states_list(&names, &c.undertaken_by)) }
            dt { "Due" } dd { @match c.due { Some(d) => (d), None => "no date recorded" } }
            @if !c.lifts.is_empty() { dt { "Lifts" } dd { @for (i, m) in c.lifts.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
            @if !c.eases.is_empty() { dt { "Eases" } dd { @for (i, m) in c.eases.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, m, None)) } } }
            @if let Some(e) = &c.evidence { dt { "Evidence" } dd { (e) } }
            dt { "Identifier" } dd { code { (c.id.as_str()) } }
        }
        @if !c.targets.is_empty() { h2 { "Targets" } ul { @for t in &c.targets { li { (t) } } } }
        (super::pages::provenance(c.provenance.as_ref()))
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
            @if let Some(r) = round { "Round: " a href=(round_href(&ctx, r)) { (r.as_str()) } " · " a href=(ctx.rel("/talks")) { "all rounds" } }
            @if let Some(c) = commitment { " · Commitment: " a href=(commitment_href(&ctx, c)) { "its page" } }
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

fn dimension_values(names: &Names, d: &Dimension) -> Markup {
    html! {
        @for (i, (s, v)) in d.values.iter().enumerate() {
            @if i > 0 { br; }
            (name_of(names, *s)) ": " (v.text)
        }
    }
}

pub fn brief_page(image: &Image, ctx: &Ctx, brief: &Brief, changes: &[StoredAct]) -> Markup {
    let names = names(image);
    let [a, b] = brief.states;
    let title = format!(
        "Brief for the next round: {} – {}",
        name_of(&names, a),
        name_of(&names, b)
    );
    // Grouped by kind, in the order of each kind's first act, the latest acts of a kind last.
    let mut groups: BTreeMap<String, Vec<&StoredAct>> = BTreeMap::new();
    for s in changes {
        groups.entry(kind_label(&s.act)).or_default().push(s);
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
        p { "As of " strong { (ctx.as_of) } ". "
            @match &brief.last_round {
                Some(r) => { "Last round held: " a href=(round_href(ctx, &r.id)) { (round_title(r, &names)) } "." },
                None => "No round of talks held on record: everything below is as of the day.",
            }
            span.noprint { " " a href=(ctx.rel("/talks")) { "All rounds" } }
        }
        @if let Some(r) = &brief.last_round { p { strong { "Its outcome: " } (r.outcome) } }
        section aria-labelledby="owed" {
            h2 id="owed" { "Commitments owed" }
            @if brief.commitments.is_empty() { p { "None open." } }
            @else {
                p { (brief.commitments.len()) " open, " (overdue) " of them overdue." }
                table {
                    thead { tr { th scope="col" { "Commitment" } th scope="col" { "Undertaken by" } th scope="col" { "Made" } th scope="col" { "Due" } th scope="col" { "Status" } } }
                    tbody { @for c in &brief.commitments { tr class=[c.overdue.then_some("overdue")] {
                        td { (commitment_link(ctx, c)) }
                        td { (states_list(&names, &c.undertaken_by)) }
                        td { (c.made) @if let Some(r) = &c.round { " (" a href=(round_href(ctx, r)) { "round" } ")" } }
                        td { @match c.due { Some(d) => (d), None => "no date" } }
                        td { (commitment_status(c)) }
                    } } }
                }
            }
        }
        section aria-labelledby="since" {
            h2 id="since" { "What changed since the last round" }
            @match brief.since {
                None => p { "No round held to count from." },
                Some(since) if brief.changes_total == 0 => p { "Nothing recorded after " (since) "." },
                Some(since) => {
                    p { (brief.changes_total) " acts dated after " (since) " by " (ctx.as_of)
                        @if brief.changes_total > changes.len() { "; the latest " (changes.len()) " are listed" } "." }
                    @for (label, acts) in &groups {
                        h3 { (label) " (" (acts.len()) ")" }
                        ul { @for s in acts { li {
                            (s.act.envelope.date) ": " (shown_name(&act_summary(&s.act)))
                            " " a.noprint href=(ctx.href(&format!("/acts/{}", s.seq))) { "act #" (s.seq) }
                        } } }
                    }
                }
            }
        }
        section aria-labelledby="steps" {
            h2 id="steps" { "The roadmap's next steps" }
            @if let Some(e) = &brief.roadmap_error { p { "The roadmap cannot be computed: " (e) } }
            @else if brief.next_steps.is_empty() { p { "No measure in force to lift." } }
            @else {
                ol { @for s in &brief.next_steps { li {
                    "Lift " @for (i, m) in s.lift.iter().enumerate() { @if i > 0 { ", " } (measure_link(ctx, &m.id, m.external_ref.as_deref())) " (" (m.summary) ")" }
                    ". " (super::pages::unticked(&s.explanation))
                    " Index after this step: " (format!("{:.1}", s.effect.index_combined)) " (" (format!("{:+.1}", s.effect.index_change_combined)) ")."
                } } }
                p.noprint { a href=(ctx.whole_record().rel("/roadmap")) { "The whole roadmap" } }
            }
        }
        section aria-labelledby="parity" {
            h2 id="parity" { "Parity that moved since the last round" }
            @match brief.since {
                None => p { "No round held to compare with." },
                Some(_) if brief.parity_moved.is_empty() => p { "No dimension of parity reads differently than on the day of the last round." },
                Some(since) => table {
                    thead { tr { th scope="col" { "Dimension" } th scope="col" { "On " (since) } th scope="col" { "On " (ctx.as_of) } } }
                    tbody { @for d in &brief.parity_moved { tr {
                        th scope="row" { (d.after.label) }
                        td { (dimension_values(&names, &d.before)) br; span.muted { (d.before.comparison) } }
                        td { (dimension_values(&names, &d.after)) br; span.muted { (d.after.comparison) } }
                    } } }
                },
            }
        }
        }
    };
    page(ctx, &title, content)
}
