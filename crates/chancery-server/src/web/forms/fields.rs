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
    pub help: &'static str,
}

pub struct KindSpec {
    pub kind: &'static str,
    pub label: &'static str,
    pub fields: &'static [Field],
}

/// What a field is called and how to fill it in, whatever the kind.
struct Words {
    label: &'static str,
    help: &'static str,
    /// The hint when the act creates what the field names.
    new: &'static str,
}

const fn w(label: &'static str, help: &'static str) -> Words {
    Words {
        label,
        help,
        new: "A new identifier; left empty, one is made from the name.",
    }
}

/// A few names mean a little more where the field may be left out: `measure` on a closure is
/// the measure it carries out, while on a lifting it is the measure lifted.
fn words_for(name: &str, required: bool) -> Option<Words> {
    Some(match (name, required) {
        ("measure", false) => w("Under measure", "The measure this carries out, if any."),
        ("posts", false) => w(
            "Posts",
            "Identifiers of the posts; leave empty when the figure covers the whole mission.",
        ),
        ("counting", false) => w("Cap counts", "Which staff the cap counts."),
        ("applies_to", true) => w(
            "For the services",
            "The services the count covers together, separated by commas: nonimmigrant_visitor, nonimmigrant_student_exchange, nonimmigrant_work, diplomatic_official, immigrant_visa, passports_citizenship, emergency_citizen_services, notarial_civil_status, detainee_visits, trade_promotion, commercial_services.",
        ),
        _ => return words(name),
    })
}

fn words(name: &str) -> Option<Words> {
    Some(match name {
        "state" => w("State", "ISO 3166 alpha-2 code."),
        "name" => w("Name", ""),
        "city" => w("City", ""),
        "post" => Words {
            new: "A new identifier, e.g. us-cg-yekaterinburg; left empty, one is made from the name.",
            ..w("Post", "The post's identifier, e.g. us-cg-st-petersburg.")
        },
        "posts" => w("Posts", "Identifiers of the posts."),
        "premises" => w("Premises", "The premises' identifier."),
        "member" => w("Member", "The member's identifier."),
        "measure" => Words {
            new: "A new identifier, e.g. r081; left empty, one is made from the summary.",
            ..w("Measure", "The measure's identifier.")
        },
        "round" => w("Round", "The round's identifier."),
        "commitment" => w("Commitment", "The commitment's identifier."),
        "sending" => w("Sending state", "The state whose mission it is."),
        "host" => w("Host state", "The state the mission is in."),
        "person" => w("Person", "Full name."),
        "by" => w("By", "The state that acted (two letters, e.g. RU)."),
        "about" => w("About", ""),
        "post_kind" => w("Kind of post", ""),
        "premises_kind" => w("Kind of premises", ""),
        "category" => w("Category", "VCDR Art. 1; family (Art. 37) is not staff."),
        "family_of" => w(
            "Family of",
            "For category family only: the member of staff whose household this person belongs to.",
        ),
        "start_unknown" => w(
            "Existed before this date",
            "Tick when this is only the first date the record knows of.",
        ),
        "reason" => w("Reason", ""),
        "act" => w(
            "Act withdrawn",
            "The number of the act recorded in error (its page's number). Only its recorder or a mediator may withdraw it.",
        ),
        "level" => w("Level", ""),
        "services" => w("Services", "What is still offered, in words."),
        "applies_to" => w(
            "For the services",
            "Leave empty for every service of the post; else, separated by commas: nonimmigrant_visitor, nonimmigrant_student_exchange, nonimmigrant_work, diplomatic_official, immigrant_visa, passports_citizenship, emergency_citizen_services, notarial_civil_status, detainee_visits, trade_promotion, commercial_services.",
        ),
        "period_start" => w(
            "Period",
            "The period counted: a year (2016), a quarter (2018-Q3) or a month (2018-07); or the first part of a longer period.",
        ),
        "period_end" => w(
            "Period ends",
            "The last part of a longer period (2018-09 for a US fiscal year from 2017-10); empty: the period above alone.",
        ),
        "issued" => w("Issued", "Documents issued in the period: a count, not demand."),
        "routed_to" => w(
            "Routed to",
            "Where applicants go instead (level none here), one place per line: City, CC (e.g. Warsaw, PL), optionally followed by the post's identifier.",
        ),
        "officers" => w(
            "Consular officers",
            "Officers of the consular section who take cases (interviews, passports...).",
        ),
        "local_staff" => w(
            "Local staff",
            "Locally employed staff of the consular section, if reported.",
        ),
        "estimate" => w(
            "An estimate",
            "Tick when the figure is an estimate, not a reported one.",
        ),
        "service" => w("Service", "One service of the consular catalogue."),
        "cases_per_officer_day" => w(
            "Cases per officer-day",
            "Cases one officer handles in a working day for this service at this post.",
        ),
        "per_week" => w("Applicants per week", "People asking for this service in a week."),
        "case" => w(
            "Case",
            "The case's identifier: a slug, never the person's name.",
        ),
        "national_of" => w("National of", "The national's state: the sending state."),
        "held_in" => w("Held in", "The state where the national is."),
        "case_kind" => w("Kind of case", "Arrest, detention, death or emergency."),
        "description" => w(
            "Description",
            "Only what the consular work needs; no names.",
        ),
        "public_report" => w(
            "Publicly reported",
            "Only a publicly reported case, with its sources, may be public.",
        ),
        "step" => w("Step", ""),
        "forced_by" => w(
            "Forced by measures",
            "The host's measures that forced the change, when the sources say so.",
        ),
        "violation.justification" => w(
            "Over a cap: why record it anyway",
            "Only when the arrival breaks a cap in force.",
        ),
        "deadline" => w("Deadline", ""),
        "value" => w("Figure", "People."),
        "bound" => w("Bound", "How the figure relates to the truth."),
        "counting" => w("Counts", "Which staff the figure counts."),
        "includes_io" => w("Includes missions to international organisations", ""),
        "figure" => w(
            "Headcount or staff let go",
            "A headcount of the staff on the mission (the default), or of the staff let go.",
        ),
        "actor" => w("By", "The state imposing it."),
        "target" => w("Against", "The state whose missions it targets."),
        "measure_kind" => w("Kind of measure", ""),
        "summary" => w("Summary", ""),
        "announced" => w("Announced", "When first announced, if before the act's date."),
        "effective" => w(
            "Takes effect",
            "When it bites, if later than the date; by default the deadline, else the date.",
        ),
        "expires" => w("Expires", "When it lapses by its own terms."),
        "character" => w(
            "Event or standing",
            "An event happens on its date and is never lifted (expulsions by default).",
        ),
        "capacity" => w(
            "Taken by",
            "The host government unless a sending state, local authority, legislature, court or private body.",
        ),
        "symbolic" => w("Symbolic", "A gesture without practical effect: it weighs nothing."),
        "limits.all_staff" => w("Limit: all staff", ""),
        "limits.sending_state_staff" => w("Limit: sending-state staff", ""),
        "limits.diplomatic" => w("Limit: diplomats", ""),
        "limits.administrative_technical" => w("Limit: administrative and technical staff", ""),
        "limits.service" => w("Limit: service staff", ""),
        "limits.locally_employed" => w("Limit: local staff", ""),
        "claim" => w("Claim", "The journal number of the other party's claim."),
        "cap_at_parity" => w(
            "Cap at parity",
            "No figure published: the cap is the other mission's size.",
        ),
        "scope.posts" => w("Posts concerned", ""),
        "scope.premises" => w("Premises concerned", ""),
        "scope.members" => w("Members concerned", ""),
        "scope.description" => w("Scope in words", ""),
        "magnitude.cap" => w("Cap", "Required for a staff cap or a local staff limit."),
        "magnitude.persons" => w("Persons", "People expelled or affected."),
        "magnitude.km" => w("Distance (km)", "For travel restrictions."),
        "magnitude.days" => w("Days", ""),
        "magnitude.visitors" => w("Visitors", "For visitor quotas."),
        "legal_basis" => w("Legal basis", "e.g. VCDR Art. 11."),
        "stated_reason" => w("Stated reason", ""),
        "answers" => w(
            "Answers",
            "Identifiers of the earlier measures of the other side it answers.",
        ),
        "parties" => w("Parties", "The two states, e.g. US, RU."),
        "venue_state" => w("Venue state", "Where it took place."),
        "venue" => w("Venue", ""),
        "heads_of_delegation" => w("Heads of delegation", "One per line."),
        "agenda" => w("Agenda", "One item per line."),
        "outcome" => w("Outcome", ""),
        "cancelled_by" => w("Cancelled by", ""),
        "undertaken_by" => w("Undertaken by", "One party or both."),
        "text" => w("Text", ""),
        "lifts" => w("Lifts", "Measures to be lifted when it is kept."),
        "eases" => w("Eases", "Measures to be eased."),
        "targets" => w("Targets", "One per line."),
        "due" => w("Due", ""),
        "status" => w("Status", "To mark it kept, record `commitment kept`."),
        "evidence" => w("Evidence", ""),
        _ => return None,
    })
}

fn field(f: &ActField) -> Field {
    // A field the dictionary lacks still gets a form (its key as label); a test keeps it whole.
    let words = words_for(f.name, f.required).unwrap_or(Words {
        label: f.name,
        help: "",
        new: "",
    });
    Field {
        name: f.name,
        label: words.label,
        input: Input::of(f.ty),
        ty: f.ty,
        required: f.required,
        creates: f.creates,
        help: if f.creates { words.new } else { words.help },
    }
}

static TABLE: LazyLock<Vec<KindSpec>> = LazyLock::new(|| {
    Kind::ALL
        .iter()
        .map(|k| KindSpec {
            kind: k.as_str(),
            label: k.label(),
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

const fn req(
    name: &'static str,
    label: &'static str,
    (input, ty): (Input, FieldType),
    help: &'static str,
) -> Field {
    Field {
        name,
        label,
        input,
        ty,
        required: true,
        creates: false,
        help,
    }
}

const fn opt(
    name: &'static str,
    label: &'static str,
    (input, ty): (Input, FieldType),
    help: &'static str,
) -> Field {
    Field {
        name,
        label,
        input,
        ty,
        required: false,
        creates: false,
        help,
    }
}

/// The fields every act has.
pub const ENVELOPE: &[Field] = &[
    req(
        "date",
        "Date",
        (Input::Date, FieldType::Date),
        "When it took effect: YYYY-MM-DD, or YYYY-MM or YYYY when the sources say no more.",
    ),
    opt(
        "sources",
        "Sources",
        (Input::Lines, FieldType::Lines),
        "One per line: addresses or references.",
    ),
    opt(
        "confidence",
        "Confidence",
        (
            Input::Select(Choice::Confidence),
            FieldType::Choice(Choice::Confidence),
        ),
        "",
    ),
    opt(
        "external_ref",
        "Reference",
        (Input::Text, FieldType::Name),
        "e.g. a row of a source table (R081).",
    ),
    opt("note", "Note", (Input::LongText, FieldType::Prose), ""),
    opt(
        "supersedes",
        "Corrects act number",
        (Input::Number, FieldType::Count),
        "The journal number of the act this one corrects.",
    ),
    opt(
        "visibility",
        "Visibility",
        (Input::Text, FieldType::Visibility),
        "Who may read it: everyone (the default), the relation's two parties and mediators, or your ministry alone.",
    ),
    opt(
        "date_confirmed",
        "Date confirmed",
        (Input::Bool, FieldType::Flag),
        "Tick to confirm a date long before the relation's record begins, or before 1900.",
    ),
    opt(
        "claimed_by",
        "Claimed by",
        (Input::State, FieldType::State),
        "Left empty, it is filled in: what your ministry records of the other state's conduct is its claim.",
    ),
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
