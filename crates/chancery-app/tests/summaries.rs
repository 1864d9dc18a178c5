//! The start page's lines are kept per head of the record: asked again they are the same lines,
//! not computed again, and the next act makes them be computed afresh, so a write shows in the
//! very next read.

use std::sync::Arc;

use chancery_app::Chancery;
use chancery_domain::image::timeline::View;
use chancery_domain::{Act, CivilDate, Reader};
use serde_json::json;

#[test]
fn lines_are_kept_until_the_next_act() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("d.db"), true).expect("demo");
    let as_of: CivilDate = "2025-06-01".parse().expect("date");
    let view = View::whole_record(as_of, Reader::Public);
    let first = chancery.relation_summaries(view);
    assert!(Arc::ptr_eq(&first, &chancery.relation_summaries(view)));
    assert_eq!(*first, chancery.image().relation_summaries(view));
    // Another view is its own entry.
    let earlier = View::whole_record("2016-01-01".parse().expect("date"), Reader::Public);
    assert_eq!(
        *chancery.relation_summaries(earlier),
        chancery.image().relation_summaries(earlier)
    );
    let acts = [
        json!({"kind": "state_registered", "date": "2008", "state": "FR", "name": "France",
               "sources": ["test"]}),
        json!({"kind": "statement_recorded", "date": "2025-05-01", "by": "FR", "about": "US",
               "summary": "a public statement"}),
    ]
    .map(|v| Act::from_json(v).expect("valid act"));
    chancery
        .record_all(acts.to_vec(), "test", 10)
        .expect("recorded");
    let after = chancery.relation_summaries(view);
    assert!(!Arc::ptr_eq(&first, &after));
    assert_eq!(*after, chancery.image().relation_summaries(view));
    assert_eq!(after.len(), first.len() + 1, "the new relation is listed");
}
