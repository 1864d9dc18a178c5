//! Every state an as-of answer may name, worded: in English exactly the domain's words, in
//! Russian other words, with no English left and no message id.

use chancery_domain::image::asof::{StateSaid, UncertainStatus};
use chancery_domain::image::members::MemberStatus;
use chancery_domain::image::posts::{PostStatus, PremisesStatus};
use chancery_domain::CivilDate;

use super::{otherwise, state};
use crate::web::{Ctx, Lang, Scope};

fn ctx(lang: Lang) -> Ctx {
    Ctx::new(CivilDate::from_days_since_epoch(0), None).scoped(Scope::PUBLIC.in_lang(lang))
}

fn every_state() -> Vec<StateSaid> {
    let mut all = vec![
        StateSaid::Post(None),
        StateSaid::Premises(None),
        StateSaid::Member(None),
    ];
    for p in [PostStatus::Open, PostStatus::Suspended, PostStatus::Closed] {
        all.push(StateSaid::Post(Some(p)));
    }
    for p in [
        PremisesStatus::InUse,
        PremisesStatus::AccessBarred,
        PremisesStatus::Seized,
        PremisesStatus::Returned,
        PremisesStatus::Released,
        PremisesStatus::StatusRemoved,
    ] {
        all.push(StateSaid::Premises(Some(p)));
    }
    for m in [
        MemberStatus::Notified,
        MemberStatus::Arrived,
        MemberStatus::DeclaredPng,
        MemberStatus::Departed,
    ] {
        all.push(StateSaid::Member(Some(m)));
    }
    for head in [
        Some(("Anna Head".to_owned(), true)),
        Some(("Anna Head".to_owned(), false)),
        None,
    ] {
        for vacant in [true, false] {
            for charge in [None, Some("Boris Charge".to_owned())] {
                all.push(StateSaid::Head {
                    head: head.clone(),
                    vacant,
                    charge,
                });
            }
        }
    }
    all
}

#[test]
fn english_is_the_domains_words() {
    let en = ctx(Lang::En);
    for s in every_state() {
        assert_eq!(state(&en, &s), s.english(), "{s:?}");
    }
}

#[test]
fn russian_has_no_english_left() {
    let ru = ctx(Lang::Ru);
    for s in every_state() {
        let said = state(&ru, &s);
        assert!(!said.contains("asof-said"), "{said}");
        let english = s
            .english()
            .replace("Anna Head", "")
            .replace("Boris Charge", "");
        for word in english.split(|c: char| !c.is_ascii_alphabetic()) {
            assert!(
                word.len() < 3 || !said.contains(word),
                "`{word}` of {english:?} left in {said:?}"
            );
        }
    }
}

#[test]
fn alternatives_join_in_the_pages_language() {
    let u = UncertainStatus {
        otherwise: "open or suspended or not yet open".into(),
        pending: "2021-04".parse().expect("a date"),
        others: vec![
            StateSaid::Post(Some(PostStatus::Open)),
            StateSaid::Post(Some(PostStatus::Suspended)),
            StateSaid::Post(None),
        ],
    };
    assert_eq!(otherwise(&ctx(Lang::En), &u), u.otherwise);
    assert_eq!(
        otherwise(&ctx(Lang::Ru), &u),
        "открыто или работа приостановлена или ещё не открыто"
    );
}
