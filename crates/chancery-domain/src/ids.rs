//! Identifiers, parsed once at the edge so the rest of the code never re-checks them.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("`{0}` is not an ISO 3166-1 alpha-2 state code (two upper-case letters, e.g. US)")]
    StateCode(String),
    #[error("`{0}` is not a valid identifier: use 1-64 of a-z, 0-9 and '-', starting with a letter or digit")]
    Slug(String),
}

/// An ISO 3166-1 alpha-2 code, e.g. `US`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateCode([u8; 2]);

impl StateCode {
    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for StateCode {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok(StateCode([*a, *b])),
            _ => Err(IdError::StateCode(s.to_owned())),
        }
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StateCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StateCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0] != b'-'
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        /// A slug: 1-64 of `a-z`, `0-9` and `-`. Cheap to clone (shared).
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                if is_slug(s) {
                    Ok($name(Arc::from(s)))
                } else {
                    Err(IdError::Slug(s.to_owned()))
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), &self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

slug_id!(
    /// A post: embassy, consulate, mission to an international organisation or annex.
    PostId
);
slug_id!(
    /// A property used by a post.
    PremisesId
);
slug_id!(
    /// A person on a post's staff.
    MemberId
);
slug_id!(
    /// A measure taken by one state against the other's missions.
    MeasureId
);
slug_id!(
    /// A round of talks.
    RoundId
);
slug_id!(
    /// A commitment made by one or both parties.
    CommitmentId
);
slug_id!(
    /// A case of a state's national arrested, detained, dead or in need in the other state.
    CaseId
);

/// A mission: the missions of `sending` in `host`, as a pair.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize)]
pub struct MissionKey {
    pub sending: StateCode,
    pub host: StateCode,
}

/// An unordered pair of states: a relation.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct RelationKey(StateCode, StateCode);

impl RelationKey {
    pub fn new(a: StateCode, b: StateCode) -> Self {
        if a <= b {
            RelationKey(a, b)
        } else {
            RelationKey(b, a)
        }
    }

    pub fn contains(&self, s: StateCode) -> bool {
        self.0 == s || self.1 == s
    }

    pub fn states(&self) -> (StateCode, StateCode) {
        (self.0, self.1)
    }

    /// The other state of the pair, if `s` is one of them.
    pub fn other(&self, s: StateCode) -> Option<StateCode> {
        if s == self.0 {
            Some(self.1)
        } else if s == self.1 {
            Some(self.0)
        } else {
            None
        }
    }
}

impl fmt::Display for RelationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.0, self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_are_two_upper_case_letters() {
        assert!("US".parse::<StateCode>().is_ok());
        for bad in ["us", "USA", "U", "", "U1"] {
            assert!(bad.parse::<StateCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_are_lower_case_ascii() {
        assert!("us-embassy-moscow".parse::<PostId>().is_ok());
        assert!("r012".parse::<MeasureId>().is_ok());
        for bad in ["", "-x", "Us", "a b", "é", &"a".repeat(65)] {
            assert!(bad.parse::<PostId>().is_err(), "{bad}");
        }
    }

    /// Identifiers are shown raw in pages, URLs and file names, so they must be plain ASCII:
    /// no look-alike letter, invisible or bidirectional character can get into one.
    #[test]
    fn identifiers_refuse_every_non_ascii_character() {
        for bad in [
            "us-embass\u{443}", // Cyrillic у
            "\u{440}012",       // Cyrillic р
            "r01\u{200b}2",     // zero-width space
            "post\u{202e}exe",  // right-to-left override
            "\u{feff}post",     // byte-order mark
            "post\u{ad}",       // soft hyphen
            "\u{ff52}012",      // fullwidth r
            "r\u{663}",         // Arabic-Indic digit three
            "caf\u{e9}",        // é
            "post\n",
        ] {
            assert!(bad.parse::<PostId>().is_err(), "{bad:?}");
            assert!(bad.parse::<MeasureId>().is_err(), "{bad:?}");
        }
        for bad in [
            "U\u{405}",
            "\u{420}U",
            "U\u{200b}",
            "\u{202e}US",
            "\u{ff35}S",
        ] {
            assert!(bad.parse::<StateCode>().is_err(), "{bad:?}");
        }
        // Whatever parses is ASCII, so the checks on free text need not look at identifiers.
        for good in ["us-embassy-moscow", "r012", "0"] {
            assert!(good.parse::<PostId>().unwrap().as_str().is_ascii());
        }
    }

    #[test]
    fn relation_keys_ignore_order() {
        let us: StateCode = "US".parse().unwrap();
        let ru: StateCode = "RU".parse().unwrap();
        assert_eq!(RelationKey::new(us, ru), RelationKey::new(ru, us));
    }
}
