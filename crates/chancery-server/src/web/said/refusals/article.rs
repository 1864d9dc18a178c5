//! A treaty article as the page's language cites it: "VCDR Art. 36(1)(c)" is, in Russian,
//! «подп. «c» п. 1 ст. 36 ВККС». The domain cites articles in one form: conventions separated
//! by "; ", each "VCDR Art. " or "VCCR Art. " and its articles separated by ", ", each a
//! number with an optional paragraph and subparagraph in parentheses. A citation in another
//! form is kept as cited.

use crate::web::i18n::Lang;
use crate::web::Ctx;

/// `cited` in the page's language.
pub fn article(ctx: &Ctx, cited: &str) -> String {
    if ctx.lang() == Lang::En {
        return cited.to_owned();
    }
    let worded: Option<Vec<String>> = cited
        .split("; ")
        .map(|part| convention(ctx, part))
        .collect();
    worded.map_or_else(|| cited.to_owned(), |parts| parts.join("; "))
}

/// One convention's articles, or `None` when not in the domain's form.
fn convention(ctx: &Ctx, part: &str) -> Option<String> {
    let (which, list) = part.split_once(" Art. ")?;
    let which = match which {
        "VCDR" => "vcdr",
        "VCCR" => "vccr",
        _ => return None,
    };
    let mut worded = Vec::new();
    // Plain numbers next to each other share one "Art.": "Art. 9, 37".
    let mut plain: Vec<&str> = Vec::new();
    let flush = |plain: &mut Vec<&str>, worded: &mut Vec<String>| {
        if !plain.is_empty() {
            worded.push(ctx.t_args("refusal-art", &[("n", plain.join(", ").into())]));
            plain.clear();
        }
    };
    for item in list.split(", ") {
        let (n, rest) = item.split_once('(').unwrap_or((item, ""));
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if rest.is_empty() {
            plain.push(n);
            continue;
        }
        flush(&mut plain, &mut worded);
        let groups: Vec<&str> = rest.trim_end_matches(')').split(")(").collect();
        let numeric = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let said = match groups[..] {
            [p] if numeric(p) => {
                ctx.t_args("refusal-art-paragraph", &[("n", n.into()), ("p", p.into())])
            }
            [s] => ctx.t_args("refusal-art-letter", &[("n", n.into()), ("s", s.into())]),
            [p, s] if numeric(p) => ctx.t_args(
                "refusal-art-subparagraph",
                &[("n", n.into()), ("p", p.into()), ("s", s.into())],
            ),
            _ => return None,
        };
        worded.push(said);
    }
    flush(&mut plain, &mut worded);
    Some(ctx.t_args(
        "refusal-convention",
        &[
            ("convention", which.into()),
            ("articles", worded.join(", ").into()),
        ],
    ))
}
