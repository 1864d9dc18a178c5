//! Every rule an act breaks at once, for a form that shows its user every fault in one go
//! instead of one per submission. Recording itself still stops at the first fault.

use super::{visibility, Image};
use crate::access::{Audience, Reader};
use crate::act::Act;
use crate::rules::RuleViolation;

impl Image {
    /// Every rule `act` breaks as `recorder` would record it, in a stable order: first the
    /// refusal [`record_by`](Self::record_by) gives, so this refuses exactly what recording
    /// refuses; then what each other family of rules says of the act, in the order recording
    /// checks them (names, relation, visibility, the date's plausibility, the rules at the
    /// act's date, the correction it makes). A family stops at its first fault, as its later
    /// rules read what the earlier ones checked. Empty when the act may be recorded. The image
    /// is left as it was: an act that passes is taken back out.
    pub fn check_all(&mut self, act: &Act, recorder: Reader) -> Vec<RuleViolation> {
        let first = match self.record_by(act, 0, recorder) {
            Ok(_) => {
                self.unrecord_last(act);
                return Vec::new();
            }
            Err(v) => v,
        };
        let mut all = vec![first];
        for v in self.by_family(act, recorder) {
            if !all.iter().any(|w| same_fault(w, &v)) {
                all.push(v);
            }
        }
        all
    }

    /// The first fault of each family of rules that needs no change to the image.
    fn by_family(&self, act: &Act, recorder: Reader) -> Vec<RuleViolation> {
        let mut found = Vec::new();
        let mut note = |r: Result<(), RuleViolation>| match r {
            Ok(()) => true,
            Err(v) => {
                found.push(v);
                false
            }
        };
        note(self.check_named_visible(&act.body, recorder));
        // An act of no one relation has no readers and no rules to be read against.
        if !note(self.check_one_relation(&act.body)) {
            return found;
        }
        let mut audience = Audience::Public;
        if !note(self.audience_of(act).map(|a| audience = a)) {
            return found;
        }
        note(visibility::check_case_personal_data(act, audience));
        // A claim is checked by the claims' own rules, which the first refusal has spoken.
        if act.envelope.claimed_by.is_some() {
            return found;
        }
        let reader = Reader::Within(audience);
        note(self.check_plausible_date(act, reader));
        note(self.check_at_date(act, reader));
        note(self.check_supersede(act, reader).map(drop));
        let touched = self.touched(&act.body, reader);
        note(self.check_audience(act, audience, &touched));
        found
    }
}

/// Two refusals of one rule at one field say the same fault, found by two families (an unknown
/// post is unknown to the names' check and to the rules at the act's date alike).
pub fn same_fault(a: &RuleViolation, b: &RuleViolation) -> bool {
    a.code == b.code && a.field == b.field
}
