//! "What if": apply hypothetical acts to a copy of one relation's slice of the image, never to
//! the journal, and answer questions on the copy.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::access::{Reader, Visibility};
use crate::act::{Act, ActBody, MeasureAct};
use crate::consular::capacity::WaitsFor;
use crate::ids::{RelationKey, StateCode};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::reciprocity::consequences::Assumption;
use crate::reciprocity::consular_effects::{consular_changes, ConsularChange};
use crate::reciprocity::index::{restriction_on, IndexError, SCALE};
use crate::reciprocity::parity::{Definition, Parity};
use crate::rules::RuleViolation;

/// A hypothetical act that the rules refuse, by its position in the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("hypothetical act {index}: {violation}")]
pub struct WhatIfError {
    /// 0-based position of the refused act.
    pub index: usize,
    pub violation: RuleViolation,
}

impl Image {
    /// The relation's slice as `reader` sees it, with `acts` recorded in order, each checked by
    /// the rules as if it were real. Hypothetical acts are public within the copy (their own
    /// `visibility` is ignored). The image itself is untouched.
    pub fn with_hypothetical(
        &self,
        a: StateCode,
        b: StateCode,
        reader: Reader,
        acts: &[Act],
    ) -> Result<Image, WhatIfError> {
        self.with_hypothetical_and_assumptions(a, b, reader, acts)
            .map(|(copy, _)| copy)
    }

    /// As [`with_hypothetical`](Self::with_hypothetical), and after each lifting also what it
    /// lets happen (a post closed under the measure reopens, premises barred or seized under it
    /// are returned), on the same day, with the assumptions that makes. A consequence that the
    /// later hypothetical acts already record, or that the rules refuse, is not assumed.
    pub fn with_hypothetical_and_assumptions(
        &self,
        a: StateCode,
        b: StateCode,
        reader: Reader,
        acts: &[Act],
    ) -> Result<(Image, Vec<Assumption>), WhatIfError> {
        let mut copy = self.slice_for(a, b, reader);
        let mut assumptions = Vec::new();
        for (index, act) in acts.iter().enumerate() {
            let mut act = act.clone();
            act.envelope.visibility = Visibility::Public;
            let follows = match &act.body {
                ActBody::Measure(MeasureAct::Lifted { measure, .. }) => {
                    let view = View::rules(act.envelope.date.earliest());
                    copy.consequences_of_lifting(measure, view, act.envelope.date)
                }
                _ => Vec::new(),
            };
            copy.record(&act, 0)
                .map_err(|violation| WhatIfError { index, violation })?;
            for (consequence, assumption) in follows {
                let stated_later = acts[index + 1..].iter().any(|later| {
                    later.body.which() == consequence.body.which()
                        && later.body.subject() == consequence.body.subject()
                });
                if !stated_later && copy.record(&consequence, 0).is_ok() {
                    assumptions.push(assumption);
                }
            }
        }
        Ok((copy, assumptions))
    }
}

/// Parity and index as they are, and as they would be with the hypothetical acts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WhatIf {
    pub as_of: crate::date::CivilDate,
    pub acts_applied: usize,
    pub parity_before: Parity,
    pub parity_after: Parity,
    /// Keys of the dimensions that change.
    pub changed: Vec<String>,
    /// What the liftings were assumed to let happen (posts reopened, premises returned).
    pub assumptions: Vec<Assumption>,
    pub index: WhatIfIndex,
    /// Consular capacity and median waits that change at the posts (empty when the record
    /// holds no consular staff figure for the relation).
    pub consular: Vec<ConsularChange>,
}

/// The index with the hypothetical acts, against the real record on the same day (100 = no
/// change, above 100 = less restricted).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WhatIfIndex {
    pub formula: String,
    pub restriction_before: BTreeMap<StateCode, f64>,
    pub restriction_after: BTreeMap<StateCode, f64>,
    pub index: BTreeMap<StateCode, f64>,
    pub combined: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum WhatIfFailure {
    #[error(transparent)]
    Refused(#[from] WhatIfError),
    #[error(transparent)]
    Query(#[from] IndexError),
}

impl From<QueryError> for WhatIfFailure {
    fn from(e: QueryError) -> Self {
        WhatIfFailure::Query(IndexError::Query(e))
    }
}

impl Image {
    /// Applies `acts` to a copy of the relation and compares parity and index on `view.as_of`,
    /// as `view`'s reader sees the record. Nothing is written anywhere.
    pub fn what_if(
        &self,
        a: StateCode,
        b: StateCode,
        view: crate::image::timeline::View,
        acts: &[Act],
        def: &Definition,
    ) -> Result<WhatIf, WhatIfFailure> {
        let as_of = view.as_of;
        let parity_before = self.parity(a, b, view, def)?;
        let (copy, assumptions) =
            self.with_hypothetical_and_assumptions(a, b, view.reader, acts)?;
        let parity_after = copy.parity(a, b, view, def)?;
        let changed = parity_before
            .dimensions
            .iter()
            .zip(&parity_after.dimensions)
            .filter(|(x, y)| y.changed_from(x))
            .map(|(x, _)| x.key.to_string())
            .collect();
        let before = restriction_on(self, a, b, view)?;
        let after = restriction_on(&copy, a, b, view)?;
        let index: BTreeMap<StateCode, f64> = before
            .iter()
            .map(|(s, r)| {
                let now = after.get(s).copied().unwrap_or(*r);
                (*s, ((SCALE + r) / (SCALE + now) * 10_000.0).round() / 100.0)
            })
            .collect();
        let combined = (index.values().product::<f64>().sqrt() * 100.0).round() / 100.0;
        let consular = if copy.has_consular_figures(RelationKey::new(a, b)) {
            consular_changes(
                &self.consular_capacity_for(a, b, view, WaitsFor::None)?,
                &copy.consular_capacity_for(a, b, view, WaitsFor::None)?,
            )
        } else {
            Vec::new()
        };
        Ok(WhatIf {
            consular,
            as_of,
            acts_applied: acts.len(),
            parity_before,
            parity_after,
            changed,
            assumptions,
            index: WhatIfIndex {
                formula: format!(
                    "index_S = 100 × ({SCALE} + R_S on the record) / ({SCALE} + R_S with the hypothetical acts), on the same day; combined = √(index_A × index_B); R as in the normalisation index"
                ),
                restriction_before: before,
                restriction_after: after,
                index,
                combined,
            },
        })
    }
}
