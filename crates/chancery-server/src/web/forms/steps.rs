//! The steps before a form, each a GET so no JavaScript is needed: the relation first (what
//! the choices are drawn from), then the kind of act, among those the user may record only,
//! grouped by what they are about.

use chancery_accounts::policy::permission_for;
use chancery_accounts::{OrgKind, Principal};
use chancery_domain::act::{Kind, Subject};
use chancery_domain::{RelationKey, StateCode};
use maud::{html, Markup};

use super::super::layout::page;
use super::super::Ctx;
use super::{KindSpec, KINDS};

/// Subjects in the order the kinds page lists them, with the message of their heading.
const GROUPS: &[(Subject, &str)] = &[
    (Subject::Post, "forms-group-post"),
    (Subject::Premises, "forms-group-premises"),
    (Subject::Member, "forms-group-member"),
    (Subject::HeadOfMission, "forms-group-head"),
    (Subject::Staffing, "forms-group-staffing"),
    (Subject::Measure, "forms-group-measure"),
    (Subject::Case, "forms-group-case"),
    (Subject::Talks, "forms-group-talks"),
    (Subject::Commitment, "forms-group-commitment"),
    (Subject::Claim, "forms-group-claim"),
    (Subject::Withdrawal, "forms-group-withdrawal"),
    (Subject::State, "forms-group-state"),
];

/// Whether `who` may record acts of `kind` at all: the role's permission, and registering
/// states is not a ministry's (`policy::may_record` refuses it later otherwise).
pub fn may_record_kind(who: &Principal, kind: Kind) -> bool {
    let org = who.user().map(|u| u.org.kind);
    let registration = kind.subject() == Subject::State;
    who.allows(permission_for(kind.subject()), false)
        && match org {
            Some(OrgKind::Observer) | None => false,
            Some(OrgKind::Party(_)) => !registration,
            Some(OrgKind::Mediator) => true,
        }
}

/// The relations an organisation records in: a ministry's own state with each other state; a
/// mediator's, every relation of which it may see something (`seen`). Each as (own or first,
/// other).
pub fn relations_for(
    org: Option<OrgKind>,
    states: &[(StateCode, String)],
    seen: &[RelationKey],
) -> Vec<(StateCode, StateCode)> {
    match org {
        Some(OrgKind::Party(s)) => states
            .iter()
            .filter(|(c, _)| *c != s)
            .map(|(c, _)| (s, *c))
            .collect(),
        Some(OrgKind::Mediator) => seen.iter().map(RelationKey::states).collect(),
        Some(OrgKind::Observer) | None => Vec::new(),
    }
}

fn name(states: &[(StateCode, String)], s: StateCode) -> String {
    states
        .iter()
        .find(|(c, _)| *c == s)
        .map_or_else(|| s.to_string(), |(_, n)| n.clone())
}

/// The relation's words: "United States – Russia".
pub fn relation_words(states: &[(StateCode, String)], (a, b): (StateCode, StateCode)) -> String {
    format!("{} – {}", name(states, a), name(states, b))
}

/// The first page: the relation (a GET form), then the kinds of act the user may record in it.
pub fn kinds_page(
    ctx: &Ctx,
    who: &Principal,
    states: &[(StateCode, String)],
    relations: &[(StateCode, StateCode)],
    chosen: Option<(StateCode, StateCode)>,
) -> Markup {
    let offered: Vec<&KindSpec> = KINDS
        .iter()
        .filter(|k| Kind::parse(k.kind).is_some_and(|kind| may_record_kind(who, kind)))
        .collect();
    html! {
        (page(ctx, &ctx.t("forms-title"), html! {
            h1 { (ctx.t("forms-title")) }
            p { (ctx.t("forms-intro")) }
            @if relations.is_empty() {
                p { (ctx.t("forms-no-relation")) }
            } @else {
                form.relation method="get" action="/acts/new" {
                    input type="hidden" name="as_of" value=(ctx.as_of);
                    label for="relation" { (ctx.t("forms-relation")) }
                    select id="relation" name="relation" {
                        @for r in relations {
                            option value=(format!("{}-{}", r.0, r.1)) selected[chosen == Some(*r)] {
                                (relation_words(states, *r))
                            }
                        }
                    }
                    " "
                    button type="submit" { (ctx.t("forms-choose")) }
                }
            }
            @if let Some(rel) = chosen {
                h2 { (ctx.t_args("forms-what-happened", &[("relation", relation_words(states, rel).into())])) }
                @if offered.is_empty() {
                    p { (ctx.t("forms-no-kind")) }
                }
                @for (subject, heading) in GROUPS {
                    @let here: Vec<&&KindSpec> = offered.iter().filter(|k| Kind::parse(k.kind).map(Kind::subject) == Some(*subject)).collect();
                    @if !here.is_empty() {
                        section.kind-group {
                            h3 { (ctx.t(heading)) }
                            ul.kinds {
                                @for k in here {
                                    li { a href=(ctx.href(&format!("/acts/new?relation={}-{}&kind={}", rel.0, rel.1, k.kind))) { (ctx.label("kind", k.kind)) } }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}
