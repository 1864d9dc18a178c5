//! The `chancery` binary as a user runs it, shared by the CLI and crash tests: a command run to
//! its end, a store holding the demo, and `chancery serve` started on a free port.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const DEMO: &str = include_str!("../../../../../data/scenarios/us-ru.toml");

pub fn chancery(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chancery"))
        .args(args)
        .output()
        .expect("run chancery")
}

/// stdout and stderr, as text.
pub fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

pub fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).expect("write file");
    p
}

/// `chancery import FILE --db DB`.
pub fn import(file: impl AsRef<Path>, db: impl AsRef<Path>) -> Output {
    chancery(&[
        "import",
        file.as_ref().to_str().unwrap(),
        "--db",
        db.as_ref().to_str().unwrap(),
    ])
}

/// A store `name` in `dir` holding the demo, imported with `chancery import`.
pub fn import_demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    let demo = write(dir, "demo.toml", DEMO);
    let out = import(&demo, &db);
    assert!(out.status.success(), "import the demo: {}", text(&out).1);
    db
}

/// Starts `chancery serve` on a free port with `extra` arguments; returns the child, its base
/// URL, and the lines it printed before listening. The rest of its stdout is drained, so the
/// server never blocks on a full pipe.
pub fn serve(db: &Path, extra: &[&str]) -> (Child, String, Vec<String>) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_chancery"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start chancery serve");
    let stdout = server.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    let mut printed = Vec::new();
    let mut base = None;
    for line in lines.by_ref() {
        if let Some(rest) = line.split("listening on ").nth(1) {
            base = rest
                .split_whitespace()
                .next()
                .map(|u| u.trim_end_matches('/').to_owned());
            break;
        }
        printed.push(line);
    }
    std::thread::spawn(move || for _ in lines {});
    let base = base.expect("chancery serve printed its address");
    (server, base, printed)
}

/// Runs a `chancery` command against the store `db` (a path or a URL) to its end; returns its
/// stdout, failing the test with its stderr if it failed.
pub fn chancery_on(args: &[&str], db: &str) -> String {
    let out = chancery(&[args, &["--db", db]].concat());
    assert!(
        out.status.success(),
        "chancery {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The secret printed on the line after "shown once".
pub fn shown_once(text: &str) -> Option<String> {
    let mut lines = text.lines();
    lines.find(|l| l.contains("shown once"))?;
    lines.next().map(|l| l.trim().to_owned())
}

/// A write token for a new editor `writer` of the demo's mediators, in the store `db`.
pub fn writer_token(db: &str) -> String {
    chancery_on(
        &[
            "user",
            "add",
            "writer",
            "--org",
            "mediators",
            "--role",
            "editor",
        ],
        db,
    );
    shown_once(&chancery_on(
        &["token", "add", "writer", "--scope", "write"],
        db,
    ))
    .expect("the token is printed once")
}
