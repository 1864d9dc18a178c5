//! The states an act of talks or a commitment is between.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{RelationKey, StateCode};

/// The two states of one relation, in the order recorded: what an act of talks or a commitment
/// names in `parties`. Acts recorded now must name two different states (the checks refuse
/// anything else, with the rule and the field); a journal written before that rule may hold
/// another list, which is kept as it was (`Recorded`) so that it replays and is filed as it
/// always was, and is never taken for a pair.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Parties {
    Pair([StateCode; 2]),
    Recorded(Vec<StateCode>),
}

impl Parties {
    /// The two states, when they are two different ones.
    pub fn pair(&self) -> Option<(StateCode, StateCode)> {
        match self {
            Parties::Pair([a, b]) => Some((*a, *b)),
            Parties::Recorded(_) => None,
        }
    }

    /// The relation the pair is, when it is one.
    pub fn relation(&self) -> Option<RelationKey> {
        self.pair().map(|(a, b)| RelationKey::new(a, b))
    }

    /// The states as recorded.
    pub fn as_slice(&self) -> &[StateCode] {
        match self {
            Parties::Pair(pair) => pair,
            Parties::Recorded(list) => list,
        }
    }

    pub fn to_vec(&self) -> Vec<StateCode> {
        self.as_slice().to_vec()
    }
}

impl From<Vec<StateCode>> for Parties {
    fn from(list: Vec<StateCode>) -> Self {
        match list[..] {
            [a, b] if a != b => Parties::Pair([a, b]),
            _ => Parties::Recorded(list),
        }
    }
}

/// As the list it is written as, so subjects and messages read as they did.
impl fmt::Debug for Parties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl Serialize for Parties {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Parties {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<StateCode>::deserialize(d).map(Parties::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(s: &str) -> StateCode {
        s.parse().expect("a state code")
    }

    #[test]
    fn two_different_states_are_a_pair_and_anything_else_is_kept_as_recorded() {
        let pair = Parties::from(vec![st("US"), st("RU")]);
        assert_eq!(pair.pair(), Some((st("US"), st("RU"))));
        assert_eq!(pair.relation(), Some(RelationKey::new(st("RU"), st("US"))));
        for list in [
            vec![],
            vec![st("US")],
            vec![st("US"), st("US")],
            vec![st("US"), st("RU"), st("FR")],
        ] {
            let parties = Parties::from(list.clone());
            assert_eq!(parties.pair(), None, "{list:?}");
            assert_eq!(parties.as_slice(), &list[..]);
        }
    }

    #[test]
    fn written_and_read_as_the_list() {
        let pair = Parties::from(vec![st("US"), st("RU")]);
        let json = serde_json::to_value(&pair).expect("serialise");
        assert_eq!(json, serde_json::json!(["US", "RU"]));
        assert_eq!(serde_json::from_value::<Parties>(json).expect("read"), pair);
        assert_eq!(
            format!("{pair:?}"),
            format!("{:?}", vec![st("US"), st("RU")])
        );
    }
}
