//! Names of people, posts and places carry both scripts where the record knows them, on the
//! relation's overview as on their own pages, whatever the page's language.

use crate::common;

#[test]
fn the_overview_names_heads_posts_and_cities_in_both_scripts() {
    let server = common::start(true);
    for lang in ["en", "ru"] {
        let html = common::page(
            &server,
            &format!("/relations/US/RU?as_of=2025-06-01&lang={lang}"),
        );
        for (recorded, other) in [
            ("Lynne Tracy", "Линн Трейси"),
            ("Alexander Darchiev", "Александр Дарчиев"),
            ("US Embassy Moscow", "Посольство США в Москве"),
            ("Moscow", "Москва"),
            ("Russian Embassy Washington", "Посольство России в США"),
        ] {
            let both = format!("{recorded}</a> / <span class=\"also\" lang=\"ru\">{other}</span>");
            let city = format!("{recorded} / <span class=\"also\" lang=\"ru\">{other}</span>");
            assert!(
                html.contains(&both) || html.contains(&city),
                "{lang}: {recorded} / {other}"
            );
        }
    }
}
