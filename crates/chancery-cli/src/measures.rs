//! `chancery measures A B`: both sides' measures, each with its status on the day asked, as
//! text or as `GET /api/v1/relations/{a}/{b}/measures` answers (`--json`).

use std::fmt::Write;

use chancery_domain::query::{MeasureFilter, MeasureView};
use chancery_domain::CivilDate;
use serde::Serialize;

use super::{output, CliError, RelationQuery};

#[derive(clap::Args)]
pub struct MeasuresArgs {
    #[command(flatten)]
    q: RelationQuery,
    /// Only the measures in force on the day; every measure taken by then when omitted.
    #[arg(long)]
    in_force: bool,
}

/// The API's body, so a script reads the same document from either.
#[derive(Serialize)]
struct MeasuresBody {
    measures: Vec<MeasureView>,
}

pub fn run(args: &MeasuresArgs) -> Result<(), CliError> {
    let q = &args.q;
    let filter = if args.in_force {
        MeasureFilter::InForce
    } else {
        MeasureFilter::Imposed
    };
    q.answer(|image, view| {
        let measures = image.measures(q.a, q.b, view, filter)?;
        let body = MeasuresBody { measures };
        Ok(output(q.json, &body, |b| text(view.as_of, &b.measures)))
    })
}

fn text(on: CivilDate, measures: &[MeasureView]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Measures as of {on}");
    if measures.is_empty() {
        let _ = writeln!(out, "none");
    }
    for m in measures {
        let _ = writeln!(
            out,
            "  {:<10} {}->{}  {:<34} {:<26} {}: {}",
            m.date.to_string(),
            m.actor,
            m.target,
            m.id.as_str(),
            m.kind.as_str().replace('_', " "),
            m.status.words(),
            m.summary
        );
    }
    out
}
