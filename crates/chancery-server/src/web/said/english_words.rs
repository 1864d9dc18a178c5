//! For the tests of the sentences' wording: the English words of a message file's text, so a
//! test can find one left untranslated in the Russian of the same sentence.

use std::collections::BTreeSet;

/// The words (ASCII letters, three or more) of a Fluent file's message text, outside
/// placeables.
pub fn template_words(file: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for line in file.lines().filter(|l| !l.starts_with('#')) {
        let text = line.split_once(" = ").map_or(line, |(_, v)| v);
        let mut depth = 0u32;
        let mut outside = String::new();
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                // A line may close a selector opened on an earlier one.
                '}' => depth = depth.saturating_sub(1),
                c if depth == 0 => outside.push(c),
                _ => outside.push(' '),
            }
        }
        // A variant's key (`[one]`) is no word of the text.
        let outside = outside.split(']').next_back().unwrap_or("");
        words.extend(latin_words(outside));
    }
    words
}

/// The words of ASCII letters, three or more, lower-cased.
pub fn latin_words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}
