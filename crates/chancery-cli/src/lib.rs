//! The `chancery` binary's commands other than `serve`: the operator's tools (accounts,
//! import, export, verify, generate) and questions about a relation. Thin: each command parses
//! its arguments and calls the application core (`chancery-app`); no HTTP, HTML or chart code
//! is linked here. The binary itself lives with the server, which adds `serve`.

pub mod accounts;
mod alerts;
mod consular;
mod due;
mod export_data;
mod render;

use std::path::{Path, PathBuf};

use chancery_app::Chancery;
use chancery_domain::access::Reader;
use chancery_domain::image::timeline::View;
use chancery_domain::reciprocity::parity::{Definition, StaffDefinition};
use chancery_domain::scenario::Scenario;
use chancery_domain::{CivilDate, Image, StateCode};
use chancery_generate::{generate, WorldSpec};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Command {
    /// Organisations (a state's ministry, a mediator, an observer).
    Org {
        #[command(subcommand)]
        cmd: accounts::OrgCommand,
        #[arg(long, default_value = "chancery.db", global = true)]
        db: PathBuf,
    },
    /// Users: add (prints a one-time password), list, disable.
    User {
        #[command(subcommand)]
        cmd: accounts::UserCommand,
        #[arg(long, default_value = "chancery.db", global = true)]
        db: PathBuf,
    },
    /// API tokens for scripts: add (printed once), list, revoke.
    Token {
        #[command(subcommand)]
        cmd: accounts::TokenCommand,
        #[arg(long, default_value = "chancery.db", global = true)]
        db: PathBuf,
    },
    /// Import a scenario file: every act is recorded, or none if any is refused.
    Import {
        file: PathBuf,
        #[arg(long, default_value = "chancery.db")]
        db: PathBuf,
    },
    /// Write a relation's history as a scenario file (to stdout unless --out).
    Export {
        a: StateCode,
        b: StateCode,
        #[arg(long, default_value = "chancery.db")]
        db: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A relation's data as CSV or JSON (measures, acts, presence, parity, index, events).
    Data(export_data::DataCommand),
    /// Show both sides' presence in a relation as of a date.
    State(RelationQuery),
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
        db: PathBuf,
    },
    /// Recompute every hash of the journal and check the chain.
    Verify {
        #[arg(long, default_value = "chancery.db")]
        db: PathBuf,
        /// A head printed by an earlier `verify` (SEQ:HEX), kept where the store's host cannot
        /// rewrite it: also checks that the journal still holds that entry unchanged, which
        /// catches entries removed from the end.
        #[arg(long, value_name = "SEQ:HEX")]
        expect_head: Option<String>,
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
    /// The store: an SQLite file.
    #[arg(long, default_value = "chancery.db")]
    db: PathBuf,
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
        question: impl FnOnce(&Image, View) -> Result<String, Box<dyn std::error::Error>>,
    ) -> Result<(), String> {
        let chancery = open_existing(&self.db)?;
        // The operator holds the store file itself: by default questions see every act.
        let view = View::whole_record(self.as_of.unwrap_or_else(chancery_app::today), self.reader);
        let text = question(&chancery.image(), view).map_err(|e| e.to_string())?;
        print!("{text}");
        Ok(())
    }
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
fn open_existing(db: &Path) -> Result<Chancery, String> {
    if !db.exists() {
        return Err(format!(
            "{}: no store there (create one with `chancery serve` or `chancery import`)",
            db.display()
        ));
    }
    open(db, false)
}

/// Opens (or creates) the store at `db`; the error names it.
pub fn open(db: &Path, seed_demo: bool) -> Result<Chancery, String> {
    Chancery::open(db, seed_demo).map_err(|e| format!("{}: {e}", db.display()))
}

/// Runs one command to its end; the error is the message for the user.
pub fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Org { cmd, db } => accounts::org(&db, cmd),
        Command::User { cmd, db } => accounts::user(&db, cmd),
        Command::Token { cmd, db } => accounts::token(&db, cmd),
        Command::Import { file, db } => {
            let size = std::fs::metadata(&file)
                .map_err(|e| format!("{}: {e}", file.display()))?
                .len();
            if size > chancery_domain::scenario::MAX_FILE_BYTES as u64 {
                return Err(format!(
                    "{}: {size} bytes, more than a scenario file may hold ({} bytes); split it",
                    file.display(),
                    chancery_domain::scenario::MAX_FILE_BYTES
                ));
            }
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let parsed = Scenario::parse_with_warnings(&text)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            for warning in &parsed.warnings {
                eprintln!("chancery: warning: {}: {warning}", file.display());
            }
            let scenario = parsed.scenario;
            let chancery = open(&db, false)?;
            let by = format!(
                "import:{}",
                file.file_name()
                    .map_or("scenario".into(), |n| n.to_string_lossy())
            );
            let n = chancery
                .import(&scenario, &by)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            println!(
                "imported {n} acts from {} into {}",
                file.display(),
                db.display()
            );
            Ok(())
        }
        Command::Export { a, b, db, out } => {
            let chancery = open_existing(&db)?;
            let text = chancery.export(a, b).map_err(|e| e.to_string())?;
            match out {
                Some(path) => {
                    write_private(&path, &text).map_err(|e| format!("{}: {e}", path.display()))
                }
                None => {
                    print!("{text}");
                    Ok(())
                }
            }
        }
        Command::Data(c) => export_data::run(c),
        Command::State(q) => q.answer(|image, view| {
            let p = image.presence(q.a, q.b, view)?;
            Ok(output(q.json, &p, render::presence))
        }),
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
        Command::Alerts(q) => q.answer(|image, view| {
            let a = image.alerts(q.a, q.b, view)?;
            Ok(output(q.json, &a, alerts::alerts))
        }),
        Command::Generate {
            states,
            years,
            seed,
            db,
        } => {
            let chancery = open(&db, false)?;
            if chancery.image().last_seq() != 0 {
                return Err(format!("{}: generate needs an empty store", db.display()));
            }
            let spec = WorldSpec {
                states,
                years,
                seed,
                start_year: 1995,
            };
            let started = std::time::Instant::now();
            let n = chancery
                .record_all(generate(&spec), "generate", 20_000)
                .map_err(|e| e.to_string())?;
            println!("generated {n} acts for {states} states over {years} years (seed {seed}) into {} in {:.1?}", db.display(), started.elapsed());
            Ok(())
        }
        Command::Verify { db, expect_head } => {
            let chancery = open_existing(&db)?;
            let journal = chancery.journal();
            let report = match expect_head {
                Some(head) => {
                    let anchor = parse_head(&head)?;
                    journal.verify_against(anchor)
                }
                None => journal.verify(),
            }
            .map_err(|e| e.to_string())?;
            if report.is_intact() {
                println!("{}: {report}", db.display());
                if let Some((seq, hash)) = report.head {
                    println!(
                        "  head {seq}:{}: keep it where the store's host cannot rewrite it and pass it as --expect-head later; verify alone cannot see entries removed from the end",
                        chancery_journal::to_hex(&hash)
                    );
                }
                Ok(())
            } else {
                Err(format!("{}: {report}", db.display()))
            }
        }
    }
}

/// `SEQ:HEX`, as `verify` prints a head.
fn parse_head(text: &str) -> Result<(u64, [u8; 32]), String> {
    let bad =
        || format!("--expect-head: `{text}` is not SEQ:HEX (a number, a colon, 64 hex digits)");
    let (seq, hex) = text.split_once(':').ok_or_else(bad)?;
    let seq = seq
        .trim_start_matches('#')
        .parse::<u64>()
        .map_err(|_| bad())?;
    let hash = chancery_journal::from_hex(hex).ok_or_else(bad)?;
    Ok((seq, hash))
}

/// Writes an export readable by its owner only (it holds every act, internal ones included,
/// whatever the umask), whole or not at all: written beside the target, synced, then renamed
/// over it.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
