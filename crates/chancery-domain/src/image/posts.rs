//! Posts and premises: their life cycles as state machines over their timelines.
//!
//! One fold serves both validation (over every recorded event: a refusal names the event that
//! breaks the machine) and views (over the events a [`View`](super::View) sees).

mod post_rules;
mod premises_rules;

use std::collections::BTreeMap;

use serde::Serialize;

use super::timeline::Stamped;
use crate::act::RoutedTo;
use crate::date::ValidDate;
use crate::ids::{MeasureId, PostId, PremisesId, StateCode};
use crate::rules::{RefusalSaid, RuleCode, RuleViolation};
use crate::vocab::{ConsularService, PostKind, PremisesKind, ServiceLevel};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostInfo {
    pub kind: PostKind,
    pub name: String,
    pub city: String,
    pub names: crate::names::Names,
    pub city_names: crate::names::Names,
    pub start_unknown: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostEvent {
    Opened(PostInfo),
    Suspended {
        by: StateCode,
        reason: Option<String>,
    },
    Resumed,
    Reopened {
        measure: Option<MeasureId>,
    },
    Closed {
        by: StateCode,
        reason: Option<String>,
        measure: Option<MeasureId>,
    },
    Services(Box<ServicesChange>),
    /// Figures of the consular section: staff, productivity, demand.
    Consular(ConsularFigure),
    /// A published count of what the post issued over a period, alone or with other posts.
    Issued(Box<Issuance>),
}

/// What a `consular_issuance_reported` act says of the posts it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuance {
    /// Every post the count covers together, this one among them.
    pub posts: Vec<PostId>,
    pub applies_to: Vec<ConsularService>,
    /// The period: from the first day of `period_start` to the last of `period_end`.
    pub period_start: ValidDate,
    pub period_end: ValidDate,
    pub issued: u32,
    pub estimate: bool,
}

/// A figure about a post's consular work, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsularFigure {
    Staff {
        officers: u32,
        local_staff: Option<u32>,
        estimate: bool,
    },
    Productivity {
        service: ConsularService,
        cases_per_officer_day: u32,
    },
    Demand {
        service: ConsularService,
        per_week: u32,
        estimate: bool,
    },
}

/// What a `consular_services_changed` act sets on one post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicesChange {
    pub level: ServiceLevel,
    pub services: Option<String>,
    /// Empty: every service of the post.
    pub applies_to: Vec<ConsularService>,
    pub routed_to: Vec<RoutedTo>,
    pub forced_by: Vec<MeasureId>,
}

impl PostEvent {
    /// An opening recorded with `start_unknown`: the post existed before its date.
    pub fn existed_before(&self) -> bool {
        matches!(self, PostEvent::Opened(info) if info.start_unknown)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostRecord {
    pub id: PostId,
    pub sending: StateCode,
    pub host: StateCode,
    pub events: Vec<Stamped<PostEvent>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PostStatus {
    Open,
    Suspended,
    Closed,
}

/// A post as a fold of its events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostState<'a> {
    pub info: &'a PostInfo,
    pub opened: &'a Stamped<PostEvent>,
    pub status: PostStatus,
    pub status_since: ValidDate,
    pub closed_by: Option<StateCode>,
    pub closing_measure: Option<&'a MeasureId>,
    /// When the closure in force was recorded: a consular figure or service change recorded
    /// before it, for a day the closure turned out to cover, is void rather than a veto on it.
    pub closure_recorded_seq: Option<u64>,
    /// Who suspended it, while it is suspended: a sending state's own suspension is not a
    /// measure of the host.
    pub suspended_by: Option<StateCode>,
    pub services: Option<(ServiceLevel, Option<&'a str>, ValidDate)>,
    /// The post-wide change in force (`services`' act), and the later changes of single
    /// services: the latest for each service that a later post-wide change did not reset.
    pub post_wide: Option<&'a Stamped<PostEvent>>,
    pub by_service: BTreeMap<ConsularService, &'a Stamped<PostEvent>>,
    /// The latest consular staff figure, per-service productivity set for the post, and
    /// per-service demand, each with the event that recorded it.
    pub consular_staff: Option<&'a Stamped<PostEvent>>,
    pub productivity: BTreeMap<ConsularService, &'a Stamped<PostEvent>>,
    pub demand: BTreeMap<ConsularService, &'a Stamped<PostEvent>>,
    /// Every issuance count on record, in the order of the record: a count of the past stays
    /// true after the post closes, so closing clears none of them.
    pub issued: Vec<&'a Stamped<PostEvent>>,
    /// Every closure so far, with the reopening that ended it: an issuance count is of a past
    /// period, so it is held to the post's whole life, not to its status on the day published.
    pub closures: Vec<ClosedSpan>,
}

/// A stretch of a post's life when it was closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClosedSpan {
    pub closed: ValidDate,
    /// When the closure was recorded (see [`voided_by_later_closure`]).
    pub recorded_seq: u64,
    pub reopened: Option<ValidDate>,
}

impl ClosedSpan {
    /// Whether every day from `start` to `end` is certainly after the closure and before the
    /// reopening: a day of closure or reopening may have seen work, so it is not in the span.
    fn covers(&self, start: ValidDate, end: ValidDate) -> bool {
        start.certainly_after(self.closed) && self.reopened.is_none_or(|r| r.certainly_after(end))
    }
}

impl<'a> PostState<'a> {
    /// The change in force for `service`: its own, else the post-wide one; `None` while the
    /// record says nothing of it.
    pub fn service(&self, service: ConsularService) -> Option<(&'a ServicesChange, ValidDate)> {
        // A change of "every service" of a diplomatic or consular post speaks of its consular
        // work: it says nothing of trade promotion or commercial services there.
        let commercial = matches!(
            service,
            ConsularService::TradePromotion | ConsularService::CommercialServices
        );
        let post_wide = self
            .post_wide
            .filter(|_| !commercial || self.info.kind == PostKind::TradeRepresentation);
        let e = self.by_service.get(&service).copied().or(post_wide)?;
        match &e.ev {
            PostEvent::Services(c) => Some((&**c, e.date)),
            _ => None,
        }
    }
}

type Fold<T> = Result<T, (u64, RuleViolation)>;

/// A sending state's figure or service change for a day its post was closed, recorded before
/// the closure was: the closure, recorded later with an earlier date (the host's act), voids it
/// rather than being refused for it, so one side's figures never veto the other's act. Recorded
/// after the closure was on record, the same act is refused (`post_already_closed`).
fn voided_by_later_closure(s: &PostState<'_>, seq: u64) -> bool {
    s.status == PostStatus::Closed && s.closure_recorded_seq.is_some_and(|closed| closed > seq)
}

/// Whether a count (recorded as act `seq`) stands against the post's life so far: refused when
/// its period is wholly before the post opened or wholly inside a closure already on record;
/// `Ok(false)` (void, not shown) when the closure covering it was recorded after it, so that a
/// backdated closure is never vetoed by a count, as with [`voided_by_later_closure`].
pub(crate) fn issued_in_open_life(
    id: &PostId,
    i: &Issuance,
    seq: u64,
    s: &PostState<'_>,
) -> Result<bool, RuleViolation> {
    let opened = s.opened.date;
    if !s.opened.ev.existed_before() && opened.certainly_after(i.period_end) {
        return Err(RuleViolation::new(
            RuleCode::ActBeforeSubjectExists,
            format!(
                "post `{id}` opened on {opened}: it issued nothing in {}",
                crate::consular::issued::period_words(i.period_start, i.period_end)
            ),
        )
        .field("period_end"));
    }
    match s
        .closures
        .iter()
        .find(|c| c.covers(i.period_start, i.period_end))
    {
        None => Ok(true),
        Some(c) if c.recorded_seq > seq => Ok(false),
        Some(c) => Err(RuleViolation::new(
            RuleCode::PostAlreadyClosed,
            format!(
                "post `{id}` was closed on {} and not reopened before {}: it issued nothing in {}",
                c.closed,
                i.period_end,
                crate::consular::issued::period_words(i.period_start, i.period_end)
            ),
        )
        .field("period_start")),
    }
}

pub(crate) fn fold_post<'a>(
    id: &PostId,
    events: impl Iterator<Item = &'a Stamped<PostEvent>>,
) -> Fold<Option<PostState<'a>>> {
    let mut state: Option<PostState<'a>> = None;
    for e in events {
        let refuse = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        match (&e.ev, state.as_mut()) {
            (PostEvent::Opened(info), None) => {
                state = Some(PostState {
                    info,
                    opened: e,
                    status: PostStatus::Open,
                    status_since: e.date,
                    closed_by: None,
                    closing_measure: None,
                    closure_recorded_seq: None,
                    suspended_by: None,
                    services: None,
                    post_wide: None,
                    by_service: BTreeMap::new(),
                    consular_staff: None,
                    productivity: BTreeMap::new(),
                    demand: BTreeMap::new(),
                    issued: Vec::new(),
                    closures: Vec::new(),
                })
            }
            (PostEvent::Opened(_), Some(_)) => {
                return Err(refuse(
                    RuleCode::DuplicateId,
                    format!("post `{id}` is already recorded"),
                ))
            }
            (_, None) => {
                return Err(refuse(
                    RuleCode::ActBeforeSubjectExists,
                    format!("post `{id}` is not yet open on {}", e.date),
                ))
            }
            (PostEvent::Suspended { .. }, Some(s)) => {
                if s.status != PostStatus::Open {
                    return Err(refuse(
                        RuleCode::PostNotOpen,
                        format!(
                            "post `{id}` cannot be suspended on {}: it is {} since {}",
                            e.date, s.status, s.status_since
                        ),
                    ));
                }
                s.status = PostStatus::Suspended;
                s.status_since = e.date;
                if let PostEvent::Suspended { by, .. } = &e.ev {
                    s.suspended_by = Some(*by);
                }
            }
            (PostEvent::Resumed, Some(s)) => {
                if s.status != PostStatus::Suspended {
                    return Err(refuse(
                        RuleCode::PostNotSuspended,
                        format!(
                            "post `{id}` cannot resume on {}: it is not suspended",
                            e.date
                        ),
                    ));
                }
                s.status = PostStatus::Open;
                s.status_since = e.date;
                s.suspended_by = None;
            }
            (PostEvent::Reopened { .. }, Some(s)) => {
                if s.status != PostStatus::Closed {
                    return Err(refuse(
                        RuleCode::PostNotClosed,
                        format!(
                            "post `{id}` cannot reopen on {}: it is {} since {}",
                            e.date, s.status, s.status_since
                        ),
                    ));
                }
                s.status = PostStatus::Open;
                s.status_since = e.date;
                s.closed_by = None;
                s.closing_measure = None;
                s.closure_recorded_seq = None;
                if let Some(last) = s.closures.last_mut() {
                    last.reopened = Some(e.date);
                }
            }
            (PostEvent::Closed { by, measure, .. }, Some(s)) => {
                if s.status == PostStatus::Closed {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::PostAlreadyClosed,
                            format!(
                                "post `{id}` cannot be closed on {}: it was already closed on {}",
                                e.date, s.status_since
                            ),
                        )
                        .article("VCDR Art. 2; VCCR Art. 4")
                        .said(RefusalSaid::PostAlreadyClosed {
                            post: id.clone(),
                            date: e.date,
                            since: s.status_since,
                        }),
                    ));
                }
                s.status = PostStatus::Closed;
                s.status_since = e.date;
                // A closed post offers no consular service, whatever it offered before.
                s.services = None;
                s.post_wide = None;
                s.by_service.clear();
                s.closed_by = Some(*by);
                s.closing_measure = measure.as_ref();
                s.closure_recorded_seq = Some(e.seq);
                s.suspended_by = None;
                s.closures.push(ClosedSpan {
                    closed: e.date,
                    recorded_seq: e.seq,
                    reopened: None,
                });
            }
            (PostEvent::Consular(_) | PostEvent::Services(_), Some(s))
                if voided_by_later_closure(s, e.seq) => {}
            (PostEvent::Consular(f), Some(s)) => {
                if s.status == PostStatus::Closed {
                    return Err(refuse(
                        RuleCode::PostAlreadyClosed,
                        format!(
                            "consular figures of post `{id}` cannot be recorded for {}: it is closed",
                            e.date
                        ),
                    ));
                }
                match f {
                    ConsularFigure::Staff { .. } => s.consular_staff = Some(e),
                    ConsularFigure::Productivity { service, .. } => {
                        s.productivity.insert(*service, e);
                    }
                    ConsularFigure::Demand { service, .. } => {
                        s.demand.insert(*service, e);
                    }
                }
            }
            // Published after the fact, often after the post closed: never refused for its status
            // on the day published, only for a period the post was certainly not open in.
            // A count the post's life on record rules out is refused when recorded
            // (`PostAct::check`); one that a later act (a backdated closure, a reopening
            // withdrawn, an opening corrected) rules out is void here, never a veto on that act.
            (PostEvent::Issued(i), Some(s)) => {
                if matches!(issued_in_open_life(id, i, e.seq, s), Ok(true)) {
                    s.issued.push(e);
                }
            }
            (PostEvent::Services(c), Some(s)) => {
                if s.status == PostStatus::Closed {
                    return Err(refuse(
                        RuleCode::PostAlreadyClosed,
                        format!(
                            "consular services of post `{id}` cannot change on {}: it is closed",
                            e.date
                        ),
                    ));
                }
                if c.applies_to.is_empty() {
                    s.services = Some((c.level, c.services.as_deref(), e.date));
                    s.post_wide = Some(e);
                    s.by_service.clear();
                } else {
                    for service in &c.applies_to {
                        s.by_service.insert(*service, e);
                    }
                }
            }
        }
    }
    Ok(state)
}

impl std::fmt::Display for PostStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PostStatus::Open => "open",
            PostStatus::Suspended => "suspended",
            PostStatus::Closed => "closed",
        })
    }
}

impl std::fmt::Display for PremisesStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PremisesStatus::InUse => "in use",
            PremisesStatus::AccessBarred => "access barred",
            PremisesStatus::Seized => "seized",
            PremisesStatus::Returned => "returned",
            PremisesStatus::Released => "released",
            PremisesStatus::StatusRemoved => "owned, diplomatic status removed",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PremisesInfo {
    pub post: PostId,
    pub kind: PremisesKind,
    pub name: String,
    pub city: String,
    pub start_unknown: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PremisesEvent {
    Acquired(PremisesInfo),
    AccessBarred {
        by: StateCode,
        measure: Option<MeasureId>,
    },
    Seized {
        by: StateCode,
        measure: Option<MeasureId>,
    },
    Returned {
        measure: Option<MeasureId>,
    },
    Released,
    StatusRemoved {
        by: StateCode,
        measure: Option<MeasureId>,
    },
    StatusRestored {
        measure: Option<MeasureId>,
    },
}

impl PremisesEvent {
    /// An acquisition recorded with `start_unknown`: the premises were held before its date.
    pub fn existed_before(&self) -> bool {
        matches!(self, PremisesEvent::Acquired(info) if info.start_unknown)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PremisesRecord {
    pub id: PremisesId,
    pub sending: StateCode,
    pub host: StateCode,
    pub events: Vec<Stamped<PremisesEvent>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PremisesStatus {
    InUse,
    AccessBarred,
    Seized,
    Returned,
    Released,
    /// Still the sending state's property, but the host no longer treats them as diplomatic
    /// premises: not inviolable.
    StatusRemoved,
}

impl PremisesStatus {
    pub fn usable(self) -> bool {
        matches!(self, PremisesStatus::InUse | PremisesStatus::Returned)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PremisesState<'a> {
    pub info: &'a PremisesInfo,
    pub acquired: &'a Stamped<PremisesEvent>,
    pub status: PremisesStatus,
    pub status_since: ValidDate,
    pub measure: Option<&'a MeasureId>,
}

pub(crate) fn fold_premises<'a>(
    id: &PremisesId,
    events: impl Iterator<Item = &'a Stamped<PremisesEvent>>,
) -> Fold<Option<PremisesState<'a>>> {
    use PremisesStatus as S;
    let mut state: Option<PremisesState<'a>> = None;
    for e in events {
        let refuse = |code, msg: String| (e.seq, RuleViolation::new(code, msg));
        let Some(s) = state.as_mut() else {
            match &e.ev {
                PremisesEvent::Acquired(info) => {
                    state = Some(PremisesState {
                        info,
                        acquired: e,
                        status: S::InUse,
                        status_since: e.date,
                        measure: None,
                    });
                    continue;
                }
                _ => {
                    return Err(refuse(
                        RuleCode::ActBeforeSubjectExists,
                        format!("premises `{id}` are not yet recorded on {}", e.date),
                    ))
                }
            }
        };
        let (next, measure) = match &e.ev {
            PremisesEvent::Acquired(_) => {
                return Err(refuse(
                    RuleCode::DuplicateId,
                    format!("premises `{id}` are already recorded"),
                ))
            }
            PremisesEvent::AccessBarred { measure, .. } => {
                if s.status == S::AccessBarred {
                    return Err(refuse(
                        RuleCode::DuplicateEvent,
                        format!(
                            "access to premises `{id}` was already barred on {}",
                            s.status_since
                        ),
                    ));
                }
                if !s.status.usable() {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::PremisesNotInUse,
                            format!(
                                "access to premises `{id}` cannot be barred on {}: they are {}",
                                e.date, s.status
                            ),
                        )
                        .article("VCDR Art. 22"),
                    ));
                }
                (S::AccessBarred, measure.as_ref())
            }
            PremisesEvent::StatusRemoved { measure, .. } => {
                if !s.status.usable() {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::PremisesNotInUse,
                            format!(
                                "the diplomatic status of premises `{id}` cannot be removed on {}: they are {}",
                                e.date, s.status
                            ),
                        )
                        .article("VCDR Art. 1(i), 22"),
                    ));
                }
                (S::StatusRemoved, measure.as_ref())
            }
            PremisesEvent::StatusRestored { measure } => {
                if s.status != S::StatusRemoved {
                    return Err(refuse(
                        RuleCode::PremisesStatusNotRemoved,
                        format!(
                            "the diplomatic status of premises `{id}` cannot be restored on {}: they are {}",
                            e.date, s.status
                        ),
                    ));
                }
                (S::InUse, measure.as_ref())
            }
            PremisesEvent::Seized { measure, .. } => {
                if s.status == S::Seized {
                    return Err(refuse(
                        RuleCode::DuplicateEvent,
                        format!("premises `{id}` were already seized on {}", s.status_since),
                    ));
                }
                // Premises stripped of their status are no longer protected from seizure.
                if !(s.status.usable() || matches!(s.status, S::AccessBarred | S::StatusRemoved)) {
                    return Err((
                        e.seq,
                        RuleViolation::new(
                            RuleCode::PremisesNotInUse,
                            format!(
                                "premises `{id}` cannot be seized on {}: they are {}",
                                e.date, s.status
                            ),
                        )
                        .article("VCDR Art. 22"),
                    ));
                }
                (S::Seized, measure.as_ref())
            }
            PremisesEvent::Returned { measure } => {
                if !matches!(s.status, S::AccessBarred | S::Seized) {
                    return Err(refuse(
                        RuleCode::PremisesNotRestricted,
                        format!(
                            "premises `{id}` cannot be returned on {}: they are {}, neither barred nor seized",
                            e.date, s.status
                        ),
                    ));
                }
                (S::Returned, measure.as_ref())
            }
            PremisesEvent::Released => {
                if s.status == S::Released {
                    return Err(refuse(
                        RuleCode::PremisesAlreadyReleased,
                        format!("premises `{id}` were already released"),
                    ));
                }
                // Giving up premises would end the host's restriction on them without the host:
                // they are returned first (by the host), then released.
                if matches!(s.status, S::AccessBarred | S::Seized) {
                    return Err(refuse(
                        RuleCode::PremisesRestricted,
                        format!(
                            "premises `{id}` cannot be released on {}: they are {} since {}; the host returns them first",
                            e.date, s.status, s.status_since
                        ),
                    ));
                }
                (S::Released, None)
            }
        };
        s.status = next;
        s.status_since = e.date;
        s.measure = measure;
    }
    Ok(state)
}
