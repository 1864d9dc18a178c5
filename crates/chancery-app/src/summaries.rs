//! The start page's lines, kept per head of the record and view. Each line costs a relation's
//! index at two dates and its alerts, hundreds of milliseconds for a ministry with two hundred
//! relations, while the answer changes only when an act is recorded: the first reader after a
//! write pays, the others are served the kept lines.

use std::sync::{Arc, Mutex};

use chancery_domain::image::timeline::View;
use chancery_domain::relations::RelationSummary;

use crate::Chancery;

/// Views kept per head: readers of one organisation on one day share a view, so a few dozen
/// cover a ministry's morning.
const KEPT_VIEWS: usize = 32;

#[derive(Default)]
pub(crate) struct SummaryCache {
    /// The head the kept lines were computed at; a new head empties the cache.
    head: u64,
    kept: Vec<(View, Arc<Vec<RelationSummary>>)>,
}

impl SummaryCache {
    fn get(&self, head: u64, view: &View) -> Option<Arc<Vec<RelationSummary>>> {
        (self.head == head)
            .then(|| self.kept.iter().find(|(v, _)| v == view))
            .flatten()
            .map(|(_, lines)| Arc::clone(lines))
    }

    fn put(&mut self, head: u64, view: View, lines: Arc<Vec<RelationSummary>>) {
        if self.head != head {
            self.head = head;
            self.kept.clear();
        }
        if self.kept.len() == KEPT_VIEWS {
            self.kept.remove(0);
        }
        self.kept.push((view, lines));
    }
}

impl Chancery {
    /// `Image::relation_summaries` for `view`, computed once per head of the record.
    pub fn relation_summaries(&self, view: View) -> Arc<Vec<RelationSummary>> {
        let image = self.image();
        // The image's version, not its last seq: an act taken back and another applied in its
        // place (a write another instance beat) leave the same last seq over a new record.
        let head = self.version();
        if let Some(lines) = self.summaries().get(head, &view) {
            return lines;
        }
        // Computed under the image's read lock, so the lines belong to `head` exactly.
        let lines = Arc::new(image.relation_summaries(view));
        self.summaries().put(head, view, Arc::clone(&lines));
        lines
    }

    /// The cache, even after a panic elsewhere left its lock poisoned: its worst state is a
    /// stale entry for an old head, which `get` never returns.
    fn summaries(&self) -> std::sync::MutexGuard<'_, SummaryCache> {
        self.summaries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The cache's field in [`Chancery`].
pub(crate) type Summaries = Mutex<SummaryCache>;
