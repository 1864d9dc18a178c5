//! What lifting a measure lets happen. Lifting a closure does not reopen a post by itself, nor
//! does lifting a seizure hand back a building: the states still have to act. What-if and the
//! roadmap assume they do, and say so.

use serde::Serialize;

use crate::act::{Act, ActBody, Envelope, PostAct, PremisesAct};
use crate::date::ValidDate;
use crate::ids::{MeasureId, MissionKey, PostId, PremisesId};
use crate::image::posts::{fold_post, fold_premises, PostStatus, PremisesStatus};
use crate::image::timeline::View;
use crate::image::Image;
use crate::names::Names;
use crate::rules::RuleCode;
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
    /// What `text` says, for a page to word in its own language.
    #[serde(skip)]
    pub said: AssumptionSaid,
}

/// What an assumption says, as facts: [`AssumptionSaid::english`] is its `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssumptionSaid {
    /// A post closed under the measure reopens; `name` as recorded, `names` in other languages.
    PostReopened {
        post: PostId,
        name: String,
        names: Names,
        measure: MeasureId,
    },
    /// Premises barred or seized under the measure are returned.
    PremisesReturned {
        premises: PremisesId,
        name: String,
        measure: MeasureId,
    },
    /// The roadmap could not lift `measure` (its reference or id) on the record as it stood.
    LiftRefused { measure: String, code: RuleCode },
}

impl AssumptionSaid {
    pub fn english(&self) -> String {
        match self {
            AssumptionSaid::PostReopened { name, measure, .. } => {
                format!("{name} may reopen once `{measure}` is lifted; assumed reopened")
            }
            AssumptionSaid::PremisesReturned { name, measure, .. } => {
                format!("{name} may be returned once `{measure}` is lifted; assumed returned")
            }
            AssumptionSaid::LiftRefused { measure, code } => format!(
                "{measure} could not be lifted on the record as it stood ({}): it stays in force after this step",
                code.as_str()
            ),
        }
    }
}

impl Assumption {
    /// The assumption of `kind` about `subject`, its text the said's English.
    pub(crate) fn new(
        measure: MeasureId,
        kind: &'static str,
        subject: String,
        said: AssumptionSaid,
    ) -> Assumption {
        Assumption {
            measure,
            kind,
            subject,
            text: said.english(),
            said,
        }
    }
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
                        Assumption::new(
                            measure.clone(),
                            "post_reopened",
                            id.to_string(),
                            AssumptionSaid::PostReopened {
                                post: id.clone(),
                                name: s.info.name.clone(),
                                names: s.info.names.clone(),
                                measure: measure.clone(),
                            },
                        ),
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
                        Assumption::new(
                            measure.clone(),
                            "premises_returned",
                            id.to_string(),
                            AssumptionSaid::PremisesReturned {
                                premises: id.clone(),
                                name: s.info.name.clone(),
                                measure: measure.clone(),
                            },
                        ),
                    ));
                }
            }
        }
        out
    }
}
