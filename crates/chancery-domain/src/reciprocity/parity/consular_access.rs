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
    by_rank, finish, measure_basis, measure_label, not_counted, states_of, with_by, ClaimSaid,
    ClocksSaid, Dimension, Meta, Mission, NoteSaid, Side, Value, ValueSaid,
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
            let said = ValueSaid::Denials {
                n,
                host: m.host,
                since: m.record_start,
                latest: counted
                    .last()
                    .map(|latest| (latest.imposed.date, measure_label(latest))),
            };
            ranks[i] = Some(n);
            let mut value = Value::known(Some(n), said);
            value.notes_from(apart);
            value.notes_from(self.clock_notes(m, view));
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
    fn denials<'a>(
        &'a self,
        m: &Mission<'_>,
        view: View,
    ) -> (Vec<MeasureState<'a>>, Vec<NoteSaid>) {
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
                apart.push(NoteSaid::DatedByPeriod {
                    measure: measure_label(&s),
                });
            } else if let Some(why) = not_counted(&s, view.verdicts) {
                apart.push(NoteSaid::OnRecordNotCounted {
                    measure: measure_label(&s),
                    why,
                });
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
        for (n, claim, counts_if_included) in [
            (open, ClaimSaid::Open, true),
            (disputed, ClaimSaid::Disputed, false),
            (confirmed, ClaimSaid::Confirmed, true),
        ] {
            if n > 0 && !(included && counts_if_included) {
                apart.push(NoteSaid::MoreClaims { n, claim, by, host });
            }
        }
        (counted, apart)
    }

    /// The access clocks of the side's cases the reader holds, in words; and, when the reader
    /// does not hold every case of the side's nationals, that the figures are partial. Said the
    /// same whether or not the reader holds any, so it tells nothing of a case it may not see.
    fn clock_notes(&self, m: &Mission<'_>, view: View) -> Vec<NoteSaid> {
        let mut clocks = ClocksSaid::default();
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
        let (sending, host) = (m.sending, m.host);
        let mut notes = vec![if cases == 0 {
            NoteSaid::NoCases { sending, host }
        } else {
            NoteSaid::Clocks {
                cases,
                sending,
                host,
                clocks,
            }
        }];
        if !holds_all {
            notes.push(NoteSaid::CasesOwn { sending });
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_text_names_every_status() {
        let c = ClocksSaid {
            met: 1,
            met_late: 2,
            overdue: 3,
            missed: 4,
            uncertain: 0,
            not_reported: 0,
        };
        assert_eq!(c.english(), "access met 1, met late 2, overdue 3, missed 4");
        let c = ClocksSaid { uncertain: 5, ..c };
        assert!(c
            .english()
            .ends_with("uncertain 5 (dates known only to a period)"));
    }
}
