//! A deterministic synthetic world for scale tests (being written).
