//! The acts list by date and by who did what to whom, over the demo: paged by date it gives
//! every act the reader may see exactly once, in date order; `actor` and `target` keep the
//! acts done by and to a state.

use chancery_app::filter::PartyFilter;
use chancery_app::Chancery;
use chancery_domain::{CivilDate, Reader, StateCode};

fn state(s: &str) -> StateCode {
    s.parse().expect("state code")
}

#[test]
fn pages_by_date_list_every_visible_act_once_in_date_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("d.db"), true).expect("demo");
    let end = chancery.journal().committed_seq();
    let as_of: CivilDate = "2030-01-01".parse().expect("date");
    let all = chancery.acts(0, 100_000).expect("all acts");
    for descending in [false, true] {
        let mut expected: Vec<(CivilDate, u64)> = all
            .iter()
            .filter(|a| chancery.image().visible_to(a.seq, Reader::Public))
            .map(|a| (a.act.envelope.date.earliest(), a.seq))
            .collect();
        expected.sort_unstable();
        if descending {
            expected.reverse();
        }
        let mut got = Vec::new();
        let mut after = None;
        loop {
            let (page, next) = chancery
                .acts_by_date(
                    Reader::Public,
                    descending,
                    after,
                    end,
                    as_of,
                    None,
                    &PartyFilter::default(),
                    17,
                )
                .expect("a page");
            got.extend(page.iter().map(|a| (a.act.envelope.date.earliest(), a.seq)));
            match next {
                Some(k) => after = Some(k),
                None => break,
            }
        }
        assert_eq!(got, expected, "descending: {descending}");
    }
}

#[test]
fn actor_and_target_keep_what_a_state_did_and_what_was_done_to_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("d.db"), true).expect("demo");
    let (ru, us) = (state("RU"), state("US"));
    let by_ru = PartyFilter {
        actor: Some(ru),
        ..PartyFilter::default()
    };
    let (acts, _) = chancery
        .acts_for(Reader::Public, 0, 1000, Some("measure_imposed"), &by_ru)
        .expect("acts");
    assert!(!acts.is_empty());
    let imposed_by = |a: &chancery_app::StoredAct| {
        a.act.to_json()["actor"]
            .as_str()
            .map(str::to_owned)
            .expect("an actor")
    };
    assert!(acts.iter().all(|a| imposed_by(a) == "RU"));
    let to_ru = PartyFilter {
        target: Some(ru),
        ..PartyFilter::default()
    };
    let (acts, _) = chancery
        .acts_for(Reader::Public, 0, 1000, Some("measure_imposed"), &to_ru)
        .expect("acts");
    assert!(!acts.is_empty() && acts.iter().all(|a| imposed_by(a) == "US"));
    // Involving a state keeps both directions.
    let involves = PartyFilter {
        involves: Some(us),
        ..PartyFilter::default()
    };
    let (acts, _) = chancery
        .acts_for(Reader::Public, 0, 1000, Some("measure_imposed"), &involves)
        .expect("acts");
    assert!(
        acts.iter().any(|a| imposed_by(a) == "RU") && acts.iter().any(|a| imposed_by(a) == "US")
    );
}

/// Paged by date with a filter that keeps few acts, every page but the last is full, and the
/// pages together are the filtered list in date order: a client that stops at a short page
/// misses nothing.
#[test]
fn filtered_pages_by_date_are_full_until_the_last() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("d.db"), true).expect("demo");
    let end = chancery.journal().committed_seq();
    let as_of: CivilDate = "2030-01-01".parse().expect("date");
    let by_ru = PartyFilter {
        actor: Some(state("RU")),
        ..PartyFilter::default()
    };
    let image = chancery.image();
    let all = chancery.acts(0, 100_000).expect("all acts");
    let visible: Vec<_> = all
        .iter()
        .filter(|a| image.visible_to(a.seq, Reader::Public))
        .collect();
    let mut expected: Vec<(CivilDate, u64)> = visible
        .iter()
        .filter(|a| by_ru.keeps(&image, &a.act))
        .map(|a| (a.act.envelope.date.earliest(), a.seq))
        .collect();
    drop(image);
    expected.sort_unstable();
    const PAGE: usize = 3;
    // The filter must leave acts out, or short pages could not have happened.
    assert!(
        expected.len() > 4 * PAGE && expected.len() < visible.len(),
        "{} of {} kept",
        expected.len(),
        visible.len()
    );
    assert_full_pages_by_date(&chancery, end, as_of, &by_ru, PAGE, &expected);
}

/// In a world of many relations, a state that does little (here: the state with the fewest
/// acts to its name) still gets full pages by date: acts of relations it is not part of are
/// never read, so the bounded reading per call is spent on acts that may be its own.
#[test]
fn a_rare_actor_gets_full_pages_in_a_world_of_many_relations() {
    use chancery_generate::{generate, WorldSpec};
    let dir = tempfile::tempdir().expect("temp dir");
    let chancery = Chancery::open(&dir.path().join("w.db"), false).expect("store");
    let spec = WorldSpec {
        states: 160,
        years: 1,
        seed: 3,
        start_year: 2000,
    };
    chancery
        .record_all(generate(&spec), "test", 5_000)
        .expect("world recorded");
    let end = chancery.journal().committed_seq();
    let as_of = spec.end_date();
    let all = chancery.acts(0, usize::MAX).expect("all acts");
    let image = chancery.image();
    let visible: Vec<_> = all
        .iter()
        .filter(|a| image.visible_to(a.seq, Reader::Public))
        .collect();
    // The state with the fewest acts to its name (ties: the first code).
    let mut counts = std::collections::BTreeMap::<StateCode, usize>::new();
    for a in &visible {
        if let Some(d) = image.dyad(&a.act) {
            if !d.joint {
                *counts.entry(d.source).or_default() += 1;
            }
        }
    }
    let (&rare, _) = counts
        .iter()
        .min_by_key(|(_, n)| **n)
        .expect("acts with an actor");
    let by_rare = PartyFilter {
        actor: Some(rare),
        ..PartyFilter::default()
    };
    let mut expected: Vec<(CivilDate, u64)> = visible
        .iter()
        .filter(|a| a.act.envelope.date.earliest() <= as_of && by_rare.keeps(&image, &a.act))
        .map(|a| (a.act.envelope.date.earliest(), a.seq))
        .collect();
    drop(image);
    expected.sort_unstable();
    const PAGE: usize = 5;
    // Rare enough that reading the whole journal in date order a page's worth of batches at a
    // time (8 × 64 acts) would have found fewer than a page: what this test is about.
    assert!(
        expected.len() > 2 * PAGE && expected.len() * 8 * 64 < visible.len() * PAGE,
        "{rare}: {} of {} acts",
        expected.len(),
        visible.len()
    );
    assert_full_pages_by_date(&chancery, end, as_of, &by_rare, PAGE, &expected);
}

/// Reads the public acts by date `page` at a time through `parties` until the end: they are
/// `expected` (date, act) in order, and every page is full but the last.
fn assert_full_pages_by_date(
    chancery: &Chancery,
    end: u64,
    as_of: CivilDate,
    parties: &PartyFilter,
    page: usize,
    expected: &[(CivilDate, u64)],
) {
    let (mut got, mut after, mut sizes) = (Vec::new(), None, Vec::new());
    loop {
        let (acts, next) = chancery
            .acts_by_date(
                Reader::Public,
                false,
                after,
                end,
                as_of,
                None,
                parties,
                page,
            )
            .expect("a page");
        sizes.push(acts.len());
        got.extend(acts.iter().map(|a| (a.act.envelope.date.earliest(), a.seq)));
        match next {
            Some(k) => after = Some(k),
            None => break,
        }
    }
    assert_eq!(got, expected);
    let (last, full) = sizes.split_last().expect("a page");
    assert!(full.iter().all(|n| *n == page), "page sizes {sizes:?}");
    assert!(*last <= page);
}
