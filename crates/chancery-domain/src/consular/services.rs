//! What each post of a mission offers, service by service of the catalogue
//! ([`ConsularService`]), as of a date: the level, where applicants are routed instead, the host
//! measures that forced it, and the act each answer rests on.

use serde::Serialize;

use crate::act::RoutedTo;
use crate::date::ValidDate;
use crate::ids::{MeasureId, MissionKey, PostId, StateCode};
use crate::image::asof::settled_post;
use crate::image::posts::{PostState, PostStatus};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::QueryError;
use crate::vocab::{ConsularService, PostKind, ServiceLevel};

/// One service of one post on the view's date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceView {
    pub service: ConsularService,
    /// `None` while the record says nothing of it (never read as "none").
    pub level: Option<ServiceLevel>,
    /// `true` when the level comes from a change of every service of the post, not of this one.
    pub post_wide: bool,
    pub since: Option<ValidDate>,
    /// Where applicants go instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routed_to: Vec<RoutedTo>,
    /// Host measures that forced it, per the sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forced_by: Vec<MeasureId>,
    /// The act's words on what is offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The act the answer rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_seq: Option<u64>,
}

/// A post's services on the view's date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostServices {
    pub post: PostId,
    pub name: String,
    pub kind: PostKind,
    pub city: String,
    pub status: PostStatus,
    pub services: Vec<ServiceView>,
}

/// The services of one mission's posts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissionServices {
    pub sending: StateCode,
    pub host: StateCode,
    pub posts: Vec<PostServices>,
}

/// Both missions' services, as of a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsularServices {
    pub as_of: crate::date::CivilDate,
    pub missions: Vec<MissionServices>,
}

/// Which services a kind of post gives: consular and diplomatic posts the consular catalogue,
/// a trade representation the commercial one; the rest none.
pub fn catalogue_of(kind: PostKind) -> &'static [ConsularService] {
    use ConsularService as S;
    match kind {
        PostKind::Embassy | PostKind::ConsulateGeneral | PostKind::Consulate => S::ALL,
        PostKind::TradeRepresentation => &[S::TradePromotion, S::CommercialServices],
        PostKind::MissionToIo | PostKind::Annex | PostKind::CulturalInstitute => &[],
    }
}

/// The view of `service` at a post in state `s`.
pub fn service_view(s: &PostState<'_>, service: ConsularService) -> ServiceView {
    // A closed or suspended post offers nothing, whatever was recorded before.
    let closed = s.status != PostStatus::Open;
    let own = s.by_service.contains_key(&service);
    match s.service(service) {
        Some((c, since)) if !closed => ServiceView {
            service,
            level: Some(c.level),
            post_wide: !own,
            since: Some(since),
            routed_to: c.routed_to.clone(),
            forced_by: c.forced_by.clone(),
            text: c.services.clone(),
            recorded_seq: s
                .by_service
                .get(&service)
                .copied()
                .or(s.post_wide)
                .map(|e| e.seq),
        },
        _ if closed => ServiceView {
            service,
            level: Some(ServiceLevel::None),
            post_wide: true,
            since: Some(s.status_since),
            routed_to: Vec::new(),
            forced_by: Vec::new(),
            text: Some(format!("the post is {}", s.status)),
            recorded_seq: None,
        },
        _ => ServiceView {
            service,
            level: None,
            post_wide: false,
            since: None,
            routed_to: Vec::new(),
            forced_by: Vec::new(),
            text: None,
            recorded_seq: None,
        },
    }
}

impl Image {
    /// The posts of the mission of `sending` in `host` that give services of the catalogue
    /// (a trade representation its commercial ones), settled on the view's day.
    pub(crate) fn service_posts(
        &self,
        sending: StateCode,
        host: StateCode,
        view: &View,
        record_start: Option<crate::date::CivilDate>,
    ) -> Vec<(&PostId, PostState<'_>)> {
        let ids: &[PostId] = self
            .mission_record(&MissionKey { sending, host })
            .map_or(&[], |m| &m.posts);
        ids.iter()
            .filter_map(|id| {
                let r = self.posts.get(id)?;
                let (settled, _) = settled_post(id, &r.events, view, record_start)?;
                Some((id, settled.state))
            })
            .filter(|(_, s)| !catalogue_of(s.info.kind).is_empty())
            .collect()
    }

    /// The services of every post of both missions of the relation, as the view sees them.
    pub fn consular_services(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
    ) -> Result<ConsularServices, QueryError> {
        self.check_relation(a, b, &view)?;
        let start = self.record_start(crate::ids::RelationKey::new(a, b), &view);
        let missions = [(a, b), (b, a)]
            .into_iter()
            .map(|(sending, host)| {
                let posts = self
                    .service_posts(sending, host, &view, start)
                    .into_iter()
                    .map(|(id, s)| PostServices {
                        post: id.clone(),
                        name: s.info.name.clone(),
                        kind: s.info.kind,
                        city: s.info.city.clone(),
                        status: s.status,
                        services: catalogue_of(s.info.kind)
                            .iter()
                            .map(|x| service_view(&s, *x))
                            .collect(),
                    })
                    .collect();
                MissionServices {
                    sending,
                    host,
                    posts,
                }
            })
            .collect();
        Ok(ConsularServices {
            as_of: view.as_of,
            missions,
        })
    }
}
