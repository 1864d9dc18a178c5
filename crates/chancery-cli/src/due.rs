//! `chancery due`: what needs attention on the day across every relation the reader has
//! alerts in (or one, with `--relation US-RU`), most urgent first, in words; `--json` prints
//! what `GET /api/v1/alerts` answers.

use std::fmt::Write;

use chancery_domain::access::Reader;
use chancery_domain::alerts::{AllAlerts, Severity};
use chancery_domain::image::timeline::View;
use chancery_domain::{CivilDate, StateCode};

/// `chancery due`'s arguments.
#[derive(clap::Args)]
pub struct DueArgs {
    /// Only this relation, as two state codes joined by a hyphen (e.g. US-RU).
    #[arg(long, value_parser = parse_relation)]
    relation: Option<(StateCode, StateCode)>,
    /// The day (YYYY-MM-DD); today when omitted.
    #[arg(long)]
    as_of: Option<CivilDate>,
    /// Print JSON (what the API returns) instead of text.
    #[arg(long)]
    json: bool,
    /// The store: an SQLite file or a postgres:// URL (or CHANCERY_DB).
    #[arg(
        long,
        env = "CHANCERY_DB",
        hide_env_values = true,
        default_value = "chancery.db"
    )]
    db: chancery_app::StoreLocation,
    /// Whose view to answer in: `operator` (every act), `public`, `mediator`, or a state's
    /// ministry by its code (e.g. `RU`).
    #[arg(long = "as", default_value = "operator", value_parser = super::parse_reader)]
    reader: Reader,
}

/// `US-RU` (or `us-ru`, `US/RU`): two different states.
fn parse_relation(s: &str) -> Result<(StateCode, StateCode), String> {
    let (a, b) = s
        .split_once(['-', '/'])
        .ok_or_else(|| format!("`{s}`: expected two state codes joined by a hyphen, e.g. US-RU"))?;
    let code = |c: &str| {
        c.trim()
            .to_ascii_uppercase()
            .parse::<StateCode>()
            .map_err(|e| format!("`{c}`: {e}"))
    };
    let (a, b) = (code(a)?, code(b)?);
    if a == b {
        return Err(format!("`{s}`: a relation needs two different states"));
    }
    Ok((a, b))
}

impl DueArgs {
    pub fn run(&self) -> Result<(), crate::error::CliError> {
        let chancery = super::open_existing(&self.db)?;
        let view = View::whole_record(self.as_of.unwrap_or_else(chancery_app::today), self.reader);
        let image = chancery.image();
        let mut all = image.alerts_all(view);
        if let Some((a, b)) = self.relation {
            image.alerts(a, b, view).map_err(|e| e.to_string())?;
            all.relations
                .retain(|r| (r.a, r.b) == (a, b) || (r.a, r.b) == (b, a));
        }
        print!("{}", super::output(self.json, &all, text));
        Ok(())
    }
}

/// The alerts in words: per relation, most urgent first.
pub fn text(all: &AllAlerts) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Due as of {}", all.as_of);
    if all.relations.is_empty() {
        let _ = writeln!(out, "nothing: no alerts on this day");
    }
    for r in &all.relations {
        let _ = writeln!(out, "\n{}–{} ({} alerts)", r.a, r.b, r.alerts.len());
        for x in &r.alerts {
            let level = match x.severity {
                Severity::Urgent => "URGENT",
                Severity::Warning => "warning",
                Severity::Notice => "notice",
            };
            let _ = writeln!(out, "  {level} · {}: {}", x.kind.heading(), x.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relation_is_two_different_codes() {
        let us: StateCode = "US".parse().unwrap();
        let ru: StateCode = "RU".parse().unwrap();
        assert_eq!(parse_relation("US-RU"), Ok((us, ru)));
        assert_eq!(parse_relation("us/ru"), Ok((us, ru)));
        assert!(parse_relation("US").is_err());
        assert!(parse_relation("US-US").is_err());
    }
}
