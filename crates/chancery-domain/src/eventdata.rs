//! Event-data codes for acts: each kind of act in CAMEO (Schrodt 2012, codebook v1.1b3) and in
//! PLOVER (event type, mode, context: the Open Event Data Alliance's specification, with its
//! CAMEO crosswalk `CAMEO2PLOVER-2021.txt`), and the source and target state of each act.
//!
//! The match in [`coding`] names every kind with no catch-all arm, so a new kind of act fails to
//! compile until someone decides its code (or that it has none, and says why). The mapping, its
//! sources and the choices made are in docs/event-data.md.

use crate::act::Kind;
use crate::act::MeasureAct;
use crate::ids::StateCode;
use crate::vocab::MeasureKind;
use crate::{Act, ActBody, Image};

/// A CAMEO event code with its name in the codebook, and the PLOVER coding the crosswalk gives
/// it (none for CAMEO's public statements and appeals, 01 and 02, which PLOVER dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cameo {
    pub code: &'static str,
    pub name: &'static str,
    pub plover: Option<Plover>,
}

/// A PLOVER event: its type (what), mode (how) and context (about what); mode and context are
/// empty where the crosswalk leaves them so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plover {
    pub event_type: &'static str,
    pub mode: Option<&'static str>,
    pub context: Option<&'static str>,
}

/// How an act is coded: as an event, or not at all, with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Event(Cameo),
    /// A record of the relation's state (a figure, a notification, a correction) rather than
    /// something one state did to the other: no CAMEO category describes it.
    NoEvent {
        why: &'static str,
    },
}

impl Coding {
    pub fn cameo(self) -> Option<Cameo> {
        match self {
            Coding::Event(c) => Some(c),
            Coding::NoEvent { .. } => None,
        }
    }
}

const fn plover(
    event_type: &'static str,
    mode: Option<&'static str>,
    context: Option<&'static str>,
) -> Option<Plover> {
    Some(Plover {
        event_type,
        mode,
        context,
    })
}

const fn cameo(code: &'static str, name: &'static str, plover: Option<Plover>) -> Coding {
    Coding::Event(Cameo { code, name, plover })
}

// The codes used, each with its name in CAMEO 1.1b3 and its PLOVER coding from the crosswalk.
const MAKE_STATEMENT: Coding = cameo("010", "Make statement", None);
const ACKNOWLEDGE: Coding = cameo("015", "Acknowledge or claim responsibility", None);
const DENY: Coding = cameo("016", "Deny responsibility", None);
const APPEAL_DIPLOMATIC: Coding = cameo(
    "022",
    "Appeal for diplomatic cooperation (such as policy support)",
    None,
);
const INTENT_TO_COOPERATE: Coding = cameo(
    "030",
    "Express intent to cooperate",
    plover("AGREE", None, Some("diplomatic")),
);
const NEGOTIATE: Coding = cameo(
    "046",
    "Engage in negotiation",
    plover("CONSULT", None, Some("diplomatic")),
);
const DIPLOMATIC_COOPERATION: Coding = cameo(
    "050",
    "Engage in diplomatic cooperation",
    plover("SUPPORT", None, Some("diplomatic")),
);
const SIGN_AGREEMENT: Coding = cameo(
    "057",
    "Sign formal agreement",
    plover("SUPPORT", None, Some("diplomatic")),
);
const EASE_ADMINISTRATIVE: Coding = cameo(
    "081",
    "Ease administrative sanctions",
    plover("CONCEDE", None, Some("legal")),
);
const RETURN_PROPERTY: Coding = cameo(
    "0842",
    "Return, release property",
    plover("RETREAT", Some("return"), Some("legal")),
);
const COMPLAIN: Coding = cameo(
    "114",
    "Complain officially",
    plover("ACCUSE", Some("disapprove"), None),
);
const REJECT: Coding = cameo("120", "Reject", plover("REJECT", None, None));
const REDUCE_RELATIONS: Coding = cameo("160", "Reduce relations", plover("SANCTION", None, None));
const BREAK_RELATIONS: Coding = cameo(
    "161",
    "Reduce or break diplomatic relations",
    plover("SANCTION", Some("withdraw"), Some("diplomatic")),
);
const SANCTIONS: Coding = cameo(
    "163",
    "Impose embargo, boycott, or sanctions",
    plover("COERCE", Some("restrict"), Some("diplomatic")),
);
const HALT_NEGOTIATIONS: Coding = cameo(
    "164",
    "Halt negotiations",
    plover("SANCTION", Some("withdraw"), Some("diplomatic")),
);
const COERCE: Coding = cameo("170", "Coerce", plover("COERCE", None, None));
const CONFISCATE: Coding = cameo(
    "1711",
    "Confiscate property",
    plover("COERCE", Some("confiscate"), Some("legal")),
);
const ADMINISTRATIVE_SANCTIONS: Coding = cameo(
    "172",
    "Impose administrative sanctions",
    plover("COERCE", Some("restrict"), Some("legal")),
);
const EXPEL: Coding = cameo(
    "174",
    "Expel or deport individuals",
    plover("COERCE", Some("deport"), Some("legal")),
);

const FIGURE: Coding = Coding::NoEvent {
    why: "a figure reported about a post or mission, not an act of one state towards the other",
};
const OWN_MISSION: Coding = Coding::NoEvent {
    why: "the sending state's routine administration of its own mission, done under the host's rules rather than towards it",
};

/// The coding of a kind of act; for `measure_imposed`, the kind of measure refines it (an
/// expulsion is 174, a closure 161 ...), and without it the act is coded 160.
pub fn coding(kind: Kind, measure_kind: Option<MeasureKind>) -> Coding {
    match kind {
        Kind::StateRegistered => Coding::NoEvent {
            why: "the registration of a state in the record, not an interaction between states",
        },
        Kind::PostOpened | Kind::PostResumed | Kind::PostReopened => DIPLOMATIC_COOPERATION,
        Kind::PostSuspended | Kind::PostClosed => BREAK_RELATIONS,
        Kind::ConsularServicesChanged => Coding::NoEvent {
            why: "a change of service level may go either way and is usually the sending state's own; a host's restriction is a measure and coded there",
        },
        Kind::ConsularStaffReported
        | Kind::ConsularProductivitySet
        | Kind::ConsularDemandReported
        | Kind::ConsularIssuanceReported
        | Kind::StaffingReported => FIGURE,
        Kind::PremisesAcquired | Kind::PremisesReleased => OWN_MISSION,
        Kind::PremisesAccessBarred | Kind::PremisesStatusRemoved => ADMINISTRATIVE_SANCTIONS,
        Kind::PremisesSeized => CONFISCATE,
        Kind::PremisesReturned => RETURN_PROPERTY,
        Kind::PremisesStatusRestored => EASE_ADMINISTRATIVE,
        Kind::MemberNotified | Kind::MemberArrived | Kind::MemberDeparted => OWN_MISSION,
        Kind::MemberDeclaredPng => EXPEL,
        Kind::AgrementRequested => APPEAL_DIPLOMATIC,
        Kind::AgrementGranted | Kind::HomCredentialsPresented | Kind::HomReturned => {
            DIPLOMATIC_COOPERATION
        }
        Kind::AgrementRefused => REJECT,
        Kind::HomAppointed
        | Kind::HomArrived
        | Kind::HomDeparted
        | Kind::ChargeAssumed
        | Kind::ChargeEnded => OWN_MISSION,
        Kind::HomCredentialsCopies => Coding::NoEvent {
            why: "a step of the accreditation coded once, when credentials are presented, so that one accreditation is not counted twice",
        },
        Kind::HomAbsent => BREAK_RELATIONS,
        Kind::MeasureImposed => measure_kind.map_or(REDUCE_RELATIONS, measure_coding),
        Kind::MeasureAmended => Coding::NoEvent {
            why: "an amendment may tighten or ease a measure and the act does not say which; the measure's imposition and easing are coded",
        },
        Kind::MeasureEased | Kind::MeasureLifted | Kind::CommitmentKept => EASE_ADMINISTRATIVE,
        Kind::RoundHeld => NEGOTIATE,
        Kind::RoundCancelled => HALT_NEGOTIATIONS,
        Kind::AgreementRecorded => SIGN_AGREEMENT,
        Kind::StatementRecorded => MAKE_STATEMENT,
        Kind::CommitmentMade => INTENT_TO_COOPERATE,
        Kind::CommitmentStatusChanged => Coding::NoEvent {
            why: "bookkeeping of a commitment's progress; its making and keeping are coded",
        },
        Kind::ActWithdrawn => Coding::NoEvent {
            why: "a correction of the record (an act recorded in error), not an event",
        },
        Kind::ClaimDisputed => DENY,
        Kind::ClaimConfirmed => ACKNOWLEDGE,
        Kind::CaseOpened | Kind::CaseStep => Coding::NoEvent {
            why: "the sending state's own case file on a national; the host's conduct in it (consular access denied) is a measure and coded there",
        },
    }
}

/// The coding of a measure taken, by its kind.
pub fn measure_coding(kind: MeasureKind) -> Coding {
    match kind {
        MeasureKind::Expulsion => EXPEL,
        MeasureKind::StaffCap | MeasureKind::PostClosure | MeasureKind::RecallForConsultation => {
            BREAK_RELATIONS
        }
        MeasureKind::LocalStaffLimit
        | MeasureKind::PremisesAccessBarred
        | MeasureKind::VisaRestriction
        | MeasureKind::TravelRestriction
        | MeasureKind::ConsularServiceRestriction
        | MeasureKind::OfficialVisitorQuota
        | MeasureKind::ReplacementsBarred => ADMINISTRATIVE_SANCTIONS,
        MeasureKind::PremisesSeized => CONFISCATE,
        MeasureKind::BankingRestriction => SANCTIONS,
        MeasureKind::Summons => COMPLAIN,
        MeasureKind::Search => COERCE,
        MeasureKind::ConsularAccessDenied => REJECT,
        MeasureKind::Other => REDUCE_RELATIONS,
    }
}

/// The coding of one act (the measure's kind read from the act itself).
pub fn of_act(act: &Act) -> Coding {
    let measure_kind = match &act.body {
        ActBody::Measure(MeasureAct::Imposed(m)) => Some(m.measure_kind),
        _ => None,
    };
    coding(act.body.which(), measure_kind)
}

/// Who did an act to whom: the state whose act it is, and the other state of its relation.
/// What both parties do together (a round held, an agreement) is `joint`, with the relation's
/// states in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dyad {
    pub source: StateCode,
    pub target: StateCode,
    pub joint: bool,
}

impl Dyad {
    /// Whether `s` did the act: its source, or either state of a joint act.
    pub fn by(&self, s: StateCode) -> bool {
        self.source == s || self.joint && self.target == s
    }

    /// Whether the act was done to `s`: its target, or either state of a joint act.
    pub fn towards(&self, s: StateCode) -> bool {
        self.target == s || self.joint && self.source == s
    }
}

impl Image {
    /// The source and target of `act`, or `None` for an act of no relation (a registration).
    pub fn dyad(&self, act: &Act) -> Option<Dyad> {
        let (a, b) = self.relation_of(&act.body)?.states();
        let acting = self.acting_states(&act.body);
        Some(match acting.as_slice() {
            [s] if *s == b => Dyad {
                source: b,
                target: a,
                joint: false,
            },
            [s] if *s == a => Dyad {
                source: a,
                target: b,
                joint: false,
            },
            _ => Dyad {
                source: a,
                target: b,
                joint: true,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_coded_or_says_why_not() {
        for kind in Kind::ALL {
            match coding(*kind, None) {
                Coding::Event(c) => {
                    assert!(
                        (3..=4).contains(&c.code.len())
                            && c.code.bytes().all(|b| b.is_ascii_digit()),
                        "{kind}: `{}` is not a CAMEO code",
                        c.code
                    );
                    assert!(!c.name.is_empty(), "{kind}");
                    // PLOVER dropped only CAMEO's statements (01) and appeals (02).
                    let dropped = c.code.starts_with("01") || c.code.starts_with("02");
                    assert_eq!(c.plover.is_none(), dropped, "{kind}: {}", c.code);
                }
                Coding::NoEvent { why } => assert!(why.len() > 20, "{kind}: say why"),
            }
        }
    }

    #[test]
    fn every_measure_kind_has_a_code() {
        for k in MeasureKind::ALL {
            let c = measure_coding(*k).cameo().expect("coded");
            assert!(c.plover.is_some(), "{k:?}");
        }
    }

    #[test]
    fn the_usual_acts_have_the_codebooks_codes() {
        let code = |k, m| coding(k, m).cameo().map(|c| c.code);
        assert_eq!(code(Kind::MemberDeclaredPng, None), Some("174"));
        assert_eq!(code(Kind::PostClosed, None), Some("161"));
        assert_eq!(
            code(Kind::MeasureImposed, Some(MeasureKind::Expulsion)),
            Some("174")
        );
        assert_eq!(
            code(Kind::MeasureImposed, Some(MeasureKind::PremisesSeized)),
            Some("1711")
        );
        assert_eq!(code(Kind::MeasureImposed, None), Some("160"));
        assert_eq!(code(Kind::AgreementRecorded, None), Some("057"));
        assert_eq!(code(Kind::StaffingReported, None), None);
        let png = coding(Kind::MemberDeclaredPng, None)
            .cameo()
            .and_then(|c| c.plover);
        assert_eq!(png, plover("COERCE", Some("deport"), Some("legal")));
    }

    #[test]
    fn the_docs_list_every_kind_with_its_code() {
        let docs = include_str!("../../../docs/event-data.md");
        let line = |name: &str| {
            docs.lines()
                .find(|l| l.starts_with(&format!("| `{name}` |")))
                .unwrap_or_else(|| panic!("docs/event-data.md lists `{name}`"))
                .to_owned()
        };
        for kind in Kind::ALL {
            let l = line(kind.as_str());
            match coding(*kind, None) {
                _ if *kind == Kind::MeasureImposed => assert!(l.contains("by measure kind")),
                Coding::Event(c) => assert!(l.contains(&format!("| {} |", c.code)), "{l}"),
                Coding::NoEvent { .. } => assert!(l.contains("| none |"), "{l}"),
            }
        }
        for k in MeasureKind::ALL {
            let c = measure_coding(*k).cameo().expect("coded");
            assert!(
                line(k.as_str()).contains(&format!("| {} |", c.code)),
                "{k:?}"
            );
        }
    }
}
