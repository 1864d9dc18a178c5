//! Signing in and out, one's own account, and an administrator's page for the users of their
//! organisation.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chancery_accounts::{Client, LoginFailure, Principal, Role, SignedIn, Username};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::page;
use super::Lang;
use super::{html as respond, Ctx, PageError, Scope};
use crate::access::{audit, device_cookie_value, Source, DEVICE_COOKIE, SESSION_COOKIE};
use crate::state::AppState;
use chancery_app::{now_micros, today};

fn ctx(who: &Principal, lang: Lang) -> Ctx {
    Ctx::new(today(), None).scoped(Scope::of(who).in_lang(lang))
}

/// The date the header's links carry, kept on these pages so that going back keeps the view.
#[derive(Deserialize)]
pub struct DateQuery {
    as_of: Option<String>,
}

fn dated(who: &Principal, q: &DateQuery, lang: Lang) -> Ctx {
    let as_of = q
        .as_of
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(today);
    Ctx::new(as_of, None).scoped(Scope::of(who).in_lang(lang))
}

/// Where to go after signing in: only a path on this site, never another host.
fn local_path(next: Option<&str>) -> String {
    match next {
        // No control characters or spaces either: browsers drop tabs and newlines, so
        // `/\t/evil.example` would become `//evil.example`.
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && p.chars().all(|c| c.is_ascii_graphic() && c != '\\') =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    /// Carried by every link; the sign-in form has no date of its own.
    #[allow(dead_code)]
    as_of: Option<String>,
}

fn login_form(ctx: &Ctx, next: &str, username: &str, error: Option<&str>) -> Markup {
    page(
        ctx,
        &ctx.t("nav-sign-in"),
        html! {
            h1 { (ctx.t("nav-sign-in")) }
            @if let Some(e) = error { p.alert role="alert" { (e) } }
            form.act method="post" action="/login" {
                input type="hidden" name="next" value=(next);
                div.field {
                    label for="username" { (ctx.t("account-username")) }
                    input type="text" id="username" name="username" value=(username) autocomplete="username" required;
                }
                div.field {
                    label for="password" { (ctx.t("account-password")) }
                    input type="password" id="password" name="password" autocomplete="current-password" required;
                }
                button type="submit" { (ctx.t("nav-sign-in")) }
            }
            p.muted { (ctx.t("account-created-by")) " (" code { "chancery user add" } ", " (ctx.t("account-or-users-page")) ")." }
        },
    )
}

pub async fn login_page(
    lang: Lang,
    Extension(who): Extension<Principal>,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = local_path(q.next.as_deref());
    respond(login_form(&ctx(&who, lang), &next, "", None))
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

fn session_cookie(app: &AppState, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if app.secure_cookies { "; Secure" } else { "" };
    let age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
    // The id is hex, so the header is always valid; the fallback only keeps this total.
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{age}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("chancery_session=; Path=/; Max-Age=0"))
}

/// Kept as long as a trusted client is (30 days), and sent only to the sign-in.
fn device_cookie(app: &AppState, value: &str) -> Option<HeaderValue> {
    let secure = if app.secure_cookies { "; Secure" } else { "" };
    let age = chancery_accounts::trusted::TRUSTED_FOR / 1_000_000;
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={value}; Path=/login; HttpOnly; SameSite=Strict; Max-Age={age}{secure}"
    ))
    .ok()
}

pub async fn login(
    lang: Lang,
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let next = local_path(f.next.as_deref());
    let accounts = app.accounts.clone();
    let (name, password, src) = (f.username.clone(), f.password, source.0.clone());
    let device = device_cookie_value(&headers).map(str::to_owned);
    // Argon2id takes tens of milliseconds of CPU: off the async workers, a few at a time.
    let _slot = app.login_slots.clone().acquire_owned().await.ok();
    let result = tokio::task::spawn_blocking(move || {
        let client = Client {
            address: &src,
            device: device.as_deref(),
        };
        accounts.login(&name, &password, client, now_micros())
    })
    .await
    .unwrap_or(Err(LoginFailure::Refused));
    match result {
        Ok(SignedIn {
            user,
            session,
            device,
        }) => {
            // A session id the browser brought along is ended, never promoted (fixation).
            if let Some(old) = super::super::access::session_cookie_value(&headers) {
                app.accounts.logout(old);
            }
            let me = Principal::Session(user);
            app.metrics.sign_ins.inc();
            audit(
                &app,
                &me,
                &source.0,
                "login",
                me.actor(),
                "ok",
                String::new(),
            );
            let mut res = Redirect::to(&next).into_response();
            res.headers_mut()
                .insert(header::SET_COOKIE, session_cookie(&app, &session, None));
            if let Some(cookie) = device_cookie(&app, &device) {
                res.headers_mut().append(header::SET_COOKIE, cookie);
            }
            res
        }
        Err(failure) => {
            let detail = match failure {
                LoginFailure::Refused => "wrong username or password, or disabled",
                LoginFailure::Throttled => "throttled: too many recent failures",
                // Nobody failed to sign in: the accounts store could not be asked.
                LoginFailure::Unavailable => {
                    return crate::web::unavailable_page(crate::access::ACCOUNTS_UNAVAILABLE, lang)
                }
            };
            app.metrics.sign_in_failures.inc();
            audit(
                &app,
                &who,
                &source.0,
                "login_failed",
                format!(
                    "username:{}",
                    f.username.chars().take(64).collect::<String>()
                ),
                "401",
                detail.to_owned(),
            );
            (StatusCode::UNAUTHORIZED, {
                let ctx = ctx(&who, lang);
                let failed = ctx.t("account-sign-in-failed");
                respond(login_form(&ctx, &next, &f.username, Some(&failed)))
            })
                .into_response()
        }
    }
}

pub async fn logout(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
    headers: HeaderMap,
) -> Response {
    if let Some(id) = super::super::access::session_cookie_value(&headers) {
        app.accounts.logout(id);
        app.metrics.sign_outs.inc();
    }
    audit(
        &app,
        &who,
        &source.0,
        "logout",
        who.actor(),
        "ok",
        String::new(),
    );
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&app, "", Some(0)));
    res
}

pub async fn account_page(
    lang: Lang,
    Extension(who): Extension<Principal>,
    Query(q): Query<DateQuery>,
) -> Response {
    let ctx = dated(&who, &q, lang);
    let Some(user) = who.user() else {
        return PageError::new(
            StatusCode::UNAUTHORIZED,
            "error-not-signed-in",
            "Sign in first.",
        )
        .into_response();
    };
    respond(page(
        &ctx,
        &ctx.t("account-yours"),
        html! {
            h1 { (ctx.t("account-yours")) }
            dl.facts {
                dt { (ctx.t("account-username")) } dd { (user.username) }
                dt { (ctx.t("account-organisation")) } dd { (user.org.name) " (" (user.org.id) ", " (user.org.kind) ")" }
                dt { (ctx.t("account-role")) } dd { (user.role) }
                dt { (ctx.t("account-you-see")) } dd { (ctx.scope.reader_label()) }
            }
            form method="post" action="/account/sessions/revoke" {
                button.secondary type="submit" { (ctx.t("account-sign-out-everywhere")) }
            }
            (password_form(&ctx, None))
        },
    ))
}

fn password_form(ctx: &Ctx, message: Option<(&str, bool)>) -> Markup {
    html! {
        h2 { (ctx.t("account-change-password")) }
        @if let Some((text, ok)) = message {
            @if ok { p.success role="status" { (text) } } @else { p.alert role="alert" { (text) } }
        }
        form.act method="post" action="/account/password" {
            div.field {
                label for="current" { (ctx.t("account-current-password")) }
                input type="password" id="current" name="current" autocomplete="current-password" required;
            }
            div.field {
                label for="new" { (ctx.t("account-new-password")) }
                input type="password" id="new" name="new" autocomplete="new-password" required minlength="12" aria-describedby="new-help";
                span.help id="new-help" { (ctx.t("account-new-password-help")) }
            }
            button type="submit" { (ctx.t("account-change-password-button")) }
        }
    }
}

#[derive(Deserialize)]
pub struct PasswordChange {
    current: String,
    new: String,
}

pub async fn change_password(
    lang: Lang,
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
    Form(f): Form<PasswordChange>,
) -> Response {
    // Only in a signed-in browser: a token must not be turned into a session this way.
    let Principal::Session(user) = who.clone() else {
        return PageError::new(
            StatusCode::FORBIDDEN,
            "error-not-allowed",
            "Change your password in a signed-in browser session.",
        )
        .into_response();
    };
    let accounts = app.accounts.clone();
    let src = source.0.clone();
    let _slot = app.login_slots.clone().acquire_owned().await.ok();
    let now = now_micros();
    let changing = user.clone();
    let result = tokio::task::spawn_blocking(move || {
        accounts.change_password(&changing, &f.current, &f.new, &src, now)
    })
    .await;
    let (status, message, outcome) = match result {
        Ok(Ok(true)) => (
            StatusCode::OK,
            super::i18n::message(lang, "account-password-changed", &[]),
            "ok",
        ),
        Ok(Ok(false)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            super::i18n::message(lang, "account-password-wrong", &[]),
            "refused",
        ),
        Ok(Err(e)) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string(), "refused"),
        Err(e) => return PageError::internal(e).into_response(),
    };
    audit(
        &app,
        &who,
        &source.0,
        "password_changed",
        who.actor(),
        outcome,
        String::new(),
    );
    let changed = status == StatusCode::OK;
    let ctx = ctx(&who, lang);
    let body = page(
        &ctx,
        &ctx.t("account-yours"),
        html! {
            h1 { (ctx.t("account-yours")) }
            (password_form(&ctx, Some((&message, changed))))
        },
    );
    let mut res = (status, respond(body)).into_response();
    if changed {
        // This browser stays signed in on a new session; every older one has ended.
        if let Ok(session) = app.accounts.session_for(&user, now_micros()) {
            res.headers_mut()
                .insert(header::SET_COOKIE, session_cookie(&app, &session, None));
        }
    }
    res
}

pub async fn revoke_sessions(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
) -> Response {
    if let Some(user) = who.user() {
        let n = app.accounts.revoke_sessions(user.id);
        audit(
            &app,
            &who,
            &source.0,
            "sessions_revoked",
            who.actor(),
            "ok",
            format!("{n} sessions"),
        );
    }
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&app, "", Some(0)));
    res
}

fn users_page_markup(
    app: &AppState,
    who: &Principal,
    ctx: Ctx,
    shown_password: Option<(&str, &str)>,
    error: Option<&str>,
) -> Result<Markup, PageError> {
    let Some(admin) = who.user() else {
        return Err(PageError::new(
            StatusCode::UNAUTHORIZED,
            "error-not-signed-in",
            "Sign in first.",
        ));
    };
    let users = app
        .accounts
        .store()
        .users_of(&admin.org.id)
        .map_err(PageError::internal)?;
    Ok(page(
        &ctx,
        &ctx.t("nav-users"),
        html! {
            h1 { (ctx.t("account-users-of")) " " (admin.org.name) }
            @if let Some((name, password)) = shown_password {
                div.success role="status" {
                    p { (ctx.t("account-added")) " " strong { (name) } ". " (ctx.t("account-password-once")) }
                    p { code { (password) } }
                }
            }
            @if let Some(e) = error { p.alert role="alert" { (e) } }
            table {
                thead { tr { th scope="col" { (ctx.t("account-username")) } th scope="col" { (ctx.t("account-role")) } th scope="col" { (ctx.t("account-state")) } th scope="col" { "" } } }
                tbody {
                    @for u in &users {
                        tr {
                            td { (u.username) }
                            td { (u.role) }
                            td { @if u.disabled { "disabled" } @else { "active" } }
                            td {
                                @if !u.disabled && u.id != admin.id {
                                    form method="post" action=(format!("/admin/users/{}/disable", u.id)) {
                                        button.secondary type="submit" aria-label=(format!("{} {}", ctx.t("account-disable"), u.username)) { (ctx.t("account-disable")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t("account-add-user")) }
            form.act method="post" action="/admin/users" {
                div.field {
                    label for="new-username" { (ctx.t("account-username")) }
                    input type="text" id="new-username" name="username" required aria-describedby="new-username-help";
                    span.help id="new-username-help" { "a-z, 0-9, '-', '_', '.', starting with a letter" }
                }
                div.field {
                    label for="new-role" { (ctx.t("account-role")) }
                    select id="new-role" name="role" {
                        @for r in chancery_accounts::model::ROLES { option value=(r) { (r) } }
                    }
                }
                button type="submit" { (ctx.t("account-add")) }
            }
        },
    ))
}

pub async fn users_page(
    lang: Lang,
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Query(q): Query<DateQuery>,
) -> Response {
    match users_page_markup(&app, &who, dated(&who, &q, lang), None, None) {
        Ok(m) => respond(m),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
pub struct NewUser {
    username: String,
    role: String,
}

pub async fn add_user(
    lang: Lang,
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
    Form(f): Form<NewUser>,
) -> Response {
    let Some(admin) = who.user() else {
        return PageError::new(
            StatusCode::UNAUTHORIZED,
            "error-not-signed-in",
            "Sign in first.",
        )
        .into_response();
    };
    let parsed = f
        .username
        .trim()
        .parse::<Username>()
        .map_err(|e| e.to_string())
        .and_then(|u| {
            f.role
                .parse::<Role>()
                .map(|r| (u, r))
                .map_err(|e| e.to_string())
        });
    // Hashing the new password may wait for one of the few Argon2 buffers: off the workers.
    let accounts = app.accounts.clone();
    let org = admin.org.id.clone();
    let added = match parsed {
        Ok((username, role)) => tokio::task::spawn_blocking(move || {
            // Administrators add users to their own organisation only.
            accounts
                .add_user(&username, &org, role, None, now_micros())
                .map(|password| (username, role, password))
                .map_err(|e| e.to_string())
        })
        .await
        .unwrap_or_else(|e| Err(format!("adding the user failed: {e}"))),
        Err(e) => Err(e),
    };
    let markup = match &added {
        Ok((username, role, password)) => {
            audit(
                &app,
                &who,
                &source.0,
                "user_added",
                format!("user:{username}"),
                "ok",
                format!("role {role}"),
            );
            users_page_markup(
                &app,
                &who,
                ctx(&who, lang),
                Some((username.as_str(), password)),
                None,
            )
        }
        Err(e) => {
            audit(
                &app,
                &who,
                &source.0,
                "user_added",
                f.username.chars().take(64).collect(),
                "refused",
                e.clone(),
            );
            users_page_markup(&app, &who, ctx(&who, lang), None, Some(e))
        }
    };
    let status = if added.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    match markup {
        Ok(m) => (status, respond(m)).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn disable_user(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
    Path(user): Path<String>,
) -> Response {
    let Some(admin) = who.user() else {
        return PageError::new(
            StatusCode::UNAUTHORIZED,
            "error-not-signed-in",
            "Sign in first.",
        )
        .into_response();
    };
    // A user of another organisation is "not found", like a user that does not exist.
    let target = user
        .parse::<i64>()
        .ok()
        .and_then(|id| app.accounts.store().user(id).ok().flatten())
        .filter(|u| u.org.id == admin.org.id && u.id != admin.id);
    let Some(target) = target else {
        audit(
            &app,
            &who,
            &source.0,
            "user_disabled",
            format!("user id {}", user.chars().take(20).collect::<String>()),
            "404",
            String::new(),
        );
        return PageError::not_found("There is no such user in your organisation.").into_response();
    };
    if let Err(e) = app.accounts.disable_user(target.id) {
        return PageError::internal(e).into_response();
    }
    audit(
        &app,
        &who,
        &source.0,
        "user_disabled",
        format!("user:{}", target.username),
        "ok",
        String::new(),
    );
    Redirect::to("/admin/users").into_response()
}
