//! What a form may offer to choose from: the things of one relation a reader may see, by name,
//! and a free identifier for a new thing from its name. Built from views like every answer, so
//! a form never lists another party's internal things.

use crate::date::CivilDate;
use crate::ids::{RelationKey, StateCode};
use crate::image::cases::CaseEvent;
use crate::image::commitments::CommitmentEvent;
use crate::image::measures::MeasureEvent;
use crate::image::members::MemberEvent;
use crate::image::mission::TalkEvent;
use crate::image::posts::{PostEvent, PremisesEvent};
use crate::image::timeline::{Stamped, View};
use crate::image::Image;
use crate::query::QueryError;

/// One thing to choose: its identifier, its name, and the state it belongs to (the sending
/// state of a post, the actor of a measure), to group by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub name: String,
    pub side: Option<StateCode>,
    /// When it was first recorded as happening (opened, notified, imposed, made, held).
    pub since: CivilDate,
}

/// The things of one relation a view's reader may see, whatever their date (a form may record
/// an act dated before or after the page's day), each list in its identifiers' order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub posts: Vec<Choice>,
    pub premises: Vec<Choice>,
    pub members: Vec<Choice>,
    pub measures: Vec<Choice>,
    pub commitments: Vec<Choice>,
    pub rounds: Vec<Choice>,
    pub cases: Vec<Choice>,
}

/// The first event of a timeline the view knows, if any: a thing the reader may not see has
/// no event it knows, since one thing has one audience.
fn first<'a, E>(events: &'a [Stamped<E>], view: &View) -> Option<&'a Stamped<E>> {
    events.iter().find(|s| view.knows(*s))
}

fn sorted(mut v: Vec<Choice>) -> Vec<Choice> {
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

impl Image {
    /// What the reader of `view` may choose from in the relation `a`–`b`, as known through the
    /// view's point of the journal, whatever the view's date.
    pub fn choices(&self, a: StateCode, b: StateCode, view: View) -> Result<Choices, QueryError> {
        let key = self.check_relation(a, b, &view)?;
        let mut out = Choices::default();
        for (sending, host) in [(a, b), (b, a)] {
            let mission = self.missions.get(&crate::ids::MissionKey { sending, host });
            let Some(m) = mission else { continue };
            for id in &m.posts {
                let Some(rec) = self.posts.get(id) else {
                    continue;
                };
                if let Some(s) = first(&rec.events, &view) {
                    if let PostEvent::Opened(info) = &s.ev {
                        out.posts.push(Choice {
                            id: id.to_string(),
                            name: info.name.clone(),
                            side: Some(sending),
                            since: s.date.earliest(),
                        });
                    }
                }
            }
            for id in &m.premises {
                let Some(rec) = self.premises.get(id) else {
                    continue;
                };
                if let Some(s) = first(&rec.events, &view) {
                    if let PremisesEvent::Acquired(info) = &s.ev {
                        out.premises.push(Choice {
                            id: id.to_string(),
                            name: info.name.clone(),
                            side: Some(sending),
                            since: s.date.earliest(),
                        });
                    }
                }
            }
            for id in &m.members {
                let Some(rec) = self.members.get(id) else {
                    continue;
                };
                if let Some(s) = first(&rec.events, &view) {
                    if let MemberEvent::Notified(info) = &s.ev {
                        out.members.push(Choice {
                            id: id.to_string(),
                            name: info.name.clone(),
                            side: Some(sending),
                            since: s.date.earliest(),
                        });
                    }
                }
            }
        }
        if let Some(rel) = self.relations.get(&key) {
            for id in &rel.measures {
                let Some(rec) = self.measures.get(id) else {
                    continue;
                };
                if let Some(s) = first(&rec.events, &view) {
                    if let MeasureEvent::Imposed(m) = &s.ev {
                        out.measures.push(Choice {
                            id: id.to_string(),
                            name: m.summary.clone(),
                            side: Some(rec.actor),
                            since: s.date.earliest(),
                        });
                    }
                }
            }
            for id in &rel.commitments {
                let Some(rec) = self.commitments.get(id) else {
                    continue;
                };
                if let Some(s) = first(&rec.events, &view) {
                    if let CommitmentEvent::Made(c) = &s.ev {
                        let side = match c.undertaken_by[..] {
                            [one] => Some(one),
                            _ => None,
                        };
                        out.commitments.push(Choice {
                            id: id.to_string(),
                            name: c.text.clone(),
                            side,
                            since: s.date.earliest(),
                        });
                    }
                }
            }
            for s in rel.talks.iter().filter(|s| view.knows(*s)) {
                if let TalkEvent::RoundHeld { round, venue, .. } = &s.ev {
                    out.rounds.push(Choice {
                        id: round.to_string(),
                        name: venue.clone().unwrap_or_else(|| round.to_string()),
                        side: None,
                        since: s.date.earliest(),
                    });
                }
            }
            for id in &rel.cases {
                let Some(rec) = self.cases.get(id) else {
                    continue;
                };
                if let Some(s) = first(&rec.events, &view) {
                    if let CaseEvent::Opened(c) = &s.ev {
                        // A case is named by its kind and city, never by the person.
                        out.cases.push(Choice {
                            id: id.to_string(),
                            name: c.city.clone(),
                            side: Some(c.national_of),
                            since: s.date.earliest(),
                        });
                    }
                }
            }
        }
        out.posts = sorted(out.posts);
        out.premises = sorted(out.premises);
        out.members = sorted(out.members);
        out.measures = sorted(out.measures);
        out.commitments = sorted(out.commitments);
        out.rounds = sorted(out.rounds);
        out.cases = sorted(out.cases);
        Ok(out)
    }

    /// Every relation of which `reader` may see something (a post, premises, member, measure,
    /// round, commitment or case), in order: a relation known only from another party's
    /// internal acts is not listed.
    pub fn relations_seen_by(&self, reader: crate::access::Reader) -> Vec<RelationKey> {
        let view = View::everything_for(reader);
        let mut out: Vec<RelationKey> = Vec::new();
        for (key, m) in &self.missions {
            let seen = m.posts.iter().any(|id| {
                self.posts
                    .get(id)
                    .is_some_and(|r| first(&r.events, &view).is_some())
            }) || m.premises.iter().any(|id| {
                self.premises
                    .get(id)
                    .is_some_and(|r| first(&r.events, &view).is_some())
            }) || m.members.iter().any(|id| {
                self.members
                    .get(id)
                    .is_some_and(|r| first(&r.events, &view).is_some())
            });
            if seen {
                out.push(RelationKey::new(key.sending, key.host));
            }
        }
        for (key, rel) in &self.relations {
            let seen = rel.measures.iter().any(|id| {
                self.measures
                    .get(id)
                    .is_some_and(|r| first(&r.events, &view).is_some())
            }) || rel.commitments.iter().any(|id| {
                self.commitments
                    .get(id)
                    .is_some_and(|r| first(&r.events, &view).is_some())
            }) || rel.cases.iter().any(|id| {
                self.cases
                    .get(id)
                    .is_some_and(|r| first(&r.events, &view).is_some())
            }) || rel.talks.iter().any(|s| view.knows(s));
            if seen {
                out.push(*key);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Whether any thing of any kind has the identifier `id`, whoever may see it: identifiers
    /// are unique across the record, so a proposal must avoid hidden ones too.
    fn id_taken(&self, id: &str) -> bool {
        use crate::ids::{CaseId, CommitmentId, MeasureId, MemberId, PostId, PremisesId, RoundId};
        fn has<K: std::str::FromStr + std::hash::Hash + Eq, V>(
            map: &std::collections::HashMap<K, V>,
            id: &str,
        ) -> bool {
            id.parse::<K>().map_or(true, |k| map.contains_key(&k))
        }
        has::<PostId, _>(&self.posts, id)
            || has::<PremisesId, _>(&self.premises, id)
            || has::<MemberId, _>(&self.members, id)
            || has::<MeasureId, _>(&self.measures, id)
            || has::<CommitmentId, _>(&self.commitments, id)
            || has::<RoundId, _>(&self.rounds, id)
            || has::<CaseId, _>(&self.cases, id)
    }

    /// A free identifier for a new thing of the relation `relation`: the relation's states
    /// and a slug of `name` (`us-ru-consulate-general-yekaterinburg`), with `-2`, `-3` ...
    /// when taken. The suffix is chosen against the whole record (an identifier is unique
    /// whoever may see it), which tells the user no more than a refusal of a taken one would.
    pub fn propose_id(&self, relation: (StateCode, StateCode), name: &str) -> String {
        let (a, b) = relation;
        let mut base = format!(
            "{}-{}-{}",
            a.as_str().to_ascii_lowercase(),
            b.as_str().to_ascii_lowercase(),
            slug(name)
        );
        base = base.trim_end_matches('-').to_owned();
        // Room for a suffix within the 64 characters an identifier may have.
        base.truncate(56);
        let base = base.trim_end_matches('-').to_owned();
        if !self.id_taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.id_taken(id))
            .unwrap_or(base)
    }
}

/// `name` as an identifier's part: small Latin letters, digits and single hyphens; Russian
/// letters transliterated (the demo's names are in both scripts), other letters dropped.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'á' | 'à' | 'â' | 'ä' | 'ã' => "a",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => "o",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ç' => "c",
            'ñ' => "n",
            _ => "-",
        };
        out.push_str(piece);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_keeps_letters_and_digits_in_either_script() {
        assert_eq!(
            slug("US Consulate General, Yekaterinburg"),
            "us-consulate-general-yekaterinburg"
        );
        assert_eq!(slug("Сергей Лавров"), "sergey-lavrov");
        assert_eq!(slug("  Genève -- 2 "), "geneve-2");
        assert_eq!(slug("!!!"), "");
    }
}
