//! Atom 1.0 feeds (RFC 4287), written by hand: a handful of elements, every text escaped for
//! XML. A feed has its id, title, updated, author and links (`self`, and `alternate` to the
//! page); each entry a stable id (a `tag:` URI, RFC 4151, from what the entry is about), a
//! title, updated, a summary and a link to where it is handled. `xml:lang` on the feed says
//! the language its text is in (RFC 4287 §2).

use chancery_domain::CivilDate;

/// The media type feeds are served with.
pub const MEDIA_TYPE: &str = "application/atom+xml; charset=utf-8";

/// The authority and date of every `tag:` URI this software mints: fixed, so ids never change.
const TAG_AUTHORITY: &str = "tag:chancery.invalid,2026:";

/// A stable id: `tag:chancery.invalid,2026:<specific>`. The specific part is escaped to the
/// characters RFC 4151 allows unescaped; everything else as %XX.
pub fn tag_uri(specific: &str) -> String {
    let mut out = String::from(TAG_AUTHORITY);
    for b in specific.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:%".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub struct Feed {
    /// The language of the feed's text (a BCP 47 tag), for `xml:lang`.
    pub lang: &'static str,
    pub id: String,
    pub title: String,
    pub self_link: String,
    pub page_link: String,
    pub updated: CivilDate,
    pub author: String,
    pub entries: Vec<Entry>,
}

pub struct Entry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub link: String,
    pub updated: CivilDate,
}

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 3339 at midnight UTC: alerts are about days.
fn stamp(d: CivilDate) -> String {
    format!("{d}T00:00:00Z")
}

impl Feed {
    pub fn to_xml(&self) -> String {
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
            escape(self.lang)
        ));
        x.push_str(&format!("  <id>{}</id>\n", escape(&self.id)));
        x.push_str(&format!("  <title>{}</title>\n", escape(&self.title)));
        x.push_str(&format!("  <updated>{}</updated>\n", stamp(self.updated)));
        x.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape(&self.author)
        ));
        x.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            escape(&self.self_link)
        ));
        x.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&self.page_link)
        ));
        for e in &self.entries {
            x.push_str("  <entry>\n");
            x.push_str(&format!("    <id>{}</id>\n", escape(&e.id)));
            x.push_str(&format!("    <title>{}</title>\n", escape(&e.title)));
            x.push_str(&format!("    <updated>{}</updated>\n", stamp(e.updated)));
            x.push_str(&format!(
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                escape(&e.link)
            ));
            x.push_str(&format!("    <summary>{}</summary>\n", escape(&e.summary)));
            x.push_str("  </entry>\n");
        }
        x.push_str("</feed>\n");
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn tag_uris_escape_spaces_and_non_ascii() {
        assert_eq!(
            tag_uri("agrement/US-RU/Анна Б"),
            "tag:chancery.invalid,2026:agrement/US-RU/%D0%90%D0%BD%D0%BD%D0%B0%20%D0%91"
        );
    }
}
