//! The `chancery` binary's commands other than `serve`: the operator's tools (accounts,
//! import, export, verify, generate) and questions about a relation. Thin: each command parses
//! its arguments and calls the application core (`chancery-app`); no HTTP, HTML or chart code
//! is linked here. The binary itself lives with the server, which adds `serve`.

pub mod accounts;
mod alerts;
mod consular;
pub mod docs;
mod due;
mod error;
mod export_data;
mod measures;
pub mod migrate;
mod migrate_accounts;
mod operator;
mod progress;
mod render;
mod search;

use std::path::PathBuf;

use chancery_app::Chancery;
use chancery_domain::access::Reader;
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::parity::{Definition, StaffDefinition};
use chancery_domain::{CivilDate, Image, StateCode};
use chancery_generate::WorldSpec;
use clap::Subcommand;

pub use error::{CliError, Exit};

#[derive(Subcommand)]
pub enum Command {
    /// Organisations (a state's ministry, a mediator, an observer).
    Org {
        #[command(subcommand)]
        cmd: accounts::OrgCommand,
        #[arg(
            long,
            env = "CHANCERY_DB",
            hide_env_values = true,
            default_value = "chancery.db",
            global = true
        )]
        db: chancery_app::StoreLocation,
    },
    /// Users: add (prints a one-time password), list, disable.
    User {
        #[command(subcommand)]
        cmd: accounts::UserCommand,
        #[arg(
            long,
            env = "CHANCERY_DB",
            hide_env_values = true,
            default_value = "chancery.db",
            global = true
        )]
        db: chancery_app::StoreLocation,
    },
    /// API tokens for scripts: add (printed once), list, revoke.
    Token {
        #[command(subcommand)]
        cmd: accounts::TokenCommand,
        #[arg(
            long,
            env = "CHANCERY_DB",
            hide_env_values = true,
            default_value = "chancery.db",
            global = true
        )]
        db: chancery_app::StoreLocation,
    },
    /// Import a scenario file: every act is recorded, or none if any is refused.
    Import {
        file: PathBuf,
        #[arg(
            long,
            env = "CHANCERY_DB",
            hide_env_values = true,
            default_value = "chancery.db"
        )]
        db: chancery_app::StoreLocation,
    },
    /// Write a relation's history as a scenario file (to stdout unless --out).
    Export {
        a: StateCode,
        b: StateCode,
        #[arg(
            long,
            env = "CHANCERY_DB",
            hide_env_values = true,
            default_value = "chancery.db"
        )]
        db: chancery_app::StoreLocation,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A relation's data as CSV or JSON (measures, acts, presence, parity, index, events).
    Data(export_data::DataCommand),
    /// Show both sides' presence in a relation as of a date.
    State(RelationQuery),
    /// Both sides' measures taken by a date (or only those in force), with their status.
    Measures(measures::MeasuresArgs),
    /// Parity by dimension: who is stricter on what, with the measures and reports behind it.
    Parity {
        #[command(flatten)]
        query: RelationQuery,
        /// Which staff count: all (local hires included) or diplomatic.
        #[arg(long, default_value = "all")]
        staff: StaffDefinition,
        /// Leave missions to international organisations out of the staff count.
        #[arg(long)]
        exclude_io: bool,
    },
    /// The normalisation roadmap: measures in force unwound as reciprocal steps.
    Roadmap(RelationQuery),
    /// Escalation chains: measures linked by what they answer, and how much is still in force.
    Chains(RelationQuery),
    /// Rounds of talks and commitments, with where each commitment stands on a date.
    Talks(RelationQuery),
    /// Consular work: each post's services, its capacity and waits, nationals' cases, and the
    /// M/M/c simulator.
    Consular {
        #[command(subcommand)]
        cmd: consular::ConsularCommand,
    },
    /// What needs attention on the day, most urgent first (consular clocks overdue or due).
    Alerts(RelationQuery),
    /// Alerts across every relation (or `--relation US-RU`), most urgent first, in words.
    Due(due::DueArgs),
    /// Find people, posts, measures, rounds and commitments by name in either script, or by
    /// their text.
    Search(search::SearchArgs),
    /// Fill an empty store with a deterministic synthetic world, for scale tests.
    Generate {
        /// How many states (2 to 291: the codes ISO 3166-1 assigns or leaves to users, AA..ZZ).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(2..=291))]
        states: u16,
        /// How many years of history (1 to 500).
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=500))]
        years: u16,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value = "world.db")]
        db: chancery_app::StoreLocation,
    },
    /// Copy a store into an empty one (a SQLite file into PostgreSQL, say): its accounts
    /// (organisations, users, API tokens, trusted browsers, settings, the audit log) with their
    /// ids, in one transaction, and its journal entry for entry; then verify the accounts table
    /// by table and the audit log row for row, and the journal's chain end to end against the
    /// source's head. Sessions are not copied: users sign in again on the new store.
    MigrateStore {
        /// The store to copy: a SQLite file or a postgres:// URL (stop every server on it first).
        #[arg(long)]
        from: chancery_app::StoreLocation,
        /// The empty store to copy into: a new file or a postgres:// URL.
        #[arg(long)]
        to: chancery_app::StoreLocation,
        /// Print JSON: entries copied, the head, and the accounts' rows copied per table.
        #[arg(long)]
        json: bool,
    },
    /// Recompute every hash of the journal and check the chain.
    Verify {
        #[arg(
            long,
            env = "CHANCERY_DB",
            hide_env_values = true,
            default_value = "chancery.db"
        )]
        db: chancery_app::StoreLocation,
        /// A head printed by an earlier `verify` (SEQ:HEX), kept where the store's host cannot
        /// rewrite it: also checks that the journal still holds that entry unchanged, which
        /// catches entries removed from the end.
        #[arg(long, value_name = "SEQ:HEX")]
        expect_head: Option<String>,
        /// Print JSON instead of text: entries, head, intact, first_break.
        #[arg(long)]
        json: bool,
    },
}

/// What every question about a relation takes.
#[derive(clap::Args)]
pub struct RelationQuery {
    /// One state of the relation (ISO 3166-1 alpha-2, e.g. US).
    a: StateCode,
    /// The other state (e.g. RU).
    b: StateCode,
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
    /// Whose view to answer in: `operator` (every act: whoever holds the store file holds them
    /// all), `public`, `mediator`, or a state's ministry by its code (e.g. `RU`), to see what
    /// that reader would see before sending it anything.
    #[arg(long = "as", default_value = "operator", value_parser = parse_reader)]
    reader: Reader,
}

/// `--as`: a reader of the record.
pub(crate) fn parse_reader(s: &str) -> Result<Reader, String> {
    match s {
        "operator" => Ok(Reader::Rules),
        "public" => Ok(Reader::Public),
        "mediator" => Ok(Reader::Mediator),
        code => code.parse::<StateCode>().map(Reader::Party).map_err(|e| {
            format!("`{code}`: expected operator, public, mediator or a state's code ({e})")
        }),
    }
}

impl RelationQuery {
    /// Opens the store, asks `question` as of the date, prints the answer.
    fn answer(
        &self,
        question: impl FnOnce(&Image, View) -> Result<String, CliError>,
    ) -> Result<(), CliError> {
        let chancery = open_existing(&self.db)?;
        // The operator holds the store file itself: by default questions see every act.
        let view = View::whole_record(self.as_of.unwrap_or_else(chancery_app::today), self.reader);
        let text = question(&chancery.image(), view)?;
        print!("{text}");
        Ok(())
    }
}

fn json_of<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    json(value)
}

/// One JSON document, pretty, as every `--json` prints it.
fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value).map_err(|e| CliError::Internal(format!("JSON: {e}")))
}

/// JSON (pretty, with a final newline) or the text rendering.
fn output<T: serde::Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> String {
    if json {
        serde_json::to_string_pretty(value).map_or_else(|e| e.to_string(), |s| s + "\n")
    } else {
        text(value)
    }
}

/// Opens an existing store for a question: a mistyped path must not create an empty store.
fn open_existing(db: &chancery_app::StoreLocation) -> Result<Chancery, CliError> {
    if !db.exists() {
        return Err(CliError::NotFound(format!(
            "{}: no store there (create one with `chancery serve` or `chancery import`)",
            db.display()
        )));
    }
    open(db, false)
}

/// Opens (or creates) the store at `db`; the error names it.
pub fn open(db: &chancery_app::StoreLocation, seed_demo: bool) -> Result<Chancery, CliError> {
    // Before the journal is opened, which would seed the demo into an empty one.
    if let Some(marker) = migrate_accounts::unfinished_copy_at(db) {
        return Err(CliError::Broken(format!(
            "{db}: this store is a copy that did not finish ({marker}): it is not the record; {}",
            migrate_accounts::discard_advice(db)
        )));
    }
    Chancery::open(db, seed_demo).map_err(|e| CliError::service(db.display(), e))
}

/// Runs one command to its end; the error carries the message for the user and the exit
/// code (see [`Exit`]).
pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Org { cmd, db } => accounts::org(&db, cmd),
        Command::User { cmd, db } => accounts::user(&db, cmd),
        Command::Token { cmd, db } => accounts::token(&db, cmd),
        Command::MigrateStore { from, to, json } => {
            let migrated = migrate::migrate_store(&from, &to)?;
            if json {
                println!("{}", json_of(&migrated)?);
            } else {
                print!("{}", migrate::summary(&from, &to, &migrated));
            }
            Ok(())
        }
        Command::Import { file, db } => operator::import(&file, &db),
        Command::Export { a, b, db, out } => operator::export(a, b, &db, out.as_deref()),
        Command::Data(c) => export_data::run(c),
        Command::State(q) => q.answer(|image, view| {
            let p = image.presence(q.a, q.b, view)?;
            Ok(output(q.json, &p, render::presence))
        }),
        Command::Measures(args) => measures::run(&args),
        Command::Parity {
            query: q,
            staff,
            exclude_io,
        } => q.answer(|image, view| {
            let def = Definition {
                staff,
                include_io: !exclude_io,
            };
            let p = image.parity(q.a, q.b, view, &def)?;
            Ok(output(q.json, &p, render::parity))
        }),
        Command::Roadmap(q) => q.answer(|image, view| {
            let r = image.roadmap(q.a, q.b, view, &Definition::default())?;
            Ok(output(q.json, &r, render::roadmap))
        }),
        Command::Chains(q) => q.answer(|image, view| {
            let chains = image.chains(q.a, q.b, view)?;
            Ok(output(q.json, &chains, |c| render::chains(view.as_of, c)))
        }),
        Command::Talks(q) => q.answer(|image, view| {
            let talks = image.talks(q.a, q.b, view)?;
            let commitments = image.commitments(q.a, q.b, view)?;
            let both = serde_json::json!({ "talks": talks, "commitments": commitments });
            Ok(output(q.json, &both, |_| {
                render::talks(view.as_of, &talks, &commitments)
            }))
        }),
        Command::Consular { cmd } => consular::run(cmd),
        Command::Due(d) => d.run(),
        Command::Search(s) => s.run(),
        Command::Alerts(q) => q.answer(|image, view| {
            let a = image.alerts(q.a, q.b, view)?;
            Ok(output(q.json, &a, alerts::alerts))
        }),
        Command::Generate {
            states,
            years,
            seed,
            db,
        } => operator::generate(
            &WorldSpec {
                states,
                years,
                seed,
                start_year: 1995,
            },
            &db,
        ),
        Command::Verify {
            db,
            expect_head,
            json,
        } => operator::verify(&db, expect_head.as_deref(), json),
    }
}
