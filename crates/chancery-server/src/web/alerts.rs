//! The relation's alerts on its overview: a box, shown only when the reader has any, each
//! alert linking to where it is handled. `Image::alerts` scopes them to the reader's view.

use chancery_domain::alerts::{Alert, AlertSubject, RelationAlerts, Severity};
use chancery_domain::Image;
use maud::{html, Markup};

use super::consular::cases::{desk_cases_href, ANCHOR};
use super::pages::relation_of;
use super::Ctx;

/// The alerts the page's reader has on its day; none when the relation cannot answer.
pub fn visible(image: &Image, ctx: &Ctx) -> Option<RelationAlerts> {
    let (a, b) = relation_of(ctx).ok()?;
    image.alerts(a, b, ctx.view()).ok()
}

/// Where an alert is handled.
fn href(ctx: &Ctx, alert: &Alert) -> String {
    match &alert.subject {
        AlertSubject::ConsularClock { post: Some(p), .. } => desk_cases_href(ctx, p),
        AlertSubject::ConsularClock { post: None, .. } => {
            format!("{}#{ANCHOR}", ctx.rel("/consular"))
        }
    }
}

/// The box, or nothing when the reader has no alert.
pub fn alerts_box(ctx: &Ctx, alerts: Option<&RelationAlerts>) -> Markup {
    let Some(alerts) = alerts.filter(|a| !a.alerts.is_empty()) else {
        return html! {};
    };
    html! {
        section.alert.alerts aria-labelledby="alerts" {
            h2 id="alerts" { "Alerts" }
            ul {
                @for a in &alerts.alerts {
                    li class=(match a.severity { Severity::Urgent => "urgent", Severity::Warning => "warning" }) {
                        @match a.severity {
                            Severity::Urgent => strong.bad { (a.kind.heading()) ":" },
                            Severity::Warning => strong.warn { (a.kind.heading()) ":" },
                        }
                        " " a href=(href(ctx, a)) { (a.text) }
                    }
                }
            }
        }
    }
}
