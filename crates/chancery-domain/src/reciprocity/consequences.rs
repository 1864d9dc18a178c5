//! What lifting a measure lets happen. Lifting a closure does not reopen a post by itself, nor
//! does lifting a seizure hand back a building: the states still have to act. What-if and the
//! roadmap assume they do, and say so.

use serde::Serialize;

use crate::act::{Act, ActBody, Envelope, PostAct, PremisesAct};
use crate::date::ValidDate;
use crate::ids::{MeasureId, MissionKey};
use crate::image::posts::{fold_post, fold_premises, PostStatus, PremisesStatus};
use crate::image::timeline::View;
use crate::image::Image;
use crate::vocab::MeasureKind;

/// A hypothetical act that follows from a lifting, and the assumption it makes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assumption {
    /// The measure whose lifting it follows.
    pub measure: MeasureId,
    /// `post_reopened` or `premises_returned`.
    pub kind: &'static str,
    /// The post or premises.
    pub subject: String,
    /// In words: "the post may reopen; assumed reopened".
    pub text: String,
}

impl Image {
    /// The acts that lifting `measure` on `on` lets happen, as the view sees the record just
    /// before: posts it closed reopen, premises it barred or seized are returned.
    pub(crate) fn consequences_of_lifting(
        &self,
        measure: &MeasureId,
        view: View,
        on: ValidDate,
    ) -> Vec<(Act, Assumption)> {
        let Some(record) = self.measures.get(measure) else {
            return Vec::new();
        };
        let Some(state) = record.state(&view) else {
            return Vec::new();
        };
        let kind = state.measure.measure_kind;
        let scope = state.terms().scope;
        let mission = MissionKey {
            sending: record.target,
            host: record.actor,
        };
        let Some(m) = self.missions.get(&mission) else {
            return Vec::new();
        };
        let act = |body: ActBody| Act {
            envelope: Envelope {
                note: Some(format!("follows from lifting `{measure}` (hypothetical)")),
                ..Envelope::on(on)
            },
            body,
        };
        let mut out = Vec::new();
        if kind == MeasureKind::PostClosure {
            for id in &m.posts {
                let Some(p) = self.posts.get(id) else {
                    continue;
                };
                let Some(s) = fold_post(id, view.filter(&p.events)).ok().flatten() else {
                    continue;
                };
                let under_it = s.closing_measure == Some(measure)
                    || (scope.posts.contains(id) && s.closed_by == Some(record.actor));
                if s.status == PostStatus::Closed && under_it {
                    out.push((
                        act(ActBody::Post(PostAct::Reopened {
                            post: id.clone(),
                            measure: Some(measure.clone()),
                        })),
                        Assumption {
                            measure: measure.clone(),
                            kind: "post_reopened",
                            subject: id.to_string(),
                            text: format!(
                                "{} may reopen once `{measure}` is lifted; assumed reopened",
                                s.info.name
                            ),
                        },
                    ));
                }
            }
        }
        if matches!(
            kind,
            MeasureKind::PremisesSeized | MeasureKind::PremisesAccessBarred
        ) {
            for id in &m.premises {
                let Some(p) = self.premises.get(id) else {
                    continue;
                };
                let Some(s) = fold_premises(id, view.filter(&p.events)).ok().flatten() else {
                    continue;
                };
                let held = matches!(
                    s.status,
                    PremisesStatus::Seized | PremisesStatus::AccessBarred
                );
                let under_it = s.measure == Some(measure) || scope.premises.contains(id);
                if held && under_it {
                    out.push((
                        act(ActBody::Premises(PremisesAct::Returned {
                            premises: id.clone(),
                            measure: Some(measure.clone()),
                        })),
                        Assumption {
                            measure: measure.clone(),
                            kind: "premises_returned",
                            subject: id.to_string(),
                            text: format!(
                                "{} may be returned once `{measure}` is lifted; assumed returned",
                                s.info.name
                            ),
                        },
                    ));
                }
            }
        }
        out
    }
}
