//! The post desk's chart of waits over the coming weeks: per service, the median and 90th
//! percentile days to an appointment of the requests made in each week from the day asked, as
//! the capacity answer simulates them (after its warm-up).

use chancery_domain::consular::capacity::{PostCapacity, WAIT_WARM_UP_DAYS};
use maud::{html, Markup, PreEscaped};

use super::super::charts::{waits, WaitSeries};
use super::super::Ctx;
use super::service_words;

/// The chart's series: a colour per service, medians solid and 90th percentiles dashed.
fn series(ctx: &Ctx, cap: &PostCapacity) -> Vec<WaitSeries> {
    let week = |w: u32| ctx.as_of.add_days(i32::try_from(w).unwrap_or(0) * 7);
    cap.services
        .iter()
        .filter_map(|s| Some((s.service, s.waits.as_ref()?)))
        .enumerate()
        .flat_map(|(i, (service, w))| {
            let of = |p90: bool| WaitSeries {
                label: if p90 {
                    ctx.t_args(
                        "consular-series-p90",
                        &[("service", service_words(ctx, service).into())],
                    )
                } else {
                    ctx.t_args(
                        "consular-series-median",
                        &[("service", service_words(ctx, service).into())],
                    )
                },
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
    let note = ctx.t_args(
        "consular-waits-note",
        &[
            ("date", ctx.as_of.to_string().into()),
            ("n", WAIT_WARM_UP_DAYS.into()),
        ],
    );
    html! {
        section aria-labelledby="waits" {
            h2 id="waits" { (ctx.t("consular-waits-heading")) }
            @if busy {
                p { (ctx.t("consular-waits-busy")) }
            } @else if series.is_empty() {
                p { (ctx.t("consular-waits-none")) }
            } @else {
                figure.chart {
                    (PreEscaped(waits(ctx.lang(), "waits-chart", &ctx.t_args("consular-waits-chart-title", &[("post", name.into())]), &note, &series)))
                    figcaption {
                        (ctx.t_args("consular-waits-caption", &[("date", ctx.as_of.to_string().into())])) " " (note)
                    }
                }
            }
        }
    }
}
