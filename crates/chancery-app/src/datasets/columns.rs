//! Each dataset's columns with their definitions, and the rows of those the image answers.
//! Rows are built from the serialised answers the JSON API gives, picked by column name, so a
//! column means in the file what the same field means in the API.

use chancery_domain::query::MeasureFilter;
use chancery_domain::reciprocity::parity::Definition;
use chancery_domain::{CivilDate, Image, StateCode};
use serde_json::{json, Value};

use super::{DataError, DataRequest, Dataset};

/// A column and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub definition: &'static str,
}

macro_rules! cols {
    ($($name:literal: $def:literal,)+) => { &[$(Column { name: $name, definition: $def },)+] };
}

const MEASURES: &[Column] = cols! {
    "id": "the measure's id in the record",
    "external_ref": "the source table's reference for it, if any",
    "actor": "the state that took it (ISO 3166-1 alpha-2)",
    "target": "the state whose missions it is aimed at",
    "kind": "kind of measure (docs/scenario-format.md, measure kinds)",
    "summary": "what it does, on its latest terms",
    "date": "when it was taken, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "effective": "when it bites, on its latest terms, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "announced": "when first announced, if before it was taken, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "deadline": "the date by which the target must comply, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "expires": "when it lapses by its own terms, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "start_unknown": "true when only known to be in force by `date`",
    "lifted": "when it was lifted, if by the as-of date, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "status": "where it stands on the as-of date: announced, in_force, uncertain, expired, lifted, or happened (an event)",
    "in_force": "true when status is in_force",
    "character": "standing (until lifted or expired) or event (happens on a date)",
    "capacity": "in what capacity the actor took it (host_government, sending_state ...)",
    "symbolic": "true for a measure recorded as symbolic",
    "counts_in_verdicts": "true when parity, index and roadmap rest on it by default",
    "answers": "ids of the measures it answers, separated by '; ' in CSV",
    "legal_basis": "the legal basis it states",
    "stated_reason": "the reason its actor gave",
    "sources": "its sources, separated by '; ' in CSV",
    "confidence": "the recorder's confidence (high, medium, low); empty when not stated",
    "recorded_seq": "the journal number of the act that recorded it",
};

const ACTS: &[Column] = cols! {
    "seq": "the act's number in the journal (transaction order)",
    "recorded_at": "when it was recorded, RFC 3339 UTC (transaction time)",
    "date": "when it took effect (valid time; as precise as the sources)",
    "kind": "kind of act (docs/scenario-format.md)",
    "label": "the kind in words",
    "source": "the state whose act it is (for a joint act, the relation's first state)",
    "target": "the other state of the relation",
    "joint": "true for what both parties did together (a round held, an agreement)",
    "claimed_by": "set when the act is one party's claim about the other's conduct, not an established fact",
    "confidence": "the recorder's confidence; empty when not stated",
    "supersedes": "the journal number of the act this one corrects",
    "withdrawn_by": "the journal number of the act_withdrawn that withdrew it as recorded in error; it then counts in no view",
    "external_ref": "the source table's reference, if any",
    "act": "the act in its flat JSON form (docs/scenario-format.md)",
};

const PRESENCE: &[Column] = cols! {
    "sending": "the state whose mission it is",
    "host": "the state it is in",
    "post": "the post's id",
    "name": "the post's name",
    "kind": "embassy, consulate_general, consulate ... (docs/scenario-format.md, post kinds)",
    "city": "its city",
    "status": "open, suspended, closed ... on the as-of date",
    "status_since": "since when, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "opened": "when it opened, or was first on record, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "certainty": "certain; uncertain when an event dated by a period holding the as-of date may not have happened yet",
    "closed_by": "the state that closed it, if closed",
    "closing_measure": "the measure under which it was closed, if any",
    "head_of_mission": "the mission's head of mission on the as-of date (same on every post of the mission)",
    "charge_d_affaires": "the mission's chargé d'affaires, if one is in charge",
    "vacant_since": "since when the mission has had no head of mission, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "staff_on_record": "members of the mission's staff on record on the as-of date (individuals, not a reported figure)",
};

const DIPLOMATIC_LIST: &[Column] = cols! {
    "sending": "the state whose mission the member belongs to",
    "host": "the state the mission is in",
    "post": "the post the member is notified at",
    "member": "the member's id in the record",
    "name": "the member's name",
    "category": "VCDR category: head_of_mission, diplomatic, administrative_technical, service, locally_employed, private_servant, or family",
    "family_of": "for a family member: the member whose household",
    "notified": "when notified to the host, as precise as the sources",
    "start_unknown": "true when on the staff before `notified`, the real date not recorded",
    "arrived": "when the member arrived, as precise as the sources",
    "status": "notified, arrived, declared_png, departed ... on the as-of date",
    "status_since": "since when, as precise as the sources",
    "certainty": "certain; uncertain when an event dated by a period holding the as-of date may not have happened yet",
    "present_at_least": "1 when certainly present in the host state on the as-of date, else 0",
    "present_at_most": "1 when possibly present, else 0",
    "png_declared": "when declared persona non grata, if so",
    "png_by": "the state that declared it",
    "png_measure": "the measure the declaration belongs to, if any",
    "png_deadline": "the deadline to leave, if one is on record",
    "png_standing": "no_deadline, running, may_have_passed, overdue or left",
    "png_days_left": "days from the as-of date to the deadline's last day (0: the last day; negative once passed)",
    "departed": "when the member departed, if by the as-of date",
};

const PARITY: &[Column] = cols! {
    "dimension": "stable key of the dimension (staff, staff_cap, posts ...)",
    "label": "the dimension in words",
    "side": "the state whose missions in the other state this figure is about",
    "known": "false when the record does not give this side's figure (never read as zero)",
    "figure": "the figure, when the dimension has a number (headcount, cap, posts, measures, days vacant)",
    "bound": "how a reported figure relates to the truth (about, at_least ...)",
    "status": "a categorical state: capped, banned, none, a service level, in_post, away, vacant",
    "text": "the figure in words, with its definition",
    "outcome": "stricter, equal or not_comparable (same on both sides' rows)",
    "stricter": "the host whose treatment of the other's mission is worse on this dimension",
    "by_how_much": "the gap in the dimension's unit, when it is a number",
    "comparison": "the verdict in one sentence",
    "definition": "what the figures count and include",
};

const INDEX: &[Column] = cols! {
    "date": "the date of the point (YYYY-MM-DD)",
    "side": "the state whose missions in the other state this side's index is about",
    "index": "100 at the baseline; below, more restricted; above, thawing (rounded to 0.01)",
    "restriction": "restriction points on this date (weights by measure kind; see the formula in the index API)",
    "measures_in_force": "measures of the other state against this side's missions in force on this date",
    "head_absent": "true when this side's mission had no head of mission present",
    "index_low": "when the date falls inside an imprecise date the figure depends on: the lower end of the index",
    "index_high": "the upper end of that range",
    "combined": "the geometric mean of both sides' index on this date (same on both rows)",
};

const EVENTS: &[Column] = cols! {
    "seq": "the act's number in the journal",
    "date": "when it took effect, as precise as the sources (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY)",
    "source": "source actor: the state whose act it is (ISO 3166-1 alpha-2)",
    "target": "target actor: the other state of the relation",
    "joint": "true for what both parties did together; source and target are then the relation's states in order",
    "kind": "kind of act (docs/scenario-format.md)",
    "cameo_code": "CAMEO event code (codebook v1.1b3), as text to keep leading zeros",
    "cameo_name": "the CAMEO code's name",
    "plover_event_type": "PLOVER event type; empty for CAMEO 01 and 02, which PLOVER dropped",
    "plover_mode": "PLOVER mode (how), where the crosswalk gives one",
    "plover_context": "PLOVER context (about what), where the crosswalk gives one",
    "claimed_by": "set when the act is one party's claim about the other's conduct",
    "confidence": "the recorder's confidence; empty when not stated",
    "supersedes": "the journal number of the act this one corrects (drop the corrected act's row)",
};

pub(super) fn of(d: Dataset) -> &'static [Column] {
    match d {
        Dataset::Measures => MEASURES,
        Dataset::Acts => ACTS,
        Dataset::DiplomaticList => DIPLOMATIC_LIST,
        Dataset::Presence => PRESENCE,
        Dataset::Parity => PARITY,
        Dataset::Index => INDEX,
        Dataset::Events => EVENTS,
    }
}

/// Picks `columns` from a serialised answer, `Null` for what it lacks.
fn pick(from: &Value, columns: &[Column]) -> Vec<Value> {
    columns
        .iter()
        .map(|c| from.get(c.name).cloned().unwrap_or(Value::Null))
        .collect()
}

fn to_value<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// The rows of a dataset the image answers (not the acts or events).
pub(super) fn image_rows(
    image: &Image,
    d: Dataset,
    (a, b): (StateCode, StateCode),
    req: &DataRequest,
    (from, baseline): (CivilDate, CivilDate),
) -> Result<Vec<Vec<Value>>, DataError> {
    let view = req.view();
    Ok(match d {
        Dataset::Measures => image
            .measures(a, b, view, MeasureFilter::Imposed)?
            .iter()
            .map(|m| pick(&to_value(m), MEASURES))
            .collect(),
        Dataset::Presence => {
            let presence = to_value(&image.presence(a, b, view)?);
            let mut rows = Vec::new();
            for m in presence["missions"].as_array().into_iter().flatten() {
                for p in m["posts"].as_array().into_iter().flatten() {
                    let mut row = p.clone();
                    row["post"] = p["id"].clone();
                    for k in ["sending", "host", "vacant_since"] {
                        row[k] = m[k].clone();
                    }
                    row["head_of_mission"] = m["head_of_mission"]["name"].clone();
                    row["charge_d_affaires"] = m["charge_d_affaires"]["name"].clone();
                    row["staff_on_record"] = m["staff"]["individuals"]["total"].clone();
                    rows.push(pick(&row, PRESENCE));
                }
            }
            rows
        }
        Dataset::DiplomaticList => {
            let list = to_value(&image.diplomatic_list(a, b, None, None, view)?);
            let mut rows = Vec::new();
            for m in list["missions"].as_array().into_iter().flatten() {
                for member in m["members"].as_array().into_iter().flatten() {
                    let mut row = member.clone();
                    row["member"] = member["id"].clone();
                    row["sending"] = m["sending"].clone();
                    row["host"] = m["host"].clone();
                    row["present_at_least"] = member["present"]["at_least"].clone();
                    row["present_at_most"] = member["present"]["at_most"].clone();
                    let png = &member["persona_non_grata"];
                    for (k, from) in [
                        ("png_declared", "declared"),
                        ("png_by", "by"),
                        ("png_measure", "measure"),
                        ("png_deadline", "deadline"),
                        ("png_standing", "standing"),
                        ("png_days_left", "days_left"),
                    ] {
                        row[k] = png.get(from).cloned().unwrap_or(Value::Null);
                    }
                    rows.push(pick(&row, DIPLOMATIC_LIST));
                }
            }
            rows
        }
        Dataset::Parity => {
            let parity = to_value(&image.parity(a, b, view, &Definition::default())?);
            let mut rows = Vec::new();
            for dim in parity["dimensions"].as_array().into_iter().flatten() {
                for side in [a, b] {
                    let v = &dim["values"][side.as_str()];
                    let mut row = dim.clone();
                    row["dimension"] = dim["key"].clone();
                    row["side"] = json!(side);
                    for k in ["known", "bound", "status", "text"] {
                        row[k] = v[k].clone();
                    }
                    row["figure"] = v["number"].clone();
                    rows.push(pick(&row, PARITY));
                }
            }
            rows
        }
        Dataset::Index => {
            let series =
                image.normalisation_index(a, b, from, req.as_of, baseline, req.step, view)?;
            let mut rows = Vec::new();
            for p in &series.points {
                for side in [a, b] {
                    let Some(s) = p.sides.get(&side) else {
                        continue;
                    };
                    let mut row = to_value(s);
                    row["date"] = json!(p.date.to_string());
                    row["side"] = json!(side);
                    row["combined"] = json!(p.combined);
                    row["index_low"] = json!(s.index_range.map(|r| r[0]));
                    row["index_high"] = json!(s.index_range.map(|r| r[1]));
                    rows.push(pick(&row, INDEX));
                }
            }
            rows
        }
        Dataset::Acts | Dataset::Events => Vec::new(),
    })
}
