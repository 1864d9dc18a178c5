//! The start page: every relation the reader can see, one line each (index on the day and its
//! change over the year, open alerts, the latest round), sortable by any column through plain
//! links (`?sort=index&dir=desc`), no JavaScript. The demo's relation keeps a link of its own
//! above the table, so the US–Russia overview stays one click away.
//!
//! The lines come from `Image::relation_summaries`, which computes the index at two dates
//! only; see its module for why that keeps a 4,000-relation world fast.

use std::cmp::Ordering;

use chancery_domain::alerts::Severity;
use chancery_domain::relations::RelationSummary;
use chancery_domain::{Image, StateCode};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::page;
use super::pages::{name_of, names, Names};
use super::{encode, Ctx, HOME_RELATION};

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Relation,
    Index,
    Change,
    Alerts,
    Round,
}

impl SortKey {
    const ALL: [SortKey; 5] = [
        SortKey::Relation,
        SortKey::Index,
        SortKey::Change,
        SortKey::Alerts,
        SortKey::Round,
    ];

    fn as_str(self) -> &'static str {
        match self {
            SortKey::Relation => "relation",
            SortKey::Index => "index",
            SortKey::Change => "change",
            SortKey::Alerts => "alerts",
            SortKey::Round => "round",
        }
    }

    /// The direction a first click on the column sorts by: what needs attention first.
    fn first_dir(self) -> Dir {
        match self {
            SortKey::Relation | SortKey::Index | SortKey::Change => Dir::Asc,
            SortKey::Alerts | SortKey::Round => Dir::Desc,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Asc,
    Desc,
}

impl Dir {
    fn as_str(self) -> &'static str {
        match self {
            Dir::Asc => "asc",
            Dir::Desc => "desc",
        }
    }
}

/// The table's order from the query; anything unknown is the default (by relation, A to Z).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub dir: Dir,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::Relation,
            dir: Dir::Asc,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct SortQuery {
    sort: Option<String>,
    dir: Option<String>,
}

impl Sort {
    pub fn from_query(q: &SortQuery) -> Sort {
        let key = SortKey::ALL
            .into_iter()
            .find(|k| q.sort.as_deref() == Some(k.as_str()))
            .unwrap_or(SortKey::Relation);
        let dir = match q.dir.as_deref() {
            Some("desc") => Dir::Desc,
            Some("asc") => Dir::Asc,
            _ => key.first_dir(),
        };
        Sort { key, dir }
    }
}

fn severity_rank(s: Option<Severity>) -> u8 {
    match s {
        Some(Severity::Urgent) => 3,
        Some(Severity::Warning) => 2,
        Some(Severity::Notice) => 1,
        None => 0,
    }
}

/// Sorts lines in place; a line without a figure (an index that cannot be computed, no round)
/// goes last whichever the direction, and ties fall back to the relation's name.
pub fn sort_lines(lines: &mut [(String, RelationSummary)], sort: Sort) {
    fn opt<T: PartialOrd>(a: Option<T>, b: Option<T>, dir: Dir) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if dir == Dir::Desc {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    lines.sort_by(|(na, a), (nb, b)| {
        let o = match sort.key {
            SortKey::Relation => Some(na.cmp(nb)).map(|o| {
                if sort.dir == Dir::Desc {
                    o.reverse()
                } else {
                    o
                }
            }),
            SortKey::Index => Some(opt(a.index, b.index, sort.dir)),
            SortKey::Change => Some(opt(a.change, b.change, sort.dir)),
            SortKey::Alerts => Some(opt(
                Some((a.alerts, severity_rank(a.most_severe))),
                Some((b.alerts, severity_rank(b.most_severe))),
                sort.dir,
            )),
            SortKey::Round => Some(opt(
                a.latest_round.as_ref().map(|r| r.date),
                b.latest_round.as_ref().map(|r| r.date),
                sort.dir,
            )),
        };
        o.unwrap_or(Ordering::Equal).then_with(|| na.cmp(nb))
    });
}

/// The pair in the order its overview is linked: the demo's relation as `US–RU`, others in
/// code order.
fn ordered(states: [StateCode; 2]) -> (StateCode, StateCode) {
    let [a, b] = states;
    if b.as_str() == HOME_RELATION.0 && a.as_str() == HOME_RELATION.1 {
        (b, a)
    } else {
        (a, b)
    }
}

fn relation_name(names: &Names, states: [StateCode; 2]) -> String {
    let (a, b) = ordered(states);
    format!("{} – {}", name_of(names, a), name_of(names, b))
}

fn header_cell(ctx: &Ctx, sort: Sort, key: SortKey, num: bool) -> Markup {
    let label = ctx.t(match key {
        SortKey::Relation => "home-col-relation",
        SortKey::Index => "home-col-index",
        SortKey::Change => "home-col-change",
        SortKey::Alerts => "home-col-alerts",
        SortKey::Round => "home-col-round",
    });
    let current = sort.key == key;
    let next = if current {
        match sort.dir {
            Dir::Asc => Dir::Desc,
            Dir::Desc => Dir::Asc,
        }
    } else {
        key.first_dir()
    };
    let aria = current.then_some(match sort.dir {
        Dir::Asc => "ascending",
        Dir::Desc => "descending",
    });
    let href = ctx.href(&format!("/?sort={}&dir={}", key.as_str(), next.as_str()));
    html! {
        th scope="col" class=[num.then_some("num")] aria-sort=[aria] {
            a href=(href) { (label) }
            @if current { " " span aria-hidden="true" { @if sort.dir == Dir::Asc { "▲" } @else { "▼" } } }
        }
    }
}

/// Renders the start page for the view of `ctx` (its relation is ignored), from the lines
/// `Image::relation_summaries` gives for that view (kept per head by `Chancery`).
pub fn render_home(image: &Image, ctx: &Ctx, sort: Sort, summaries: &[RelationSummary]) -> Markup {
    let names = names(image, ctx.lang());
    let mut lines: Vec<(String, RelationSummary)> = summaries
        .iter()
        .map(|s| (relation_name(&names, s.states), s.clone()))
        .collect();
    sort_lines(&mut lines, sort);
    let home = lines.iter().find(|(_, s)| {
        let (a, b) = ordered(s.states);
        (a.as_str(), b.as_str()) == HOME_RELATION
    });
    let overview = |states: [StateCode; 2]| {
        let (a, b) = ordered(states);
        ctx.href(&format!(
            "/relations/{}/{}",
            encode(a.as_str()),
            encode(b.as_str())
        ))
    };
    // Words every row repeats, looked up once: a large world has thousands of rows.
    let (no_index, urgent, warning, cancelled, talks, no_round) = (
        ctx.t("home-no-index"),
        ctx.t("home-urgent"),
        ctx.t("home-warning"),
        ctx.t("home-cancelled"),
        ctx.t("home-talks"),
        ctx.t("home-no-round"),
    );
    let content = html! {
        h1 { (ctx.t("home-title")) }
        @if let Some((name, s)) = home {
            p.notice { (ctx.t("home-go-to")) " " a href=(overview(s.states)) { strong { (name) } } }
        }
        @if lines.is_empty() {
            p { (ctx.t_args("home-none", &[("date", ctx.as_of.to_string().into())])) }
            @if image.states().len() < 2 { p { a href=(ctx.href("/acts/new?kind=state_registered")) { (ctx.t("home-few-states")) } } }
        } @else {
            p.muted { (ctx.t_args("home-lead", &[("n", lines.len().into()), ("date", ctx.as_of.to_string().into())])) }
            table.relations {
                thead { tr {
                    (header_cell(ctx, sort, SortKey::Relation, false))
                    (header_cell(ctx, sort, SortKey::Index, true))
                    (header_cell(ctx, sort, SortKey::Change, true))
                    (header_cell(ctx, sort, SortKey::Alerts, true))
                    (header_cell(ctx, sort, SortKey::Round, false))
                } }
                tbody {
                    @for (name, s) in &lines {
                        @let (a, b) = ordered(s.states);
                        tr {
                            th scope="row" { a href=(overview(s.states)) { (name) } }
                            td.num { @match s.index { Some(i) => (format!("{i:.1}")), None => span.muted title=(no_index) { "—" } } }
                            td.num { @match s.change {
                                Some(c) if c > 0.0 => span.ok { (format!("{c:+.1}")) },
                                Some(c) if c < 0.0 => span.bad { (format!("{c:+.1}")) },
                                Some(_) => "0.0",
                                None => span.muted { "—" },
                            } }
                            td.num { @if s.alerts == 0 { "0" } @else {
                                a href=(ctx.href(&format!("/relations/{a}/{b}"))) class=[(s.most_severe == Some(Severity::Urgent)).then_some("bad")] {
                                    (s.alerts) @match s.most_severe { Some(Severity::Urgent) => { " (" (urgent) ")" }, Some(Severity::Warning) => { " (" (warning) ")" }, Some(Severity::Notice) | None => {} }
                                }
                            } }
                            td { @match &s.latest_round {
                                Some(r) => {
                                    a href=(ctx.href(&format!("/relations/{a}/{b}/rounds/{}", encode(r.id.as_str())))) { (r.date) }
                                    @if r.status == "cancelled" { " (" (cancelled) ")" }
                                    " · " a href=(ctx.href(&format!("/relations/{a}/{b}/talks"))) { (talks) }
                                },
                                None => span.muted { (no_round) },
                            } }
                        }
                    }
                }
            }
        }
    };
    page(ctx, &ctx.t("home-title"), content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_domain::relations::LatestRound;

    fn line(name: &str, index: Option<f64>, alerts: usize) -> (String, RelationSummary) {
        (
            name.to_owned(),
            RelationSummary {
                states: ["AA".parse().unwrap(), "BB".parse().unwrap()],
                index,
                index_year_before: None,
                change: index.map(|i| i - 100.0),
                baseline: "2000-01-01".parse().unwrap(),
                alerts,
                most_severe: (alerts > 0).then_some(Severity::Warning),
                latest_round: None::<LatestRound>,
            },
        )
    }

    fn names_of(lines: &[(String, RelationSummary)]) -> Vec<&str> {
        lines.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn a_column_sorts_both_ways_with_missing_figures_last() {
        let mut lines = vec![
            line("b", Some(80.0), 0),
            line("a", None, 2),
            line("c", Some(120.0), 1),
        ];
        let by = |key, dir| Sort { key, dir };
        sort_lines(&mut lines, by(SortKey::Index, Dir::Asc));
        assert_eq!(names_of(&lines), ["b", "c", "a"]);
        sort_lines(&mut lines, by(SortKey::Index, Dir::Desc));
        assert_eq!(names_of(&lines), ["c", "b", "a"]);
        sort_lines(&mut lines, by(SortKey::Alerts, Dir::Desc));
        assert_eq!(names_of(&lines), ["a", "c", "b"]);
        sort_lines(&mut lines, by(SortKey::Relation, Dir::Desc));
        assert_eq!(names_of(&lines), ["c", "b", "a"]);
    }

    #[test]
    fn the_query_picks_the_column_and_an_unknown_one_is_the_default() {
        let q = |sort: &str, dir: Option<&str>| SortQuery {
            sort: Some(sort.to_owned()),
            dir: dir.map(str::to_owned),
        };
        assert_eq!(
            Sort::from_query(&q("index", Some("desc"))),
            Sort {
                key: SortKey::Index,
                dir: Dir::Desc
            }
        );
        assert_eq!(Sort::from_query(&q("alerts", None)).dir, Dir::Desc);
        assert_eq!(Sort::from_query(&q("<script>", Some("x"))), Sort::default());
    }
}
