//! The record's recurring facts in the page's language: whose missions, a post's or premises'
//! status, what a staff figure counts, how old it is, and what a later measure says of it.
//! Each takes the page's [`Ctx`] for its language; the English forms are those the pages have
//! always shown.

use chancery_domain::date::Precision;
use chancery_domain::image::asof::Certainty;
use chancery_domain::image::posts::{PostStatus, PremisesStatus};
use chancery_domain::query::{PostView, PremisesView};
use chancery_domain::staff::{PredatedEvent, Predates};
use chancery_domain::vocab::{Counting, MeasureKind};
use chancery_domain::{StateCode, ValidDate};

use super::i18n::code_of;
use super::pages::{name_of, possessive, the, Names};
use super::{said, Ctx};

impl Ctx {
    /// One side's presence, as headings and chart labels name it: "Russia's missions in the
    /// United States".
    pub fn missions(&self, names: &Names, sending: StateCode, host: StateCode) -> String {
        let (s, h) = (name_of(names, sending), name_of(names, host));
        self.t_args(
            "missions-in",
            &[
                ("sending", s.as_str().into()),
                ("possessive", possessive(&s).into()),
                ("host", h.as_str().into()),
                ("the_host", the(&h).into()),
            ],
        )
    }

    /// A column or row head for one state's missions: "Russia's missions".
    pub fn missions_of(&self, names: &Names, state: StateCode) -> String {
        let name = name_of(names, state);
        self.t_args(
            "missions-of",
            &[
                ("state", name.as_str().into()),
                ("possessive", possessive(&name).into()),
            ],
        )
    }

    pub fn post_status(&self, s: PostStatus) -> String {
        self.label("post-status", &code_of(&s))
    }

    pub fn premises_status(&self, s: PremisesStatus) -> String {
        self.label("premises-status", &code_of(&s))
    }

    /// A post's status as of the view: "closed since 2018-03-31", "open, known by 2012" when the
    /// post opened before the record begins, both possibilities inside an imprecise event's
    /// period.
    pub fn post_status_text(&self, p: &PostView) -> String {
        let status = self.post_status(p.status);
        if let Some(u) = &p.uncertain {
            return self.t_args(
                "status-uncertain",
                &[
                    ("otherwise", said::asof::otherwise(self, u).into()),
                    ("status", status.into()),
                    ("pending", u.pending.to_string().into()),
                ],
            );
        }
        if p.certainty == Certainty::StartUnknown {
            return self.t_args(
                "post-status-start-unknown",
                &[
                    ("status", status.into()),
                    ("opened", p.opened.to_string().into()),
                ],
            );
        }
        if p.start_unknown && p.status_since == p.opened {
            self.t_args(
                "status-known-by",
                &[
                    ("status", status.into()),
                    ("date", p.opened.to_string().into()),
                ],
            )
        } else {
            self.since(status, p.status_since)
        }
    }

    /// Premises' status as of the view, uncertain inside an imprecise event's period.
    pub fn premises_status_text(&self, p: &PremisesView) -> String {
        let status = self.premises_status(p.status);
        match &p.uncertain {
            Some(u) => self.t_args(
                "status-uncertain",
                &[
                    ("otherwise", said::asof::otherwise(self, u).into()),
                    ("status", status.into()),
                    ("pending", u.pending.to_string().into()),
                ],
            ),
            None if p.certainty == Certainty::StartUnknown => self.t_args(
                "premises-status-start-unknown",
                &[("status", status.into())],
            ),
            None => self.since(status, p.status_since),
        }
    }

    /// "closed since 2018-03-31".
    pub fn since(&self, what: String, date: ValidDate) -> String {
        self.t_args(
            "status-since",
            &[("status", what.into()), ("date", date.to_string().into())],
        )
    }

    /// What a figure counts, in words: shown beside every staff figure and cap (parity is
    /// contested).
    pub fn counting_text(&self, c: Counting, includes_io: bool) -> String {
        let what = self.label("counting-long", c.as_str());
        if includes_io {
            self.t_args("counting-with-io", &[("what", what.into())])
        } else {
            what
        }
    }

    /// How old a figure is: "reported that day", "5 months old", "reported within 2017-07".
    pub fn age_text(&self, date: ValidDate, age_days: i64) -> String {
        if age_days == 0 && date.precision() != Precision::Day {
            return self.t_args("age-within", &[("date", date.to_string().into())]);
        }
        match age_days {
            0 => self.t("age-that-day"),
            d if d < 61 => self.t_args("age-days", &[("n", d.into())]),
            d if d < 730 => self.t_args("age-months", &[("n", (d * 12 / 365).into())]),
            d => self.t_args("age-years", &[("n", (d / 365).into())]),
        }
    }

    /// The normalisation index's formula with the weights in force, in the page's language
    /// (the API's answers carry the domain's English `formula`).
    pub fn index_formula(&self) -> String {
        use chancery_domain::reciprocity::index;
        let weights = MeasureKind::ALL
            .iter()
            .map(|k| format!("{} {}", self.word(*k), index::weight(*k)))
            .collect::<Vec<_>>()
            .join(", ");
        self.t_args(
            "index-formula",
            &[
                ("window", index::EVENT_WINDOW_DAYS.into()),
                ("weights", weights.into()),
                ("head", index::HEAD_ABSENT_WEIGHT.to_string().into()),
                ("scale", index::SCALE.to_string().into()),
            ],
        )
    }

    /// A measure a staff figure predates, with the bound it implies: "predates the 455 cap in
    /// force since 2017-09-01 (R012): at most 455 all staff since".
    pub fn predates_text(&self, p: &Predates) -> String {
        let by = p.external_ref.as_deref().unwrap_or(p.measure.as_str());
        let certain = if p.certain { "yes" } else { "no" };
        let since = p.since.to_string();
        match (p.event, p.at_most, p.counting) {
            (PredatedEvent::Expulsion, _, _) => self.t_args(
                "predates-expulsion",
                &[
                    ("certain", certain.into()),
                    ("n", p.persons.unwrap_or(0).into()),
                    ("date", since.into()),
                    ("by", by.into()),
                ],
            ),
            (PredatedEvent::LocalStaffBan, _, _) => self.t_args(
                "predates-ban",
                &[
                    ("certain", certain.into()),
                    ("date", since.into()),
                    ("by", by.into()),
                ],
            ),
            (_, Some(cap), Some(counting)) => self.t_args(
                "predates-cap",
                &[
                    ("certain", certain.into()),
                    ("cap", cap.into()),
                    ("date", since.into()),
                    ("by", by.into()),
                    ("counting", self.label("counting", counting.as_str()).into()),
                    ("own", if p.bounds_figure { "yes" } else { "no" }.into()),
                ],
            ),
            _ => self.t_args(
                "predates-other",
                &[
                    ("certain", certain.into()),
                    ("date", since.into()),
                    ("by", by.into()),
                ],
            ),
        }
    }
}
