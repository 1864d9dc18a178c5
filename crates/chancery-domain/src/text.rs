//! Free text in acts: which characters are refused, and which names a page should mark.
//!
//! A name is shown to people who decide on it, so what they see must be what is recorded.
//! Bidirectional controls reorder the text around them (`Consulate \u{202e}gnp.exe` displays as
//! "Consulate exe.png"), zero-width characters make two different records look identical, and
//! control characters corrupt terminals and logs. They are refused when an act is read
//! ([`forbidden_char`]). Look-alike letters from another script ("Сonsulate" with a Cyrillic С)
//! are legitimate characters, so they are not refused, only reported for the pages to mark
//! ([`scripts_mixed`]). No tables beyond the few ranges below: the domain takes no dependency for
//! this.

use std::fmt;

/// Why a character is refused in an act's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forbidden {
    /// Reorders the display of the text around it (U+202A–U+202E, U+2066–U+2069, marks).
    Bidi,
    /// Shows nothing, so two different texts look the same (U+200B, U+FEFF ...).
    Invisible,
    /// A C0/C1 control character, or a line break or tab where the field is one line.
    Control,
}

/// A refused character found in a text: what it is and where (1-based character position).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForbiddenChar {
    pub ch: char,
    /// 1-based position in characters, as a person counts along the text.
    pub position: usize,
    pub why: Forbidden,
}

impl fmt::Display for ForbiddenChar {
    /// "contains U+202E RIGHT-TO-LEFT OVERRIDE at character 11, ...; remove it": the field is
    /// named by whoever reports the error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.why {
            Forbidden::Bidi => {
                "an invisible bidirectional control character, \
                 which changes how the text around it is displayed"
            }
            Forbidden::Invisible => {
                "an invisible character, which makes different texts look the same"
            }
            Forbidden::Control if matches!(self.ch, '\n' | '\r' | '\t') => {
                "a line break or tab, which this one-line field may not hold"
            }
            Forbidden::Control => "a control character",
        };
        write!(
            f,
            "contains {} at character {}, {what}; remove it",
            describe(self.ch),
            self.position
        )
    }
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and, for the characters refused here, its
/// Unicode name, so the author can find it with any editor.
pub fn describe(c: char) -> String {
    match name(c) {
        Some(n) => format!("U+{:04X} {n}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "NULL",
        '\t' => "CHARACTER TABULATION",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{1b}' => "ESCAPE",
        '\u{7f}' => "DELETE",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{34f}' => "COMBINING GRAPHEME JOINER",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{115f}' => "HANGUL CHOSEONG FILLER",
        '\u{1160}' => "HANGUL JUNGSEONG FILLER",
        '\u{180e}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3164}' => "HANGUL FILLER",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{ffa0}' => "HALFWIDTH HANGUL FILLER",
        '\u{fff9}' => "INTERLINEAR ANNOTATION ANCHOR",
        '\u{fffa}' => "INTERLINEAR ANNOTATION SEPARATOR",
        '\u{fffb}' => "INTERLINEAR ANNOTATION TERMINATOR",
        '\u{e0000}'..='\u{e007f}' => "TAG",
        '\0'..='\u{1f}' | '\u{80}'..='\u{9f}' => "CONTROL CHARACTER",
        _ => return None,
    })
}

/// Whether `c` is refused in a text, ignoring line breaks and tabs (which the field decides).
fn classify(c: char) -> Option<Forbidden> {
    match c {
        '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Forbidden::Bidi)
        }
        // Zero-width and other characters that display as nothing. U+200C/U+200D are needed by
        // some scripts (Persian, Indic) but not by any name this record holds; if such a name
        // comes, this is the line to revisit.
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{180e}'
        | '\u{ad}'
        | '\u{34f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Some(Forbidden::Invisible),
        // Line and paragraph separators break lines where no one expects them (JavaScript, logs).
        '\u{2028}' | '\u{2029}' => Some(Forbidden::Control),
        c if c.is_control() => Some(Forbidden::Control),
        _ => None,
    }
}

/// The first character of `s` an act may not hold. `multiline` fields (notes, summaries) may
/// hold line feeds, tabs, and a carriage return directly before a line feed (a file saved on
/// Windows); one-line fields (names, identifiers) may not.
pub fn forbidden_char(s: &str, multiline: bool) -> Option<ForbiddenChar> {
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, ch)) = chars.next() {
        let allowed = multiline
            && match ch {
                '\n' | '\t' => true,
                '\r' => matches!(chars.peek(), Some((_, '\n'))),
                _ => false,
            };
        if allowed {
            continue;
        }
        if let Some(why) = classify(ch) {
            return Some(ForbiddenChar {
                ch,
                position: i + 1,
                why,
            });
        }
    }
    None
}

/// The scripts whose letters look alike ("a" Latin, "а" Cyrillic, "α" Greek).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
        }
    }
}

/// The script of a letter, for the three scripts that share look-alikes; `None` for anything
/// else (digits, punctuation, other scripts, combining accents, which belong to their base).
pub fn script_of(c: char) -> Option<Script> {
    match c {
        'A'..='Z'
        | 'a'..='z'
        | '\u{aa}'
        | '\u{ba}'
        | '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{24f}'
        | '\u{250}'..='\u{2af}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2c60}'..='\u{2c7f}'
        | '\u{a720}'..='\u{a7ff}'
        | '\u{ab30}'..='\u{ab6f}'
        | '\u{ff21}'..='\u{ff3a}'
        | '\u{ff41}'..='\u{ff5a}' => Some(Script::Latin),
        '\u{400}'..='\u{52f}'
        | '\u{1c80}'..='\u{1c8f}'
        | '\u{2de0}'..='\u{2dff}'
        | '\u{a640}'..='\u{a69f}' => Some(Script::Cyrillic),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Some(Script::Greek),
        _ => None,
    }
    // The ranges hold a few non-letters (Greek punctuation, Cyrillic combining marks): only
    // letters say which script a word is written in.
    .filter(|_| c.is_alphabetic())
}

/// The words of `s` that mix Latin, Cyrillic or Greek letters, with the scripts each mixes:
/// "Mоscow" with a Cyrillic о. A word is a run of letters, digits and marks; so "Moscow
/// Посольство" (two words, one script each) is not reported, and neither is a name written
/// wholly in one script.
pub fn mixed_script_words(s: &str) -> Vec<(&str, Vec<Script>)> {
    let mut out = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || is_mark(c);
    for word in s.split(|c: char| !is_word(c)).filter(|w| !w.is_empty()) {
        let mut scripts: Vec<Script> = word.chars().filter_map(script_of).collect();
        scripts.sort_unstable();
        scripts.dedup();
        if scripts.len() > 1 {
            out.push((word, scripts));
        }
    }
    out
}

/// Whether some word of `s` mixes Latin, Cyrillic or Greek letters: a page marks such a name,
/// since it may imitate another ("Сonsulate" with a Cyrillic С).
pub fn scripts_mixed(s: &str) -> bool {
    !mixed_script_words(s).is_empty()
}

/// Combining marks a word may carry (an accent typed as a separate code point: "е́").
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}'
            | '\u{483}'..='\u{489}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bidi_controls_and_names_them() {
        let f = forbidden_char("Consulate \u{202e}gnp.exe\u{202c}", false).unwrap();
        assert_eq!((f.ch, f.position, f.why), ('\u{202e}', 11, Forbidden::Bidi));
        assert_eq!(
            f.to_string(),
            "contains U+202E RIGHT-TO-LEFT OVERRIDE at character 11, an invisible bidirectional \
             control character, which changes how the text around it is displayed; remove it"
        );
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        ] {
            let f = forbidden_char(&format!("a{c}b"), true).unwrap();
            assert_eq!((f.ch, f.why), (c, Forbidden::Bidi), "{}", describe(c));
            assert!(name(c).is_some(), "{c:?} has a name");
        }
    }

    #[test]
    fn refuses_invisible_characters() {
        for c in [
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{feff}',
            '\u{180e}',
            '\u{ad}',
            '\u{e0041}',
        ] {
            let f = forbidden_char(&format!("Embassy{c}"), true).unwrap();
            assert_eq!((f.ch, f.position, f.why), (c, 8, Forbidden::Invisible));
            assert!(name(c).is_some(), "{c:?} has a name");
        }
    }

    #[test]
    fn line_breaks_and_tabs_only_in_multiline_fields() {
        for s in ["a\nb", "a\tb", "a\r\nb"] {
            assert_eq!(forbidden_char(s, true), None, "{s:?}");
            let f = forbidden_char(s, false).unwrap();
            assert_eq!(f.why, Forbidden::Control);
            assert!(f.to_string().contains("one-line"), "{f}");
        }
        // A carriage return alone moves the cursor back over what was written.
        let f = forbidden_char("paid\runpaid", true).unwrap();
        assert_eq!(f.ch, '\r');
        for c in [
            '\0', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{2028}',
        ] {
            let f = forbidden_char(&format!("x{c}"), true).unwrap();
            assert_eq!((f.ch, f.why), (c, Forbidden::Control), "{c:?}");
        }
        assert_eq!(describe('\u{1b}'), "U+001B ESCAPE");
        assert_eq!(describe('\u{7}'), "U+0007 CONTROL CHARACTER");
    }

    #[test]
    fn ordinary_text_in_any_script_is_accepted() {
        for s in [
            "US Embassy Moscow",
            "Посольство России в США",
            "Πρεσβεία",
            "Chargé d'affaires a.i. — “quoted”, 5.5 hours; 30%",
            "Zürich · São Paulo · Đà Nẵng",
            "北京",
            "سفارة",
            "non\u{a0}breaking",
        ] {
            assert_eq!(forbidden_char(s, false), None, "{s}");
        }
    }

    #[test]
    fn single_script_names_are_not_flagged() {
        for s in [
            "Посольство России",
            "US Embassy Moscow",
            "Moscow Посольство",
            "Αθήνα",
            "Генконсульство США в Екатеринбурге",
            "Jean-Pierre O'Neil",
            "Ёлкин",
            "Посо\u{301}льство",
            "",
        ] {
            assert!(!scripts_mixed(s), "{s}");
        }
    }

    #[test]
    fn look_alike_letters_inside_a_word_are_flagged() {
        // The Latin-looking С, о and А below are Cyrillic (U+0421, U+043E) and Greek (U+0391).
        assert!(scripts_mixed("\u{421}onsulate"));
        assert!(scripts_mixed("M\u{43e}scow"));
        assert!(scripts_mixed("US Embassy M\u{43e}scow"));
        assert!(scripts_mixed("\u{391}thens"));
        assert_eq!(
            mixed_script_words("Embassy M\u{43e}scow"),
            vec![("M\u{43e}scow", vec![Script::Latin, Script::Cyrillic])]
        );
        // A hyphen or space does not hide a mix inside one of the words.
        assert!(scripts_mixed("Moscow-Embass\u{443}"));
    }
}
