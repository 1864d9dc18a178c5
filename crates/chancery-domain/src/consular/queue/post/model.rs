//! The checked post model, with every daily figure worked out once: capacity in minutes per day
//! (over the simulated days and a lookahead in which late bookings still land) and arrival rates
//! per day and class after routing. Only a [`PostModel`] can be simulated.

use crate::consular::queue::error::{positive, probability, within, QueueError};
use crate::consular::queue::mmc::MAX_EXPECTED_ARRIVALS;

use super::request::PostModelRequest;

/// Days after the last simulated day in which appointments can still be booked (the schedule
/// holds its last value); an applicant who finds nothing in them is counted as unbooked.
pub const LOOKAHEAD_DAYS: u32 = 3660;

#[derive(Clone, Debug, PartialEq)]
pub struct ClassPlan {
    pub name: String,
    pub service_minutes: f64,
    pub no_show: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PostPlan {
    pub name: String,
    /// Interview minutes on each day of 0..days + LOOKAHEAD_DAYS (0 on closed days).
    pub capacity: Vec<f64>,
    /// Applicants per day: `rates[day * classes + class]`, for days 0..days, routing applied.
    pub rates: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PostModel {
    pub(super) days: u32,
    pub(super) seed: u64,
    pub(super) replications: u32,
    pub(super) min_lead_days: u32,
    pub(super) measure_from_day: u32,
    pub(super) classes: Vec<ClassPlan>,
    pub(super) posts: Vec<PostPlan>,
}

impl PostModel {
    pub fn new(r: &PostModelRequest) -> Result<PostModel, QueueError> {
        let days = within("days", r.days, 1, 3660, "from 1 to 3660")?;
        let replications = within("replications", r.replications, 1, 200, "from 1 to 200")?;
        let min_lead_days = within("min_lead_days", r.min_lead_days, 0, 365, "from 0 to 365")?;
        let measure_from_day = within(
            "measure_from_day",
            r.measure_from_day,
            0,
            days - 1,
            "below `days`",
        )?;
        within("classes", r.classes.len(), 1, 32, "1 to 32 classes")?;
        within("posts", r.posts.len(), 1, 50, "1 to 50 posts")?;
        let mut classes = Vec::with_capacity(r.classes.len());
        for c in &r.classes {
            if classes.iter().any(|k: &ClassPlan| k.name == c.name) {
                return Err(invalid("classes", format!("class `{}` twice", c.name)));
            }
            classes.push(ClassPlan {
                name: c.name.clone(),
                service_minutes: positive("service_minutes", c.service_minutes)?,
                no_show: probability("no_show", c.no_show)?,
            });
        }
        let class_of = |name: &str, field| {
            classes
                .iter()
                .position(|k| k.name == name)
                .ok_or_else(|| invalid(field, format!("no class `{name}`")))
        };
        let k = classes.len();
        let (n, len) = (days as usize, (days + LOOKAHEAD_DAYS) as usize);
        let mut posts = Vec::with_capacity(r.posts.len());
        for p in &r.posts {
            if posts.iter().any(|q: &PostPlan| q.name == p.name) {
                return Err(invalid("posts", format!("post `{}` twice", p.name)));
            }
            p.officers.check("officers")?;
            let minutes = positive("minutes_per_officer_day", p.minutes_per_officer_day)?;
            if minutes > 1440.0 {
                return Err(QueueError::out_of_range(
                    "minutes_per_officer_day",
                    "at most 1440",
                    minutes,
                ));
            }
            let open = p.calendar.working_days(len);
            let capacity = p
                .officers
                .daily(len)
                .iter()
                .zip(&open)
                .map(|(o, &w)| if w { o * minutes } else { 0.0 })
                .collect();
            let mut rates = vec![0.0; n * k];
            for d in &p.demand_per_week {
                d.per_week.check("demand_per_week")?;
                let c = class_of(&d.class, "demand_per_week")?;
                for (day, w) in d.per_week.daily(n).into_iter().enumerate() {
                    rates[day * k + c] += w / 7.0;
                }
            }
            posts.push(PostPlan {
                name: p.name.clone(),
                capacity,
                rates,
            });
        }
        for route in &r.routes {
            let c = class_of(&route.class, "routes")?;
            let post = |name: &str| {
                posts
                    .iter()
                    .position(|p| p.name == name)
                    .ok_or_else(|| invalid("routes", format!("no post `{name}`")))
            };
            let (from, to) = (post(&route.from)?, post(&route.to)?);
            if from == to {
                return Err(invalid(
                    "routes",
                    format!("`{}` routed to itself", route.from),
                ));
            }
            let share = probability("share", route.share)?;
            let end = route.until_day.map_or(n, |u| (u as usize).min(n));
            for day in (route.from_day as usize).min(n)..end {
                let moved = posts[from].rates[day * k + c] * share;
                posts[from].rates[day * k + c] -= moved;
                posts[to].rates[day * k + c] += moved;
            }
        }
        let expected: f64 =
            posts.iter().flat_map(|p| &p.rates).sum::<f64>() * f64::from(replications);
        if expected > MAX_EXPECTED_ARRIVALS as f64 {
            return Err(QueueError::TooLarge {
                field: "demand_per_week",
                expected,
                limit: MAX_EXPECTED_ARRIVALS,
            });
        }
        Ok(PostModel {
            days,
            seed: r.seed,
            replications,
            min_lead_days,
            measure_from_day,
            classes,
            posts,
        })
    }

    pub fn days(&self) -> u32 {
        self.days
    }
    /// The first day whose requests are counted (see [`PostModelRequest::measure_from_day`]).
    pub fn measure_from_day(&self) -> u32 {
        self.measure_from_day
    }
    pub fn replications(&self) -> u32 {
        self.replications
    }
    pub fn classes(&self) -> &[ClassPlan] {
        &self.classes
    }
    pub fn posts(&self) -> &[PostPlan] {
        &self.posts
    }
}

fn invalid(field: &'static str, message: String) -> QueueError {
    QueueError::Invalid { field, message }
}
