//! The forms' fields, derived from the domain's declaration of each kind of act
//! ([`Kind::fields`]): how each field is entered follows from its type, and its label and hint
//! come from one dictionary keyed by field name, since a field means the same in every kind.

use std::sync::LazyLock;

use chancery_domain::act::{Field as ActField, FieldType, Kind, Vocabulary};

/// A closed vocabulary offered as a `<select>`.
pub type Choice = Vocabulary;

/// How a field is entered and how its text becomes JSON.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    Text,
    LongText,
    /// A valid date: a day, a month or a year (`2017`, `2017-07`, `2017-07-28`).
    Date,
    /// An ISO 3166 alpha-2 code.
    State,
    Number,
    Bool,
    /// Identifiers separated by commas, spaces or lines.
    Ids,
    /// Free text, one item per line (items may contain commas).
    Lines,
    /// One place per line: `City, CC` or `City, CC, post-id`.
    Places,
    Select(Choice),
}

impl Input {
    fn of(ty: FieldType) -> Input {
        match ty {
            FieldType::Id | FieldType::Name | FieldType::Visibility => Input::Text,
            FieldType::Ids | FieldType::States | FieldType::Choices(_) => Input::Ids,
            FieldType::Places => Input::Places,
            FieldType::State => Input::State,
            FieldType::Prose => Input::LongText,
            FieldType::Lines => Input::Lines,
            FieldType::Date => Input::Date,
            FieldType::Count => Input::Number,
            FieldType::Flag => Input::Bool,
            FieldType::Choice(v) => Input::Select(v),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The act's JSON key; `a.b` for a key of a nested object.
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    /// The domain's type of the value, which decides what the form offers to choose from.
    pub ty: FieldType,
    pub required: bool,
    /// The field names what the act creates: left empty, an identifier is proposed.
    pub creates: bool,
}

pub struct KindSpec {
    pub kind: &'static str,
    pub fields: &'static [Field],
}

/// What a field is called in English, whatever the kind: the act page's labels. The forms
/// show the labels and hints of the message files (`locales/*/forms-fields.ftl`).
struct Words {
    label: &'static str,
}

const fn w(label: &'static str) -> Words {
    Words { label }
}

/// A few names mean a little more where the field may be left out: `measure` on a closure is
/// the measure it carries out, while on a lifting it is the measure lifted.
fn words_for(name: &str, required: bool) -> Option<Words> {
    Some(match (name, required) {
        ("measure", false) => w("Under measure"),
        ("posts", false) => w("Posts"),
        ("counting", false) => w("Cap counts"),
        ("applies_to", true) => w("For the services"),
        _ => return words(name),
    })
}

fn words(name: &str) -> Option<Words> {
    Some(match name {
        "state" => w("State"),
        "name" => w("Name"),
        "city" => w("City"),
        "post" => w("Post"),
        "posts" => w("Posts"),
        "premises" => w("Premises"),
        "member" => w("Member"),
        "measure" => w("Measure"),
        "round" => w("Round"),
        "commitment" => w("Commitment"),
        "sending" => w("Sending state"),
        "host" => w("Host state"),
        "person" => w("Person"),
        "by" => w("By"),
        "about" => w("About"),
        "post_kind" => w("Kind of post"),
        "premises_kind" => w("Kind of premises"),
        "category" => w("Category"),
        "family_of" => w("Family of"),
        "start_unknown" => w("Existed before this date"),
        "reason" => w("Reason"),
        "act" => w("Act withdrawn"),
        "level" => w("Level"),
        "services" => w("Services"),
        "applies_to" => w("For the services"),
        "period_start" => w("Period"),
        "period_end" => w("Period ends"),
        "issued" => w("Issued"),
        "routed_to" => w("Routed to"),
        "officers" => w("Consular officers"),
        "local_staff" => w("Local staff"),
        "estimate" => w("An estimate"),
        "service" => w("Service"),
        "cases_per_officer_day" => w("Cases per officer-day"),
        "per_week" => w("Applicants per week"),
        "case" => w("Case"),
        "national_of" => w("National of"),
        "held_in" => w("Held in"),
        "case_kind" => w("Kind of case"),
        "description" => w("Description"),
        "public_report" => w("Publicly reported"),
        "step" => w("Step"),
        "forced_by" => w("Forced by measures"),
        "violation.justification" => w("Over a cap: why record it anyway"),
        "deadline" => w("Deadline"),
        "value" => w("Figure"),
        "bound" => w("Bound"),
        "counting" => w("Counts"),
        "includes_io" => w("Includes missions to international organisations"),
        "figure" => w("Headcount or staff let go"),
        "actor" => w("By"),
        "target" => w("Against"),
        "measure_kind" => w("Kind of measure"),
        "summary" => w("Summary"),
        "announced" => w("Announced"),
        "effective" => w("Takes effect"),
        "expires" => w("Expires"),
        "character" => w("Event or standing"),
        "capacity" => w("Taken by"),
        "symbolic" => w("Symbolic"),
        "limits.all_staff" => w("Limit: all staff"),
        "limits.sending_state_staff" => w("Limit: sending-state staff"),
        "limits.diplomatic" => w("Limit: diplomats"),
        "limits.administrative_technical" => w("Limit: administrative and technical staff"),
        "limits.service" => w("Limit: service staff"),
        "limits.locally_employed" => w("Limit: local staff"),
        "claim" => w("Claim"),
        "cap_at_parity" => w("Cap at parity"),
        "scope.posts" => w("Posts concerned"),
        "scope.premises" => w("Premises concerned"),
        "scope.members" => w("Members concerned"),
        "scope.description" => w("Scope in words"),
        "magnitude.cap" => w("Cap"),
        "magnitude.persons" => w("Persons"),
        "magnitude.km" => w("Distance (km)"),
        "magnitude.days" => w("Days"),
        "magnitude.visitors" => w("Visitors"),
        "legal_basis" => w("Legal basis"),
        "stated_reason" => w("Stated reason"),
        "answers" => w("Answers"),
        "parties" => w("Parties"),
        "venue_state" => w("Venue state"),
        "venue" => w("Venue"),
        "heads_of_delegation" => w("Heads of delegation"),
        "agenda" => w("Agenda"),
        "outcome" => w("Outcome"),
        "cancelled_by" => w("Cancelled by"),
        "undertaken_by" => w("Undertaken by"),
        "text" => w("Text"),
        "lifts" => w("Lifts"),
        "eases" => w("Eases"),
        "targets" => w("Targets"),
        "due" => w("Due"),
        "status" => w("Status"),
        "evidence" => w("Evidence"),
        _ => return None,
    })
}

fn field(f: &ActField) -> Field {
    // A field the dictionary lacks still gets a form (its key as label); a test keeps it whole.
    let words = words_for(f.name, f.required).unwrap_or(Words { label: f.name });
    Field {
        name: f.name,
        label: words.label,
        input: Input::of(f.ty),
        ty: f.ty,
        required: f.required,
        creates: f.creates,
    }
}

static TABLE: LazyLock<Vec<KindSpec>> = LazyLock::new(|| {
    Kind::ALL
        .iter()
        .map(|k| KindSpec {
            kind: k.as_str(),
            // Built once for the life of the process, so leaking it makes it as static as
            // the hand-written table it replaces.
            fields: k.fields().iter().map(field).collect::<Vec<_>>().leak(),
        })
        .collect()
});

/// Every kind of act and its form, in the order of [`Kind::ALL`]; iterate it as a list.
pub const KINDS: Kinds = Kinds;

#[derive(Clone, Copy)]
pub struct Kinds;

impl Kinds {
    pub fn iter(self) -> std::slice::Iter<'static, KindSpec> {
        TABLE.iter()
    }
}

impl IntoIterator for Kinds {
    type Item = &'static KindSpec;
    type IntoIter = std::slice::Iter<'static, KindSpec>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

const fn req(name: &'static str, label: &'static str, (input, ty): (Input, FieldType)) -> Field {
    Field {
        name,
        label,
        input,
        ty,
        required: true,
        creates: false,
    }
}

const fn opt(name: &'static str, label: &'static str, (input, ty): (Input, FieldType)) -> Field {
    Field {
        name,
        label,
        input,
        ty,
        required: false,
        creates: false,
    }
}

/// The fields every act has.
pub const ENVELOPE: &[Field] = &[
    req("date", "Date", (Input::Date, FieldType::Date)),
    opt("sources", "Sources", (Input::Lines, FieldType::Lines)),
    opt(
        "confidence",
        "Confidence",
        (
            Input::Select(Choice::Confidence),
            FieldType::Choice(Choice::Confidence),
        ),
    ),
    opt("external_ref", "Reference", (Input::Text, FieldType::Name)),
    opt("note", "Note", (Input::LongText, FieldType::Prose)),
    opt(
        "supersedes",
        "Corrects act number",
        (Input::Number, FieldType::Count),
    ),
    opt(
        "visibility",
        "Visibility",
        (Input::Text, FieldType::Visibility),
    ),
    opt(
        "date_confirmed",
        "Date confirmed",
        (Input::Bool, FieldType::Flag),
    ),
    opt("claimed_by", "Claimed by", (Input::State, FieldType::State)),
];

pub fn spec(kind: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|k| k.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_domain::act::ENVELOPE_FIELDS;

    #[test]
    fn every_field_of_every_kind_has_words() {
        for kind in Kind::ALL {
            for f in kind.fields() {
                assert!(words(f.name).is_some(), "{kind}: no label for {}", f.name);
            }
        }
    }

    /// The labels pages show come from the message files: every field of every kind, and of
    /// the envelope, has one in both languages.
    #[test]
    fn every_field_has_a_label_in_both_languages() {
        use crate::web::i18n::{has, Lang};
        let names = Kind::ALL
            .iter()
            .flat_map(|k| k.fields().iter().map(|f| f.name))
            .chain(ENVELOPE.iter().map(|f| f.name));
        for name in names {
            let id = format!("field-{}", name.replace('.', "-"));
            for lang in Lang::ALL {
                assert!(has(lang, &id), "{lang:?}: no message {id}");
            }
        }
    }

    #[test]
    fn the_envelope_is_the_domains() {
        let ours: Vec<_> = ENVELOPE.iter().map(|f| (f.name, f.required)).collect();
        let domain: Vec<_> = ENVELOPE_FIELDS
            .iter()
            .map(|f| (f.name, f.required))
            .collect();
        assert_eq!(ours, domain);
    }
}
