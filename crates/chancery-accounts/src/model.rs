//! Organisations, roles and users as parsed types: a value of these types is always valid.

use std::fmt;
use std::str::FromStr;

use chancery_domain::{Reader, StateCode};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ParseError {
    pub field: &'static str,
    pub message: String,
}

fn bad(field: &'static str, message: impl Into<String>) -> ParseError {
    ParseError {
        field,
        message: message.into(),
    }
}

/// A lower-case slug naming an organisation or a user: 1–40 of `a-z 0-9 - _ .`, starting with
/// a letter. Kept narrow so names are safe in logs, URLs and HTML without further thought.
fn slug(field: &'static str, s: &str) -> Result<String, ParseError> {
    // The slug alphabet already excludes them; this says why, rather than "must be a-z".
    no_invisible(field, s)?;
    let ok = !s.is_empty()
        && s.len() <= 40
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    if ok {
        Ok(s.to_owned())
    } else {
        Err(bad(
            field,
            format!("`{s}` must be 1 to 40 of a-z, 0-9, '-', '_', '.', starting with a letter"),
        ))
    }
}

/// Characters that change how text around them is shown without being seen themselves:
/// bidirectional overrides and isolates (which can make `admin\u{202e}nimda` read as another
/// name in a log or a list) and zero-width characters (two names that look identical). Refused
/// in every name a person gives, so what an auditor reads is what was stored.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
        | '\u{202A}'..='\u{202E}' // LRE, RLE, PDF, LRO, RLO
        | '\u{2060}' // word joiner
        | '\u{2066}'..='\u{2069}' // LRI, RLI, FSI, PDI
        | '\u{FEFF}') // zero-width no-break space (BOM)
}

/// Refuses a name holding an invisible formatting character, naming the field and where.
fn no_invisible(field: &'static str, s: &str) -> Result<(), ParseError> {
    match s.char_indices().find(|(_, c)| is_invisible_format(*c)) {
        Some((at, c)) => Err(bad(
            field,
            format!(
                "must not contain invisible formatting characters (U+{:04X} at byte {at})",
                u32::from(c)
            ),
        )),
        None => Ok(()),
    }
}

/// Read access to a checked string newtype: the checks live in its `FromStr`.
macro_rules! text_access {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// A name checked by [`slug`], as its own type so the two kinds cannot be swapped; `field`
/// names it in parse errors.
macro_rules! slug_type {
    ($name:ident, $field:literal) => {
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                slug($field, s).map($name)
            }
        }

        text_access!($name);
    };
}

slug_type!(OrgId, "organisation");
slug_type!(Username, "username");

/// What kind of organisation a user belongs to, which decides what its users may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgKind {
    /// A state's ministry: a party to its relations.
    Party(StateCode),
    Mediator,
    Observer,
}

impl OrgKind {
    pub fn reader(self) -> Reader {
        match self {
            OrgKind::Party(s) => Reader::Party(s),
            OrgKind::Mediator => Reader::Mediator,
            OrgKind::Observer => Reader::Public,
        }
    }
}

impl FromStr for OrgKind {
    type Err = ParseError;
    /// `party:US`, `mediator` or `observer`.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        match s {
            "mediator" => Ok(OrgKind::Mediator),
            "observer" => Ok(OrgKind::Observer),
            _ => match s.strip_prefix("party:") {
                Some(code) => code
                    .parse()
                    .map(OrgKind::Party)
                    .map_err(|_| bad("kind", format!("`{code}` is not a state code like US"))),
                None => Err(bad(
                    "kind",
                    format!("`{s}` is not one of party:XX, mediator, observer"),
                )),
            },
        }
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrgKind::Party(s) => write!(f, "party:{s}"),
            OrgKind::Mediator => f.write_str("mediator"),
            OrgKind::Observer => f.write_str("observer"),
        }
    }
}

/// An organisation's display name: 1 to 120 characters, no control characters and no
/// invisible formatting characters ([`is_invisible_format`]), no space at either end. Shown in
/// pages, lists and the audit log, so it must read as what it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct OrgName(String);

pub const MAX_ORG_NAME: usize = 120;

impl FromStr for OrgName {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        const FIELD: &str = "name";
        no_invisible(FIELD, s)?;
        let n = s.chars().count();
        if n == 0 || n > MAX_ORG_NAME {
            return Err(bad(
                FIELD,
                format!("must be 1 to {MAX_ORG_NAME} characters"),
            ));
        }
        if s.chars().any(char::is_control) {
            return Err(bad(FIELD, "must not contain control characters"));
        }
        if s.trim() != s {
            return Err(bad(FIELD, "must not begin or end with a space"));
        }
        Ok(OrgName(s.to_owned()))
    }
}

text_access!(OrgName);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
}

/// A user's role: what they may do within what their organisation may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    /// Records acts of the record (posts, staff, measures ...).
    Editor,
    /// Records talks: rounds, agreements, statements and commitments.
    Negotiator,
    /// Manages the users of their own organisation.
    Administrator,
    /// Reads the audit log, and the journal with its hashes.
    Auditor,
}

pub const ROLES: [Role; 5] = [
    Role::Viewer,
    Role::Editor,
    Role::Negotiator,
    Role::Administrator,
    Role::Auditor,
];

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Negotiator => "negotiator",
            Role::Administrator => "administrator",
            Role::Auditor => "auditor",
        }
    }
}

impl FromStr for Role {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        ROLES.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            bad(
                "role",
                format!("`{s}` is not one of viewer, editor, negotiator, administrator, auditor"),
            )
        })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: Username,
    pub org: Organisation,
    pub role: Role,
    pub disabled: bool,
}

/// What an API token may do: read, or also write with its user's rights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    Read,
    Write,
}

impl FromStr for TokenScope {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        match s {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            _ => Err(bad("scope", format!("`{s}` is not read or write"))),
        }
    }
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_kinds_and_roles_parse_or_name_the_field() {
        assert!("us-mfa".parse::<OrgId>().is_ok());
        for bad in ["", "US", "1abc", "a b", "a<b>", &"a".repeat(41)] {
            let e = bad.parse::<Username>().unwrap_err();
            assert_eq!(e.field, "username", "{bad}");
        }
        assert_eq!(
            "party:US".parse::<OrgKind>().unwrap().to_string(),
            "party:US"
        );
        assert_eq!("party:usa".parse::<OrgKind>().unwrap_err().field, "kind");
        assert_eq!("editor".parse::<Role>().unwrap(), Role::Editor);
        assert_eq!("root".parse::<Role>().unwrap_err().field, "role");
    }

    /// Every bidirectional override or isolate and zero-width character, in a username, an
    /// organisation id and an organisation name: refused, naming the field and the character.
    #[test]
    fn invisible_formatting_characters_are_refused_in_names() {
        let invisible = ('\u{200B}'..='\u{200F}')
            .chain('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}')
            .chain(['\u{FEFF}', '\u{2060}']);
        for c in invisible {
            let name = format!("ad{c}min");
            let e = name.parse::<Username>().unwrap_err();
            assert_eq!(e.field, "username");
            assert!(e.message.contains("invisible"), "{e}");
            assert_eq!(name.parse::<OrgId>().unwrap_err().field, "organisation");
            let e = format!("Ministry {c}of Affairs")
                .parse::<OrgName>()
                .unwrap_err();
            assert_eq!(e.field, "name");
            assert!(
                e.message.contains(&format!("U+{:04X}", u32::from(c))),
                "{e}"
            );
        }
        assert!("Ministry of Foreign Affairs of the Russian Federation"
            .parse::<OrgName>()
            .is_ok());
        assert!("Ministère des Affaires étrangères"
            .parse::<OrgName>()
            .is_ok());
        for bad in ["", " padded", "line\nbreak", &"x".repeat(MAX_ORG_NAME + 1)] {
            assert_eq!(bad.parse::<OrgName>().unwrap_err().field, "name", "{bad:?}");
        }
    }
}
