//! As-of questions over the image: presence of each side's missions, and measures.
//!
//! Every answer is plain data (serialisable) built from the events a [`View`] sees, so the HTTP
//! edge and the CLI only render it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::act::{Limits, Magnitude, Scope};
use crate::date::{CivilDate, ValidDate};
use crate::ids::{MeasureId, MissionKey, PostId, PremisesId, RelationKey, StateCode};
use crate::image::asof::{settle, settled_post, settled_premises, Certainty, UncertainStatus};
use crate::image::heads::{fold_heads, HeadState};
use crate::image::measures::{MeasureEvent, MeasureState, MeasureStatus};
use crate::image::members::fold_member;
use crate::image::mission::StaffingReport;
use crate::image::posts::{PostEvent, PostStatus, PremisesStatus};
use crate::image::timeline::Verdicts;
use crate::image::timeline::{Provenance, Stamped, View};
use crate::image::Image;
use crate::staff::{self, AboveCap, Predates, StaffEvent};
use crate::vocab::{
    Bound, Capacity, Character, Counting, MeasureKind, PostKind, PremisesKind, ServiceLevel,
    StaffCategory, StaffFigure,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("state {0} is not registered")]
    UnknownState(StateCode),
    #[error("a relation needs two different states, got {0} twice")]
    SameState(StateCode),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Presence {
    pub as_of: CivilDate,
    /// Set when the question is "as known at" an earlier point of the journal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_through_seq: Option<u64>,
    pub missions: Vec<MissionPresence>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissionPresence {
    pub sending: StateCode,
    pub host: StateCode,
    pub posts: Vec<PostView>,
    pub premises: Vec<PremisesView>,
    pub staff: StaffView,
    /// Caps the host has in force on this mission.
    pub caps: Vec<CapView>,
    pub head_of_mission: Option<HeadView>,
    pub charge_d_affaires: Option<ChargeView>,
    /// How sure the head of mission, chargé and vacancy are on `as_of`: `uncertain` when an
    /// event dated by a period holding the day (an absence "2021-04") may not have happened yet;
    /// `start_unknown` when the head is first on record later, having arrived on a date not known.
    pub head_certainty: Certainty,
    /// When `head_certainty` is `uncertain`: the state otherwise, and the pending event's date.
    pub head_uncertain: Option<UncertainStatus>,
    pub vacant_since: Option<ValidDate>,
    /// Days from the first day of `vacant_since` to `as_of`.
    pub vacant_days: Option<i64>,
    /// Measures of the host against this mission in force on `as_of`.
    pub measures_in_force: Vec<MeasureRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostView {
    pub id: PostId,
    pub name: String,
    pub kind: PostKind,
    pub city: String,
    pub status: PostStatus,
    pub status_since: ValidDate,
    pub opened: ValidDate,
    /// True when the post existed before `opened`, its real opening date not recorded.
    pub start_unknown: bool,
    /// `certain`; `uncertain` when an event dated by a period holding `as_of` may not have
    /// happened yet (then `status` is the state once it has, `uncertain` the state otherwise);
    /// `start_unknown` when `as_of` is before `opened` and the post existed then.
    pub certainty: Certainty,
    pub uncertain: Option<UncertainStatus>,
    pub closed_by: Option<StateCode>,
    pub closing_measure: Option<MeasureId>,
    pub consular_services: Option<ServicesView>,
    pub external_ref: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServicesView {
    pub level: ServiceLevel,
    pub services: Option<String>,
    pub since: ValidDate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PremisesView {
    pub id: PremisesId,
    pub post: PostId,
    pub name: String,
    pub kind: PremisesKind,
    pub city: String,
    pub status: PremisesStatus,
    pub status_since: ValidDate,
    pub measure: Option<MeasureId>,
    /// As for posts: `certain`, `uncertain` (see `uncertain`) or `start_unknown`.
    pub certainty: Certainty,
    pub uncertain: Option<UncertainStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffView {
    /// Individuals on record who are present (arrived, not departed), by category.
    pub individuals: IndividualCounts,
    /// The mission's headline figure: of the headcounts for the whole mission on or before `as_of`,
    /// the latest under the widest counting definition reported (`all_staff`, then
    /// `sending_state_staff`, `diplomatic`, `locally_employed`), with its age. None when no
    /// report covers the whole mission.
    pub headline: Option<ReportView>,
    /// Figures that are not the headline, shown as what they count: the latest whole-mission
    /// report of each narrower counting, then the latest of each counting for some posts only
    /// when it is later than the headline; then the same for figures of staff let go.
    pub sub_counts: Vec<ReportView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndividualCounts {
    /// Members of staff present; family (VCDR Art. 37) are never counted as staff.
    pub total: u32,
    pub by_category: BTreeMap<StaffCategory, u32>,
    /// Family members of staff present, apart from the staff.
    pub family: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub date: ValidDate,
    pub value: u32,
    pub bound: Bound,
    pub counting: Counting,
    pub includes_io: bool,
    /// A headcount, or the staff let go: a figure of staff let go is only ever a sub-count.
    pub figure: StaffFigure,
    /// Empty when the figure covers the whole mission.
    pub posts: Vec<PostId>,
    pub provenance: Option<Provenance>,
    /// Days from the last day of the report's period to `as_of`: the figure is at least this old;
    /// 0 while that period has not ended.
    pub age_days: i64,
    /// A cap in force since before the report's date (and still on `as_of`) that the figure
    /// certainly exceeds: the report is recorded all the same, and flagged.
    pub above_cap: Option<AboveCap>,
    /// Caps, bans and expulsions after the report's date, on or before `as_of`, that must have
    /// changed the figure, by date.
    pub predates: Vec<Predates>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapView {
    pub measure: MeasureId,
    pub external_ref: Option<String>,
    pub kind: MeasureKind,
    pub cap: u32,
    pub counting: Counting,
    pub includes_io: bool,
    /// The day the cap bites (its deadline, if it had one).
    pub since: ValidDate,
    /// Demanded "at parity": `cap` is the other mission's size under `counting` as the record
    /// knows it, not a published figure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_parity: bool,
    /// Why no verdict rests on this cap (a court's or a local authority's, symbolic, or reported
    /// with low confidence); absent when parity counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_counted: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeadView {
    pub name: String,
    pub since: ValidDate,
    pub copies_presented: Option<ValidDate>,
    pub credentials_presented: Option<ValidDate>,
    pub absent_since: Option<ValidDate>,
    /// Away since a date nobody reported: a chargé d'affaires a.i. took charge while the head
    /// was in post and no absence is on record.
    pub absence_unreported: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargeView {
    pub name: String,
    pub since: ValidDate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureRef {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub kind: MeasureKind,
    pub effective: ValidDate,
    pub capacity: Capacity,
    pub symbolic: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureView {
    pub id: MeasureId,
    pub external_ref: Option<String>,
    pub actor: StateCode,
    pub target: StateCode,
    pub kind: MeasureKind,
    /// Its summary on its latest terms.
    pub summary: String,
    /// When it was taken (the act's date).
    pub date: ValidDate,
    /// When it bites, on its latest terms.
    pub effective: ValidDate,
    pub announced: Option<ValidDate>,
    pub deadline: Option<ValidDate>,
    pub expires: Option<ValidDate>,
    /// Known only to be in force by `date`.
    pub start_unknown: bool,
    pub lifted: Option<ValidDate>,
    /// Where it stands on the day asked.
    pub status: MeasureStatus,
    /// `status` is `in_force`.
    pub in_force: bool,
    pub character: Character,
    pub capacity: Capacity,
    pub symbolic: bool,
    /// Whether verdicts rest on it by default: the host government's, not symbolic, not
    /// low-confidence.
    pub counts_in_verdicts: bool,
    /// Its amendments and easings, in date order.
    pub stages: Vec<StageView>,
    /// What it answers, its stages' answers included, as far as the record still holds them.
    pub answers: Vec<MeasureId>,
    /// Measures it was recorded as answering that the record no longer holds for this reader
    /// (withdrawn as recorded in error by the side that took them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers_withdrawn: Vec<MeasureId>,
    /// Measures it answers that the record now dates after it (the other side corrected their
    /// date): the link stands as recorded, and is flagged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers_later: Vec<MeasureId>,
    pub scope: Scope,
    pub magnitude: Magnitude,
    pub limits: Limits,
    pub cap_at_parity: bool,
    pub counting: Option<Counting>,
    pub includes_io: bool,
    pub legal_basis: Option<String>,
    pub stated_reason: Option<String>,
    pub sources: Vec<String>,
    pub confidence: Option<crate::vocab::Confidence>,
    pub note: Option<String>,
    pub recorded_seq: u64,
}

/// A stage of a measure: amended or eased.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageView {
    pub date: ValidDate,
    /// `amended` or `eased`.
    pub kind: &'static str,
    pub summary: String,
    pub external_ref: Option<String>,
    pub sources: Vec<String>,
    pub recorded_seq: u64,
}

/// Which measures a listing returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureFilter {
    /// Taken on or before the view's date (or known to be in force by a later one), whatever
    /// their status.
    Imposed,
    /// In force on the view's date.
    InForce,
}

fn external_ref<E>(s: &Stamped<E>) -> Option<String> {
    s.external_ref().map(str::to_owned)
}

impl Image {
    /// Registered states and their names, as known now.
    pub fn states(&self) -> Vec<(StateCode, String)> {
        self.state_names()
            .map(|(code, n)| (code, n.name.clone()))
            .collect()
    }

    /// Registered states and what each is called, in the registered name's language and in
    /// others, as known now.
    pub fn state_names(&self) -> impl Iterator<Item = (StateCode, &crate::image::StateName)> {
        let view = View::everything();
        self.states.iter().filter_map(move |(code, names)| {
            names
                .iter()
                .rev()
                .find(|n| view.knows(n))
                .map(|n| (*code, &n.ev))
        })
    }

    /// Registered states, each named in `lang` (a language tag: `ru`) where a name in it is
    /// recorded, else by the name it registered.
    pub fn states_in(&self, lang: &str) -> Vec<(StateCode, String)> {
        self.state_names()
            .map(|(code, n)| (code, n.in_lang(lang).to_owned()))
            .collect()
    }

    /// One state's name in `lang`, else its registered name; `None` if it is not registered.
    pub fn state_name(&self, code: StateCode, lang: &str) -> Option<String> {
        self.state_names()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n.in_lang(lang).to_owned())
    }

    /// Checks that `a` and `b` are two states registered as the view knows the record: asked
    /// "as known through" a point before a state was registered, that state is unknown.
    pub(crate) fn check_relation(
        &self,
        a: StateCode,
        b: StateCode,
        view: &View,
    ) -> Result<RelationKey, QueryError> {
        if a == b {
            return Err(QueryError::SameState(a));
        }
        for s in [a, b] {
            let known = self
                .states
                .get(&s)
                .is_some_and(|names| names.iter().any(|n| view.knows(n)));
            if !known {
                return Err(QueryError::UnknownState(s));
            }
        }
        Ok(RelationKey::new(a, b))
    }

    /// Each side's presence in the other's territory as the view sees it.
    pub fn presence(&self, a: StateCode, b: StateCode, view: View) -> Result<Presence, QueryError> {
        self.check_relation(a, b, &view)?;
        Ok(Presence {
            as_of: view.as_of,
            known_through_seq: view.known_through.act(),
            missions: vec![self.mission(a, b, view), self.mission(b, a, view)],
        })
    }

    fn mission(&self, sending: StateCode, host: StateCode, view: View) -> MissionPresence {
        let key = MissionKey { sending, host };
        let record = self.missions.get(&key);
        let post_ids: &[PostId] = record.map_or(&[], |m| &m.posts);

        let start = self.record_start(RelationKey::new(sending, host), &view);
        let mut posts = Vec::new();
        let mut premises = Vec::new();
        for id in post_ids {
            let Some(r) = self.posts.get(id) else {
                continue;
            };
            let Some((settled, _)) = settled_post(id, &r.events, &view, start) else {
                continue;
            };
            let s = settled.state;
            posts.push(PostView {
                id: id.clone(),
                name: s.info.name.clone(),
                kind: s.info.kind,
                city: s.info.city.clone(),
                status: s.status,
                status_since: s.status_since,
                opened: s.opened.date,
                start_unknown: s.info.start_unknown,
                certainty: settled.certainty,
                uncertain: settled.uncertain,
                closed_by: s.closed_by,
                closing_measure: s.closing_measure.cloned(),
                consular_services: s.services.map(|(level, services, since)| ServicesView {
                    level,
                    services: services.map(str::to_owned),
                    since,
                }),
                external_ref: external_ref(s.opened),
            });
        }
        let premises_ids: &[PremisesId] = record.map_or(&[], |m| &m.premises);
        for id in premises_ids {
            let Some(r) = self.premises.get(id) else {
                continue;
            };
            let Some((settled, _)) = settled_premises(id, &r.events, &view, start) else {
                continue;
            };
            let s = settled.state;
            premises.push(PremisesView {
                id: id.clone(),
                post: s.info.post.clone(),
                name: s.info.name.clone(),
                kind: s.info.kind,
                city: s.info.city.clone(),
                status: s.status,
                status_since: s.status_since,
                measure: s.measure.cloned(),
                certainty: settled.certainty,
                uncertain: settled.uncertain,
            });
        }

        let mut by_category = BTreeMap::new();
        let (mut total, mut family) = (0, 0);
        for id in record.map_or(&[][..], |m| &m.members[..]) {
            let Some(r) = self.members.get(id) else {
                continue;
            };
            if let Some(s) = fold_member(id, view.filter(&r.events)).ok().flatten() {
                if s.present && s.info.category == StaffCategory::Family {
                    family += 1;
                } else if s.present {
                    *by_category.entry(s.info.category).or_insert(0) += 1;
                    total += 1;
                }
            }
        }
        let no_heads = Vec::new();
        let head_events = record.map_or(&no_heads, |m| &m.heads);
        let split = view.split(head_events, start, |e| e.event.existed_before());
        let known = || view.known(head_events);
        let settled = settle(
            &view,
            head_events,
            split,
            |n| Some(fold_heads("", known().take(n)).unwrap_or_default()),
            |s| s.map(HeadState::standing),
            |s| s.map_or_else(|| HeadState::default().said(), HeadState::said),
        );
        let (heads, head_certainty, head_uncertain) = settled
            .map(|s| (s.state, s.certainty, s.uncertain))
            .unwrap_or_default();
        let head_of_mission = heads.head.as_ref().map(|h| HeadView {
            name: h.person.to_owned(),
            since: h.since,
            copies_presented: h.copies_presented,
            credentials_presented: h.credentials_presented,
            absent_since: h.absent_since,
            absence_unreported: h.absence_unreported,
        });
        let charge_d_affaires = heads.charge.map(|(name, since)| ChargeView {
            name: name.to_owned(),
            since,
        });
        let vacant_since = if head_of_mission.is_none() {
            heads.vacant_since
        } else {
            None
        };

        let in_force: Vec<MeasureState<'_>> = self
            .measure_states(host, sending, view)
            .into_iter()
            .filter(|(_, s)| s.in_force())
            .map(|(_, s)| s)
            .collect();
        let caps: Vec<CapView> = in_force
            .iter()
            .filter(|s| s.measure.measure_kind.is_cap())
            .flat_map(|s| self.cap_views(s, sending, host, view))
            .collect();
        let measures_in_force = in_force.iter().map(measure_ref).collect();

        let (headline, sub_counts) = self.staff_figures(sending, host, view, &caps);

        MissionPresence {
            sending,
            host,
            posts,
            premises,
            staff: StaffView {
                individuals: IndividualCounts {
                    total,
                    by_category,
                    family,
                },
                headline,
                sub_counts,
            },
            caps,
            head_of_mission,
            charge_d_affaires,
            head_certainty,
            head_uncertain,
            vacant_days: vacant_since.map(|v| v.earliest().days_until(view.as_of)),
            vacant_since,
            measures_in_force,
        }
    }

    /// Each limit of a cap in force against the mission of `sending` in `host`. A cap "at
    /// parity" takes the other mission's latest reported size under its counting; with none
    /// reported, it is left out (nothing to compare).
    pub(crate) fn cap_views(
        &self,
        s: &MeasureState<'_>,
        sending: StateCode,
        host: StateCode,
        view: View,
    ) -> Vec<CapView> {
        let mut caps = cap_view(s);
        if caps.is_empty() {
            if let Some((counting, figure)) = self.parity_figure(s, sending, host, view) {
                caps.push(cap_entry(s, counting, figure));
            }
        }
        caps
    }

    /// The figure a cap "at parity" with no published limit stands at: the latest whole-mission
    /// headcount of the other mission (`host`'s in `sending`) under the cap's counting that the
    /// view sees and may rest a verdict on.
    /// `None` for any other measure, or when no such headcount is on record.
    pub(crate) fn parity_figure(
        &self,
        s: &MeasureState<'_>,
        sending: StateCode,
        host: StateCode,
        view: View,
    ) -> Option<(Counting, u32)> {
        if !s.measure.cap_at_parity || !s.caps().is_empty() {
            return None;
        }
        let counting = s.terms().counting;
        let m = self.missions.get(&MissionKey {
            sending: host,
            host: sending,
        })?;
        // Only a whole-mission headcount under the same counting, with international
        // organisations counted alike, that a verdict may rest on (not low confidence unless
        // asked), sets the figure: one post's count or a rumour does not cap a mission.
        view.filter(&m.reports)
            .filter(|r| {
                r.ev.counting == counting
                    && r.ev.figure.is_headcount()
                    && r.ev.posts.is_empty()
                    && r.ev.includes_io == s.measure.includes_io
                    && view.weighs(r)
            })
            .last()
            .map(|r| (counting, r.ev.value))
    }

    /// Measures by `actor` against `target` that the view sees, in the order first recorded.
    pub(crate) fn measure_states(
        &self,
        actor: StateCode,
        target: StateCode,
        view: View,
    ) -> Vec<(&MeasureId, MeasureState<'_>)> {
        let Some(rel) = self.relations.get(&RelationKey::new(actor, target)) else {
            return Vec::new();
        };
        let mut states: Vec<(&MeasureId, MeasureState<'_>)> = rel
            .measures
            .iter()
            .filter_map(|id| {
                let r = self.measures.get(id)?;
                if (r.actor, r.target) != (actor, target) {
                    return None;
                }
                Some((id, r.state(&view)?))
            })
            .collect();
        self.drop_before_record(
            &mut states,
            RelationKey::new(actor, target),
            &view,
            |(_, s)| s.before_first_known,
        );
        states
    }

    /// A measure known only to be in force by a later date is uncertain before it, but only
    /// from the day the relation's record begins: before that the record says nothing at all.
    /// (The scan for the record's start runs only when such a measure is in the view.)
    pub(crate) fn drop_before_record<T>(
        &self,
        states: &mut Vec<T>,
        key: RelationKey,
        view: &View,
        before_first_known: impl Fn(&T) -> bool,
    ) {
        if !states.iter().any(&before_first_known) {
            return;
        }
        let start = self.record_start(key, view);
        states.retain(|s| !before_first_known(s) || start.is_some_and(|d| d <= view.as_of));
    }

    /// Every staffing figure reported for the mission of `sending` in `host` that the view
    /// sees, by date (corrections applied), each with its age. What a figure predates and the
    /// cap it exceeds are worked out for the figures `presence` shows, not here.
    pub fn staffing_reports(
        &self,
        sending: StateCode,
        host: StateCode,
        view: View,
    ) -> Vec<ReportView> {
        self.missions
            .get(&MissionKey { sending, host })
            .map(|m| {
                view.filter(&m.reports)
                    .map(|r| report_view(r, view.as_of))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The mission's headline figure and sub-counts ([`staff::pick`]), each with its age, the
    /// cap it exceeds and what it predates, against `caps` (those in force on the view's date).
    /// Only the few figures shown are built and annotated.
    fn staff_figures(
        &self,
        sending: StateCode,
        host: StateCode,
        view: View,
        caps: &[CapView],
    ) -> (Option<ReportView>, Vec<ReportView>) {
        let Some(m) = self.missions.get(&MissionKey { sending, host }) else {
            return (None, Vec::new());
        };
        let seen: Vec<&Stamped<StaffingReport>> = view.filter(&m.reports).collect();
        let keys: Vec<staff::Key> = seen
            .iter()
            .map(|r| staff::Key {
                whole: r.ev.posts.is_empty(),
                counting: r.ev.counting,
                figure: r.ev.figure,
            })
            .collect();
        let (headline, subs) = staff::pick(&keys);
        if headline.is_none() && subs.is_empty() {
            return (None, Vec::new());
        }
        // Only expulsions can thin a mission; a view of every measure would copy them all.
        let measures: Vec<MeasureView> = self
            .measure_states(host, sending, view)
            .iter()
            .filter(|(_, s)| s.measure.measure_kind == MeasureKind::Expulsion)
            .map(|(_, s)| self.measure_view(s, view))
            .collect();
        let events: Vec<StaffEvent> = staff::expulsions(&measures);
        let shown = |i: usize| {
            let mut v = report_view(seen[i], view.as_of);
            v.above_cap = staff::above_cap(&v, caps);
            v.predates = staff::predates(&v, caps, &events);
            v
        };
        (headline.map(shown), subs.into_iter().map(shown).collect())
    }

    /// The dates on which a post of either side opened, was suspended, resumed or closed, as
    /// the view sees them: the only dates on which the count of posts can change.
    pub fn post_status_dates(&self, a: StateCode, b: StateCode, view: View) -> Vec<ValidDate> {
        let mut dates: Vec<ValidDate> = [(a, b), (b, a)]
            .into_iter()
            .filter_map(|(sending, host)| self.missions.get(&MissionKey { sending, host }))
            .flat_map(|m| &m.posts)
            .filter_map(|id| self.posts.get(id))
            .flat_map(|p| view.filter(&p.events))
            .filter(|e| {
                !matches!(
                    e.ev,
                    PostEvent::Services(_) | PostEvent::Consular(_) | PostEvent::Issued(_)
                )
            })
            .map(|e| e.date)
            .collect();
        dates.sort();
        dates.dedup();
        dates
    }

    /// Measures of both sides of the relation, ordered by effective date.
    pub fn measures(
        &self,
        a: StateCode,
        b: StateCode,
        view: View,
        filter: MeasureFilter,
    ) -> Result<Vec<MeasureView>, QueryError> {
        self.check_relation(a, b, &view)?;
        let mut out: Vec<MeasureView> = self
            .measure_states(a, b, view)
            .into_iter()
            .chain(self.measure_states(b, a, view))
            .filter(|(_, s)| filter == MeasureFilter::Imposed || s.in_force())
            .map(|(_, s)| self.measure_view(&s, view))
            .collect();
        out.sort_by_key(|m| (m.date, m.recorded_seq));
        Ok(out)
    }
}

pub(crate) fn report_view(r: &Stamped<StaffingReport>, as_of: CivilDate) -> ReportView {
    ReportView {
        date: r.date,
        value: r.ev.value,
        bound: r.ev.bound,
        counting: r.ev.counting,
        includes_io: r.ev.includes_io,
        figure: r.ev.figure,
        posts: r.ev.posts.clone(),
        provenance: r.provenance.as_deref().cloned(),
        age_days: staff::age_days(r.date, as_of),
        above_cap: None,
        predates: Vec::new(),
    }
}

pub(crate) fn measure_ref(s: &MeasureState<'_>) -> MeasureRef {
    MeasureRef {
        id: s.measure.measure.clone(),
        external_ref: external_ref(s.imposed),
        kind: s.measure.measure_kind,
        effective: s.terms().effective,
        capacity: s.measure.capacity(),
        symbolic: s.measure.symbolic,
    }
}

/// Each limit of a staff cap or local-staff limit as the views show it (none for any other
/// measure): the one place that reads caps out of a measure for the staff figures. A cap "at
/// parity" has no figure of its own here; presence adds the other mission's size.
pub(crate) fn cap_view(s: &MeasureState<'_>) -> Vec<CapView> {
    if !s.measure.measure_kind.is_cap() {
        return Vec::new();
    }
    s.caps()
        .into_iter()
        .map(|(counting, cap)| cap_entry(s, counting, cap))
        .collect()
}

/// One limit of a cap as the views show it.
fn cap_entry(s: &MeasureState<'_>, counting: Counting, cap: u32) -> CapView {
    let m = s.measure;
    CapView {
        measure: m.measure.clone(),
        external_ref: external_ref(s.imposed),
        kind: m.measure_kind,
        cap,
        counting,
        includes_io: m.includes_io,
        since: s.terms().effective,
        at_parity: m.cap_at_parity,
        not_counted: s.not_counted_because(Verdicts::default()),
    }
}

impl Image {
    fn measure_view(&self, s: &MeasureState<'_>, view: View) -> MeasureView {
        let (answers, answers_withdrawn) = s
            .answers()
            .into_iter()
            .cloned()
            .partition(|id| self.measures.get(id).is_some_and(|r| r.known_to(&view)));
        let mut v = measure_view(s, answers, answers_withdrawn);
        v.answers_later = v
            .answers
            .iter()
            .filter(|id| {
                self.measures
                    .get(*id)
                    .and_then(|r| r.state(&view.on(View::everything().as_of)))
                    .is_some_and(|o| o.imposed.date.certainly_after(s.imposed.date))
            })
            .cloned()
            .collect();
        v
    }
}

fn measure_view(
    s: &MeasureState<'_>,
    answers: Vec<MeasureId>,
    answers_withdrawn: Vec<MeasureId>,
) -> MeasureView {
    let m = s.measure;
    let t = s.terms();
    let p = s.imposed.provenance.as_deref();
    MeasureView {
        id: m.measure.clone(),
        external_ref: external_ref(s.imposed),
        actor: m.actor,
        target: m.target,
        kind: m.measure_kind,
        summary: t.summary.to_owned(),
        date: s.imposed.date,
        effective: t.effective,
        announced: m.announced,
        deadline: t.deadline,
        expires: t.expires,
        start_unknown: m.start_unknown,
        lifted: s.lifted.map(|l| l.date),
        status: s.status(),
        in_force: s.in_force(),
        character: s.character(),
        capacity: m.capacity(),
        symbolic: m.symbolic,
        counts_in_verdicts: s.counts_for(Verdicts::default()),
        stages: s
            .stages
            .iter()
            .filter_map(|e| match &e.ev {
                MeasureEvent::Amended(c) | MeasureEvent::Eased(c) => Some(StageView {
                    date: e.date,
                    kind: if matches!(e.ev, MeasureEvent::Eased(_)) {
                        "eased"
                    } else {
                        "amended"
                    },
                    summary: c.summary.clone(),
                    external_ref: external_ref(e),
                    sources: e
                        .provenance
                        .as_deref()
                        .map(|p| p.sources.clone())
                        .unwrap_or_default(),
                    recorded_seq: e.seq,
                }),
                _ => None,
            })
            .collect(),
        answers,
        answers_withdrawn,
        answers_later: Vec::new(),
        scope: t.scope.clone(),
        magnitude: t.magnitude.clone(),
        limits: t.limits.clone(),
        cap_at_parity: m.cap_at_parity,
        counting: m.measure_kind.is_cap().then_some(t.counting).or(m.counting),
        includes_io: m.includes_io,
        legal_basis: m.legal_basis.clone(),
        stated_reason: m.stated_reason.clone(),
        sources: p.map(|p| p.sources.clone()).unwrap_or_default(),
        confidence: p.and_then(|p| p.confidence),
        note: p.and_then(|p| p.note.clone()),
        recorded_seq: s.imposed.seq,
    }
}
