//! Forms to record acts: one page per kind, its fields drawn from a table of specs, posted as an
//! ordinary form (no JavaScript). The form is turned into the act's flat JSON and recorded
//! through the same `Chancery::record` as the API, so the domain decides what is valid; its
//! message is shown beside the field it names, and nothing is recorded on error.

use std::collections::HashMap;

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chancery_domain::vocab::{
    Bound, CommitmentStatus, Confidence, Counting, MeasureKind, PostKind, PremisesKind,
    ServiceLevel, StaffCategory,
};
use chancery_domain::{Act, CivilDate, RuleViolation};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::layout::page;
use super::pages::{count, vocab_text};
use super::{html as respond, Ctx, PageError};
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Principal;
use chancery_app::{today, Audited, ServiceError};

/// A closed vocabulary offered as a `<select>`.
#[derive(Clone, Copy, Debug)]
pub enum Choice {
    PostKind,
    PremisesKind,
    StaffCategory,
    MeasureKind,
    Bound,
    Counting,
    ServiceLevel,
    CommitmentStatus,
    Confidence,
}

impl Choice {
    fn options(self) -> Vec<&'static str> {
        fn all<T: Copy>(xs: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
            xs.iter().map(|x| f(*x)).collect()
        }
        match self {
            Choice::PostKind => all(PostKind::ALL, PostKind::as_str),
            Choice::PremisesKind => all(PremisesKind::ALL, PremisesKind::as_str),
            Choice::StaffCategory => all(StaffCategory::ALL, StaffCategory::as_str),
            Choice::MeasureKind => all(MeasureKind::ALL, MeasureKind::as_str),
            Choice::Bound => all(Bound::ALL, Bound::as_str),
            Choice::Counting => all(Counting::ALL, Counting::as_str),
            Choice::ServiceLevel => all(ServiceLevel::ALL, ServiceLevel::as_str),
            Choice::CommitmentStatus => all(CommitmentStatus::ALL, CommitmentStatus::as_str),
            Choice::Confidence => all(Confidence::ALL, Confidence::as_str),
        }
    }
}

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
    Select(Choice),
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The act's JSON key; `a.b` for a key of a nested object.
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    pub help: &'static str,
}

const fn req(name: &'static str, label: &'static str, input: Input, help: &'static str) -> Field {
    Field {
        name,
        label,
        input,
        required: true,
        help,
    }
}

const fn opt(name: &'static str, label: &'static str, input: Input, help: &'static str) -> Field {
    Field {
        name,
        label,
        input,
        required: false,
        help,
    }
}

pub struct KindSpec {
    pub kind: &'static str,
    pub label: &'static str,
    pub fields: &'static [Field],
}

use Input::*;

const POST: Field = req(
    "post",
    "Post",
    Text,
    "The post's identifier, e.g. us-cg-st-petersburg.",
);
const PREMISES: Field = req("premises", "Premises", Text, "The premises' identifier.");
const MEMBER: Field = req("member", "Member", Text, "The member's identifier.");
const BY: Field = req(
    "by",
    "By",
    State,
    "The state that acted (two letters, e.g. RU).",
);
const MEASURE_OPT: Field = opt(
    "measure",
    "Under measure",
    Text,
    "The measure this carries out, if any.",
);
const SENDING: Field = req(
    "sending",
    "Sending state",
    State,
    "The state whose mission it is.",
);
const HOST: Field = req("host", "Host state", State, "The state the mission is in.");
const PERSON: Field = req("person", "Person", Text, "Full name.");
const START_UNKNOWN: Field = opt(
    "start_unknown",
    "Existed before this date",
    Bool,
    "Tick when this is only the first date the record knows of.",
);
const PARTIES: Field = req("parties", "Parties", Ids, "The two states, e.g. US, RU.");
const VENUE_STATE: Field = req("venue_state", "Venue state", State, "Where it took place.");
const COMMITMENT: Field = req(
    "commitment",
    "Commitment",
    Text,
    "The commitment's identifier.",
);
const HOM: &[Field] = &[SENDING, HOST, PERSON];

/// Every kind of act and its fields, in the order of docs/scenario-format.md.
pub const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: "state_registered",
        label: "A state is registered",
        fields: &[
            req("state", "State", State, "ISO 3166 alpha-2 code."),
            req("name", "Name", Text, ""),
        ],
    },
    KindSpec {
        kind: "post_opened",
        label: "A post opened",
        fields: &[
            req(
                "post",
                "Post",
                Text,
                "A new identifier, e.g. us-cg-yekaterinburg.",
            ),
            SENDING,
            HOST,
            req("post_kind", "Kind of post", Select(Choice::PostKind), ""),
            req("name", "Name", Text, ""),
            req("city", "City", Text, ""),
            START_UNKNOWN,
        ],
    },
    KindSpec {
        kind: "post_suspended",
        label: "A post suspended",
        fields: &[POST, BY, opt("reason", "Reason", LongText, "")],
    },
    KindSpec {
        kind: "post_resumed",
        label: "A post resumed",
        fields: &[POST],
    },
    KindSpec {
        kind: "post_closed",
        label: "A post closed",
        fields: &[POST, BY, opt("reason", "Reason", LongText, ""), MEASURE_OPT],
    },
    KindSpec {
        kind: "consular_services_changed",
        label: "Consular services changed",
        fields: &[
            req("posts", "Posts", Ids, "Identifiers of the posts."),
            req("level", "Level", Select(Choice::ServiceLevel), ""),
            opt("services", "Services", LongText, "What is still offered."),
        ],
    },
    KindSpec {
        kind: "premises_acquired",
        label: "Premises acquired",
        fields: &[
            req("premises", "Premises", Text, "A new identifier."),
            req("post", "Post", Text, "The post they belong to."),
            req(
                "premises_kind",
                "Kind of premises",
                Select(Choice::PremisesKind),
                "",
            ),
            req("name", "Name", Text, ""),
            req("city", "City", Text, ""),
            START_UNKNOWN,
        ],
    },
    KindSpec {
        kind: "premises_access_barred",
        label: "Access to premises barred",
        fields: &[PREMISES, BY, MEASURE_OPT],
    },
    KindSpec {
        kind: "premises_seized",
        label: "Premises seized",
        fields: &[PREMISES, BY, MEASURE_OPT],
    },
    KindSpec {
        kind: "premises_returned",
        label: "Premises returned",
        fields: &[PREMISES, MEASURE_OPT],
    },
    KindSpec {
        kind: "premises_released",
        label: "Premises released",
        fields: &[PREMISES],
    },
    KindSpec {
        kind: "member_notified",
        label: "A member of staff notified",
        fields: &[
            req("member", "Member", Text, "A new identifier."),
            req("post", "Post", Text, ""),
            req("name", "Name", Text, ""),
            req(
                "category",
                "Category",
                Select(Choice::StaffCategory),
                "VCDR Art. 1.",
            ),
            START_UNKNOWN,
        ],
    },
    KindSpec {
        kind: "member_arrived",
        label: "A member arrived",
        fields: &[
            MEMBER,
            opt(
                "violation.justification",
                "Over a cap: why record it anyway",
                LongText,
                "Only when the arrival breaks a cap in force.",
            ),
        ],
    },
    KindSpec {
        kind: "member_declared_png",
        label: "A member declared persona non grata",
        fields: &[
            MEMBER,
            BY,
            opt("deadline", "Deadline to leave", Date, ""),
            MEASURE_OPT,
        ],
    },
    KindSpec {
        kind: "member_departed",
        label: "A member departed",
        fields: &[MEMBER],
    },
    KindSpec {
        kind: "agrement_requested",
        label: "Agrément requested",
        fields: HOM,
    },
    KindSpec {
        kind: "agrement_granted",
        label: "Agrément granted",
        fields: HOM,
    },
    KindSpec {
        kind: "agrement_refused",
        label: "Agrément refused",
        fields: HOM,
    },
    KindSpec {
        kind: "hom_appointed",
        label: "Head of mission appointed",
        fields: HOM,
    },
    KindSpec {
        kind: "hom_arrived",
        label: "Head of mission arrived",
        fields: &[SENDING, HOST, PERSON, START_UNKNOWN],
    },
    KindSpec {
        kind: "hom_credentials_copies",
        label: "Copies of credentials presented",
        fields: HOM,
    },
    KindSpec {
        kind: "hom_credentials_presented",
        label: "Credentials presented",
        fields: HOM,
    },
    KindSpec {
        kind: "hom_absent",
        label: "Head of mission absent (recalled)",
        fields: &[SENDING, HOST, PERSON, opt("reason", "Reason", LongText, "")],
    },
    KindSpec {
        kind: "hom_returned",
        label: "Head of mission returned",
        fields: HOM,
    },
    KindSpec {
        kind: "hom_departed",
        label: "Head of mission departed",
        fields: HOM,
    },
    KindSpec {
        kind: "charge_assumed",
        label: "Chargé d'affaires assumed charge",
        fields: HOM,
    },
    KindSpec {
        kind: "charge_ended",
        label: "Chargé d'affaires ended",
        fields: HOM,
    },
    KindSpec {
        kind: "staffing_reported",
        label: "Staffing reported",
        fields: &[
            SENDING,
            HOST,
            opt(
                "posts",
                "Posts",
                Ids,
                "Leave empty when the figure covers the whole mission.",
            ),
            req("value", "Figure", Number, "People."),
            req(
                "bound",
                "Bound",
                Select(Choice::Bound),
                "How the figure relates to the truth.",
            ),
            req(
                "counting",
                "Counts",
                Select(Choice::Counting),
                "Which staff the figure counts.",
            ),
            opt(
                "includes_io",
                "Includes missions to international organisations",
                Bool,
                "",
            ),
        ],
    },
    KindSpec {
        kind: "measure_imposed",
        label: "A measure imposed",
        fields: &[
            req("measure", "Measure", Text, "A new identifier, e.g. r081."),
            req("actor", "By", State, "The state imposing it."),
            req(
                "target",
                "Against",
                State,
                "The state whose missions it targets.",
            ),
            req(
                "measure_kind",
                "Kind of measure",
                Select(Choice::MeasureKind),
                "",
            ),
            req("summary", "Summary", LongText, ""),
            opt("announced", "Announced", Date, ""),
            opt("deadline", "Deadline", Date, ""),
            opt("scope.posts", "Posts concerned", Ids, ""),
            opt("scope.premises", "Premises concerned", Ids, ""),
            opt("scope.members", "Members concerned", Ids, ""),
            opt("scope.description", "Scope in words", LongText, ""),
            opt(
                "magnitude.cap",
                "Cap",
                Number,
                "Required for a staff cap or a local staff limit.",
            ),
            opt(
                "magnitude.persons",
                "Persons",
                Number,
                "People expelled or affected.",
            ),
            opt(
                "magnitude.km",
                "Distance (km)",
                Number,
                "For travel restrictions.",
            ),
            opt("magnitude.days", "Days", Number, ""),
            opt(
                "magnitude.visitors",
                "Visitors",
                Number,
                "For visitor quotas.",
            ),
            opt(
                "counting",
                "Cap counts",
                Select(Choice::Counting),
                "Which staff the cap counts.",
            ),
            opt(
                "includes_io",
                "Includes missions to international organisations",
                Bool,
                "",
            ),
            opt("legal_basis", "Legal basis", Text, "e.g. VCDR Art. 11."),
            opt("stated_reason", "Stated reason", LongText, ""),
            opt(
                "answers",
                "Answers",
                Ids,
                "Identifiers of the earlier measures of the other side it answers.",
            ),
        ],
    },
    KindSpec {
        kind: "measure_lifted",
        label: "A measure lifted",
        fields: &[
            req("measure", "Measure", Text, ""),
            opt("summary", "Summary", LongText, ""),
        ],
    },
    KindSpec {
        kind: "round_held",
        label: "A round of talks held",
        fields: &[
            req("round", "Round", Text, "A new identifier."),
            PARTIES,
            VENUE_STATE,
            opt("venue", "Venue", Text, ""),
            opt("level", "Level", Text, ""),
            opt(
                "heads_of_delegation",
                "Heads of delegation",
                Lines,
                "One per line.",
            ),
            opt("agenda", "Agenda", Lines, "One item per line."),
            req("outcome", "Outcome", LongText, ""),
        ],
    },
    KindSpec {
        kind: "round_cancelled",
        label: "A round of talks cancelled",
        fields: &[
            req("round", "Round", Text, "A new identifier."),
            PARTIES,
            VENUE_STATE,
            opt("cancelled_by", "Cancelled by", State, ""),
            req("outcome", "Outcome", LongText, ""),
        ],
    },
    KindSpec {
        kind: "agreement_recorded",
        label: "An agreement recorded",
        fields: &[
            PARTIES,
            VENUE_STATE,
            opt("round", "Round", Text, ""),
            req("summary", "Summary", LongText, ""),
        ],
    },
    KindSpec {
        kind: "statement_recorded",
        label: "A statement recorded",
        fields: &[
            BY,
            req("about", "About", State, ""),
            req("summary", "Summary", LongText, ""),
        ],
    },
    KindSpec {
        kind: "commitment_made",
        label: "A commitment made",
        fields: &[
            req("commitment", "Commitment", Text, "A new identifier."),
            PARTIES,
            req("undertaken_by", "Undertaken by", Ids, "One party or both."),
            req("text", "Text", LongText, ""),
            opt("round", "Round", Text, ""),
            opt(
                "lifts",
                "Lifts",
                Ids,
                "Measures to be lifted when it is kept.",
            ),
            opt("eases", "Eases", Ids, "Measures to be eased."),
            opt("targets", "Targets", Lines, "One per line."),
            opt("due", "Due", Date, ""),
        ],
    },
    KindSpec {
        kind: "commitment_status_changed",
        label: "A commitment's status changed",
        fields: &[
            COMMITMENT,
            req(
                "status",
                "Status",
                Select(Choice::CommitmentStatus),
                "To mark it kept, record `commitment kept`.",
            ),
            opt("evidence", "Evidence", LongText, ""),
        ],
    },
    KindSpec {
        kind: "commitment_kept",
        label: "A commitment kept",
        fields: &[COMMITMENT, req("evidence", "Evidence", LongText, "")],
    },
];

/// The fields every act has.
pub(super) const ENVELOPE: &[Field] = &[
    req(
        "date",
        "Date",
        Date,
        "When it took effect: YYYY-MM-DD, or YYYY-MM or YYYY when the sources say no more.",
    ),
    opt(
        "sources",
        "Sources",
        Lines,
        "One per line: addresses or references.",
    ),
    opt("confidence", "Confidence", Select(Choice::Confidence), ""),
    opt(
        "external_ref",
        "Reference",
        Text,
        "e.g. a row of a source table (R081).",
    ),
    opt("note", "Note", LongText, ""),
    opt(
        "supersedes",
        "Corrects act number",
        Number,
        "The journal number of the act this one corrects.",
    ),
    opt(
        "visibility",
        "Visibility",
        Text,
        "public (the default), bilateral (the relation's two parties and mediators), or internal:US (that ministry alone).",
    ),
];

pub(super) fn spec(kind: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|k| k.kind == kind)
}

#[derive(Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
    as_of: Option<String>,
}

fn ctx_for(app: &AppState, as_of: Option<&str>, who: &Principal) -> Ctx {
    let as_of = as_of
        .and_then(|s| s.trim().parse::<CivilDate>().ok())
        .unwrap_or_else(today);
    let states = app.chancery.image().states();
    Ctx::new(as_of, super::home_relation(&states)).scoped(super::Scope::of(who))
}

/// Errors by field name; `""` for the form as a whole.
pub(super) type Errors = HashMap<String, String>;

pub async fn form_page(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    Query(q): Query<NewQuery>,
) -> Response {
    let ctx = ctx_for(&app, q.as_of.as_deref(), &who);
    match q.kind.as_deref().filter(|k| !k.is_empty()) {
        None => respond(kinds_page(&ctx)),
        Some(kind) => match spec(kind) {
            Some(spec) => {
                let mut values = HashMap::new();
                values.insert("date".to_owned(), ctx.as_of.to_string());
                respond(form(&ctx, spec, &values, &Errors::new()))
            }
            None => PageError::not_found(format!("there is no kind of act `{kind}`"))
                .in_ctx(ctx)
                .into_response(),
        },
    }
}

fn kinds_page(ctx: &Ctx) -> Markup {
    page(
        ctx,
        "Record an act",
        html! {
            h1 { "Record an act" }
            p { "Choose what happened. Every act is checked against the record at its date before it is recorded; a refused act changes nothing." }
            ul.kinds {
                @for k in KINDS {
                    li { a href=(ctx.href(&format!("/acts/new?kind={}", k.kind))) { (k.label) } }
                }
            }
        },
    )
}

fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

pub(super) fn field(f: &Field, values: &HashMap<String, String>, errors: &Errors) -> Markup {
    let id = field_id(f.name);
    let value = values.get(f.name).map(String::as_str).unwrap_or("");
    let error = errors.get(f.name);
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = match (error.is_some(), f.help.is_empty()) {
        (true, true) => Some(err_id.clone()),
        (true, false) => Some(format!("{err_id} {help_id}")),
        (false, false) => Some(help_id.clone()),
        (false, true) => None,
    };
    let invalid = error.map(|_| "true");
    html! {
        div.field.invalid[error.is_some()] {
            @if let Bool = f.input {
                label for=(id) {
                    input type="checkbox" id=(id) name=(f.name) value="true" checked[value == "true"]
                        aria-describedby=[described.as_deref()] aria-invalid=[invalid];
                    " " (f.label)
                }
            } @else {
                label for=(id) { (f.label) @if f.required { " " span.muted { "(required)" } } }
            }
            @if let Some(e) = error { span.error id=(err_id) { "Error: " (beside_field(e)) } }
            @if !f.help.is_empty() { span.help id=(help_id) { (f.help) } }
            @match f.input {
                Bool => {},
                LongText | Lines => textarea id=(id) name=(f.name) rows="3" required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid] { (value) },
                Number => input type="number" min="0" step="1" id=(id) name=(f.name) value=(value) required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                Select(choice) => select id=(id) name=(f.name) required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                    option value="" { "—" }
                    @for o in choice.options() { option value=(o) selected[value == o] { (vocab_text(o)) } }
                },
                State => input type="text" id=(id) name=(f.name) value=(value) required[f.required] maxlength="2"
                    autocapitalize="characters" size="4" aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
                Text | Date | Ids => input type="text" id=(id) name=(f.name) value=(value) required[f.required]
                    aria-describedby=[described.as_deref()] aria-invalid=[invalid];,
            }
        }
    }
}

fn form(ctx: &Ctx, spec: &KindSpec, values: &HashMap<String, String>, errors: &Errors) -> Markup {
    let title = format!("Record: {}", spec.label);
    let shown: Vec<&Field> = spec.fields.iter().chain(ENVELOPE).collect();
    let label_of = |name: &str| shown.iter().find(|f| f.name == name).map(|f| f.label);
    // Errors the form cannot put beside a field are listed at the top as well.
    let stray: Vec<(&String, &String)> = errors
        .iter()
        .filter(|(k, _)| label_of(k).is_none())
        .collect();
    html! {
        (page(ctx, &title, html! {
            h1 { (title) }
            p { a href=(ctx.href("/acts/new")) { "Choose another kind of act" } }
            @if !errors.is_empty() {
                div.alert role="alert" aria-labelledby="errors-title" {
                    h2 id="errors-title" { "Nothing was recorded" }
                    ul {
                        @for (name, message) in errors {
                            li {
                                @if let Some(label) = label_of(name) {
                                    a href=(format!("#{}", field_id(name))) { (label) } ": " (beside_field(message))
                                } @else if !name.is_empty() {
                                    (name) ": " (message)
                                } @else {
                                    (message)
                                }
                            }
                        }
                    }
                }
            }
            p.muted { "Recorded as you (" (ctx.scope.reader_label()) "): your organisation may record acts of its own relations, seen no more widely than it may see." }
            form.act method="post" action="/acts/new" {
                input type="hidden" name="kind" value=(spec.kind);
                input type="hidden" name="as_of" value=(ctx.as_of);
                fieldset {
                    legend { (spec.label) }
                    @for f in spec.fields { (field(f, values, errors)) }
                }
                fieldset {
                    legend { "Date and sources" }
                    @for f in ENVELOPE { (field(f, values, errors)) }
                }
                @if !stray.is_empty() { p.muted { (count(stray.len(), "error", "errors")) " above concern fields this form does not show." } }
                button type="submit" { "Record" }
            }
        }))
    }
}

/// Builds the act's flat JSON from the form, or the errors of fields that cannot be read.
pub(super) fn act_json(spec: &KindSpec, values: &HashMap<String, String>) -> Result<Value, Errors> {
    let mut root = Map::new();
    root.insert("kind".into(), Value::String(spec.kind.into()));
    let mut errors = Errors::new();
    for f in spec.fields.iter().chain(ENVELOPE) {
        let raw = values.get(f.name).map(|s| s.trim()).unwrap_or("");
        if raw.is_empty() {
            continue;
        }
        let value = match f.input {
            Bool => Value::Bool(raw == "true" || raw == "on"),
            Number => match raw.parse::<u64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    errors.insert(f.name.into(), format!("`{raw}` is not a whole number"));
                    continue;
                }
            },
            Ids => Value::Array(
                raw.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            Lines => Value::Array(
                raw.lines()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            State => Value::String(raw.to_uppercase()),
            Text | LongText | Date | Select(_) => Value::String(raw.to_owned()),
        };
        match f.name.split_once('.') {
            Some((outer, inner)) => {
                let entry = root
                    .entry(outer.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(inner.to_owned(), value);
                }
            }
            None => {
                root.insert(f.name.into(), value);
            }
        }
    }
    // `internal:US` in the form is `{"internal": "US"}` in the act.
    if let Some(Value::String(v)) = root.get("visibility") {
        if let Some(state) = v.strip_prefix("internal:") {
            let state = state.trim().to_uppercase();
            root.insert(
                "visibility".into(),
                serde_json::json!({ "internal": state }),
            );
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(root))
    } else {
        Err(errors)
    }
}

/// The spec field a domain error names: `scope.posts[0]` is the field `scope.posts`, and a
/// nested object named alone (`scope`) goes to its first field.
pub(super) fn error_field(spec: &KindSpec, named: Option<&str>) -> String {
    let Some(named) = named else {
        return String::new();
    };
    let base = named.split('[').next().unwrap_or(named);
    let fields = || spec.fields.iter().chain(ENVELOPE);
    if let Some(f) = fields().find(|f| f.name == base) {
        return f.name.to_owned();
    }
    let prefix = format!("{base}.");
    if let Some(f) = fields().find(|f| f.name.starts_with(&prefix)) {
        return f.name.to_owned();
    }
    // A key inside a nested object reported alone (`cap` for `magnitude.cap`).
    if let Some(f) =
        fields().find(|f| f.name.rsplit('.').next() == Some(base) && f.name.contains('.'))
    {
        return f.name.to_owned();
    }
    base.to_owned()
}

/// A message shown beside the field it is about, or after that field's label: without the
/// "(field `post`)" the domain adds to say which field, which the page already shows.
fn beside_field(message: &str) -> String {
    let Some(at) = message.find(" (field `") else {
        return message.to_owned();
    };
    match message[at..].find("`)") {
        Some(end) => format!("{}{}", &message[..at], &message[at + end + 2..]),
        None => message.to_owned(),
    }
}

/// A rule's refusal as shown beside a field: the message, the Vienna Convention article where
/// one applies, and the rule's code.
pub(super) fn rule_message(v: &RuleViolation) -> String {
    match v.article {
        Some(article) => format!("{} ({article}) [{}]", v.message, v.code),
        None => format!("{} [{}]", v.message, v.code),
    }
}

pub async fn submit(
    axum::extract::State(app): axum::extract::State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<crate::access::Source>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let mut values: HashMap<String, String> = HashMap::new();
    for (k, v) in pairs {
        values.insert(k, v);
    }
    let ctx = ctx_for(&app, values.get("as_of").map(String::as_str), &who);
    // Cross-origin posts never get here: the authorisation layer refuses them for every route.
    let kind = values.get("kind").cloned().unwrap_or_default();
    let Some(spec) = spec(&kind) else {
        return PageError::bad_request(format!("there is no kind of act `{kind}`"))
            .in_ctx(ctx)
            .into_response();
    };
    let audited = Audited {
        log: &app.accounts,
        who: &who,
        source: &source.0,
    };
    let show = |status: StatusCode, errors: &Errors| {
        (status, respond(form(&ctx, spec, &values, errors))).into_response()
    };
    let refuse = |status: StatusCode, errors: Errors| {
        // Refused before it is an act: audited like any refused act (and aggregated alike).
        let mut detail: Vec<String> = errors
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect();
        detail.sort();
        let detail = detail.join("; ");
        audited.refused_before_act(spec.kind.to_owned(), detail);
        show(status, &errors)
    };
    let json = match act_json(spec, &values) {
        Ok(j) => j,
        Err(errors) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let act = match Act::from_json(json) {
        Ok(a) => a,
        Err(e) => {
            let field = error_field(spec, e.field.as_deref());
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                Errors::from([(field, e.message)]),
            );
        }
    };
    let date = act.envelope.date.earliest();
    match app.chancery.record_as(act, audited).await {
        Ok(stored) => {
            // Show the act as of its own date (or the page's, if later), so it is visible.
            let shown = ctx.with_date(ctx.as_of.max(date));
            Redirect::to(&shown.href(&format!("/acts/{}", stored.seq))).into_response()
        }
        Err(ServiceError::Forbidden(why)) => {
            show(StatusCode::FORBIDDEN, &Errors::from([(String::new(), why)]))
        }
        Err(ServiceError::Rule(v)) => {
            let field = error_field(spec, v.field);
            show(
                StatusCode::UNPROCESSABLE_ENTITY,
                &Errors::from([(field, rule_message(&v))]),
            )
        }
        // Recording audited the outcome itself: the form is only shown again.
        Err(e) => {
            // Statuses and words as the API's: a failed journal is a 503 that says so, and an
            // internal cause stays in the operator's log.
            let outcome = crate::outcome::Outcome::from(e);
            show(
                outcome.status,
                &Errors::from([(
                    String::new(),
                    format!("the act could not be recorded: {}", outcome.message),
                )]),
            )
        }
    }
}
