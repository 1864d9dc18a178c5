//! The pages about one post, measure, round, commitment or person, the list of relations, and
//! the small pieces every page shares (names, links, sources). Each page is a function from the
//! image (and, for a history, the acts the image's timelines name, read from the journal
//! beforehand) to markup, so it can be rendered and timed without HTTP.

use std::collections::BTreeMap;

use chancery_domain::image::timeline::Provenance;
use chancery_domain::query::{MeasureFilter, MeasureView, QueryError};
use chancery_domain::vocab::{Character, Counting};
use chancery_domain::{Image, MeasureId, PostId, StateCode};
use maud::{html, Markup};

use super::about::act_line;
use super::layout::page;
use super::search::{also_written, also_written_line};
use super::{encode, life, Ctx, PageError};
use chancery_app::StoredAct;

pub(super) type Names = BTreeMap<StateCode, String>;

/// Every registered state's name in the page's language: the name recorded in it, else the
/// name the state registered (the generated world's states have only that one).
pub(super) fn names(image: &Image, lang: super::Lang) -> Names {
    image.states_in(lang.code()).into_iter().collect()
}

pub(super) fn name_of(names: &Names, s: StateCode) -> String {
    names.get(&s).cloned().unwrap_or_else(|| s.to_string())
}

/// A state's name as it reads after a preposition or inside a sentence: "the United States",
/// "Russia". English puts "the" before names built on a common noun ("Kingdom", "Republic",
/// "Islands") or a plural; the record keeps the bare name, as the state registered it.
pub(super) fn the(name: &str) -> String {
    const WITH_ARTICLE: &[&str] = &[
        "States",
        "Kingdom",
        "Republic",
        "Federation",
        "Emirates",
        "Islands",
        "Union",
        "See",
        "Netherlands",
        "Philippines",
        "Bahamas",
        "Maldives",
        "Comoros",
        "Seychelles",
        "Gambia",
    ];
    let has_article = name.starts_with("the ") || name.starts_with("The ");
    if !has_article && name.split_whitespace().any(|w| WITH_ARTICLE.contains(&w)) {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

/// The possessive of a name: "Russia's", "United States'" (a name ending in s takes only the
/// apostrophe).
pub(super) fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The first letter in upper case, for a name that opens a sentence ("The United States lifts").
pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a figure counts, in words: shown beside every staff figure and cap (parity is contested).
pub(super) fn counting_text(c: Counting, includes_io: bool) -> String {
    let what = match c {
        Counting::AllStaff => "all staff, local hires included",
        Counting::SendingStateStaff => "sending-state staff, no local hires",
        Counting::Diplomatic => "diplomats only",
        Counting::AdministrativeTechnical => "administrative and technical staff",
        Counting::Service => "service staff",
        Counting::LocallyEmployed => "locally employed staff",
    };
    if includes_io {
        format!("{what}; missions to international organisations included")
    } else {
        what.to_owned()
    }
}

pub(super) fn words(s: &str) -> String {
    s.replace('_', " ")
}

/// A value of a closed vocabulary in words: underscores become spaces, and the one abbreviation
/// of the vocabulary is spelt out.
pub(super) fn vocab_text(s: &str) -> String {
    match s {
        "mission_to_io" => "mission to an international organisation".to_owned(),
        other => words(other),
    }
}

pub(super) fn measure_href(ctx: &Ctx, id: &MeasureId) -> String {
    ctx.rel(&format!("/measures/{}", encode(id.as_str())))
}

pub(super) fn measure_link(ctx: &Ctx, id: &MeasureId, external_ref: Option<&str>) -> Markup {
    html! { a href=(measure_href(ctx, id)) { (external_ref.unwrap_or(id.as_str())) } }
}

pub(super) fn person_link(ctx: &Ctx, name: &str) -> Markup {
    html! { a href=(ctx.rel(&format!("/people/{}", encode(name)))) { (name) } (lookalike(name)) }
}

pub(super) fn post_link(ctx: &Ctx, id: &str, name: &str) -> Markup {
    html! { a href=(ctx.rel(&format!("/posts/{}", encode(id)))) { (name) } (lookalike(name)) }
}

/// A name as recorded, marked when a word in it mixes Latin, Cyrillic or Greek letters (a
/// look-alike such as "Mоscow" with a Cyrillic о): shown, never silently trusted.
pub(super) fn shown_name(name: &str) -> Markup {
    html! { (name) (lookalike(name)) }
}

/// The marker after a name whose words mix scripts; nothing otherwise.
fn lookalike(name: &str) -> Markup {
    let mixed = chancery_domain::text::mixed_script_words(name);
    html! {
        @if !mixed.is_empty() {
            " "
            span.lookalike {
                "(mixed scripts: "
                @for (i, (word, scripts)) in mixed.iter().enumerate() {
                    @if i > 0 { "; " }
                    "“" (word) "” mixes "
                    (scripts.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" and "))
                }
                ")"
            }
        }
    }
}

/// A source as a link when it is an address, as text otherwise ("State Department report").
pub(super) fn source(s: &str) -> Markup {
    let url = s
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"));
    html! {
        @match url {
            Some(u) if u == s => a href=(u) rel="noreferrer" { (s) },
            Some(u) => { (s) " (" a href=(u.trim_end_matches([',', ';', ')'])) rel="noreferrer" { "link" } ")" },
            None => (s),
        }
    }
}

pub(super) fn provenance(ctx: &Ctx, p: Option<&Provenance>) -> Markup {
    html! {
        @if let Some(p) = p {
            @if !p.sources.is_empty() {
                h3 { (ctx.t("page-sources")) }
                ul { @for s in &p.sources { li { (source(s)) } } }
            }
            dl.facts {
                @if let Some(r) = &p.external_ref { dt { (ctx.t("page-reference")) } dd { (r) } }
                @if let Some(c) = p.confidence { dt { (ctx.t("page-confidence")) } dd { (ctx.word(c)) } }
                @if let Some(n) = &p.note { dt { (ctx.t("page-note")) } dd { (n) } }
            }
        }
    }
}

/// A question about a relation that cannot be answered, worded in the page's language.
pub(super) fn query_page_error(e: QueryError) -> PageError {
    let (id, code) = match &e {
        QueryError::UnknownState(s) => ("error-unknown-state", s),
        QueryError::SameState(s) => ("error-same-state", s),
    };
    PageError::not_found(e.to_string()).saying(id, &[("code", code.as_str())])
}

pub(super) fn relation_of(ctx: &Ctx) -> Result<(StateCode, StateCode), PageError> {
    ctx.relation
        .ok_or_else(|| PageError::not_found("no relation"))
}

fn history(ctx: &Ctx, image: &Image, names: &Names, acts: &[&StoredAct]) -> Markup {
    html! {
        @if acts.is_empty() { p { (ctx.t("page-no-act")) } }
        @else {
            table {
                thead { tr { th scope="col" { (ctx.t("page-date")) } th scope="col" { (ctx.t("page-act")) } th scope="col" { (ctx.t("page-what")) } } }
                tbody {
                    @for a in acts {
                        tr {
                            td { (a.act.envelope.date) }
                            td { a href=(ctx.href(&format!("/acts/{}", a.seq))) { (ctx.label("kind", a.act.kind())) } }
                            td { (act_line(ctx, names, image, &ctx.view(), &a.act)) }
                        }
                    }
                }
            }
        }
    }
}

/// A history's acts by valid date (the journal gives them in the order recorded).
fn by_date(acts: &[StoredAct]) -> Vec<&StoredAct> {
    let mut hist: Vec<&StoredAct> = acts.iter().collect();
    hist.sort_by_key(|s| (s.act.envelope.date, s.seq));
    hist
}

/// The acts a post's page lists: see `Image::post_history`.
pub fn post_history(image: &Image, ctx: &Ctx, id: &str) -> Vec<u64> {
    id.parse::<PostId>()
        .map(|post| image.post_history(&post, ctx.view()))
        .unwrap_or_default()
}

/// The acts a person's page lists: see `Image::person_history`.
pub fn person_history(image: &Image, ctx: &Ctx, name: &str) -> Vec<u64> {
    match ctx.relation {
        Some((a, b)) => image.person_history(a, b, name, ctx.view()),
        None => Vec::new(),
    }
}

pub fn post_page(
    image: &Image,
    acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let view = ctx.view();
    let presence = image.presence(a, b, view).map_err(query_page_error)?;
    let names = names(image, ctx.lang());
    let (mission, post) = presence
        .missions
        .iter()
        .find_map(|m| m.posts.iter().find(|p| p.id.as_str() == id).map(|p| (m, p)))
        .ok_or_else(|| {
            let date = ctx.as_of.to_string();
            PageError::not_found(format!("no post `{id}` in this relation as of {date}"))
                .saying("error-no-post", &[("id", id), ("date", &date)])
        })?;
    let measures = image
        .measures(a, b, view, MeasureFilter::Imposed)
        .map_err(query_page_error)?;
    let about: Vec<&MeasureView> = measures
        .iter()
        .filter(|m| {
            m.scope.posts.iter().any(|p| p.as_str() == id)
                || post.closing_measure.as_ref() == Some(&m.id)
        })
        .collect();
    let premises: Vec<_> = mission
        .premises
        .iter()
        .filter(|p| p.post.as_str() == id)
        .collect();
    let hist = by_date(acts);
    let (other_names, city_names) = image.post_names(&post.id, view);
    let overdue = super::consular::cases::overdue_notice(
        ctx,
        super::consular::cases::visible(image, ctx).as_ref(),
        &post.id,
    );
    let content = html! {
        h1 { (shown_name(&post.name)) } (also_written_line(ctx, &other_names))
        @if let Some(n) = overdue { (n) }
        dl.facts {
            dt { (ctx.t("col-kind")) } dd { (ctx.word(post.kind)) }
            dt { (ctx.t("page-city")) } dd { (shown_name(&post.city)) (also_written(&city_names)) }
            dt { (ctx.t("page-mission")) } dd { a href=(ctx.rel("")) { (ctx.missions(&names, mission.sending, mission.host)) } }
            dt { (ctx.t("col-status")) } dd { (ctx.post_status_text(post))
                @if let Some(by) = post.closed_by { ", " (ctx.t_args("page-closed-by", &[("state", name_of(&names, by).into()), ("the_state", the(&name_of(&names, by)).into())])) }
                @if let Some(m) = &post.closing_measure { " (" (measure_link(ctx, m, None)) ")" } }
            dt { (ctx.t("page-opened")) } dd {
                @if post.start_unknown { (ctx.t_args("page-opened-before-record", &[("date", post.opened.to_string().into())])) }
                @else { (post.opened) }
            }
            dt { (ctx.t("col-consular-service")) } dd { @match &post.consular_services {
                Some(s) => { (ctx.word(s.level)) " " (ctx.t("since")) " " (s.since) @if let Some(t) = &s.services { " — " (t) } },
                None => (ctx.t("not-recorded")),
            }
                @if !chancery_domain::consular::services::catalogue_of(post.kind).is_empty() {
                    " · " a href=(ctx.rel(&format!("/posts/{}/consular", encode(id)))) { (ctx.t("page-consular-desk")) }
                } }
            @if let Some(r) = &post.external_ref { dt { (ctx.t("page-reference")) } dd { (r) } }
            dt { (ctx.t("diplist-title")) } dd { a.diplist-link href=(ctx.rel(&format!("/posts/{}/diplomatic-list", encode(id)))) { (ctx.t("diplist-link")) } }
        }
        @if !premises.is_empty() {
            h2 { (ctx.t("premises")) }
            ul { @for p in &premises { li { (shown_name(&p.name)) " (" (ctx.word(p.kind)) "): " (ctx.premises_status_text(p)) } } }
        }
        h2 { (ctx.t("page-measures-about-post")) }
        @if about.is_empty() { p { (ctx.t("page-none-on-record")) } }
        ul { @for m in &about { li { (measure_link(ctx, &m.id, m.external_ref.as_deref())) " " (m.effective) ": " (m.summary) } } }
        h2 { (ctx.t("page-history")) }
        (history(ctx, image, &names, &hist))
    };
    Ok(page(ctx, &post.name, content))
}

pub fn measure_page(
    image: &Image,
    _acts: &[StoredAct],
    ctx: &Ctx,
    id: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let view = ctx.view();
    let names = names(image, ctx.lang());
    let measures = image
        .measures(a, b, view, MeasureFilter::Imposed)
        .map_err(query_page_error)?;
    let m = measures
        .iter()
        .find(|m| m.id.as_str() == id)
        .ok_or_else(|| {
            let date = ctx.as_of.to_string();
            PageError::not_found(format!("no measure `{id}` in this relation as of {date}"))
                .saying("error-no-measure", &[("id", id), ("date", &date)])
        })?;
    let answered_by: Vec<&MeasureView> = measures
        .iter()
        .filter(|o| o.answers.contains(&m.id))
        .collect();
    let lineage = image.lineage(&m.id, view);
    let title = format!(
        "{} {}",
        m.external_ref.as_deref().unwrap_or(m.id.as_str()),
        ctx.word(m.kind).to_lowercase()
    );
    let mag = &m.magnitude;
    let content = html! {
        h1 { (title) }
        p { (m.summary) }
        dl.facts {
            dt { (ctx.t("col-by")) } dd { (name_of(&names, m.actor)) } dt { (ctx.t("page-against")) } dd { (ctx.t_args("page-missions-of", &[("state", name_of(&names, m.target).into()), ("the_state", the(&name_of(&names, m.target)).into())])) }
            dt { (ctx.t("col-taken")) } dd { (m.date) @if m.start_unknown { " " span.muted { "(" (ctx.t("page-start-not-reported")) ")" } } }
            @if let Some(d) = m.announced { dt { (ctx.t("page-announced")) } dd { (d) } }
            dt { (ctx.t("page-takes-effect")) } dd { (m.effective) }
            @if let Some(d) = m.deadline { dt { (ctx.t("page-deadline")) } dd { (d) } }
            @if let Some(d) = m.expires { dt { (ctx.t("page-expires")) } dd { (d) } }
            dt { (ctx.t("page-nature")) } dd { @if m.character == Character::Event { (ctx.t("page-nature-event")) } @else { (ctx.t("page-nature-standing")) } }
            dt { (ctx.t("page-taken-by")) } dd { (life::capacity_words(ctx, m.capacity)) @if m.symbolic { ", " (ctx.t("life-symbolic")) } }
            dt { (ctx.t("col-status-on")) " " (ctx.as_of) } dd { (life::status_and_label(ctx, m)) }
            @if !m.stages.is_empty() {
                dt { (ctx.t("page-stages")) }
                dd { ol { @for st in &m.stages { li { (st.date) " " (st.kind) ": " (st.summary) @if let Some(r) = &st.external_ref { " (" (r) ")" } " " a href=(ctx.href(&format!("/acts/{}", st.recorded_seq))) { "act #" (st.recorded_seq) } } } } }
            }
            dt { (ctx.t("page-legal-basis")) } dd { @match m.legal_basis.as_deref() { Some(b) => (b), None => (ctx.t("not-recorded")) } }
            @if let Some(r) = &m.stated_reason { dt { (ctx.t("page-stated-reason")) } dd { (r) } }
            @if let Some(c) = mag.cap { dt { (ctx.t("page-cap")) } dd { span.figure { (c) } " " span.muted { "(" (ctx.counting_text(m.counting.unwrap_or(Counting::AllStaff), m.includes_io)) ")" } } }
            @for (counting, cap) in m.limits.each() { dt { (ctx.t("page-limit")) } dd { span.figure { (cap) } " " span.muted { "(" (ctx.counting_text(counting, m.includes_io)) ")" } } }
            @if m.cap_at_parity { dt { (ctx.t("page-cap")) } dd { (ctx.t("page-cap-at-parity")) } }
            @if let Some(p) = mag.persons { dt { (ctx.t("page-persons")) } dd { (p) } }
            @if let Some(k) = mag.km { dt { (ctx.t("page-distance")) } dd { (k) " " (ctx.t("page-km")) } }
            @if let Some(d) = mag.days { dt { (ctx.t("page-days")) } dd { (d) } }
            @if let Some(v) = mag.visitors { dt { (ctx.t("page-visitors")) } dd { (v) } }
            @if !m.scope.posts.is_empty() { dt { (ctx.t("posts")) } dd { @for (i, p) in m.scope.posts.iter().enumerate() { @if i > 0 { ", " } (post_link(ctx, p.as_str(), p.as_str())) } } }
            @if !m.scope.premises.is_empty() { dt { (ctx.t("premises")) } dd { @for p in &m.scope.premises { (p) " " } } }
            @if !m.scope.members.is_empty() { dt { (ctx.t("page-members")) } dd { (ctx.t_args("page-members-named", &[("n", m.scope.members.len().into())])) } }
            @if let Some(d) = &m.scope.description { dt { (ctx.t("page-scope")) } dd { (d) } }
            dt { (ctx.t("page-recorded")) } dd { a href=(ctx.href(&format!("/acts/{}", m.recorded_seq))) { (ctx.t("act-number")) (m.recorded_seq) } }
        }
        h2 { (ctx.t("page-what-it-answers")) }
        @if m.answers.is_empty() && m.answers_withdrawn.is_empty() { p { (ctx.t("page-answers-nothing")) } }
        @if !m.answers_withdrawn.is_empty() {
            p { (ctx.t("page-answered-withdrawn-1")) " " @for (i, p) in m.answers_withdrawn.iter().enumerate() { @if i > 0 { ", " } code { (p) } } (ctx.t("page-answered-withdrawn-2")) }
        }
        ul { @for p in &m.answers { li {
            @match measures.iter().find(|o| &o.id == p) {
                Some(o) => { (measure_link(ctx, p, o.external_ref.as_deref())) " " (o.effective) ": " (o.summary) },
                None => (measure_link(ctx, p, None)),
            }
        } } }
        h2 { (ctx.t("page-what-answered")) }
        @if answered_by.is_empty() { p { (ctx.t_args("page-nothing-by", &[("date", ctx.as_of.to_string().into())])) } }
        ul { @for o in &answered_by { li { (measure_link(ctx, &o.id, o.external_ref.as_deref())) " " (o.effective) ": " (o.summary) } } }
        @if let Some(l) = &lineage {
            @if !l.ancestors.is_empty() || !l.descendants.is_empty() {
                h2 { (ctx.t("page-whole-chain")) }
                p.muted { (ctx.t_args("page-chain-counts", &[("before", l.ancestors.len().into()), ("after", l.descendants.len().into())])) }
                ul {
                    @for x in l.ancestors.iter().chain(&l.descendants) {
                        li { (measure_link(ctx, &x.id, x.external_ref.as_deref())) " " (x.effective) " " (ctx.t("page-by")) " " (x.actor) " (" (ctx.word(x.kind)) ")" @if x.in_force { " — " (ctx.t("life-in-force")) } }
                    }
                }
            }
        }
        h2 { (ctx.t("page-sources")) }
        @if m.sources.is_empty() { p { (ctx.t("page-none-recorded")) } }
        ul { @for s in &m.sources { li { (source(s)) } } }
        dl.facts {
            @if let Some(c) = m.confidence { dt { (ctx.t("page-confidence")) } dd { (ctx.word(c)) } }
            @if let Some(n) = &m.note { dt { (ctx.t("page-note")) } dd { (n) } }
        }
    };
    Ok(page(ctx, &title, content))
}

pub fn person_page(
    image: &Image,
    acts: &[StoredAct],
    ctx: &Ctx,
    name: &str,
) -> Result<Markup, PageError> {
    let (a, b) = relation_of(ctx)?;
    let names = names(image, ctx.lang());
    let presence = image.presence(a, b, ctx.view()).map_err(query_page_error)?;
    let hist = by_date(acts);
    let roles: Vec<String> = presence
        .missions
        .iter()
        .flat_map(|m| {
            let role = |id: &str, since: chancery_domain::ValidDate| {
                ctx.t_args(
                    id,
                    &[
                        ("sending", name_of(&names, m.sending).into()),
                        ("the_sending", the(&name_of(&names, m.sending)).into()),
                        ("host", name_of(&names, m.host).into()),
                        ("the_host", the(&name_of(&names, m.host)).into()),
                        ("since", since.to_string().into()),
                    ],
                )
            };
            let head = m
                .head_of_mission
                .as_ref()
                .filter(|h| h.name == name)
                .map(|h| role("page-role-head", h.since));
            let charge = m
                .charge_d_affaires
                .as_ref()
                .filter(|c| c.name == name)
                .map(|c| role("page-role-charge", c.since));
            head.into_iter().chain(charge)
        })
        .collect();
    if hist.is_empty() && roles.is_empty() {
        let date = ctx.as_of.to_string();
        return Err(
            PageError::not_found(format!("no one named “{name}” on record as of {date}"))
                .saying("error-no-person", &[("name", name), ("date", &date)]),
        );
    }
    let content = html! {
        h1 { (name) } (also_written_line(ctx, &image.person_names(a, b, name, ctx.view())))
        h2 { (ctx.t("page-on")) " " (ctx.as_of) }
        @if roles.is_empty() { p { (ctx.t("page-no-role")) } }
        ul { @for r in &roles { li { (r) } } }
        h2 { (ctx.t("page-appearances")) }
        (history(ctx, image, &names, &hist))
    };
    Ok(page(ctx, name, content))
}

/// A domain sentence for a page: the backticks that mark ids in its text (`r016`) are for
/// logs and JSON, not for readers.
pub(super) fn unticked(s: &str) -> String {
    s.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_take_the_article_and_possessive_english_gives_them() {
        for (name, inside, owner) in [
            ("United States", "the United States", "United States'"),
            ("Russia", "Russia", "Russia's"),
            ("United Kingdom", "the United Kingdom", "United Kingdom's"),
            ("Netherlands", "the Netherlands", "Netherlands'"),
            ("Czech Republic", "the Czech Republic", "Czech Republic's"),
            ("the Gambia", "the Gambia", "the Gambia's"),
            ("State AB", "State AB", "State AB's"),
        ] {
            assert_eq!(the(name), inside, "{name}");
            assert_eq!(possessive(name), owner, "{name}");
        }
        assert_eq!(capitalised(&the("United States")), "The United States");
    }
}
