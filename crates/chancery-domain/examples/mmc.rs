//! Runs the M/M/c simulator on a request given as JSON (the first argument, or standard input)
//! and prints the answer as JSON with the time it took, for scripts/bench-queue-vs-simpy:
//!
//!     cargo run --release -p chancery-domain --example mmc -- \
//!       '{"servers":20,"arrival_rate_per_day":180,"service_rate_per_day":10,"days":1000,"seed":1,"replications":5}'

use std::io::Read;
use std::process::ExitCode;
use std::time::Instant;

use chancery_domain::consular::queue::mmc::{simulate, MmcParams, MmcRequest};

fn main() -> ExitCode {
    let text = match std::env::args().nth(1) {
        Some(arg) => arg,
        None => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("mmc: cannot read standard input: {e}");
                return ExitCode::from(2);
            }
            s
        }
    };
    let request: MmcRequest = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mmc: bad request: {e}");
            return ExitCode::from(2);
        }
    };
    let params = match MmcParams::new(&request) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("mmc: {e} [{}]", e.code());
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let answer = simulate(&params);
    let seconds = start.elapsed().as_secs_f64();
    let out = serde_json::json!({
        "answer": answer,
        "elapsed_seconds": seconds,
        "applicants": answer.arrivals,
        "seconds_per_applicant": seconds / answer.arrivals.max(1) as f64,
    });
    println!("{out}");
    ExitCode::SUCCESS
}
