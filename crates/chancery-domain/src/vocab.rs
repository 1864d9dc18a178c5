//! The closed vocabularies of DESIGN.md §3: kinds of post, premises, staff category, measure ...

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name used in files and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// The kind of a post (VCDR, VCCR Art. 1).
    PostKind {
        Embassy => "embassy",
        ConsulateGeneral => "consulate_general",
        Consulate => "consulate",
        MissionToIo => "mission_to_io",
        Annex => "annex",
        // A cultural or language institute run by the sending state (a British Council office,
        // an Institut français) where the host treats it as part of the mission: its opening
        // and closure are acts of the relation, but it is neither a diplomatic nor a consular
        // post, and parity counts it apart.
        CulturalInstitute => "cultural_institute",
        // A trade representation or commercial office of the sending state: its trade
        // promotion and commercial services are services of the consular catalogue, and parity
        // counts it apart from diplomatic and consular posts.
        TradeRepresentation => "trade_representation",
    }
);

vocabulary!(
    /// What a property is used for (VCDR Art. 1(i)).
    PremisesKind {
        Chancery => "chancery",
        Residence => "residence",
        Compound => "compound",
        Warehouse => "warehouse",
        Annex => "annex",
    }
);

vocabulary!(
    /// A member's category of staff (VCDR Art. 1).
    StaffCategory {
        HeadOfMission => "head_of_mission",
        Diplomatic => "diplomatic",
        AdministrativeTechnical => "administrative_technical",
        Service => "service",
        LocallyEmployed => "locally_employed",
        PrivateServant => "private_servant",
        // A member of the family of a member of staff forming part of their household (VCDR
        // Art. 37): on record so that their arrival and departure are facts, but not staff.
        Family => "family",
    }
);

vocabulary!(
    /// The kinds of measure of DESIGN.md §3.
    MeasureKind {
        Expulsion => "expulsion",
        StaffCap => "staff_cap",
        LocalStaffLimit => "local_staff_limit",
        PostClosure => "post_closure",
        PremisesAccessBarred => "premises_access_barred",
        PremisesSeized => "premises_seized",
        VisaRestriction => "visa_restriction",
        TravelRestriction => "travel_restriction",
        ConsularServiceRestriction => "consular_service_restriction",
        BankingRestriction => "banking_restriction",
        OfficialVisitorQuota => "official_visitor_quota",
        ReplacementsBarred => "replacements_barred",
        Summons => "summons",
        Search => "search",
        RecallForConsultation => "recall_for_consultation",
        /// Consular access to a detained national refused (VCCR Art. 36(1)(c)): recorded with
        /// the case step that reports it (`case_step`, step `access_denied`).
        ConsularAccessDenied => "consular_access_denied",
        Other => "other",
    }
);

impl Capacity {
    /// Whether verdicts leave out a measure taken in this capacity: only the host government's
    /// (and a sending state's about its own missions, which no verdict blames on the host) are
    /// measures of one state against the other's missions.
    pub fn excluded_from_verdicts(self) -> bool {
        !matches!(self, Capacity::HostGovernment | Capacity::SendingState)
    }
}

impl MeasureKind {
    /// What a measure of this kind is unless its act says otherwise: expulsions, summonses,
    /// searches and recalls happen on a date and their effect lives in the state (members
    /// depart, a head is away until back); the rest stand until lifted or expired.
    pub fn default_character(self) -> Character {
        match self {
            MeasureKind::Expulsion
            | MeasureKind::Summons
            | MeasureKind::Search
            | MeasureKind::RecallForConsultation
            // A denial answers one request on one case: it happens, it does not stand.
            | MeasureKind::ConsularAccessDenied => Character::Event,
            _ => Character::Standing,
        }
    }

    /// Whether the measure limits how many people a mission may have (one or more limits).
    pub fn is_cap(self) -> bool {
        matches!(self, MeasureKind::StaffCap | MeasureKind::LocalStaffLimit)
    }
}

vocabulary!(
    /// Whether a measure happens on a date or stands until lifted (issue: "events are not
    /// standing measures").
    Character {
        Event => "event",
        Standing => "standing",
    }
);

vocabulary!(
    /// In what capacity a measure was taken. Reciprocity is about the host government's
    /// measures against the other state's missions; the rest are recorded and shown but never
    /// make the other side "stricter".
    Capacity {
        HostGovernment => "host_government",
        SendingState => "sending_state",
        LocalAuthority => "local_authority",
        Legislature => "legislature",
        Court => "court",
        Private => "private",
    }
);

vocabulary!(
    /// How sure the record is of a fact.
    Confidence {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
);

vocabulary!(
    /// How a reported figure relates to the truth ("about 1,200", "more than 1,000").
    Bound {
        Exact => "exact",
        About => "about",
        AtLeast => "at_least",
        MoreThan => "more_than",
        AtMost => "at_most",
    }
);

impl Bound {
    /// The words before a figure: "about " 1,200; nothing for an exact figure.
    pub fn prefix(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::About => "about ",
            Bound::AtLeast => "at least ",
            Bound::MoreThan => "more than ",
            Bound::AtMost => "at most ",
        }
    }
}

vocabulary!(
    /// Which people a staffing figure or a cap counts. Parity is contested: this is always shown.
    Counting {
        AllStaff => "all_staff",
        SendingStateStaff => "sending_state_staff",
        Diplomatic => "diplomatic",
        AdministrativeTechnical => "administrative_technical",
        Service => "service",
        LocallyEmployed => "locally_employed",
    }
);

vocabulary!(
    /// What a staffing figure is a figure of: the staff on the mission, or the staff let go (to
    /// be dismissed or expelled on that date). A figure of staff let go is never a headcount.
    // `headcount`, the default, is left out of an act's JSON; `let_go` comes first so that the
    // first value of every vocabulary is one an act writes back (tests/suite/kinds.rs).
    StaffFigure {
        LetGo => "let_go",
        Headcount => "headcount",
    }
);

impl Default for StaffFigure {
    /// What every report said before the field existed.
    fn default() -> Self {
        StaffFigure::Headcount
    }
}

impl StaffFigure {
    pub fn is_headcount(&self) -> bool {
        *self == StaffFigure::Headcount
    }
}

vocabulary!(
    /// How much consular service a post gives.
    ServiceLevel {
        Full => "full",
        Limited => "limited",
        EmergencyOnly => "emergency_only",
        None => "none",
    }
);

vocabulary!(
    /// The catalogue of consular functions (VCCR Art. 5) and of the commercial work restored
    /// missions resume (VCDR Art. 3(1)(e)), as services a post offers to some level.
    ConsularService {
        /// Nonimmigrant visas for visitors: business and tourism.
        NonimmigrantVisitor => "nonimmigrant_visitor",
        /// Nonimmigrant visas for students and exchange visitors.
        NonimmigrantStudentExchange => "nonimmigrant_student_exchange",
        /// Nonimmigrant visas for temporary workers.
        NonimmigrantWork => "nonimmigrant_work",
        /// Diplomatic and official visas.
        DiplomaticOfficial => "diplomatic_official",
        ImmigrantVisa => "immigrant_visa",
        /// Passports and citizenship documents for the sending state's nationals.
        PassportsCitizenship => "passports_citizenship",
        /// Emergency help to the sending state's nationals (VCCR Art. 5(e)).
        EmergencyCitizenServices => "emergency_citizen_services",
        /// Notarial and civil-status acts (VCCR Art. 5(f)).
        NotarialCivilStatus => "notarial_civil_status",
        /// Visits to detained nationals (VCCR Art. 5(i), 36).
        DetaineeVisits => "detainee_visits",
        TradePromotion => "trade_promotion",
        CommercialServices => "commercial_services",
    }
);

impl ConsularService {
    /// In words, for pages and the CLI.
    pub fn words(self) -> &'static str {
        match self {
            ConsularService::NonimmigrantVisitor => "nonimmigrant visas: visitors",
            ConsularService::NonimmigrantStudentExchange => {
                "nonimmigrant visas: students and exchange"
            }
            ConsularService::NonimmigrantWork => "nonimmigrant visas: work",
            ConsularService::DiplomaticOfficial => "diplomatic and official visas",
            ConsularService::ImmigrantVisa => "immigrant visas",
            ConsularService::PassportsCitizenship => "passports and citizenship",
            ConsularService::EmergencyCitizenServices => "emergency help to citizens",
            ConsularService::NotarialCivilStatus => "notarial and civil-status acts",
            ConsularService::DetaineeVisits => "visits to detained nationals",
            ConsularService::TradePromotion => "trade promotion",
            ConsularService::CommercialServices => "commercial services",
        }
    }

    /// Whether it is a visa service (a queue of applicants, measured in interviews).
    pub fn is_visa(self) -> bool {
        matches!(
            self,
            ConsularService::NonimmigrantVisitor
                | ConsularService::NonimmigrantStudentExchange
                | ConsularService::NonimmigrantWork
                | ConsularService::DiplomaticOfficial
                | ConsularService::ImmigrantVisa
        )
    }
}

vocabulary!(
    /// Where a commitment stands. `kept` is reached only through a `commitment_kept` act, which
    /// records what was promised.
    CommitmentStatus {
        Open => "open",
        InProgress => "in_progress",
        Kept => "kept",
        Broken => "broken",
        Withdrawn => "withdrawn",
    }
);

impl Counting {
    /// Whether a member of `category` is counted under this definition.
    pub fn counts(self, category: StaffCategory) -> bool {
        use StaffCategory as C;
        // Family are never staff, under any definition (VCDR Art. 37).
        if category == C::Family {
            return false;
        }
        match self {
            Counting::AllStaff => category != C::PrivateServant,
            Counting::SendingStateStaff => matches!(
                category,
                C::HeadOfMission | C::Diplomatic | C::AdministrativeTechnical | C::Service
            ),
            Counting::Diplomatic => matches!(category, C::HeadOfMission | C::Diplomatic),
            Counting::AdministrativeTechnical => category == C::AdministrativeTechnical,
            Counting::Service => category == C::Service,
            Counting::LocallyEmployed => category == C::LocallyEmployed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for k in MeasureKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }

    #[test]
    fn counting_definitions_differ_on_local_staff() {
        assert!(Counting::AllStaff.counts(StaffCategory::LocallyEmployed));
        assert!(!Counting::SendingStateStaff.counts(StaffCategory::LocallyEmployed));
        assert!(!Counting::Diplomatic.counts(StaffCategory::Service));
        assert!(Counting::LocallyEmployed.counts(StaffCategory::LocallyEmployed));
    }
}

vocabulary!(
    /// What brought a national to the consulate's notice (VCCR Art. 36 and 37, 5(e)).
    CaseKind {
        Arrest => "arrest",
        Detention => "detention",
        /// A national's death in the host state (VCCR Art. 37(a)).
        Death => "death",
        /// Emergency help: illness, accident, destitution, a disaster (VCCR Art. 5(e)).
        Emergency => "emergency",
    }
);

impl CaseKind {
    /// Whether the national is held, so that Art. 36's clocks run.
    pub fn is_custody(self) -> bool {
        matches!(self, CaseKind::Arrest | CaseKind::Detention)
    }
}

vocabulary!(
    /// A step in a case, as the sending state's ministry records it.
    CaseStep {
        /// The national was told of the right to have the consulate informed (VCCR Art. 36(1)(b)).
        InformedOfConsularRights => "informed_of_consular_rights",
        /// The host's authorities informed the consulate of the arrest, detention or death.
        ConsulateNotified => "consulate_notified",
        AccessRequested => "access_requested",
        AccessGranted => "access_granted",
        /// Names the `consular_access_denied` measure it is (`measure`).
        AccessDenied => "access_denied",
        /// A consular officer visited the national (VCCR Art. 36(1)(c)).
        Visit => "visit",
        Charged => "charged",
        Tried => "tried",
        Sentenced => "sentenced",
        Released => "released",
        Exchanged => "exchanged",
        Closed => "closed",
    }
);

impl CaseStep {
    /// Whether the national is no longer held after it: only `closed` may follow.
    pub fn ends_custody(self) -> bool {
        matches!(
            self,
            CaseStep::Released | CaseStep::Exchanged | CaseStep::Closed
        )
    }
}
