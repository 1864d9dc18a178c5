//! The demo's nationals' cases are those of data/sources/us-ru/cases.csv: every row is one act
//! with the row's date, case and step, and the clocks follow from those dates as worked out by
//! hand below (US–Russia Consular Convention: notification within 3 days, access within 4).

use std::collections::BTreeMap;

use chancery_domain::access::Reader;
use chancery_domain::act::{ActBody, CaseAct};
use chancery_domain::consular::cases::{CaseView, ClockName, ClockStatus, MeasureStanding};
use chancery_domain::image::timeline::{Through, View};
use chancery_domain::scenario::Scenario;
use chancery_domain::Image;

use crate::common;
use common::{day, demo, demo_text, ru, us};

/// The columns of data/sources/us-ru/cases.csv the cross-check reads.
#[derive(serde::Deserialize)]
struct CaseRow {
    id: String,
    date: String,
    case: String,
    step: String,
    source_url: String,
}

fn rows() -> Vec<CaseRow> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/sources/us-ru/cases.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    reader
        .deserialize()
        .map(|r| r.unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect()
}

/// Every row is in the demo as the case act it says, with its date, and every case act of the
/// demo has its row: no case, step or date without a source.
#[test]
fn every_case_act_is_a_row_of_the_cases_table() {
    let rows = rows();
    assert_eq!(rows.len(), 37);
    let scenario = Scenario::parse(&demo_text()).unwrap();
    let mut acts: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for a in &scenario.acts {
        let (case, step) = match &a.act.body {
            ActBody::Case(CaseAct::Opened(c)) => (c.case.to_string(), "opened".to_string()),
            ActBody::Case(CaseAct::Step { case, step, .. }) => (case.to_string(), step.to_string()),
            _ => continue,
        };
        let id = a.act.envelope.external_ref.clone().unwrap_or_default();
        assert!(
            !a.act.envelope.sources.is_empty(),
            "{id} has no sources (line {})",
            a.line
        );
        let was = acts.insert(id.clone(), (a.act.envelope.date.to_string(), case, step));
        assert!(was.is_none(), "{id} is cited by two case acts");
    }
    assert_eq!(acts.len(), rows.len());
    for row in &rows {
        assert!(!row.source_url.is_empty(), "{} has no source", row.id);
        let got = acts
            .get(&row.id)
            .unwrap_or_else(|| panic!("{} is missing from the demo", row.id));
        assert_eq!(
            got,
            &(row.date.clone(), row.case.clone(), row.step.clone()),
            "{}",
            row.id
        );
    }
}

fn cases(image: &Image, on: &str) -> Vec<CaseView> {
    image
        .consular_cases(
            us(),
            ru(),
            View::new(day(on), Through::WholeRecord, Reader::Public),
        )
        .unwrap()
        .cases
}

fn clock(c: &CaseView, name: ClockName) -> ClockStatus {
    c.clocks
        .iter()
        .find(|k| k.clock == name)
        .unwrap_or_else(|| panic!("{}: no {name:?} clock", c.case))
        .status
}

/// The public sees all six cases (each publicly reported, with sources), and their clocks are
/// what the dates give.
#[test]
fn the_cases_clocks_follow_from_the_sourced_dates() {
    use ClockName::{ConsularAccess as Access, ConsularNotification as Notification};
    use ClockStatus::*;
    let image = demo();
    let all = cases(&image, "2025-12-31");
    let by: BTreeMap<&str, &CaseView> = all.iter().map(|c| (c.case.as_str(), c)).collect();
    assert_eq!(by.len(), 6);
    let expected = [
        // Arrested 15 Jul 2018; consular visit 19 Jul: day 4, on time. The public reporting
        // says nothing of the notification: not reported (silence, not a breach on record).
        ("ru-us-2018-07-washington", NotReported, Met),
        // Arrested 28 Dec 2018; notified within December, so by day 3 at the latest; the
        // Ambassador's visit on 2 Jan 2019 is day 5, one day late.
        ("us-ru-2018-12-moscow", Met, MetLate),
        // Known to the month only, no notification or visit in the reporting: not reported.
        ("us-ru-2019-08-moscow", NotReported, NotReported),
        ("us-ru-2021-08-moscow", NotReported, NotReported),
        // Detained 17 Feb 2022; a visit reported on 23 March, its day not given (dated to the
        // first quarter): it may have been by 21 Feb or after.
        ("us-ru-2022-02-moscow", NotReported, MetUncertain),
        // Arrested 29 Mar 2023; the first visit on 17 Apr is day 19: late. The refusals of
        // 27 Apr and 19 May do not meet the clock and do not unmeet it.
        ("us-ru-2023-03-yekaterinburg", NotReported, MetLate),
    ];
    for (case, notification, access) in expected {
        let c = by[case];
        assert_eq!(
            (clock(c, Notification), clock(c, Access)),
            (notification, access),
            "{case}"
        );
    }
    // No source reports the nationals being told of their rights: "without delay" clocks of
    // public reports say so rather than run for years.
    for c in by.values() {
        assert_eq!(
            clock(c, ClockName::RightsInformation),
            NotReported,
            "{}",
            c.case
        );
    }
    // While held, the 2023 case's clocks past their deadlines were not in the reporting: never
    // called overdue (an alert) on the strength of the sources' silence.
    let held = cases(&image, "2023-04-10");
    let c = held
        .iter()
        .find(|c| c.case.as_str() == "us-ru-2023-03-yekaterinburg")
        .unwrap();
    assert_eq!(clock(c, Notification), NotReported);
    assert_eq!(clock(c, Access), NotReported);
}

/// The refusals Russia announced are its own measures on record, named by the steps.
#[test]
fn the_denials_are_russias_measures_or_the_us_claim() {
    let image = demo();
    let all = cases(&image, "2025-12-31");
    let denials: Vec<(String, String, Option<MeasureStanding>)> = all
        .iter()
        .flat_map(|c| &c.steps)
        .filter(|s| s.measure.is_some())
        .map(|s| {
            (
                s.date.to_string(),
                s.measure.as_ref().unwrap().to_string(),
                s.measure_standing,
            )
        })
        .collect();
    assert_eq!(
        denials,
        [
            (
                "2023-04-27".to_string(),
                "ru-2023-04-27-consular-visit-refused".to_string(),
                Some(MeasureStanding::OnRecord)
            ),
            (
                "2023-05-19".to_string(),
                "ru-2023-05-19-consular-visit-refused".to_string(),
                Some(MeasureStanding::OnRecord)
            ),
        ]
    );
}
