//! One conformance suite for the journal's stores: every case is a function generic over a
//! [`Backend`], run once over SQLite (a temporary file) and once over PostgreSQL (a fresh
//! database on the server named by `CHANCERY_TEST_POSTGRES`; the suite fails, not skips,
//! without one). `postgres_only` holds what only a shared database can show: two journals
//! racing over one store, and a connection killed under the writer.

mod backends;
mod journal_cases;
mod postgres_only;
mod store_cases;
mod stream_review;

/// Runs each listed case once per backend, as `sqlite::case` and `postgres::case`.
macro_rules! conformance {
    ($($module:ident :: $case:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $case() {
                crate::$module::$case(&<crate::backends::Sqlite as crate::backends::Backend>::fresh());
            })*
        }
        mod postgres {
            $(#[test]
            fn $case() {
                crate::$module::$case(&<crate::backends::Postgres as crate::backends::Backend>::fresh());
            })*
        }
    };
}

conformance!(
    store_cases::appended_entries_read_and_scan_back,
    store_cases::an_append_after_a_moved_head_is_refused_and_changes_nothing,
    store_cases::a_batch_that_is_not_a_chain_is_refused,
    store_cases::reads_and_scans_respect_their_bounds,
    store_cases::a_scan_stops_at_its_callbacks_error,
    store_cases::a_scan_streams_one_snapshot,
    store_cases::waiting_returns_when_another_handle_appends,
    store_cases::waiting_returns_at_the_timeout_when_nothing_lands,
    store_cases::appends_survive_closing_and_reopening,
    store_cases::an_unsalted_entry_cannot_follow_a_salted_one,
    store_cases::an_edit_behind_the_journals_back_is_refused_or_detected,
    store_cases::an_append_in_chunks_is_all_or_nothing,
    journal_cases::submissions_survive_dropping_and_reopening_the_journal,
    journal_cases::a_journal_tails_another_handles_appends,
    journal_cases::a_streamed_append_is_all_or_nothing_and_others_wait,
);
