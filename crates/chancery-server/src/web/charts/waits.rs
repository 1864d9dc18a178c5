//! Waits over the coming weeks: one line per series (a service's median or 90th percentile
//! days to an appointment, for the requests made in each week), each with its band across
//! replications drawn as a shaded range. Medians solid, 90th percentiles dashed, so the two
//! read apart in greyscale too.

use chancery_domain::consular::queue::band::Band;
use chancery_domain::CivilDate;
use plotters::prelude::*;

use super::super::i18n::{self, Lang};
use super::{chart_on, draw_line, legend, mesh, render, style, x, SIDE_COLOURS, THIRD};

/// Okabe–Ito after the sides' two and the third: reddish purple, orange, sky blue, yellow.
const MORE: [RGBColor; 4] = [
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xF0, 0xE4, 0x42),
];

fn colour(i: usize) -> RGBColor {
    match i {
        0 | 1 => SIDE_COLOURS[i],
        2 => THIRD,
        _ => MORE[(i - 3) % MORE.len()],
    }
}

/// One line: the value for the requests of each week (the week's first day), with its band.
pub struct WaitSeries {
    pub label: String,
    /// Series with the same colour belong together (a service's p50 and p90).
    pub colour: usize,
    /// Dashed (a 90th percentile, or a scenario beside its baseline).
    pub dashed: bool,
    pub weeks: Vec<(CivilDate, Band)>,
}

/// Waits per week from the first week's day to the last's; `note` says how they are computed.
pub fn waits(lang: Lang, id: &str, title: &str, note: &str, series: &[WaitSeries]) -> String {
    let from = series
        .iter()
        .filter_map(|s| s.weeks.first().map(|w| w.0))
        .min();
    let to = series
        .iter()
        .filter_map(|s| s.weeks.last().map(|w| w.0.add_days(7)))
        .max();
    let (Some(from), Some(to)) = (from, to) else {
        return maud::html!(p id=(id) { (i18n::message(lang, "chart-waits-none", &[("title", title.into())])) })
            .into_string();
    };
    let said = series
        .iter()
        .filter_map(|s| {
            let (first, last) = (s.weeks.first()?, s.weeks.last()?);
            let r = |v: f64| format!("{v:.0}");
            Some(i18n::message(
                lang,
                "chart-waits-series-desc",
                &[
                    ("label", s.label.as_str().into()),
                    ("first", r(first.1.mean).into()),
                    ("first_week", first.0.to_string().into()),
                    ("first_p10", r(first.1.p10).into()),
                    ("first_p90", r(first.1.p90).into()),
                    ("last", r(last.1.mean).into()),
                    ("last_week", last.0.to_string().into()),
                    ("last_p10", r(last.1.p10).into()),
                    ("last_p90", r(last.1.p90).into()),
                ],
            ))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let desc = i18n::message(
        lang,
        "chart-waits-desc",
        &[
            ("title", title.into()),
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("note", note.into()),
            ("said", said.into()),
        ],
    );
    render(lang, id, title, &desc, 340, |root| {
        let max = series
            .iter()
            .flat_map(|s| s.weeks.iter().map(|w| w.1.p90.max(w.1.mean)))
            .fold(1.0f64, f64::max);
        let top = (max * 1.15).ceil() + 1.0;
        let mut chart = chart_on(root, from, to, 0.0..top, 56)?;
        mesh(
            &mut chart,
            &i18n::message(lang, "chart-axis-date", &[]),
            &i18n::message(lang, "chart-waits-axis", &[]),
            &|v| format!("{v:.0}"),
        )?;
        for s in series {
            let c = colour(s.colour);
            let mut band: Vec<(i32, f64)> = s.weeks.iter().map(|(d, b)| (x(*d), b.p90)).collect();
            band.extend(s.weeks.iter().rev().map(|(d, b)| (x(*d), b.p10)));
            chart
                .draw_series(std::iter::once(Polygon::new(band, c.mix(0.15).filled())))
                .map_err(|e| e.to_string())?;
            let line = s.weeks.iter().map(|(d, b)| (x(*d), b.mean)).collect();
            let width = if s.dashed { 2 } else { 3 };
            draw_line(
                &mut chart,
                line,
                usize::from(s.dashed),
                style(c, width),
                &s.label,
            )?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(v: f64) -> Band {
        Band {
            mean: v,
            p10: v - 1.0,
            p90: v + 1.0,
        }
    }

    #[test]
    fn a_chart_of_waits_says_in_words_what_it_draws() {
        let day: CivilDate = "2026-01-05".parse().expect("a date");
        let s = WaitSeries {
            label: "visitors p50".into(),
            colour: 0,
            dashed: false,
            weeks: (0..4)
                .map(|w| (day.add_days(7 * w), band(f64::from(w) * 10.0)))
                .collect(),
        };
        let svg = waits(
            Lang::En,
            "w",
            "Waits at Moscow",
            "Warm-up of 91 days.",
            &[s],
        );
        assert!(svg.contains(">Waits at Moscow</title>"), "{svg}");
        assert!(svg.contains("visitors p50: 0 days for requests in the week of 2026-01-05"));
        assert!(svg.contains("30 in the week of 2026-01-26 (29–31)"));
        assert!(svg.contains("Days to an appointment"));
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn no_series_is_a_sentence_not_an_empty_chart() {
        assert!(waits(Lang::En, "w", "Waits", "", &[]).contains("no waits to chart"));
    }
}
