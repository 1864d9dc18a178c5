//! The operator's tools on the store itself: import, export, generate and verify. Each can run
//! for long on a large store, so each draws a progress bar when stderr is a terminal.

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chancery_app::import::acts_file::{ActsCsv, ImportFormat};
use chancery_app::import::ImportStage;
use chancery_app::{Chancery, ServiceError};
use chancery_domain::scenario::{Scenario, ScenarioError, MAX_FILE_BYTES};
use chancery_domain::StateCode;
use chancery_generate::{generate as world, WorldSpec};
use chancery_journal::JournalError;

use crate::error::CliError;
use crate::progress::{Generating, Progress};
use crate::{open, open_existing};

/// `chancery import FILE`: every act is recorded, or none. A scenario file (TOML) is read
/// whole, within its size bound; the acts export (CSV) is read a row at a time, of any size.
pub fn import(file: &Path, db: &chancery_app::StoreLocation) -> Result<(), CliError> {
    let io = |e: std::io::Error| CliError::io(file.display(), &e);
    let mut opened = std::fs::File::open(file).map_err(io)?;
    let size = opened.metadata().map_err(io)?.len();
    let mut start = [0u8; 64];
    let read = read_start(&mut opened, &mut start).map_err(io)?;
    let by = format!(
        "import:{}",
        file.file_name()
            .map_or("scenario".into(), |n| n.to_string_lossy())
    );
    let refused = |e: ScenarioError| CliError::Refused(format!("{}: {e}", file.display()));
    let n = match ImportFormat::sniff(&start[..read]) {
        ImportFormat::Scenario => import_scenario(file, size, db, &by)?,
        ImportFormat::ActsCsv => {
            opened.seek(SeekFrom::Start(0)).map_err(io)?;
            let chancery = open(db, false)?;
            let bar = Progress::start("reading, checking");
            let counted = Counted::new(BufReader::with_capacity(1 << 16, opened));
            let bytes = counted.counter();
            let mut rows = ActsCsv::new(counted).map_err(refused)?;
            let mut count = 0u64;
            let mut acts = std::iter::from_fn(|| {
                let row = rows.next();
                count += 1;
                if count.is_multiple_of(4096) || row.is_none() {
                    bar.update(bytes.get(), size);
                }
                row
            });
            let committing = |stage: ImportStage| match stage {
                ImportStage::Committing { acts } => bar.committing(acts),
            };
            let head = chancery.journal().committed_seq();
            let imported = chancery.import_acts(&mut acts, &by, &committing);
            settle(imported, file, &chancery, &by, head)?
        }
    };
    println!(
        "imported {n} acts from {} into {}",
        file.display(),
        db.display()
    );
    Ok(())
}

/// An import's outcome, in the operator's terms. When the store stopped answering, the
/// journal cannot say whether a commit under way landed; once the store answers again, the
/// record can: the import's acts (recorded by `by`) follow `head` or they do not.
fn settle(
    imported: Result<usize, ServiceError>,
    file: &Path,
    chancery: &Chancery,
    by: &str,
    head: u64,
) -> Result<usize, CliError> {
    let e = match imported {
        Ok(n) => return Ok(n),
        Err(ServiceError::Journal(j)) if j.is_unavailable() => j,
        Err(e) => return Err(CliError::service(file.display(), e)),
    };
    // The store's own words ("… unreachable: connection closed"), without the journal's,
    // which are a server's ("writes resume once it answers").
    let cause = match &e {
        JournalError::Unavailable(store) => store.to_string(),
        other => other.to_string(),
    };
    let file = file.display();
    match landed(chancery, by, head) {
        Some(0) => Err(CliError::Busy(format!(
            "{file}: the store stopped answering during the import, and nothing of it was \
             stored; run the import again ({cause})"
        ))),
        Some(n) => {
            eprintln!(
                "chancery: the store stopped answering as the import was committed ({cause}); \
                 it answers again, and the import is in the record"
            );
            Ok(n)
        }
        None => Err(CliError::Busy(format!(
            "{file}: the store stopped answering during the import ({cause}); whether its \
             commit landed is not known: once the store answers, see whether entries after \
             #{head} are recorded by `{by}` (`chancery verify` gives the head) before running \
             it again"
        ))),
    }
}

/// How many entries after `head` were recorded by `by`, read once the store answers (asked
/// for up to 15 s); `None` if it does not.
fn landed(chancery: &Chancery, by: &str, head: u64) -> Option<usize> {
    const PAGE: usize = 4096;
    for _ in 0..30 {
        let mut after = head;
        let mut count = 0;
        let read = loop {
            match chancery.journal().read(after, PAGE) {
                Ok(page) if page.is_empty() => break Ok(count),
                Ok(page) => {
                    count += page.iter().filter(|e| e.recorded_by == by).count();
                    after = page.last().map_or(after, |e| e.seq);
                }
                Err(e) => break Err(e),
            }
        };
        match read {
            Ok(count) => return Some(count),
            Err(e) if e.is_unavailable() => std::thread::sleep(Duration::from_millis(500)),
            Err(_) => return None,
        }
    }
    None
}

/// Up to `buf.len()` bytes from the start of the file, to tell its format.
fn read_start(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A scenario file: read whole (TOML has no streaming reader), so bounded in size.
fn import_scenario(
    file: &Path,
    size: u64,
    db: &chancery_app::StoreLocation,
    by: &str,
) -> Result<usize, CliError> {
    if size > MAX_FILE_BYTES as u64 {
        return Err(CliError::Refused(format!(
            "{}: {size} bytes, more than a scenario file may hold ({MAX_FILE_BYTES} bytes); split it, or import the acts export (CSV), which has no bound",
            file.display(),
        )));
    }
    let text = std::fs::read_to_string(file).map_err(|e| CliError::io(file.display(), &e))?;
    let parsed = Scenario::parse_with_warnings(&text)
        .map_err(|e| CliError::Refused(format!("{}: {e}", file.display())))?;
    drop(text);
    for warning in &parsed.warnings {
        eprintln!("chancery: warning: {}: {warning}", file.display());
    }
    let scenario = parsed.scenario;
    let chancery = open(db, false)?;
    let head = chancery.journal().committed_seq();
    let bar = Progress::start("checking acts");
    let imported =
        chancery.import_reporting(&scenario, by, &|done, total| bar.update_usize(done, total));
    settle(imported, file, &chancery, by, head)
}

/// A reader that counts the bytes read through it, for a progress bar over a file.
struct Counted<R> {
    inner: R,
    bytes: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Counted<R> {
        Counted {
            inner,
            bytes: Default::default(),
        }
    }

    fn counter(&self) -> std::rc::Rc<std::cell::Cell<u64>> {
        self.bytes.clone()
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

/// `chancery export A B`: the relation as a scenario file, to `out` or stdout.
pub fn export(
    a: StateCode,
    b: StateCode,
    db: &chancery_app::StoreLocation,
    out: Option<&Path>,
) -> Result<(), CliError> {
    let chancery = open_existing(db)?;
    let text = {
        let bar = Progress::start("reading the journal");
        chancery
            .export_reporting(a, b, &|done, total| bar.update(done, total))
            .map_err(|e| CliError::service(db.display(), e))?
    };
    match out {
        Some(path) => write_private(path, &text).map_err(|e| CliError::io(path.display(), &e)),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// `chancery generate`: a synthetic world into an empty store.
pub fn generate(spec: &WorldSpec, db: &chancery_app::StoreLocation) -> Result<(), CliError> {
    let chancery = open(db, false)?;
    if chancery.image().last_seq() != 0 {
        return Err(CliError::Refused(format!(
            "{}: generate needs an empty store",
            db.display()
        )));
    }
    let started = std::time::Instant::now();
    let n = {
        let bar = Progress::start("simulating days");
        let acts = Generating {
            generator: world(spec),
            progress: &bar,
            count: 0,
        };
        chancery
            .record_all(acts, "generate", 20_000)
            .map_err(|e| CliError::service(db.display(), e))?
    };
    println!(
        "generated {n} acts for {} states over {} years (seed {}) into {} in {:.1?}",
        spec.states,
        spec.years,
        spec.seed,
        db.display(),
        started.elapsed()
    );
    Ok(())
}

/// What `verify --json` prints: the report, with the head as `verify` prints it for
/// `--expect-head`.
#[derive(serde::Serialize)]
struct VerifyJson {
    store: String,
    entries: u64,
    /// `SEQ:HEX`, to keep and pass as `--expect-head`; null for an empty journal.
    head: Option<String>,
    intact: bool,
    /// Where the chain is first broken, in words; null when intact.
    first_break: Option<BreakJson>,
}

#[derive(serde::Serialize)]
struct BreakJson {
    seq: u64,
    message: String,
}

/// `chancery verify`: every hash recomputed, every link checked; exit 6 when broken.
pub fn verify(
    db: &chancery_app::StoreLocation,
    expect_head: Option<&str>,
    json: bool,
) -> Result<(), CliError> {
    let anchor = expect_head.map(parse_head).transpose()?;
    let chancery = open_existing(db)?;
    let report = {
        let bar = Progress::start("verifying entries");
        chancery
            .journal()
            .verify_reporting(anchor, &|done, total| bar.update(done, total))
            .map_err(|e| CliError::service(db.display(), e.into()))?
    };
    let head = report
        .head
        .map(|(seq, hash)| format!("{seq}:{}", chancery_journal::to_hex(&hash)));
    if json {
        let value = VerifyJson {
            store: db.display().to_string(),
            entries: report.entries,
            head: head.clone(),
            intact: report.is_intact(),
            first_break: report.first_break.map(|b| BreakJson {
                seq: b.seq,
                message: b.to_string(),
            }),
        };
        println!("{}", crate::json(&value)?);
    }
    if !report.is_intact() {
        return Err(CliError::Broken(format!("{}: {report}", db.display())));
    }
    if !json {
        println!("{}: {report}", db.display());
        if let Some(head) = head {
            println!(
                "  head {head}: keep it where the store's host cannot rewrite it and pass it as --expect-head later; verify alone cannot see entries removed from the end"
            );
        }
    }
    Ok(())
}

/// `SEQ:HEX`, as `verify` prints a head.
fn parse_head(text: &str) -> Result<(u64, [u8; 32]), CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--expect-head: `{text}` is not SEQ:HEX (a number, a colon, 64 hex digits)"
        ))
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn cut_off() -> ServiceError {
        ServiceError::Journal(JournalError::Unavailable(Arc::new(
            chancery_journal::StoreError::Unavailable("connection closed (injected)".into()),
        )))
    }

    /// Cut off while committing, the import asks the record once it answers: acts of its own
    /// after the head it began at mean it landed; none, that nothing was stored.
    #[test]
    fn an_import_cut_off_says_what_the_record_shows_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let chancery = Chancery::open(dir.path().join("t.db").as_path(), true).unwrap();
        let demo = chancery.journal().committed_seq();
        assert!(demo > 0);
        let file = Path::new("acts.csv");
        let seeded = "seed:us-ru demo";
        let landed = settle(Err(cut_off()), file, &chancery, seeded, 0);
        assert_eq!(
            landed.ok(),
            Some(demo as usize),
            "every entry of its own, counted"
        );
        match settle(Err(cut_off()), file, &chancery, "import:acts.csv", 0) {
            Err(CliError::Busy(said)) => {
                assert!(said.contains("nothing of it was stored"), "{said}");
                assert!(said.contains("connection closed"), "{said}");
                assert!(!said.contains("writes resume"), "{said}");
            }
            other => panic!("{other:?}"),
        }
        match settle(Err(cut_off()), file, &chancery, seeded, demo) {
            Err(CliError::Busy(said)) => assert!(said.contains("nothing of it"), "{said}"),
            other => panic!("nothing after the head: {other:?}"),
        }
    }
}
