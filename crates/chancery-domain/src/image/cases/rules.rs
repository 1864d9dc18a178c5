//! The rules of acts about nationals' cases, next to the cases' fold.

use crate::access::Reader;
use crate::act::{CaseAct, CaseOpened};
use crate::ids::{MeasureId, RelationKey, StateCode};
use crate::image::checks::{dup, unknown};
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::timeline::View;
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::{RuleCode, RuleViolation};
use crate::vocab::{CaseStep, MeasureKind};

use super::{CaseEvent, CaseRecord};

type Check = Result<(), RuleViolation>;

impl SubjectRules for CaseAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        vec![Touched::Case(self.case().clone())]
    }

    fn check(&self, image: &Image, at: Checking) -> Check {
        match self {
            CaseAct::Opened(c) => image.check_case_opened(c, at.correcting, at.reader),
            CaseAct::Step {
                case,
                step,
                measure,
                ..
            } => {
                let record = image
                    .cases
                    .get(case)
                    .ok_or_else(|| unknown(RuleCode::UnknownCase, "case", case))?;
                match (step, measure) {
                    (CaseStep::AccessDenied, None) => Err(RuleViolation::new(
                        RuleCode::CaseDenialNeedsMeasure,
                        "a denial of consular access is a measure: name the `consular_access_denied` measure of the host's in `measure`",
                    )
                    .article("VCCR Art. 36(1)(c)")
                    .field("measure")),
                    (CaseStep::AccessDenied, Some(id)) => {
                        let Some((national_of, held_in)) = image.case_states(record) else {
                            return Err(unknown(RuleCode::UnknownCase, "case", case));
                        };
                        image.check_denial_named(id, national_of, held_in, at)
                    }
                    (_, Some(_)) => Err(RuleViolation::new(
                        RuleCode::CaseDenialNeedsMeasure,
                        "only an `access_denied` step names a measure",
                    )
                    .field("measure")),
                    (_, None) => Ok(()),
                }
            }
        }
    }

    fn moves_record(&self, image: &Image) -> bool {
        match self {
            CaseAct::Opened(c) => image
                .cases
                .get(&c.case)
                .and_then(|r| image.case_states(r))
                .is_some_and(|states| states != (c.national_of, c.held_in)),
            CaseAct::Step { .. } => false,
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        match self {
            CaseAct::Opened(c) => {
                let relation = RelationKey::new(c.national_of, c.held_in);
                let record = image
                    .cases
                    .entry(c.case.clone())
                    .or_insert_with(|| CaseRecord {
                        id: c.case.clone(),
                        relation,
                        events: Vec::new(),
                    });
                let fresh = record.events.is_empty();
                at.push(&mut record.events, CaseEvent::Opened(c.clone()));
                if fresh {
                    image.relation_mut(relation).cases.push(c.case.clone());
                }
            }
            CaseAct::Step {
                case,
                step,
                measure,
                summary,
            } => at.push_to(
                image.cases.get_mut(case).map(|r| &mut r.events),
                "case",
                case,
                CaseEvent::Step {
                    step: *step,
                    measure: measure.clone(),
                    summary: summary.clone(),
                },
            )?,
        }
        Ok(())
    }

    /// The case file is the sending state's: every entry is its ministry's account, so a step
    /// reporting the host's conduct (a denial, a sentence) is not the host's record of it.
    fn acting(&self, image: &Image) -> Vec<StateCode> {
        match self {
            CaseAct::Opened(c) => vec![c.national_of],
            CaseAct::Step { case, .. } => image
                .cases
                .get(case)
                .and_then(|r| image.case_states(r))
                .map(|(national_of, _)| vec![national_of])
                .unwrap_or_default(),
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        match self {
            CaseAct::Opened(c) => c.post.iter().map(|p| (Named::Post(p), "post")).collect(),
            CaseAct::Step { case, measure, .. } => {
                let mut out = vec![(Named::Case(case), "case")];
                out.extend(measure.iter().map(|m| (Named::Measure(m), "measure")));
                out
            }
        }
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        match self {
            CaseAct::Opened(_) => by_states(self.states_named(), alone),
            CaseAct::Step { case, .. } => image.cases.get(case).map(|r| r.relation),
        }
    }

    fn belongs_field(&self) -> &'static str {
        match self {
            CaseAct::Opened(_) => "held_in",
            CaseAct::Step { .. } => "case",
        }
    }

    fn one_relation_field(&self) -> &'static str {
        self.belongs_field()
    }
}

impl Image {
    fn check_case_opened(&self, c: &CaseOpened, correcting: bool, reader: Reader) -> Check {
        self.pair(c.national_of, c.held_in, "national_of", "held_in")?;
        if self.cases.contains_key(&c.case) && !correcting {
            return Err(dup(crate::rules::Thing::Case, &c.case, "case"));
        }
        if let Some(post) = &c.post {
            let everything = View::everything_for(reader);
            let p = self
                .posts
                .get(post)
                .filter(|r| r.events.iter().any(|e| everything.knows(e)))
                .ok_or_else(|| unknown(RuleCode::UnknownPost, "post", post))?;
            if (p.sending, p.host) != (c.national_of, c.held_in) {
                return Err(RuleViolation::new(
                    RuleCode::PostNotInRelation,
                    format!(
                        "post `{post}` is not a post of {} in {}: a case belongs to a district of the national's state's posts in the host",
                        c.national_of, c.held_in
                    ),
                )
                .field("post"));
            }
        }
        Ok(())
    }

    /// The measure an `access_denied` step names: a `consular_access_denied` measure of the
    /// host against the national's state, taken by the step's date. On the record, or, when the
    /// host's act is not, the national's ministry's own claim of it (the denial it alone
    /// reports); the case's view says which.
    fn check_denial_named(
        &self,
        id: &MeasureId,
        national_of: StateCode,
        held_in: StateCode,
        at: Checking,
    ) -> Check {
        let everything = View::everything_for(at.reader);
        let found = match self.live_measure(id, "measure", at.reader) {
            Ok(m) => m
                .state(&everything)
                .map(|s| ((m.actor, m.target), s.measure.measure_kind, s.imposed.date)),
            Err(not_on_record) => {
                let (m, date, _) = self
                    .claimed_imposition(
                        id,
                        RelationKey::new(national_of, held_in),
                        national_of,
                        &everything,
                    )
                    .ok_or(not_on_record)?;
                Some(((m.actor, m.target), m.measure_kind, date))
            }
        };
        // The denial the step records cannot come from a measure taken after it.
        let fits = found.is_some_and(|(parties, kind, date)| {
            parties == (held_in, national_of)
                && kind == MeasureKind::ConsularAccessDenied
                && !date.certainly_after(at.date)
        });
        if fits {
            return Ok(());
        }
        Err(RuleViolation::new(
            RuleCode::CaseDenialNeedsMeasure,
            format!(
                "measure `{id}` is not a `consular_access_denied` measure of {held_in} against {national_of} taken by {}",
                at.date
            ),
        )
        .field("measure"))
    }

    /// (national_of, held_in) of a case, from its opening.
    pub(crate) fn case_states(&self, record: &CaseRecord) -> Option<(StateCode, StateCode)> {
        record.events.iter().find_map(|e| match &e.ev {
            CaseEvent::Opened(c) => Some((c.national_of, c.held_in)),
            CaseEvent::Step { .. } => None,
        })
    }
}
