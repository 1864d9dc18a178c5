//! The sentences the domain says (its `…Said` structures), worded in the page's language.

pub mod alerts;
pub mod refusals;
