//! The relation's alerts on its overview: a box, shown only when the reader has any, each
//! alert linking to where it is handled. `Image::alerts` scopes them to the reader's view.

use chancery_domain::alerts::{Alert, RelationAlerts, Severity};
use chancery_domain::Image;
use maud::{html, Markup};

use super::alert_pages::On;
use super::pages::relation_of;
use super::Ctx;

/// The alerts the page's reader has on its day; none when the relation cannot answer.
pub fn visible(image: &Image, ctx: &Ctx) -> Option<RelationAlerts> {
    let (a, b) = relation_of(ctx).ok()?;
    image.alerts(a, b, ctx.view()).ok()
}

/// Where an alert is handled.
fn href(ctx: &Ctx, alert: &Alert) -> String {
    match ctx.relation {
        Some((a, b)) => super::alert_pages::href(ctx, a, b, alert),
        None => ctx.href("/alerts"),
    }
}

/// The box, or nothing when the reader has no alert.
pub fn alerts_box(ctx: &Ctx, on: &On<'_>, alerts: Option<&RelationAlerts>) -> Markup {
    // The box is for what needs acting on; notices (vacancies, old figures) are on the alerts
    // page the overview links to.
    let Some(alerts) = alerts.filter(|a| a.alerts.iter().any(|x| x.severity != Severity::Notice))
    else {
        return html! {};
    };
    let Ok((ra, rb)) = relation_of(ctx) else {
        return html! {};
    };
    html! {
        section.alert.alerts aria-labelledby="alerts" {
            h2 id="alerts" { (ctx.t("alerts-title")) }
            ul {
                @for a in alerts.alerts.iter().filter(|x| x.severity != Severity::Notice) {
                    li class=(a.severity.as_str()) {
                        @let heading = if ctx.lang() == super::Lang::En { a.kind.heading().to_owned() } else { ctx.label("alert-kind", a.kind.as_str()) };
                        @match a.severity {
                            Severity::Urgent => strong.bad { (heading) ":" },
                            _ => strong.warn { (heading) ":" },
                        }
                        " " a href=(href(ctx, a)) { (super::alert_pages::text(ctx, on, ra, rb, a)) }
                    }
                }
            }
        }
    }
}
