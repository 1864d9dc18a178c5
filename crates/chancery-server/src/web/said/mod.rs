//! The sentences the domain says (its `…Said` structures), worded in the page's language.

pub mod alerts;
pub mod asof;
pub mod consular;
#[cfg(test)]
mod english_words;
pub mod parity;
pub mod refusals;
pub mod roadmap;
