//! Chancery's append-only journal of acts.
//!
//! The journal knows nothing of the domain: a payload is opaque bytes (Chancery stores canonical
//! JSON). What it guarantees:
//!
//! - **order**: every entry gets a dense, 1-based `seq`, assigned when submitted;
//! - **integrity**: each entry's hash covers its contents and its predecessor's hash, so
//!   [`Journal::verify`] finds any altered, removed or reordered entry;
//! - **durability**: a [`Pending`] resolves `Ok` only once its entries are committed and fsynced.
//!
//! Module map: [`hash`](entry_hash) framing, [`Entry`] shapes, the [`Store`] port and its
//! [`SqliteStore`] adapter, the group-commit writer, and [`Journal`] tying them together.

mod entry;
mod error;
mod hash;
mod journal;
mod pending;
mod readers;
mod sqlite;
mod store;
mod verify;
mod writer;

pub use entry::{Entry, NewEntry};
pub use error::JournalError;
pub use hash::{entry_hash, Hash, GENESIS};
pub use journal::Journal;
pub use pending::{Committed, Pending};
pub use readers::OpenReader;
pub use sqlite::SqliteStore;
pub use store::{check_continues, Store, StoreError};
pub use verify::{BreakKind, ChainBreak, ChainVerifier, VerifyReport};
