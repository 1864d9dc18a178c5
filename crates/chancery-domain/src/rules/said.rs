//! What a refusal says, as a structure: the facts a rule's English `message` is made of, so a
//! page can word the refusal in its own language. A refusal whose sentence has no facts beyond
//! its code says [`RefusalSaid::Rule`]: the code alone words it.

use crate::date::{CivilDate, ValidDate};
use crate::ids::{MeasureId, MemberId, PostId, StateCode};
use crate::vocab::Counting;

use super::RuleCode;

/// The kind of record an identifier names, for "already recorded" refusals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Post,
    Premises,
    Member,
    Measure,
    Commitment,
    Case,
    Round,
}

impl Thing {
    /// The thing as the English messages and the wording's selectors name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Thing::Post => "post",
            Thing::Premises => "premises",
            Thing::Member => "member",
            Thing::Measure => "measure",
            Thing::Commitment => "commitment",
            Thing::Case => "case",
            Thing::Round => "round",
        }
    }
}

/// A measure's own date a rule compares (`effective`, `deadline`, `expires`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    Effective,
    Deadline,
    Expires,
}

impl Term {
    pub fn as_str(self) -> &'static str {
        match self {
            Term::Effective => "effective",
            Term::Deadline => "deadline",
            Term::Expires => "expires",
        }
    }
}

/// One variant per sentence a refusal says, with its facts.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum RefusalSaid {
    /// Nothing beyond the rule's code (and field and article).
    #[default]
    Rule,
    /// The identifier is not recorded (or not visible to the act's readers); the code says
    /// what kind of thing it should name.
    Unknown { id: String },
    /// The identifier is already recorded: it names one thing for ever.
    Duplicate { thing: Thing, id: String },
    /// The act withdraws or corrects act `seq`, which does not exist for its readers.
    NoSuchAct { seq: u64 },
    /// A state the act names is not registered.
    StateNotRegistered { state: StateCode },
    /// Both states of a relation are the same.
    SameState { state: StateCode },
    /// The post is closed on the act's date (since `since`), or not yet open (`since` none).
    PostNotOpen {
        post: PostId,
        date: ValidDate,
        since: Option<ValidDate>,
    },
    /// The act is dated after `limit`; a measure may be `measure_days` ahead at most.
    ActInFuture {
        date: ValidDate,
        limit: CivilDate,
        measure_days: Option<i32>,
    },
    /// A measure's own date lies beyond `limit`, `days` after the recording day.
    TermInFuture {
        term: Term,
        date: ValidDate,
        limit: CivilDate,
        days: i32,
    },
    /// The act's date is before `year`: most often a typing slip.
    DateBeforeYear { date: ValidDate, year: i32 },
    /// The act's date is more than `years` before the relation's record begins (`first`).
    DateBeforeRecord {
        date: ValidDate,
        years: i32,
        first: CivilDate,
    },
    /// A deadline wholly before the act that sets it.
    DeadlineBeforeDate {
        deadline: ValidDate,
        date: ValidDate,
    },
    /// A measure's `term` falls before the act's date.
    TermBeforeDate {
        term: Term,
        term_date: ValidDate,
        date: ValidDate,
    },
    /// A measure would lapse (`expires`) before it takes effect (`effective`).
    ExpiresBeforeEffect {
        expires: ValidDate,
        effective: ValidDate,
    },
    /// The arrival would take the staff a cap counts to `count`, above `cap`.
    CapExceeded {
        member: MemberId,
        date: ValidDate,
        measure: MeasureId,
        counting: Counting,
        count: u64,
        cap: u32,
    },
    /// A bar on replacements stands at the post the member would arrive at.
    ReplacementsBarred {
        member: MemberId,
        date: ValidDate,
        measure: MeasureId,
        counting: Counting,
    },
    /// The post cannot reopen while the measure that closed it stands.
    ClosureStillInForce {
        post: PostId,
        date: ValidDate,
        measure: MeasureId,
    },
    /// Act `old` cannot be withdrawn while act `at` depends on it.
    WithdrawalBlocked { old: u64, at: u64 },
    /// Recording the act would make the later act `at` invalid, for the reason `why` says.
    LaterActInvalidated {
        at: u64,
        code: RuleCode,
        why: Box<RefusalSaid>,
    },
}
