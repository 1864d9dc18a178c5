//! A measure's life in words: where it stands on the day asked, and whether verdicts rest on it.

use chancery_domain::image::measures::MeasureStatus;
use chancery_domain::query::MeasureView;
use chancery_domain::vocab::{Capacity, Confidence};
use maud::{html, Markup};

use super::Ctx;

/// "in force", "announced, in force from 2021-08-01", "uncertain on that day", "lifted
/// 2024-05-01", "an event of 2013-05-14": never a bare flag.
pub(super) fn status(ctx: &Ctx, m: &MeasureView) -> Markup {
    let date = |d: Option<chancery_domain::ValidDate>| d.map(|d| d.to_string()).unwrap_or_default();
    html! {
        @match m.status {
            MeasureStatus::InForce => span.bad { (ctx.t("life-in-force")) },
            MeasureStatus::Announced => span.warn { (ctx.t_args("life-announced", &[("date", m.effective.to_string().into())])) },
            MeasureStatus::Uncertain => span.warn title=(ctx.t("life-uncertain-why")) { (ctx.t("life-uncertain")) },
            MeasureStatus::Expired => span.ok { (ctx.t_args("life-expired", &[("date", date(m.expires).into())])) },
            MeasureStatus::Lifted => span.ok { (ctx.t_args("life-lifted", &[("date", date(m.lifted).into())])) },
            MeasureStatus::Happened => span.muted { (ctx.t_args("life-happened", &[("date", m.date.to_string().into())])) },
        }
    }
}

/// Why verdicts do not rest on a measure, if they do not: "local authority, symbolic".
pub(super) fn not_counted(ctx: &Ctx, m: &MeasureView) -> Option<String> {
    let mut why = Vec::new();
    if m.capacity != Capacity::HostGovernment {
        why.push(capacity_words(ctx, m.capacity));
    }
    if m.symbolic {
        why.push(ctx.t("life-symbolic"));
    }
    if m.confidence == Some(Confidence::Low) {
        why.push(ctx.t("life-low-confidence"));
    }
    (!why.is_empty()).then(|| why.join(", "))
}

/// Who took a measure, in words: "the host government", "a court".
pub(super) fn capacity_words(ctx: &Ctx, c: Capacity) -> String {
    ctx.label("taken-by", c.as_str())
}

/// The status, and a label when verdicts leave the measure out.
pub(super) fn status_and_label(ctx: &Ctx, m: &MeasureView) -> Markup {
    html! {
        (status(ctx, m))
        @if let Some(why) = not_counted(ctx, m) { " " span.muted { "(" (ctx.t("life-not-counted")) " " (why) ")" } }
    }
}
