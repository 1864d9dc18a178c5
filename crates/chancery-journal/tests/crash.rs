//! Power-cut durability: whatever a writer was told is committed survives a SIGKILL.
//!
//! The test re-executes its own binary as a child running `crash_child`, which hammers a journal
//! from 64 threads and prints each seq the moment its `wait()` returns. The parent kills it
//! mid-stream, reopens the file, and checks every acknowledged seq is there and the chain is
//! intact.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Stdio};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use common::{act, child_test, temp_journal};

/// Set in the child's environment to the journal file it should write.
const CHILD_ENV: &str = "CHANCERY_JOURNAL_CRASH_CHILD";
const WRITERS: usize = 64;
/// Acknowledgements to see before pulling the plug: enough that many groups were committed and
/// more were in flight.
const ACKS_BEFORE_KILL: usize = 3000;

#[test]
fn acknowledged_entries_survive_sigkill() {
    let tmp = temp_journal();
    let mut child = KillOnDrop(
        child_test("crash_child", CHILD_ENV, &tmp.path)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );

    let stdout = child.0.stdout.take().unwrap();
    let (acks_tx, acks) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("child stdout");
            // libtest may print its "test crash_child ... " prefix on the first ack's line.
            if let Some(at) = line.find("ack ") {
                let seq: u64 = line[at + 4..].trim().parse().expect("ack line");
                if acks_tx.send(seq).is_err() {
                    return;
                }
            }
        }
    });

    let mut acked = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while acked.len() < ACKS_BEFORE_KILL {
        let left = deadline.saturating_duration_since(Instant::now());
        match acks.recv_timeout(left) {
            Ok(seq) => acked.push(seq),
            Err(e) => panic!("child gave {} acks then {e:?}", acked.len()),
        }
    }
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    // Lines already in the pipe were acknowledged before the kill: they count too.
    reader.join().unwrap();
    acked.extend(acks.try_iter());

    let journal = chancery_sqlite::open_journal(&tmp.path).unwrap();
    let report = journal.verify().unwrap();
    assert!(report.is_intact(), "{report:?}");
    let head = journal.last_seq();
    assert_eq!(report.entries, head, "seqs are dense");
    let max_acked = acked.iter().copied().max().unwrap();
    assert!(
        max_acked <= head,
        "seq {max_acked} was acknowledged but the journal ends at {head}"
    );
    let mut distinct = acked.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), acked.len(), "a seq was acknowledged twice");
    eprintln!(
        "crash test: {} acknowledged, {head} on disk after SIGKILL",
        acked.len()
    );
}

#[test]
#[ignore = "child process of acknowledged_entries_survive_sigkill, which runs it"]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let journal = Arc::new(chancery_sqlite::open_journal(path.as_ref()).unwrap());
    // A backstop in case the parent vanished without killing us; never reached in a normal run.
    let give_up = Instant::now() + Duration::from_secs(60);
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let journal = Arc::clone(&journal);
            std::thread::spawn(move || {
                for n in 0.. {
                    if Instant::now() > give_up {
                        return;
                    }
                    let committed = journal.submit(act(writer, n)).wait().unwrap();
                    let mut out = std::io::stdout().lock();
                    // A closed pipe means the parent is gone: stop rather than panic.
                    if writeln!(out, "ack {}", committed.first_seq)
                        .and_then(|()| out.flush())
                        .is_err()
                    {
                        return;
                    }
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
}

/// Makes sure a failing assertion in the parent never leaves the child running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
