//! What parity says, as structures: one variant per sentence, with the facts it is made of, so
//! a page can say it in its own language. Each `english` is the domain's own English, the text
//! the API and the command line give; the figures' `text`, `notes` and the dimension's
//! `comparison` are made from these and nothing else.

use std::collections::BTreeMap;

use crate::date::{CivilDate, ValidDate};
use crate::ids::StateCode;
use crate::image::posts::{PostStatus, PremisesStatus};
use crate::staff::{self, Predates};
use crate::vocab::{Bound, Capacity, ConsularService, Counting, ServiceLevel};

use super::Value;

/// What a staffing figure or a cap counts, in words.
pub fn counting_text(c: Counting) -> &'static str {
    match c {
        Counting::AllStaff => "all staff, local hires included",
        Counting::SendingStateStaff => "sending-state staff, no local hires",
        Counting::Diplomatic => "diplomatic staff (heads of mission and diplomats)",
        Counting::AdministrativeTechnical => "administrative and technical staff",
        Counting::Service => "service staff",
        Counting::LocallyEmployed => "locally employed staff",
    }
}

/// A chargé d'affaires a.i. while the head is away or the post vacant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    pub person: String,
    pub since: ValidDate,
}

impl Charge {
    fn english(charge: &Option<Charge>) -> String {
        charge
            .as_ref()
            .map(|c| format!("; chargé d'affaires a.i.: {} since {}", c.person, c.since))
            .unwrap_or_default()
    }
}

/// One side's figure in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueSaid {
    /// The latest staffing report for the whole mission; `age_days` old on the view's day.
    StaffReported {
        bound: Bound,
        value: u32,
        counting: Counting,
        date: ValidDate,
        age_days: i64,
    },
    /// No report, but individuals on record: a lower bound.
    StaffAtLeast {
        n: u32,
        counting: Counting,
    },
    StaffUnknown {
        counting: Counting,
    },
    PostsUnknown,
    /// `open` certainly open; `maybe` more whose status on the day is uncertain.
    Posts {
        open: i64,
        maybe: u64,
        suspended: i64,
        closed: i64,
    },
    PremisesUnknown,
    Premises {
        usable: i64,
        barred: i64,
        seized: i64,
        stripped: i64,
        host: StateCode,
    },
    /// Capped "at parity" with the other mission, whose figure the record does not hold.
    AtParityUnknown {
        host: StateCode,
        counting: Counting,
        since: ValidDate,
    },
    NoLimit,
    NoCap,
    /// The tightest limit in force (`banned`: a local-staff limit of 0), and the tightest under
    /// each other counting.
    Capped {
        cap: u32,
        counting: Counting,
        includes_io: bool,
        since: ValidDate,
        banned: bool,
        also: Vec<(u32, Counting)>,
    },
    NoneInForce,
    /// `measures` named (at most a handful), `more` not named.
    InForce {
        n: i64,
        measures: Vec<String>,
        more: usize,
    },
    /// Visa classes offered; those not offered, each with the places (city, state) it is
    /// routed to.
    VisaClasses {
        offered: usize,
        of: usize,
        not: Vec<(ConsularService, Vec<(String, StateCode)>)>,
    },
    VisaClassesUnknown {
        offered: usize,
        of: usize,
        unknown: Vec<ConsularService>,
    },
    NoConsularPost,
    ServiceLevel {
        level: ServiceLevel,
        at: String,
    },
    ServiceUnknown {
        open: usize,
    },
    /// Denials of consular access by `host`, counted from `since` (the record's start).
    Denials {
        n: i64,
        host: StateCode,
        since: Option<CivilDate>,
        /// The latest: its date and the measure as a reader knows it.
        latest: Option<(ValidDate, String)>,
    },
    HeadUnknown {
        charge: Option<Charge>,
    },
    HeadAwayUnreported {
        person: String,
        charge: Option<Charge>,
    },
    HeadInPost {
        person: String,
        since: ValidDate,
        credentials: Option<ValidDate>,
    },
    HeadAway {
        person: String,
        since: ValidDate,
        days: i64,
        charge: Option<Charge>,
    },
    HeadVacant {
        since: ValidDate,
        days: i64,
        charge: Option<Charge>,
    },
    /// Inside an event's period: `then` if it has happened, `otherwise` (the record's words)
    /// if not.
    HeadUncertain {
        otherwise: String,
        then: Box<ValueSaid>,
        pending: ValidDate,
    },
}

impl ValueSaid {
    pub fn english(&self) -> String {
        match self {
            ValueSaid::StaffReported {
                bound,
                value,
                counting,
                date,
                age_days,
            } => format!(
                "{}{value} staff ({}; reported {date}, {})",
                bound.prefix(),
                counting_text(*counting),
                staff::age_text(*date, *age_days)
            ),
            ValueSaid::StaffAtLeast { n, counting } => format!(
                "at least {n} staff ({}; individuals on record)",
                counting_text(*counting)
            ),
            ValueSaid::StaffUnknown { counting } => format!(
                "unknown: no staffing report for the whole mission counting {} and no \
                 individual on record",
                counting_text(*counting)
            ),
            ValueSaid::PostsUnknown => "unknown: no post of this mission on record".to_owned(),
            ValueSaid::Posts {
                open,
                maybe,
                suspended,
                closed,
            } => {
                let mut text = if *maybe > 0 {
                    format!("{open} to {} open", open.unsigned_abs() + maybe)
                } else {
                    format!("{open} open")
                };
                if *suspended > 0 {
                    text.push_str(&format!(", {suspended} suspended"));
                }
                if *closed > 0 {
                    text.push_str(&format!(", {closed} closed"));
                }
                if *maybe > 0 {
                    text.push_str(&format!(", {maybe} uncertain on that day"));
                }
                text
            }
            ValueSaid::PremisesUnknown => "unknown: no premises on record".to_owned(),
            ValueSaid::Premises {
                usable,
                barred,
                seized,
                stripped,
                host,
            } => {
                let mut text = format!(
                    "{usable} usable of those on record; {barred} with access barred and \
                     {seized} seized by {host}"
                );
                if *stripped > 0 {
                    text.push_str(&format!(
                        "; {stripped} stripped of diplomatic status by {host} (still owned)"
                    ));
                }
                text
            }
            ValueSaid::AtParityUnknown {
                host,
                counting,
                since,
            } => format!(
                "capped at parity with {host}'s mission ({}; since {since}): no figure of that \
                 mission on record",
                counting_text(*counting)
            ),
            ValueSaid::NoLimit => "no limit".to_owned(),
            ValueSaid::NoCap => "no cap".to_owned(),
            ValueSaid::Capped {
                cap,
                counting,
                includes_io,
                since,
                banned,
                also,
            } => {
                let io = if *includes_io {
                    ", missions to international organisations included"
                } else {
                    ""
                };
                let mut text = if *banned {
                    format!(
                        "banned (limit 0, {}{io}; since {since})",
                        counting_text(*counting)
                    )
                } else {
                    format!(
                        "capped at {cap} ({}{io}; since {since})",
                        counting_text(*counting)
                    )
                };
                if !also.is_empty() {
                    let others: Vec<String> = also
                        .iter()
                        .map(|(v, c)| format!("{v} {}", counting_text(*c)))
                        .collect();
                    text.push_str(&format!("; also limited to {}", others.join(", ")));
                }
                text
            }
            ValueSaid::NoneInForce => "none in force".to_owned(),
            ValueSaid::InForce { n, measures, more } => {
                let mut names = measures.clone();
                if *more > 0 {
                    names.push(format!("and {more} more"));
                }
                format!("{n} in force: {}", names.join(", "))
            }
            ValueSaid::VisaClasses { offered, of, not } => {
                let mut text = format!("{offered} of {of} classes offered");
                if !not.is_empty() {
                    let not: Vec<String> = not
                        .iter()
                        .map(|(c, routed)| {
                            if routed.is_empty() {
                                c.words().to_owned()
                            } else {
                                let places: Vec<String> = routed
                                    .iter()
                                    .map(|(city, state)| format!("{city} ({state})"))
                                    .collect();
                                format!("{} (routed to {})", c.words(), places.join(", "))
                            }
                        })
                        .collect();
                    text.push_str(&format!("; not offered: {}", not.join(", ")));
                }
                text
            }
            ValueSaid::VisaClassesUnknown {
                offered,
                of,
                unknown,
            } => format!(
                "unknown: {offered} of {of} offered on record; not recorded: {}",
                unknown
                    .iter()
                    .map(|c| c.words())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ValueSaid::NoConsularPost => "none: no open post gives consular service".to_owned(),
            ValueSaid::ServiceLevel { level, at } => {
                format!("{} (best: {at})", level.as_str().replace('_', " "))
            }
            ValueSaid::ServiceUnknown { open } => {
                format!("unknown: {open} open post(s), none with a service level on record")
            }
            ValueSaid::Denials {
                n,
                host,
                since,
                latest,
            } => {
                let since = match since {
                    Some(d) => format!("since the record begins ({d})"),
                    None => "on record".to_owned(),
                };
                match latest {
                    None => format!("no denial of access by {host} {since}"),
                    Some((date, measure)) => format!(
                        "{n} denial(s) of access by {host} {since}; latest {date}: {measure}"
                    ),
                }
            }
            ValueSaid::HeadUnknown { charge } => format!(
                "unknown: no head of mission on record{}",
                Charge::english(charge)
            ),
            ValueSaid::HeadAwayUnreported { person, charge } => format!(
                "{person} in post, away since a date not reported{}",
                Charge::english(charge)
            ),
            ValueSaid::HeadInPost {
                person,
                since,
                credentials,
            } => format!(
                "{person} in post since {since}{}",
                credentials
                    .map(|d| format!(", credentials presented {d}"))
                    .unwrap_or_default()
            ),
            ValueSaid::HeadAway {
                person,
                since,
                days,
                charge,
            } => format!(
                "{person} away since {since} ({days} days){}",
                Charge::english(charge)
            ),
            ValueSaid::HeadVacant {
                since,
                days,
                charge,
            } => format!(
                "vacant since {since} ({days} days){}",
                Charge::english(charge)
            ),
            ValueSaid::HeadUncertain {
                otherwise,
                then,
                pending,
            } => format!(
                "uncertain on that day: {otherwise} or {} (an event dated {pending})",
                then.english()
            ),
        }
    }
}

/// Why a measure on record is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCounted {
    /// Taken in another capacity than the host government's.
    Capacity(Capacity),
    Symbolic,
    LowConfidence,
}

impl NotCounted {
    pub fn english(self) -> String {
        match self {
            NotCounted::Capacity(c) => format!(
                "taken in the capacity of {}, not by the host government",
                c.as_str().replace('_', " ")
            ),
            NotCounted::Symbolic => "symbolic".to_owned(),
            NotCounted::LowConfidence => "reported with low confidence".to_owned(),
        }
    }
}

/// How a party's claim of a denial stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimSaid {
    Open,
    Disputed,
    /// Confirmed by the host, which has not recorded it as its own act.
    Confirmed,
}

/// The access clocks of one side's cases, by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClocksSaid {
    pub met: usize,
    pub met_late: usize,
    pub overdue: usize,
    pub missed: usize,
    /// Met or not, the dates on record cannot tell whether by the deadline.
    pub uncertain: usize,
    /// Publicly reported cases whose reporting says nothing of access.
    pub not_reported: usize,
}

impl ClocksSaid {
    pub fn english(&self) -> String {
        let mut text = format!(
            "access met {}, met late {}, overdue {}, missed {}",
            self.met, self.met_late, self.overdue, self.missed
        );
        if self.not_reported > 0 {
            text.push_str(&format!(
                ", not in the public reporting {}",
                self.not_reported
            ));
        }
        if self.uncertain > 0 {
            text.push_str(&format!(
                ", on time or not uncertain {} (dates known only to a period)",
                self.uncertain
            ));
        }
        text
    }
}

/// A caveat beside a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteSaid {
    /// The report counts (`counts`) missions to organisations; the definition `includes` them.
    IoMismatch {
        counts: bool,
        includes: bool,
    },
    AlsoReported {
        date: ValidDate,
        figures: Vec<(Bound, u32)>,
    },
    AboveCap {
        cap: u32,
        by: String,
    },
    Predates(Predates),
    LowerBound,
    BasisLists {
        listed: usize,
        of: u32,
    },
    PostUncertain {
        name: String,
        status: PostStatus,
        otherwise: String,
        pending: ValidDate,
    },
    PremisesUncertain {
        name: String,
        status: PremisesStatus,
        otherwise: String,
        pending: ValidDate,
    },
    BeforeRecord {
        n: usize,
    },
    /// Posts the sending state suspended or closed itself.
    OwnClosure {
        n: u64,
        sending: StateCode,
        host: StateCode,
    },
    MeasuresOfKind {
        n: usize,
    },
    Announced {
        measure: String,
        effective: ValidDate,
    },
    /// Uncertain on the day: `known_by` when known only to be in force by a date, else a date
    /// it depends on is imprecise.
    UncertainNotCounted {
        measure: String,
        known_by: Option<ValidDate>,
    },
    InForceNotCounted {
        measure: String,
        why: NotCounted,
    },
    OnRecordNotCounted {
        measure: String,
        why: NotCounted,
    },
    DatedByPeriod {
        measure: String,
    },
    MoreClaims {
        n: usize,
        claim: ClaimSaid,
        by: StateCode,
        host: StateCode,
    },
    NoCases {
        sending: StateCode,
        host: StateCode,
    },
    Clocks {
        cases: usize,
        sending: StateCode,
        host: StateCode,
        clocks: ClocksSaid,
    },
    CasesOwn {
        sending: StateCode,
    },
    UnreportedLevels {
        n: usize,
    },
    /// Agrément refused (`days` none) or requested and not granted after `days`.
    Agrement {
        person: String,
        date: ValidDate,
        days: Option<i64>,
        low_confidence: bool,
    },
}

impl NoteSaid {
    pub fn english(&self) -> String {
        match self {
            NoteSaid::IoMismatch { counts, includes } => format!(
                "the figure {} missions to international organisations, which the definition {}: \
                 not compared",
                if *counts { "counts" } else { "leaves out" },
                if *includes { "includes" } else { "excludes" }
            ),
            NoteSaid::AlsoReported { date, figures } => format!(
                "also reported for {date}: {}",
                figures
                    .iter()
                    .map(|(b, v)| format!("{}{v}", b.prefix()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            NoteSaid::AboveCap { cap, by } => {
                format!("reported above the cap of {cap} ({by}) already in force")
            }
            NoteSaid::Predates(p) => staff::predates_text(p),
            NoteSaid::LowerBound => {
                "no staffing report under this definition: the individuals on record are a lower \
                 bound"
                    .to_owned()
            }
            NoteSaid::BasisLists { listed, of } => {
                format!("the basis lists {listed} of the {of} members counted")
            }
            NoteSaid::PostUncertain {
                name,
                status,
                otherwise,
                pending,
            } => format!(
                "{name} is uncertain on that day: {status} or {otherwise}, by an event dated \
                 {pending}"
            ),
            NoteSaid::PremisesUncertain {
                name,
                status,
                otherwise,
                pending,
            } => format!(
                "{name} is uncertain on that day: {otherwise} or {status}, by an event dated \
                 {pending}"
            ),
            NoteSaid::BeforeRecord { n } => format!(
                "{n} counted before {} first date on record: opened on a date not known, before \
                 the record (start unknown)",
                if *n == 1 { "its" } else { "their" }
            ),
            NoteSaid::OwnClosure { n, sending, host } => format!(
                "{n} suspended or closed by {sending} itself: not a measure of {host}, so counted \
                 as open in the verdict"
            ),
            NoteSaid::MeasuresOfKind { n } => format!(
                "{n} measures of this kind in force; the tightest limit under each counting shown"
            ),
            NoteSaid::Announced { measure, effective } => {
                format!("announced, not yet in force: {measure} (takes effect {effective})")
            }
            NoteSaid::UncertainNotCounted { measure, known_by } => format!(
                "uncertain on that day, not counted: {measure} ({})",
                match known_by {
                    Some(d) => format!("known only to be in force by {d}"),
                    None => "a date it depends on is imprecise".to_owned(),
                }
            ),
            NoteSaid::InForceNotCounted { measure, why } => {
                format!("also in force, not counted: {measure} ({})", why.english())
            }
            NoteSaid::OnRecordNotCounted { measure, why } => {
                format!("also on record, not counted: {measure} ({})", why.english())
            }
            NoteSaid::DatedByPeriod { measure } => {
                format!("dated by a period that may end after the day, not counted: {measure}")
            }
            NoteSaid::MoreClaims { n, claim, by, host } => {
                let what = match claim {
                    ClaimSaid::Open => format!("claimed by {by}, not established"),
                    ClaimSaid::Disputed => format!("claimed by {by} and disputed by {host}"),
                    ClaimSaid::Confirmed => format!(
                        "claimed by {by} and confirmed by {host}, which has not recorded it as \
                         its own act"
                    ),
                };
                format!(
                    "{n} more {what}: counted only when asked to include {by}'s undisputed claims"
                )
            }
            NoteSaid::NoCases { sending, host } => {
                format!("from the cases on your record: none of {sending} nationals held in {host}")
            }
            NoteSaid::Clocks {
                cases,
                sending,
                host,
                clocks,
            } => format!(
                "from the cases on your record ({cases} of {sending} nationals held in {host}): {}",
                clocks.english()
            ),
            NoteSaid::CasesOwn { sending } => format!(
                "{sending}'s cases are its ministry's own: only publicly reported ones are on \
                 your record, so the clocks are not compared"
            ),
            NoteSaid::UnreportedLevels { n } => format!(
                "{n} open post(s) with no service level on record: the best level may be higher"
            ),
            NoteSaid::Agrement {
                person,
                date,
                days,
                low_confidence,
            } => {
                let what = match days {
                    None => format!("agrément for {person} refused {date}"),
                    Some(days) => format!(
                        "agrément for {person} requested {date}, not granted after {days} days"
                    ),
                };
                if *low_confidence {
                    format!("{what}, on a low-confidence report only")
                } else {
                    what
                }
            }
        }
    }
}

/// Why two figures are not compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhyNot {
    BothUnknown(StateCode, StateCode),
    Unknown(StateCode),
    /// The state's staff figure does not count what the definition counts.
    NotDefinition(StateCode),
    RangesOverlap,
    IoNotBilateral,
    /// The status of some premises of these states' missions is uncertain on the day.
    PremisesUncertain(Vec<StateCode>),
    BothWithholdAgrement,
    /// Missions without their head, and missions whose head's presence is uncertain, with no
    /// act of the host to blame.
    HeadAbsent {
        without: Vec<StateCode>,
        uncertain: Vec<StateCode>,
    },
    /// One mission capped at parity, no figure of the other on record.
    AtParityNoFigure {
        capped: StateCode,
        other: StateCode,
    },
    /// The two sides' limits count different staff.
    CountDifferent {
        states: [StateCode; 2],
        countings: [Vec<Counting>; 2],
    },
    /// The limits point different ways under different countings.
    DifferentWays {
        states: [StateCode; 2],
        limits: Vec<(Counting, u32, u32)>,
    },
}

impl WhyNot {
    pub fn english(&self) -> String {
        let states = |s: &[StateCode]| {
            s.iter()
                .map(StateCode::to_string)
                .collect::<Vec<_>>()
                .join(" and the ")
        };
        match self {
            WhyNot::BothUnknown(a, b) => {
                format!("both the {a} and the {b} figures are unknown")
            }
            WhyNot::Unknown(s) => format!("the {s} figure is unknown"),
            WhyNot::NotDefinition(s) => format!("the {s} figure does not match the definition"),
            WhyNot::RangesOverlap => {
                "the ranges the two figures allow overlap: neither is certainly smaller".to_owned()
            }
            WhyNot::IoNotBilateral => {
                "missions to international organisations are not a bilateral matter".to_owned()
            }
            WhyNot::PremisesUncertain(s) => format!(
                "the status of some premises of the {} mission is uncertain on that day",
                states(s)
            ),
            WhyNot::BothWithholdAgrement => {
                "both hosts withhold agrément for the other's head of mission".to_owned()
            }
            WhyNot::HeadAbsent { without, uncertain } => {
                let mut parts = Vec::new();
                if !without.is_empty() {
                    parts.push(format!(
                        "the {} mission is without its head",
                        states(without)
                    ));
                }
                if !uncertain.is_empty() {
                    parts.push(format!(
                        "whether the {} mission's head is present on that day is uncertain",
                        states(uncertain)
                    ));
                }
                format!(
                    "{}, but the record shows no refused or withheld agrément by the host",
                    parts.join("; ")
                )
            }
            WhyNot::AtParityNoFigure { capped, other } => format!(
                "the {capped} mission is capped at parity, and no figure of the {other} mission \
                 is on record"
            ),
            WhyNot::CountDifferent { states, countings } => {
                let list = |i: usize| {
                    countings[i]
                        .iter()
                        .map(|c| counting_text(*c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!(
                    "the {} limits count {} and the {} limits {}",
                    states[0],
                    list(0),
                    states[1],
                    list(1)
                )
            }
            WhyNot::DifferentWays { states, limits } => format!(
                "the limits point different ways: {}",
                limits
                    .iter()
                    .map(|(c, a, b)| format!(
                        "{}: {} {a}, {} {b}",
                        counting_text(*c),
                        states[0],
                        states[1]
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

/// The sentence comparing the two sides; the figures it quotes are the dimension's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComparisonSaid {
    Equal {
        states: [StateCode; 2],
    },
    /// `host` treats the `worse` mission worse than the other treats the `better` one.
    Stricter {
        host: StateCode,
        worse: StateCode,
        better: StateCode,
        /// What the host did, when the figures alone do not say it.
        why: Vec<NoteSaid>,
        /// The verdict rests only on low-confidence facts.
        low_confidence_only: bool,
    },
    /// The reasons, each a clause.
    NotComparable(Vec<WhyNot>),
}

impl ComparisonSaid {
    /// The sentence, quoting the values it compares.
    pub fn english(&self, values: &BTreeMap<StateCode, Value>) -> String {
        let text = |s: &StateCode| values.get(s).map_or("", |v| v.text.as_str());
        match self {
            ComparisonSaid::Equal { states: [a, b] } => format!(
                "equal: the {a} mission gets {}; the {b} mission gets {}",
                text(a),
                text(b)
            ),
            ComparisonSaid::Stricter {
                host,
                worse,
                better,
                why,
                low_confidence_only,
            } => {
                let why = if why.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        why.iter()
                            .map(NoteSaid::english)
                            .collect::<Vec<_>>()
                            .join("; ")
                    )
                };
                let mut s = format!(
                    "{host} is stricter: the {worse} mission gets {}; the {better} mission gets \
                     {}{why}",
                    text(worse),
                    text(better)
                );
                if *low_confidence_only {
                    s.push_str(" — this rests only on low-confidence facts");
                }
                s
            }
            ComparisonSaid::NotComparable(why) => format!(
                "not comparable: {}",
                why.iter()
                    .map(WhyNot::english)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}
