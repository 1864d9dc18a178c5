//! The diplomatic list of a mission (or one post) as of a day: each member of staff on record
//! with their VCDR category, arrival and status (a persona non grata's deadline to leave with
//! the days left or overdue), and the totals per category against the caps and limits in force.
//!
//! Built from the same views as every query, so it is scoped by the view's reader: a member
//! recorded internally by the other party is as absent as one never recorded.
//!
//! Imprecise dates are never made precise (image/asof.rs): a member whose arrival or departure
//! is dated by a period holding the day is `uncertain`, and every count that depends on such a
//! member is a range (`at_least` .. `at_most`), so a cap is "breached" only when the lower end
//! exceeds it and "may be breached" when only the upper end does.
//!
//! What the record does not hold is said, not invented: members are recorded without a
//! function (only their VCDR category), and no act records an individual visa application, so
//! "visas pending" is the visa measures in force against the mission (restrictions, replacements
//! barred), which is what holds visas up on the record.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::{CivilDate, ValidDate};
use crate::ids::{MeasureId, MemberId, MissionKey, PostId, StateCode};
use crate::image::asof::{settle, Certainty, StateSaid, UncertainStatus};
use crate::image::members::{fold_member, MemberEvent, MemberState, MemberStatus};
use crate::image::timeline::View;
use crate::image::Image;
use crate::query::{measure_ref, CapView, MeasureRef, QueryError};
use crate::vocab::{Counting, MeasureKind, StaffCategory};

/// Why a diplomatic list cannot be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The sending state asked for is neither state of the relation.
    #[error("state {0} is not a party to this relation")]
    NotAParty(StateCode),
    /// The post is not one of the relation's posts as the view's reader sees the record.
    #[error("post {0} is not a post of this relation")]
    UnknownPost(PostId),
}

/// The diplomatic list of one or both missions of a relation, as of the view's day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiplomaticList {
    pub as_of: CivilDate,
    /// Set when the question is "as known at" an earlier point of the journal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_through_seq: Option<u64>,
    /// The post the list is restricted to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<PostId>,
    pub missions: Vec<MissionList>,
}

/// One sending state's mission in the host state.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissionList {
    pub sending: StateCode,
    pub host: StateCode,
    /// Everyone on record as of the day (notified by then, or possibly so), by post, category
    /// and name; those who left stay listed with their departure.
    pub members: Vec<ListedMember>,
    /// Members present (arrived, not departed; a persona non grata is present until their
    /// departure is recorded) per category, as ranges. Family are apart (VCDR Art. 37).
    pub totals: Vec<CategoryTotal>,
    /// Family members present, apart from the staff.
    pub family: Range,
    /// Each limit of a cap in force against the mission, against the members present it
    /// counts. Caps apply to the whole mission, so a post's list compares the mission's count.
    pub limits: Vec<LimitCheck>,
    /// The visa measures in force against the mission (the record holds no individual visa
    /// applications; these are what hold diplomatic visas up).
    pub visa_measures: Vec<MeasureRef>,
}

/// A count that depends on imprecise dates: certainly at least `at_least`, at most `at_most`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Range {
    pub at_least: u32,
    pub at_most: u32,
}

impl Range {
    pub fn exact(&self) -> Option<u32> {
        (self.at_least == self.at_most).then_some(self.at_least)
    }

    fn add(&mut self, certainly: bool, possibly: bool) {
        self.at_least += u32::from(certainly);
        self.at_most += u32::from(possibly);
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.exact() {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "{}–{}", self.at_least, self.at_most),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryTotal {
    pub category: StaffCategory,
    pub present: Range,
}

/// Whether a count exceeds a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Breach {
    Within,
    /// The count exceeds the limit only if an event dated by a period holding the day has
    /// happened (or not) by then.
    MayBeBreached,
    Breached,
}

/// One limit of a cap in force against the members present it counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LimitCheck {
    pub cap: CapView,
    /// The whole mission's members present that `cap.counting` counts.
    pub counted: Range,
    pub breach: Breach,
}

/// A member of staff on the list.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListedMember {
    pub id: MemberId,
    pub post: PostId,
    pub name: String,
    pub category: StaffCategory,
    /// For category `family`: whose household.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_of: Option<MemberId>,
    pub notified: ValidDate,
    /// On the staff before `notified`, the real date not recorded.
    pub start_unknown: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrived: Option<ValidDate>,
    /// The status once every event that may have happened by the day has.
    pub status: MemberStatus,
    pub status_since: ValidDate,
    /// `uncertain` when an event dated by a period holding the day may not have happened yet
    /// (then `uncertain` says the status otherwise).
    pub certainty: Certainty,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<UncertainStatus>,
    /// Present in the host state on the day (a range of one member: certainly, possibly).
    pub present: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persona_non_grata: Option<PngView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub departed: Option<ValidDate>,
}

/// A declaration of persona non grata and the deadline to leave.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PngView {
    pub declared: ValidDate,
    pub by: StateCode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ValidDate>,
    pub standing: Deadline,
    /// Days from the day asked to the deadline's last day (0: today is the last day); negative
    /// once passed. Absent with no deadline, or when the member has left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
}

/// Where a persona non grata's deadline to leave stands on the day asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Deadline {
    /// No deadline on record.
    NoDeadline,
    /// Not yet past: the member may still leave on time.
    Running,
    /// The deadline is a period holding the day: it may have passed.
    MayHavePassed,
    /// Past its last day and no departure on record.
    Overdue,
    /// The member left (on time or not: `departed` and `deadline` say).
    Left,
}

/// Where a deadline stands on `on`, with the days left to its last day.
pub fn deadline_standing(
    deadline: Option<ValidDate>,
    left: bool,
    on: CivilDate,
) -> (Deadline, Option<i64>) {
    match deadline {
        _ if left => (Deadline::Left, None),
        None => (Deadline::NoDeadline, None),
        Some(d) => {
            let days = on.days_until(d.latest());
            let standing = if on > d.latest() {
                Deadline::Overdue
            } else if on > d.earliest() {
                // Inside a deadline of a month or a year: it has not certainly passed.
                Deadline::MayHavePassed
            } else {
                Deadline::Running
            };
            (standing, Some(days))
        }
    }
}

fn status_words(s: Option<&MemberState<'_>>) -> StateSaid {
    StateSaid::Member(s.map(|s| s.status))
}

impl Image {
    /// The diplomatic list of the relation between `a` and `b` as the view sees it: both
    /// missions, or the mission of `sending` only; all posts, or `post` only (a post of either
    /// mission; with `sending` it must be that mission's).
    pub fn diplomatic_list(
        &self,
        a: StateCode,
        b: StateCode,
        sending: Option<StateCode>,
        post: Option<&PostId>,
        view: View,
    ) -> Result<DiplomaticList, ListError> {
        let key = self.check_relation(a, b, &view)?;
        if let Some(s) = sending.filter(|s| *s != a && *s != b) {
            return Err(ListError::NotAParty(s));
        }
        let sides: Vec<(StateCode, StateCode)> = [(a, b), (b, a)]
            .into_iter()
            .filter(|(s, _)| sending.is_none_or(|x| x == *s))
            .collect();
        if let Some(p) = post {
            let visible = sides.iter().any(|(sending, host)| {
                self.mission_record(&MissionKey {
                    sending: *sending,
                    host: *host,
                })
                .is_some_and(|m| m.posts.contains(p))
                    && self
                        .post_record(p)
                        .is_some_and(|r| view.known(&r.events).next().is_some())
            });
            if !visible {
                return Err(ListError::UnknownPost(p.clone()));
            }
        }
        let start = self.record_start(key, &view);
        let missions = sides
            .into_iter()
            .filter(|(s, h)| {
                // A post's list shows its own mission only.
                post.is_none_or(|p| {
                    self.mission_record(&MissionKey {
                        sending: *s,
                        host: *h,
                    })
                    .is_some_and(|m| m.posts.contains(p))
                })
            })
            .map(|(s, h)| self.mission_list(s, h, post, view, start))
            .collect();
        Ok(DiplomaticList {
            as_of: view.as_of,
            known_through_seq: view.known_through.act(),
            post: post.cloned(),
            missions,
        })
    }

    fn mission_list(
        &self,
        sending: StateCode,
        host: StateCode,
        post: Option<&PostId>,
        view: View,
        start: Option<CivilDate>,
    ) -> MissionList {
        let ids: &[MemberId] = self
            .mission_record(&MissionKey { sending, host })
            .map_or(&[], |m| &m.members);
        let all: Vec<ListedMember> = ids
            .iter()
            .filter_map(|id| self.listed_member(id, view, start))
            .collect();

        let mut by_category: BTreeMap<StaffCategory, Range> = BTreeMap::new();
        let mut family = Range::default();
        for m in all.iter().filter(|m| post.is_none_or(|p| &m.post == p)) {
            let (certainly, possibly) = (m.present.at_least > 0, m.present.at_most > 0);
            if m.category == StaffCategory::Family {
                family.add(certainly, possibly);
            } else if possibly {
                by_category
                    .entry(m.category)
                    .or_default()
                    .add(certainly, possibly);
            }
        }

        let in_force: Vec<_> = self
            .measure_states(host, sending, view)
            .into_iter()
            .filter(|(_, s)| s.in_force())
            .map(|(_, s)| s)
            .collect();
        let limits = in_force
            .iter()
            .filter(|s| s.measure.measure_kind.is_cap())
            .flat_map(|s| self.cap_views(s, sending, host, view))
            .map(|cap| {
                let counted = count_under(&all, cap.counting);
                let breach = if counted.at_least > cap.cap {
                    Breach::Breached
                } else if counted.at_most > cap.cap {
                    Breach::MayBeBreached
                } else {
                    Breach::Within
                };
                LimitCheck {
                    cap,
                    counted,
                    breach,
                }
            })
            .collect();
        let visa_measures = in_force
            .iter()
            .filter(|s| {
                matches!(
                    s.measure.measure_kind,
                    MeasureKind::VisaRestriction | MeasureKind::ReplacementsBarred
                )
            })
            .map(measure_ref)
            .collect();

        let mut members: Vec<ListedMember> = all
            .into_iter()
            .filter(|m| post.is_none_or(|p| &m.post == p))
            .collect();
        members.sort_by(|x, y| {
            (&x.post, x.category, &x.name, &x.id).cmp(&(&y.post, y.category, &y.name, &y.id))
        });
        MissionList {
            sending,
            host,
            members,
            totals: by_category
                .into_iter()
                .map(|(category, present)| CategoryTotal { category, present })
                .collect(),
            family,
            limits,
            visa_measures,
        }
    }

    /// One member as of the view's day, settled; `None` when not yet notified (or hidden).
    fn listed_member(
        &self,
        id: &MemberId,
        view: View,
        start: Option<CivilDate>,
    ) -> Option<ListedMember> {
        let r = self.member_record(id)?;
        let split = view.split(
            &r.events,
            start,
            |e| matches!(e, MemberEvent::Notified(i) if i.start_unknown),
        );
        let known = || view.known(&r.events);
        let fold = |n: usize| fold_member(id, known().take(n)).ok().flatten();
        let settled = settle(
            &view,
            &r.events,
            split,
            fold,
            |s| s.map(|s| (s.status, s.present)),
            status_words,
        )?;
        // Present certainly if so after every number of the pending events, possibly if after
        // any: a range of one.
        let present_after: Vec<bool> = (split.certain..=split.possible)
            .map(|n| fold(n).is_some_and(|s| s.present))
            .collect();
        let present = Range {
            at_least: u32::from(present_after.iter().all(|p| *p)),
            at_most: u32::from(present_after.iter().any(|p| *p)),
        };
        let s = settled.state;
        let seen: Vec<_> = known().take(split.possible).collect();
        let notified = seen.first().map(|e| e.date)?;
        let arrived = seen
            .iter()
            .find(|e| matches!(e.ev, MemberEvent::Arrived { .. }))
            .map(|e| e.date);
        let departed = seen
            .iter()
            .find(|e| matches!(e.ev, MemberEvent::Departed))
            .map(|e| e.date);
        let persona_non_grata = seen.iter().find_map(|e| match &e.ev {
            MemberEvent::DeclaredPng {
                by,
                deadline,
                measure,
            } => {
                let (standing, days_left) =
                    deadline_standing(*deadline, departed.is_some(), view.as_of);
                Some(PngView {
                    declared: e.date,
                    by: *by,
                    measure: measure.clone(),
                    deadline: *deadline,
                    standing,
                    days_left,
                })
            }
            _ => None,
        });
        Some(ListedMember {
            id: id.clone(),
            post: s.info.post.clone(),
            name: s.info.name.clone(),
            category: s.info.category,
            family_of: s.info.family_of.clone(),
            notified,
            start_unknown: s.info.start_unknown,
            arrived,
            status: s.status,
            status_since: s.status_since,
            certainty: settled.certainty,
            uncertain: settled.uncertain,
            present,
            persona_non_grata,
            departed,
        })
    }
}

/// The members present that a counting definition counts, as a range.
fn count_under(members: &[ListedMember], counting: Counting) -> Range {
    let mut r = Range::default();
    for m in members.iter().filter(|m| counting.counts(m.category)) {
        r.add(m.present.at_least > 0, m.present.at_most > 0);
    }
    r
}

#[cfg(test)]
mod tests;
