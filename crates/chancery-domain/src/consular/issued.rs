//! What a post issued over past periods, as published (`consular_issuance_reported`): shown
//! beside its capacity, never folded into demand, since a count of visas issued leaves out the
//! applicants refused, turned away or sent to another post.

use serde::Serialize;

use crate::date::ValidDate;
use crate::ids::PostId;
use crate::image::posts::{PostEvent, PostState};
use crate::vocab::{Confidence, ConsularService};

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
    /// How sure the record is of the count (the act's confidence); absent when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The act's note: what the source leaves open (its period, its scope, other accounts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub recorded_seq: u64,
    /// "issued in 2016: 136,665 nonimmigrant visas of every class, medium confidence (source:
    /// ...)": what it counts, with which posts, and how sure, so that counts of different scope
    /// do not read as comparable.
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
            let p = e.provenance.as_deref();
            let sources = p.map(|p| p.sources.clone()).unwrap_or_default();
            let confidence = p.and_then(|p| p.confidence);
            let with_posts: Vec<PostId> = i.posts.iter().filter(|p| *p != id).cloned().collect();
            let text = words(&Count {
                start: i.period_start,
                end: i.period_end,
                issued: i.issued,
                services: &i.applies_to,
                with_posts: &with_posts,
                estimate: i.estimate,
                confidence,
                sources: &sources,
            });
            Some(IssuedView {
                period_start: i.period_start,
                period_end: i.period_end,
                issued: i.issued,
                services: i.applies_to.clone(),
                with_posts,
                estimate: i.estimate,
                date: e.date,
                sources,
                confidence,
                note: p.and_then(|p| p.note.clone()),
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

/// What one count says, for its text.
struct Count<'a> {
    start: ValidDate,
    end: ValidDate,
    issued: u32,
    services: &'a [ConsularService],
    with_posts: &'a [PostId],
    estimate: bool,
    confidence: Option<Confidence>,
    sources: &'a [String],
}

fn words(c: &Count<'_>) -> String {
    let estimated = if c.estimate { " (estimate)" } else { "" };
    // A count of several posts is of them together: read as this post's own, it overstates it.
    let together = if c.with_posts.is_empty() {
        String::new()
    } else {
        let posts: Vec<String> = c.with_posts.iter().map(ToString::to_string).collect();
        format!(", together with {}", listed(&posts))
    };
    let sure = match c.confidence {
        Some(Confidence::High) | None => String::new(),
        Some(k) => format!(", {k} confidence"),
    };
    let source = match c.sources.first() {
        Some(s) => format!(" (source: {s})"),
        None => " (no source given)".to_owned(),
    };
    format!(
        "issued in {}: {} {}{estimated}{together}{sure}{source}",
        period_words(c.start, c.end),
        thousands(c.issued),
        services_words(c.services)
    )
}

/// The nonimmigrant classes a State Department count of "nonimmigrant visas" covers (A and G
/// visas among them): all four listed read as one phrase.
const NONIMMIGRANT: [ConsularService; 4] = [
    ConsularService::NonimmigrantVisitor,
    ConsularService::NonimmigrantStudentExchange,
    ConsularService::NonimmigrantWork,
    ConsularService::DiplomaticOfficial,
];

/// The services a count covers, in words: "nonimmigrant visas of every class and immigrant
/// visas"; some nonimmigrant classes read as one phrase ("nonimmigrant visas (visitors,
/// temporary workers)"); any other service in its own words.
fn services_words(services: &[ConsularService]) -> String {
    let g = ServicesGrouped::of(services);
    let mut parts: Vec<String> = Vec::new();
    if g.every_nonimmigrant {
        parts.push("nonimmigrant visas of every class".to_owned());
    } else if !g.classes.is_empty() {
        let classes: Vec<&str> = g
            .classes
            .iter()
            .filter_map(|s| nonimmigrant_class(*s))
            .collect();
        parts.push(format!("nonimmigrant visas ({})", classes.join(", ")));
    }
    parts.extend(g.others.iter().map(|s| s.words().to_owned()));
    listed(&parts)
}

/// The services a count covers as its text reads them: every nonimmigrant class as one phrase,
/// or some of them as one phrase (`classes`, two or more), then the others one by one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicesGrouped {
    pub every_nonimmigrant: bool,
    pub classes: Vec<ConsularService>,
    pub others: Vec<ConsularService>,
}

impl ServicesGrouped {
    pub fn of(services: &[ConsularService]) -> ServicesGrouped {
        let every_nonimmigrant = NONIMMIGRANT.iter().all(|n| services.contains(n));
        let classes: Vec<ConsularService> = services
            .iter()
            .filter(|s| nonimmigrant_class(**s).is_some())
            .copied()
            .collect();
        let grouped = |s: &ConsularService| {
            (every_nonimmigrant && NONIMMIGRANT.contains(s))
                || (classes.len() > 1 && nonimmigrant_class(*s).is_some())
        };
        let others = services.iter().filter(|s| !grouped(s)).copied().collect();
        ServicesGrouped {
            every_nonimmigrant,
            classes: if !every_nonimmigrant && classes.len() > 1 {
                classes
            } else {
                Vec::new()
            },
            others,
        }
    }
}

/// A nonimmigrant class's short name, inside "nonimmigrant visas (...)".
fn nonimmigrant_class(s: ConsularService) -> Option<&'static str> {
    match s {
        ConsularService::NonimmigrantVisitor => Some("visitors"),
        ConsularService::NonimmigrantStudentExchange => Some("students and exchange visitors"),
        ConsularService::NonimmigrantWork => Some("temporary workers"),
        _ => None,
    }
}

/// "a", "a and b", "a, b and c".
fn listed(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
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

    fn count<'a>(
        period: (&str, &str),
        services: &'a [ConsularService],
        with_posts: &'a [PostId],
        sources: &'a [String],
    ) -> Count<'a> {
        Count {
            start: d(period.0),
            end: d(period.1),
            issued: 136_665,
            services,
            with_posts,
            estimate: false,
            confidence: Some(Confidence::High),
            sources,
        }
    }

    #[test]
    fn a_count_reads_with_its_period_what_it_counts_and_its_source() {
        let src = vec!["https://example.org/a".to_owned()];
        assert_eq!(
            words(&count(("2016", "2016"), &NONIMMIGRANT, &[], &src)),
            "issued in 2016: 136,665 nonimmigrant visas of every class (source: https://example.org/a)"
        );
        let mut c = count(
            ("2017-10", "2018-09"),
            &[ConsularService::NonimmigrantVisitor],
            &[],
            &[],
        );
        c.issued = 89_800;
        c.estimate = true;
        c.confidence = None;
        assert_eq!(
            words(&c),
            "issued in 2017-10 to 2018-09: 89,800 nonimmigrant visas: visitors (estimate) (no source given)"
        );
    }

    #[test]
    fn a_shared_count_names_its_other_posts_and_a_doubtful_one_says_so() {
        let others: Vec<PostId> = ["us-cg-a", "us-cg-b"]
            .iter()
            .map(|p| p.parse().expect("a post id"))
            .collect();
        let mut c = count(
            ("2016", "2016"),
            &[
                ConsularService::ImmigrantVisa,
                ConsularService::NonimmigrantWork,
            ],
            &others,
            &[],
        );
        c.confidence = Some(Confidence::Medium);
        assert_eq!(
            words(&c),
            "issued in 2016: 136,665 immigrant visas and nonimmigrant visas: work, together with \
             us-cg-a and us-cg-b, medium confidence (no source given)"
        );
    }

    #[test]
    fn visa_classes_read_grouped() {
        let mut all = NONIMMIGRANT.to_vec();
        all.push(ConsularService::ImmigrantVisa);
        assert_eq!(
            services_words(&all),
            "nonimmigrant visas of every class and immigrant visas"
        );
        assert_eq!(
            services_words(&NONIMMIGRANT[..3]),
            "nonimmigrant visas (visitors, students and exchange visitors, temporary workers)"
        );
        assert_eq!(
            services_words(&[
                ConsularService::NonimmigrantWork,
                ConsularService::DiplomaticOfficial,
                ConsularService::PassportsCitizenship,
            ]),
            "nonimmigrant visas: work, diplomatic and official visas and passports and citizenship"
        );
    }
}
