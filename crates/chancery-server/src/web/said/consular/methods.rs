//! How the consular answers are computed, and a scenario's assumptions, in the page's language.

use chancery_domain::consular::capacity::{
    LOCAL_STAFF_PER_OFFICER, OFFICER_MINUTES_PER_DAY, UNSUPPORTED_SHARE, WAIT_HORIZON_DAYS,
    WAIT_REPLICATIONS, WAIT_WARM_UP_DAYS,
};
use chancery_domain::consular::queue::post::LOOKAHEAD_DAYS;
use chancery_domain::consular::said::ScenarioAssumption;

use crate::web::Ctx;

/// How capacity and waits are computed: the capacity answer's `method`.
pub fn capacity_method(ctx: &Ctx) -> String {
    ctx.t_args(
        "consular-said-capacity-method",
        &[
            ("unsupported", UNSUPPORTED_SHARE.to_string().into()),
            ("supported", (1.0 - UNSUPPORTED_SHARE).to_string().into()),
            ("per_officer", LOCAL_STAFF_PER_OFFICER.to_string().into()),
            ("minutes", OFFICER_MINUTES_PER_DAY.to_string().into()),
            ("horizon", WAIT_HORIZON_DAYS.into()),
            ("replications", WAIT_REPLICATIONS.into()),
            ("warm_up", WAIT_WARM_UP_DAYS.into()),
            ("lookahead", LOOKAHEAD_DAYS.into()),
        ],
    )
}

/// How the waits are simulated: the appointment-book model's `method`.
pub fn model_method(ctx: &Ctx) -> String {
    ctx.t_args(
        "consular-said-model-method",
        &[("lookahead", LOOKAHEAD_DAYS.into())],
    )
}

/// How a scenario is computed: its answer's `method`.
pub fn scenario_method(ctx: &Ctx) -> String {
    ctx.t_args(
        "consular-said-scenario-method",
        &[
            ("per_officer", LOCAL_STAFF_PER_OFFICER.to_string().into()),
            ("lookahead", LOOKAHEAD_DAYS.into()),
        ],
    )
}

/// An assumption a scenario's figures rest on.
pub fn scenario_assumption(ctx: &Ctx, a: &ScenarioAssumption) -> String {
    match a {
        ScenarioAssumption::Figures {
            as_of,
            officers,
            local,
        } => ctx.t_args(
            "consular-said-assume-figures",
            &[
                ("as_of", as_of.to_string().into()),
                ("officers", (*officers).into()),
                (
                    "local",
                    local
                        .map_or_else(|| "not".to_owned(), |l| l.to_string())
                        .into(),
                ),
                (
                    "reported",
                    if local.is_some() { "yes" } else { "no" }.into(),
                ),
                ("local_n", local.unwrap_or(0).into()),
            ],
        ),
        ScenarioAssumption::OfficerTime => ctx.t_args(
            "consular-said-assume-officer-time",
            &[("per_officer", LOCAL_STAFF_PER_OFFICER.to_string().into())],
        ),
        ScenarioAssumption::OfficerMinutes => ctx.t_args(
            "consular-said-assume-officer-minutes",
            &[("minutes", OFFICER_MINUTES_PER_DAY.to_string().into())],
        ),
        ScenarioAssumption::Demand => ctx.t("consular-said-assume-demand"),
        ScenarioAssumption::WarmUp => ctx.t_args(
            "consular-said-assume-warm-up",
            &[("warm_up", WAIT_WARM_UP_DAYS.into())],
        ),
        ScenarioAssumption::UnsizedLimits(limits) => {
            let ids: Vec<String> = limits.iter().map(ToString::to_string).collect();
            ctx.t_args(
                "consular-said-assume-unsized",
                &[("limits", ids.join(", ").into())],
            )
        }
    }
}
