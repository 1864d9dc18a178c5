//! Resident memory of a burst of failed password checks, with the pool and without it.
//!
//! `cargo run --release -p chancery-accounts --example login_burst [THREADS] [PER_THREAD]`
//! runs each mode in a fresh child process (so one's high-water mark does not hide the
//! other's) and prints the process's peak and current resident memory (`VmHWM`, `VmRSS` from
//! /proc/self/status) before and after:
//!
//! - `pool`: `secret::verify_password`, through the process's pool of four 19 MiB buffers;
//! - `unpooled-4`: the code before the pool, `Argon2::default().verify_password`, four at a
//!   time (as the server's sign-in semaphore allowed) on THREADS threads;
//! - `unpooled`: the same with no limit (paths that did not go through the semaphore).

use std::process::Command;
use std::sync::{Arc, Barrier, Condvar, Mutex};

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use chancery_accounts::secret::{hash_password, verify_password};
use chancery_accounts::ArgonPool;

const MODES: [&str; 3] = ["pool", "unpooled-4", "unpooled"];

/// `VmHWM` and `VmRSS` in MiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// A counting semaphore, for the old server's "four at a time".
struct Slots {
    free: Mutex<usize>,
    cv: Condvar,
}

impl Slots {
    fn run<T>(&self, f: impl FnOnce() -> T) -> T {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 {
            free = self.cv.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        *free -= 1;
        drop(free);
        let out = f();
        *self.free.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.cv.notify_one();
        out
    }
}

fn child(mode: &str, threads: usize, per_thread: usize) -> Result<(), String> {
    // The stored hash is made before measuring: its one buffer is part of the baseline in
    // every mode (in `pool` it stays in the pool and is reused).
    let stored = hash_password("the real password, long enough").map_err(|e| e.to_string())?;
    let (hwm0, rss0) = memory();
    let slots = Arc::new(Slots {
        free: Mutex::new(if mode == "unpooled" { usize::MAX } else { 4 }),
        cv: Condvar::new(),
    });
    let barrier = Arc::new(Barrier::new(threads));
    let started = std::time::Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (stored, slots, barrier, mode) = (
                stored.clone(),
                slots.clone(),
                barrier.clone(),
                mode.to_owned(),
            );
            std::thread::spawn(move || {
                barrier.wait();
                let mut matched = 0;
                for _ in 0..per_thread {
                    let ok = if mode == "pool" {
                        verify_password(&stored, "a wrong guess")
                    } else {
                        slots.run(|| {
                            PasswordHash::new(&stored).is_ok_and(|h| {
                                Argon2::default()
                                    .verify_password(b"a wrong guess", &h)
                                    .is_ok()
                            })
                        })
                    };
                    matched += usize::from(ok);
                }
                matched
            })
        })
        .collect();
    let mut matched = 0;
    for w in workers {
        matched += w.join().map_err(|_| "a worker panicked".to_owned())?;
    }
    let (hwm1, rss1) = memory();
    println!(
        "{mode:<11} {threads:>3} threads x {per_thread} checks in {:>5.1} s: VmHWM {hwm0:>5} -> {hwm1:>5} MiB, VmRSS {rss0:>5} -> {rss1:>5} MiB, pool buffers {}, wrong passwords accepted {matched}",
        started.elapsed().as_secs_f64(),
        ArgonPool::global().allocated(),
    );
    Ok(())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(mode) = args.first().and_then(|a| a.strip_prefix("--mode=")) {
        let num =
            |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
        return child(mode, num(1, 64), num(2, 2));
    }
    let threads = args.first().cloned().unwrap_or_else(|| "64".to_owned());
    let per_thread = args.get(1).cloned().unwrap_or_else(|| "2".to_owned());
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    for mode in MODES {
        let status = Command::new(&exe)
            .arg(format!("--mode={mode}"))
            .args([&threads, &per_thread])
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("{mode}: {status}"));
        }
    }
    Ok(())
}
