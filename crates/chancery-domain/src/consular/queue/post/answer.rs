//! The post model's answer: every figure per post and class as a band across replications.

use serde::{Deserialize, Serialize};

use crate::consular::queue::band::Band;

use super::model::{PostModel, LOOKAHEAD_DAYS};
use super::sim::{replicate_posts, ClassRun, PostRun, PostScratch};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostModelAnswer {
    pub days: u32,
    /// The first day whose requests are counted; the days before it are a warm-up.
    pub measure_from_day: u32,
    pub replications: u32,
    pub seed: u64,
    pub posts: Vec<PostAnswer>,
    pub method: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostAnswer {
    pub post: String,
    /// Interview minutes served over the minutes available on the simulated days.
    pub utilisation: Band,
    pub classes: Vec<ClassAnswer>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitBands {
    pub mean: Band,
    pub p50: Band,
    pub p90: Band,
}

/// Waits of the requests made in one week (week 0 starts on the first counted day).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekWaits {
    pub week: u32,
    pub requests: Band,
    /// Requests that found no day within the book's lookahead: counted in the waits as waiting
    /// to the book's end, so a wait at or above the lookahead means "more than" that.
    pub unbooked: Band,
    pub p50: Band,
    pub p90: Band,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassAnswer {
    pub class: String,
    pub arrivals: Band,
    pub served: Band,
    pub no_shows: Band,
    pub unbooked: Band,
    /// Days from request to appointment.
    pub wait_days: WaitBands,
    /// Days from the last simulated day to the next appointment then available.
    pub next_available_days: Band,
    /// Applicants waiting for their appointment at the end of each full counted week.
    pub backlog_weekly: Vec<Band>,
    /// For the requests made in each full counted week: how many, and their median and 90th
    /// percentile days to an appointment (0 for a week in which nobody asked).
    pub waits_weekly: Vec<WeekWaits>,
    pub backlog_end: Band,
    pub utilisation: Band,
}

/// Runs every replication and gives each figure's mean and 10th–90th percentile band.
pub fn simulate_posts(m: &PostModel) -> PostModelAnswer {
    let mut scratch = PostScratch::default();
    let runs: Vec<Vec<PostRun>> = (0..m.replications())
        .map(|r| replicate_posts(m, r, &mut scratch))
        .collect();
    let posts = m
        .posts()
        .iter()
        .enumerate()
        .map(|(i, plan)| {
            let of_post: Vec<&PostRun> = runs.iter().map(|r| &r[i]).collect();
            let classes = m
                .classes()
                .iter()
                .enumerate()
                .map(|(c, class)| {
                    let of_class: Vec<&ClassRun> = of_post.iter().map(|p| &p.classes[c]).collect();
                    class_answer(&class.name, &of_class)
                })
                .collect();
            PostAnswer {
                post: plan.name.clone(),
                utilisation: Band::across(&of_post, |p| p.utilisation),
                classes,
            }
        })
        .collect();
    PostModelAnswer {
        days: m.days(),
        measure_from_day: m.measure_from_day(),
        replications: m.replications(),
        seed: m.seed,
        posts,
        method: method(),
    }
}

/// How the model runs, in words: the answer's `method`.
pub fn method() -> String {
    format!(
            "day-slotted appointment book: Poisson requests on every calendar day, each \
                 booked on the first working day at least min_lead_days ahead with minutes left \
                 for its class (first fit, in request order); fixed minutes per case; a no-show's \
                 slot is lost; a request that finds no day within the book's lookahead of {LOOKAHEAD_DAYS} days \
                 is unbooked and counted as waiting more than {LOOKAHEAD_DAYS} days (to the book's \
                 end), never as no wait; requests before measure_from_day only fill the book (a warm-up) and \
                 are not counted; weekly waits are those of the requests made in each week; bands \
                 are the 10th and 90th percentiles across replications"
        )
}

fn class_answer(name: &str, runs: &[&ClassRun]) -> ClassAnswer {
    let weeks = runs
        .iter()
        .map(|r| r.backlog_weekly.len())
        .min()
        .unwrap_or(0);
    let mut scratch = Vec::with_capacity(runs.len());
    let backlog_weekly = (0..weeks)
        .map(|w| {
            scratch.clear();
            scratch.extend(runs.iter().map(|r| r.backlog_weekly[w]));
            Band::of(&mut scratch)
        })
        .collect();
    let waits_weekly = (0..weeks)
        .map(|w| {
            let mut band = |f: fn(&super::sim::WeekRun) -> f64| {
                scratch.clear();
                scratch.extend(runs.iter().map(|r| f(&r.waits_weekly[w])));
                Band::of(&mut scratch)
            };
            WeekWaits {
                week: u32::try_from(w).unwrap_or(u32::MAX),
                requests: band(|x| f64::from(x.requests)),
                unbooked: band(|x| f64::from(x.unbooked)),
                p50: band(|x| x.p50),
                p90: band(|x| x.p90),
            }
        })
        .collect();
    ClassAnswer {
        class: name.to_owned(),
        arrivals: Band::across(runs, |r| r.arrivals as f64),
        served: Band::across(runs, |r| r.served as f64),
        no_shows: Band::across(runs, |r| r.no_shows as f64),
        unbooked: Band::across(runs, |r| r.unbooked as f64),
        wait_days: WaitBands {
            mean: Band::across(runs, |r| r.mean_wait),
            p50: Band::across(runs, |r| r.p50_wait),
            p90: Band::across(runs, |r| r.p90_wait),
        },
        next_available_days: Band::across(runs, |r| r.next_available),
        backlog_weekly,
        waits_weekly,
        backlog_end: Band::across(runs, |r| r.backlog_end as f64),
        utilisation: Band::across(runs, |r| r.utilisation),
    }
}
