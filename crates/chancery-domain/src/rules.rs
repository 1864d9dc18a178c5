//! Refusals: every act that breaks a rule is refused with a stable code, the rule in words, the
//! treaty article where one applies, and the field at fault.

use crate::act::MeasureAct;
use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct RuleViolation {
    /// Stable snake_case code, e.g. `post_already_closed`.
    pub code: &'static str,
    /// The rule and how this act breaks it, in a sentence.
    pub message: String,
    /// Treaty article, e.g. `VCDR Art. 9`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<&'static str>,
    /// The act's field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(article) = self.article {
            write!(f, " ({article})")?;
        }
        if let Some(field) = self.field {
            write!(f, " [field `{field}`]")?;
        }
        write!(f, " [{}]", self.code)
    }
}

impl RuleViolation {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        RuleViolation {
            code,
            message: message.into(),
            article: None,
            field: None,
        }
    }

    pub fn article(mut self, article: &'static str) -> Self {
        self.article = Some(article);
        self
    }

    pub fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

/// Every code `RuleViolation` can carry, for documentation and for a test that keeps it honest.
pub const RULE_CODES: &[&str] = &[
    "unknown_state",
    "same_state",
    "duplicate_id",
    "unknown_post",
    "unknown_premises",
    "unknown_member",
    "unknown_measure",
    "unknown_round",
    "post_not_open",
    "post_not_suspended",
    "post_already_closed",
    "post_not_in_relation",
    "premises_not_in_use",
    "premises_not_restricted",
    "premises_already_released",
    "premises_restricted",
    "premises_action_by_non_host",
    "member_already_arrived",
    "member_not_on_staff",
    "png_by_non_host",
    "cap_exceeded",
    "agrement_refused",
    "head_already_in_post",
    "not_head_in_post",
    "head_not_absent",
    "head_already_absent",
    "not_charge",
    "charge_while_head_present",
    "answers_later_act",
    "answers_own_side",
    "measure_needs_cap",
    "measure_already_lifted",
    "lift_before_imposition",
    "scope_outside_relation",
    "invalid_supersede",
    "later_act_invalidated",
    "act_before_subject_exists",
    "unknown_commitment",
    "commitment_closed",
    "commitment_kept_needs_act",
    "lift_by_non_actor",
    "visibility_outside_relation",
    "act_outside_relation",
    "date_in_future",
    "visibility_wider_than_subject",
    "visibility_changed_by_correction",
    "visibility_differs_from_subject",
    "visibility_must_be_public",
];

/// How far ahead of the day it is recorded a measure may be dated: a measure is often announced
/// to take effect later (a ban "from 1 August" notified in April).
pub const MEASURE_HORIZON_DAYS: i32 = 366;

/// Refuses an act dated after the day it is recorded (`today`), beyond a day's grace for time
/// zones; a measure may be announced up to [`MEASURE_HORIZON_DAYS`] ahead. Without it, a closure
/// dated 9999-12-31 would stand in the way of every real act on the post after it. Pure: the
/// caller passes the recording day.
pub fn check_horizon(act: &crate::Act, today: crate::CivilDate) -> Result<(), RuleViolation> {
    let ahead = if matches!(act.body, crate::ActBody::Measure(MeasureAct::Imposed(_))) {
        MEASURE_HORIZON_DAYS
    } else {
        1
    };
    let limit = today.add_days(ahead);
    let starts = act.envelope.date.earliest();
    if starts > limit {
        return Err(RuleViolation::new(
            "date_in_future",
            format!(
                "{} is dated {}, after {limit}: an act is recorded once it has happened{}",
                act.kind(),
                act.envelope.date,
                if ahead > 1 {
                    format!(", and a measure at most {ahead} days before it takes effect")
                } else {
                    String::new()
                }
            ),
        )
        .field("date"));
    }
    Ok(())
}
