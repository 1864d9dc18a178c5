//! The log's timestamps: RFC 3339 in UTC with microseconds (`2026-12-06T03:58:20.877312Z`),
//! as tracing-subscriber's own `SystemTime` writes them, but with the date and time of day
//! formatted once a second per thread instead of for every line: under load that was a tenth
//! of an access line's cost.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chancery_domain::CivilDate;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::FormatTime;

/// The timer the server's log uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stamp;

thread_local! {
    /// The second last formatted on this thread, and its `YYYY-MM-DDTHH:MM:SS`.
    static SECOND: RefCell<Option<(u64, String)>> = const { RefCell::new(None) };
}

impl FormatTime for Stamp {
    fn format_time(&self, w: &mut Writer<'_>) -> fmt::Result {
        // A clock set before 1970 logs the epoch rather than nothing.
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        write_stamp(w, since)
    }
}

fn write_stamp(w: &mut impl fmt::Write, since_epoch: Duration) -> fmt::Result {
    let secs = since_epoch.as_secs();
    SECOND.with(|cell| {
        let mut cell = cell.borrow_mut();
        let second = match &mut *cell {
            Some((at, text)) if *at == secs => text,
            slot => {
                let (at, text) = slot.insert((secs, String::with_capacity(20)));
                *at = secs;
                write_second(text, secs)?;
                text
            }
        };
        w.write_str(second)
    })?;
    let mut micros = since_epoch.subsec_micros();
    let mut tail = *b".000000Z";
    for digit in tail[1..7].iter_mut().rev() {
        *digit = b'0' + (micros % 10) as u8;
        micros /= 10;
    }
    // ASCII digits and punctuation only.
    w.write_str(std::str::from_utf8(&tail).map_err(|_| fmt::Error)?)
}

/// `YYYY-MM-DDTHH:MM:SS` of `secs` seconds after the Unix epoch, in UTC.
fn write_second(out: &mut String, secs: u64) -> fmt::Result {
    let day = i32::try_from(secs / 86_400).map_err(|_| fmt::Error)?;
    let (year, month, dom) = CivilDate::from_days_since_epoch(day).ymd();
    let in_day = secs % 86_400;
    write!(
        out,
        "{year:04}-{month:02}-{dom:02}T{:02}:{:02}:{:02}",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(secs: u64, micros: u32) -> String {
        let mut out = String::new();
        write_stamp(&mut out, Duration::new(secs, micros * 1000)).unwrap();
        out
    }

    #[test]
    fn stamps_are_rfc3339_utc_with_microseconds() {
        assert_eq!(stamp(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(stamp(1_796_529_500, 877_312), "2026-12-06T03:58:20.877312Z");
        // The same second again (the kept text), then the next, a leap day and a year's end.
        assert_eq!(stamp(1_796_529_500, 5), "2026-12-06T03:58:20.000005Z");
        assert_eq!(stamp(1_796_529_501, 999_999), "2026-12-06T03:58:21.999999Z");
        assert_eq!(stamp(951_782_400, 1), "2000-02-29T00:00:00.000001Z");
        assert_eq!(stamp(1_798_761_599, 0), "2026-12-31T23:59:59.000000Z");
    }

    #[test]
    fn stamps_agree_with_tracing_subscribers_own() {
        // Its clock and ours are read a moment apart: compare the shape and the second.
        let mut theirs = String::new();
        tracing_subscriber::fmt::time::SystemTime
            .format_time(&mut Writer::new(&mut theirs))
            .unwrap();
        let mut ours = String::new();
        Stamp.format_time(&mut Writer::new(&mut ours)).unwrap();
        assert_eq!(ours.len(), theirs.len(), "{ours} / {theirs}");
        assert_eq!(ours.as_bytes()[19], b'.');
        assert!(ours.ends_with('Z'));
        // Unless the second turned between the two reads.
        let (a, b) = (&ours[..19], &theirs[..19]);
        assert!(a >= b, "{ours} / {theirs}");
    }
}
