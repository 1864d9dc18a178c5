//! Chancery's append-only journal of acts.
//!
//! The journal knows nothing of the domain: a payload is opaque bytes (Chancery stores canonical
//! JSON). What it guarantees:
//!
//! - **order**: every entry gets a dense, 1-based `seq`, assigned when submitted;
//! - **integrity**: each entry's hash covers its contents and its predecessor's hash, so
//!   [`Journal::verify`] finds any altered, removed or reordered entry (except entries removed
//!   from the end: see its documentation), and [`Journal::check_integrity`] samples the chain
//!   cheaply at start-up;
//! - **confidentiality of hidden entries**: each new entry commits to its contents through a
//!   fresh random salt (see [`salted_entry_hash`]), so a reader shown the hashes around an entry
//!   cannot test guesses of its contents without its salt;
//! - **durability**: a [`Pending`] resolves `Ok` only once its entries are committed and fsynced.
//!
//! How: [`Journal::submit`] assigns the seq under a lock and queues the entry; a writer thread
//! owning the [`Store`] takes everything queued, hashes it in seq order and appends it in one
//! transaction (group commit: one fsync shared by all) after the head it expects; the store,
//! the one sequence authority, refuses the append if another writer got there first, and the
//! journal turns the group back ([`JournalError::Conflict`]). A notifier thread wakes the
//! waiters. Reads use separate connections. An unreachable store turns writes back until it
//! answers again ([`JournalError::Unavailable`]); any other failed append makes the journal
//! refuse everything from then on, and the process is expected to restart: see
//! [`JournalError::Failed`] for why.
//!
//! Module map: `hash` (framing), `entry`, `store` (the port), `writer` and `notifier` (group
//! commit, turning back submissions another writer beat), `readers`, `verify`, `memory` (a
//! store in memory several journals can share, for tests between instances), and `journal`
//! tying them together. The adapters are crates of their own: chancery-sqlite (the default,
//! embedded store) and chancery-postgres (several instances over one database).

mod entry;
mod error;
mod hash;
mod journal;
mod memory;
mod notifier;
mod pending;
mod readers;
mod store;
mod stream;
mod verify;
mod writer;

pub use entry::{fresh_salt, Entry, NewEntry};
pub use error::{JournalError, StorePath};
pub use hash::{
    entry_digest, entry_hash, from_hex, link_hash, salted_entry_hash, to_hex, Hash, Salt, GENESIS,
};
pub use journal::{Basis, IntegrityReport, IntegritySample, Journal};
pub use memory::MemoryStore;
pub use pending::{Committed, Pending};
pub use store::{check_append, check_chunk, FileProblem, Store, StoreError};
pub use stream::{AppendStream, StreamClosed, STREAM_STALL};
pub use verify::{BreakKind, ChainBreak, ChainVerifier, VerifyReport};
