//! The `chancery` command line as scripts and shells use it: the exit codes docs/cli.md
//! promises, one JSON document from every `--json`, completions and man pages that name every
//! command, and no progress bar where stderr is not a terminal.

use crate::binary;

use std::path::Path;

use binary::{chancery, import, import_demo, serve, text, write, DEMO};

fn code(args: &[&str]) -> i32 {
    let out = chancery(args);
    out.status.code().expect("exited, not killed")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The JSON a command printed on stdout, parsed: exactly one document.
fn json(args: &[&str]) -> serde_json::Value {
    let out = chancery(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out).1);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?} printed no JSON document ({e}): {}", text(&out).0))
}

/// The top-level commands, as `chancery --help` lists them.
fn commands() -> Vec<String> {
    let help = text(&chancery(&["--help"])).0;
    let list = help
        .split("Commands:")
        .nth(1)
        .expect("--help lists commands")
        .split("\n\n")
        .next()
        .unwrap_or_default();
    let names: Vec<String> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() > 10, "{names:?}");
    names
}

#[test]
fn each_failure_exits_with_its_documented_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_demo(dir.path(), "s.db");
    let missing = dir.path().join("typo.db");
    // 0: done.
    assert_eq!(code(&["state", "US", "RU", "--db", s(&db)]), 0);
    // 2: usage, clap's own (a missing argument) and the CLI's (a malformed head, the same
    // state twice).
    assert_eq!(code(&["state", "US", "--db", s(&db)]), 2);
    assert_eq!(code(&["verify", "--db", s(&db), "--expect-head", "x"]), 2);
    assert_eq!(code(&["state", "US", "US", "--db", s(&db)]), 2);
    // 3: not found: no store, a state not registered, an input file that is not there, a user.
    assert_eq!(code(&["state", "US", "RU", "--db", s(&missing)]), 3);
    assert_eq!(code(&["state", "US", "ZZ", "--db", s(&db)]), 3);
    assert_eq!(
        code(&["import", s(&dir.path().join("none.toml")), "--db", s(&db)]),
        3
    );
    assert_eq!(code(&["user", "disable", "nobody", "--db", s(&db)]), 3);
    // 4: refused by a rule: an act that breaks one, a store not empty for generate.
    let bad = write(
        dir.path(),
        "bad.toml",
        "format = \"chancery-scenario/1\"\nrelation = [\"US\", \"RU\"]\n\n[[act]]\nkind = \"post_closed\"\ndate = \"2026-02-01\"\npost = \"us-cg-atlantis\"\nby = \"RU\"\n",
    );
    let refused = import(&bad, &db);
    assert_eq!(refused.status.code(), Some(4), "{}", text(&refused).1);
    assert!(text(&refused).1.contains("unknown_post"));
    assert_eq!(
        code(&["generate", "--states", "2", "--years", "1", "--db", s(&db)]),
        4
    );
    assert!(!missing.exists(), "no question created a store");
}

#[test]
fn a_store_held_by_a_server_is_busy_and_a_broken_chain_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("held.db");
    let (mut server, _, _) = serve(&db, &[]);
    let demo = write(dir.path(), "demo.toml", DEMO);
    let busy = import(&demo, &db);
    server.kill().expect("stop the server");
    let _ = server.wait();
    assert_eq!(busy.status.code(), Some(5), "{}", text(&busy).1);
    assert_eq!(code(&["verify", "--db", s(&db)]), 0);
    {
        let conn = rusqlite::Connection::open(&db).expect("open the store's file");
        conn.execute(
            "UPDATE journal SET payload = CAST(replace(CAST(payload AS TEXT), '455', '999') AS BLOB) WHERE seq = (SELECT max(seq) FROM journal WHERE CAST(payload AS TEXT) LIKE '%455%')",
            [],
        )
        .expect("tamper");
    }
    let out = chancery(&["verify", "--db", s(&db), "--json"]);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out).1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["intact"], false);
    assert!(report["first_break"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("altered")));
    // Writing to the damaged store is refused the same way.
    assert_eq!(import(&demo, &db).status.code(), Some(6));
}

#[test]
fn every_reading_command_prints_one_json_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_demo(dir.path(), "s.db");
    let rel = |cmd: &[&str]| {
        let mut args = cmd.to_vec();
        args.extend([
            "US",
            "RU",
            "--as-of",
            "2018-01-01",
            "--json",
            "--db",
            s(&db),
        ]);
        json(&args)
    };
    assert!(rel(&["state"])["missions"].is_array());
    let measures = rel(&["measures"]);
    assert!(
        measures["measures"]
            .as_array()
            .is_some_and(|m| m.iter().any(|x| x["status"] == "in_force")),
        "{measures}"
    );
    for cmd in [
        &["parity"][..],
        &["roadmap"],
        &["chains"],
        &["talks"],
        &["alerts"],
        &["consular", "services"],
        &["consular", "capacity"],
        &["consular", "cases"],
    ] {
        let v = rel(cmd);
        assert!(v.is_object() || v.is_array(), "{cmd:?}: {v}");
    }
    // Search in either script, as the API answers it, and in words.
    let found = json(&["search", "Салливан", "--json", "--db", s(&db)]);
    assert!(
        found["hits"].as_array().is_some_and(|h| h
            .iter()
            .any(|x| x["title"].as_str().is_some_and(|t| t.contains("Sullivan")))),
        "{found}"
    );
    let words = text(&chancery(&["search", "Antonov", "--db", s(&db)])).0;
    assert!(
        words.contains("Антонов") && words.contains("person"),
        "{words}"
    );
    assert_eq!(code(&["search", " ", "--db", s(&db)]), 2);
    let verified = json(&["verify", "--db", s(&db), "--json"]);
    assert_eq!(verified["intact"], true);
    let head = verified["head"].as_str().expect("a head").to_owned();
    assert_eq!(
        json(&["verify", "--db", s(&db), "--expect-head", &head, "--json"])["intact"],
        true
    );
    // A new accounts store's first password goes to stderr under --json: stdout stays JSON.
    let users = json(&[
        "user",
        "list",
        "--org",
        "operator",
        "--json",
        "--db",
        s(&db),
    ]);
    assert_eq!(users[0]["username"], "admin");
    assert_eq!(users[0]["role"], "administrator");
    let added = chancery(&[
        "org",
        "add",
        "us-mfa",
        "--kind",
        "party:US",
        "--name",
        "State",
        "--db",
        s(&db),
    ]);
    assert!(added.status.success(), "{}", text(&added).1);
    let orgs = json(&["org", "list", "--json", "--db", s(&db)]);
    assert!(orgs
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["id"] == "us-mfa" && o["kind"] == "party:US"));
    let users = json(&["user", "list", "--org", "us-mfa", "--json", "--db", s(&db)]);
    assert_eq!(users, serde_json::json!([]));
    assert!(json(&["token", "list", "--json", "--db", s(&db)]).is_array());
}

#[test]
fn the_man_page_and_completions_name_every_command() {
    let names = commands();
    let man = text(&chancery(&["man"])).0;
    assert!(
        man.contains("\n.TH chancery 1 "),
        "roff: {}",
        &man[..man.len().min(200)]
    );
    for name in &names {
        let escaped = name.replace('-', "\\-");
        assert!(
            man.contains(&format!("chancery\\-{escaped}")),
            "man lacks {name}"
        );
    }
    assert!(man.contains("EXIT STATUS"));
    for code in 0..=6 {
        assert!(
            man.contains(&format!(".TP\n\\fB{code}\\fR\n")),
            "code {code}"
        );
    }
    let bash = text(&chancery(&["completions", "bash"])).0;
    for name in &names {
        assert!(bash.contains(name.as_str()), "bash completion lacks {name}");
    }
    // Subcommands too: consular's and the accounts'.
    for nested in ["simulate", "capacity", "revoke", "password"] {
        assert!(bash.contains(nested), "bash completion lacks {nested}");
    }
    for shell in ["zsh", "fish"] {
        let script = text(&chancery(&["completions", shell])).0;
        assert!(
            script.contains("verify") && script.contains("expect-head"),
            "{shell}"
        );
    }
    assert_eq!(
        code(&["completions", "tcsh"]),
        2,
        "an unknown shell is usage"
    );
}

#[test]
fn man_dir_writes_a_page_for_every_command_and_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = chancery(&["man", "--dir", s(dir.path())]);
    assert!(out.status.success(), "{}", text(&out).1);
    for name in commands() {
        assert!(
            dir.path().join(format!("chancery-{name}.1")).exists(),
            "no page for {name}"
        );
    }
    for page in [
        "chancery.1",
        "chancery-consular-cases.1",
        "chancery-user-add.1",
    ] {
        assert!(dir.path().join(page).exists(), "no {page}");
    }
}

/// The tests' stderr is a pipe: a progress bar there would be noise in a log.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let demo = write(dir.path(), "demo.toml", DEMO);
    let db = dir.path().join("s.db");
    let world = dir.path().join("w.db");
    let runs = [
        import(&demo, &db),
        chancery(&["export", "US", "RU", "--db", s(&db)]),
        chancery(&["verify", "--db", s(&db)]),
        chancery(&[
            "generate",
            "--states",
            "3",
            "--years",
            "1",
            "--db",
            s(&world),
        ]),
    ];
    for out in runs {
        assert!(out.status.success(), "{}", text(&out).1);
        let err = text(&out).1;
        assert!(
            !err.contains('\r') && !err.contains('\u{1b}') && !err.contains("%"),
            "stderr: {err:?}"
        );
    }
}

/// `chancery data --all`: the whole record's acts or events, the other datasets refused as
/// one relation's (exit 2), and a relation with `--all` a usage error too.
#[test]
fn data_for_the_whole_record_covers_acts_and_events_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_demo(dir.path(), "s.db");
    let out = chancery(&[
        "data",
        "events",
        "--all",
        "--as-of",
        "2025-06-01",
        "--db",
        s(&db),
    ]);
    assert!(out.status.success(), "{}", text(&out).1);
    let csv = text(&out).0;
    assert!(csv.contains("# relation: all relations"), "{csv}");
    let relation = text(&chancery(&[
        "data",
        "events",
        "US",
        "RU",
        "--as-of",
        "2025-06-01",
        "--db",
        s(&db),
    ]))
    .0;
    // One relation in the demo: the same rows.
    let rows = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    assert!(rows(&csv).len() > 10);
    assert_eq!(rows(&csv), rows(&relation));
    assert_eq!(code(&["data", "measures", "--all", "--db", s(&db)]), 2);
    assert_eq!(
        code(&["data", "acts", "US", "RU", "--all", "--db", s(&db)]),
        2
    );
    assert_eq!(code(&["data", "acts", "--db", s(&db)]), 2);
}

#[test]
fn the_store_may_come_from_chancery_db_and_its_value_is_never_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = import_demo(dir.path(), "env.db");
    let run = |args: &[&str], env: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_chancery"))
            .args(args)
            .env("CHANCERY_DB", env)
            .current_dir(dir.path())
            .output()
            .expect("run chancery")
    };
    // No --db: the store named by the variable is the one read.
    let out = run(&["verify", "--json"], s(&db));
    assert!(out.status.success(), "{}", text(&out).1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(report["entries"].as_u64().unwrap_or(0) > 0, "{report}");
    // --db still wins over it.
    let other = dir.path().join("missing.db");
    assert_eq!(
        run(&["verify", "--db", s(&other)], s(&db)).status.code(),
        Some(3)
    );
    // A URL with a password in it stays out of the help a user might paste anywhere.
    for args in [
        &["serve", "--help"][..],
        &["verify", "--help"],
        &["user", "list", "--help"],
    ] {
        let help = text(&run(args, "postgres://chancery:hunter2secret@db/chancery")).0;
        assert!(help.contains("CHANCERY_DB"), "{args:?}: {help}");
        assert!(
            !help.contains("hunter2secret"),
            "{args:?} shows the variable's value"
        );
    }
}

#[test]
fn a_secret_that_cannot_be_shown_does_not_stay_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = import_demo(dir.path(), "pipe.db");
    let add = chancery(&[
        "user",
        "add",
        "piper",
        "--org",
        "operator",
        "--role",
        "administrator",
        "--db",
        s(&db),
    ]);
    assert!(add.status.success(), "{}", text(&add).1);
    // stdout is a pipe nobody reads any more, as in `chancery token add … | head -0`.
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chancery"))
        .args(["token", "add", "piper", "--scope", "write", "--db", s(&db)])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run chancery");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("revoked") && !said.contains("panicked"),
        "{said}"
    );
    let tokens = json(&["token", "list", "--json", "--db", s(&db)]);
    let made = tokens
        .as_array()
        .and_then(|t| t.iter().find(|t| t["username"] == "piper"))
        .cloned()
        .unwrap_or_else(|| panic!("piper's token is listed: {tokens}"));
    assert_eq!(made["revoked"], true, "{made}");
}
