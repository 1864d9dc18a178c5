//! Parity by dimension (DESIGN.md §4): for a relation and a date, what each state's missions get
//! in the other's territory, dimension by dimension, which side is stricter and by how much, and
//! the acts behind every figure.
//!
//! Conventions, the same for every dimension:
//! - the value for state `X` is what `X`'s mission gets in the other state's territory;
//! - `stricter` names the **host** whose treatment of the other's mission is worse on that
//!   dimension: the state whose mission is worse off makes the *other* state the stricter one;
//! - a figure the record does not give is [`Value::unknown`]: `known: false` and no number, never
//!   a zero, and an unknown figure is never compared;
//! - every figure names its definition (what is counted) and the acts it rests on (`basis`).
//!
//! Everything is computed from the canonical order of the two states (by code), so asking for
//! (B, A) gives the same dimensions, values, verdicts and texts as (A, B).

mod consular_access;
mod said;

pub use said::{
    counting_text, Charge, ClaimSaid, ClocksSaid, ComparisonSaid, NotCounted, NoteSaid, ValueSaid,
    WhyNot,
};

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::consular::services::{catalogue_of, service_view};
use crate::date::{CivilDate, ValidDate};
use crate::ids::{MissionKey, PostId, RelationKey, StateCode};
use crate::image::asof::{settle, settled_post, settled_premises, Certainty, UncertainStatus};
use crate::image::heads::{fold_heads, Agrement, HeadEvent, HeadState};
use crate::image::measures::MeasureState;
use crate::image::measures::MeasureStatus;
use crate::image::members::fold_member;
use crate::image::mission::StaffingReport;
use crate::image::posts::{
    fold_post, PostEvent, PostState, PostStatus, PremisesEvent, PremisesStatus,
};
use crate::image::timeline::{Stamped, Verdicts, View};
use crate::image::Image;
use crate::query::{cap_view, report_view, CapView, QueryError};
use crate::staff;
use crate::vocab::{
    Bound, Capacity, Confidence, ConsularService, Counting, MeasureKind, PostKind, ServiceLevel,
};

/// Which staff a headcount counts. Parity is contested on exactly this, so it is a parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StaffDefinition {
    /// Everyone on the mission's staff, local hires included (`all_staff`).
    #[default]
    All,
    /// Heads of mission and members of the diplomatic staff only (`diplomatic`).
    Diplomatic,
}

impl StaffDefinition {
    /// The counting a staffing report or a cap must use to give a figure under this definition.
    pub fn counting(self) -> Counting {
        match self {
            StaffDefinition::All => Counting::AllStaff,
            StaffDefinition::Diplomatic => Counting::Diplomatic,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StaffDefinition::All => "all",
            StaffDefinition::Diplomatic => "diplomatic",
        }
    }
}

impl fmt::Display for StaffDefinition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a staff definition: use `all` or `diplomatic`")]
pub struct StaffDefinitionError(pub String);

impl FromStr for StaffDefinition {
    type Err = StaffDefinitionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "all" => Ok(StaffDefinition::All),
            "diplomatic" => Ok(StaffDefinition::Diplomatic),
            _ => Err(StaffDefinitionError(s.to_owned())),
        }
    }
}

/// The definitions a parity answer is computed under; echoed in the answer beside the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Definition {
    pub staff: StaffDefinition,
    /// Whether staff of missions to international organisations (a UN mission) count.
    pub include_io: bool,
}

impl Default for Definition {
    /// All staff, missions to international organisations included: the widest count, the one
    /// the 2017 US–Russia "parity" figure of 455 used.
    fn default() -> Self {
        Definition {
            staff: StaffDefinition::All,
            include_io: true,
        }
    }
}

impl Definition {
    /// The definition in words, as shown beside the staff figures.
    pub fn describe(&self) -> String {
        format!(
            "{}; {}",
            counting_text(self.staff.counting()),
            if self.include_io {
                "missions to international organisations included"
            } else {
                "missions to international organisations excluded"
            }
        )
    }
}

/// Parity of a relation on a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Parity {
    pub as_of: CivilDate,
    /// Set when the question is "as known at" an earlier point of the journal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_through_seq: Option<u64>,
    /// The two states in the order asked.
    pub states: Vec<StateCode>,
    pub definition: DefinitionView,
    /// What the verdicts rest on beyond established facts and each party's own acts.
    pub verdicts: Verdicts,
    /// Set when a party's claims were counted as if established.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims_of: Option<StateCode>,
    pub dimensions: Vec<Dimension>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DefinitionView {
    pub staff: StaffDefinition,
    pub include_io: bool,
    /// The definition in words.
    pub text: String,
}

/// One dimension of parity, both sides side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dimension {
    /// Stable snake_case key (`staff`, `staff_cap`, ...).
    pub key: &'static str,
    pub label: &'static str,
    /// What the figure is and how strictness is read from it.
    pub explanation: &'static str,
    /// The definition the figures use (what is counted, what is included).
    pub definition: String,
    /// By state: what that state's mission gets in the other state's territory.
    pub values: BTreeMap<StateCode, Value>,
    pub outcome: Outcome,
    /// The host whose treatment of the other's mission is worse on this dimension.
    pub stricter: Option<StateCode>,
    /// The gap in the dimension's unit, when it is a number (staff, posts, caps, measures).
    pub by_how_much: Option<i64>,
    /// One sentence: who is stricter and how, or why the sides are equal or not comparable.
    pub comparison: String,
    /// The acts behind the figures, ordered by mission, date and sequence number.
    pub basis: Vec<Basis>,
    /// What `comparison` says, for pages to word in their language.
    #[serde(skip)]
    pub said: ComparisonSaid,
}

impl Dimension {
    /// Whether parity on this dimension reads differently from `before`: its verdict, gap,
    /// comparison or a side's figure. Notes, the basis and the definition are not parity: a
    /// step that only moves a "not counted" note changes nothing a negotiator weighs.
    pub fn changed_from(&self, before: &Dimension) -> bool {
        let figures = |d: &Dimension| {
            d.values
                .iter()
                .map(|(s, v)| (*s, v.figure, v.bound, v.status, v.text.clone()))
                .collect::<Vec<_>>()
        };
        self.outcome != before.outcome
            || self.stricter != before.stricter
            || self.by_how_much != before.by_how_much
            || self.comparison != before.comparison
            || figures(self) != figures(before)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Outcome {
    /// One host treats the other's mission worse: see `stricter`.
    Stricter,
    Equal,
    /// A figure is unknown, or the two figures do not measure the same thing.
    NotComparable,
}

/// Whether the record gives a side's figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The record does not say: never read as zero, never compared.
    Unknown,
    /// The record says, with the number when the dimension has one (a headcount, a cap, a
    /// count of posts or measures, days vacant); none for "no cap" or a service level.
    Known(Option<i64>),
}

/// One side's figure, with how it reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "ValueView")]
pub struct Value {
    pub figure: Figure,
    /// How a reported figure relates to the truth ("about", "at least" ...).
    pub bound: Option<Bound>,
    /// A machine-readable state for categorical dimensions: `capped`, `banned`, `none`, a
    /// service level, `in_post`, `away`, `vacant`.
    pub status: Option<&'static str>,
    /// The figure in words, with its definition.
    pub text: String,
    /// Caveats: stale or conflicting figures, definitions that do not match.
    pub notes: Vec<String>,
    /// What `text` says, for pages to word in their language.
    pub said: ValueSaid,
    /// What each of `notes` says, in the same order.
    pub notes_said: Vec<NoteSaid>,
}

/// One side's figure. `known: false` means the record does not say: `number` is then null and
/// must not be read as zero.
#[derive(Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
struct ValueView {
    known: bool,
    /// The figure, when the dimension has one (a headcount, a cap, a count of posts or
    /// measures, days vacant). Null when unknown, and for known values without a number ("no
    /// cap", a service level).
    number: Option<i64>,
    /// How a reported figure relates to the truth ("about", "at least" ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    bound: Option<Bound>,
    /// A machine-readable state for categorical dimensions: `capped`, `banned`, `none`, a
    /// service level, `in_post`, `away`, `vacant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// The figure in words, with its definition.
    text: String,
    /// Caveats: stale or conflicting figures, definitions that do not match.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

impl From<Value> for ValueView {
    fn from(v: Value) -> ValueView {
        ValueView {
            known: v.is_known(),
            number: v.number(),
            bound: v.bound,
            status: v.status,
            text: v.text,
            notes: v.notes,
        }
    }
}

// Documented as it is written: the `known` and `number` of `ValueView`.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Value {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <ValueView as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Value {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        <ValueView as utoipa::ToSchema>::schemas(schemas)
    }
}

impl Value {
    pub fn known(number: Option<i64>, said: ValueSaid) -> Self {
        Value::of(Figure::Known(number), said)
    }

    pub fn unknown(said: ValueSaid) -> Self {
        Value::of(Figure::Unknown, said)
    }

    fn of(figure: Figure, said: ValueSaid) -> Self {
        Value {
            figure,
            bound: None,
            status: None,
            text: said.english(),
            notes: Vec::new(),
            said,
            notes_said: Vec::new(),
        }
    }

    /// Adds a caveat, in words and as said.
    pub fn note(&mut self, note: NoteSaid) {
        self.notes.push(note.english());
        self.notes_said.push(note);
    }

    fn notes_from(&mut self, notes: impl IntoIterator<Item = NoteSaid>) {
        for n in notes {
            self.note(n);
        }
    }

    pub fn is_known(&self) -> bool {
        matches!(self.figure, Figure::Known(_))
    }

    /// The number, when the record gives one.
    pub fn number(&self) -> Option<i64> {
        match self.figure {
            Figure::Known(n) => n,
            Figure::Unknown => None,
        }
    }

    fn with_status(mut self, status: &'static str) -> Self {
        self.status = Some(status);
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BasisKind {
    Measure,
    Report,
    Post,
    Premises,
    Member,
    HeadOfMission,
}

/// An act a figure rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Basis {
    /// The sending state of the mission whose figure this act supports.
    pub mission: StateCode,
    pub kind: BasisKind,
    /// The slug of the measure, post, premises or member; none for reports and head events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The journal sequence number of the act.
    pub seq: u64,
    pub date: ValidDate,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_ref: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

impl Basis {
    fn of<E>(
        mission: StateCode,
        kind: BasisKind,
        id: Option<String>,
        s: &Stamped<E>,
        summary: String,
    ) -> Self {
        let p = s.provenance.as_deref();
        Basis {
            mission,
            kind,
            id,
            seq: s.seq,
            date: s.date,
            summary,
            external_ref: p.and_then(|p| p.external_ref.clone()),
            confidence: p.and_then(|p| p.confidence),
        }
    }
}

/// An agrément request pending this long counts as withheld by the host: agrément usually takes
/// weeks, and a shorter wait says nothing about the host's attitude. The head-of-mission
/// explanation quotes it (a test keeps the two in step).
pub const AGREMENT_WITHHELD_AFTER_DAYS: i64 = 90;

/// Individual members listed in a staff figure's basis at most: the count is what matters, and
/// a large mission would otherwise swamp the answer.
const MAX_MEMBERS_IN_BASIS: usize = 20;

/// One side: the mission of `sending` in `host`, as the view sees it.
struct Mission<'a> {
    sending: StateCode,
    host: StateCode,
    /// Posts as of the date once every event that may have happened by then has.
    posts: Vec<(&'a PostId, PostState<'a>)>,
    /// Posts whose status on the date is uncertain (an event dated by a period holding the
    /// day): their status otherwise (`None`: not yet open) and that event's date.
    uncertain: BTreeMap<&'a PostId, (Vec<Option<PostStatus>>, Option<UncertainStatus>)>,
    /// Posts first on record after the date, recorded as open before it (`start_unknown`).
    start_unknown: HashSet<&'a PostId>,
    /// The first date the relation's record covers.
    record_start: Option<CivilDate>,
    /// Measures of the host against this mission in force on the view's date that verdicts
    /// rest on.
    in_force: Vec<MeasureState<'a>>,
    /// In force too, but not the host government's, symbolic or low-confidence: shown, never
    /// counted.
    apart: Vec<MeasureState<'a>>,
    /// Announced and not yet in force, or uncertain on the day: named, never counted.
    pending: Vec<MeasureState<'a>>,
}

/// A dimension's figure for one side, with the acts behind it.
struct Side {
    value: Value,
    basis: Vec<Basis>,
}

/// The comparison of the two sides; `side` indexes the canonical pair.
enum Verdict {
    Equal,
    /// `side`'s mission is worse off: the other state is the stricter host.
    Worse {
        side: usize,
        by: Option<i64>,
        /// What the host did, when the figures alone do not say it.
        why: Vec<NoteSaid>,
    },
    NotComparable(Vec<WhyNot>),
}

/// Compares ranks where a higher rank means the mission is worse off; `None` is unknown.
fn by_rank<T: Ord>(ranks: [Option<T>; 2], states: [StateCode; 2]) -> Verdict {
    match ranks {
        [Some(x), Some(y)] => match x.cmp(&y) {
            Ordering::Equal => Verdict::Equal,
            Ordering::Greater => Verdict::Worse {
                side: 0,
                by: None,
                why: Vec::new(),
            },
            Ordering::Less => Verdict::Worse {
                side: 1,
                by: None,
                why: Vec::new(),
            },
        },
        [None, None] => Verdict::NotComparable(vec![WhyNot::BothUnknown(states[0], states[1])]),
        [None, _] => Verdict::NotComparable(vec![WhyNot::Unknown(states[0])]),
        [_, None] => Verdict::NotComparable(vec![WhyNot::Unknown(states[1])]),
    }
}

fn with_by(v: Verdict, by: impl FnOnce() -> Option<i64>) -> Verdict {
    match v {
        Verdict::Worse { side, why, .. } => Verdict::Worse {
            side,
            by: by(),
            why,
        },
        other => other,
    }
}

struct Meta {
    key: &'static str,
    label: &'static str,
    explanation: &'static str,
}

const STAFF: Meta = Meta {
    key: "staff",
    label: "Staff",
    explanation: "The mission's headcount under the chosen definition: the latest staffing report \
        for the whole mission that counts what the definition counts (never a report for some \
        posts only), with its date and age, else the individuals on record (a lower bound), else \
        unknown. A figure reported before a lower cap or a ban took effect is marked as predating \
        it, with the bound the cap implies. A report that counts missions to international \
        organisations when the definition does not (or the reverse) is used only if there is no \
        other, and then noted and not compared. The smaller mission has been treated more \
        strictly by its host; figures are compared only when their ranges do not overlap.",
};
const POSTS_EMBASSY: Meta = Meta {
    key: "posts_embassy",
    label: "Embassy open",
    explanation: "Embassies open (suspended ones are counted apart). Fewer open posts = treated \
        more strictly by the host.",
};
const POSTS_CONSULAR: Meta = Meta {
    key: "posts_consular",
    label: "Consular posts open",
    explanation: "Consulates-general and consulates open (suspended ones are counted apart). \
        Fewer open posts = treated more strictly by the host.",
};
const POSTS_CULTURAL: Meta = Meta {
    key: "posts_cultural",
    label: "Cultural institutes open",
    explanation: "Cultural institutes of the sending state open in the other state, counted apart \
        from diplomatic and consular posts (suspended ones are counted apart). Fewer open = \
        treated more strictly by the host.",
};
const POSTS_IO: Meta = Meta {
    key: "posts_io",
    label: "Missions to international organisations",
    explanation: "Missions to international organisations open in the other state. Shown for \
        context, never compared: they depend on where organisations sit, not on bilateral \
        treatment.",
};
const PREMISES_USABLE: Meta = Meta {
    key: "premises_usable",
    label: "Premises usable",
    explanation: "Premises the mission can use (in use or returned); the figure is compared on \
        premises the host has barred access to, seized, or stripped of their diplomatic status \
        (still the sending state's, no longer inviolable): more restricted = stricter host. \
        Premises the mission gave up itself are not counted.",
};
const LOCAL_STAFF: Meta = Meta {
    key: "local_staff",
    label: "Local staff allowed",
    explanation: "The tightest limit on locally employed staff in force (local_staff_limit \
        measures); 0 means hiring locally is banned. No limit is less strict than any limit.",
};
const STAFF_CAP: Meta = Meta {
    key: "staff_cap",
    label: "Staff cap",
    explanation: "The tightest cap on the mission's headcount in force (staff_cap measures). No \
        cap is less strict than any cap; two caps are compared only if they count the same staff.",
};
const TRAVEL: Meta = Meta {
    key: "travel",
    label: "Travel rules",
    explanation: "Travel restrictions on the mission's staff in force. More measures in force = \
        stricter host.",
};
const DIPLOMATIC_VISAS: Meta = Meta {
    key: "diplomatic_visas",
    label: "Diplomatic visas",
    explanation: "Visa restrictions on the mission's staff in force. More measures in force = \
        stricter host.",
};
const CONSULAR_SERVICE: Meta = Meta {
    key: "consular_service",
    label: "Consular service",
    explanation: "The best consular service level across the mission's open posts (full > \
        limited > emergency only > none; missions to international organisations and cultural institutes excluded). \
        The level is the sending state's own, often forced by host measures (listed in the \
        basis): a lower level makes the host the stricter side.",
};
const VISA_SERVICES: Meta = Meta {
    key: "visa_services",
    label: "Visa services by class",
    explanation: "Classes of visa (nonimmigrant: visitors, students and exchange, work; \
        diplomatic and official; immigrant) offered at any open post of the mission, at any level \
        but none. A class routed to another post, possibly in a third country, is not offered \
        here. Like the service level, it is the sending state's own decision, often forced by host \
        measures: fewer classes offered makes the host the stricter side. A class no post's \
        record speaks of makes the count unknown.",
};
const BANKING: Meta = Meta {
    key: "banking",
    label: "Banking",
    explanation: "Banking restrictions on the mission in force. More measures in force = \
        stricter host.",
};
const OFFICIAL_VISITORS: Meta = Meta {
    key: "official_visitors",
    label: "Official visitors",
    explanation: "Quotas on official visitors to the mission in force. More measures in force = \
        stricter host.",
};
const HEAD_OF_MISSION: Meta = Meta {
    key: "head_of_mission",
    label: "Head of mission",
    explanation: "Whether the mission's head is in post, away (recalled) or the post vacant, and \
        for how long. A vacancy or recall is usually the sending state's own decision, so the \
        host is called stricter only when the record shows an act of its own: agrément refused, \
        or requested and not granted within 90 days, for a mission without its head.",
};

/// The key of every dimension parity reports: what pages label in each language.
pub const DIMENSION_KEYS: &[&str] = &[
    STAFF.key,
    POSTS_EMBASSY.key,
    POSTS_CONSULAR.key,
    POSTS_CULTURAL.key,
    POSTS_IO.key,
    PREMISES_USABLE.key,
    LOCAL_STAFF.key,
    STAFF_CAP.key,
    TRAVEL.key,
    DIPLOMATIC_VISAS.key,
    CONSULAR_SERVICE.key,
    VISA_SERVICES.key,
    BANKING.key,
    OFFICIAL_VISITORS.key,
    HEAD_OF_MISSION.key,
    consular_access::CONSULAR_ACCESS.key,
];

impl Image {
    /// Parity of the relation between `a` and `b` as the view sees it, under `def`.
    pub fn parity(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        def: &Definition,
    ) -> Result<Parity, QueryError> {
        self.check_relation(a, b, &view)?;
        if let Some(by) = view.verdicts.include_claims_of {
            let with = self.with_claims(a, b, view.reader, by);
            let mut parity = with.parity(a, b, view.without_claims(), def)?;
            parity.claims_of = Some(by);
            return Ok(parity);
        }
        // Canonical order, so that the answer does not depend on the order asked.
        let (x, y) = if a <= b { (a, b) } else { (b, a) };
        let states = [x, y];
        let start = self.record_start(RelationKey::new(x, y), &view);
        let sides = [
            self.parity_mission(x, y, view, start),
            self.parity_mission(y, x, view, start),
        ];

        let mut dimensions = Vec::with_capacity(15);
        let staff = sides.each_ref().map(|m| self.staff_side(m, view, def));
        dimensions.push(staff_dimension(states, def, staff));
        dimensions.push(self.posts_dimension(view, &POSTS_EMBASSY, &sides, &[PostKind::Embassy]));
        dimensions.push(self.posts_dimension(
            view,
            &POSTS_CONSULAR,
            &sides,
            &[PostKind::ConsulateGeneral, PostKind::Consulate],
        ));
        dimensions.push(self.posts_dimension(
            view,
            &POSTS_CULTURAL,
            &sides,
            &[PostKind::CulturalInstitute],
        ));
        dimensions.push(self.posts_dimension(view, &POSTS_IO, &sides, &[PostKind::MissionToIo]));
        dimensions.push(self.premises_dimension(&sides, view));
        let at_parity =
            |s: &MeasureState<'_>, m: &Mission<'_>| self.parity_figure(s, m.sending, m.host, view);
        dimensions.push(cap_dimension(
            &LOCAL_STAFF,
            &sides,
            MeasureKind::LocalStaffLimit,
            at_parity,
        ));
        dimensions.push(cap_dimension(
            &STAFF_CAP,
            &sides,
            MeasureKind::StaffCap,
            at_parity,
        ));
        for (meta, kind) in [
            (&TRAVEL, MeasureKind::TravelRestriction),
            (&DIPLOMATIC_VISAS, MeasureKind::VisaRestriction),
        ] {
            dimensions.push(count_dimension(meta, &sides, kind));
        }
        dimensions.push(self.consular_dimension(view, &sides));
        dimensions.push(visa_services_dimension(&sides));
        dimensions.push(self.consular_access_dimension(view, &sides));
        for (meta, kind) in [
            (&BANKING, MeasureKind::BankingRestriction),
            (&OFFICIAL_VISITORS, MeasureKind::OfficialVisitorQuota),
        ] {
            dimensions.push(count_dimension(meta, &sides, kind));
        }
        dimensions.push(self.head_dimension(&sides, view));

        Ok(Parity {
            as_of: view.as_of,
            known_through_seq: view.known_through.act(),
            states: vec![a, b],
            definition: DefinitionView {
                staff: def.staff,
                include_io: def.include_io,
                text: def.describe(),
            },
            verdicts: view.verdicts,
            claims_of: None,
            dimensions,
        })
    }

    fn parity_mission(
        &self,
        sending: StateCode,
        host: StateCode,
        view: View,
        record_start: Option<CivilDate>,
    ) -> Mission<'_> {
        let key = MissionKey { sending, host };
        let mut posts = Vec::new();
        let mut uncertain = BTreeMap::new();
        let mut start_unknown = HashSet::new();
        for id in self.mission_record(&key).map_or(&[][..], |m| &m.posts[..]) {
            let Some(r) = self.post_record(id) else {
                continue;
            };
            // A post first on record after the date, having opened on a date not known, was
            // open then (from the record's start): it counts, flagged.
            let Some((settled, split)) = settled_post(id, &r.events, &view, record_start) else {
                continue;
            };
            let known = || view.known(&r.events);
            match settled.certainty {
                Certainty::Certain => {}
                Certainty::StartUnknown => {
                    start_unknown.insert(id);
                }
                Certainty::Uncertain => {
                    // Every state the day may be in: before none, some or all of the pending
                    // events (`None`: not yet open).
                    let may_be = (split.certain..split.possible)
                        .map(|n| {
                            fold_post(id, known().take(n))
                                .ok()
                                .flatten()
                                .map(|s| s.status)
                        })
                        .collect();
                    uncertain.insert(id, (may_be, settled.uncertain));
                }
            }
            posts.push((id, settled.state));
        }
        let all_in_force: Vec<MeasureState<'_>> = self
            .relations
            .get(&RelationKey::new(sending, host))
            .map(|rel| {
                rel.measures
                    .iter()
                    .filter_map(|id| {
                        let r = self.measure_record(id)?;
                        if (r.actor, r.target) != (host, sending) {
                            return None;
                        }
                        r.state(&view).filter(|s| {
                            s.in_force()
                                || matches!(
                                    s.status(),
                                    MeasureStatus::Announced | MeasureStatus::Uncertain
                                )
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Measures announced and not yet biting, or uncertain on the day, are no verdict's
        // basis; each dimension names them so that no answer is more confident than the record.
        let (all_in_force, mut pending): (Vec<_>, Vec<_>) =
            all_in_force.into_iter().partition(MeasureState::in_force);
        self.drop_before_record(&mut pending, RelationKey::new(sending, host), &view, |s| {
            s.before_first_known
        });
        pending.retain(|s| s.counts_for(view.verdicts));
        let (in_force, apart) = all_in_force
            .into_iter()
            .partition(|s| s.counts_for(view.verdicts));
        Mission {
            sending,
            host,
            posts,
            uncertain,
            start_unknown,
            record_start,
            in_force,
            apart,
            pending,
        }
    }

    fn staff_side(&self, m: &Mission<'_>, view: View, def: &Definition) -> StaffSide {
        let counting = def.staff.counting();
        let key = MissionKey {
            sending: m.sending,
            host: m.host,
        };
        let record = self.mission_record(&key);
        // Whether a report's `includes_io` matters: only if the mission has a post to an
        // international organisation that is not closed.
        let io_posts: HashSet<&PostId> = m
            .posts
            .iter()
            .filter(|(_, s)| s.info.kind == PostKind::MissionToIo)
            .map(|(id, _)| *id)
            .collect();
        let io_matters = m
            .posts
            .iter()
            .any(|(_, s)| s.info.kind == PostKind::MissionToIo && s.status != PostStatus::Closed);

        let reports: Vec<&Stamped<_>> = record
            .map(|r| {
                view.filter(&r.reports)
                    .filter(|s| {
                        s.ev.posts.is_empty()
                            && s.ev.counting == counting
                            && s.ev.figure.is_headcount()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let io_ok = |s: &Stamped<StaffingReport>| !io_matters || s.ev.includes_io == def.include_io;
        let exact = reports.iter().rev().find(|s| io_ok(s)).copied();
        let (chosen, io_mismatch) = match exact {
            Some(r) => (Some(r), false),
            None => (reports.last().copied(), true),
        };

        if let Some(r) = chosen {
            let bound = r.ev.bound;
            let v = i64::from(r.ev.value);
            // The same annotations as the mission's headline figure, against the same caps.
            let caps: Vec<CapView> = m.in_force.iter().flat_map(cap_view).collect();
            let mut shown = report_view(r, view.as_of);
            shown.above_cap = staff::above_cap(&shown, &caps);
            shown.predates = staff::predates(&shown, &caps, &[]);
            // The age is the shown figure's, which is the report's.
            debug_assert_eq!(shown.date, r.date);
            let mut value = Value::known(
                Some(v),
                ValueSaid::StaffReported {
                    bound,
                    value: r.ev.value,
                    counting,
                    date: r.date,
                    age_days: shown.age_days,
                },
            );
            value.bound = Some(bound);
            let mut basis = vec![report_basis(m.sending, r)];
            if io_mismatch {
                value.note(NoteSaid::IoMismatch {
                    counts: r.ev.includes_io,
                    includes: def.include_io,
                });
            }
            // Sources often disagree on the same period: show the other figures, keep the last
            // recorded one.
            let others: Vec<&&Stamped<_>> = reports
                .iter()
                .filter(|o| o.seq != r.seq && o.date == r.date && (io_mismatch || io_ok(o)))
                .collect();
            if !others.is_empty() {
                value.note(NoteSaid::AlsoReported {
                    date: r.date,
                    figures: others.iter().map(|o| (o.ev.bound, o.ev.value)).collect(),
                });
                basis.extend(others.iter().map(|o| report_basis(m.sending, o)));
            }
            if let Some(c) = &shown.above_cap {
                value.note(NoteSaid::AboveCap {
                    cap: c.cap,
                    by: c
                        .external_ref
                        .as_deref()
                        .unwrap_or(c.measure.as_str())
                        .to_owned(),
                });
            }
            // A cap or ban that took effect since means the figure no longer holds as reported.
            for p in &shown.predates {
                value.note(NoteSaid::Predates(p.clone()));
                if let Some(c) = m.in_force.iter().find(|c| c.measure.measure == p.measure) {
                    basis.push(measure_basis(m.sending, c));
                }
            }
            let interval = interval(r.ev.value, bound);
            return StaffSide {
                side: Side { value, basis },
                interval: (!io_mismatch).then_some(interval),
            };
        }

        // No report: count the individuals on record who are present.
        let mut present = Vec::new();
        for id in record.map_or(&[][..], |r| &r.members[..]) {
            let Some(r) = self.member_record(id) else {
                continue;
            };
            let Some(s) = fold_member(id, view.filter(&r.events)).ok().flatten() else {
                continue;
            };
            if s.present
                && counting.counts(s.info.category)
                && (def.include_io || !io_posts.contains(&s.info.post))
            {
                present.push((id, r));
            }
        }
        if present.is_empty() {
            return StaffSide {
                side: Side {
                    value: Value::unknown(ValueSaid::StaffUnknown { counting }),
                    basis: Vec::new(),
                },
                interval: None,
            };
        }
        let n = present.len() as u32;
        let mut value = Value::known(Some(i64::from(n)), ValueSaid::StaffAtLeast { n, counting });
        value.bound = Some(Bound::AtLeast);
        value.note(NoteSaid::LowerBound);
        let basis: Vec<Basis> = present
            .iter()
            .take(MAX_MEMBERS_IN_BASIS)
            .filter_map(|(id, r)| {
                let first = view.filter(&r.events).next()?;
                Some(Basis::of(
                    m.sending,
                    BasisKind::Member,
                    Some(id.to_string()),
                    first,
                    "on the staff".into(),
                ))
            })
            .collect();
        if present.len() > MAX_MEMBERS_IN_BASIS {
            value.note(NoteSaid::BasisLists {
                listed: MAX_MEMBERS_IN_BASIS,
                of: n,
            });
        }
        StaffSide {
            side: Side { value, basis },
            interval: Some(interval(n, Bound::AtLeast)),
        }
    }

    fn premises_dimension(&self, sides: &[Mission<'_>; 2], view: View) -> Dimension {
        let mut out: Vec<(Side, Option<i64>)> = Vec::with_capacity(2);
        let mut uncertain_sides = Vec::new();
        for m in sides {
            let key = MissionKey {
                sending: m.sending,
                host: m.host,
            };
            let ids = self
                .mission_record(&key)
                .map_or(&[][..], |r| &r.premises[..]);
            let (mut usable, mut barred, mut seized, mut stripped, mut seen) =
                (0i64, 0i64, 0i64, 0i64, 0usize);
            let mut uncertain = Vec::new();
            let mut basis = Vec::new();
            for id in ids {
                let Some(r) = self.premises_record(id) else {
                    continue;
                };
                let Some((settled, split)) = settled_premises(id, &r.events, &view, m.record_start)
                else {
                    continue;
                };
                let known = || view.known(&r.events);
                let s = settled.state;
                seen += 1;
                if let Some(u) = settled.uncertain {
                    uncertain.push(NoteSaid::PremisesUncertain {
                        name: s.info.name.clone(),
                        status: s.status,
                        otherwise: u.otherwise.clone(),
                        pending: u.pending,
                    });
                }
                match s.status {
                    PremisesStatus::InUse | PremisesStatus::Returned => usable += 1,
                    PremisesStatus::AccessBarred => barred += 1,
                    PremisesStatus::Seized => seized += 1,
                    PremisesStatus::StatusRemoved => stripped += 1,
                    PremisesStatus::Released => {}
                }
                if matches!(
                    s.status,
                    PremisesStatus::AccessBarred
                        | PremisesStatus::Seized
                        | PremisesStatus::StatusRemoved
                ) {
                    // The event that put the premises in their present status.
                    let since = known()
                        .take(split.possible)
                        .filter(|e| {
                            matches!(
                                e.ev,
                                PremisesEvent::AccessBarred { .. }
                                    | PremisesEvent::Seized { .. }
                                    | PremisesEvent::StatusRemoved { .. }
                            )
                        })
                        .last()
                        .unwrap_or(s.acquired);
                    basis.push(Basis::of(
                        m.sending,
                        BasisKind::Premises,
                        Some(id.to_string()),
                        since,
                        format!(
                            "{} ({}) {} by {}{}",
                            s.info.name,
                            s.info.kind,
                            s.status,
                            m.host,
                            s.measure
                                .map(|x| format!(" under measure {x}"))
                                .unwrap_or_default()
                        ),
                    ));
                }
            }
            if seen == 0 {
                out.push((
                    Side {
                        value: Value::unknown(ValueSaid::PremisesUnknown),
                        basis,
                    },
                    None,
                ));
                continue;
            }
            let restricted = barred + seized + stripped;
            let said = ValueSaid::Premises {
                usable,
                barred,
                seized,
                stripped,
                host: m.host,
            };
            let mut value = Value::known(Some(usable), said);
            if !uncertain.is_empty() {
                value = value.with_status("uncertain");
                value.notes_from(uncertain);
                uncertain_sides.push(m.sending);
            }
            out.push((Side { value, basis }, Some(restricted)));
        }
        let ranks = [out[0].1, out[1].1];
        let verdict = if uncertain_sides.is_empty() {
            with_by(by_rank(ranks, states_of(sides)), || {
                Some((ranks[0]? - ranks[1]?).abs())
            })
        } else {
            Verdict::NotComparable(vec![WhyNot::PremisesUncertain(uncertain_sides)])
        };
        let [s0, s1] = [out.remove(0).0, out.remove(0).0];
        finish(
            &PREMISES_USABLE,
            "premises of the mission's posts, by status; restricted = access barred, seized or \
             stripped of diplomatic status by the host"
                .into(),
            sides,
            [s0, s1],
            verdict,
        )
    }

    fn head_dimension(&self, sides: &[Mission<'_>; 2], view: View) -> Dimension {
        let mut out = Vec::with_capacity(2);
        for m in sides {
            out.push(self.head_side(m, view));
        }
        let states = states_of(sides);
        let present = |h: &HeadSide| h.status == Some("in_post");
        let verdict = match (&out[0], &out[1]) {
            (h0, h1) if present(h0) && present(h1) => Verdict::Equal,
            (h0, h1) => match (h0.withheld_days, h1.withheld_days) {
                (Some(d0), Some(d1)) if d0 == d1 => {
                    Verdict::NotComparable(vec![WhyNot::BothWithholdAgrement])
                }
                (Some(d0), Some(d1)) => {
                    let side = usize::from(d1 > d0);
                    Verdict::Worse {
                        side,
                        by: None,
                        why: out[side].withheld.clone(),
                    }
                }
                (Some(_), None) => Verdict::Worse {
                    side: 0,
                    by: None,
                    why: out[0].withheld.clone(),
                },
                (None, Some(_)) => Verdict::Worse {
                    side: 1,
                    by: None,
                    why: out[1].withheld.clone(),
                },
                (None, None) => {
                    // Only what is certain is stated; a head whose absence is uncertain on the
                    // day is said to be so.
                    let uncertain: Vec<StateCode> = [h0, h1]
                        .iter()
                        .zip(states)
                        .filter(|(h, _)| h.status == Some("uncertain"))
                        .map(|(_, s)| s)
                        .collect();
                    let without: Vec<StateCode> = [h0, h1]
                        .iter()
                        .zip(states)
                        .filter(|(h, _)| !present(h) && h.status != Some("uncertain"))
                        .map(|(_, s)| s)
                        .collect();
                    Verdict::NotComparable(vec![WhyNot::HeadAbsent { without, uncertain }])
                }
            },
        };
        let [s0, s1] = [out.remove(0).side, out.remove(0).side];
        finish(
            &HEAD_OF_MISSION,
            format!(
                "head of mission in post, away or vacant; agrément withheld = requested and not \
                 granted after {AGREMENT_WITHHELD_AFTER_DAYS} days, or refused"
            ),
            sides,
            [s0, s1],
            verdict,
        )
    }

    fn head_side(&self, m: &Mission<'_>, view: View) -> HeadSide {
        let key = MissionKey {
            sending: m.sending,
            host: m.host,
        };
        let events: &[Stamped<_>] = self.mission_record(&key).map_or(&[], |r| &r.heads[..]);
        // A verdict rests on what is established: low-confidence reports only when asked.
        let weighed: Vec<Stamped<_>> = events.iter().filter(|e| view.weighs(e)).cloned().collect();
        let events = &weighed[..];
        let split = view.split(events, m.record_start, |e| e.event.existed_before());
        let known = || view.known(events);
        let settled = settle(
            &view,
            events,
            split,
            |n| Some(fold_heads("", known().take(n)).unwrap_or_default()),
            |s| s.map(HeadState::standing),
            |s| s.map_or_else(|| HeadState::default().said(), HeadState::said),
        );
        let (heads, uncertain) = settled.map(|s| (s.state, s.uncertain)).unwrap_or_default();
        let seen = || known().take(split.possible);
        let last = |person: &str, ev: fn(&HeadEvent) -> bool| {
            seen()
                .filter(|e| e.ev.person == person && ev(&e.ev.event))
                .last()
        };
        let mut basis = Vec::new();
        let mut push = |e: Option<&Stamped<_>>, summary: String| {
            if let Some(e) = e {
                basis.push(Basis::of(
                    m.sending,
                    BasisKind::HeadOfMission,
                    None,
                    e,
                    summary,
                ));
            }
        };
        let charge = heads.charge.map(|(p, since)| Charge {
            person: p.to_owned(),
            since,
        });
        let (mut value, status) = match (&heads.head, heads.vacant_since) {
            (Some(h), _) => {
                push(
                    last(h.person, |e| matches!(e, HeadEvent::Arrived { .. })),
                    format!("{} arrives", h.person),
                );
                match h.absent_since {
                    None if h.absence_unreported => (
                        Value::known(
                            None,
                            ValueSaid::HeadAwayUnreported {
                                person: h.person.to_owned(),
                                charge,
                            },
                        ),
                        "away",
                    ),
                    None => (
                        Value::known(
                            None,
                            ValueSaid::HeadInPost {
                                person: h.person.to_owned(),
                                since: h.since,
                                credentials: h.credentials_presented,
                            },
                        ),
                        "in_post",
                    ),
                    Some(away) => {
                        push(
                            last(h.person, |e| matches!(e, HeadEvent::Absent { .. })),
                            format!("{} away (recalled for consultations)", h.person),
                        );
                        (
                            Value::known(
                                Some(away.earliest().days_until(view.as_of)),
                                ValueSaid::HeadAway {
                                    person: h.person.to_owned(),
                                    since: away,
                                    days: away.earliest().days_until(view.as_of),
                                    charge,
                                },
                            ),
                            "away",
                        )
                    }
                }
            }
            (None, Some(vacant)) => {
                let departed = seen().filter(|e| e.ev.event == HeadEvent::Departed).last();
                push(
                    departed,
                    format!(
                        "{} departs",
                        departed.map_or("the head", |e| e.ev.person.as_str())
                    ),
                );
                let days = vacant.earliest().days_until(view.as_of);
                (
                    Value::known(
                        Some(days),
                        ValueSaid::HeadVacant {
                            since: vacant,
                            days,
                            charge,
                        },
                    ),
                    "vacant",
                )
            }
            (None, None) => {
                let v = Value::unknown(ValueSaid::HeadUnknown { charge });
                return HeadSide {
                    side: Side {
                        value: v,
                        basis: Vec::new(),
                    },
                    status: None,
                    withheld_days: None,
                    withheld: Vec::new(),
                };
            }
        };
        value = value.with_status(status);
        // Inside the period of an event that changes who heads the mission or whether they are
        // there, the day's answer is not known: never a confident state, never "in post".
        let status = match uncertain {
            Some(u) => {
                let then = std::mem::replace(&mut value.said, ValueSaid::NoneInForce);
                value.said = ValueSaid::HeadUncertain {
                    otherwise: u.otherwise,
                    then: Box::new(then),
                    pending: u.pending,
                };
                value.text = value.said.english();
                value = value.with_status("uncertain");
                "uncertain"
            }
            None => status,
        };

        // Agrément the host refused or sits on, for someone who would head this mission: only
        // what happened since the last head arrived, and only while the mission lacks its head.
        let mut withheld_days = None;
        let mut withheld_said: Vec<NoteSaid> = Vec::new();
        if status != "in_post" {
            let last_arrival = seen()
                .filter(|e| matches!(e.ev.event, HeadEvent::Arrived { .. }))
                .map(|e| e.date)
                .last();
            for (person, (state, date)) in &heads.agrement {
                if last_arrival.is_some_and(|a| *date < a)
                    || heads.appointed.contains_key(person)
                    || heads.head.as_ref().is_some_and(|h| h.person == *person)
                {
                    continue;
                }
                let days = date.earliest().days_until(view.as_of);
                let waited = match state {
                    Agrement::Refused => Some(None),
                    Agrement::Requested if days >= AGREMENT_WITHHELD_AFTER_DAYS => Some(Some(days)),
                    _ => None,
                };
                if let Some(waited) = waited {
                    // A refusal weighs as the longest possible wait.
                    let weight = if *state == Agrement::Refused {
                        i64::MAX
                    } else {
                        days
                    };
                    withheld_days = Some(withheld_days.map_or(weight, |w: i64| w.max(weight)));
                    let ev = seen()
                        .filter(|e| {
                            e.ev.person == **person
                                && matches!(
                                    e.ev.event,
                                    HeadEvent::AgrementRequested | HeadEvent::AgrementRefused
                                )
                        })
                        .last();
                    // Counted only because low-confidence facts were asked for: say so.
                    let low = ev.is_some_and(|e| {
                        e.provenance.as_deref().and_then(|p| p.confidence) == Some(Confidence::Low)
                    });
                    let what = NoteSaid::Agrement {
                        person: (*person).to_owned(),
                        date: *date,
                        days: waited,
                        low_confidence: low,
                    };
                    push(ev, what.english());
                    withheld_said.push(what.clone());
                    value.note(what);
                }
            }
        }
        HeadSide {
            side: Side { value, basis },
            status: Some(status),
            withheld_days,
            withheld: withheld_said,
        }
    }
}

struct StaffSide {
    side: Side,
    /// The range the true headcount lies in; `None` when it must not be compared.
    interval: Option<(u64, u64)>,
}

struct HeadSide {
    side: Side,
    status: Option<&'static str>,
    /// How long the host has withheld agrément (`i64::MAX` when refused).
    withheld_days: Option<i64>,
    /// The withheld agréments.
    withheld: Vec<NoteSaid>,
}

fn states_of(sides: &[Mission<'_>; 2]) -> [StateCode; 2] {
    [sides[0].sending, sides[1].sending]
}

/// The range of headcounts a reported figure allows. "About" is read as the figure itself: the
/// sources give nothing better, and reading it as a range would make most figures incomparable.
fn interval(v: u32, b: Bound) -> (u64, u64) {
    let v = u64::from(v);
    match b {
        Bound::Exact | Bound::About => (v, v),
        Bound::AtLeast => (v, u64::MAX),
        Bound::MoreThan => (v + 1, u64::MAX),
        Bound::AtMost => (0, v),
    }
}

fn report_basis(mission: StateCode, r: &Stamped<StaffingReport>) -> Basis {
    Basis::of(
        mission,
        BasisKind::Report,
        None,
        r,
        format!(
            "staffing reported: {}{} ({}{})",
            r.ev.bound.prefix(),
            r.ev.value,
            r.ev.counting,
            if r.ev.includes_io {
                ", missions to international organisations included"
            } else {
                ""
            }
        ),
    )
}

fn measure_basis(mission: StateCode, s: &MeasureState<'_>) -> Basis {
    let m = s.measure;
    let mut summary = format!("{} by {}", m.measure_kind, m.actor);
    if let Some(cap) = m.magnitude.cap {
        summary.push_str(&format!(", cap {cap}"));
    }
    if let Some(v) = m.magnitude.visitors {
        summary.push_str(&format!(", {v} visitors"));
    }
    Basis::of(
        mission,
        BasisKind::Measure,
        Some(m.measure.to_string()),
        s.imposed,
        summary,
    )
}

/// Compares the ranges two figures allow, where the smaller figure is the worse-off mission:
/// a verdict only when the ranges do not overlap (or are the same single value). `None` is a
/// figure that must not be compared, `why_not(i)` says why for side `i`.
fn smaller_is_worse(ranges: [Option<(u64, u64)>; 2], why_not: impl Fn(usize) -> WhyNot) -> Verdict {
    let gap = |lo: u64, hi: u64| i64::try_from(lo - hi).ok();
    match ranges {
        [Some((lo0, hi0)), Some((lo1, hi1))] => {
            if lo0 == hi0 && (lo0, hi0) == (lo1, hi1) {
                Verdict::Equal
            } else if hi0 < lo1 {
                Verdict::Worse {
                    side: 0,
                    by: gap(lo1, hi0),
                    why: Vec::new(),
                }
            } else if hi1 < lo0 {
                Verdict::Worse {
                    side: 1,
                    by: gap(lo0, hi1),
                    why: Vec::new(),
                }
            } else {
                Verdict::NotComparable(vec![WhyNot::RangesOverlap])
            }
        }
        [a, b] => Verdict::NotComparable(
            [(0, a), (1, b)]
                .into_iter()
                .filter(|(_, r)| r.is_none())
                .map(|(i, _)| why_not(i))
                .collect(),
        ),
    }
}

fn staff_dimension(states: [StateCode; 2], def: &Definition, sides: [StaffSide; 2]) -> Dimension {
    let verdict = smaller_is_worse([sides[0].interval, sides[1].interval], |i| {
        if sides[i].side.value.is_known() {
            WhyNot::NotDefinition(states[i])
        } else {
            WhyNot::Unknown(states[i])
        }
    });
    let [s0, s1] = sides.map(|s| s.side);
    finish_states(&STAFF, def.describe(), states, [s0, s1], verdict)
}

impl Image {
    /// The last event of post `id` the view sees that `pick` accepts.
    fn post_event(
        &self,
        id: &PostId,
        view: View,
        pick: impl Fn(&PostEvent) -> bool,
    ) -> Option<&Stamped<PostEvent>> {
        self.post_record(id)
            .and_then(|r| view.filter(&r.events).filter(|e| pick(&e.ev)).last())
    }

    fn posts_dimension(
        &self,
        view: View,
        meta: &'static Meta,
        sides: &[Mission<'_>; 2],
        kinds: &[PostKind],
    ) -> Dimension {
        let mut out: Vec<(Side, Option<(u64, u64)>)> = Vec::with_capacity(2);
        for m in sides {
            if m.posts.is_empty() {
                out.push((
                    Side {
                        value: Value::unknown(ValueSaid::PostsUnknown),
                        basis: Vec::new(),
                    },
                    None,
                ));
                continue;
            }
            let (mut open, mut suspended, mut closed) = (0i64, 0i64, 0i64);
            // Posts the sending state suspended or closed itself: not the host's doing, so
            // they count as open for the verdict (and are said to be the sending state's own).
            let mut own = 0u64;
            // Posts whose status on the date is uncertain: they may be open, or may not.
            let (mut maybe_open, mut maybe_not) = (0u64, 0u64);
            let mut uncertain_notes = Vec::new();
            let mut before_record = 0usize;
            let mut basis = Vec::new();
            for (id, s) in m.posts.iter().filter(|(_, s)| kinds.contains(&s.info.kind)) {
                if let Some((may_be, u)) = m.uncertain.get(id) {
                    let is_open = s.status == PostStatus::Open;
                    let open = |o: &Option<PostStatus>| *o == Some(PostStatus::Open);
                    let (may_be_open, may_be_not) = (
                        is_open || may_be.iter().any(open),
                        !is_open || !may_be.iter().all(open),
                    );
                    if may_be_open && may_be_not {
                        if is_open {
                            maybe_open += 1;
                        } else {
                            maybe_not += 1;
                        }
                    }
                    if let Some(u) = u {
                        uncertain_notes.push(NoteSaid::PostUncertain {
                            name: s.info.name.clone(),
                            status: s.status,
                            otherwise: u.otherwise.clone(),
                            pending: u.pending,
                        });
                    }
                    if may_be_open && may_be_not {
                        // Counted in the range below, not as open, suspended or closed.
                        let summary = format!("{} uncertain on that day", s.info.name);
                        basis.push(Basis::of(
                            m.sending,
                            BasisKind::Post,
                            Some(id.to_string()),
                            s.opened,
                            summary,
                        ));
                        continue;
                    }
                }
                if m.start_unknown.contains(id) {
                    before_record += 1;
                }
                match s.status {
                    PostStatus::Open => open += 1,
                    PostStatus::Suspended => suspended += 1,
                    PostStatus::Closed => closed += 1,
                }
                let by = match s.status {
                    PostStatus::Open => None,
                    PostStatus::Suspended => s.suspended_by,
                    PostStatus::Closed => s.closed_by,
                };
                if by == Some(m.sending) {
                    own += 1;
                }
                let summary = match s.status {
                    PostStatus::Open => format!("{} open", s.info.name),
                    PostStatus::Suspended => format!(
                        "{} suspended since {}{}",
                        s.info.name,
                        s.status_since,
                        s.suspended_by
                            .map(|b| format!(" by {b}"))
                            .unwrap_or_default()
                    ),
                    PostStatus::Closed => format!(
                        "{} closed {}{}{}",
                        s.info.name,
                        s.status_since,
                        s.closed_by.map(|b| format!(" by {b}")).unwrap_or_default(),
                        s.closing_measure
                            .map(|x| format!(" under measure {x}"))
                            .unwrap_or_default()
                    ),
                };
                // The act that put the post in its present status.
                let event = match s.status {
                    PostStatus::Open => None,
                    PostStatus::Suspended => {
                        self.post_event(id, view, |e| matches!(e, PostEvent::Suspended { .. }))
                    }
                    PostStatus::Closed => {
                        self.post_event(id, view, |e| matches!(e, PostEvent::Closed { .. }))
                    }
                };
                basis.push(Basis::of(
                    m.sending,
                    BasisKind::Post,
                    Some(id.to_string()),
                    event.unwrap_or(s.opened),
                    summary,
                ));
            }
            let maybe = maybe_open + maybe_not;
            let said = ValueSaid::Posts {
                open,
                maybe,
                suspended,
                closed,
            };
            let mut value = Value::known(Some(open), said);
            if maybe > 0 {
                // The count is a range: the lower end is certain, the rest may be open.
                value.bound = Some(Bound::AtLeast);
                value = value.with_status("uncertain");
                value.notes_from(uncertain_notes);
            }
            if before_record > 0 {
                value.note(NoteSaid::BeforeRecord { n: before_record });
            }
            if own > 0 {
                value.note(NoteSaid::OwnClosure {
                    n: own,
                    sending: m.sending,
                    host: m.host,
                });
            }
            let open = open.unsigned_abs() + own;
            out.push((Side::from_value(value, basis), Some((open, open + maybe))));
        }
        let states = states_of(sides);
        let verdict = if meta.key == POSTS_IO.key {
            Verdict::NotComparable(vec![WhyNot::IoNotBilateral])
        } else {
            smaller_is_worse([out[0].1, out[1].1], |i| WhyNot::Unknown(states[i]))
        };
        let [s0, s1] = [out.remove(0).0, out.remove(0).0];
        let kinds_text = kinds
            .iter()
            .map(|k| k.as_str().replace('_', " "))
            .collect::<Vec<_>>()
            .join(", ");
        finish(
            meta,
            format!("posts of kind {kinds_text} open on the date; suspended posts counted apart"),
            sides,
            [s0, s1],
            verdict,
        )
    }
}

impl Side {
    fn from_value(value: Value, basis: Vec<Basis>) -> Self {
        Side { value, basis }
    }
}

/// Staff caps and local-staff limits in force. A cap may set several limits (7 diplomats, 25
/// administrative and technical staff ...): each side shows every limit, the tightest under each
/// counting, and the sides are compared under each counting both are limited in. No limit is
/// less strict than any limit. A cap "at parity" stands at the figure `at_parity` finds (the
/// other mission's latest headcount); with none on record it is still a cap, of a size unknown.
fn cap_dimension(
    meta: &'static Meta,
    sides: &[Mission<'_>; 2],
    kind: MeasureKind,
    at_parity: impl Fn(&MeasureState<'_>, &Mission<'_>) -> Option<(Counting, u32)>,
) -> Dimension {
    let default_counting = if kind == MeasureKind::LocalStaffLimit {
        Counting::LocallyEmployed
    } else {
        Counting::AllStaff
    };
    let mut out = Vec::with_capacity(2);
    // The tightest limit under each counting, per side.
    let mut tightest: [BTreeMap<Counting, u32>; 2] = [BTreeMap::new(), BTreeMap::new()];
    // Caps at parity whose figure the record does not hold, per side.
    let mut unknown_size: [Vec<&MeasureState<'_>>; 2] = [Vec::new(), Vec::new()];
    for (i, m) in sides.iter().enumerate() {
        let mine = || m.in_force.iter().filter(|s| s.measure.measure_kind == kind);
        let mut limits: Vec<(&MeasureState<'_>, Counting, u32)> = mine()
            .flat_map(|s| {
                let mut caps = s.caps();
                caps.extend(at_parity(s, m));
                caps.into_iter().map(move |(c, cap)| (s, c, cap))
            })
            .collect();
        limits.sort_by_key(|(s, c, cap)| (*cap, *c, s.imposed.date, s.imposed.seq));
        unknown_size[i] = mine()
            .filter(|s| {
                s.measure.cap_at_parity
                    && !limits
                        .iter()
                        .any(|(l, ..)| l.measure.measure == s.measure.measure)
            })
            .collect();
        let mut basis: Vec<Basis> = Vec::new();
        for s in limits
            .iter()
            .map(|(s, ..)| *s)
            .chain(unknown_size[i].iter().copied())
        {
            if !basis
                .iter()
                .any(|b| b.id.as_deref() == Some(s.measure.measure.as_str()))
            {
                basis.push(measure_basis(m.sending, s));
            }
        }
        for (_, c, cap) in &limits {
            tightest[i].entry(*c).or_insert(*cap);
        }
        let value = match (limits.first(), unknown_size[i].first()) {
            (None, Some(s)) => Value::known(
                None,
                ValueSaid::AtParityUnknown {
                    host: m.host,
                    counting: s.terms().counting,
                    since: s.terms().effective,
                },
            )
            .with_status("capped"),
            (None, None) => Value::known(
                None,
                if kind == MeasureKind::LocalStaffLimit {
                    ValueSaid::NoLimit
                } else {
                    ValueSaid::NoCap
                },
            )
            .with_status("none"),
            (Some((s, counting, cap)), _) => {
                let banned = *cap == 0 && kind == MeasureKind::LocalStaffLimit;
                let said = ValueSaid::Capped {
                    cap: *cap,
                    counting: *counting,
                    includes_io: s.measure.includes_io,
                    since: s.terms().effective,
                    banned,
                    also: tightest[i]
                        .iter()
                        .filter(|(c, _)| *c != counting)
                        .map(|(c, v)| (*v, *c))
                        .collect(),
                };
                let status = if banned { "banned" } else { "capped" };
                let mut v = Value::known(Some(i64::from(*cap)), said).with_status(status);
                let measures = basis.len();
                if measures > 1 {
                    v.note(NoteSaid::MeasuresOfKind { n: measures });
                }
                v
            }
        };
        let mut value = value;
        value.notes_from(apart_notes(m, kind));
        out.push(Side::from_value(value, basis));
    }
    let states = states_of(sides);
    let capped = |i: usize| !tightest[i].is_empty() || !unknown_size[i].is_empty();
    let verdict = match (capped(0), capped(1)) {
        (false, false) => Verdict::Equal,
        (true, false) => Verdict::Worse {
            side: 0,
            by: None,
            why: Vec::new(),
        },
        (false, true) => Verdict::Worse {
            side: 1,
            by: None,
            why: Vec::new(),
        },
        (true, true) if tightest[0].is_empty() || tightest[1].is_empty() => {
            let i = usize::from(tightest[1].is_empty());
            Verdict::NotComparable(vec![WhyNot::AtParityNoFigure {
                capped: states[i],
                other: states[1 - i],
            }])
        }
        (true, true) => compare_limits(&tightest, states),
    };
    let [s0, s1] = [out.remove(0), out.remove(0)];
    finish(
        meta,
        format!(
            "{} measures in force; each limit counts what its measure says (default: {})",
            kind,
            counting_text(default_counting)
        ),
        sides,
        [s0, s1],
        verdict,
    )
}

/// Both sides are limited: compare under each counting both are limited in. The verdict holds
/// only if every common counting agrees; otherwise the two are not comparable.
fn compare_limits(tightest: &[BTreeMap<Counting, u32>; 2], states: [StateCode; 2]) -> Verdict {
    let common: Vec<(Counting, u32, u32)> = tightest[0]
        .iter()
        .filter_map(|(c, a)| Some((*c, *a, *tightest[1].get(c)?)))
        .collect();
    if common.is_empty() {
        let list = |i: usize| tightest[i].keys().copied().collect();
        return Verdict::NotComparable(vec![WhyNot::CountDifferent {
            states,
            countings: [list(0), list(1)],
        }]);
    }
    let orders: BTreeSet<Ordering> = common.iter().map(|(_, a, b)| b.cmp(a)).collect();
    match (orders.len(), orders.iter().next()) {
        (1, Some(Ordering::Equal)) => Verdict::Equal,
        (1, Some(o)) => {
            let side = usize::from(*o == Ordering::Less);
            let by = common
                .iter()
                .map(|(_, a, b)| (i64::from(*a) - i64::from(*b)).abs())
                .max();
            Verdict::Worse {
                side,
                by: (common.len() == 1).then_some(by).flatten(),
                why: Vec::new(),
            }
        }
        _ => Verdict::NotComparable(vec![WhyNot::DifferentWays {
            states,
            limits: common,
        }]),
    }
}

/// Measures of one kind in force against the mission, counted.
fn count_dimension(meta: &'static Meta, sides: &[Mission<'_>; 2], kind: MeasureKind) -> Dimension {
    let mut out = Vec::with_capacity(2);
    let mut ranks = [None, None];
    for (i, m) in sides.iter().enumerate() {
        let of_kind: Vec<&MeasureState<'_>> = m
            .in_force
            .iter()
            .filter(|s| s.measure.measure_kind == kind)
            .collect();
        let n = of_kind.len() as i64;
        let said = if of_kind.is_empty() {
            ValueSaid::NoneInForce
        } else {
            // At most a handful named: the basis lists them all, and a text naming thousands
            // would make every answer that quotes it grow with them.
            const NAMED: usize = 10;
            ValueSaid::InForce {
                n,
                measures: of_kind
                    .iter()
                    .take(NAMED)
                    .map(|s| measure_label(s))
                    .collect(),
                more: of_kind.len().saturating_sub(NAMED),
            }
        };
        ranks[i] = Some(n);
        let basis = of_kind
            .iter()
            .map(|s| measure_basis(m.sending, s))
            .collect();
        let mut value = Value::known(Some(n), said);
        value.notes_from(apart_notes(m, kind));
        out.push(Side::from_value(value, basis));
    }
    let verdict = with_by(by_rank(ranks, states_of(sides)), || {
        Some((ranks[0]? - ranks[1]?).abs())
    });
    let [s0, s1] = [out.remove(0), out.remove(0)];
    finish(
        meta,
        format!(
            "{} measures of the host in force against the mission",
            words(kind.as_str())
        ),
        sides,
        [s0, s1],
        verdict,
    )
}

/// Measures of `kind` in force against the mission that verdicts do not rest on, said as such.
fn apart_notes(m: &Mission<'_>, kind: MeasureKind) -> Vec<NoteSaid> {
    let pending = m
        .pending
        .iter()
        .filter(|s| s.measure.measure_kind == kind)
        .map(|s| match s.status() {
            MeasureStatus::Announced => NoteSaid::Announced {
                measure: measure_label(s),
                effective: s.terms().effective,
            },
            _ => NoteSaid::UncertainNotCounted {
                measure: measure_label(s),
                known_by: s.before_first_known.then_some(s.imposed.date),
            },
        });
    m.apart
        .iter()
        .filter(|s| s.measure.measure_kind == kind)
        .map(|s| {
            // `apart` holds only what a verdict may not rest on: low confidence is the one reason
            // left when asked to include it is not in play.
            let why = not_counted(s, Verdicts::default()).unwrap_or(NotCounted::LowConfidence);
            NoteSaid::InForceNotCounted {
                measure: measure_label(s),
                why,
            }
        })
        .chain(pending)
        .collect()
}

/// Why verdicts do not rest on a measure, when they do not: the reason the measure's own rule
/// ([`MeasureState::not_counted_because`]) gives, as said.
fn not_counted(s: &MeasureState<'_>, v: Verdicts) -> Option<NotCounted> {
    s.not_counted_because(v)?;
    let capacity = s.measure.capacity();
    Some(if capacity != Capacity::HostGovernment {
        NotCounted::Capacity(capacity)
    } else if s.measure.symbolic {
        NotCounted::Symbolic
    } else {
        NotCounted::LowConfidence
    })
}

/// A measure as a reader knows it: its row in an outside table if it has one, else its slug.
fn measure_label(s: &MeasureState<'_>) -> String {
    match s.imposed.external_ref() {
        Some(r) => format!("{} ({r})", s.measure.measure),
        None => s.measure.measure.to_string(),
    }
}

/// Visa classes offered at the mission's open posts ([`VISA_SERVICES`]).
fn visa_services_dimension(sides: &[Mission<'_>; 2]) -> Dimension {
    let classes: Vec<ConsularService> = ConsularService::ALL
        .iter()
        .copied()
        .filter(|c| c.is_visa())
        .collect();
    let mut out = Vec::with_capacity(2);
    let mut ranks = [None, None];
    for (i, m) in sides.iter().enumerate() {
        let open: Vec<&PostState<'_>> = m
            .posts
            .iter()
            .map(|(_, s)| s)
            .filter(|s| s.status == PostStatus::Open && !catalogue_of(s.info.kind).is_empty())
            .collect();
        let (mut offered, mut not, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
        for c in &classes {
            let levels: Vec<_> = open.iter().map(|s| service_view(s, *c)).collect();
            if levels
                .iter()
                .any(|v| v.level.is_some_and(|l| l != ServiceLevel::None))
            {
                offered.push(*c);
            } else if levels.iter().any(|v| v.level.is_none()) {
                unknown.push(*c);
            } else {
                // In the record's order, each place once.
                let mut routed: Vec<(String, StateCode)> = Vec::new();
                for r in levels.iter().flat_map(|v| &v.routed_to) {
                    let place = (r.city.clone(), r.state);
                    if !routed.contains(&place) {
                        routed.push(place);
                    }
                }
                not.push((*c, routed));
            }
        }
        let n = classes.len();
        let value = if unknown.is_empty() {
            ranks[i] = Some(not.len());
            Value::known(
                Some(i64::try_from(offered.len()).unwrap_or(0)),
                ValueSaid::VisaClasses {
                    offered: offered.len(),
                    of: n,
                    not,
                },
            )
        } else {
            Value::unknown(ValueSaid::VisaClassesUnknown {
                offered: offered.len(),
                of: n,
                unknown,
            })
        };
        out.push(Side::from_value(value, Vec::new()));
    }
    let states = states_of(sides);
    let verdict = by_rank(ranks, states);
    let [s0, s1] = [out.remove(0), out.remove(0)];
    finish(
        &VISA_SERVICES,
        "visa classes offered at any level at the mission's open posts".to_owned(),
        sides,
        [s0, s1],
        verdict,
    )
}

fn level_rank(l: ServiceLevel) -> u8 {
    match l {
        ServiceLevel::Full => 0,
        ServiceLevel::Limited => 1,
        ServiceLevel::EmergencyOnly => 2,
        ServiceLevel::None => 3,
    }
}

impl Image {
    fn consular_dimension(&self, view: View, sides: &[Mission<'_>; 2]) -> Dimension {
        let mut out = Vec::with_capacity(2);
        let mut ranks = [None, None];
        for (i, m) in sides.iter().enumerate() {
            let open: Vec<&(&PostId, PostState<'_>)> = m
                .posts
                .iter()
                // Missions to organisations and cultural institutes offer no consular service.
                .filter(|(_, s)| {
                    s.status == PostStatus::Open
                        && !matches!(
                            s.info.kind,
                            PostKind::MissionToIo | PostKind::CulturalInstitute
                        )
                })
                .collect();
            let mut basis = Vec::new();
            let mut best: Option<(ServiceLevel, &str)> = None;
            let mut unreported = 0usize;
            for (id, s) in &open {
                match s.services {
                    Some((level, _, since)) => {
                        if best.is_none_or(|(b, _)| level_rank(level) < level_rank(b)) {
                            best = Some((level, s.info.name.as_str()));
                        }
                        // The act that set the level: the last services change the post saw.
                        let set = self
                            .post_event(id, view, |e| matches!(e, PostEvent::Services { .. }))
                            .unwrap_or(s.opened);
                        basis.push(Basis::of(
                            m.sending,
                            BasisKind::Post,
                            Some(id.to_string()),
                            set,
                            format!("{}: {} since {since}", s.info.name, words(level.as_str())),
                        ));
                    }
                    None => unreported += 1,
                }
            }
            // Host measures on consular work: context for a level the sending state had to lower.
            basis.extend(
                m.in_force
                    .iter()
                    .filter(|s| s.measure.measure_kind == MeasureKind::ConsularServiceRestriction)
                    .map(|s| measure_basis(m.sending, s)),
            );
            let value = if open.is_empty() {
                ranks[i] = Some(level_rank(ServiceLevel::None));
                Value::known(None, ValueSaid::NoConsularPost).with_status("none")
            } else if let Some((level, at)) = best {
                ranks[i] = Some(level_rank(level));
                let said = ValueSaid::ServiceLevel {
                    level,
                    at: at.to_owned(),
                };
                let mut v = Value::known(None, said).with_status(level.as_str());
                if unreported > 0 {
                    v.note(NoteSaid::UnreportedLevels { n: unreported });
                }
                v
            } else {
                Value::unknown(ValueSaid::ServiceUnknown { open: open.len() })
            };
            out.push(Side::from_value(value, basis));
        }
        let states = states_of(sides);
        // A best level with unreported posts beside it is only a floor: comparable only if the other
        // side is certainly worse.
        let verdict = by_rank(ranks, states);
        let [s0, s1] = [out.remove(0), out.remove(0)];
        finish(
            &CONSULAR_SERVICE,
            "the best consular service level across open posts (missions to international \
         organisations excluded)"
                .into(),
            sides,
            [s0, s1],
            verdict,
        )
    }
}

fn finish(
    meta: &'static Meta,
    definition: String,
    sides: &[Mission<'_>; 2],
    values: [Side; 2],
    verdict: Verdict,
) -> Dimension {
    finish_states(meta, definition, states_of(sides), values, verdict)
}

fn finish_states(
    meta: &'static Meta,
    definition: String,
    states: [StateCode; 2],
    values: [Side; 2],
    verdict: Verdict,
) -> Dimension {
    let [Side {
        value: v0,
        basis: b0,
    }, Side {
        value: v1,
        basis: b1,
    }] = values;
    let (outcome, stricter, by_how_much, mut said) = match verdict {
        Verdict::Equal => (Outcome::Equal, None, None, ComparisonSaid::Equal { states }),
        Verdict::Worse { side, by, why } => {
            let (worse, better) = (states[side], states[1 - side]);
            // The host of the worse-off mission is the other state.
            let host = better;
            (
                Outcome::Stricter,
                Some(host),
                by,
                ComparisonSaid::Stricter {
                    host,
                    worse,
                    better,
                    why,
                    low_confidence_only: false,
                },
            )
        }
        Verdict::NotComparable(why) => (
            Outcome::NotComparable,
            None,
            None,
            ComparisonSaid::NotComparable(why),
        ),
    };
    let mut basis = b0;
    basis.extend(b1);
    basis.sort_by(|x, y| {
        (x.mission, x.date, x.seq, x.kind, &x.id).cmp(&(y.mission, y.date, y.seq, y.kind, &y.id))
    });
    basis.dedup();
    let mut values = BTreeMap::new();
    values.insert(states[0], v0);
    values.insert(states[1], v1);
    // Low-confidence facts are left out unless asked for; a verdict that then rests on them
    // alone must say so.
    if let ComparisonSaid::Stricter {
        low_confidence_only,
        ..
    } = &mut said
    {
        *low_confidence_only =
            !basis.is_empty() && basis.iter().all(|b| b.confidence == Some(Confidence::Low));
    }
    let comparison = said.english(&values);
    Dimension {
        key: meta.key,
        label: meta.label,
        explanation: meta.explanation,
        definition,
        values,
        outcome,
        stricter,
        by_how_much,
        comparison,
        basis,
        said,
    }
}

/// A code in words for the sentences parity writes: `emergency_only` reads "emergency only".
fn words(code: &str) -> String {
    code.replace('_', " ")
}
