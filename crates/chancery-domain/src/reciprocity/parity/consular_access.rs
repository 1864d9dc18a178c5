//! Parity of consular access to detained nationals (issue 12 §6): how each host has let the
//! other state's consuls reach its nationals in custody.
//!
//! Two kinds of fact, with different standing:
//! - denials of access (`consular_access_denied` measures): the host's acts, on the record both
//!   parties share, so a verdict may rest on them. Counted over the whole record up to the
//!   view's day, not a window: a denial is a breach on one case, rare, and a window would let
//!   an old one drop out of the comparison without anything having changed;
//! - the access clocks of the cases (`crate::consular::cases`): a case file is its national's
//!   ministry's own, internal unless publicly reported, so a reader holds its own nationals'
//!   cases and at most the public ones of the other's. The clocks are shown as "from the cases
//!   on your record" and never decide the verdict, and no text says whether a case is hidden.

use crate::access::Reader;
use crate::consular::cases::{ClockName, ClockStatus};
use crate::ids::RelationKey;
use crate::image::claims::ClaimStatus;
use crate::image::measures::MeasureState;
use crate::image::timeline::View;
use crate::image::Image;
use crate::vocab::MeasureKind;

use super::{
    by_rank, finish, measure_basis, measure_label, states_of, with_by, Dimension, Meta, Mission,
    Side, Value,
};

pub(super) const CONSULAR_ACCESS: Meta = Meta {
    key: "consular_access",
    label: "Consular access to detained nationals",
    explanation: "Denials of consular access to the mission's nationals in custody \
        (consular_access_denied measures of the host, VCCR Art. 36(1)(c)), counted over the whole \
        record up to the day: more denials = stricter host. Beside them, the access clocks \
        (met, met late, overdue, missed) of the cases on the reader's record; a ministry's cases \
        are its own and internal unless publicly reported, so a reader does not hold the other \
        side's, and the clocks never decide the verdict.",
};

/// The access clocks of one side's cases, by status.
#[derive(Default)]
struct Clocks {
    met: usize,
    met_late: usize,
    overdue: usize,
    missed: usize,
    /// Met or not, the dates on record cannot tell whether by the deadline.
    uncertain: usize,
    /// Publicly reported cases whose reporting says nothing of access.
    not_reported: usize,
}

impl Clocks {
    fn text(&self) -> String {
        let mut text = format!(
            "access met {}, met late {}, overdue {}, missed {}",
            self.met, self.met_late, self.overdue, self.missed
        );
        if self.not_reported > 0 {
            text.push_str(&format!(
                ", not in the public reporting {}",
                self.not_reported
            ));
        }
        if self.uncertain > 0 {
            text.push_str(&format!(
                ", on time or not uncertain {} (dates known only to a period)",
                self.uncertain
            ));
        }
        text
    }
}

impl Image {
    pub(super) fn consular_access_dimension(
        &self,
        view: View,
        sides: &[Mission<'_>; 2],
    ) -> Dimension {
        let states = states_of(sides);
        let mut out = Vec::with_capacity(2);
        let mut ranks = [None, None];
        for (i, m) in sides.iter().enumerate() {
            let (counted, apart) = self.denials(m, view);
            let n = counted.len() as i64;
            let since = match m.record_start {
                Some(d) => format!("since the record begins ({d})"),
                None => "on record".to_owned(),
            };
            let text = match counted.last() {
                None => format!("no denial of access by {} {since}", m.host),
                Some(latest) => format!(
                    "{n} denial(s) of access by {} {since}; latest {}: {}",
                    m.host,
                    latest.imposed.date,
                    measure_label(latest)
                ),
            };
            ranks[i] = Some(n);
            let mut value = Value::known(Some(n), text);
            value.notes.extend(apart);
            value.notes.extend(self.clock_notes(m, view));
            let basis = counted
                .iter()
                .map(|s| measure_basis(m.sending, s))
                .collect();
            out.push(Side::from_value(value, basis));
        }
        let verdict = with_by(by_rank(ranks, states), || {
            Some((ranks[0]? - ranks[1]?).abs())
        });
        let [s0, s1] = [out.remove(0), out.remove(0)];
        finish(
            &CONSULAR_ACCESS,
            "consular_access_denied measures of the host against the mission's state, whole record \
             to the day; case clocks from the reader's record, shown apart"
                .to_owned(),
            sides,
            [s0, s1],
            verdict,
        )
    }

    /// The host's denials against the side's state dated by the view's day, in date order:
    /// those a verdict may rest on, and the others in words.
    fn denials<'a>(&'a self, m: &Mission<'_>, view: View) -> (Vec<MeasureState<'a>>, Vec<String>) {
        let ids = self
            .relations
            .get(&RelationKey::new(m.sending, m.host))
            .map_or(&[][..], |r| &r.measures[..]);
        let mut counted = Vec::new();
        let mut apart = Vec::new();
        for id in ids {
            let Some(r) = self.measure_record(id) else {
                continue;
            };
            if (r.actor, r.target) != (m.host, m.sending) {
                continue;
            }
            let Some(s) = r.state(&view) else {
                continue;
            };
            if s.measure.measure_kind != MeasureKind::ConsularAccessDenied {
                continue;
            }
            if s.before_first_known || s.imposed.date.latest() > view.as_of {
                apart.push(format!(
                    "dated by a period that may end after the day, not counted: {}",
                    measure_label(&s)
                ));
            } else if let Some(why) = s.not_counted_because(view.verdicts) {
                apart.push(format!(
                    "also on record, not counted: {} ({why})",
                    measure_label(&s)
                ));
            } else {
                counted.push(s);
            }
        }
        counted.sort_by_key(|s| (s.imposed.date, s.imposed.seq));
        let (mut open, mut disputed, mut confirmed) = (0usize, 0usize, 0usize);
        for (c, date, status) in
            self.claimed_impositions(RelationKey::new(m.sending, m.host), m.sending, view)
        {
            if (c.actor, c.target) == (m.host, m.sending)
                && c.measure_kind == MeasureKind::ConsularAccessDenied
                && date.earliest() <= view.as_of
            {
                *match status {
                    ClaimStatus::Open => &mut open,
                    ClaimStatus::Disputed => &mut disputed,
                    ClaimStatus::Confirmed => &mut confirmed,
                } += 1;
            }
        }
        // Claims the host has not disputed count when the reader asks to include them; a
        // disputed one never does.
        let (by, host) = (m.sending, m.host);
        let included = view.verdicts.include_claims_of.is_some();
        for (n, what, counts_if_included) in [
            (open, format!("claimed by {by}, not established"), true),
            (disputed, format!("claimed by {by} and disputed by {host}"), false),
            (
                confirmed,
                format!("claimed by {by} and confirmed by {host}, which has not recorded it as its own act"),
                true,
            ),
        ] {
            if n > 0 && !(included && counts_if_included) {
                apart.push(format!(
                    "{n} more {what}: counted only when asked to include {by}'s undisputed claims"
                ));
            }
        }
        (counted, apart)
    }

    /// The access clocks of the side's cases the reader holds, in words; and, when the reader
    /// does not hold every case of the side's nationals, that the figures are partial. Said the
    /// same whether or not the reader holds any, so it tells nothing of a case it may not see.
    fn clock_notes(&self, m: &Mission<'_>, view: View) -> Vec<String> {
        let mut clocks = Clocks::default();
        let mut cases = 0usize;
        if let Ok(c) = self.consular_cases(m.sending, m.host, view) {
            for case in c.cases.iter().filter(|c| c.national_of == m.sending) {
                let Some(k) = case
                    .clocks
                    .iter()
                    .find(|k| k.clock == ClockName::ConsularAccess)
                else {
                    continue;
                };
                cases += 1;
                match k.status {
                    ClockStatus::Met => clocks.met += 1,
                    ClockStatus::MetLate => clocks.met_late += 1,
                    ClockStatus::Overdue => clocks.overdue += 1,
                    ClockStatus::Missed => clocks.missed += 1,
                    ClockStatus::MetUncertain
                    | ClockStatus::Uncertain
                    | ClockStatus::StoppedOrMissed => clocks.uncertain += 1,
                    ClockStatus::NotReported => clocks.not_reported += 1,
                    ClockStatus::Running | ClockStatus::Stopped => {}
                }
            }
        }
        let holds_all = match view.reader {
            Reader::Rules => true,
            Reader::Party(p) => p == m.sending,
            _ => false,
        };
        let mut notes = vec![if cases == 0 {
            format!(
                "from the cases on your record: none of {} nationals held in {}",
                m.sending, m.host
            )
        } else {
            format!(
                "from the cases on your record ({cases} of {} nationals held in {}): {}",
                m.sending,
                m.host,
                clocks.text()
            )
        }];
        if !holds_all {
            notes.push(format!(
                "{}'s cases are its ministry's own: only publicly reported ones are on your \
                 record, so the clocks are not compared",
                m.sending
            ));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_text_names_every_status() {
        let c = Clocks {
            met: 1,
            met_late: 2,
            overdue: 3,
            missed: 4,
            uncertain: 0,
            not_reported: 0,
        };
        assert_eq!(c.text(), "access met 1, met late 2, overdue 3, missed 4");
        let c = Clocks { uncertain: 5, ..c };
        assert!(c
            .text()
            .ends_with("uncertain 5 (dates known only to a period)"));
    }
}
