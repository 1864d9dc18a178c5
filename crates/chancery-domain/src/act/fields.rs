//! What each kind of act is made of, as data: the forms, the docs test and what-if build on it
//! rather than keeping copies of every kind's fields. A test reads a full example of every kind
//! built from these lists, so a list cannot drift from its serde type.

/// A closed vocabulary a field takes its value from (crate::vocab).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocabulary {
    PostKind,
    PremisesKind,
    StaffCategory,
    MeasureKind,
    Bound,
    Counting,
    StaffFigure,
    ServiceLevel,
    CommitmentStatus,
    Confidence,
    Character,
    Capacity,
    ConsularService,
    CaseKind,
    CaseStep,
}

impl Vocabulary {
    /// Every value the vocabulary allows, as written in acts.
    pub fn values(self) -> Vec<&'static str> {
        use crate::vocab::*;
        fn all<T: Copy>(xs: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
            xs.iter().map(|x| f(*x)).collect()
        }
        match self {
            Vocabulary::PostKind => all(PostKind::ALL, PostKind::as_str),
            Vocabulary::PremisesKind => all(PremisesKind::ALL, PremisesKind::as_str),
            Vocabulary::StaffCategory => all(StaffCategory::ALL, StaffCategory::as_str),
            Vocabulary::MeasureKind => all(MeasureKind::ALL, MeasureKind::as_str),
            Vocabulary::Bound => all(Bound::ALL, Bound::as_str),
            Vocabulary::Counting => all(Counting::ALL, Counting::as_str),
            Vocabulary::StaffFigure => all(StaffFigure::ALL, StaffFigure::as_str),
            Vocabulary::ServiceLevel => all(ServiceLevel::ALL, ServiceLevel::as_str),
            Vocabulary::CommitmentStatus => all(CommitmentStatus::ALL, CommitmentStatus::as_str),
            Vocabulary::Confidence => all(Confidence::ALL, Confidence::as_str),
            Vocabulary::Character => all(Character::ALL, Character::as_str),
            Vocabulary::Capacity => all(Capacity::ALL, Capacity::as_str),
            Vocabulary::ConsularService => all(ConsularService::ALL, ConsularService::as_str),
            Vocabulary::CaseKind => all(CaseKind::ALL, CaseKind::as_str),
            Vocabulary::CaseStep => all(CaseStep::ALL, CaseStep::as_str),
        }
    }
}

/// The type of a field's value in an act's JSON form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// An identifier of a post, premises, member, measure, round or commitment.
    Id,
    /// Several identifiers (a JSON array).
    Ids,
    /// An ISO 3166 alpha-2 code.
    State,
    /// Several state codes (a JSON array).
    States,
    /// One line of text: a name, a city, a venue.
    Name,
    /// Prose that may break lines ([`crate::act::TextLimit::TEXT`] and longer).
    Prose,
    /// Several lines of text, one item each (a JSON array of strings).
    Lines,
    /// A valid date: a day, a month or a year.
    Date,
    /// A whole number, zero or more.
    Count,
    Flag,
    Choice(Vocabulary),
    /// Several values of one vocabulary (a JSON array).
    Choices(Vocabulary),
    /// Places applicants are sent to: `{"city", "state", "post"?}` objects (a JSON array).
    Places,
    /// `public`, `bilateral` or `{"internal": "US"}`.
    Visibility,
}

/// One key of an act's JSON form; `a.b` for key `b` of the table `a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// The field names what the act creates: a fresh identifier, never one already recorded.
    pub creates: bool,
}

pub(crate) const fn req(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        ty,
        required: true,
        creates: false,
    }
}

pub(crate) const fn opt(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        ty,
        required: false,
        creates: false,
    }
}

/// The identifier of what the act creates.
pub(crate) const fn new_id(name: &'static str) -> Field {
    Field {
        name,
        ty: FieldType::Id,
        required: true,
        creates: true,
    }
}

/// A table of fields written as one reads an act's JSON form: `req name: Type` for a required
/// key, `opt name: Type` for an optional one, `new_id name` for the identifier the act creates.
/// A key of a nested table is quoted (`opt "scope.posts": Ids`); a vocabulary is named inside
/// `Choice(..)`. Each entry stands for the call of [`req`], [`opt`] or [`new_id`] it names.
macro_rules! field_table {
    ($($how:ident $name:tt $(: $ty:ident $(($voc:ident))?)?),* $(,)?) => {
        &[$($crate::act::fields::$how(
            $crate::act::fields::field_table!(@name $name)
            $(, $crate::act::fields::FieldType::$ty
                $(($crate::act::fields::Vocabulary::$voc))?)?
        )),*]
    };
    (@name $name:ident) => { stringify!($name) };
    (@name $name:literal) => { $name };
}
pub(crate) use field_table;

/// The fields every act carries (crate::act::Envelope), after the kind's own.
pub const ENVELOPE_FIELDS: &[Field] = field_table![
    req date: Date, opt sources: Lines, opt confidence: Choice(Confidence), opt external_ref: Name,
    opt note: Prose, opt supersedes: Count, opt visibility: Visibility, opt date_confirmed: Flag, opt claimed_by: State,
];
