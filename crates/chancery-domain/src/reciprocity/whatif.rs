//! "What if": apply hypothetical acts to a copy of one relation's slice of the image, never to
//! the journal, and answer questions on the copy.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::access::{Reader, Visibility};
use crate::act::Act;
use crate::ids::{MissionKey, RelationKey, StateCode};
use crate::image::Image;
use crate::query::QueryError;
use crate::reciprocity::index::{IndexError, Step, SCALE};
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
    /// A copy holding only what the relation `a`–`b` needs: the states, its posts, premises,
    /// members, missions, measures, talks and commitments; its numbering continues the image's, but
    /// it cannot correct an act recorded before it (`invalid_supersede`).
    /// Copying one relation keeps a what-if cheap in a world of thousands.
    pub fn slice(&self, a: StateCode, b: StateCode) -> Image {
        let key = RelationKey::new(a, b);
        let mut out = Image::default();
        out.states = self.states.clone();
        out.rounds = self.rounds.clone();
        out.continue_numbering_of(self);
        // Walk the relation's own indexes (its two missions and its relation record), so the
        // cost follows the relation's size, not the world's.
        let mission_keys = [
            MissionKey {
                sending: a,
                host: b,
            },
            MissionKey {
                sending: b,
                host: a,
            },
        ];
        for (key, mission) in mission_keys
            .iter()
            .filter_map(|k| self.missions.get(k).map(|m| (k, m)))
        {
            out.missions.insert(*key, mission.clone());
            for id in &mission.posts {
                if let Some(r) = self.posts.get(id) {
                    out.posts.insert(id.clone(), r.clone());
                }
            }
            for id in &mission.premises {
                if let Some(r) = self.premises.get(id) {
                    out.premises.insert(id.clone(), r.clone());
                }
            }
            for id in &mission.members {
                if let Some(r) = self.members.get(id) {
                    out.members.insert(id.clone(), r.clone());
                }
            }
        }
        if let Some(rel) = self.relations.get(&key) {
            out.relations.insert(key, rel.clone());
            for id in &rel.measures {
                if let Some(r) = self.measures.get(id) {
                    out.measures.insert(id.clone(), r.clone());
                }
            }
            for id in &rel.commitments {
                if let Some(r) = self.commitments.get(id) {
                    out.commitments.insert(id.clone(), r.clone());
                }
            }
        }
        out
    }

    /// The relation's slice as `reader` sees it: events `reader` may not see are left out, and
    /// the rest count as public inside the copy, which only this reader's question uses. So
    /// hypothetical acts are checked against, and answers built from, what the reader may see.
    pub fn slice_for(&self, a: StateCode, b: StateCode, reader: Reader) -> Image {
        let mut copy = self.slice(a, b);
        // Rounds are indexed by the act that created them, which the copy no longer holds.
        copy.rounds.retain(|_, seq| self.visible_to(*seq, reader));
        copy.restrict_to(reader);
        copy
    }

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
        let mut copy = self.slice_for(a, b, reader);
        for (index, act) in acts.iter().enumerate() {
            let mut act = act.clone();
            act.envelope.visibility = Visibility::Public;
            copy.record(&act, 0)
                .map_err(|violation| WhatIfError { index, violation })?;
        }
        Ok(copy)
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
    pub index: WhatIfIndex,
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

fn restriction_on(
    image: &Image,
    a: StateCode,
    b: StateCode,
    view: crate::image::timeline::View,
) -> Result<BTreeMap<StateCode, f64>, IndexError> {
    let day = view.as_of;
    let series = image.normalisation_index(a, b, day, day, day, Step::Days(1), view)?;
    Ok(series
        .points
        .first()
        .map(|p| p.sides.iter().map(|(s, v)| (*s, v.restriction)).collect())
        .unwrap_or_default())
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
        let copy = self.with_hypothetical(a, b, view.reader, acts)?;
        let parity_after = copy.parity(a, b, view, def)?;
        let changed = parity_before
            .dimensions
            .iter()
            .zip(&parity_after.dimensions)
            .filter(|(x, y)| x != y)
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
        Ok(WhatIf {
            as_of,
            acts_applied: acts.len(),
            parity_before,
            parity_after,
            changed,
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
