//! What a form offers to choose in each field: the relation's things the user may see (from
//! the domain's `Image::choices`, scoped by the reader like every answer), its states by name,
//! and the audiences the user's organisation may record for. A field with nothing to offer is
//! typed, as before.

use chancery_accounts::OrgKind;
use chancery_domain::act::{FieldType, Vocabulary};
use chancery_domain::choices::{Choice, Choices};
use chancery_domain::image::timeline::View;
use chancery_domain::{Audience, Image, RelationKey, StateCode};

use super::super::i18n::{self, Lang};
use super::fields::Field;

/// The message prefix of a vocabulary's labels (`post-kind-embassy`).
pub fn vocab_prefix(v: Vocabulary) -> &'static str {
    match v {
        Vocabulary::PostKind => "post-kind",
        Vocabulary::PremisesKind => "premises-kind",
        Vocabulary::StaffCategory => "staff-category",
        Vocabulary::MeasureKind => "measure-kind",
        Vocabulary::Bound => "bound",
        Vocabulary::Counting => "counting",
        Vocabulary::StaffFigure => "staff-figure",
        Vocabulary::ServiceLevel => "service-level",
        Vocabulary::CommitmentStatus => "commitment-status",
        Vocabulary::Confidence => "confidence",
        Vocabulary::Character => "character",
        Vocabulary::Capacity => "capacity",
        Vocabulary::ConsularService => "consular-service",
        Vocabulary::CaseKind => "case-kind",
        Vocabulary::CaseStep => "case-step",
    }
}

/// One option of a `<select>`: the value posted and the words shown.
pub struct Opt {
    pub value: String,
    pub text: String,
}

/// Options under a heading (an `<optgroup>`), or without one.
pub struct Group {
    pub label: Option<String>,
    pub options: Vec<Opt>,
}

/// What one field offers: one value, or several (a list field).
pub struct Offered {
    pub groups: Vec<Group>,
    pub multiple: bool,
}

/// Everything a form of one relation may offer, read once per page.
pub struct Offer {
    pub relation: (StateCode, StateCode),
    /// Every registered state by name (a venue may be a third state).
    states: Vec<(StateCode, String)>,
    choices: Choices,
    /// `public`, `bilateral`, `internal:XX`: what the organisation may record, with words.
    audiences: Vec<Opt>,
    lang: Lang,
}

impl Offer {
    pub fn new(
        image: &Image,
        relation: (StateCode, StateCode),
        view: View,
        org: Option<OrgKind>,
        lang: Lang,
    ) -> Offer {
        let (a, b) = relation;
        let states = image.states_in(lang.code());
        let choices = image.choices(a, b, view).unwrap_or_default();
        let key = RelationKey::new(a, b);
        let reader = org.map(OrgKind::reader);
        let may = |audience: Audience| reader.is_some_and(|r| r.sees(audience));
        let mut audiences = Vec::new();
        if may(Audience::Public) {
            audiences.push(Opt {
                value: "public".into(),
                text: i18n::message(lang, "forms-audience-public", &[]),
            });
        }
        if may(Audience::Relation(key)) {
            audiences.push(Opt {
                value: "bilateral".into(),
                text: i18n::message(
                    lang,
                    "forms-audience-bilateral",
                    &[
                        ("a", name_of(&states, a).into()),
                        ("b", name_of(&states, b).into()),
                    ],
                ),
            });
        }
        for s in [a, b] {
            if may(Audience::Party(s)) {
                audiences.push(Opt {
                    value: format!("internal:{s}"),
                    text: i18n::message(
                        lang,
                        "forms-audience-internal",
                        &[("state", name_of(&states, s).into())],
                    ),
                });
            }
        }
        Offer {
            relation,
            states,
            choices,
            audiences,
            lang,
        }
    }

    pub fn state_name(&self, s: StateCode) -> String {
        name_of(&self.states, s)
    }

    /// What the field `f` offers, if anything.
    pub fn for_field(&self, f: &Field) -> Option<Offered> {
        if f.creates {
            return None;
        }
        let one = |groups| {
            Some(Offered {
                groups,
                multiple: false,
            })
        };
        let many = |groups| {
            Some(Offered {
                groups,
                multiple: true,
            })
        };
        match f.ty {
            FieldType::Id => one(self.things(things_of(f.name)?)),
            FieldType::Ids => many(self.things(things_of(f.name)?)),
            FieldType::State if f.name == "venue_state" => one(vec![self.all_states()]),
            FieldType::State => one(vec![self.relation_states()]),
            FieldType::States => many(vec![self.relation_states()]),
            FieldType::Choices(v) => many(vec![Group {
                label: None,
                options: v
                    .values()
                    .into_iter()
                    .map(|code| Opt {
                        value: code.to_owned(),
                        text: i18n::label(self.lang, vocab_prefix(v), code),
                    })
                    .collect(),
            }]),
            FieldType::Visibility => one(vec![Group {
                label: None,
                options: self
                    .audiences
                    .iter()
                    .map(|o| Opt {
                        value: o.value.clone(),
                        text: o.text.clone(),
                    })
                    .collect(),
            }]),
            _ => None,
        }
    }

    fn relation_states(&self) -> Group {
        let (a, b) = self.relation;
        Group {
            label: None,
            options: [a, b]
                .into_iter()
                .map(|s| Opt {
                    value: s.to_string(),
                    text: format!("{} ({s})", self.state_name(s)),
                })
                .collect(),
        }
    }

    fn all_states(&self) -> Group {
        Group {
            label: None,
            options: self
                .states
                .iter()
                .map(|(s, name)| Opt {
                    value: s.to_string(),
                    text: format!("{name} ({s})"),
                })
                .collect(),
        }
    }

    /// The things of one kind, grouped by the state they belong to.
    fn things(&self, which: Things) -> Vec<Group> {
        let list: &[Choice] = match which {
            Things::Posts => &self.choices.posts,
            Things::Premises => &self.choices.premises,
            Things::Members => &self.choices.members,
            Things::Measures => &self.choices.measures,
            Things::Commitments => &self.choices.commitments,
            Things::Rounds => &self.choices.rounds,
            Things::Cases => &self.choices.cases,
        };
        let (a, b) = self.relation;
        let mut groups = Vec::new();
        for side in [Some(a), Some(b), None] {
            let options: Vec<Opt> = list
                .iter()
                .filter(|c| c.side == side)
                .map(|c| Opt {
                    value: c.id.clone(),
                    text: format!("{} ({}, {})", short(&c.name), c.id, c.since),
                })
                .collect();
            if options.is_empty() {
                continue;
            }
            groups.push(Group {
                label: side.map(|s| self.state_name(s)),
                options,
            });
        }
        groups
    }
}

fn name_of(states: &[(StateCode, String)], s: StateCode) -> String {
    states
        .iter()
        .find(|(c, _)| *c == s)
        .map_or_else(|| s.to_string(), |(_, n)| n.clone())
}

/// A long summary cut to what an option can show.
fn short(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

#[derive(Clone, Copy)]
enum Things {
    Posts,
    Premises,
    Members,
    Measures,
    Commitments,
    Rounds,
    Cases,
}

/// What the identifiers of a field name: the same name means the same in every kind.
fn things_of(name: &str) -> Option<Things> {
    Some(match name {
        "post" | "posts" | "scope.posts" => Things::Posts,
        "premises" | "scope.premises" => Things::Premises,
        "member" | "family_of" | "scope.members" => Things::Members,
        "measure" | "answers" | "lifts" | "eases" | "forced_by" => Things::Measures,
        "commitment" => Things::Commitments,
        "round" => Things::Rounds,
        "case" => Things::Cases,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_domain::act::Kind;

    /// Every identifier a kind refers to (not one it creates) is offered as a choice, so a new
    /// field of that type cannot silently fall back to typing.
    #[test]
    fn every_reference_field_names_what_it_refers_to() {
        for kind in Kind::ALL {
            for f in kind.fields() {
                if matches!(f.ty, FieldType::Id | FieldType::Ids) && !f.creates {
                    assert!(things_of(f.name).is_some(), "{kind}: {}", f.name);
                }
            }
        }
    }
}
