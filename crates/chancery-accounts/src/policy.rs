//! What each role may do, and whether an organisation may record a given act: the one table
//! every route and every write is checked against.

use chancery_domain::act::Subject;
use chancery_domain::{ActBody, Audience, Belongs, StateCode};

use crate::model::{OrgKind, Role};
use crate::RecordedBy;

/// What a request needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the record (within the organisation's visibility).
    Read,
    /// Record acts of the record: posts, premises, staff, heads of mission, measures.
    RecordAct,
    /// Record talks: rounds, agreements, statements, commitments.
    RecordTalks,
    /// Manage the users of one's own organisation.
    ManageUsers,
    /// Read the audit log and the journal's hashes.
    Audit,
}

impl Role {
    pub fn may(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Viewer => p == Read,
            Role::Editor => matches!(p, Read | RecordAct),
            Role::Negotiator => matches!(p, Read | RecordTalks),
            Role::Administrator => matches!(p, Read | ManageUsers),
            Role::Auditor => matches!(p, Read | Audit),
        }
    }
}

/// The permission recording `body` needs: talks are the negotiators', the rest the editors'.
pub fn permission_to_record(body: &ActBody) -> Permission {
    permission_for(body.which().subject())
}

/// The permission recording an act about `subject` needs: what the forms offer a role.
pub fn permission_for(subject: Subject) -> Permission {
    match subject {
        Subject::Talks | Subject::Commitment => Permission::RecordTalks,
        Subject::State
        | Subject::Post
        | Subject::Premises
        | Subject::Member
        | Subject::HeadOfMission
        | Subject::Staffing
        | Subject::Measure
        // A national's case is consular work, an editor's like the rest of the record.
        | Subject::Case
        // Disputing or confirming a claim about one's conduct is an editor's, as the act is.
        | Subject::Claim
        // Withdrawing an act needs what recording it needed (`permission_to_withdraw`); a
        // withdrawal as such is an editor's.
        | Subject::Withdrawal => Permission::RecordAct,
    }
}

/// The permission withdrawing `withdrawn` needs: the one recording it needed, so a negotiator
/// withdraws a round of talks recorded in error and an editor a post.
pub fn permission_to_withdraw(withdrawn: &ActBody) -> Permission {
    permission_to_record(withdrawn)
}

/// Whether the organisation `org_id` (of kind `org`) may withdraw, as recorded in error, an act
/// recorded by `recorded_by`: its recorder's organisation, or a mediator, who may withdraw any
/// act (and the acts the operator's tools loaded); never an observer, and never one party the
/// other's acts, which would let it erase what the other recorded.
pub fn may_withdraw(org: OrgKind, org_id: &str, recorded_by: &RecordedBy) -> Result<(), NotYours> {
    match org {
        OrgKind::Mediator => Ok(()),
        OrgKind::Observer => Err(NotYours("observers do not record acts".into())),
        OrgKind::Party(_) if recorded_by.org() == Some(org_id) => Ok(()),
        OrgKind::Party(_) => Err(NotYours(
            "this act was recorded by another organisation: only it or a mediator may withdraw it"
                .into(),
        )),
    }
}

/// Why an organisation may not record an act.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotYours(pub String);

/// An organisation records only what its own users could then read, and a ministry only in
/// its own state's relations and only its own state's decisions (`acting`: see
/// `Image::acting_states`), so that one party can never lift, pre-empt or overwrite the other's
/// acts; observers record nothing; states are registered by mediators or the operator.
/// `claim` is the party whose claim the act is (`claimed_by`): a ministry may record its own
/// state's claims about the other state's conduct, which the record keeps apart.
pub fn may_record(
    org: OrgKind,
    audience: Audience,
    belongs: Belongs,
    acting: &[StateCode],
    claim: Option<StateCode>,
) -> Result<(), NotYours> {
    if !org.reader().sees(audience) {
        return Err(NotYours(format!(
            "your organisation ({org}) could not see an act that is {}",
            audience.describe()
        )));
    }
    match (org, belongs) {
        (OrgKind::Observer, _) => Err(NotYours("observers do not record acts".into())),
        // Registering or renaming a state concerns every relation: not one ministry's to do.
        (OrgKind::Party(_), Belongs::Registration) => Err(NotYours(
            "a ministry records acts of its own relations; states are registered by mediators or the operator".into(),
        )),
        (OrgKind::Party(s), Belongs::Relation(k)) if !k.contains(s) => Err(NotYours(format!(
            "a ministry of {s} records acts of its own relations, not of {k}"
        ))),
        (OrgKind::Party(s), Belongs::Relation(_)) if claim == Some(s) => Ok(()),
        (OrgKind::Party(_), Belongs::Relation(_)) if claim.is_some() => Err(NotYours(
            "a ministry makes claims for its own state only".into(),
        )),
        (OrgKind::Party(s), Belongs::Relation(_)) => match acting.iter().find(|a| **a != s) {
            // A joint undertaking is withdrawn or kept by both: one side alone would close it
            // for the other.
            Some(other) if acting.contains(&s) => Err(NotYours(format!(
                "this act is for {s} and {other} together: a ministry of one of them cannot record it alone; a mediator records it"
            ))),
            Some(other) => Err(NotYours(format!(
                "this act is {other}'s to record: a ministry of {s} records its own state's decisions and its own missions; {other}'s are recorded by its ministry or a mediator"
            ))),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ROLES;

    #[test]
    fn every_role_reads_and_only_its_own_writes() {
        for role in ROLES {
            assert!(role.may(Permission::Read));
        }
        let writers: Vec<Role> = ROLES
            .into_iter()
            .filter(|r| r.may(Permission::RecordAct))
            .collect();
        assert_eq!(writers, vec![Role::Editor]);
        assert!(!Role::Editor.may(Permission::RecordTalks));
        assert!(Role::Negotiator.may(Permission::RecordTalks));
        assert!(!Role::Administrator.may(Permission::Audit));
        assert!(Role::Auditor.may(Permission::Audit));
        assert!(!Role::Auditor.may(Permission::ManageUsers));
    }

    #[test]
    fn an_act_is_withdrawn_by_its_recorder_or_a_mediator() {
        let us = OrgKind::Party("US".parse().unwrap());
        let ru = OrgKind::Party("RU".parse().unwrap());
        let by_us = RecordedBy::parse("user:alice@us-mfa");
        assert!(may_withdraw(us, "us-mfa", &by_us).is_ok());
        assert!(may_withdraw(ru, "ru-mfa", &by_us).is_err());
        // Another organisation of the same state is another recorder.
        assert!(may_withdraw(us, "us-embassy", &by_us).is_err());
        assert!(may_withdraw(OrgKind::Mediator, "un", &by_us).is_ok());
        assert!(may_withdraw(OrgKind::Observer, "press", &by_us).is_err());
        // What the operator's tools loaded: a mediator's to withdraw.
        let seeded = RecordedBy::parse("seed:us-ru demo");
        assert!(may_withdraw(us, "us-mfa", &seeded).is_err());
        assert!(may_withdraw(OrgKind::Mediator, "un", &seeded).is_ok());
    }

    #[test]
    fn ministries_record_their_own_relations_within_what_they_see() {
        let us: StateCode = "US".parse().unwrap();
        let ru: StateCode = "RU".parse().unwrap();
        let fr = "FR".parse().unwrap();
        let us_ru = Belongs::Relation(chancery_domain::RelationKey::new(us, ru));
        let ru_fr = Belongs::Relation(chancery_domain::RelationKey::new(ru, fr));
        let us_org = OrgKind::Party(us);
        assert!(may_record(us_org, Audience::Public, us_ru, &[], None).is_ok());
        assert!(may_record(us_org, Audience::Party(us), us_ru, &[us], None).is_ok());
        assert!(may_record(us_org, Audience::Party(ru), us_ru, &[], None).is_err());
        assert!(may_record(us_org, Audience::Public, ru_fr, &[], None).is_err());
        assert!(
            may_record(us_org, Audience::Public, us_ru, &[ru], None).is_err(),
            "another state's decision"
        );
        assert!(may_record(OrgKind::Mediator, Audience::Public, us_ru, &[ru], None).is_ok());
        let med_bil = chancery_domain::RelationKey::new(us, ru);
        assert!(may_record(
            OrgKind::Mediator,
            Audience::Relation(med_bil),
            us_ru,
            &[],
            None
        )
        .is_ok());
        assert!(may_record(OrgKind::Mediator, Audience::Party(us), us_ru, &[], None).is_err());
        assert!(may_record(OrgKind::Observer, Audience::Public, us_ru, &[], None).is_err());
        assert!(
            may_record(us_org, Audience::Public, Belongs::Registration, &[], None).is_err(),
            "registering states"
        );
        assert!(may_record(
            OrgKind::Mediator,
            Audience::Public,
            Belongs::Registration,
            &[],
            None
        )
        .is_ok());
        // A ministry's claim about the other state's conduct: its own state's claim only.
        assert!(may_record(us_org, Audience::Public, us_ru, &[ru], Some(us)).is_ok());
        assert!(may_record(us_org, Audience::Public, us_ru, &[ru], Some(ru)).is_err());
        assert!(may_record(OrgKind::Observer, Audience::Public, us_ru, &[ru], Some(us)).is_err());
    }
}
