//! Who recorded an act, as the journal's `recorded_by` names it. The text form is the stored
//! one and never changes: `user:NAME@ORG` for a signed-in user, `token:ID/user:NAME@ORG` for an
//! API token, and whatever a tool wrote (`import:FILE`, `seed:us-ru demo`, `generate`) for acts
//! loaded on the operator's authority. Parsing and writing it happen here only.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordedBy {
    User {
        username: String,
        org: String,
    },
    Token {
        id: String,
        username: String,
        org: String,
    },
    /// A token named otherwise than today, with an organisation after the last `@`: kept as
    /// written, and its organisation still counts.
    OtherToken {
        text: String,
        org: String,
    },
    /// A tool on the operator's authority, or any text that names no organisation the way a
    /// user or a token does: kept exactly as it was written.
    Tool(String),
}

impl RecordedBy {
    /// Reads a stored `recorded_by`. Never fails: what is not a user's or a token's form is a
    /// tool's, kept as it is, so writing it back gives the same text.
    pub fn parse(text: &str) -> RecordedBy {
        let tool = || RecordedBy::Tool(text.to_owned());
        // The organisation is after the last `@`: user names may not hold one, but a name from
        // an older store is read the way it always was.
        let Some((who, org)) = text.rsplit_once('@') else {
            return tool();
        };
        let org = org.to_owned();
        if let Some(username) = who.strip_prefix("user:") {
            return RecordedBy::User {
                username: username.to_owned(),
                org,
            };
        }
        let Some(token) = who.strip_prefix("token:") else {
            return tool();
        };
        match token.split_once("/user:") {
            Some((id, username)) => RecordedBy::Token {
                id: id.to_owned(),
                username: username.to_owned(),
                org,
            },
            None => RecordedBy::OtherToken {
                text: text.to_owned(),
                org,
            },
        }
    }

    /// The organisation of the user or token that recorded the act; tools name none.
    pub fn org(&self) -> Option<&str> {
        match self {
            RecordedBy::User { org, .. }
            | RecordedBy::Token { org, .. }
            | RecordedBy::OtherToken { org, .. } => Some(org),
            RecordedBy::Tool(_) => None,
        }
    }
}

impl fmt::Display for RecordedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordedBy::User { username, org } => write!(f, "user:{username}@{org}"),
            RecordedBy::Token { id, username, org } => {
                write!(f, "token:{id}/user:{username}@{org}")
            }
            RecordedBy::OtherToken { text, .. } | RecordedBy::Tool(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RecordedBy;

    #[test]
    fn the_stored_form_reads_back_as_written() {
        for (text, org) in [
            ("user:alice@us-mfa", Some("us-mfa")),
            ("token:7/user:bob@ru-mfa", Some("ru-mfa")),
            ("import:us-ru.toml", None),
            ("seed:us-ru demo", None),
            ("generate", None),
            ("someone@example", None),
            ("token:9 (user:carol@us-mfa)", Some("us-mfa)")),
            ("", None),
        ] {
            let by = RecordedBy::parse(text);
            assert_eq!(by.to_string(), text);
            assert_eq!(by.org(), org, "{text}");
        }
    }
}
