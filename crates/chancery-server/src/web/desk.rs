//! The diplomatic list as a page: per relation (both missions, or `?mission=US`) and per post,
//! as of the page's day, printable (the layout's print rules drop the header and forms). Every
//! code is shown by its label; `Image::diplomatic_list` scopes it to the reader.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chancery_domain::diplist::{
    Breach, Deadline, DiplomaticList, ListError, ListedMember, MissionList,
};
use chancery_domain::{PostId, StateCode, ValidDate};
use maud::{html, Markup};
use serde::Deserialize;

use super::i18n::code_of;
use super::layout::page;
use super::pages::{measure_link, name_of, names, shown_name, Names};
use super::{blocking, encode, relation_ctx, request::PageRequest, Ctx, PageError};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct MissionParam {
    mission: Option<String>,
}

/// `/relations/{a}/{b}/diplomatic-list`
pub async fn relation_page(
    State(app): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Query(q): Query<MissionParam>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        let sending = match q
            .mission
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => Some(s.parse::<StateCode>().map_err(|e| {
                PageError::bad_request(format!("`mission` is not a state code: {e}")).in_ctx(ctx)
            })?),
        };
        render(&app.chancery.image(), &ctx, sending, None)
    })
    .await
}

/// `/relations/{a}/{b}/posts/{id}/diplomatic-list`
pub async fn post_page(
    State(app): State<AppState>,
    Path((a, b, id)): Path<(String, String, String)>,
    page: PageRequest,
) -> Response {
    blocking(move || {
        let ctx = relation_ctx(&a, &b, &page)?;
        let post: PostId = id
            .parse()
            .map_err(|_| PageError::not_found(format!("no post `{id}`")).in_ctx(ctx))?;
        render(&app.chancery.image(), &ctx, None, Some(&post))
    })
    .await
}

/// The list as a page, for tests and benchmarks too.
pub fn render(
    image: &chancery_domain::Image,
    ctx: &Ctx,
    sending: Option<StateCode>,
    post: Option<&PostId>,
) -> Result<Markup, PageError> {
    let (a, b) = ctx
        .relation
        .ok_or_else(|| PageError::not_found("no relation"))?;
    let list = image
        .diplomatic_list(a, b, sending, post, ctx.view())
        .map_err(|e| match e {
            ListError::NotAParty(_) => PageError::bad_request(e.to_string()).in_ctx(*ctx),
            _ => PageError::not_found(e.to_string()).in_ctx(*ctx),
        })?;
    let names = names(image, ctx.lang());
    let title = match post {
        Some(p) => ctx.t_args(
            "diplist-title-post",
            &[("post", post_name(image, ctx, p).into())],
        ),
        None => ctx.t("diplist-title"),
    };
    Ok(page(ctx, &title, body(ctx, &names, &list, &title, sending)))
}

fn post_name(image: &chancery_domain::Image, ctx: &Ctx, id: &PostId) -> String {
    let Some((a, b)) = ctx.relation else {
        return id.to_string();
    };
    image
        .presence(a, b, ctx.view())
        .ok()
        .and_then(|p| {
            p.missions
                .into_iter()
                .flat_map(|m| m.posts)
                .find(|p| &p.id == id)
                .map(|p| p.name)
        })
        .unwrap_or_else(|| id.to_string())
}

fn body(
    ctx: &Ctx,
    names: &Names,
    list: &DiplomaticList,
    title: &str,
    sending: Option<StateCode>,
) -> Markup {
    html! {
        h1 { (title) }
        p { (ctx.t_args("diplist-as-of", &[("date", list.as_of.to_string().into())])) }
        @if list.post.is_none() {
            p.noprint {
                @if sending.is_some() { a href=(ctx.rel("/diplomatic-list")) { (ctx.t("diplist-both")) } }
                @else {
                    @for m in &list.missions {
                        a href=(ctx.rel(&format!("/diplomatic-list?mission={}", m.sending))) {
                            (ctx.t_args("diplist-mission", &[("sending", name_of(names, m.sending).into()), ("host", name_of(names, m.host).into())]))
                        } " · "
                    }
                }
            }
        }
        p.noprint { small { (ctx.t("diplist-print")) } }
        @for m in &list.missions { (mission(ctx, names, m)) }
    }
}

fn mission(ctx: &Ctx, names: &Names, m: &MissionList) -> Markup {
    html! {
        section.diplist id=(format!("mission-{}", m.sending)) {
            h2 { (ctx.t_args("diplist-mission", &[("sending", name_of(names, m.sending).into()), ("host", name_of(names, m.host).into())])) }
            @if m.members.is_empty() { p { (ctx.t("diplist-none")) } }
            @else {
                table.members {
                    thead { tr {
                        th { (ctx.t("diplist-name")) } th { (ctx.t("diplist-post")) }
                        th { (ctx.t("diplist-category")) } th { (ctx.t("diplist-function")) }
                        th { (ctx.t("diplist-arrival")) } th { (ctx.t("diplist-status")) }
                    } }
                    tbody { @for x in &m.members { (member(ctx, x)) } }
                }
            }
            h3 { (ctx.t("diplist-totals")) }
            table.totals {
                thead { tr { th { (ctx.t("diplist-category")) } th { (ctx.t("diplist-present")) } } }
                tbody {
                    @for t in &m.totals { tr { td { (ctx.label("staff-category", t.category.as_str())) } td { (t.present.to_string()) } } }
                    tr { td { (ctx.t("diplist-family")) } td { (m.family.to_string()) } }
                }
            }
            @if m.totals.iter().any(|t| t.present.exact().is_none()) || m.family.exact().is_none() {
                p { small { (ctx.t("diplist-range-note")) } }
            }
            h3 { (ctx.t("diplist-limits")) }
            @if m.limits.is_empty() { p { (ctx.t("diplist-limits-none")) } }
            @else {
                table.limits {
                    thead { tr { th { (ctx.t("diplist-measure")) } th { (ctx.t("diplist-category")) } th { (ctx.t("diplist-limit")) } th { (ctx.t("diplist-counted")) } th { } } }
                    tbody { @for l in &m.limits {
                        tr class=(code_of(&l.breach)) {
                            td { (measure_link(ctx, &l.cap.measure, l.cap.external_ref.as_deref())) }
                            td { (ctx.label("counting", l.cap.counting.as_str())) }
                            td { (l.cap.cap) }
                            td { (l.counted.to_string()) }
                            td { @match l.breach {
                                Breach::Breached => strong.bad { (ctx.label("diplist-breach", "breached")) },
                                Breach::MayBeBreached => strong.warn { (ctx.label("diplist-breach", "may_be_breached")) },
                                Breach::Within => (ctx.label("diplist-breach", "within")),
                            } }
                        }
                    } }
                }
                p { small { (ctx.t("diplist-mission-wide")) } }
            }
            h3 { (ctx.t("diplist-visas")) }
            p { (ctx.t("diplist-visas-note")) " "
                @if m.visa_measures.is_empty() { (ctx.t("diplist-visas-none")) }
                @for (i, v) in m.visa_measures.iter().enumerate() {
                    @if i > 0 { ", " }
                    (measure_link(ctx, &v.id, v.external_ref.as_deref())) " (" (ctx.label("measure-kind", v.kind.as_str())) ")"
                }
            }
        }
    }
}

fn member(ctx: &Ctx, x: &ListedMember) -> Markup {
    let status = ctx.label("member-status", &code_of(&x.status));
    html! {
        tr id=(format!("member-{}", x.id)) class=(code_of(&x.status)) {
            td { (shown_name(&x.name))
                @if let Some(f) = &x.family_of { br; small { (ctx.t_args("diplist-family-of", &[("member", f.as_str().into())])) } } }
            td { a href=(ctx.rel(&format!("/posts/{}", encode(x.post.as_str())))) { (x.post.as_str()) } }
            td { (ctx.label("staff-category", x.category.as_str())) }
            td { small { (ctx.t("diplist-function-none")) } }
            td { @match x.arrived { Some(d) => (d.to_string()), None => (ctx.t("diplist-not-arrived")) } }
            td {
                (status)
                @if x.start_unknown { br; small { (ctx.t("diplist-start-unknown")) } }
                @if let Some(u) = &x.uncertain {
                    br; small.warn { (ctx.t_args("diplist-uncertain", &[("otherwise", super::said::asof::otherwise(ctx, u).into()), ("date", u.pending.to_string().into())])) }
                }
                @if let Some(p) = &x.persona_non_grata {
                    br; (ctx.t_args("diplist-png", &[("by", p.by.as_str().into()), ("date", p.declared.to_string().into())]))
                    @if let Some(d) = p.deadline {
                        "; " (ctx.t_args("diplist-deadline", &[("date", d.to_string().into())]))
                        @match (p.standing, p.days_left) {
                            (Deadline::Overdue, Some(n)) => { " — " strong.bad.png-overdue { (overdue_text(ctx, d, n)) } },
                            (Deadline::Running, Some(n)) => { " — " strong.warn.png-running { (days_left_text(ctx, d, n)) } },
                            (Deadline::MayHavePassed, _) => { " — " strong.warn { (ctx.t("diplist-may-have-passed")) } },
                            _ => {},
                        }
                    }
                }
                @if let Some(d) = x.departed { br; (ctx.t_args("diplist-departed", &[("date", d.to_string().into())])) }
            }
        }
    }
}

/// The days left to a deadline, `n` to its last day; from both ends when it is a period (a
/// deadline of "2017-09" may be the 1st or the 30th).
fn days_left_text(ctx: &Ctx, deadline: ValidDate, n: i64) -> String {
    let least = ctx.as_of.days_until(deadline.earliest());
    if least == n {
        ctx.t_args("diplist-days-left", &[("n", n.into())])
    } else {
        ctx.t_args(
            "diplist-days-left-range",
            &[("least", least.into()), ("most", n.into())],
        )
    }
}

/// How long ago a deadline passed, `-n` days after its last day; from both ends when it is a
/// period.
fn overdue_text(ctx: &Ctx, deadline: ValidDate, n: i64) -> String {
    let most = deadline.earliest().days_until(ctx.as_of);
    if most == -n {
        ctx.t_args("diplist-overdue", &[("n", (-n).into())])
    } else {
        ctx.t_args(
            "diplist-overdue-range",
            &[("least", (-n).into()), ("most", most.into())],
        )
    }
}
