//! Parity's sentences in the page's language, from what the domain says ([`ValueSaid`],
//! [`NoteSaid`], [`ComparisonSaid`]).
//!
//! Every message gets both the codes the English sentence is made of (states by code, a
//! counting as its code reads) and the words another language needs (states by name, codes by
//! their labels): each language's message takes the ones it speaks in. Record text (measure
//! labels, post and person names) stays as recorded.

use chancery_domain::reciprocity::parity::{
    Charge, ClaimSaid, ClocksSaid, ComparisonSaid, Dimension, NotCounted, NoteSaid,
    StaffDefinition, Value, ValueSaid, WhyNot,
};
use chancery_domain::staff::{PredatedEvent, Predates};
use chancery_domain::vocab::{Bound, Counting};
use chancery_domain::{StateCode, ValidDate};

use crate::web::i18n::{code_of, Arg};
use crate::web::pages::{name_of, Names};
use crate::web::Ctx;

type Args<'a> = Vec<(&'static str, Arg<'a>)>;

/// A side's figure in the page's language.
pub fn value(ctx: &Ctx, names: &Names, v: &Value) -> String {
    Words { ctx, names }.value(&v.said)
}

/// A side's caveats in the page's language, in order.
pub fn notes(ctx: &Ctx, names: &Names, v: &Value) -> Vec<String> {
    let w = Words { ctx, names };
    v.notes_said.iter().map(|n| w.note(n)).collect()
}

/// The dimension's comparison in the page's language, quoting its values.
pub fn comparison(ctx: &Ctx, names: &Names, d: &Dimension) -> String {
    let w = Words { ctx, names };
    let value = |s: &StateCode| {
        d.values
            .get(s)
            .map_or_else(String::new, |v| w.value(&v.said))
    };
    match &d.said {
        ComparisonSaid::Equal { states: [a, b] } => {
            let mut args = w.state("a", *a);
            args.extend(w.state("b", *b));
            args.push(("va", value(a).into()));
            args.push(("vb", value(b).into()));
            w.say("parity-said-equal", args)
        }
        ComparisonSaid::Stricter {
            host,
            worse,
            better,
            why,
            low_confidence_only,
        } => {
            let mut args = w.state("host", *host);
            args.extend(w.state("worse", *worse));
            args.extend(w.state("better", *better));
            args.push(("vw", value(worse).into()));
            args.push(("vb", value(better).into()));
            let why = if why.is_empty() {
                String::new()
            } else {
                w.ctx
                    .t_args("parity-said-why", &[("why", w.join(why, "; ").into())])
            };
            args.push(("why", why.into()));
            args.push(("low", yes_no(*low_confidence_only)));
            w.say("parity-said-stricter", args)
        }
        ComparisonSaid::NotComparable(why) => {
            let why: Vec<String> = why.iter().map(|x| w.why_not(x)).collect();
            w.say(
                "parity-said-not-comparable",
                vec![("why", why.join("; ").into())],
            )
        }
    }
}

/// The definition the staff figures use, in the page's language.
pub fn definition(ctx: &Ctx, staff: StaffDefinition, include_io: bool) -> String {
    ctx.t_args(
        "parity-said-definition",
        &[
            ("counting", counting(ctx, staff.counting()).into()),
            ("io", yes_no(include_io)),
        ],
    )
}

/// What a figure counts: the parity wording of a counting.
fn counting(ctx: &Ctx, c: Counting) -> String {
    ctx.label("parity-counting", c.as_str())
}

/// A label read inside a sentence: its first letter in lower case.
fn inside(label: String) -> String {
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// A choice a message selects on: `yes` or `no`.
fn yes_no<'b>(b: bool) -> Arg<'b> {
    if b { "yes" } else { "no" }.into()
}

struct Words<'a> {
    ctx: &'a Ctx,
    names: &'a Names,
}

impl Words<'_> {
    fn say(&self, id: &str, args: Args<'_>) -> String {
        self.ctx.t_args(id, &args)
    }

    /// A state by code (`key`) and by name (`key_name`).
    fn state<'b>(&self, key: &'static str, s: StateCode) -> Args<'b> {
        let name: &'static str = match key {
            "a" => "a_name",
            "b" => "b_name",
            "host" => "host_name",
            "worse" => "worse_name",
            "better" => "better_name",
            "sending" => "sending_name",
            "by" => "by_name",
            "capped" => "capped_name",
            "other" => "other_name",
            "state" => "state_name",
            _ => "name",
        };
        vec![
            (key, s.as_str().to_owned().into()),
            (name, name_of(self.names, s).into()),
        ]
    }

    /// States as English lists them ("US and the RU") and by name, with how many.
    fn states<'b>(&self, states: &[StateCode]) -> Args<'b> {
        let codes: Vec<&str> = states.iter().map(StateCode::as_str).collect();
        let names: Vec<String> = states.iter().map(|s| name_of(self.names, *s)).collect();
        vec![
            ("states", codes.join(" and the ").into()),
            ("names", names.join(&self.ctx.t("parity-said-and")).into()),
            ("count", states.len().into()),
        ]
    }

    fn join(&self, notes: &[NoteSaid], sep: &str) -> String {
        notes
            .iter()
            .map(|n| self.note(n))
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn days(&self, n: i64) -> String {
        self.ctx.t_args("parity-said-days", &[("n", n.into())])
    }

    /// A headcount with its bound: "about 455", "около 455".
    fn figure(&self, bound: Bound, n: u32) -> String {
        self.ctx.t_args(
            "parity-said-figure",
            &[("bound", code_of(&bound).into()), ("n", n.into())],
        )
    }

    fn charge(&self, charge: &Option<Charge>) -> String {
        match charge {
            None => String::new(),
            Some(c) => self.ctx.t_args(
                "parity-said-charge",
                &[
                    ("person", c.person.as_str().into()),
                    ("since", c.since.to_string().into()),
                ],
            ),
        }
    }

    fn date<'b>(key: &'static str, d: ValidDate) -> (&'static str, Arg<'b>) {
        (key, d.to_string().into())
    }

    fn value(&self, v: &ValueSaid) -> String {
        let ctx = self.ctx;
        match v {
            ValueSaid::StaffReported {
                bound,
                value,
                counting: c,
                date,
                age_days,
            } => self.say(
                "parity-said-staff-reported",
                vec![
                    ("figure", self.figure(*bound, *value).into()),
                    ("bound", code_of(bound).into()),
                    ("n", (*value).into()),
                    ("counting", counting(ctx, *c).into()),
                    Self::date("date", *date),
                    ("age", ctx.age_text(*date, *age_days).into()),
                ],
            ),
            ValueSaid::StaffAtLeast { n, counting: c } => self.say(
                "parity-said-staff-at-least",
                vec![("n", (*n).into()), ("counting", counting(ctx, *c).into())],
            ),
            ValueSaid::StaffUnknown { counting: c } => self.say(
                "parity-said-staff-unknown",
                vec![("counting", counting(ctx, *c).into())],
            ),
            ValueSaid::PostsUnknown => ctx.t("parity-said-posts-unknown"),
            ValueSaid::Posts {
                open,
                maybe,
                suspended,
                closed,
            } => {
                let mut parts = vec![if *maybe > 0 {
                    self.say(
                        "parity-said-posts-open-range",
                        vec![
                            ("open", (*open).into()),
                            ("most", (open.unsigned_abs() + maybe).into()),
                        ],
                    )
                } else {
                    self.say("parity-said-posts-open", vec![("open", (*open).into())])
                }];
                if *suspended > 0 {
                    parts.push(self.say(
                        "parity-said-posts-suspended",
                        vec![("n", (*suspended).into())],
                    ));
                }
                if *closed > 0 {
                    parts.push(self.say("parity-said-posts-closed", vec![("n", (*closed).into())]));
                }
                if *maybe > 0 {
                    parts.push(self.say("parity-said-posts-maybe", vec![("n", (*maybe).into())]));
                }
                parts.join(", ")
            }
            ValueSaid::PremisesUnknown => ctx.t("parity-said-premises-unknown"),
            ValueSaid::Premises {
                usable,
                barred,
                seized,
                stripped,
                host,
            } => {
                let mut args = self.state("host", *host);
                args.extend([
                    ("usable", (*usable).into()),
                    ("barred", (*barred).into()),
                    ("seized", (*seized).into()),
                    ("stripped", (*stripped).into()),
                ]);
                self.say("parity-said-premises", args)
            }
            ValueSaid::AtParityUnknown {
                host,
                counting: c,
                since,
            } => {
                let mut args = self.state("host", *host);
                args.push(("counting", counting(ctx, *c).into()));
                args.push(Self::date("since", *since));
                self.say("parity-said-at-parity-unknown", args)
            }
            ValueSaid::NoLimit => ctx.t("parity-said-no-limit"),
            ValueSaid::NoCap => ctx.t("parity-said-no-cap"),
            ValueSaid::Capped {
                cap,
                counting: c,
                includes_io,
                since,
                banned,
                also,
            } => {
                let also = if also.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = also
                        .iter()
                        .map(|(v, c)| {
                            self.say(
                                "parity-said-also-limit",
                                vec![("cap", (*v).into()), ("counting", counting(ctx, *c).into())],
                            )
                        })
                        .collect();
                    self.say(
                        "parity-said-also-limited",
                        vec![("list", list.join(", ").into())],
                    )
                };
                self.say(
                    if *banned {
                        "parity-said-banned"
                    } else {
                        "parity-said-capped"
                    },
                    vec![
                        ("cap", (*cap).into()),
                        ("counting", counting(ctx, *c).into()),
                        ("io", yes_no(*includes_io)),
                        Self::date("since", *since),
                        ("also", also.into()),
                    ],
                )
            }
            ValueSaid::NoneInForce => ctx.t("parity-said-none-in-force"),
            ValueSaid::InForce { n, measures, more } => {
                let mut list = measures.clone();
                if *more > 0 {
                    list.push(self.say("parity-said-and-more", vec![("n", (*more).into())]));
                }
                self.say(
                    "parity-said-in-force",
                    vec![("n", (*n).into()), ("list", list.join(", ").into())],
                )
            }
            ValueSaid::VisaClasses { offered, of, not } => {
                let not = if not.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = not
                        .iter()
                        .map(|(c, routed)| {
                            let class = inside(ctx.word(*c));
                            if routed.is_empty() {
                                self.say(
                                    "parity-said-class",
                                    vec![
                                        ("class", c.words().into()),
                                        ("class_label", class.into()),
                                    ],
                                )
                            } else {
                                let places: Vec<String> = routed
                                    .iter()
                                    .map(|(city, state)| {
                                        let mut args = self.state("state", *state);
                                        args.push(("city", city.as_str().into()));
                                        self.say("parity-said-place", args)
                                    })
                                    .collect();
                                self.say(
                                    "parity-said-class-routed",
                                    vec![
                                        ("class", c.words().into()),
                                        ("class_label", class.into()),
                                        ("places", places.join(", ").into()),
                                    ],
                                )
                            }
                        })
                        .collect();
                    self.say(
                        "parity-said-not-offered",
                        vec![("list", list.join(", ").into())],
                    )
                };
                self.say(
                    "parity-said-visa-classes",
                    vec![
                        ("offered", (*offered).into()),
                        ("of", (*of).into()),
                        ("not", not.into()),
                    ],
                )
            }
            ValueSaid::VisaClassesUnknown {
                offered,
                of,
                unknown,
            } => {
                let list: Vec<String> = unknown
                    .iter()
                    .map(|c| {
                        self.say(
                            "parity-said-class",
                            vec![
                                ("class", c.words().into()),
                                ("class_label", ctx.word(*c).into()),
                            ],
                        )
                    })
                    .collect();
                self.say(
                    "parity-said-visa-classes-unknown",
                    vec![
                        ("offered", (*offered).into()),
                        ("of", (*of).into()),
                        ("list", list.join(", ").into()),
                    ],
                )
            }
            ValueSaid::NoConsularPost => ctx.t("parity-said-no-consular-post"),
            ValueSaid::ServiceLevel { level, at } => self.say(
                "parity-said-service-level",
                vec![
                    ("level", level.as_str().replace('_', " ").into()),
                    ("level_label", ctx.word(*level).into()),
                    ("at", at.as_str().into()),
                ],
            ),
            ValueSaid::ServiceUnknown { open } => self.say(
                "parity-said-service-unknown",
                vec![("open", (*open).into())],
            ),
            ValueSaid::Denials {
                n,
                host,
                since,
                latest,
            } => {
                let since = match since {
                    Some(d) => self.say(
                        "parity-said-since-record",
                        vec![("date", d.to_string().into())],
                    ),
                    None => ctx.t("parity-said-on-record"),
                };
                let mut args = self.state("host", *host);
                args.push(("since", since.into()));
                args.push(("n", (*n).into()));
                match latest {
                    None => self.say("parity-said-no-denial", args),
                    Some((date, measure)) => {
                        args.push(Self::date("date", *date));
                        args.push(("measure", measure.as_str().into()));
                        self.say("parity-said-denials", args)
                    }
                }
            }
            ValueSaid::HeadUnknown { charge } => self.say(
                "parity-said-head-unknown",
                vec![("charge", self.charge(charge).into())],
            ),
            ValueSaid::HeadAwayUnreported { person, charge } => self.say(
                "parity-said-head-away-unreported",
                vec![
                    ("person", person.as_str().into()),
                    ("charge", self.charge(charge).into()),
                ],
            ),
            ValueSaid::HeadInPost {
                person,
                since,
                credentials,
            } => {
                let credentials = credentials.map_or_else(String::new, |d| {
                    self.say(
                        "parity-said-credentials",
                        vec![("date", d.to_string().into())],
                    )
                });
                self.say(
                    "parity-said-head-in-post",
                    vec![
                        ("person", person.as_str().into()),
                        Self::date("since", *since),
                        ("credentials", credentials.into()),
                    ],
                )
            }
            ValueSaid::HeadAway {
                person,
                since,
                days,
                charge,
            } => self.say(
                "parity-said-head-away",
                vec![
                    ("person", person.as_str().into()),
                    Self::date("since", *since),
                    ("days", (*days).into()),
                    ("days_text", self.days(*days).into()),
                    ("charge", self.charge(charge).into()),
                ],
            ),
            ValueSaid::HeadVacant {
                since,
                days,
                charge,
            } => self.say(
                "parity-said-head-vacant",
                vec![
                    Self::date("since", *since),
                    ("days", (*days).into()),
                    ("days_text", self.days(*days).into()),
                    ("charge", self.charge(charge).into()),
                ],
            ),
            ValueSaid::HeadUncertain {
                otherwise,
                then,
                pending,
            } => self.say(
                "parity-said-head-uncertain",
                vec![
                    ("otherwise", otherwise.as_str().into()),
                    ("then", self.value(then).into()),
                    Self::date("pending", *pending),
                ],
            ),
        }
    }

    fn not_counted(&self, why: NotCounted) -> String {
        match why {
            NotCounted::Capacity(c) => self.say(
                "parity-said-capacity",
                vec![
                    ("capacity", c.as_str().replace('_', " ").into()),
                    ("capacity_label", inside(self.ctx.word(c)).into()),
                ],
            ),
            NotCounted::Symbolic => self.ctx.t("parity-said-symbolic"),
            NotCounted::LowConfidence => self.ctx.t("parity-said-low-confidence"),
        }
    }

    fn clocks(&self, c: &ClocksSaid) -> String {
        self.say(
            "parity-said-clocks",
            vec![
                ("met", c.met.into()),
                ("met_late", c.met_late.into()),
                ("overdue", c.overdue.into()),
                ("missed", c.missed.into()),
                ("not_reported", c.not_reported.into()),
                ("uncertain", c.uncertain.into()),
            ],
        )
    }

    fn predates(&self, p: &Predates) -> String {
        let by = p.external_ref.as_deref().unwrap_or(p.measure.as_str());
        let mut args: Args<'_> = vec![
            ("certain", yes_no(p.certain)),
            ("by", by.to_owned().into()),
            Self::date("date", p.since),
        ];
        let id = match (p.event, p.at_most, p.counting) {
            (PredatedEvent::Expulsion, _, _) => {
                args.push(("n", p.persons.unwrap_or(0).into()));
                "parity-said-predates-expulsion"
            }
            (PredatedEvent::LocalStaffBan, _, _) => "parity-said-predates-ban",
            (_, Some(cap), Some(c)) => {
                args.push(("cap", cap.into()));
                args.push(("counting", c.as_str().replace('_', " ").into()));
                args.push(("counting_label", self.ctx.word(c).into()));
                args.push(("own", yes_no(p.bounds_figure)));
                "parity-said-predates-cap"
            }
            _ => "parity-said-predates-other",
        };
        self.say(id, args)
    }

    fn note(&self, n: &NoteSaid) -> String {
        let ctx = self.ctx;
        match n {
            NoteSaid::IoMismatch { counts, includes } => self.say(
                "parity-said-io-mismatch",
                vec![("counts", yes_no(*counts)), ("includes", yes_no(*includes))],
            ),
            NoteSaid::AlsoReported { date, figures } => {
                let figures: Vec<String> =
                    figures.iter().map(|(b, v)| self.figure(*b, *v)).collect();
                self.say(
                    "parity-said-also-reported",
                    vec![
                        Self::date("date", *date),
                        ("figures", figures.join("; ").into()),
                    ],
                )
            }
            NoteSaid::AboveCap { cap, by } => self.say(
                "parity-said-above-cap",
                vec![("cap", (*cap).into()), ("by", by.as_str().into())],
            ),
            NoteSaid::Predates(p) => self.predates(p),
            NoteSaid::LowerBound => ctx.t("parity-said-lower-bound"),
            NoteSaid::BasisLists { listed, of } => self.say(
                "parity-said-basis-lists",
                vec![("listed", (*listed).into()), ("of", (*of).into())],
            ),
            NoteSaid::PostUncertain {
                name,
                status,
                otherwise,
                pending,
            } => self.say(
                "parity-said-post-uncertain",
                vec![
                    ("name", name.as_str().into()),
                    ("status", status.to_string().into()),
                    ("status_label", ctx.post_status(*status).into()),
                    ("otherwise", otherwise.as_str().into()),
                    Self::date("pending", *pending),
                ],
            ),
            NoteSaid::PremisesUncertain {
                name,
                status,
                otherwise,
                pending,
            } => self.say(
                "parity-said-premises-uncertain",
                vec![
                    ("name", name.as_str().into()),
                    ("status", status.to_string().into()),
                    ("status_label", ctx.premises_status(*status).into()),
                    ("otherwise", otherwise.as_str().into()),
                    Self::date("pending", *pending),
                ],
            ),
            NoteSaid::BeforeRecord { n } => {
                self.say("parity-said-before-record", vec![("n", (*n).into())])
            }
            NoteSaid::OwnClosure { n, sending, host } => {
                let mut args = self.state("sending", *sending);
                args.extend(self.state("host", *host));
                args.push(("n", (*n).into()));
                self.say("parity-said-own-closure", args)
            }
            NoteSaid::MeasuresOfKind { n } => {
                self.say("parity-said-measures-of-kind", vec![("n", (*n).into())])
            }
            NoteSaid::Announced { measure, effective } => self.say(
                "parity-said-announced",
                vec![
                    ("measure", measure.as_str().into()),
                    Self::date("effective", *effective),
                ],
            ),
            NoteSaid::UncertainNotCounted { measure, known_by } => {
                let why = match known_by {
                    Some(d) => {
                        self.say("parity-said-known-by", vec![("date", d.to_string().into())])
                    }
                    None => ctx.t("parity-said-imprecise"),
                };
                self.say(
                    "parity-said-uncertain-not-counted",
                    vec![("measure", measure.as_str().into()), ("why", why.into())],
                )
            }
            NoteSaid::InForceNotCounted { measure, why } => self.say(
                "parity-said-in-force-not-counted",
                vec![
                    ("measure", measure.as_str().into()),
                    ("why", self.not_counted(*why).into()),
                ],
            ),
            NoteSaid::OnRecordNotCounted { measure, why } => self.say(
                "parity-said-on-record-not-counted",
                vec![
                    ("measure", measure.as_str().into()),
                    ("why", self.not_counted(*why).into()),
                ],
            ),
            NoteSaid::DatedByPeriod { measure } => self.say(
                "parity-said-dated-by-period",
                vec![("measure", measure.as_str().into())],
            ),
            NoteSaid::MoreClaims { n, claim, by, host } => {
                let mut args = self.state("by", *by);
                args.extend(self.state("host", *host));
                args.push(("n", (*n).into()));
                let claim = match claim {
                    ClaimSaid::Open => "open",
                    ClaimSaid::Disputed => "disputed",
                    ClaimSaid::Confirmed => "confirmed",
                };
                args.push(("claim", claim.into()));
                self.say("parity-said-more-claims", args)
            }
            NoteSaid::NoCases { sending, host } => {
                let mut args = self.state("sending", *sending);
                args.extend(self.state("host", *host));
                self.say("parity-said-no-cases", args)
            }
            NoteSaid::Clocks {
                cases,
                sending,
                host,
                clocks,
            } => {
                let mut args = self.state("sending", *sending);
                args.extend(self.state("host", *host));
                args.push(("cases", (*cases).into()));
                args.push(("clocks", self.clocks(clocks).into()));
                self.say("parity-said-cases-clocks", args)
            }
            NoteSaid::CasesOwn { sending } => {
                self.say("parity-said-cases-own", self.state("sending", *sending))
            }
            NoteSaid::UnreportedLevels { n } => {
                self.say("parity-said-unreported-levels", vec![("n", (*n).into())])
            }
            NoteSaid::Agrement {
                person,
                date,
                days,
                low_confidence,
            } => {
                let mut args: Args<'_> = vec![
                    ("person", person.as_str().into()),
                    Self::date("date", *date),
                    ("low", yes_no(*low_confidence)),
                ];
                match days {
                    None => self.say("parity-said-agrement-refused", args),
                    Some(d) => {
                        args.push(("days", (*d).into()));
                        args.push(("days_text", self.days(*d).into()));
                        self.say("parity-said-agrement-withheld", args)
                    }
                }
            }
        }
    }

    fn why_not(&self, w: &WhyNot) -> String {
        let ctx = self.ctx;
        match w {
            WhyNot::BothUnknown(a, b) => {
                let mut args = self.state("a", *a);
                args.extend(self.state("b", *b));
                self.say("parity-said-both-unknown", args)
            }
            WhyNot::Unknown(s) => self.say("parity-said-unknown", self.state("a", *s)),
            WhyNot::NotDefinition(s) => self.say("parity-said-not-definition", self.state("a", *s)),
            WhyNot::RangesOverlap => ctx.t("parity-said-ranges-overlap"),
            WhyNot::IoNotBilateral => ctx.t("parity-said-io-not-bilateral"),
            WhyNot::PremisesUncertain(states) => {
                self.say("parity-said-premises-uncertain-sides", self.states(states))
            }
            WhyNot::BothWithholdAgrement => ctx.t("parity-said-both-withhold"),
            WhyNot::HeadAbsent { without, uncertain } => {
                let mut parts = Vec::new();
                if !without.is_empty() {
                    parts.push(self.say("parity-said-without-head", self.states(without)));
                }
                if !uncertain.is_empty() {
                    parts.push(self.say(
                        "parity-said-head-presence-uncertain",
                        self.states(uncertain),
                    ));
                }
                self.say(
                    "parity-said-head-absent",
                    vec![("parts", parts.join("; ").into())],
                )
            }
            WhyNot::AtParityNoFigure { capped, other } => {
                let mut args = self.state("capped", *capped);
                args.extend(self.state("other", *other));
                self.say("parity-said-at-parity-no-figure", args)
            }
            WhyNot::CountDifferent { states, countings } => {
                let list = |i: usize| {
                    countings[i]
                        .iter()
                        .map(|c| counting(ctx, *c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let mut args = self.state("a", states[0]);
                args.extend(self.state("b", states[1]));
                args.push(("list_a", list(0).into()));
                args.push(("list_b", list(1).into()));
                self.say("parity-said-count-different", args)
            }
            WhyNot::DifferentWays { states, limits } => {
                let items: Vec<String> = limits
                    .iter()
                    .map(|(c, x, y)| {
                        let mut args = self.state("a", states[0]);
                        args.extend(self.state("b", states[1]));
                        args.push(("counting", counting(ctx, *c).into()));
                        args.push(("x", (*x).into()));
                        args.push(("y", (*y).into()));
                        self.say("parity-said-limit-pair", args)
                    })
                    .collect();
                self.say(
                    "parity-said-different-ways",
                    vec![("list", items.join("; ").into())],
                )
            }
        }
    }
}

#[cfg(test)]
mod tests;
