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
//! transaction (group commit: one fsync shared by all); a notifier thread then wakes the waiters.
//! Reads use separate connections. If an append fails, the journal refuses everything from then
//! on and the process is expected to restart: see [`JournalError::Failed`] for why.
//!
//! Module map: `hash` (framing), `entry`, `store` (the port), `sqlite` (its adapter), `lock`
//! (one process per store), `writer` and `notifier` (group commit), `readers`, `verify`, and
//! `journal` tying them together.

mod entry;
mod error;
mod hash;
mod journal;
mod lock;
mod notifier;
mod pending;
mod readers;
mod sqlite;
mod store;
mod verify;
mod writer;

pub use entry::{fresh_salt, Entry, NewEntry};
pub use error::{JournalError, StorePath};
pub use hash::{
    entry_digest, entry_hash, from_hex, link_hash, salted_entry_hash, to_hex, Hash, Salt, GENESIS,
};
pub use journal::{IntegrityReport, IntegritySample, Journal};
pub use pending::{Committed, Pending};
pub use sqlite::SqliteStore;
pub use store::{check_continues, FileProblem, Store, StoreError};
pub use verify::{BreakKind, ChainBreak, ChainVerifier, VerifyReport};
