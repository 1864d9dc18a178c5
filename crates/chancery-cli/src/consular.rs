//! `chancery consular …`: each post's services, its capacity and waits, and the plain M/M/c
//! simulator, as the API answers them (`--json`) or as text for the terminal.

use std::fmt::Write;

use chancery_domain::consular::capacity::{ConsularCapacity, ServiceCapacity};
use chancery_domain::consular::queue::mmc::simulate as simulate_mmc;
use chancery_domain::consular::queue::{Band, MmcAnswer, MmcParams, MmcRequest};
use chancery_domain::consular::scenario::{
    DemandChange, ScenarioAnswer, ScenarioChange, ScenarioRequest, StaffRamp,
};
use chancery_domain::consular::services::{ConsularServices, ServiceView};
use chancery_domain::vocab::ConsularService;
use chancery_domain::{MeasureId, PostId};
use clap::Subcommand;

use super::{output, CliError, RelationQuery};

#[derive(Subcommand)]
pub enum ConsularCommand {
    /// Each post's services of the consular catalogue: level, since when, routing, measures.
    Services(RelationQuery),
    /// Each post's capacity a week from its staff, demand, load and simulated waits.
    Capacity(RelationQuery),
    /// Nationals' cases (arrest, detention, death, emergency) with their steps and clocks.
    Cases(RelationQuery),
    /// The plain M/M/c queue simulated with seeded replications, beside Erlang C.
    Simulate(SimulateArgs),
    /// One post's waits week by week under a scenario, beside the record's figures.
    Scenario(ScenarioArgs),
}

#[derive(clap::Args)]
pub struct ScenarioArgs {
    #[command(flatten)]
    q: RelationQuery,
    /// The post's id.
    #[arg(long)]
    post: PostId,
    /// Officers of the section become N.
    #[arg(long)]
    officers_to: Option<u32>,
    /// Local staff become N (still held to a local-staff limit not lifted).
    #[arg(long)]
    local_staff_to: Option<u32>,
    /// Lift a local-staff limit in force (a measure id); may be repeated.
    #[arg(long)]
    lift: Vec<MeasureId>,
    /// Demand for --service becomes F times the recorded figure.
    #[arg(long, requires = "service")]
    demand_factor: Option<f64>,
    /// The service whose demand changes (e.g. nonimmigrant_visitor).
    #[arg(long, value_parser = service_named)]
    service: Option<ConsularService>,
    /// Day (from the day asked) on which every change starts.
    #[arg(long, default_value_t = 0)]
    from_day: u32,
    /// Days over which every change ramps (0: at once).
    #[arg(long, default_value_t = 0)]
    over_days: u32,
    /// Days simulated from the day asked: 7 to 730.
    #[arg(long, default_value_t = 182)]
    days: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 1 to 50.
    #[arg(long, default_value_t = 10)]
    replications: u32,
}

#[derive(clap::Args)]
pub struct SimulateArgs {
    /// Servers (officers, windows): 1 to 1000.
    #[arg(long)]
    servers: u32,
    /// Applicants arriving per day.
    #[arg(long)]
    arrival_rate: f64,
    /// Applicants one server serves per day.
    #[arg(long)]
    service_rate: f64,
    /// Days simulated: 1 to 3660.
    #[arg(long)]
    days: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Independent runs: 1 to 200.
    #[arg(long, default_value_t = 10)]
    replications: u32,
    /// Print JSON (what the API returns) instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(cmd: ConsularCommand) -> Result<(), CliError> {
    match cmd {
        ConsularCommand::Services(q) => q.answer(|image, view| {
            let s = image.consular_services(q.a, q.b, view)?;
            Ok(output(q.json, &s, services))
        }),
        ConsularCommand::Capacity(q) => q.answer(|image, view| {
            let c = image.consular_capacity(q.a, q.b, view)?;
            Ok(output(q.json, &c, capacity))
        }),
        ConsularCommand::Scenario(s) => {
            let ramp = |to| StaffRamp {
                to,
                from_day: s.from_day,
                over_days: s.over_days,
            };
            let mut changes = Vec::new();
            changes.extend(s.officers_to.map(|n| ScenarioChange::Officers(ramp(n))));
            changes.extend(
                s.local_staff_to
                    .map(|n| ScenarioChange::LocalStaff(ramp(n))),
            );
            if let (Some(f), Some(service)) = (s.demand_factor, s.service) {
                changes.push(ScenarioChange::Demand(DemandChange {
                    service,
                    factor: Some(f),
                    per_week: None,
                    from_day: s.from_day,
                    over_days: s.over_days,
                }));
            }
            let request = ScenarioRequest {
                as_of: s.q.as_of,
                days: s.days,
                seed: s.seed,
                replications: s.replications,
                lift: s.lift.clone(),
                changes,
            };
            s.q.answer(|image, view| {
                let a = image.consular_scenario((s.q.a, s.q.b), &s.post, view, &request)?;
                Ok(output(s.q.json, &a, scenario))
            })
        }
        ConsularCommand::Cases(q) => q.answer(|image, view| {
            let c = image.consular_cases(q.a, q.b, view)?;
            Ok(output(q.json, &c, super::alerts::cases))
        }),
        ConsularCommand::Simulate(a) => {
            let request = MmcRequest {
                servers: a.servers,
                arrival_rate_per_day: a.arrival_rate,
                service_rate_per_day: a.service_rate,
                days: a.days,
                seed: a.seed,
                replications: a.replications,
            };
            // The API's checks; the message names the option as typed here.
            let params = MmcParams::new(&request).map_err(|e| {
                let flag = match e.field() {
                    "arrival_rate_per_day" => "arrival-rate",
                    "service_rate_per_day" => "service-rate",
                    other => other,
                };
                CliError::Usage(format!("--{flag}: {e}"))
            })?;
            let answer = simulate_mmc(&params);
            print!("{}", output(a.json, &answer, simulation));
            Ok(())
        }
    }
}

fn level_text(level: Option<chancery_domain::vocab::ServiceLevel>) -> String {
    level.map_or("not recorded".to_owned(), |l| l.as_str().replace('_', " "))
}

fn service_line(s: &ServiceView) -> String {
    let mut line = level_text(s.level);
    if let Some(d) = s.since {
        let _ = write!(line, " since {d}");
    }
    if s.post_wide && s.level.is_some() {
        line.push_str(" (whole post)");
    }
    if !s.routed_to.is_empty() {
        let to: Vec<String> = s
            .routed_to
            .iter()
            .map(|r| format!("{} ({})", r.city, r.state))
            .collect();
        let _ = write!(line, "; applicants go to {}", to.join(", "));
    }
    if !s.forced_by.is_empty() {
        let by: Vec<&str> = s.forced_by.iter().map(|m| m.as_str()).collect();
        let _ = write!(line, "; forced by {}", by.join(", "));
    }
    line
}

pub fn services(s: &ConsularServices) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Consular services as of {}", s.as_of);
    for m in &s.missions {
        let _ = writeln!(out, "\n{} missions in {}", m.sending, m.host);
        if m.posts.is_empty() {
            let _ = writeln!(out, "  no post giving consular or commercial services");
        }
        for p in &m.posts {
            let _ = writeln!(
                out,
                "  {} ({}, {}): {}",
                p.name,
                p.kind.as_str().replace('_', " "),
                p.city,
                p.status
            );
            for v in &p.services {
                let _ = writeln!(out, "    {:<42} {}", v.service.words(), service_line(v));
            }
        }
    }
    out
}

fn band(b: &Band) -> String {
    format!("{:.1} ({:.1}-{:.1})", b.mean, b.p10, b.p90)
}

fn capacity_line(c: &ServiceCapacity) -> String {
    let mut line = level_text(c.level);
    match c.capacity_per_week {
        Some(v) => {
            let at_most = if c.upper_bound && v > 0.0 {
                "at most "
            } else {
                ""
            };
            let _ = write!(line, "; capacity {at_most}{v:.0} a week");
        }
        None => line.push_str("; capacity not computed"),
    }
    if let Some(n) = c.cases_per_officer_day {
        let from = match c.productivity_from {
            "post" => "the post's figure",
            "default" => "default estimate",
            other => other,
        };
        let _ = write!(line, " ({n} per officer-day, {from})");
    }
    if let Some(d) = &c.demand {
        let est = if d.estimate { ", estimate" } else { "" };
        let _ = write!(line, "; demand {} a week ({}{est})", d.per_week, d.date);
    }
    if let Some(l) = c.load {
        let _ = write!(line, "; load {l:.2}");
    }
    if let Some(w) = &c.waits {
        let _ = write!(
            line,
            "; waits in days (simulated, see method): median {}, 90th percentile {}, next free appointment in {}",
            band(&w.p50),
            band(&w.p90),
            band(&w.next_available_days)
        );
        if w.weekly.iter().any(|x| x.unbooked.mean > 0.0) {
            let n = chancery_domain::consular::queue::post::LOOKAHEAD_DAYS;
            let _ = write!(
                line,
                "; book full: some requests find no appointment within {n} days and count as \
                 waiting more than {n} days"
            );
        }
    }
    line
}

pub fn capacity(c: &ConsularCapacity) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Consular capacity as of {}", c.as_of);
    for m in &c.missions {
        let _ = writeln!(out, "\n{} missions in {}", m.sending, m.host);
        for p in &m.posts {
            let _ = write!(out, "  {} ({}): ", p.name, p.status);
            match &p.staff {
                Some(s) => {
                    let local = s
                        .local_staff
                        .map_or("local staff not reported".to_owned(), |l| {
                            format!("{l} local staff")
                        });
                    let est = if s.estimate { ", estimate" } else { "" };
                    let _ = write!(out, "{} officers, {local} ({}{est})", s.officers, s.date);
                }
                None => out.push_str("no consular staff figure"),
            }
            if let Some(f) = p.support_factor {
                let _ = write!(out, "; support factor {f:.2}");
            }
            let _ = writeln!(
                out,
                "; {} working days {} to {}",
                p.working_days.days, p.week[0], p.week[1]
            );
            if let Some(l) = &p.local_staff_limit {
                let _ = writeln!(
                    out,
                    "    local staff limited to {} by {} since {}",
                    l.limit, l.measure, l.since
                );
            }
            for s in &p.services {
                let _ = writeln!(out, "    {:<42} {}", s.service.words(), capacity_line(s));
            }
            for n in &p.notes {
                let _ = writeln!(out, "    note: {n}");
            }
        }
    }
    let _ = writeln!(out, "\nMethod: {}", c.method);
    out
}

pub fn simulation(a: &MmcAnswer) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "M/M/c simulated: {} replications (seed {}), {} applicants",
        a.replications, a.seed, a.arrivals
    );
    let _ = writeln!(
        out,
        "  wait in days:  mean {:.4} (band {:.4}-{:.4}), p50 {:.4}, p90 {:.4}",
        a.wait_days.mean,
        a.bands.wait_mean.p10,
        a.bands.wait_mean.p90,
        a.wait_days.p50,
        a.wait_days.p90
    );
    let _ = writeln!(
        out,
        "  utilisation {:.4}; share who waited {:.4}",
        a.utilisation, a.prob_wait
    );
    let t = &a.theory;
    let _ = writeln!(
        out,
        "Erlang C:\n  wait in days:  mean {:.4}, p50 {:.4}, p90 {:.4}\n  utilisation {:.4}; probability of waiting {:.4}",
        t.wait_days.mean, t.wait_days.p50, t.wait_days.p90, t.utilisation, t.prob_wait
    );
    let _ = writeln!(out, "Method: {}\nTheory: {}", a.method, t.method);
    out
}

fn service_named(s: &str) -> Result<ConsularService, String> {
    ConsularService::ALL
        .iter()
        .find(|c| c.as_str() == s)
        .copied()
        .ok_or_else(|| {
            let all: Vec<&str> = ConsularService::ALL.iter().map(|c| c.as_str()).collect();
            format!("not a service; one of {}", all.join(", "))
        })
}

/// Baseline and scenario, every fourth week, service by service.
pub fn scenario(a: &ScenarioAnswer) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scenario at {} ({}) from {}: {} days, {} replications, seed {}",
        a.name, a.post, a.as_of, a.days, a.replications, a.seed
    );
    for n in &a.notes {
        let _ = writeln!(out, "  note: {n}");
    }
    for (b, s) in a.baseline.services.iter().zip(&a.scenario.services) {
        let _ = writeln!(
            out,
            "\n{} (week: capacity, median and p90 wait in days, record -> scenario)",
            b.service.words()
        );
        let weeks = b.waits_weekly.len().min(s.waits_weekly.len());
        for w in (0..weeks).step_by(4) {
            let cap = |r: &[f64]| r.get(w).map_or("-".to_owned(), |c| format!("{c:.0}"));
            let _ = writeln!(
                out,
                "  {}: capacity {} -> {}; median {:.1} -> {:.1}; p90 {:.1} -> {:.1}",
                a.as_of.add_days(i32::try_from(w * 7).unwrap_or(0)),
                cap(&b.capacity_weekly),
                cap(&s.capacity_weekly),
                b.waits_weekly[w].p50.mean,
                s.waits_weekly[w].p50.mean,
                b.waits_weekly[w].p90.mean,
                s.waits_weekly[w].p90.mean
            );
        }
    }
    let _ = writeln!(out, "\nMethod: {}", a.method);
    for x in &a.assumptions {
        let _ = writeln!(out, "  - {x}");
    }
    out
}
