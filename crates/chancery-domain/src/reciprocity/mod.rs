//! Reciprocity analysis over the memory image (DESIGN.md §4): parity by dimension, escalation
//! chains, the normalisation index, what-if, and the normalisation roadmap.

pub mod chains;
pub mod consequences;
pub mod consular_effects;
pub mod index;
pub mod parity;
pub mod roadmap;
pub mod whatif;
