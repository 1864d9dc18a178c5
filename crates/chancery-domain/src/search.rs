//! Search across what a reader may see: people (members of staff, heads of mission, chargés,
//! heads of delegation), posts (name, city, id), measures (id, row reference, summary, scope),
//! rounds of talks (id, venue, agenda, outcome) and commitments (id, text, targets).
//!
//! A name is found whichever script or common romanisation it is typed in (Салливан finds
//! Sullivan; Antonov finds Антонов: [`crate::names::translit`]). Matches rank exact, then
//! prefix (of the text or of one of its words), then text containing the query, then
//! transliteration. Every entity is read through the caller's [`View`], so the search is
//! scoped like every other question: what the reader may not see is not found.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ids::{RelationKey, StateCode};
use crate::image::mission::TalkEvent;
use crate::image::timeline::View;
use crate::image::Image;
use crate::names::translit::{fold, skeletons};
use crate::names::Names;

/// The longest query accepted, in characters: a name or a phrase, never a document.
pub const MAX_QUERY_CHARS: usize = 100;
/// At most this many hits are returned, best first.
pub const MAX_HITS: usize = 50;

/// Why a query was not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the query is empty: type a name or a word")]
    Empty,
    #[error("the query is {0} characters long; at most {MAX_QUERY_CHARS} are allowed")]
    TooLong(usize),
}

impl SearchError {
    /// A stable code for the API's error envelope.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::Empty => "query_empty",
            SearchError::TooLong(_) => "query_too_long",
        }
    }
}

/// What a hit is, in the order hits of equal rank are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum HitKind {
    Person,
    Post,
    Measure,
    Round,
    Commitment,
}

impl HitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Person => "person",
            HitKind::Post => "post",
            HitKind::Measure => "measure",
            HitKind::Round => "round",
            HitKind::Commitment => "commitment",
        }
    }

    /// The path segment of its page under `/relations/{a}/{b}/`.
    pub fn path_segment(self) -> &'static str {
        match self {
            HitKind::Person => "people",
            HitKind::Post => "posts",
            HitKind::Measure => "measures",
            HitKind::Round => "rounds",
            HitKind::Commitment => "commitments",
        }
    }
}

/// How well a hit matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MatchKind {
    /// The whole name or id, ignoring case and accents.
    Exact,
    /// The start of the name or of one of its words.
    Prefix,
    /// Somewhere in a text (a summary, an outcome).
    Text,
    /// Another script or romanisation of the same words (Салливан for Sullivan).
    Transliteration,
}

/// One thing found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub kind: HitKind,
    /// The relation whose page shows it: the sending and host state of a post or a person's
    /// mission, the actor and target of a measure, the parties of talks.
    pub a: StateCode,
    pub b: StateCode,
    /// Its key in its page's path: a post's, measure's, round's or commitment's id, a
    /// person's name as recorded.
    pub id: String,
    /// Its name as recorded (a measure's or commitment's: its row reference or id).
    pub title: String,
    /// The name in other languages, where recorded.
    #[serde(skip_serializing_if = "Names::is_empty")]
    pub names: Names,
    /// The text that matched, when it is not the title (a summary, a city, another script).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_text: Option<String>,
    pub matched: MatchKind,
}

/// The hits for a query, best first, at most [`MAX_HITS`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<SearchHit>,
    /// More hits matched than were returned.
    pub truncated: bool,
}

/// A query prepared once: as typed (folded), and as word skeletons.
struct Query {
    folded: String,
    skeletons: Vec<String>,
}

impl Query {
    fn new(q: &str) -> Result<Query, SearchError> {
        let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
        if q.is_empty() {
            return Err(SearchError::Empty);
        }
        let n = q.chars().count();
        if n > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong(n));
        }
        Ok(Query {
            folded: fold(&q),
            skeletons: skeletons(&q),
        })
    }

    /// How `text` matches, if it does. `name`: a name or id (exact and prefix apply), rather
    /// than prose (only containment and transliteration do).
    fn rank(&self, text: &str, name: bool) -> Option<MatchKind> {
        let t = fold(text);
        if name {
            if t == self.folded {
                return Some(MatchKind::Exact);
            }
            let word_starts = t.match_indices(self.folded.as_str()).any(|(i, _)| {
                i == 0
                    || !t[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            });
            if word_starts {
                return Some(MatchKind::Prefix);
            }
        }
        // Containment of a fragment shorter than three letters matches almost everything.
        if self.folded.chars().count() >= 3 && t.contains(&self.folded) {
            return Some(MatchKind::Text);
        }
        if !self.skeletons.is_empty() {
            let words = skeletons(text);
            if self.skeletons.iter().all(|q| words.contains(q)) {
                return Some(MatchKind::Transliteration);
            }
        }
        None
    }
}

/// The texts of one thing to match, the first being its title.
struct Candidate<'a> {
    kind: HitKind,
    a: StateCode,
    b: StateCode,
    id: String,
    title: &'a str,
    names: &'a Names,
    /// Other names and ids (exact and prefix apply).
    also: Vec<&'a str>,
    /// Prose (containment and transliteration only).
    prose: Vec<&'a str>,
}

impl Candidate<'_> {
    fn best(&self, q: &Query) -> Option<(MatchKind, Option<String>)> {
        let names = std::iter::once(self.title)
            .chain(self.names.values())
            .chain(self.also.iter().copied())
            .map(|t| (t, true));
        let prose = self.prose.iter().map(|t| (*t, false));
        names
            .chain(prose)
            .filter_map(|(t, is_name)| q.rank(t, is_name).map(|r| (r, t)))
            .min_by_key(|(r, _)| *r)
            .map(|(r, t)| (r, (t != self.title).then(|| t.to_owned())))
    }
}

static NO_NAMES: Names = Names::empty();

impl Image {
    /// The people, posts, measures, rounds and commitments `view` sees that match `query`,
    /// best first (see the module's documentation), at most [`MAX_HITS`].
    pub fn search(&self, query: &str, view: View) -> Result<SearchResults, SearchError> {
        let q = Query::new(query)?;
        let mut hits = Vec::new();
        for c in self.candidates(view) {
            if let Some((matched, matched_text)) = c.best(&q) {
                hits.push(SearchHit {
                    kind: c.kind,
                    a: c.a,
                    b: c.b,
                    id: c.id,
                    title: c.title.to_owned(),
                    names: c.names.clone(),
                    matched_text,
                    matched,
                });
            }
        }
        hits.sort_by(|x, y| {
            (x.matched, x.kind, &x.title, x.a, x.b).cmp(&(y.matched, y.kind, &y.title, y.a, y.b))
        });
        let truncated = hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS);
        Ok(SearchResults {
            query: query.trim().to_owned(),
            hits,
            truncated,
        })
    }

    /// Everything the view sees that a search may find, one candidate per thing (a person once
    /// per relation, with every spelling recorded for them).
    fn candidates(&self, view: View) -> Vec<Candidate<'_>> {
        let mut out = Vec::new();
        let mut people: BTreeMap<(RelationKey, &str), Candidate<'_>> = BTreeMap::new();
        for p in self.posts.values() {
            let opened = view.filter(&p.events).find_map(|e| match &e.ev {
                crate::image::posts::PostEvent::Opened(info) => Some(info),
                _ => None,
            });
            if let Some(info) = opened {
                out.push(Candidate {
                    kind: HitKind::Post,
                    a: p.sending,
                    b: p.host,
                    id: p.id.to_string(),
                    title: &info.name,
                    names: &info.names,
                    also: std::iter::once(info.city.as_str())
                        .chain(info.city_names.values())
                        .chain(std::iter::once(p.id.as_str()))
                        .collect(),
                    prose: Vec::new(),
                });
            }
        }
        for m in self.members.values() {
            let Some(post) = self.posts.get(&m.post) else {
                continue;
            };
            let notified = view.filter(&m.events).find_map(|e| match &e.ev {
                crate::image::members::MemberEvent::Notified(info) => Some(info),
                _ => None,
            });
            if let Some(info) = notified {
                add_person(
                    &mut people,
                    post.sending,
                    post.host,
                    &info.name,
                    &info.names,
                );
            }
        }
        for (key, mission) in &self.missions {
            for e in view.filter(&mission.heads) {
                add_person(
                    &mut people,
                    key.sending,
                    key.host,
                    &e.ev.person,
                    &e.ev.names,
                );
            }
        }
        for m in self.measures.values() {
            let Some(imposed) = view.filter(&m.events).find_map(|e| match &e.ev {
                crate::image::measures::MeasureEvent::Imposed(info) => Some((e, info)),
                _ => None,
            }) else {
                continue;
            };
            let (stamped, info) = imposed;
            out.push(Candidate {
                kind: HitKind::Measure,
                a: m.actor,
                b: m.target,
                id: m.id.to_string(),
                title: stamped.external_ref().unwrap_or(m.id.as_str()),
                names: &NO_NAMES,
                also: vec![m.id.as_str()],
                prose: std::iter::once(info.summary.as_str())
                    .chain(info.scope.description.as_deref())
                    .collect(),
            });
        }
        for c in self.commitments.values() {
            let Some(made) = view.filter(&c.events).find_map(|e| match &e.ev {
                crate::image::commitments::CommitmentEvent::Made(info) => Some(info),
                _ => None,
            }) else {
                continue;
            };
            let (a, b) = c.relation.states();
            out.push(Candidate {
                kind: HitKind::Commitment,
                a,
                b,
                id: c.id.to_string(),
                title: c.id.as_str(),
                names: &NO_NAMES,
                also: Vec::new(),
                prose: std::iter::once(made.text.as_str())
                    .chain(made.targets.iter().map(String::as_str))
                    .collect(),
            });
        }
        for (key, rel) in &self.relations {
            let (a, b) = key.states();
            for e in view.filter(&rel.talks) {
                let TalkEvent::RoundHeld {
                    round,
                    venue,
                    heads_of_delegation,
                    agenda,
                    outcome,
                    ..
                } = &e.ev
                else {
                    continue;
                };
                for h in heads_of_delegation {
                    add_person(&mut people, a, b, h, &NO_NAMES);
                }
                out.push(Candidate {
                    kind: HitKind::Round,
                    a,
                    b,
                    id: round.to_string(),
                    title: round.as_str(),
                    names: &NO_NAMES,
                    also: venue.as_deref().into_iter().collect(),
                    prose: std::iter::once(outcome.as_str())
                        .chain(agenda.iter().map(String::as_str))
                        .collect(),
                });
            }
        }
        out.extend(people.into_values());
        out
    }
}

/// Adds a person to the relation's people once, keeping the first non-empty other-script
/// names recorded for them (a head's later acts may carry them when the first did not).
fn add_person<'a>(
    people: &mut BTreeMap<(RelationKey, &'a str), Candidate<'a>>,
    sending: StateCode,
    host: StateCode,
    name: &'a str,
    names: &'a Names,
) {
    let entry = people
        .entry((RelationKey::new(sending, host), name))
        .or_insert_with(|| Candidate {
            kind: HitKind::Person,
            a: sending,
            b: host,
            id: name.to_owned(),
            title: name,
            names: &NO_NAMES,
            also: Vec::new(),
            prose: Vec::new(),
        });
    if entry.names.is_empty() {
        entry.names = names;
    }
}
