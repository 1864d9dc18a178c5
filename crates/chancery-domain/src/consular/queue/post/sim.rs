//! One replication of the post model.
//!
//! Discipline: applicants are taken in the order they ask (Poisson arrivals through each day,
//! classes interleaved at random in proportion to their rates) and each books the first day, at
//! least `min_lead_days` ahead, that still has the minutes their class's case takes ("next
//! available appointment" for that service, first fit). Within a class this is first come first
//! served; across classes a short case may take a day on which a longer one no longer fits.
//! A booking is final; a no-show's slot is lost. Service times are the class's fixed minutes.

use crate::consular::queue::rng::{derive_seed, Rng};

use super::model::{PostModel, PostPlan};

/// Buffers reused across posts and replications.
#[derive(Debug, Default)]
pub struct PostScratch {
    remaining: Vec<f64>,
    appointments: Vec<u32>,
    waits: Vec<u64>,
    pointer: Vec<usize>,
    /// Waits of each class's requests in the week under way (cleared at each week's end).
    week: Vec<Vec<u32>>,
    /// Requests of each class in the week under way that found no day in the book.
    week_unbooked: Vec<u32>,
}

/// One class at one post in one replication. Only requests from the model's
/// `measure_from_day` on are counted; the warm-up before it only fills the book.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassRun {
    pub arrivals: u64,
    /// Applicants seen on a counted simulated day (whenever they asked).
    pub served: u64,
    /// Applicants who missed an appointment on a counted simulated day.
    pub no_shows: u64,
    /// Applicants with no free day within the lookahead.
    pub unbooked: u64,
    /// Days from request to appointment; an unbooked applicant counts as waiting to the end of
    /// the book (more than the lookahead).
    pub mean_wait: f64,
    pub p50_wait: f64,
    pub p90_wait: f64,
    /// Days from the last simulated day to the first appointment a request then would get.
    pub next_available: f64,
    /// Applicants waiting for their appointment (or unbooked) at the end of each full counted
    /// week, warm-up requests included.
    pub backlog_weekly: Vec<f64>,
    /// Waits of the requests made in each full counted week.
    pub waits_weekly: Vec<WeekRun>,
    pub backlog_end: u64,
    /// Minutes served in this class over the capacity of the counted days.
    pub utilisation: f64,
}

/// The requests of one class made in one week, and their waits in days (0 when none asked);
/// unbooked requests count as waiting to the end of the book.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekRun {
    pub requests: u32,
    /// Requests that found no day in the book (their wait is a lower bound).
    pub unbooked: u32,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PostRun {
    pub utilisation: f64,
    pub classes: Vec<ClassRun>,
}

/// Every post of the model in replication `replication`; each post has its own stream, so
/// adding a post leaves the others' samples unchanged.
pub fn replicate_posts(m: &PostModel, replication: u32, s: &mut PostScratch) -> Vec<PostRun> {
    let seed = derive_seed(m.seed, u64::from(replication));
    m.posts
        .iter()
        .enumerate()
        .map(|(i, p)| run_post(m, p, derive_seed(seed, i as u64), s))
        .collect()
}

struct Tally {
    arrivals: u64,
    served: u64,
    no_shows: u64,
    unbooked: u64,
    /// Every request, warm-up included, and every appointment day passed: the backlog.
    asked: u64,
    held: u64,
    minutes: f64,
    weekly: Vec<f64>,
    waits_weekly: Vec<WeekRun>,
}

fn run_post(m: &PostModel, plan: &PostPlan, seed: u64, s: &mut PostScratch) -> PostRun {
    let mut rng = Rng::new(seed);
    let k = m.classes.len();
    let n = m.days as usize;
    let from = m.measure_from_day as usize;
    let len = plan.capacity.len();
    let lead = m.min_lead_days as usize;
    s.remaining.clear();
    s.remaining.extend_from_slice(&plan.capacity);
    s.appointments.clear();
    s.appointments.resize(len * k, 0);
    s.waits.clear();
    // One slot beyond the book for the unbooked (waiting at least to its end).
    s.waits.resize((len + 1) * k, 0);
    s.pointer.clear();
    s.pointer.resize(k, 0);
    s.week.resize_with(k, Vec::new);
    s.week_unbooked.clear();
    s.week_unbooked.resize(k, 0);
    for w in &mut s.week {
        w.clear();
    }
    let weeks = (n - from) / 7;
    let mut tally: Vec<Tally> = (0..k)
        .map(|_| Tally {
            arrivals: 0,
            served: 0,
            no_shows: 0,
            unbooked: 0,
            asked: 0,
            held: 0,
            minutes: 0.0,
            weekly: Vec::with_capacity(weeks),
            waits_weekly: Vec::with_capacity(weeks),
        })
        .collect();
    for day in 0..n {
        let counted = day >= from;
        let rates = &plan.rates[day * k..(day + 1) * k];
        let total: f64 = rates.iter().sum();
        if total > 0.0 {
            let mut t = rng.exponential(total);
            while t < 1.0 {
                // One draw picks the class and, through where it fell inside the class's share
                // (uniform on [0, 1) and independent of the class), whether the applicant will
                // not show.
                let (c, within) = pick(rates, rng.uniform() * total);
                let class = &m.classes[c];
                let minutes = class.service_minutes;
                let t_c = &mut tally[c];
                t_c.asked += 1;
                if counted {
                    t_c.arrivals += 1;
                }
                let mut d = (day + lead).max(s.pointer[c]);
                while d < len && s.remaining[d] + 1e-9 < minutes {
                    d += 1;
                }
                s.pointer[c] = d;
                if d >= len {
                    if counted {
                        t_c.unbooked += 1;
                        // No day in the book: the applicant waits at least to the book's end.
                        // Counting them in no wait would read a full book as no wait at all.
                        let at_least = len - day;
                        s.waits[c * (len + 1) + at_least] += 1;
                        s.week[c].push(u32::try_from(at_least).unwrap_or(u32::MAX));
                        s.week_unbooked[c] += 1;
                    }
                } else {
                    s.remaining[d] -= minutes;
                    s.appointments[d * k + c] += 1;
                    if counted {
                        s.waits[c * (len + 1) + (d - day)] += 1;
                        s.week[c].push(u32::try_from(d - day).unwrap_or(u32::MAX));
                    }
                    let show = within >= class.no_show;
                    if (from..n).contains(&d) {
                        if show {
                            t_c.served += 1;
                            t_c.minutes += minutes;
                        } else {
                            t_c.no_shows += 1;
                        }
                    }
                }
                t += rng.exponential(total);
            }
        }
        let week_ends = counted && (day + 1 - from).is_multiple_of(7);
        for (c, t_c) in tally.iter_mut().enumerate() {
            t_c.held += u64::from(s.appointments[day * k + c]);
            if week_ends {
                t_c.weekly.push((t_c.asked - t_c.held) as f64);
                let mut w = week_run(&mut s.week[c]);
                w.unbooked = s.week_unbooked[c];
                t_c.waits_weekly.push(w);
                s.week[c].clear();
                s.week_unbooked[c] = 0;
            }
        }
    }
    let capacity: f64 = plan.capacity[from..n].iter().sum();
    let share = |minutes: f64| {
        if capacity > 0.0 {
            minutes / capacity
        } else {
            0.0
        }
    };
    let classes: Vec<ClassRun> = tally
        .into_iter()
        .enumerate()
        .map(|(c, t)| {
            let waits = &s.waits[c * (len + 1)..(c + 1) * (len + 1)];
            let minutes = m.classes[c].service_minutes;
            let mut d = (n - 1 + lead).max(s.pointer[c]);
            while d < len && s.remaining[d] + 1e-9 < minutes {
                d += 1;
            }
            ClassRun {
                arrivals: t.arrivals,
                served: t.served,
                no_shows: t.no_shows,
                unbooked: t.unbooked,
                mean_wait: mean(waits),
                p50_wait: quantile(waits, 0.5),
                p90_wait: quantile(waits, 0.9),
                next_available: (d - (n - 1)) as f64,
                backlog_weekly: t.weekly,
                waits_weekly: t.waits_weekly,
                backlog_end: t.asked - t.held,
                utilisation: share(t.minutes),
            }
        })
        .collect();
    PostRun {
        utilisation: classes.iter().map(|c| c.utilisation).sum(),
        classes,
    }
}

/// The median and 90th percentile of one week's waits, with the same rank rule as
/// [`quantile`] (the smallest wait with at least a share p at or below it).
fn week_run(waits: &mut [u32]) -> WeekRun {
    let n = waits.len();
    let mut at = |p: f64| {
        if n == 0 {
            return 0.0;
        }
        let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
        f64::from(*waits.select_nth_unstable(rank - 1).1)
    };
    let (p50, p90) = (at(0.5), at(0.9));
    WeekRun {
        requests: u32::try_from(n).unwrap_or(u32::MAX),
        unbooked: 0,
        p50,
        p90,
    }
}

/// The class whose share of the cumulative rates holds `x` (x in [0, total)), and where in that
/// share it fell, as a fraction in [0, 1).
#[inline]
fn pick(rates: &[f64], mut x: f64) -> (usize, f64) {
    for (c, &r) in rates.iter().enumerate() {
        if x < r {
            return (c, x / r);
        }
        x -= r;
    }
    // Rounding can leave x just above the last rate: that is the last class with a rate.
    (rates.iter().rposition(|&r| r > 0.0).unwrap_or(0), 0.0)
}

/// Mean of a histogram of whole days (`counts[w]` applicants waited w days).
fn mean(counts: &[u64]) -> f64 {
    let (n, sum) = counts
        .iter()
        .enumerate()
        .fold((0u64, 0.0), |(n, s), (w, &c)| {
            (n + c, s + w as f64 * c as f64)
        });
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// The smallest w with at least a share p of applicants waiting w days or less.
fn quantile(counts: &[u64], p: f64) -> f64 {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return 0.0;
    }
    let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
    let mut seen = 0;
    for (w, &c) in counts.iter().enumerate() {
        seen += c;
        if seen >= rank {
            return w as f64;
        }
    }
    (counts.len() - 1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_day_quantiles() {
        // 5 applicants: waits 0, 1, 1, 3, 10.
        let mut h = vec![0u64; 11];
        for w in [0, 1, 1, 3, 10] {
            h[w] += 1;
        }
        assert_eq!(quantile(&h, 0.5), 1.0);
        assert_eq!(quantile(&h, 0.9), 10.0);
        assert_eq!(quantile(&h, 0.8), 3.0);
        assert!((mean(&h) - 3.0).abs() < 1e-12);
    }

    #[test]
    fn week_quantiles_follow_the_same_rule() {
        let mut w = vec![10, 0, 3, 1, 1];
        let r = week_run(&mut w);
        assert_eq!((r.requests, r.p50, r.p90), (5, 1.0, 10.0));
        assert_eq!(week_run(&mut []).requests, 0);
    }

    #[test]
    fn pick_follows_the_rates() {
        let r = [1.0, 0.0, 2.0];
        assert_eq!(pick(&r, 0.5), (0, 0.5));
        assert_eq!(pick(&r, 1.0), (2, 0.0));
        assert_eq!(pick(&r, 2.0), (2, 0.5));
        assert_eq!(pick(&r, 3.0).0, 2);
    }
}
