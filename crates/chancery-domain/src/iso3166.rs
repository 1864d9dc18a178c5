//! Which two-letter codes name a state: the codes ISO 3166-1 has assigned, plus the range it
//! leaves to users. A state code that is neither is refused where acts come in
//! (`Act::from_json`), with a hint for the usual mistakes (`UK` for `GB`).
//!
//! Provenance: the officially assigned alpha-2 codes as published by the ISO 3166 Maintenance
//! Agency (<https://www.iso.org/iso-3166-country-codes.html>, the Online Browsing Platform),
//! 249 codes; checked against Debian's `iso-codes` 4.15.0 (`iso_3166-1.json`), which follows
//! the Agency's newsletters. A newly assigned code is one more entry in [`ASSIGNED`].

/// The officially assigned ISO 3166-1 alpha-2 codes, sorted (a test keeps them so, so lookups
/// can search by halves).
pub const ASSIGNED: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Codes people write for a state that ISO 3166-1 codes otherwise: reserved codes (the EU's
/// `UK` and `EL`, codes of states that no longer exist) and other common slips. Each hint says
/// which code to use.
const HINTS: &[(&str, &str)] = &[
    (
        "UK",
        "use GB (the United Kingdom; UK is only reserved, at the UK's request)",
    ),
    (
        "EL",
        "use GR (Greece; EL is the European Union's abbreviation)",
    ),
    (
        "SU",
        "use RU (the Soviet Union's code was withdrawn in 1992)",
    ),
    (
        "YU",
        "use RS or ME (Yugoslavia's code was withdrawn in 2003)",
    ),
    (
        "CS",
        "use RS or ME (Serbia and Montenegro's code was withdrawn in 2006)",
    ),
    (
        "DD",
        "use DE (the German Democratic Republic's code was withdrawn in 1990)",
    ),
    ("ZR", "use CD (Zaire's code was withdrawn in 1997)"),
    ("TP", "use TL (East Timor's code was withdrawn in 2002)"),
    ("BU", "use MM (Burma's code was withdrawn in 1989)"),
    (
        "AN",
        "use CW, SX or BQ (the Netherlands Antilles' code was withdrawn in 2011)",
    ),
    (
        "FX",
        "use FR (metropolitan France is not a state of its own)",
    ),
    (
        "EU",
        "the European Union is not a state: record its member states' acts",
    ),
    (
        "UN",
        "the United Nations is not a state: record a mission to it as a post",
    ),
    ("KV", "use XK (Kosovo)"),
    ("KO", "use XK (Kosovo)"),
];

/// Codes ISO 3166-1 leaves to users and will never assign (AA, QM to QZ, XA to XZ, ZZ): a
/// user-assigned code cannot be mistaken for a real state, so a record may use one for an
/// entity the standard does not list. The widely used one is `XK`, Kosovo (used by the European
/// Commission and many ministries); tests and synthetic worlds use `AA` and `ZZ`.
pub fn user_assigned(code: &str) -> bool {
    match code.as_bytes() {
        [b'A', b'A'] | [b'Z', b'Z'] => true,
        [b'Q', second] => (b'M'..=b'Z').contains(second),
        [b'X', second] => second.is_ascii_uppercase(),
        _ => false,
    }
}

/// Whether `code` is assigned by ISO 3166-1 or user-assigned.
pub fn accepted(code: &str) -> bool {
    ASSIGNED.binary_search(&code).is_ok() || user_assigned(code)
}

/// Why `code` is refused as a state code, with a hint where it is a known mistake; `None`
/// when it is accepted.
pub fn refusal(code: &str) -> Option<String> {
    if accepted(code) {
        return None;
    }
    let base = format!("`{code}` is not an ISO 3166-1 alpha-2 code assigned to a state");
    Some(match HINTS.iter().find(|(c, _)| *c == code) {
        Some((_, hint)) => format!("{base}: {hint}"),
        None => format!("{base} (see the ISO 3166 Maintenance Agency's list)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_without_repeats() {
        assert!(ASSIGNED.windows(2).all(|w| w[0] < w[1]));
        assert!(ASSIGNED
            .iter()
            .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn real_states_are_accepted_and_known_mistakes_get_a_hint() {
        for good in [
            "US", "RU", "GB", "GR", "FR", "CH", "SS", "XK", "AA", "ZZ", "QZ",
        ] {
            assert!(accepted(good), "{good}");
        }
        let uk = refusal("UK").unwrap();
        assert!(uk.contains("use GB"), "{uk}");
        assert!(refusal("EL").unwrap().contains("use GR"));
        for bad in ["AB", "QA1", "QL", "OO", "SU", "EU"] {
            assert!(refusal(bad).is_some(), "{bad}");
        }
        // Every hint is for a code that is refused, and points to codes that are accepted.
        for (code, hint) in HINTS {
            assert!(!accepted(code), "{code}");
            assert!(
                hint.contains("use ") || hint.contains("not a state"),
                "{code}"
            );
        }
    }
}
