//! The closed vocabularies of DESIGN.md §3: kinds of post, premises, staff category, measure ...

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name { $($variant),+ }

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
            | MeasureKind::RecallForConsultation => Character::Event,
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
    // first value of every vocabulary is one an act writes back (tests/kinds.rs).
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
