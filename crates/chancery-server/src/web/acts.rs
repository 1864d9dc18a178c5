//! The acts list and one act's page, read from the journal on each request: nothing of the
//! journal is kept in memory between requests.
//!
//! The list goes through the journal in the order acts were recorded, from a cursor (`after`,
//! the last act number the previous page read). Its filters (kind, state, dates, text) are not
//! indexed, so a filter that few acts pass would read the whole journal in one request (2.16M
//! acts in the generated world). Instead a request reads at most [`SCAN_BUDGET`] acts; when it
//! stops there before filling a page, the page says so and offers to continue from where it
//! stopped.

use axum::extract::{Query, State};
use axum::response::Response;
use chancery_domain::{CivilDate, StateCode, ValidDate};
use maud::{html, Markup};
use serde::Deserialize;

use super::about::act_line;
use super::layout::page;
use super::pages::{words, Names};
use super::{blocking, encode, home_relation, request::PageRequest, Ctx, PageError};
use crate::state::AppState;
use chancery_app::filter::{ActOrder, PartyFilter};
use chancery_app::{Chancery, ServiceError, StoredAct};
use chancery_domain::image::DateKey;
use chancery_domain::Image;

mod page;

pub use page::one;

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
        let bad = |id, name: &str, s: &str, why: String| {
            PageError::bad_request(format!("`{name}`: {why}"))
                .saying(id, &[("name", name), ("value", s), ("why", &why)])
        };
        let state = |name: &str, v: &Option<String>| {
            nonempty(v)
                .map(|s| {
                    s.parse::<StateCode>()
                        .map_err(|e| bad("acts-bad-state", name, s, e.to_string()))
                })
                .transpose()
        };
        let date = |name: &str, v: &Option<String>| {
            nonempty(v)
                .map(|s| {
                    s.parse::<ValidDate>()
                        .map_err(|e| bad("acts-bad-date", name, s, e.to_string()))
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
                        .saying("acts-bad-order", &[("order", o)])
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
/// point of the journal asked for; with the registered states named in the page's language,
/// which these pages list.
fn journal_ctx(
    app: &AppState,
    page: &PageRequest,
) -> Result<(Ctx, Vec<(StateCode, String)>), PageError> {
    let states = app.chancery.image().states_in(page.scope.lang.code());
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
                PageError::bad_request(format!("`after` is not an act number: `{s}`"))
                    .saying("acts-bad-after", &[("value", s)])
                    .in_ctx(ctx)
            })?,
        };
        let reader = ctx.scope.reader;
        // The last act the reader may see: the list says "of N recorded", and the journal's
        // head would tell them that acts hidden from them were recorded after it.
        let end = app.chancery.image().last_seq_visible_to(
            reader,
            app.chancery
                .journal()
                .committed_seq()
                .min(ctx.known_through.unwrap_or(u64::MAX)),
        );
        if filters.order != ActOrder::Recorded {
            let after_date = nonempty(&q.after_date)
                .map(|s| {
                    s.parse::<CivilDate>().map_err(|e| {
                        let why = e.to_string();
                        PageError::bad_request(format!("`after_date`: {why}"))
                            .saying(
                                "acts-bad-date",
                                &[("name", "after_date"), ("value", s), ("why", &why)],
                            )
                            .in_ctx(ctx)
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
            return Ok(list_page(
                &ctx,
                &app.chancery.image(),
                &states,
                &q,
                after,
                end,
                &found,
                Some(next),
            ));
        }
        let found = search(&app.chancery, after, end, SCAN_BUDGET, |a| {
            // Acts the reader may not see are skipped like any act the filters drop.
            let image = app.chancery.image();
            image.visible_to(a.seq, reader) && filters.keep(&image, a)
        })
        .map_err(|e| PageError::from(e).in_ctx(ctx))?;
        Ok(list_page(
            &ctx,
            &app.chancery.image(),
            &states,
            &q,
            after,
            end,
            &found,
            None,
        ))
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
#[allow(clippy::too_many_arguments)]
fn list_page(
    ctx: &Ctx,
    image: &Image,
    states: &[(StateCode, String)],
    q: &ActsQuery,
    after: u64,
    end: u64,
    found: &Found,
    dated: Option<Option<DateKey>>,
) -> Markup {
    let kind = nonempty(&q.kind);
    let order = nonempty(&q.order).unwrap_or("recorded");
    // The list crosses relations: what each act is about is named, not linked through the
    // page's relation.
    let unlinked = Ctx {
        relation: None,
        ..*ctx
    };
    let names: Names = states.iter().cloned().collect();
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
    let kind_shown = |k: &str| {
        ctx.t_args(
            "acts-kind-shown",
            &[
                ("words", words(k).into()),
                ("label", ctx.label("kind", k).into()),
            ],
        )
    };
    let state_shown = |code: &StateCode| {
        let name = states
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_string(), |(_, n)| n.clone());
        ctx.t_args(
            "acts-state-shown",
            &[("code", code.as_str().into()), ("name", name.into())],
        )
    };
    let found_line = if dated.is_some() {
        ctx.t_args(
            "acts-found-by-date",
            &[
                ("n", found.acts.len().into()),
                ("order", ctx.label("acts-order", order).into()),
            ],
        )
    } else {
        ctx.t_args(
            "acts-found",
            &[
                ("n", found.acts.len().into()),
                ("from", after.saturating_add(1).into()),
                ("to", found.reached.into()),
                ("end", end.into()),
            ],
        )
    };
    let title = ctx.t("acts-title");
    let content = html! {
        h1 { (title) }
        p.muted { (ctx.t_args("acts-intro", &[("date", ctx.as_of.to_string().into())])) }
        form.filters method="get" action="/acts" role="search" aria-label=(ctx.t("acts-filters")) {
            input type="hidden" name="as_of" value=(ctx.as_of);
            @if let Some(seq) = ctx.known_through { input type="hidden" name="known_through" value=(seq); }
            div { label for="f-kind" { (ctx.t("acts-filter-kind")) }
                select id="f-kind" name="kind" {
                    option value="" { (ctx.t("acts-kind-any")) }
                    @for k in super::forms::KINDS { option value=(k.kind) selected[kind == Some(k.kind)] { (kind_shown(k.kind)) } }
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
            div { label for="f-from" { (ctx.t("acts-filter-from")) } input type="date" id="f-from" name="from" value=(nonempty(&q.from).unwrap_or("")); }
            div { label for="f-to" { (ctx.t("acts-filter-to")) } input type="date" id="f-to" name="to" value=(nonempty(&q.to).unwrap_or("")); }
            div { label for="f-q" { (ctx.t("acts-filter-text")) } input type="text" id="f-q" name="q" value=(nonempty(&q.q).unwrap_or("")); }
            div { button type="submit" { (ctx.t("acts-filter-submit")) } " " a href=(ctx.href("/acts")) { (ctx.t("acts-filter-clear")) } }
        }
        p role="status" {
            (found_line)
            @if dated.is_none() && more && !full {
                " " (ctx.t_args("acts-search-stopped", &[("budget", SCAN_BUDGET.into())]))
            }
        }
        @if !found.acts.is_empty() {
            table {
                thead { tr {
                    @for col in ["seq", "date", "kind", "states", "what", "ref"] { th scope="col" { (ctx.t(&format!("acts-col-{col}"))) } }
                } }
                tbody {
                    @for s in &found.acts {
                        tr {
                            td.num { a href=(ctx.href(&format!("/acts/{}", s.seq))) { (s.seq) } }
                            td { (s.act.envelope.date) }
                            td { (kind_shown(s.act.kind())) }
                            td { @for (i, st) in s.act.body.states_named().iter().enumerate() { @if i > 0 { ", " } (state_shown(st)) } }
                            td { (act_line(&unlinked, &names, image, &ctx.view(), &s.act)) }
                            td { (s.act.envelope.external_ref.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
        nav aria-label=(ctx.t("acts-pages")) {
            @if after > 0 { a href=(first) { (ctx.t("acts-first-page")) } " " }
            @if let Some(next) = &next_by_date {
                a href=(next) rel="next" { (ctx.t("acts-next-by-date")) }
            } @else if dated.is_some() {
            } @else if more {
                @if full { a href=(from_here(found.reached)) rel="next" { (ctx.t("acts-next-page")) } }
                @else { a href=(from_here(found.reached)) rel="next" { (ctx.t_args("acts-continue", &[("seq", found.reached.into())])) } }
            }
        }
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
    fn the_count_of_matching_acts_takes_its_plural_form() {
        use super::super::i18n::{message, Lang};
        let found = |lang, n: u64| {
            message(
                lang,
                "acts-found-by-date",
                &[("n", n.into()), ("order", "x".into())],
            )
        };
        assert_eq!(found(Lang::En, 1), "1 matching act (x).");
        assert_eq!(found(Lang::En, 0), "0 matching acts (x).");
        assert_eq!(found(Lang::Ru, 1), "Найдена 1 запись (x).");
        assert_eq!(found(Lang::Ru, 3), "Найдено 3 записи (x).");
        assert_eq!(found(Lang::Ru, 5), "Найдено 5 записей (x).");
        assert_eq!(found(Lang::Ru, 21), "Найдена 21 запись (x).");
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
