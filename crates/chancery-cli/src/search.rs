//! `chancery search QUERY`: people, posts, measures, rounds and commitments whose name, in
//! either script or a common transliteration, or whose text matches, best first; `--json`
//! prints what `GET /api/v1/search` answers.

use std::fmt::Write;

use chancery_domain::access::Reader;
use chancery_domain::image::timeline::View;
use chancery_domain::search::{MatchKind, SearchResults};
use chancery_domain::CivilDate;

use crate::error::CliError;

/// `chancery search`'s arguments.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// A name, id or words, in Latin or Cyrillic letters (Салливан finds Sullivan).
    query: String,
    /// The day whose record to search (YYYY-MM-DD); today when omitted.
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
    /// Whose view to search in: `operator` (every act), `public`, `mediator`, or a state's
    /// ministry by its code (e.g. `RU`).
    #[arg(long = "as", default_value = "operator", value_parser = super::parse_reader)]
    reader: Reader,
}

impl SearchArgs {
    pub fn run(&self) -> Result<(), CliError> {
        let chancery = super::open_existing(&self.db)?;
        let view = View::whole_record(self.as_of.unwrap_or_else(chancery_app::today), self.reader);
        let found = chancery
            .image()
            .search(&self.query, view)
            .map_err(|e| CliError::Usage(format!("query: {e}")))?;
        print!("{}", super::output(self.json, &found, text));
        Ok(())
    }
}

/// One line per hit: what it is, its relation, its name (and other scripts), how it matched.
pub fn text(found: &SearchResults) -> String {
    let mut out = String::new();
    if found.hits.is_empty() {
        let _ = writeln!(out, "nothing matches \"{}\"", found.query);
    }
    for h in &found.hits {
        let mut name = h.title.clone();
        if let Some(ru) = h.names.get("ru") {
            let _ = write!(name, " / {ru}");
        }
        let how = match h.matched {
            MatchKind::Exact => "exact",
            MatchKind::Prefix => "start of a word",
            MatchKind::Text => "in its text",
            MatchKind::Transliteration => "another script",
        };
        let _ = write!(
            out,
            "{:<10} {}–{}  {:<40} [{how}]",
            h.kind.as_str(),
            h.a,
            h.b,
            name
        );
        if let Some(m) = &h.matched_text {
            let _ = write!(out, " \"{m}\"");
        }
        let _ = writeln!(out, "  id {}", h.id);
    }
    if found.truncated {
        let _ = writeln!(out, "more matched than are shown: narrow the query");
    }
    out
}
