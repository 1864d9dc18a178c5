//! Names in more than one script: a person's, a post's or a place's name as written in the
//! languages of the relation (`names = { ru = "Сергей Лавров" }` beside `Sergey Lavrov`), and
//! the transliteration that lets a search find a name whichever script it is typed in
//! ([`translit`]).

mod recorded;
pub mod translit;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// At most this many other-language names on one thing: a relation has two languages, a
/// state a few official ones.
pub const MAX_NAMES: usize = 8;

/// A language tag as BCP 47 writes it (`ru`, `en`, `sr-Latn`, `zh-Hans`): a primary language
/// of two or three letters, then subtags of one to eight letters or digits. Kept as written in
/// lower case but for the script (title case) and region (upper case), as BCP 47 recommends,
/// so `RU` and `ru` are one key. Private-use and grandfathered tags are not accepted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "ru"))]
pub struct LangTag(String);

impl LangTag {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LangTag {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "`{s}` is not a language tag: write a BCP 47 tag such as `ru`, `en` or `sr-Latn`"
            )
        };
        let mut parts = s.split('-');
        let primary = parts.next().unwrap_or_default();
        if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad());
        }
        let mut out = primary.to_ascii_lowercase();
        for part in parts {
            if !(1..=8).contains(&part.len()) || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(bad());
            }
            out.push('-');
            let is_letters = part.chars().all(|c| c.is_ascii_alphabetic());
            match part.len() {
                // A script (Latn, Cyrl): title case.
                4 if is_letters => {
                    let (first, rest) = part.split_at(1);
                    out.push_str(&first.to_ascii_uppercase());
                    out.push_str(&rest.to_ascii_lowercase());
                }
                // A region (RU, US): upper case.
                2 if is_letters => out.push_str(&part.to_ascii_uppercase()),
                _ => out.push_str(&part.to_ascii_lowercase()),
            }
        }
        Ok(LangTag(out))
    }
}

impl<'de> Deserialize<'de> for LangTag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A name in other languages than the one it is recorded in, by language tag. The length and
/// characters of each are checked with the act's other names (`TextLimit::NAME`); here, that
/// none is blank and that there are at most [`MAX_NAMES`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, String>, example = json!({"ru": "Сергей Лавров"})))]
pub struct Names(BTreeMap<LangTag, String>);

impl Names {
    pub const fn empty() -> Names {
        Names(BTreeMap::new())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The name in `lang`, if recorded (an exact tag: `ru`, not `ru-RU`).
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(tag, _)| tag.as_str() == lang)
            .map(|(_, name)| name.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&LangTag, &str)> {
        self.0.iter().map(|(tag, name)| (tag, name.as_str()))
    }

    /// Every recorded spelling but the main one, in tag order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }

    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Names, String> {
        let mut map = BTreeMap::new();
        for (tag, name) in pairs {
            map.insert(tag.parse()?, name.to_owned());
        }
        Names::checked(map)
    }

    fn checked(map: BTreeMap<LangTag, String>) -> Result<Names, String> {
        if map.len() > MAX_NAMES {
            return Err(format!(
                "gives {} names; at most {MAX_NAMES} languages are allowed",
                map.len()
            ));
        }
        if let Some((tag, _)) = map.iter().find(|(_, n)| n.trim().is_empty()) {
            return Err(format!(
                "the `{tag}` name is blank: give the name or leave it out"
            ));
        }
        Ok(Names(map))
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<LangTag, String>::deserialize(d)?;
        Names::checked(map).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_read_in_their_canonical_case() {
        for (given, canonical) in [
            ("ru", "ru"),
            ("RU", "ru"),
            ("sr-latn", "sr-Latn"),
            ("zh-Hans-cn", "zh-Hans-CN"),
            ("en-US", "en-US"),
            ("ast", "ast"),
        ] {
            assert_eq!(given.parse::<LangTag>().unwrap().as_str(), canonical);
        }
        for bad in [
            "",
            "r",
            "russian",
            "ru_RU",
            "ru-",
            "ru-toolongsubtag",
            "рус",
        ] {
            assert!(bad.parse::<LangTag>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_refuse_blanks_bad_tags_and_too_many() {
        let ok: Names = serde_json::from_str(r#"{"ru": "Сергей Лавров"}"#).unwrap();
        assert_eq!(ok.get("ru"), Some("Сергей Лавров"));
        let e = serde_json::from_str::<Names>(r#"{"ru": "  "}"#).unwrap_err();
        assert!(e.to_string().contains("blank"), "{e}");
        let e = serde_json::from_str::<Names>(r#"{"russian": "Лавров"}"#).unwrap_err();
        assert!(e.to_string().contains("language tag"), "{e}");
        let many: BTreeMap<String, String> = ["ru", "en", "fr", "de", "es", "it", "pt", "nl", "pl"]
            .iter()
            .map(|t| ((*t).to_owned(), "x".to_owned()))
            .collect();
        let e = serde_json::from_value::<Names>(serde_json::to_value(many).unwrap()).unwrap_err();
        assert!(e.to_string().contains("at most 8"), "{e}");
        // Two spellings of one tag are one key: the later wins, as in any map.
        let n = Names::from_pairs([("RU", "a"), ("ru", "b")]).unwrap();
        assert_eq!(n.iter().count(), 1);
    }
}
