//! What a roadmap step or a what-if changes at the posts' consular sections: capacity per
//! service and week (and the median wait, where an answer holds it: roadmaps and what-ifs ask
//! for capacity only, since simulating every post at every step would cost seconds; the
//! post's desk gives the waits). Computed only for a relation whose record holds a consular
//! staff figure: without one there is no capacity to compare.

use serde::Serialize;

use crate::consular::capacity::ConsularCapacity;
use crate::ids::{MissionKey, PostId, RelationKey};
use crate::image::posts::{ConsularFigure, PostEvent};
use crate::image::Image;
use crate::vocab::ConsularService;

/// One service at one post whose capacity or wait moves.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsularChange {
    pub post: PostId,
    pub service: ConsularService,
    /// Cases a week, before and after (`None`: not computable, see the capacity answer).
    pub capacity_before: Option<f64>,
    pub capacity_after: Option<f64>,
    /// Median days from request to appointment (mean across replications), where demand is
    /// on record.
    pub wait_p50_before: Option<f64>,
    pub wait_p50_after: Option<f64>,
}

impl Image {
    /// Whether either mission of the relation has a consular staff figure on record.
    pub(crate) fn has_consular_figures(&self, key: RelationKey) -> bool {
        let (a, b) = key.states();
        [(a, b), (b, a)]
            .into_iter()
            .filter_map(|(sending, host)| self.mission_record(&MissionKey { sending, host }))
            .flat_map(|m| &m.posts)
            .filter_map(|id| self.posts.get(id))
            .any(|p| {
                p.events
                    .iter()
                    .any(|e| matches!(e.ev, PostEvent::Consular(ConsularFigure::Staff { .. })))
            })
    }
}

/// The services whose capacity or median wait differ between two answers for the same day.
pub fn consular_changes(
    before: &ConsularCapacity,
    after: &ConsularCapacity,
) -> Vec<ConsularChange> {
    let flat = |c: &ConsularCapacity| {
        c.missions
            .iter()
            .flat_map(|m| &m.posts)
            .flat_map(|p| {
                p.services.iter().map(move |s| {
                    (
                        (p.post.clone(), s.service),
                        (s.capacity_per_week, s.waits.as_ref().map(|w| w.p50.mean)),
                    )
                })
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (b, a) = (flat(before), flat(after));
    // Posts on either side: a post the change opens or closes counts too.
    let keys: std::collections::BTreeSet<_> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let (cap0, wait0) = b.get(key).copied().unwrap_or((None, None));
            let (cap1, wait1) = a.get(key).copied().unwrap_or((None, None));
            (cap1 != cap0 || wait1 != wait0).then(|| ConsularChange {
                post: key.0.clone(),
                service: key.1,
                capacity_before: cap0,
                capacity_after: cap1,
                wait_p50_before: wait0,
                wait_p50_after: wait1,
            })
        })
        .collect()
}
