//! Chancery's application core, shared by the HTTP edge and the CLI.
//!
//! - [`Chancery`] (`chancery.rs`): the journal and the memory image kept in step; opening and
//!   replay, import, bulk loads;
//! - `recording.rs`: recording on a principal's authority, audited once here for every edge;
//! - `reading.rs`: acts as stored, pages of them, a relation's export;
//! - `sync.rs`: keeping the image in step with a journal other instances append to (taking
//!   back turned-back writes, catching up, the tailer);
//! - [`StoreLocation`] (`location.rs`): `--db` as a SQLite file or a PostgreSQL URL;
//! - [`Audited`]: who asks and from where, as the audit log records it.
//!
//! Everything here is synchronous except the wait for a recorded act to be durable: callers on
//! an async runtime run the rest off its workers (see ARCHITECTURE.md, "Where work runs").

mod audit;
mod chancery;
mod clock;
pub mod datasets;
mod error;
pub mod filter;
pub mod import;
mod location;
mod observe;
mod reading;
mod recording;
mod replay;
mod summaries;
mod sync;
#[cfg(feature = "testing")]
pub mod testing;

pub use audit::Audited;
pub use chancery::{Chancery, StoredAct, DEMO_SCENARIO};
pub use clock::{now_micros, today};
pub use error::{Refused, ServiceError};
pub use location::StoreLocation;
pub use observe::WriteObserver;
pub use sync::TAIL_POLL;
