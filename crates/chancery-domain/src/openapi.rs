//! OpenAPI schemas for the types that serialise as strings (only with the `openapi` feature).

use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

fn string(description: &str, pattern: Option<&str>, format: Option<SchemaFormat>) -> RefOr<Schema> {
    let mut b = ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .description(Some(description));
    if let Some(p) = pattern {
        b = b.pattern(Some(p));
    }
    if let Some(f) = format {
        b = b.format(Some(f));
    }
    RefOr::T(Schema::Object(b.build()))
}

macro_rules! string_schema {
    ($ty:ty, $desc:literal, $pattern:expr, $format:expr) => {
        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                string($desc, $pattern, $format)
            }
        }
        impl ToSchema for $ty {}
    };
}

const SLUG: Option<&str> = Some("^[a-z0-9][a-z0-9-]{0,63}$");

string_schema!(
    crate::StateCode,
    "ISO 3166-1 alpha-2 state code",
    Some("^[A-Z]{2}$"),
    None
);
string_schema!(
    crate::ValidDate,
    "A date as precise as the sources allow: YYYY, YYYY-MM or YYYY-MM-DD",
    Some("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"),
    None
);
string_schema!(
    crate::CivilDate,
    "A calendar day",
    None,
    Some(SchemaFormat::KnownFormat(KnownFormat::Date))
);
string_schema!(crate::PostId, "Post identifier (slug)", SLUG, None);
string_schema!(crate::PremisesId, "Premises identifier (slug)", SLUG, None);
string_schema!(crate::MemberId, "Member identifier (slug)", SLUG, None);
string_schema!(crate::MeasureId, "Measure identifier (slug)", SLUG, None);
string_schema!(crate::RoundId, "Round identifier (slug)", SLUG, None);
string_schema!(
    crate::CommitmentId,
    "Commitment identifier (slug)",
    SLUG,
    None
);
string_schema!(crate::CaseId, "Case identifier (slug)", SLUG, None);
