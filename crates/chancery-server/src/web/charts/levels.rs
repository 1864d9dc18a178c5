//! One post's consular service levels over time: a row per service of its catalogue, a bar for
//! each period at one level. Levels are shades of one colour, darkest for full service, and
//! "none" an outline only, so the order reads the same in greyscale.

use chancery_domain::vocab::ServiceLevel;
use chancery_domain::CivilDate;
use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;

use super::super::i18n::{self, Lang};
use super::{date_axis, date_label, legend, render, style, x, FONT, INK, SIDE_COLOURS};

/// One service's periods, by date; a gap is a period the record says nothing of.
pub struct LevelRow {
    pub label: String,
    /// (from, until, level).
    pub periods: Vec<(CivilDate, CivilDate, ServiceLevel)>,
}

const LEVELS: [ServiceLevel; 4] = [
    ServiceLevel::Full,
    ServiceLevel::Limited,
    ServiceLevel::EmergencyOnly,
    ServiceLevel::None,
];

/// Rows the legend needs below the last service, so it never covers a bar.
const LEGEND_ROWS: usize = 5;

fn level_style(level: ServiceLevel) -> ShapeStyle {
    let c = SIDE_COLOURS[0];
    match level {
        ServiceLevel::Full => c.filled(),
        ServiceLevel::Limited => c.mix(0.55).filled(),
        ServiceLevel::EmergencyOnly => c.mix(0.25).filled(),
        ServiceLevel::None => style(INK, 1),
    }
}

fn level_words(lang: Lang, level: ServiceLevel) -> String {
    i18n::label(lang, "consular-level", level.as_str())
}

/// The y coordinate of row `i` (tenths of a row, downwards: plotters labels integer key points).
fn row_y(i: usize) -> i32 {
    -i32::try_from(i).unwrap_or(i32::MAX / 20) * 10
}

/// The levels of each service of `post` from `from` to `to`.
pub fn service_levels(
    lang: Lang,
    id: &str,
    post: &str,
    from: CivilDate,
    to: CivilDate,
    rows: &[LevelRow],
) -> String {
    let title = i18n::message(lang, "chart-levels-title", &[("post", post.into())]);
    let now = rows
        .iter()
        .map(|r| match r.periods.last() {
            Some((_, until, level)) if *until >= to => {
                format!("{}: {}", r.label, level_words(lang, *level))
            }
            _ => format!(
                "{}: {}",
                r.label,
                i18n::message(lang, "chart-levels-not-recorded", &[])
            ),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let desc = i18n::message(
        lang,
        "chart-levels-desc",
        &[
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("now", now.into()),
        ],
    );
    let n = rows.len() + LEGEND_ROWS;
    let height = u32::try_from(n)
        .unwrap_or(40)
        .saturating_mul(26)
        .clamp(160, 1200)
        + 90;
    render(lang, id, &title, &desc, height, |root| {
        let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        let ticks: Vec<i32> = (0..rows.len()).map(row_y).collect();
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(330)
            .build_cartesian_2d(
                date_axis(from, to),
                (row_y(n) + 4..6).with_key_points(ticks),
            )
            .map_err(|e| e.to_string())?;
        let fmt = |v: &i32| {
            usize::try_from(-v / 10)
                .ok()
                .and_then(|i| labels.get(i).cloned())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(super::GRID)
            .axis_style(INK)
            .x_desc(i18n::message(lang, "chart-axis-date", &[]))
            .y_desc(i18n::message(lang, "chart-axis-service", &[]))
            .x_label_formatter(&date_label)
            .y_label_formatter(&fmt)
            .label_style((FONT, 15).into_font().color(&INK))
            .axis_desc_style((FONT, 18).into_font().color(&INK))
            .draw()
            .map_err(|e| e.to_string())?;
        for level in LEVELS {
            let s = level_style(level);
            let bars = rows.iter().enumerate().flat_map(|(i, r)| {
                r.periods
                    .iter()
                    .filter(move |p| p.2 == level)
                    .map(move |(start, end, _)| {
                        Rectangle::new(
                            [
                                (x(*start), row_y(i) + 3),
                                (x(*end).max(x(*start) + 1), row_y(i) - 3),
                            ],
                            s,
                        )
                    })
            });
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label(level_words(lang, level))
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 22, y + 6)], s));
        }
        legend(&mut chart, SeriesLabelPosition::LowerLeft)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> CivilDate {
        s.parse().expect("a date")
    }

    #[test]
    fn the_description_names_each_services_level_on_the_last_day() {
        let rows = [
            LevelRow {
                label: "immigrant visas".into(),
                periods: vec![
                    (day("2017-01-01"), day("2021-05-12"), ServiceLevel::Full),
                    (day("2021-05-12"), day("2022-01-01"), ServiceLevel::None),
                ],
            },
            LevelRow {
                label: "trade promotion".into(),
                periods: Vec::new(),
            },
        ];
        let svg = service_levels(
            Lang::En,
            "c",
            "Moscow",
            day("2017-01-01"),
            day("2022-01-01"),
            &rows,
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("immigrant visas: none; trade promotion: not recorded"));
        assert!(
            svg.contains("emergency only"),
            "every level is in the legend"
        );
    }
}
