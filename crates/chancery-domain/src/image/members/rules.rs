//! The rules of acts about members of staff, next to their fold.

use crate::access::Reader;
use crate::act::MemberAct;
use crate::ids::{RelationKey, StateCode};
use crate::image::checks::dup;
use crate::image::subject::{by_states, Checking, Placing, SubjectRules};
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::{RuleCode, RuleViolation};
use crate::vocab::StaffCategory;

use super::{MemberEvent, MemberInfo, MemberRecord};

impl SubjectRules for MemberAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        vec![Touched::Member(self.member().clone())]
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        match self {
            MemberAct::Notified {
                member,
                post,
                category,
                family_of,
                ..
            } => {
                if image.members.contains_key(member) && !at.correcting {
                    return Err(dup(crate::rules::Thing::Member, member, "member"));
                }
                image.check_family(member, post, *category, family_of.as_ref())?;
                image.post_usable_on(post, at.date, at.reader)
            }
            MemberAct::Arrived { member, violation } => {
                image.member(member)?;
                if violation
                    .as_ref()
                    .is_some_and(|v| v.justification.trim().is_empty())
                {
                    return Err(RuleViolation::new(
                        RuleCode::CapExceeded,
                        "a violation must carry a justification",
                    )
                    .field("violation.justification"));
                }
                if violation.is_none() {
                    image.check_caps(member, at.date, at.reader)?;
                }
                Ok(())
            }
            MemberAct::DeclaredPng {
                member,
                by,
                measure,
                deadline,
            } => {
                crate::rules::check_deadline(at.date, *deadline, "deadline")?;
                let r = image.member(member)?;
                let p = image.post(&r.post, "member")?;
                if *by != p.host {
                    return Err(RuleViolation::new(
                        RuleCode::PngByNonHost,
                        format!("only the receiving state {} can declare member `{member}` of post `{}` persona non grata (not {by})", p.host, p.id),
                    )
                    .article("VCDR Art. 9")
                    .field("by"));
                }
                image.cited_measure(measure.as_ref(), p.sending, p.host, at.reader)
            }
            MemberAct::Departed { member } => image.member(member).map(drop),
        }
    }

    fn moves_record(&self, image: &Image) -> bool {
        match self {
            MemberAct::Notified { member, post, .. } => {
                image.members.get(member).is_some_and(|r| r.post != *post)
            }
            _ => false,
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        let member = self.member();
        if let MemberAct::Notified {
            post,
            name,
            category,
            start_unknown,
            family_of,
            names,
            ..
        } = self
        {
            let (sending, host) = image.mission_of_post(post, at)?;
            let record = image
                .members
                .entry(member.clone())
                .or_insert_with(|| MemberRecord {
                    id: member.clone(),
                    post: post.clone(),
                    events: Vec::new(),
                });
            let fresh = record.events.is_empty();
            at.push(
                &mut record.events,
                MemberEvent::Notified(MemberInfo {
                    post: post.clone(),
                    name: name.clone(),
                    names: names.clone(),
                    category: *category,
                    start_unknown: *start_unknown,
                    family_of: family_of.clone(),
                }),
            );
            if fresh {
                image
                    .mission_mut(sending, host)
                    .members
                    .push(member.clone());
            }
            return Ok(());
        }
        let events = &mut image
            .members
            .get_mut(member)
            .ok_or_else(|| at.missing("member", member))?
            .events;
        let ev = match self {
            MemberAct::Arrived { violation, .. } => MemberEvent::Arrived {
                violation: violation.as_ref().map(|v| v.justification.clone()),
            },
            MemberAct::DeclaredPng {
                by,
                deadline,
                measure,
                ..
            } => MemberEvent::DeclaredPng {
                by: *by,
                deadline: *deadline,
                measure: measure.clone(),
            },
            MemberAct::Departed { .. } => MemberEvent::Departed,
            MemberAct::Notified { .. } => return Ok(()),
        };
        at.push(events, ev);
        Ok(())
    }

    fn acting(&self, image: &Image) -> Vec<StateCode> {
        match self {
            MemberAct::DeclaredPng { by, .. } => vec![*by],
            MemberAct::Notified { post, .. } => image.sending_of_post(post).into_iter().collect(),
            MemberAct::Arrived { member, .. } | MemberAct::Departed { member } => {
                image.sending_of_member(member).into_iter().collect()
            }
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        match self {
            MemberAct::Notified {
                post, family_of, ..
            } => std::iter::once((Named::Post(post), "post"))
                .chain(family_of.iter().map(|m| (Named::Member(m), "family_of")))
                .collect(),
            MemberAct::Arrived { member, .. } | MemberAct::Departed { member } => {
                vec![(Named::Member(member), "member")]
            }
            MemberAct::DeclaredPng {
                member, measure, ..
            } => std::iter::once((Named::Member(member), "member"))
                .chain(measure.iter().map(|m| (Named::Measure(m), "measure")))
                .collect(),
        }
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        match self {
            MemberAct::Notified { post, .. } => image.post_relation(post),
            MemberAct::Arrived { member, .. } | MemberAct::Departed { member } => {
                image.member_relation(member)
            }
            MemberAct::DeclaredPng { member, .. } => {
                by_states(self.states_named(), |_| image.member_relation(member))
            }
        }
    }
}

impl Image {
    /// A family member (VCDR Art. 37) names the member of staff of the same post whose
    /// household they belong to, and only a family member does.
    fn check_family(
        &self,
        member: &crate::ids::MemberId,
        post: &crate::ids::PostId,
        category: StaffCategory,
        family_of: Option<&crate::ids::MemberId>,
    ) -> Result<(), RuleViolation> {
        let mismatch = |msg: String| {
            Err(RuleViolation::new(RuleCode::FamilyOfMismatch, msg)
                .article("VCDR Art. 37")
                .field("family_of"))
        };
        match (category == StaffCategory::Family, family_of) {
            (true, None) => mismatch(format!(
                "member `{member}` is family: name the member of staff they belong to in `family_of`"
            )),
            (false, Some(of)) => mismatch(format!(
                "member `{member}` names `family_of` = `{of}` but is of category {category}, not family"
            )),
            (false, None) => Ok(()),
            (true, Some(of)) => {
                let staff = self.member(of).map_err(|e| e.field("family_of"))?;
                if staff.post != *post || of == member {
                    return mismatch(format!(
                        "`{of}` is not a member of staff of post `{post}`, to which `{member}` is notified"
                    ));
                }
                let of_family = staff.events.iter().any(|e| {
                    matches!(&e.ev, MemberEvent::Notified(i) if i.category == StaffCategory::Family)
                });
                if of_family {
                    return mismatch(format!(
                        "`{of}` is family, not a member of staff: name the member of staff"
                    ));
                }
                Ok(())
            }
        }
    }
}
