//! What a post issued over past periods, as published (`consular_issuance_reported`): shown
//! beside its capacity, never folded into demand, since a count of visas issued leaves out the
//! applicants refused, turned away or sent to another post.

use serde::Serialize;

use crate::date::ValidDate;
use crate::ids::PostId;
use crate::image::posts::{PostEvent, PostState};
use crate::vocab::ConsularService;

/// One published issuance count that covers a post.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedView {
    /// From the first day of `period_start` to the last of `period_end` (the same period when
    /// the count is of one year, quarter or month).
    pub period_start: ValidDate,
    pub period_end: ValidDate,
    pub issued: u32,
    /// The services the count covers together.
    pub services: Vec<ConsularService>,
    /// The other posts the count covers with this one (it is of them together, not of each).
    pub with_posts: Vec<PostId>,
    pub estimate: bool,
    /// When it was published (the act's date).
    pub date: ValidDate,
    pub sources: Vec<String>,
    pub recorded_seq: u64,
    /// "issued in 2016: 136,665 (source: ...)".
    pub text: String,
}

/// The issuance counts on record for post `id` in the view its state was folded for, oldest
/// period first.
pub fn issued_views(id: &PostId, s: &PostState<'_>) -> Vec<IssuedView> {
    let mut out: Vec<IssuedView> = s
        .issued
        .iter()
        .filter_map(|e| {
            let PostEvent::Issued(i) = &e.ev else {
                return None;
            };
            let sources = e
                .provenance
                .as_deref()
                .map(|p| p.sources.clone())
                .unwrap_or_default();
            let text = words(i.period_start, i.period_end, i.issued, i.estimate, &sources);
            Some(IssuedView {
                period_start: i.period_start,
                period_end: i.period_end,
                issued: i.issued,
                services: i.applies_to.clone(),
                with_posts: i.posts.iter().filter(|p| *p != id).cloned().collect(),
                estimate: i.estimate,
                date: e.date,
                sources,
                recorded_seq: e.seq,
                text,
            })
        })
        .collect();
    out.sort_by_key(|v| (v.period_start, v.recorded_seq));
    out
}

/// The period in words: one period as written ("2016", "2018-07"), else "2017-10 to 2018-09".
pub fn period_words(start: ValidDate, end: ValidDate) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start} to {end}")
    }
}

fn words(
    start: ValidDate,
    end: ValidDate,
    issued: u32,
    estimate: bool,
    sources: &[String],
) -> String {
    let estimated = if estimate { " (estimate)" } else { "" };
    let source = match sources.first() {
        Some(s) => format!(" (source: {s})"),
        None => " (no source given)".to_owned(),
    };
    format!(
        "issued in {}: {}{estimated}{source}",
        period_words(start, end),
        thousands(issued)
    )
}

/// 136665 as "136,665".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> ValidDate {
        s.parse().expect("a valid date")
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(136_665), "136,665");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_count_reads_with_its_period_and_its_source() {
        let src = vec!["https://example.org/a".to_owned()];
        assert_eq!(
            words(d("2016"), d("2016"), 136_665, false, &src),
            "issued in 2016: 136,665 (source: https://example.org/a)"
        );
        assert_eq!(
            words(d("2017-10"), d("2018-09"), 89_800, true, &[]),
            "issued in 2017-10 to 2018-09: 89,800 (estimate) (no source given)"
        );
    }
}
