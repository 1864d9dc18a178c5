//! Russian Cyrillic and Latin spellings of one name, brought to one key so a search finds
//! "Sullivan" when "Салливан" is typed and "Антонов" when "Antonov" is.
//!
//! Standard romanisations disagree on most letters (х: kh in BGN/PCGN and passports, h in
//! ISO 9, x in GOST 7.79 system B; й: y, i or j; ц: ts, c or cz), and names of English origin
//! are not romanised at all but transcribed by ear into Russian (Sullivan = Салливан, Tracy =
//! Трейси, Huntsman = Хантсман): no table maps one spelling onto the other. So both sides are
//! folded to a *skeleton*: the consonants of each word, in one spelling, with doubled letters
//! collapsed and the vowels (where the systems and the ear differ most) reduced to whether the
//! word starts with one. Two spellings of a name share a skeleton; two different names rarely
//! do, and a search ranks a skeleton match below an exact or prefix match of the text itself.
//!
//! The tables are written here (no crate covers matching; the Cyrillic table is BGN/PCGN's,
//! which every other system only respells in ways the skeleton folds away).

/// A Cyrillic letter (lower case) in BGN/PCGN romanisation; `None` for any other character.
/// The hard and soft signs romanise to nothing: the skeleton has no place for them.
fn cyrillic_to_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ґ' => "g",
        _ => return None,
    })
}

/// A Latin letter with a diacritic (lower case) as the plain letters it stands for. The
/// scholarly and ISO 9 letters (č, š, ž, ŝ, û, â) expand to the digraphs the skeleton reads;
/// accents of other languages (é, ü, ñ) are dropped.
fn latin_plain(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' => "c",
        'č' => "ch",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ş' | 'ș' => "s",
        'ŝ' => "shch",
        'š' => "sh",
        'ß' => "ss",
        'ţ' | 'ț' | 'ť' => "t",
        'ù' | 'ú' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'û' => "yu",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' => "z",
        'ž' => "zh",
        _ => return None,
    })
}

/// Lower case, Latin accents dropped, ё read as е: how a name is compared as typed (the exact
/// and prefix matches of a search). Cyrillic stays Cyrillic; anything else stays as it is.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ё' => out.push('е'),
            c => match latin_plain(c) {
                Some(plain) => out.push_str(plain),
                None => out.push(c),
            },
        }
    }
    out
}

/// `s` with its Cyrillic letters in BGN/PCGN romanisation, lower case, accents dropped:
/// "Сергей Лавров" gives "sergey lavrov".
pub fn romanise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        match cyrillic_to_latin(c) {
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// The words of `s` (runs of letters and digits, in either script), each as its skeleton;
/// words without a consonant are left out (their skeleton would match every such word).
pub fn skeletons(s: &str) -> Vec<String> {
    romanise(s)
        .split(|c: char| !c.is_alphanumeric())
        .map(word_skeleton)
        .filter(|k| !k.is_empty() && k != "a")
        .collect()
}

/// The skeleton of one romanised, lower-case word: `'a'` if it starts with a vowel, then its
/// consonants in one spelling (`H` for kh/h/x-as-х, `Z` zh, `S` sh/shch, `C` ch, `J` dzh/j),
/// doubled letters collapsed. Digits are kept, so "G7" is not "G".
pub fn word_skeleton(word: &str) -> String {
    let w: Vec<char> = word.chars().collect();
    let at = |i: usize| w.get(i).copied().unwrap_or(' ');
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut out = String::new();
    // A leading y is the glide of я, ю, е (Yekaterinburg = Екатеринбург), not a letter.
    let mut i = 0;
    while at(i) == 'y' && is_vowel(at(i + 1)) {
        i += 1;
    }
    if is_vowel(at(i)) {
        out.push('a');
    }
    let start = i;
    while i < w.len() {
        let c = w[i];
        let next = at(i + 1);
        let (code, len): (Option<char>, usize) = match c {
            _ if is_vowel(c) => (None, 1),
            's' if next == 'h' && at(i + 2) == 'c' && at(i + 3) == 'h' => (Some('S'), 4),
            's' if next == 'h' => (Some('S'), 2),
            'z' if next == 'h' => (Some('Z'), 2),
            'k' if next == 'h' => (Some('H'), 2),
            // English ch before r, l or "ae" is k (Christopher = Кристофер, Michael = Майкл).
            'c' if next == 'h'
                && (matches!(at(i + 2), 'r' | 'l') || (at(i + 2) == 'a' && at(i + 3) == 'e')) =>
            {
                (Some('k'), 2)
            }
            'c' if next == 'h' => (Some('C'), 2),
            'c' if next == 'k' => (Some('k'), 2),
            // ц: ts in BGN/PCGN and passports, tz in German spellings, cz in GOST 7.79-B; the
            // English ear writes it as s or c (Francisco = Франциско), so it joins s.
            't' if next == 's' || next == 'z' => (Some('s'), 2),
            'c' if next == 'z' => (Some('s'), 2),
            'c' if matches!(next, 'e' | 'i' | 'y') => (Some('s'), 1),
            'c' | 'q' => (Some('k'), 1),
            'x' => (Some('x'), 1),
            'p' if next == 'h' => (Some('f'), 2),
            't' if next == 'h' => (Some('t'), 2),
            'd' if next == 'z' && at(i + 2) == 'h' => (Some('J'), 3),
            'd' if next == 'j' => (Some('J'), 2),
            // j after a vowel is й (Sergej); elsewhere it is the English j of Jon = Джон.
            'j' if i > start && is_vowel(at(i - 1)) => (None, 1),
            'j' => (Some('J'), 1),
            // h begins a word (Huntsman = Хантсман) and is х between vowels (ISO 9's Zaharova);
            // elsewhere it is silent (John = Джон).
            'h' if i == start || (is_vowel(at(i.wrapping_sub(1))) && is_vowel(next)) => {
                (Some('H'), 1)
            }
            'h' => (None, 1),
            'w' => (Some('v'), 1),
            c => (Some(c), 1),
        };
        if let Some(code) = code {
            if code == 'x' {
                push_collapsed(&mut out, 'k');
                push_collapsed(&mut out, 's');
            } else {
                push_collapsed(&mut out, code);
            }
        }
        i += len;
    }
    out
}

/// Appends `c` unless it repeats the last consonant (Sullivan and Салливан both give "slvn";
/// Tefft and Теффт "tft"). The initial-vowel mark `a` is no consonant code, so never merges.
fn push_collapsed(out: &mut String, c: char) {
    if !out.ends_with(c) {
        out.push(c);
    }
}

/// Whether `query` and `name` spell the same words in either script: every word of the query
/// has the skeleton of a word of the name. A query with no skeleton (only vowels, or empty)
/// matches nothing.
pub fn same_name(query: &str, name: &str) -> bool {
    let q = skeletons(query);
    if q.is_empty() {
        return false;
    }
    let n = skeletons(name);
    q.iter().all(|w| n.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAIRS: &[(&str, &str)] = &[
        ("Sullivan", "Салливан"),
        ("Antonov", "Антонов"),
        ("Sergey Lavrov", "Сергей Лавров"),
        ("Sergei Lavrov", "Сергей Лавров"),
        ("Zakharova", "Захарова"),
        ("Nebenzya", "Небензя"),
        ("Nebenzia", "Небензя"),
        ("Darchiev", "Дарчиев"),
        ("Tefft", "Теффт"),
        ("Huntsman", "Хантсман"),
        ("Tracy", "Трейси"),
        ("Kislyak", "Кисляк"),
        ("Vladivostok", "Владивосток"),
        ("Yekaterinburg", "Екатеринбург"),
        ("Ekaterinburg", "Екатеринбург"),
        ("Anatoly Antonov", "Анатолий Антонов"),
        ("Anatolii Antonov", "Анатолий Антонов"),
        ("Anatolij Antonov", "Анатолий Антонов"),
        ("John Sullivan", "Джон Салливан"),
        ("Jon Huntsman", "Джон Хантсман"),
        ("Lynne Tracy", "Линн Трейси"),
        ("Michael McFaul", "Майкл Макфол"),
        ("Moscow", "Москва"),
        ("Washington", "Вашингтон"),
        ("Houston", "Хьюстон"),
        ("Seattle", "Сиэтл"),
        ("San Francisco", "Сан-Франциско"),
        ("Maria Zakharova", "Мария Захарова"),
        ("Zaharova", "Захарова"),
        ("Khrushchev", "Хрущёв"),
        ("Khrushchyov", "Хрущёв"),
        ("Hruščëv", "Хрущёв"),
        ("Tsvetkov", "Цветков"),
        ("Alexander Darchiev", "Александр Дарчиев"),
        ("Aleksandr Darchiev", "Александр Дарчиев"),
        ("Denis Gonchar", "Денис Гончар"),
        ("Jeffrey Sillin", "Джеффри Силлин"),
    ];

    #[test]
    fn both_spellings_of_each_name_share_a_skeleton() {
        for (latin, cyrillic) in PAIRS {
            assert_eq!(
                skeletons(latin),
                skeletons(cyrillic),
                "{latin} / {cyrillic}"
            );
            assert!(same_name(latin, cyrillic), "{latin} finds {cyrillic}");
            assert!(same_name(cyrillic, latin), "{cyrillic} finds {latin}");
        }
    }

    #[test]
    fn different_names_do_not_match() {
        for (a, b) in [
            ("Sullivan", "Антонов"),
            ("Lavrov", "Лавровский"),
            ("Tracy", "Тефт"),
            ("Kislyak", "Кисловодск"),
            ("Antonov", "Антон"),
            ("Rood", "Родс"),
            ("Moscow", "Москвин"),
        ] {
            assert!(!same_name(a, b), "{a} must not find {b}");
        }
    }

    #[test]
    fn a_query_matches_when_each_of_its_words_is_in_the_name() {
        assert!(same_name("Салливан", "John Sullivan"));
        assert!(same_name("antonov", "Anatoly Antonov"));
        assert!(!same_name("Антонов Кисляк", "Anatoly Antonov"));
        // Nothing to match on: no consonant at all.
        assert!(!same_name("ia", "Ia"));
        assert!(!same_name("", "Sullivan"));
    }

    #[test]
    fn folding_ignores_case_and_accents_and_reads_yo_as_ye() {
        assert_eq!(fold("Chargé d'Affaires"), "charge d'affaires");
        assert_eq!(fold("ХРУЩЁВ"), "хрущев");
        assert_eq!(romanise("Сергей Лавров"), "sergey lavrov");
        assert_eq!(romanise("Щёлково"), "shchelkovo");
        assert_eq!(word_skeleton("sullivan"), "slvn");
        assert_eq!(word_skeleton("antonov"), "antnv");
        assert_eq!(word_skeleton("yekaterinburg"), "aktrnbrg");
    }
}
