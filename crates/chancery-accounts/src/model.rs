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

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct OrgId(String);

impl FromStr for OrgId {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        slug("organisation", s).map(OrgId)
    }
}

impl OrgId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl FromStr for Username {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        slug("username", s).map(Username)
    }
}

impl Username {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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
}
