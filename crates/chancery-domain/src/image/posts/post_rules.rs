//! The rules of acts about posts, next to the posts' fold.

use crate::access::Reader;
use crate::act::PostAct;
use crate::date::ValidDate;
use crate::ids::{PostId, RelationKey, StateCode};
use crate::image::subject::{alone, by_states, Checking, Placing, SubjectRules};
use crate::image::timeline::Stamped;
use crate::image::visibility::Named;
use crate::image::{Image, ReplayError, Touched};
use crate::rules::{RuleCode, RuleViolation};

use super::{ConsularFigure, Issuance, PostEvent, PostInfo, PostRecord, ServicesChange};

fn events_of<'a>(
    image: &'a mut Image,
    at: &Placing,
    post: &PostId,
) -> Result<&'a mut Vec<Stamped<PostEvent>>, ReplayError> {
    image
        .posts
        .get_mut(post)
        .map(|r| &mut r.events)
        .ok_or_else(|| at.missing("post", post))
}

impl SubjectRules for PostAct {
    fn touched(&self, _image: &Image, _reader: Reader) -> Vec<Touched> {
        match self {
            PostAct::Opened { post, .. }
            | PostAct::Suspended { post, .. }
            | PostAct::Resumed { post }
            | PostAct::Closed { post, .. }
            | PostAct::Reopened { post, .. } => vec![Touched::Post(post.clone())],
            PostAct::ServicesChanged { posts, .. } | PostAct::IssuanceReported { posts, .. } => {
                posts.iter().cloned().map(Touched::Post).collect()
            }
            PostAct::ConsularStaffReported { post, .. }
            | PostAct::ProductivitySet { post, .. }
            | PostAct::DemandReported { post, .. } => vec![Touched::Post(post.clone())],
        }
    }

    fn check(&self, image: &Image, at: Checking) -> Result<(), RuleViolation> {
        match self {
            PostAct::Opened {
                post,
                sending,
                host,
                ..
            } => {
                image.pair(*sending, *host, "sending", "host")?;
                if image.posts.contains_key(post) && !at.correcting {
                    return Err(crate::image::checks::dup(
                        crate::rules::Thing::Post,
                        post,
                        "post",
                    ));
                }
                Ok(())
            }
            PostAct::Suspended { post, by, .. } => {
                let p = image.post(post, "post")?;
                image.party_of_post(p, *by)
            }
            PostAct::Closed {
                post, by, measure, ..
            } => {
                let p = image.post(post, "post")?;
                image.party_of_post(p, *by)?;
                image.cited_measure(measure.as_ref(), p.sending, p.host, at.reader)
            }
            PostAct::Resumed { post } => image.post(post, "post").map(drop),
            PostAct::ConsularStaffReported { post, .. }
            | PostAct::ProductivitySet { post, .. }
            | PostAct::DemandReported { post, .. } => image.post(post, "post").map(drop),
            PostAct::IssuanceReported {
                posts,
                applies_to,
                period_start,
                period_end,
                ..
            } => {
                listed_once(posts, "posts", "post")?;
                listed_once(applies_to, "applies_to", "service")?;
                one_mission(image, posts)?;
                check_period(*period_start, *period_end, at.date)?;
                let issuance =
                    issuance_of(posts, applies_to, (*period_start, *period_end), (0, false));
                image.check_issued_in_open_life(&issuance, at.reader)
            }
            PostAct::Reopened { post, measure } => {
                let p = image.post(post, "post")?;
                image.cited_measure(measure.as_ref(), p.sending, p.host, at.reader)?;
                image.check_closure_lifted(post, at)
            }
            PostAct::ServicesChanged {
                posts,
                level,
                routed_to,
                forced_by,
                ..
            } => match one_mission(image, posts)? {
                Some((sending, host)) => {
                    image.check_routing(sending, *level, routed_to, posts, at.date, at.reader)?;
                    image.check_forced_by(sending, host, forced_by, at.reader)
                }
                None => Ok(()),
            },
        }
    }

    fn moves_record(&self, image: &Image) -> bool {
        match self {
            PostAct::Opened {
                post,
                sending,
                host,
                ..
            } => image
                .posts
                .get(post)
                .is_some_and(|r| (r.sending, r.host) != (*sending, *host)),
            _ => false,
        }
    }

    fn place(&self, image: &mut Image, at: &Placing) -> Result<(), ReplayError> {
        match self {
            PostAct::Opened {
                post,
                sending,
                host,
                post_kind,
                name,
                city,
                names,
                city_names,
                start_unknown,
            } => {
                let record = image
                    .posts
                    .entry(post.clone())
                    .or_insert_with(|| PostRecord {
                        id: post.clone(),
                        sending: *sending,
                        host: *host,
                        events: Vec::new(),
                    });
                let fresh = record.events.is_empty();
                at.push(
                    &mut record.events,
                    PostEvent::Opened(PostInfo {
                        kind: *post_kind,
                        name: name.clone(),
                        city: city.clone(),
                        names: names.clone(),
                        city_names: city_names.clone(),
                        start_unknown: *start_unknown,
                    }),
                );
                if fresh {
                    let m = image.mission_mut(*sending, *host);
                    m.posts.push(post.clone());
                }
            }
            PostAct::Suspended { post, by, reason } => at.push(
                events_of(image, at, post)?,
                PostEvent::Suspended {
                    by: *by,
                    reason: reason.clone(),
                },
            ),
            PostAct::Resumed { post } => at.push(events_of(image, at, post)?, PostEvent::Resumed),
            PostAct::ConsularStaffReported {
                post,
                officers,
                local_staff,
                estimate,
            } => at.push(
                events_of(image, at, post)?,
                PostEvent::Consular(ConsularFigure::Staff {
                    officers: *officers,
                    local_staff: *local_staff,
                    estimate: *estimate,
                }),
            ),
            PostAct::ProductivitySet {
                post,
                service,
                cases_per_officer_day,
            } => at.push(
                events_of(image, at, post)?,
                PostEvent::Consular(ConsularFigure::Productivity {
                    service: *service,
                    cases_per_officer_day: *cases_per_officer_day,
                }),
            ),
            PostAct::DemandReported {
                post,
                service,
                per_week,
                estimate,
            } => at.push(
                events_of(image, at, post)?,
                PostEvent::Consular(ConsularFigure::Demand {
                    service: *service,
                    per_week: *per_week,
                    estimate: *estimate,
                }),
            ),
            PostAct::Reopened { post, measure } => at.push(
                events_of(image, at, post)?,
                PostEvent::Reopened {
                    measure: measure.clone(),
                },
            ),
            PostAct::Closed {
                post,
                by,
                reason,
                measure,
            } => at.push(
                events_of(image, at, post)?,
                PostEvent::Closed {
                    by: *by,
                    reason: reason.clone(),
                    measure: measure.clone(),
                },
            ),
            PostAct::IssuanceReported {
                posts,
                applies_to,
                period_start,
                period_end,
                issued,
                estimate,
            } => {
                let issuance = issuance_of(
                    posts,
                    applies_to,
                    (*period_start, *period_end),
                    (*issued, *estimate),
                );
                for post in posts {
                    at.push(
                        events_of(image, at, post)?,
                        PostEvent::Issued(Box::new(issuance.clone())),
                    );
                }
            }
            PostAct::ServicesChanged {
                posts,
                level,
                services,
                applies_to,
                routed_to,
                forced_by,
            } => {
                let change = ServicesChange {
                    level: *level,
                    services: services.clone(),
                    applies_to: applies_to.clone(),
                    routed_to: routed_to.clone(),
                    forced_by: forced_by.clone(),
                };
                for post in posts {
                    at.push(
                        events_of(image, at, post)?,
                        PostEvent::Services(Box::new(change.clone())),
                    );
                }
            }
        }
        Ok(())
    }

    fn acting(&self, image: &Image) -> Vec<StateCode> {
        match self {
            PostAct::Suspended { by, .. } | PostAct::Closed { by, .. } => vec![*by],
            PostAct::Opened { sending, .. } => vec![*sending],
            // A count of the posts' own work: the sending state's to report.
            PostAct::ServicesChanged { posts, .. } | PostAct::IssuanceReported { posts, .. } => {
                posts
                    .iter()
                    .filter_map(|p| image.sending_of_post(p))
                    .collect()
            }
            // The consular section's own figures: the sending state's to report.
            PostAct::ConsularStaffReported { post, .. }
            | PostAct::ProductivitySet { post, .. }
            | PostAct::DemandReported { post, .. } => {
                image.sending_of_post(post).into_iter().collect()
            }
            // Resuming undoes a suspension: the suspending state's to decide.
            PostAct::Resumed { post } => image.suspended_by(post).into_iter().collect(),
            // Reopening undoes a closure: the closing state's to record (the sending state
            // reopens what it closed itself, the host consents to what it closed), or a
            // mediator's; never the other side's alone.
            PostAct::Reopened { post, .. } => image.closed_by(post).into_iter().collect(),
        }
    }

    fn named(&self) -> Vec<(Named<'_>, &'static str)> {
        let mut out = Vec::new();
        match self {
            PostAct::Suspended { post, .. }
            | PostAct::Resumed { post }
            | PostAct::ConsularStaffReported { post, .. }
            | PostAct::ProductivitySet { post, .. }
            | PostAct::DemandReported { post, .. } => out.push((Named::Post(post), "post")),
            PostAct::Closed { post, measure, .. } | PostAct::Reopened { post, measure } => {
                out.push((Named::Post(post), "post"));
                out.extend(measure.iter().map(|m| (Named::Measure(m), "measure")));
            }
            PostAct::IssuanceReported { posts, .. } => {
                out.extend(posts.iter().map(|p| (Named::Post(p), "posts")));
            }
            PostAct::ServicesChanged {
                posts, forced_by, ..
            } => {
                // A post applicants are routed to is usually in a third state, outside the
                // relation: `check_routing` holds it to the sending state instead.
                out.extend(posts.iter().map(|p| (Named::Post(p), "posts")));
                out.extend(forced_by.iter().map(|m| (Named::Measure(m), "forced_by")));
            }
            PostAct::Opened { .. } => {}
        }
        out
    }

    fn relation(&self, image: &Image) -> Option<RelationKey> {
        match self {
            PostAct::Resumed { post }
            | PostAct::Reopened { post, .. }
            | PostAct::ConsularStaffReported { post, .. }
            | PostAct::ProductivitySet { post, .. }
            | PostAct::DemandReported { post, .. } => image.post_relation(post),
            PostAct::ServicesChanged { posts, .. } | PostAct::IssuanceReported { posts, .. } => {
                posts.first().and_then(|p| image.post_relation(p))
            }
            PostAct::Suspended { post, .. } | PostAct::Closed { post, .. } => {
                by_states(self.states_named(), |_| image.post_relation(post))
            }
            PostAct::Opened { .. } => by_states(self.states_named(), alone),
        }
    }

    fn belongs_field(&self) -> &'static str {
        match self {
            PostAct::ServicesChanged { .. } | PostAct::IssuanceReported { .. } => "posts",
            PostAct::Opened { .. } => "host",
            _ => "kind",
        }
    }

    fn one_relation_field(&self) -> &'static str {
        match self {
            PostAct::ServicesChanged { .. } | PostAct::IssuanceReported { .. } => "posts",
            _ => "kind",
        }
    }
}

/// The sending and host state of the posts of one act, which must all be of one relation (who
/// may record the act and see it is decided by it); `None` for no post.
fn one_mission(
    image: &Image,
    posts: &[PostId],
) -> Result<Option<(StateCode, StateCode)>, RuleViolation> {
    let mut relation = None;
    let mut sending = None;
    for id in posts {
        let p = image.post(id, "posts")?;
        let k = RelationKey::new(p.sending, p.host);
        if relation.is_some_and(|r| r != k) {
            return Err(RuleViolation::new(
                RuleCode::PostNotInRelation,
                format!("post `{id}` belongs to another relation than the first post listed: record one act per relation"),
            )
            .field("posts"));
        }
        relation = Some(k);
        sending = Some((p.sending, p.host));
    }
    Ok(sending)
}

/// A count lists each post and each service once: listed twice, the one count would show
/// twice at the post, as if two counts agreed.
fn listed_once<T: PartialEq + std::fmt::Display>(
    items: &[T],
    field: &'static str,
    what: &str,
) -> Result<(), RuleViolation> {
    let twice = items
        .iter()
        .enumerate()
        .find(|(i, x)| items[..*i].contains(x));
    match twice {
        Some((_, x)) => Err(RuleViolation::new(
            RuleCode::DuplicateEvent,
            format!("{what} `{x}` is listed twice: list each once"),
        )
        .field(field)),
        None => Ok(()),
    }
}

/// The count as each of its posts holds it.
fn issuance_of(
    posts: &[PostId],
    applies_to: &[crate::vocab::ConsularService],
    (period_start, period_end): (ValidDate, Option<ValidDate>),
    (issued, estimate): (u32, bool),
) -> Issuance {
    Issuance {
        posts: posts.to_vec(),
        applies_to: applies_to.to_vec(),
        period_start,
        period_end: period_end.unwrap_or(period_start),
        issued,
        estimate,
    }
}

impl Image {
    /// Refuses a count whose period the life of one of its posts, as the act's readers see it
    /// on record, rules out: before it opened, or wholly in a closure. Only when recorded:
    /// later acts that rule it out make it void instead (see `fold_post`).
    fn check_issued_in_open_life(&self, i: &Issuance, reader: Reader) -> Result<(), RuleViolation> {
        let everything = crate::image::timeline::View::everything_for(reader);
        for post in &i.posts {
            let Some(r) = self.posts.get(post) else {
                continue;
            };
            if let Ok(Some(s)) = super::fold_post(post, everything.filter(&r.events)) {
                super::issued_in_open_life(post, i, u64::MAX, &s)?;
            }
        }
        Ok(())
    }
}

/// An issuance count is of a past period: its end may not come before its start, and the act
/// (the day it was published) may not come before the period's end, since a count of a period
/// not yet over is a forecast or a running total, not what was issued in it.
fn check_period(
    start: ValidDate,
    end: Option<ValidDate>,
    published: ValidDate,
) -> Result<(), RuleViolation> {
    let last = end.unwrap_or(start);
    if start.certainly_after(last) {
        return Err(RuleViolation::new(
            RuleCode::DatesOutOfOrder,
            format!("the period cannot end ({last}) before it starts ({start})"),
        )
        .field("period_end"));
    }
    // Refused only when certain: the period's last day is after every day the publication
    // may be on (a count published "2018-09" may be of a period ending that month).
    if last.latest() > published.latest() {
        return Err(RuleViolation::new(
            RuleCode::DatesOutOfOrder,
            format!(
                "a count published on {published} cannot be of a period ending {last}: record \
                 what was issued once the period is over"
            ),
        )
        .field(if end.is_some() {
            "period_end"
        } else {
            "period_start"
        }));
    }
    Ok(())
}
