//! Charts drawn on the server as SVG with `plotters` (SVG backend only: the browser lays out the
//! text, so no font stack is compiled in).
//!
//! Conventions shared by every chart, so that they read the same on screen and on paper:
//! - dates on the x-axis, a tick on the first day of each year (each quarter on ranges of a few
//!   years, each month on ranges of a few months);
//! - the Okabe–Ito palette, safe for the common colour-vision deficiencies, and a second cue
//!   that survives greyscale printing: the first side is drawn solid/filled, the second dashed/
//!   outlined;
//! - a `<title>` and `<desc>` inside the `<svg>` for screen readers, the same text as the caption;
//! - the output depends only on the data, so it can be snapshot-tested.

use std::ops::Range;

use chancery_domain::CivilDate;
use plotters::coord::combinators::{BindKeyPoints, WithKeyPoints};
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::i18n::{self, Lang};
use super::pages::possessive;

mod levels;
pub use levels::{service_levels, LevelRow};
mod waits;
pub use waits::{waits, WaitSeries};

/// Okabe–Ito blue and vermillion: one per side of the relation.
pub const SIDE_COLOURS: [RGBColor; 2] = [RGBColor(0x00, 0x72, 0xB2), RGBColor(0xD5, 0x5E, 0x00)];
/// Okabe–Ito bluish green, for a third series that is neither side.
const THIRD: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const GRID: RGBColor = RGBColor(0xD0, 0xD0, 0xD0);
const INK: RGBColor = RGBColor(0x11, 0x11, 0x11);
const ARROW: RGBColor = RGBColor(0x44, 0x44, 0x44);

const WIDTH: u32 = 960;
const FONT: &str = "sans-serif";

type DateAxis = WithKeyPoints<RangedCoordi32>;

/// A day as an x coordinate.
fn x(d: CivilDate) -> i32 {
    d.days_since_epoch()
}

/// Ranges shorter than this many days get a tick each month (a quarter's waits, say).
const MONTHLY_TICKS_BELOW_DAYS: i32 = 200;

/// The x range and its ticks: 1 January of each year, each quarter when the range is a few
/// years, each month when it is a few months.
fn date_axis(from: CivilDate, to: CivilDate) -> DateAxis {
    let (start, end) = (x(from), x(to).max(x(from) + 1));
    let (y0, _, _) = from.ymd();
    let (y1, _, _) = to.ymd();
    let months: &[u32] = if end - start < MONTHLY_TICKS_BELOW_DAYS {
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    } else if y1 - y0 < 3 {
        &[1, 4, 7, 10]
    } else {
        &[1]
    };
    let mut ticks = Vec::new();
    for year in y0..=y1 {
        for &m in months {
            if let Some(d) = CivilDate::from_ymd(year, m, 1) {
                if (start..=end).contains(&x(d)) {
                    ticks.push(x(d));
                }
            }
        }
    }
    (start..end).with_key_points(ticks)
}

fn date_label(day: &i32) -> String {
    let (y, m, _) = CivilDate::from_days_since_epoch(*day).ymd();
    if m == 1 {
        format!("{y}")
    } else {
        format!("{y}-{m:02}")
    }
}

/// Adds `role`, `<title>` and `<desc>` to the SVG plotters wrote.
fn accessible(svg: String, id: &str, title: &str, desc: &str) -> String {
    let esc = |s: &str| maud::html!((s)).into_string();
    let Some(end) = svg.find('>') else {
        return svg;
    };
    let (open, rest) = svg.split_at(end);
    format!(
        "{} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        open,
        esc(title),
        esc(desc),
        &rest[1..]
    )
}

/// A chart that could not be drawn is replaced by a sentence, not a broken page.
fn or_message(lang: Lang, id: &str, title: &str, r: Result<String, String>) -> String {
    r.unwrap_or_else(|e| {
        let said = i18n::message(
            lang,
            "chart-not-drawn",
            &[("title", title.into()), ("why", e.into())],
        );
        maud::html!(p id=(id) { (said) }).into_string()
    })
}

type Root<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// One chart `height` pixels high on white, drawn by `paint` and made accessible: the frame
/// every chart shares, so each says only what it draws.
fn render(
    lang: Lang,
    id: &str,
    title: &str,
    desc: &str,
    height: u32,
    paint: impl FnOnce(&Root<'_>) -> Result<(), String>,
) -> String {
    let draw = || -> Result<String, String> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            paint(&root)?;
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(accessible(svg, id, title, desc))
    };
    or_message(lang, id, title, draw())
}

fn style(colour: RGBColor, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: colour.to_rgba(),
        filled: false,
        stroke_width: width,
    }
}

/// Draws a step line (the value holds until the next point) solid for side 0, dashed otherwise.
fn step_points(points: &[(CivilDate, f64)], until: CivilDate) -> Vec<(i32, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2 + 1);
    for (i, (d, v)) in points.iter().enumerate() {
        if i > 0 {
            out.push((x(*d), points[i - 1].1));
        }
        out.push((x(*d), *v));
    }
    if let Some((_, v)) = points.last() {
        out.push((x(until), *v));
    }
    out
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<DateAxis, RangedCoordf64>>;

fn draw_line<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    points: Vec<(i32, f64)>,
    side: usize,
    s: ShapeStyle,
    label: &str,
) -> Result<(), String> {
    let e = |e: DrawingAreaErrorKind<_>| e.to_string();
    if side == 0 {
        chart
            .draw_series(LineSeries::new(points, s))
            .map_err(e)?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], s));
    } else {
        chart
            .draw_series(DashedLineSeries::new(points, 8, 5, s))
            .map_err(e)?
            .label(label)
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (8, 0)], s)
                    + PathElement::new(vec![(13, 0), (21, 0)], s)
            });
    }
    Ok(())
}

fn chart_on<'a, 'b>(
    root: &'a Root<'b>,
    from: CivilDate,
    to: CivilDate,
    y: Range<f64>,
    y_area: u32,
) -> Result<Chart<'a, 'b>, String> {
    ChartBuilder::on(root)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(48)
        .y_label_area_size(y_area)
        .build_cartesian_2d(date_axis(from, to), y)
        .map_err(|e| e.to_string())
}

fn legend<'a, 'b: 'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>,
    pos: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(pos)
        .background_style(WHITE.mix(0.9))
        .border_style(INK)
        .label_font((FONT, 17).into_font().color(&INK))
        .draw()
        .map_err(|e| e.to_string())
}

fn mesh<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    x_desc: &str,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Result<(), String> {
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(&date_label)
        .y_label_formatter(y_fmt)
        .label_style((FONT, 17).into_font().color(&INK))
        .axis_desc_style((FONT, 18).into_font().color(&INK))
        .draw()
        .map_err(|e| e.to_string())
}

/// One mission's staffing: the reported figures and the caps imposed on it.
pub struct StaffSeries {
    pub label: String,
    /// One line per counting definition, widest first: (what it counts, in a few words;
    /// (date of the report, figure) by date). Figures under different definitions are never
    /// joined: a count of local staff after a total is not a fall in the total.
    pub reports: Vec<(String, Vec<(CivilDate, u32)>)>,
    /// (in force from, until, cap).
    pub caps: Vec<(CivilDate, CivilDate, u32)>,
}

/// Spacing and height, in pixels, of the ticks that mark a cap.
const CAP_TICK_EVERY: i32 = 6;
const CAP_TICK_HEIGHT: i32 = 7;

/// The ticks that mark a cap, from `x` along `width` pixels at height `y`: they stand on the
/// cap's thin line like a ceiling, which keeps the cap visible, and distinct from a report's
/// dashes, where it runs along another line at the same figure (that line shows between them).
fn cap_ticks(x: i32, y: i32, width: i32, colour: RGBColor) -> Vec<PathElement<(i32, i32)>> {
    (0..=width.max(0) / CAP_TICK_EVERY)
        .map(|i| {
            let at = x + i * CAP_TICK_EVERY;
            PathElement::new(vec![(at, y), (at, y - CAP_TICK_HEIGHT)], style(colour, 2))
        })
        .collect()
}

/// A cap over the period it was in force, with its legend entry (`first`: one entry per
/// mission) and a label that names the mission it applies to, above the ticks and ending at
/// the cap's end, so it never sits on a line at the same figure.
fn draw_cap<'a, 'b: 'a>(
    lang: Lang,
    root: &Root<'b>,
    chart: &mut Chart<'a, 'b>,
    colour: RGBColor,
    mission: &str,
    first: bool,
    (start, end, cap): (CivilDate, CivilDate, u32),
) -> Result<(), String> {
    let e = |e: DrawingAreaErrorKind<_>| e.to_string();
    let value = f64::from(cap);
    let line = vec![(x(start), value), (x(end), value)];
    let drawn = chart
        .draw_series(LineSeries::new(line, style(colour, 1)))
        .map_err(e)?;
    if first {
        drawn
            .label(i18n::message(
                lang,
                "chart-staff-cap-legend",
                &[("mission", mission.into())],
            ))
            .legend(move |(x, y)| {
                let tick = |at: i32| {
                    PathElement::new(vec![(at, 0), (at, -CAP_TICK_HEIGHT)], style(colour, 2))
                };
                EmptyElement::at((x, y + CAP_TICK_HEIGHT / 2))
                    + PathElement::new(vec![(0, 0), (24, 0)], style(colour, 1))
                    + tick(0)
                    + tick(6)
                    + tick(12)
                    + tick(18)
                    + tick(24)
            });
    }
    let (x0, y) = chart.backend_coord(&(x(start), value));
    let (x1, _) = chart.backend_coord(&(x(end), value));
    for tick in cap_ticks(x0, y, x1 - x0, colour) {
        root.draw(&tick).map_err(e)?;
    }
    let font = (FONT, 16)
        .into_font()
        .color(&INK)
        .pos(Pos::new(HPos::Right, VPos::Bottom));
    root.draw(&Text::new(
        i18n::message(
            lang,
            "chart-staff-cap-label",
            &[("mission", mission.into()), ("cap", cap.into())],
        ),
        (x1, y - CAP_TICK_HEIGHT - 3),
        font,
    ))
    .map_err(e)
}

/// Staffing of both missions over time, in `lang`: reports as points joined by steps (a figure
/// holds until the next report), caps as flat lines over the period they were in force.
pub fn staffing_in(
    lang: Lang,
    id: &str,
    from: CivilDate,
    to: CivilDate,
    series: &[StaffSeries; 2],
) -> String {
    let title = &i18n::message(lang, "chart-staff-title", &[]);
    let m = |id: &str, args: &[(&str, i18n::Arg<'_>)]| i18n::message(lang, id, args);
    let said = series
        .iter()
        .map(|s| {
            let latest: String = if s.reports.is_empty() {
                m(
                    "chart-staff-no-report",
                    &[("label", s.label.as_str().into())],
                )
            } else {
                s.reports
                    .iter()
                    .filter_map(|(what, pts)| {
                        let (d, v) = pts.last()?;
                        Some(m(
                            "chart-staff-latest",
                            &[
                                ("label", s.label.as_str().into()),
                                ("what", what.as_str().into()),
                                ("n", (*v).into()),
                                ("date", d.to_string().into()),
                            ],
                        ))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let caps = s.caps.iter().map(|(start, end, cap)| {
                let when = if *end >= to {
                    m("chart-since", &[("date", start.to_string().into())])
                } else {
                    m(
                        "chart-from-to",
                        &[
                            ("from", start.to_string().into()),
                            ("to", end.to_string().into()),
                        ],
                    )
                };
                format!(
                    " {}",
                    m(
                        "chart-staff-cap-desc",
                        &[
                            ("label", s.label.as_str().into()),
                            ("cap", (*cap).into()),
                            ("when", when.into()),
                        ],
                    )
                )
            });
            std::iter::once(latest).chain(caps).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let desc = m(
        "chart-staff-desc",
        &[
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("said", said.into()),
        ],
    );
    render(lang, id, title, &desc, 380, |root| {
        let max = series
            .iter()
            .flat_map(|s| {
                s.reports
                    .iter()
                    .flat_map(|(_, pts)| pts.iter().map(|r| r.1))
                    .chain(s.caps.iter().map(|c| c.2))
            })
            .max()
            .unwrap_or(10)
            .max(10);
        // Headroom above the data keeps the legend clear of the lines: the more entries (one
        // per counting drawn and one per capped mission), the taller the legend.
        let entries = series
            .iter()
            .map(|s| s.reports.len() + usize::from(!s.caps.is_empty()))
            .sum::<usize>();
        let legend_share = (entries as f64 * 0.075 + 0.15).min(0.6);
        let top = f64::from(max) / (1.0 - legend_share);
        let mut chart = chart_on(root, from, to, 0.0..top, 72)?;
        mesh(
            &mut chart,
            &m("chart-axis-date", &[]),
            &m("chart-staff-axis", &[]),
            &|v| format!("{v:.0}"),
        )?;
        for (side, s) in series.iter().enumerate() {
            let colour = SIDE_COLOURS[side];
            // The widest definition is drawn heavy with filled markers; narrower ones (sub-counts)
            // thin with hollow markers, so a sub-count never reads as the mission's total.
            for (rank, (what, reports)) in s.reports.iter().enumerate() {
                let pts: Vec<(CivilDate, f64)> =
                    reports.iter().map(|(d, v)| (*d, f64::from(*v))).collect();
                if pts.is_empty() {
                    continue;
                }
                let width = if rank == 0 { 3 } else { 1 };
                draw_line(
                    &mut chart,
                    step_points(&pts, to),
                    side,
                    style(colour, width),
                    &format!("{}: {what}", s.label),
                )?;
                let marker = if rank == 0 {
                    colour.filled()
                } else {
                    style(colour, 2)
                };
                let points = pts.iter().map(|(d, v)| (x(*d), *v));
                if side == 0 {
                    chart
                        .draw_series(points.map(|p| Circle::new(p, 5, marker)))
                        .map_err(|e| e.to_string())?;
                } else {
                    chart
                        .draw_series(points.map(|p| TriangleMarker::new(p, 7, marker)))
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        // Caps go on top of every report line: a cap often equals the other mission's
        // figure (455 on both sides in 2018), and a line drawn later would hide it.
        for (side, s) in series.iter().enumerate() {
            for (i, (start, end, cap)) in s.caps.iter().enumerate() {
                draw_cap(
                    lang,
                    root,
                    &mut chart,
                    SIDE_COLOURS[side],
                    &s.label,
                    i == 0,
                    (*start, *end, *cap),
                )?;
            }
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}

/// A count over time per side (posts open), drawn as steps, in `lang`: `words` are its title,
/// its y-axis and its note (how it is counted), in that language.
pub fn counts_in(
    lang: Lang,
    id: &str,
    (title, y_desc, note): (&str, &str, &str),
    from: CivilDate,
    to: CivilDate,
    series: &[(String, Vec<(CivilDate, u32)>); 2],
) -> String {
    let said = series
        .iter()
        .map(|(label, pts)| match pts.last() {
            Some((_, v)) => i18n::message(
                lang,
                "chart-counts-latest",
                &[
                    ("label", label.as_str().into()),
                    ("n", (*v).into()),
                    ("date", to.to_string().into()),
                ],
            ),
            None => i18n::message(
                lang,
                "chart-counts-none",
                &[("label", label.as_str().into())],
            ),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let desc = i18n::message(
        lang,
        "chart-counts-desc",
        &[
            ("title", title.into()),
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("note", note.into()),
            ("said", said.into()),
        ],
    );
    render(lang, id, title, &desc, 300, |root| {
        let max = series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|p| p.1))
            .max()
            .unwrap_or(1)
            .max(1);
        let top = (f64::from(max) * 1.5).ceil() + 1.0;
        let mut chart = chart_on(root, from, to, 0.0..top, 56)?;
        mesh(
            &mut chart,
            &i18n::message(lang, "chart-axis-date", &[]),
            y_desc,
            &|v| format!("{v:.0}"),
        )?;
        for (side, (label, pts)) in series.iter().enumerate() {
            let pts: Vec<(CivilDate, f64)> = pts.iter().map(|(d, v)| (*d, f64::from(*v))).collect();
            // Lift the second side by a hair so equal counts do not hide one line.
            let lift = if side == 1 { top * 0.012 } else { 0.0 };
            let line = step_points(&pts, to)
                .into_iter()
                .map(|(d, v)| (d, v + lift))
                .collect();
            draw_line(&mut chart, line, side, style(SIDE_COLOURS[side], 3), label)?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

/// One measure on the timeline.
pub struct TimelineRow {
    /// Short label on the y-axis (the measure's reference).
    pub label: String,
    /// 0 or 1: which side took it.
    pub side: usize,
    pub start: CivilDate,
    /// Lifted on, or the end of the chart when still in force.
    pub end: CivilDate,
    pub in_force: bool,
    /// Rows this measure answers.
    pub answers: Vec<usize>,
}

/// Every measure as a bar from its effective date to its lifting (or the chart's end), one row
/// each by date, and an arrow from each answered measure to the measure that answered it.
pub fn measures_timeline_in(
    lang: Lang,
    id: &str,
    from: CivilDate,
    to: CivilDate,
    sides: [&str; 2],
    rows: &[TimelineRow],
) -> String {
    let title = &i18n::message(lang, "chart-timeline-title", &[]);
    let in_force = rows.iter().filter(|r| r.in_force).count();
    let desc = i18n::message(
        lang,
        "chart-timeline-desc",
        &[
            ("n", rows.len().into()),
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("in_force", in_force.into()),
            ("a", sides[0].into()),
            ("b", sides[1].into()),
            ("a_possessive", possessive(sides[0]).into()),
            ("b_possessive", possessive(sides[1]).into()),
        ],
    );
    let row_y = |i: usize| -i32::try_from(i).unwrap_or(i32::MAX / 20) * 10;
    let n = rows.len().max(1);
    let height = u32::try_from(n)
        .unwrap_or(400)
        .saturating_mul(18)
        .clamp(140, 2400)
        + 110;
    render(lang, id, title, &desc, height, |root| {
        let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        // Row 0 at the top: the y range runs downwards.
        // Integer coordinates (tenths of a row): plotters formats key points only on those.
        let y_ticks: Vec<i32> = (0..rows.len()).map(row_y).collect();
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(96)
            .build_cartesian_2d(
                date_axis(from, to),
                (row_y(n) + 4..6).with_key_points(y_ticks),
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
            .bold_line_style(GRID)
            .axis_style(INK)
            .x_desc(i18n::message(lang, "chart-axis-date", &[]))
            .y_desc(i18n::message(lang, "chart-timeline-axis", &[]))
            .x_label_formatter(&date_label)
            .y_label_formatter(&fmt)
            .label_style((FONT, 15).into_font().color(&INK))
            .axis_desc_style((FONT, 18).into_font().color(&INK))
            .draw()
            .map_err(|e| e.to_string())?;
        // Arrows under the bars, so bars stay readable where they cross.
        for (i, r) in rows.iter().enumerate() {
            for &p in &r.answers {
                let Some(answered) = rows.get(p) else {
                    continue;
                };
                let from_px = chart.backend_coord(&(x(answered.start), row_y(p)));
                let to_px = chart.backend_coord(&(x(r.start), row_y(i)));
                arrow(root, from_px, to_px)?;
            }
        }
        for (side, name) in sides.iter().enumerate() {
            let colour = SIDE_COLOURS[side];
            let bars = rows.iter().enumerate().filter(|(_, r)| r.side == side);
            let shape = if side == 0 {
                colour.filled()
            } else {
                style(colour, 2)
            };
            let end_x = |r: &TimelineRow| x(r.end).max(x(r.start) + 20);
            chart
                .draw_series(bars.map(|(i, r)| {
                    Rectangle::new(
                        [(x(r.start), row_y(i) + 3), (end_x(r), row_y(i) - 3)],
                        shape,
                    )
                }))
                .map_err(|e| e.to_string())?
                .label(i18n::message(
                    lang,
                    "chart-timeline-legend",
                    &[("side", (*name).into())],
                ))
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 22, y + 6)], shape));
        }
        legend(&mut chart, SeriesLabelPosition::LowerLeft)?;
        Ok(())
    })
}

/// An elbow arrow in pixels: down (or up) from the answered measure, then across to the answer.
fn arrow(root: &Root<'_>, from: (i32, i32), to: (i32, i32)) -> Result<(), String> {
    let s = style(ARROW, 1);
    let corner = (from.0, to.1);
    root.draw(&PathElement::new(vec![from, corner, to], s))
        .map_err(|e| e.to_string())?;
    // The head points along the last segment: right, or down/up when the two start together.
    let head = if to.0 > corner.0 {
        vec![(to.0, to.1), (to.0 - 7, to.1 - 4), (to.0 - 7, to.1 + 4)]
    } else if to.1 >= from.1 {
        vec![(to.0, to.1), (to.0 - 4, to.1 - 7), (to.0 + 4, to.1 - 7)]
    } else {
        vec![(to.0, to.1), (to.0 - 4, to.1 + 7), (to.0 + 4, to.1 + 7)]
    };
    root.draw(&Polygon::new(head, ARROW.filled()))
        .map_err(|e| e.to_string())
}

/// The normalisation index over time, in `lang`: one line per side and the combined index.
pub fn index_in(
    lang: Lang,
    id: &str,
    baseline: CivilDate,
    (from, to): (CivilDate, CivilDate),
    series: &[(String, Vec<(CivilDate, f64)>); 2],
    combined: &[(CivilDate, f64)],
) -> String {
    let title = &i18n::message(lang, "chart-index-title", &[]);
    let last = combined.last().map_or_else(
        || i18n::message(lang, "chart-index-no-value", &[]),
        |(d, v)| {
            i18n::message(
                lang,
                "chart-index-last",
                &[
                    ("v", format!("{v:.1}").into()),
                    ("date", d.to_string().into()),
                ],
            )
        },
    );
    let desc = i18n::message(
        lang,
        "chart-index-desc",
        &[
            ("baseline", baseline.to_string().into()),
            ("last", last.into()),
        ],
    );
    render(lang, id, title, &desc, 340, |root| {
        let values = series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|p| p.1))
            .chain(combined.iter().map(|p| p.1))
            .chain([100.0]);
        let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let pad = ((hi - lo) * 0.08).max(2.0);
        let mut chart = chart_on(root, from, to, (lo - pad).max(0.0)..hi + pad, 64)?;
        mesh(
            &mut chart,
            &i18n::message(lang, "chart-axis-date", &[]),
            &i18n::message(lang, "chart-index-axis", &[]),
            &|v| format!("{v:.0}"),
        )?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x(from), 100.0), (x(to), 100.0)],
                style(GRID, 2),
            )))
            .map_err(|e| e.to_string())?;
        for (side, (label, pts)) in series.iter().enumerate() {
            let line = pts.iter().map(|(d, v)| (x(*d), *v)).collect();
            draw_line(&mut chart, line, side, style(SIDE_COLOURS[side], 3), label)?;
        }
        let s = style(THIRD, 4);
        chart
            .draw_series(LineSeries::new(
                combined.iter().map(|(d, v)| (x(*d), *v)),
                s,
            ))
            .map_err(|e| e.to_string())?
            .label(i18n::message(lang, "chart-index-combined", &[]))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], s));
        legend(&mut chart, SeriesLabelPosition::LowerLeft)?;
        Ok(())
    })
}
