//! The consular side of a relation. For now only its queueing core: theory and simulation of
//! applicants waiting for consular appointments, independent of the rest of the domain.

pub mod queue;
