//! The rules of staffing reports, next to the missions they are filed under.

use crate::access::Reader;
use crate::act::StaffingAct;
use crate::ids::{MissionKey, RelationKey, StateCode};
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::{RuleCode, RuleViolation};

use super::StaffingReport;

impl SubjectRules for StaffingAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        let (sending, host) = self.mission();
        vec![Touched::Reports(MissionKey { sending, host })]
    }

    fn check(&self, image: &Image, _at: Checking) -> Result<(), RuleViolation> {
        let StaffingAct::Reported {
            sending,
            host,
            posts,
            ..
        } = self;
        image.pair(*sending, *host, "sending", "host")?;
        for post in posts {
            let p = image.post(post, "posts")?;
            if (p.sending, p.host) != (*sending, *host) {
                return Err(RuleViolation::new(
                    RuleCode::PostNotInRelation,
                    format!("post `{post}` is not a post of {sending} in {host}"),
                )
                .field("posts"));
            }
        }
        Ok(())
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let StaffingAct::Reported {
            sending,
            host,
            posts,
            value,
            bound,
            counting,
            includes_io,
            figure,
        } = self;
        let m = image.mission_mut(*sending, *host);
        at.push(
            &mut m.reports,
            StaffingReport {
                posts: posts.clone(),
                value: *value,
                bound: *bound,
                counting: *counting,
                includes_io: *includes_io,
                figure: *figure,
            },
        );
        Ok(())
    }

    fn acting(&self, _image: &Image) -> Vec<StateCode> {
        vec![self.mission().0]
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        let StaffingAct::Reported { posts, .. } = self;
        posts.iter().map(|p| (Named::Post(p), "posts")).collect()
    }

    fn relation(&self, _image: &Image) -> Option<RelationKey> {
        by_states(self.states_named(), alone)
    }

    fn belongs_field(&self) -> &'static str {
        "host"
    }
}
