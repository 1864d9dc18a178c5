//! Chancery's domain: the vocabulary of DESIGN.md §3, acts and their validation rules, the memory
//! image (a fold of the journal) and the as-of queries over it.
//!
//! Pure by design: no I/O, no clocks, no async. Callers pass in what time it is.

pub mod access;
pub mod act;
pub mod alerts;
pub mod brief;
pub mod choices;
pub mod consular;
pub mod date;
pub mod diplist;
pub mod eventdata;
pub mod history;
pub mod ids;
pub mod image;
pub mod iso3166;
pub mod names;
#[cfg(feature = "openapi")]
mod openapi;
pub mod parties;
pub mod query;
pub mod reciprocity;
pub mod relations;
pub mod rounds;
pub mod rules;
pub mod scenario;
pub mod search;
pub mod staff;
pub mod talks;
pub mod text;
pub mod vocab;

pub use access::{Audience, Reader, Visibility};
pub use act::{Act, ActBody, ActParseError, Envelope};
pub use date::{CivilDate, Precision, ValidDate};
pub use ids::{
    CaseId, CommitmentId, MeasureId, MemberId, MissionKey, PostId, PremisesId, RelationKey,
    RoundId, StateCode,
};
pub use image::{Belongs, Image, ReplayError};
pub use parties::Parties;
pub use rules::RuleViolation;
