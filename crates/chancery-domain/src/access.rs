//! Who may see an act. Every act carries a [`Visibility`]; when it is recorded the image resolves
//! it against the act's relation into an [`Audience`], stamped on every event the act writes.
//! Every question is asked through a `View` that carries a [`Reader`], and the view's filter
//! drops the events the reader may not see: scoping lives in the fold, not in handlers.

use serde::{Deserialize, Serialize};

use crate::ids::{RelationKey, StateCode};

/// What the recording organisation chose: public, the relation's two parties and mediators, or
/// one party's ministry alone. The demo's facts are public.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    #[default]
    Public,
    Bilateral,
    /// Internal to the ministry of this state, which must be a party of the act's relation.
    Internal(StateCode),
}

impl Visibility {
    pub fn is_public(&self) -> bool {
        matches!(self, Visibility::Public)
    }
}

/// A visibility resolved against the act's relation: the set of organisations that may see it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Audience {
    #[default]
    Public,
    Relation(RelationKey),
    Party(StateCode),
}

impl Audience {
    /// Everyone this audience admits is also admitted by `wider`.
    pub fn within(self, wider: Audience) -> bool {
        match (self, wider) {
            (_, Audience::Public) => true,
            (Audience::Relation(x), Audience::Relation(y)) => x == y,
            (Audience::Party(s), Audience::Relation(k)) => k.contains(s),
            (Audience::Party(s), Audience::Party(t)) => s == t,
            _ => false,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Audience::Public => "public".to_owned(),
            Audience::Relation(k) => format!("bilateral {k}"),
            Audience::Party(s) => format!("internal to {s}"),
        }
    }
}

/// The organisation a question is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reader {
    /// The rules themselves: validation sees every act whatever its visibility. Never used to
    /// answer a person's question.
    Rules,
    /// Anonymous readers and observers: public acts only.
    Public,
    /// A state's ministry: public acts, bilateral acts of its relations, its own internal acts.
    Party(StateCode),
    /// A mediator: public acts and every relation's bilateral acts.
    Mediator,
    /// What everyone in an audience may see: how an act is validated, so that a refusal never
    /// rests on (or tells of) a fact some of its readers could not see.
    Within(Audience),
}

impl Reader {
    pub fn sees(self, audience: Audience) -> bool {
        match (self, audience) {
            (Reader::Rules, _) | (_, Audience::Public) => true,
            (Reader::Party(s), Audience::Relation(k)) => k.contains(s),
            (Reader::Party(s), Audience::Party(t)) => s == t,
            (Reader::Mediator, Audience::Relation(_)) => true,
            (Reader::Within(a), e) => a.within(e),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(code: &str) -> StateCode {
        code.parse().unwrap()
    }

    #[test]
    fn readers_see_what_their_organisation_may() {
        let us_ru = Audience::Relation(RelationKey::new(s("US"), s("RU")));
        let us = Audience::Party(s("US"));
        let cases = [
            (Reader::Public, Audience::Public, true),
            (Reader::Public, us_ru, false),
            (Reader::Public, us, false),
            (Reader::Party(s("US")), us_ru, true),
            (Reader::Party(s("FR")), us_ru, false),
            (Reader::Party(s("US")), us, true),
            (Reader::Party(s("RU")), us, false),
            (Reader::Mediator, us_ru, true),
            (Reader::Mediator, us, false),
            (Reader::Rules, us, true),
        ];
        for (reader, audience, expected) in cases {
            assert_eq!(reader.sees(audience), expected, "{reader:?} {audience:?}");
        }
    }

    #[test]
    fn within_is_inclusion_of_audiences() {
        let us_ru = Audience::Relation(RelationKey::new(s("US"), s("RU")));
        let us_fr = Audience::Relation(RelationKey::new(s("US"), s("FR")));
        assert!(Audience::Party(s("US")).within(us_ru));
        assert!(!Audience::Party(s("FR")).within(us_ru));
        assert!(us_ru.within(Audience::Public));
        assert!(!us_ru.within(us_fr));
        assert!(!Audience::Public.within(us_ru));
        assert!(!us_ru.within(Audience::Party(s("US"))));
    }

    #[test]
    fn visibility_reads_as_the_scenario_format_writes_it() {
        let v: Visibility = serde_json::from_str(r#"{"internal":"US"}"#).unwrap();
        assert_eq!(v, Visibility::Internal(s("US")));
        let v: Visibility = serde_json::from_str(r#""bilateral""#).unwrap();
        assert_eq!(v, Visibility::Bilateral);
        assert!(serde_json::from_str::<Visibility>(r#""secret""#).is_err());
    }
}
