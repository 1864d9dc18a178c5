//! What the acts list filters on beyond the journal's order: the kind, a state the act
//! involves, the state that did it and the state it was done to (an act's source and target,
//! as the event data codes them: `Image::dyad`), and the order (recorded, or by date).

use chancery_domain::{Act, Image, StateCode};

/// The order of an acts list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActOrder {
    /// The journal's order (transaction time).
    #[default]
    Recorded,
    /// By date (valid time), earliest first; acts of one day in recording order.
    DateAsc,
    /// By date, latest first.
    DateDesc,
}

impl ActOrder {
    pub fn parse(s: &str) -> Option<ActOrder> {
        match s {
            "recorded" => Some(ActOrder::Recorded),
            "date_asc" => Some(ActOrder::DateAsc),
            "date_desc" => Some(ActOrder::DateDesc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActOrder::Recorded => "recorded",
            ActOrder::DateAsc => "date_asc",
            ActOrder::DateDesc => "date_desc",
        }
    }
}

/// The states an act must involve, be done by, or be done to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartyFilter {
    /// Named by the act as a party (its source or target, or a state it names).
    pub involves: Option<StateCode>,
    /// The state whose act it is (either state of a joint act).
    pub actor: Option<StateCode>,
    /// The state it was done to (either state of a joint act).
    pub target: Option<StateCode>,
}

impl PartyFilter {
    pub fn is_empty(&self) -> bool {
        self.involves.is_none() && self.actor.is_none() && self.target.is_none()
    }

    pub fn keeps(&self, image: &Image, act: &Act) -> bool {
        if self.is_empty() {
            return true;
        }
        let dyad = image.dyad(act);
        self.involves.is_none_or(|s| {
            act.body.states_named().contains(&s)
                || dyad.is_some_and(|d| d.source == s || d.target == s)
        }) && self.actor.is_none_or(|s| dyad.is_some_and(|d| d.by(s)))
            && self
                .target
                .is_none_or(|s| dyad.is_some_and(|d| d.towards(s)))
    }
}
