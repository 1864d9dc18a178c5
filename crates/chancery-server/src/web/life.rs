//! A measure's life in words: where it stands on the day asked, and whether verdicts rest on it.

use chancery_domain::image::measures::MeasureStatus;
use chancery_domain::query::MeasureView;
use chancery_domain::vocab::{Capacity, Confidence};
use maud::{html, Markup};

/// "in force", "announced, in force from 2021-08-01", "uncertain on that day", "lifted
/// 2024-05-01", "an event of 2013-05-14": never a bare flag.
pub(super) fn status(m: &MeasureView) -> Markup {
    html! {
        @match m.status {
            MeasureStatus::InForce => span.bad { "in force" },
            MeasureStatus::Announced => span.warn { "announced, in force from " (m.effective) },
            MeasureStatus::Uncertain => span.warn title="A date it depends on is imprecise (a month or a year), or it is only known to be in force by a later date." { "uncertain on that day" },
            MeasureStatus::Expired => span.ok { "expired " @if let Some(x) = m.expires { (x) } },
            MeasureStatus::Lifted => span.ok { "lifted " @if let Some(l) = m.lifted { (l) } },
            MeasureStatus::Happened => span.muted { "event of " (m.date) ", never in force" },
        }
    }
}

/// Why verdicts do not rest on a measure, if they do not: "local authority, symbolic".
pub(super) fn not_counted(m: &MeasureView) -> Option<String> {
    let mut why = Vec::new();
    if m.capacity != Capacity::HostGovernment {
        why.push(capacity_words(m.capacity).to_owned());
    }
    if m.symbolic {
        why.push("symbolic".to_owned());
    }
    if m.confidence == Some(Confidence::Low) {
        why.push("low confidence".to_owned());
    }
    (!why.is_empty()).then(|| why.join(", "))
}

pub(super) fn capacity_words(c: Capacity) -> &'static str {
    match c {
        Capacity::HostGovernment => "the host government",
        Capacity::SendingState => "the sending state's own decision",
        Capacity::LocalAuthority => "a local authority",
        Capacity::Legislature => "a legislature",
        Capacity::Court => "a court",
        Capacity::Private => "a private body",
    }
}

/// The status, and a label when verdicts leave the measure out.
pub(super) fn status_and_label(m: &MeasureView) -> Markup {
    html! {
        (status(m))
        @if let Some(why) = not_counted(m) { " " span.muted { "(not counted: " (why) ")" } }
    }
}
