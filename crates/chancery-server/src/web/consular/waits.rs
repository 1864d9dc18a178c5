//! The post desk's chart of waits over the coming weeks: per service, the median and 90th
//! percentile days to an appointment of the requests made in each week from the day asked, as
//! the capacity answer simulates them (after its warm-up).

use chancery_domain::consular::capacity::{PostCapacity, WAIT_WARM_UP_DAYS};
use maud::{html, Markup, PreEscaped};

use super::super::charts::{waits, WaitSeries};
use super::super::Ctx;

/// The chart's series: a colour per service, medians solid and 90th percentiles dashed.
fn series(ctx: &Ctx, cap: &PostCapacity) -> Vec<WaitSeries> {
    let week = |w: u32| ctx.as_of.add_days(i32::try_from(w).unwrap_or(0) * 7);
    cap.services
        .iter()
        .filter_map(|s| Some((s.service, s.waits.as_ref()?)))
        .enumerate()
        .flat_map(|(i, (service, w))| {
            let of = |p90: bool| WaitSeries {
                label: format!(
                    "{}, {}",
                    service.words(),
                    if p90 { "90th percentile" } else { "median" }
                ),
                colour: i,
                dashed: p90,
                weeks: w
                    .weekly
                    .iter()
                    .map(|x| (week(x.week), if p90 { x.p90 } else { x.p50 }))
                    .collect(),
            };
            [of(false), of(true)]
        })
        .collect()
}

/// `busy`: every simulation permit was held, so the waits were not simulated.
pub fn waits_section(ctx: &Ctx, name: &str, cap: Option<&PostCapacity>, busy: bool) -> Markup {
    let series = cap.map(|c| series(ctx, c)).unwrap_or_default();
    let note = format!(
        "Simulated from the figures of {} with the appointment book filled by {WAIT_WARM_UP_DAYS} \
         days of requests before it.",
        ctx.as_of
    );
    html! {
        section aria-labelledby="waits" {
            h2 id="waits" { "Waits over the coming weeks" }
            @if busy {
                p { "Busy: waits not simulated, try again shortly (other simulations are running)." }
            } @else if series.is_empty() {
                p { "No waits simulated for this post: see the notes above." }
            } @else {
                figure.chart {
                    (PreEscaped(waits("waits-chart", &format!("Waits at {name} over the coming weeks"), &note, &series)))
                    figcaption {
                        "Days from request to appointment for the requests made in each week from "
                        (ctx.as_of) ": lines are the mean across replications, shaded ranges their 10th to 90th percentiles; medians solid, 90th percentiles dashed. " (note)
                    }
                }
            }
        }
    }
}
