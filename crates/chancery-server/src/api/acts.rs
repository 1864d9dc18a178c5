//! The journal over HTTP: read acts in order, record one.

use axum::body::Bytes;
use axum::extract::State;

use super::extract::ApiQuery;
use axum::http::StatusCode;
use axum::Json;
use chancery_domain::date::format_timestamp;
use chancery_domain::Act;
use chancery_journal::to_hex;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::error::ApiError;
use crate::access::Source;
use crate::state::AppState;
use axum::Extension;
use chancery_accounts::Permission;
use chancery_accounts::Principal;
use chancery_app::filter::{ActOrder, PartyFilter};
use chancery_app::{Audited, StoredAct};
use chancery_domain::act::Kind;

const MAX_LIMIT: usize = 1000;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActsParams {
    /// Return acts with a sequence number greater than this (default 0).
    after: Option<u64>,
    /// At most this many (default 100, at most 1000).
    limit: Option<usize>,
    /// Only acts of this kind (`measure_imposed` ...).
    kind: Option<String>,
    /// Only acts involving this state (ISO alpha-2): a party to them, whoever did them.
    involves: Option<String>,
    /// Only acts this state did (the state whose act it is; either state of a joint act such as
    /// a round held).
    actor: Option<String>,
    /// Only acts done to this state (the other state of the act's relation; either state of a
    /// joint act).
    target: Option<String>,
    /// `recorded` (default: journal order, `after` a sequence number), `date_asc` or
    /// `date_desc` (by the act's date, acts of one day in recording order; page on with
    /// `after` and `after_date` from the previous answer). Dated orders list acts dated by
    /// `as_of`.
    order: Option<String>,
    /// Dated orders: the date of the act the previous page ended with (`next_after_date`).
    after_date: Option<String>,
    /// Dated orders: only acts dated on or before this day (YYYY-MM-DD); today by default.
    as_of: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ActItem {
    pub seq: u64,
    /// Transaction time, RFC 3339 UTC.
    pub recorded_at: String,
    /// Who recorded it: shown for your own organisation's acts, and to auditors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
    /// SHA-256 chaining this entry to the previous one (hex); shown to auditors only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev_hash: Option<String>,
    /// The entry's random salt (hex), shown to auditors with the hashes: with it, the entry's
    /// hash can be recomputed from its fields (see the README). Entries from before salts have
    /// none, and their hashes are withheld where they could reveal an act hidden from you.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// The act in its flat form (docs/scenario-format.md).
    #[schema(value_type = Object)]
    pub act: Value,
    /// The `act_withdrawn` that withdrew this act as recorded in error, if one has: the act
    /// then counts in no view of the record as it stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_by: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ActsBody {
    pub acts: Vec<ActItem>,
    /// Pass as `after` for the next page (acts hidden from you are skipped, not shown).
    pub next_after: u64,
    /// Dated orders: pass as `after_date` with `after` for the next page; absent at the end.
    /// A page may hold fewer acts than `limit` when `involves`, `actor` or `target` leave some
    /// out: continue while this is present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_after_date: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RecordedBody {
    pub seq: u64,
    pub recorded_at: String,
    pub recorded_by: String,
    pub hash: String,
}

/// One act as `who` may see it; `hashes` says whether its entry's hashes may be shown.
fn item(s: StoredAct, hashes: bool, who: &Principal, withdrawn_by: Option<u64>) -> ActItem {
    ActItem {
        withdrawn_by,
        seq: s.seq,
        recorded_at: format_timestamp(s.recorded_at_micros),
        recorded_by: who
            .may_see_author(&s.recorded_by)
            .then(|| s.recorded_by.to_string()),
        hash: hashes.then(|| to_hex(&s.hash)),
        prev_hash: hashes.then(|| to_hex(&s.prev_hash)),
        salt: s.salt.filter(|_| hashes).map(|salt| to_hex(&salt)),
        act: s.act.to_json(),
    }
}

/// Acts that you may see, in journal order or by date, filtered by kind and by the states they
/// involve, were done by or done to; auditors also get each entry's hashes.
#[utoipa::path(get, path = "/api/v1/acts", params(ActsParams), responses((status = 200, body = ActsBody), (status = 400, body = super::error::ErrorBody)))]
pub async fn list(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    ApiQuery(params): ApiQuery<ActsParams>,
) -> Result<Json<ActsBody>, ApiError> {
    let limit = params.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_parameter(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let chancery = app.chancery.clone();
    let after = params.after.unwrap_or(0);
    let reader = who.reader();
    let auditor = who.allows(Permission::Audit, false);
    let state = |name: &str, v: &Option<String>| {
        v.as_deref()
            .map(|s| super::relations::state_code(name, s))
            .transpose()
    };
    let parties = PartyFilter {
        involves: state("involves", &params.involves)?,
        actor: state("actor", &params.actor)?,
        target: state("target", &params.target)?,
    };
    let kind = match params.kind.as_deref() {
        None => None,
        Some(k) => Some(
            Kind::parse(k)
                .ok_or_else(|| {
                    ApiError::bad_parameter("kind", format!("`{k}` is not a kind of act"))
                })?
                .as_str(),
        ),
    };
    let order = match params.order.as_deref() {
        None => ActOrder::Recorded,
        Some(o) => ActOrder::parse(o).ok_or_else(|| {
            ApiError::bad_parameter("order", "expected recorded, date_asc or date_desc")
        })?,
    };
    let after_date = super::relations::date_param("after_date", params.after_date.as_deref())?;
    let as_of = super::relations::date_param("as_of", params.as_of.as_deref())?
        .unwrap_or_else(chancery_app::today);
    let (acts, next_after, next_after_date, hashes_after) =
        tokio::task::spawn_blocking(move || {
            let hashes_after = if auditor {
                chancery.hashes_shown_after(reader)
            } else {
                u64::MAX
            };
            if order == ActOrder::Recorded {
                return chancery
                    .acts_for(reader, after, limit, kind, &parties)
                    .map(|(acts, next)| (acts, next, None, hashes_after));
            }
            let end = chancery.journal().committed_seq();
            chancery
                .acts_by_date(
                    reader,
                    order == ActOrder::DateDesc,
                    after_date.map(|d| (d, after)),
                    end,
                    as_of,
                    kind,
                    &parties,
                    limit,
                )
                .map(|(acts, next)| {
                    (
                        acts,
                        next.map_or(0, |k| k.1),
                        next.map(|k| k.0.to_string()),
                        hashes_after,
                    )
                })
        })
        .await
        .map_err(ApiError::internal)??;
    // A withdrawal has its act's readers: whoever is shown the act may be told it went.
    let image = app.chancery.image();
    let withdrawn_by = |seq| {
        image
            .withdrawn_by(seq)
            .filter(|w| image.visible_to(*w, reader))
    };
    let acts = acts
        .into_iter()
        .map(|a| {
            let hashes = a.seq > hashes_after;
            let withdrawn = withdrawn_by(a.seq);
            item(a, hashes, &who, withdrawn)
        })
        .collect();
    drop(image);
    Ok(Json(ActsBody {
        acts,
        next_after,
        next_after_date,
    }))
}

/// Records one act after checking it against the state at its date. Needs an editor (or, for
/// talks and commitments, a negotiator) whose organisation may record it with its visibility.
#[utoipa::path(
    post,
    path = "/api/v1/acts",
    request_body(content = Object, description = "An act in its flat form: `kind`, `date`, the kind's fields, and optionally `sources`, `confidence`, `external_ref`, `note`, `supersedes`, `date_confirmed` (docs/scenario-format.md)"),
    responses(
        (status = 201, body = RecordedBody),
        (status = 400, body = super::error::ErrorBody, description = "Not JSON"),
        (status = 401, body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody, description = "Your role or organisation may not record this act"),
        (status = 422, body = super::error::ErrorBody, description = "Not a valid act, or refused by a rule (the code names the rule)")
    ),
    security(("bearer" = []))
)]
pub async fn record(
    State(app): State<AppState>,
    Extension(who): Extension<Principal>,
    Extension(source): Extension<Source>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(StatusCode, Json<RecordedBody>), ApiError> {
    let audited = Audited {
        log: &app.accounts,
        who: &who,
        source: &source.0,
    };
    let act = match parse_act(body) {
        Ok(act) => act,
        Err(e) => {
            audited
                .refused_before_act_async(
                    "(not an act)".to_owned(),
                    format!("{}: {}", e.code, e.message),
                )
                .await;
            return Err(e);
        }
    };
    let stored = app.chancery.record_as(act, audited).await?;
    Ok((
        StatusCode::CREATED,
        Json(RecordedBody {
            seq: stored.seq,
            recorded_at: format_timestamp(stored.recorded_at_micros),
            recorded_by: stored.recorded_by.to_string(),
            hash: to_hex(&stored.hash),
        }),
    ))
}

/// The body as an act, or the answer that refuses it (not read, not JSON, not an act).
fn parse_act(
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Act, ApiError> {
    let body = body.map_err(super::extract::body_error)?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not JSON: {e}"),
        )
    })?;
    Act::from_json(value).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_act",
            e.message.clone(),
        )
        .with_details(json!({ "field": e.field }))
    })
}
