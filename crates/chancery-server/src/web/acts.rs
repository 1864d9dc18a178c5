//! The acts list and one act's page, read from the journal on each request: nothing of the
//! journal is kept in memory between requests.
//!
//! The list goes through the journal in the order acts were recorded, from a cursor (`after`,
//! the last act number the previous page read). Its filters (kind, state, dates, text) are not
//! indexed, so a filter that few acts pass would read the whole journal in one request (2.16M
//! acts in the generated world). Instead a request reads at most [`SCAN_BUDGET`] acts; when it
//! stops there before filling a page, the page says so and offers to continue from where it
//! stopped.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chancery_domain::vocab::Counting;
use chancery_domain::{CivilDate, StateCode, ValidDate};
use maud::{html, Markup};
use serde::Deserialize;

use super::forms;
use super::layout::page;
use super::pages::{
    act_summary, capitalised, count, counting_text, shown_name, source, vocab_text, words,
};
use super::{blocking, encode, home_relation, request::PageRequest, Ctx, PageError};
use crate::state::AppState;
use chancery_app::filter::{ActOrder, PartyFilter};
use chancery_app::{Chancery, ServiceError, StoredAct};
use chancery_domain::image::DateKey;
use chancery_domain::Image;

/// Acts shown on one page.
const PER_PAGE: usize = 50;

/// At most this many acts are read and decoded for one page, so that a search that matches
/// nothing on a journal of millions still answers promptly: on the generated world, 50 ms for a
/// kind and 100 ms for a text search on the 2-core machine.
const SCAN_BUDGET: u64 = 20_000;

/// Reads start at a page's worth and grow by this factor up to [`MAX_READ`] while matches are
/// rare, so that a selective filter takes few reads and an unfiltered page decodes no more than
/// it shows.
const READ_GROWTH: u64 = 4;
const MAX_READ: u64 = 5_000;

#[derive(Deserialize, Default)]
pub struct ActsQuery {
    pub kind: Option<String>,
    /// A state the act involves, whoever did it.
    pub involves: Option<String>,
    /// The state whose act it is.
    pub actor: Option<String>,
    /// The state it was done to.
    pub target: Option<String>,
    /// `recorded` (default), `date_asc` or `date_desc`.
    pub order: Option<String>,
    /// Dated orders: the date of the act the previous page ended with.
    pub after_date: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub q: Option<String>,
    /// The last act number the previous page read.
    pub after: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The list's filters, parsed once.
struct Filters {
    as_of: CivilDate,
    kind: Option<String>,
    parties: PartyFilter,
    order: ActOrder,
    from: Option<ValidDate>,
    to: Option<ValidDate>,
    /// Lower-cased.
    text: Option<String>,
}

impl Filters {
    fn parse(as_of: CivilDate, q: &ActsQuery) -> Result<Filters, PageError> {
        let state = |name: &str, v: &Option<String>| {
            nonempty(v)
                .map(|s| {
                    s.parse::<StateCode>()
                        .map_err(|e| PageError::bad_request(format!("`{name}`: {e}")))
                })
                .transpose()
        };
        let date = |name: &str, v: &Option<String>| {
            nonempty(v)
                .map(|s| {
                    s.parse::<ValidDate>()
                        .map_err(|e| PageError::bad_request(format!("`{name}`: {e}")))
                })
                .transpose()
        };
        Ok(Filters {
            as_of,
            kind: nonempty(&q.kind).map(str::to_owned),
            parties: PartyFilter {
                involves: state("involves", &q.involves)?,
                actor: state("actor", &q.actor)?,
                target: state("target", &q.target)?,
            },
            order: match nonempty(&q.order) {
                None => ActOrder::Recorded,
                Some(o) => ActOrder::parse(o).ok_or_else(|| {
                    PageError::bad_request(format!("`order`: `{o}` is not an order of the list"))
                })?,
            },
            from: date("from", &q.from)?,
            to: date("to", &q.to)?,
            text: nonempty(&q.q).map(str::to_lowercase),
        })
    }

    fn keep(&self, image: &Image, s: &StoredAct) -> bool {
        let date = s.act.envelope.date;
        date.earliest() <= self.as_of
            && self.kind.as_deref().is_none_or(|k| s.act.kind() == k)
            && self.parties.keeps(image, &s.act)
            && self.from.is_none_or(|f| date.latest() >= f.earliest())
            && self.to.is_none_or(|t| date.earliest() <= t.latest())
            && self.text.as_ref().is_none_or(|t| {
                s.act
                    .to_json()
                    .to_string()
                    .to_lowercase()
                    .contains(t.as_str())
            })
    }
}

/// What one request's read of the journal found.
#[derive(Debug)]
struct Found {
    acts: Vec<StoredAct>,
    /// The last act read: the next page starts after it.
    reached: u64,
}

/// Reads acts after `after` and up to `end` in journal order until `PER_PAGE` of them pass
/// `keep`, `budget` acts have been read, or `end` is reached.
fn search(
    chancery: &Chancery,
    after: u64,
    end: u64,
    budget: u64,
    keep: impl Fn(&StoredAct) -> bool,
) -> Result<Found, ServiceError> {
    let mut acts = Vec::new();
    let mut reached = after;
    let mut read = PER_PAGE as u64;
    while acts.len() < PER_PAGE && reached < end && reached - after < budget {
        let want = read.min(end - reached).min(budget - (reached - after));
        let batch = chancery.acts(reached, usize::try_from(want).unwrap_or(usize::MAX))?;
        if batch.is_empty() {
            break;
        }
        for a in batch {
            reached = a.seq;
            if keep(&a) {
                acts.push(a);
                if acts.len() == PER_PAGE {
                    break;
                }
            }
        }
        read = (read * READ_GROWTH).min(MAX_READ);
    }
    Ok(Found { acts, reached })
}

/// The context of a page about the journal (not one relation): the date, the reader, and the
/// point of the journal asked for; with the registered states, which these pages list.
fn journal_ctx(
    app: &AppState,
    page: &PageRequest,
) -> Result<(Ctx, Vec<(StateCode, String)>), PageError> {
    let states = app.chancery.image().states();
    let mut ctx = Ctx::new(page.as_of, home_relation(&states)).scoped(page.scope);
    ctx.known_through = page.known_through().map_err(|e| e.in_ctx(ctx))?;
    Ok((ctx, states))
}

pub async fn list(
    State(app): State<AppState>,
    Query(q): Query<ActsQuery>,
    page: PageRequest,
) -> Response {
    let as_of = page.as_of;
    blocking(move || {
        let (ctx, states) = journal_ctx(&app, &page)?;
        let filters = Filters::parse(as_of, &q).map_err(|e| e.in_ctx(ctx))?;
        let after = match nonempty(&q.after) {
            None => 0,
            Some(s) => s.parse::<u64>().map_err(|_| {
                PageError::bad_request(format!("`after` is not an act number: `{s}`")).in_ctx(ctx)
            })?,
        };
        let end = app
            .chancery
            .journal()
            .committed_seq()
            .min(ctx.known_through.unwrap_or(u64::MAX));
        let reader = ctx.scope.reader;
        if filters.order != ActOrder::Recorded {
            let after_date = nonempty(&q.after_date)
                .map(|s| {
                    s.parse::<CivilDate>().map_err(|e| {
                        PageError::bad_request(format!("`after_date`: {e}")).in_ctx(ctx)
                    })
                })
                .transpose()?;
            let (acts, next) = by_date(
                &app.chancery,
                &filters,
                reader,
                after_date.map(|d| (d, after)),
                end,
            )
            .map_err(|e| PageError::from(e).in_ctx(ctx))?;
            let found = Found { acts, reached: end };
            return Ok(list_page(&ctx, &states, &q, after, end, &found, Some(next)));
        }
        let found = search(&app.chancery, after, end, SCAN_BUDGET, |a| {
            // Acts the reader may not see are skipped like any act the filters drop.
            let image = app.chancery.image();
            image.visible_to(a.seq, reader) && filters.keep(&image, a)
        })
        .map_err(|e| PageError::from(e).in_ctx(ctx))?;
        Ok(list_page(&ctx, &states, &q, after, end, &found, None))
    })
    .await
}

/// A page of acts by date: the image's index orders them, so this reads only the acts shown;
/// the text and date filters, which the index does not hold, drop acts from the page after.
fn by_date(
    chancery: &Chancery,
    filters: &Filters,
    reader: chancery_domain::Reader,
    after: Option<DateKey>,
    end: u64,
) -> Result<(Vec<StoredAct>, Option<DateKey>), ServiceError> {
    let (acts, next) = chancery.acts_by_date(
        reader,
        filters.order == ActOrder::DateDesc,
        after,
        end,
        filters.as_of,
        filters.kind.as_deref(),
        &filters.parties,
        PER_PAGE,
    )?;
    let image = chancery.image();
    let acts = acts
        .into_iter()
        .filter(|a| filters.keep(&image, a))
        .collect();
    Ok((acts, next))
}

/// `dated`: for a list by date, where its next page starts (none at the end).
fn list_page(
    ctx: &Ctx,
    states: &[(StateCode, String)],
    q: &ActsQuery,
    after: u64,
    end: u64,
    found: &Found,
    dated: Option<Option<DateKey>>,
) -> Markup {
    let kind = nonempty(&q.kind);
    let order = nonempty(&q.order).unwrap_or("recorded");
    let chosen = |v: &Option<String>| nonempty(v).map(str::to_uppercase);
    let (involves, actor, target) = (chosen(&q.involves), chosen(&q.actor), chosen(&q.target));
    // The filters as a query string, carried into the links between pages.
    let mut filters = String::new();
    for (k, v) in [
        ("kind", &q.kind),
        ("involves", &q.involves),
        ("actor", &q.actor),
        ("target", &q.target),
        ("order", &q.order),
        ("from", &q.from),
        ("to", &q.to),
        ("q", &q.q),
    ] {
        if let Some(v) = nonempty(v) {
            filters.push_str(&format!("{k}={}&", encode(v)));
        }
    }
    let from_here = |n: u64| ctx.href(&format!("/acts?{filters}after={n}"));
    let first = ctx.href(&format!("/acts?{}", filters.trim_end_matches('&')));
    let more = found.reached < end;
    let full = found.acts.len() == PER_PAGE;
    let next_by_date = dated
        .flatten()
        .map(|(d, seq)| ctx.href(&format!("/acts?{filters}after={seq}&after_date={d}")));
    let content = html! {
        h1 { "Acts" }
        p.muted { "Acts dated on or before " (ctx.as_of) ", in the order they were recorded." }
        form.filters method="get" action="/acts" role="search" aria-label="Filter acts" {
            input type="hidden" name="as_of" value=(ctx.as_of);
            @if let Some(seq) = ctx.known_through { input type="hidden" name="known_through" value=(seq); }
            div { label for="f-kind" { "Kind" }
                select id="f-kind" name="kind" {
                    option value="" { "any" }
                    @for k in super::forms::KINDS { option value=(k.kind) selected[kind == Some(k.kind)] { (words(k.kind)) } }
                } }
            @for (name, chosen) in [("involves", &involves), ("actor", &actor), ("target", &target)] {
                div { label for=(format!("f-{name}")) { (ctx.t(&format!("acts-filter-{name}"))) }
                    select id=(format!("f-{name}")) name=(name) {
                        option value="" { (ctx.t("acts-any")) }
                        @for (c, n) in states { option value=(c) selected[chosen.as_deref() == Some(c.as_str())] { (n) } }
                    } }
            }
            div { label for="f-order" { (ctx.t("acts-filter-order")) }
                select id="f-order" name="order" {
                    @for o in ["recorded", "date_asc", "date_desc"] {
                        option value=(o) selected[order == o] { (ctx.label("acts-order", o)) }
                    }
                } }
            div { label for="f-from" { "From" } input type="date" id="f-from" name="from" value=(nonempty(&q.from).unwrap_or("")); }
            div { label for="f-to" { "To" } input type="date" id="f-to" name="to" value=(nonempty(&q.to).unwrap_or("")); }
            div { label for="f-q" { "Text" } input type="text" id="f-q" name="q" value=(nonempty(&q.q).unwrap_or("")); }
            div { button type="submit" { "Filter" } " " a href=(ctx.href("/acts")) { "Clear" } }
        }
        @if dated.is_some() {
            p role="status" { (count(found.acts.len(), "matching act", "matching acts")) " (" (ctx.label("acts-order", order)) ")." }
        } @else {
        p role="status" {
            (count(found.acts.len(), "matching act", "matching acts")) " among acts #" (after + 1) "–#" (found.reached)
            " of " (end) " recorded."
            @if more && !full {
                " The search stopped after reading " (SCAN_BUDGET) " acts: continue to search the rest."
            }
        }
        }
        @if !found.acts.is_empty() {
            table {
                thead { tr { th scope="col" { "#" } th scope="col" { "Date" } th scope="col" { "Kind" } th scope="col" { "States" } th scope="col" { "What" } th scope="col" { "Ref." } } }
                tbody {
                    @for s in &found.acts {
                        tr {
                            td.num { a href=(ctx.href(&format!("/acts/{}", s.seq))) { (s.seq) } }
                            td { (s.act.envelope.date) }
                            td { (words(s.act.kind())) }
                            td { @for (i, st) in s.act.body.states_named().iter().enumerate() { @if i > 0 { ", " } (st) } }
                            td { (shown_name(&act_summary(&s.act))) }
                            td { (s.act.envelope.external_ref.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
        nav aria-label="Pages" {
            @if after > 0 { a href=(first) { "First page" } " " }
            @if let Some(next) = &next_by_date {
                a href=(next) rel="next" { (ctx.t("acts-next-by-date")) }
            } @else if dated.is_some() {
            } @else if more {
                @if full { a href=(from_here(found.reached)) rel="next" { "Next page" } }
                @else { a href=(from_here(found.reached)) rel="next" { "Continue searching after act #" (found.reached) } }
            }
        }
    };
    page(ctx, "Acts", content)
}

pub async fn one(
    State(app): State<AppState>,
    Path(seq): Path<String>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let (ctx, _) = journal_ctx(&app, &page)?;
        let missing = || PageError::not_found(format!("no act #{seq}")).in_ctx(ctx);
        let n: u64 = seq.parse().map_err(|_| {
            PageError::not_found(format!("`{seq}` is not an act number")).in_ctx(ctx)
        })?;
        // Hidden and absent look the same: an id says nothing of another organisation's acts.
        if !app.chancery.image().visible_to(n, page.scope.reader) {
            return Err(missing());
        }
        let act = app
            .chancery
            .acts_at(&[n])
            .map_err(|e| PageError::from(e).in_ctx(ctx))?
            .pop()
            .ok_or_else(missing)?;
        let show_author = page.who.may_see_author(&act.recorded_by);
        // A withdrawal has its act's readers, so whoever sees the act sees why it went.
        let withdrawal = match app.chancery.image().withdrawn_by(n) {
            Some(w) if app.chancery.image().visible_to(w, page.scope.reader) => app
                .chancery
                .acts_at(&[w])
                .map_err(|e| PageError::from(e).in_ctx(ctx))?
                .pop(),
            _ => None,
        };
        // A claim is told as one: whose, about whom, and how the other party answered.
        let claim = act.act.envelope.claimed_by.and_then(|by| {
            let image = app.chancery.image();
            let about = image.relation_of(&act.act.body)?.other(by)?;
            Some(super::claims::notice(&image, &ctx, n, by, about))
        });
        Ok(act_page(
            &ctx,
            &act,
            show_author,
            withdrawal.as_ref(),
            claim,
        ))
    })
    .await
}

/// An act's fields as its page lists them: the kind, then the kind's fields and the envelope's
/// in the order of the form that records them, then any other key the act carries. A nested
/// object (`magnitude`, `scope`) is read as its fields (`magnitude.cap`), as the form names them.
fn act_fields(s: &StoredAct) -> Vec<(String, serde_json::Value)> {
    let serde_json::Value::Object(map) = s.act.to_json() else {
        return Vec::new();
    };
    let mut flat: Vec<(String, serde_json::Value)> = Vec::new();
    for (k, v) in map {
        match v {
            // `visibility` is an object only when internal to a state: one value, shown whole.
            serde_json::Value::Object(inner) if k != "visibility" => {
                flat.extend(inner.into_iter().map(|(i, v)| (format!("{k}.{i}"), v)));
            }
            v => flat.push((k, v)),
        }
    }
    let order: Vec<&str> = std::iter::once("kind")
        .chain(
            forms::spec(s.act.kind())
                .into_iter()
                .flat_map(|k| k.fields)
                .map(|f| f.name),
        )
        .chain(forms::ENVELOPE.iter().map(|f| f.name))
        .collect();
    flat.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
    flat
}

/// The label the act's form gives a field, or the key in words for one it has none for.
fn field_label(kind: &str, key: &str) -> String {
    if key == "kind" {
        return "Kind of act".to_owned();
    }
    forms::spec(kind)
        .into_iter()
        .flat_map(|k| k.fields)
        .chain(forms::ENVELOPE)
        .find(|f| f.name == key)
        .map_or_else(
            || capitalised(&words(key.rsplit('.').next().unwrap_or(key))),
            |f| f.label.to_owned(),
        )
}

/// A value as words: vocabulary (`all_staff`) with spaces, a yes/no for a tick box, the
/// visibility as the form writes it.
fn value_words(kind: &str, key: &str, v: &serde_json::Value) -> String {
    let input = forms::spec(kind)
        .into_iter()
        .flat_map(|k| k.fields)
        .chain(forms::ENVELOPE)
        .find(|f| f.name == key)
        .map(|f| f.input);
    let choice = key == "kind" || matches!(input, Some(forms::Input::Select(_)));
    // What a figure counts is told as the overview tells it ("sending-state staff, no local
    // hires"); whether missions to international organisations count is a field of its own.
    let counting = matches!(input, Some(forms::Input::Select(forms::Choice::Counting)));
    match v {
        serde_json::Value::String(_) if counting => serde_json::from_value::<Counting>(v.clone())
            .map_or_else(|_| value_words(kind, "", v), |c| counting_text(c, false)),
        serde_json::Value::String(s) if choice => vocab_text(s),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(true) => "yes".to_owned(),
        serde_json::Value::Bool(false) => "no".to_owned(),
        serde_json::Value::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", value_words(kind, "", v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The notice on a withdrawn act's page: by which act, on what day, recorded when, and why.
fn withdrawn_notice(ctx: &Ctx, w: &StoredAct) -> Markup {
    let reason = match &w.act.body {
        chancery_domain::ActBody::Withdrawal(chancery_domain::act::WithdrawalAct::Withdrawn {
            reason,
            ..
        }) => reason.as_str(),
        _ => "",
    };
    html! {
        p.notice.withdrawn role="note" {
            strong { "Withdrawn: recorded in error. " }
            "This act was withdrawn by "
            a href=(ctx.href(&format!("/acts/{}", w.seq))) { "act #" (w.seq) }
            " on " (w.act.envelope.date)
            " (recorded " (chancery_domain::date::format_timestamp(w.recorded_at_micros)) "), "
            "and counts in no view of the record as it stands. Reason: " (reason)
        }
    }
}

fn act_page(
    ctx: &Ctx,
    s: &StoredAct,
    show_author: bool,
    withdrawal: Option<&StoredAct>,
    claim: Option<Markup>,
) -> Markup {
    let kind = s.act.kind();
    let title = match withdrawal {
        Some(_) => format!("Act #{}: {} (withdrawn)", s.seq, words(kind)),
        None => format!("Act #{}: {}", s.seq, words(kind)),
    };
    let content = html! {
        h1 { (title) }
        @if let Some(w) = withdrawal { (withdrawn_notice(ctx, w)) }
        @if let Some(c) = claim { (c) }
        dl.facts {
            dt { "Recorded" } dd {
                (chancery_domain::date::format_timestamp(s.recorded_at_micros))
                // Other organisations' user names are for their auditors only.
                @if show_author { " by " (s.recorded_by) }
            }
            @for (k, v) in act_fields(s) {
                dt { (field_label(kind, &k)) }
                dd {
                    @match (k.as_str(), &v) {
                        ("sources", serde_json::Value::Array(items)) => ul { @for i in items { li { (source(&value_words(kind, &k, i))) } } },
                        ("supersedes", serde_json::Value::Number(n)) => a href=(ctx.href(&format!("/acts/{n}"))) { "act #" (n) },
                        ("act", serde_json::Value::Number(n)) if kind == "act_withdrawn" => a href=(ctx.href(&format!("/acts/{n}"))) { "act #" (n) },
                        (_, serde_json::Value::Array(items)) => { @for (n, i) in items.iter().enumerate() { @if n > 0 { ", " } (value_words(kind, &k, i)) } },
                        _ => (value_words(kind, &k, &v)),
                    }
                }
            }
            @if s.act.envelope.visibility.is_public() { dt { "Visibility" } dd { "public" } }
        }
        @if let Some(l) = super::talks::act_links(ctx, &s.act) { (l) }
        p { a href=(ctx.href(&format!("/acts?kind={kind}"))) { "Other acts of this kind" } }
    };
    page(ctx, &title, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> (tempfile::TempDir, Chancery) {
        let dir = tempfile::tempdir().expect("temp dir");
        let chancery = Chancery::open(&dir.path().join("t.db"), true).expect("demo store");
        (dir, chancery)
    }

    #[test]
    fn a_page_stops_once_full() {
        let (_dir, chancery) = demo();
        let end = chancery.journal().committed_seq();
        let found = search(&chancery, 0, end, SCAN_BUDGET, |_| true).expect("search");
        let seqs: Vec<u64> = found.acts.iter().map(|a| a.seq).collect();
        assert_eq!(seqs, (1..=PER_PAGE as u64).collect::<Vec<_>>());
        assert_eq!(found.reached, PER_PAGE as u64);
    }

    #[test]
    fn a_search_reads_no_more_than_its_budget_and_continues_where_it_stopped() {
        let (_dir, chancery) = demo();
        let end = chancery.journal().committed_seq();
        let keep = |a: &StoredAct| a.act.kind() == "measure_imposed";
        let every = chancery
            .acts(0, usize::try_from(end).expect("fits"))
            .expect("read all");
        let expected: Vec<u64> = every.iter().filter(|a| keep(a)).map(|a| a.seq).collect();
        assert!(expected.len() > 20, "the demo has many measures");

        let budget = 30;
        let mut after = 0;
        let mut seen = Vec::new();
        let mut requests = 0;
        while after < end {
            let found = search(&chancery, after, end, budget, keep).expect("search");
            assert!(
                found.reached - after <= budget,
                "read {} acts on a budget of {budget}",
                found.reached - after
            );
            assert!(found.reached > after, "every request moves on");
            seen.extend(found.acts.iter().map(|a| a.seq));
            after = found.reached;
            requests += 1;
        }
        assert_eq!(
            seen, expected,
            "continuing finds every match once, in order"
        );
        assert!(
            requests >= usize::try_from(end / budget).expect("fits"),
            "{requests} requests"
        );
    }

    #[test]
    fn a_search_never_reads_past_its_end() {
        let (_dir, chancery) = demo();
        let found = search(&chancery, 3, 10, SCAN_BUDGET, |_| true).expect("search");
        let seqs: Vec<u64> = found.acts.iter().map(|a| a.seq).collect();
        assert_eq!(seqs, (4..=10).collect::<Vec<_>>());
        assert_eq!(found.reached, 10);
    }
}
