//! An alert's sentence in the page's language, from what the domain says ([`AlertSaid`]).
//!
//! Every message gets both the codes the English sentence is made of (states by code, a
//! category as its code reads, people and posts as recorded) and the words another language
//! needs (states by name, codes by their labels, people and posts by the names the record gives
//! them in that language): each language's message takes the ones it speaks in.

use chancery_domain::alerts::{AlertSaid, CaseSaid, DaySpan, MemberSaid, PngSaid};
use chancery_domain::consular::cases::ClockName;
use chancery_domain::ids::PostId;
use chancery_domain::image::timeline::View;
use chancery_domain::{Image, StateCode};

use crate::web::i18n::{code_of, Arg};
use crate::web::pages::{name_of, Names};
use crate::web::Ctx;

/// What a sentence reads from the record beyond itself: the states' names, and the names
/// people and posts of the relation have in other languages, as the view sees them.
pub struct Record<'a> {
    pub states: &'a Names,
    pub image: &'a Image,
    pub relation: (StateCode, StateCode),
    pub view: View,
}

/// The alert's sentence in the page's language.
pub fn alert(ctx: &Ctx, record: &Record<'_>, s: &AlertSaid) -> String {
    let w = Words {
        ctx,
        names: record.states,
        record,
    };
    match s {
        AlertSaid::ClockOverdue {
            clock,
            late,
            case,
            due,
        } => w.say(
            "alert-said-clock-overdue",
            vec![
                w.clock(*clock),
                w.clock_label(*clock),
                ("late", w.days(*late).into()),
                ("case", w.case(case).into()),
                ("due", due.to_string().into()),
            ],
        ),
        AlertSaid::ClockDue {
            clock,
            tomorrow,
            case,
        } => w.say(
            "alert-said-clock-due",
            vec![
                w.clock(*clock),
                w.clock_label(*clock),
                ("tomorrow", yes_no(*tomorrow)),
                ("case", w.case(case).into()),
            ],
        ),
        AlertSaid::ClockMayBeOverdue {
            clock,
            case,
            earliest,
            due,
        } => w.say(
            "alert-said-clock-may-be-overdue",
            vec![
                w.clock(*clock),
                w.clock_label(*clock),
                ("case", w.case(case).into()),
                ("earliest", earliest.to_string().into()),
                ("due", due.to_string().into()),
                ("case_date", case.date.to_string().into()),
            ],
        ),
        AlertSaid::PngOverdue { png, late } => w.say(
            "alert-said-png-overdue",
            vec![
                ("png", w.png(png).into()),
                ("deadline", png.deadline.to_string().into()),
                ("late", w.span(*late).into()),
            ],
        ),
        AlertSaid::PngDue { png, left } => {
            let left = if left.most == 0 {
                ctx.t("alert-said-last-day")
            } else {
                ctx.t_args("alert-said-left", &[("days", w.span(*left).into())])
            };
            w.say(
                "alert-said-png-due",
                vec![
                    ("png", w.png(png).into()),
                    ("deadline", png.deadline.to_string().into()),
                    ("left", left.into()),
                ],
            )
        }
        AlertSaid::PngMayBeOverdue { png, left, late } => w.say(
            "alert-said-png-may-be-overdue",
            vec![
                ("png", w.png(png).into()),
                ("deadline", png.deadline.to_string().into()),
                ("left", w.days(*left).into()),
                ("late", w.days(*late).into()),
            ],
        ),
        AlertSaid::CapByMembers {
            sending,
            host,
            counted,
            counting,
            may,
            cap,
            since,
            measure,
        } => {
            let mut args = w.mission(*sending, *host);
            args.extend([
                ("counted", counted.to_string().into()),
                ("counting", counting.as_str().replace('_', " ").into()),
                ("counting_label", ctx.word(*counting).into()),
                ("may", yes_no(*may)),
                ("cap", (*cap).into()),
                ("since", since.to_string().into()),
                ("measure", measure.to_string().into()),
            ]);
            w.say("alert-said-cap-by-members", args)
        }
        AlertSaid::CommitmentOverdue {
            by,
            late,
            text,
            due,
        } => w.say(
            "alert-said-commitment-overdue",
            vec![
                ("by", codes(by).into()),
                ("by_names", w.state_names(by).into()),
                ("late", w.days(*late).into()),
                ("text", text.as_str().into()),
                ("due", due.to_string().into()),
            ],
        ),
        AlertSaid::CommitmentDue { by, due, text } => w.say(
            "alert-said-commitment-due",
            vec![
                ("by", codes(by).into()),
                ("by_names", w.state_names(by).into()),
                ("due", due.to_string().into()),
                ("text", text.as_str().into()),
            ],
        ),
        AlertSaid::Vacant {
            sending,
            host,
            since,
            age,
            charge_d_affaires,
        } => {
            let mut args = w.mission(*sending, *host);
            args.extend([
                ("since", since.to_string().into()),
                ("age", w.span(*age).into()),
            ]);
            match charge_d_affaires {
                Some(name) => {
                    args.push(("charge", name.as_str().into()));
                    args.push(("charge_shown", w.person(name).into()));
                    w.say("alert-said-vacant-charge", args)
                }
                None => w.say("alert-said-vacant", args),
            }
        }
        AlertSaid::HeadlineAboveCap {
            sending,
            host,
            date,
            value,
            cap,
            measure,
        } => {
            let mut args = w.mission(*sending, *host);
            args.extend([
                ("date", date.to_string().into()),
                ("value", (*value).into()),
                ("cap", (*cap).into()),
                ("measure", measure.to_string().into()),
            ]);
            w.say("alert-said-headline-above-cap", args)
        }
        AlertSaid::StaffFigureStale {
            sending,
            host,
            value,
            date,
            age,
            on,
        } => {
            let mut args = w.mission(*sending, *host);
            args.extend([
                ("value", (*value).into()),
                ("date", date.to_string().into()),
                ("age", w.days(*age).into()),
                ("on", on.to_string().into()),
            ]);
            w.say("alert-said-staff-figure-stale", args)
        }
        AlertSaid::AgrementPending {
            person,
            sending,
            host,
            since,
            age,
            norm,
        } => {
            let mut args = w.mission(*sending, *host);
            args.extend([
                ("person", person.as_str().into()),
                ("person_shown", w.person(person).into()),
                ("since", since.to_string().into()),
                ("age", w.days(*age).into()),
                ("norm", (*norm).into()),
            ]);
            w.say("alert-said-agrement-pending", args)
        }
        AlertSaid::MeasureTakesEffect {
            actor,
            target,
            effective,
            summary,
        } => {
            let mut args = w.sides(*actor, *target);
            args.extend([
                ("effective", effective.to_string().into()),
                ("summary", summary.as_str().into()),
                ("summary_clause", clause(summary).into()),
            ]);
            w.say("alert-said-measure-takes-effect", args)
        }
        AlertSaid::MeasureExpires {
            actor,
            target,
            expires,
            summary,
        } => {
            let mut args = w.sides(*actor, *target);
            args.extend([
                ("expires", expires.to_string().into()),
                ("summary", summary.as_str().into()),
                ("summary_clause", clause(summary).into()),
            ]);
            w.say("alert-said-measure-expires", args)
        }
    }
}

type Args<'a> = Vec<(&'static str, Arg<'a>)>;

/// A choice a message selects on: `yes` or `no`.
fn yes_no<'b>(b: bool) -> Arg<'b> {
    if b { "yes" } else { "no" }.into()
}

/// States by code, as the English sentence lists them: "US and RU".
fn codes(states: &[StateCode]) -> String {
    states
        .iter()
        .map(StateCode::as_str)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A recorded text ending a sentence, without a period of its own to double the sentence's.
fn clause(text: &str) -> &str {
    text.strip_suffix('.').unwrap_or(text)
}

/// A label read inside a sentence: its first letter in lower case.
pub(super) fn inside(label: String) -> String {
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

struct Words<'a> {
    ctx: &'a Ctx,
    names: &'a Names,
    record: &'a Record<'a>,
}

impl Words<'_> {
    /// A person as the page's language writes them, with the name as recorded beside it when
    /// the record gives another ("Джон Салливан / John Sullivan").
    fn person(&self, name: &str) -> String {
        let (a, b) = self.record.relation;
        let names = self.record.image.person_names(a, b, name, self.record.view);
        match names.get(self.ctx.lang().code()) {
            Some(other) if other != name => format!("{other} / {name}"),
            _ => name.to_owned(),
        }
    }

    /// A post by its name in the page's language when the record gives one, else its id.
    fn post(&self, post: &PostId) -> String {
        let (names, _) = self.record.image.post_names(post, self.record.view);
        names
            .get(self.ctx.lang().code())
            .map_or_else(|| post.to_string(), str::to_owned)
    }

    fn say(&self, id: &str, args: Args<'_>) -> String {
        self.ctx.t_args(id, &args)
    }

    fn days(&self, n: i64) -> String {
        self.ctx.t_args("alert-said-days", &[("n", n.into())])
    }

    fn span(&self, s: DaySpan) -> String {
        if s.least == s.most {
            self.days(s.least)
        } else {
            self.ctx.t_args(
                "alert-said-day-span",
                &[("least", s.least.into()), ("most", s.most.into())],
            )
        }
    }

    fn clock<'b>(&self, c: ClockName) -> (&'static str, Arg<'b>) {
        let words = c.words();
        let mut chars = words.chars();
        let capitalised: String = chars
            .next()
            .map(|f| f.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        ("clock", capitalised.into())
    }

    fn clock_label<'b>(&self, c: ClockName) -> (&'static str, Arg<'b>) {
        (
            "clock_label",
            self.ctx.label("consular-clock", &code_of(&c)).into(),
        )
    }

    fn case(&self, c: &CaseSaid) -> String {
        self.ctx.t_args(
            "alert-said-case",
            &[
                ("case", c.case.to_string().into()),
                ("kind", c.kind.to_string().into()),
                ("kind_label", inside(self.ctx.word(c.kind)).into()),
                ("city", c.city.as_str().into()),
                ("date", c.date.to_string().into()),
            ],
        )
    }

    fn member(&self, m: &MemberSaid) -> String {
        self.ctx.t_args(
            "alert-said-member",
            &[
                ("name", m.name.as_str().into()),
                ("name_shown", self.person(&m.name).into()),
                ("category", m.category.as_str().replace('_', " ").into()),
                ("category_label", inside(self.ctx.word(m.category)).into()),
                ("sending", m.sending.as_str().into()),
                ("sending_name", name_of(self.names, m.sending).into()),
                ("post", m.post.to_string().into()),
                ("post_shown", self.post(&m.post).into()),
            ],
        )
    }

    fn png(&self, p: &PngSaid) -> String {
        self.ctx.t_args(
            "alert-said-png",
            &[
                ("member", self.member(&p.member).into()),
                ("by", p.by.as_str().into()),
                ("by_name", name_of(self.names, p.by).into()),
                ("declared", p.declared.to_string().into()),
            ],
        )
    }

    /// States by name, for a list in parentheses: "Russia, United States".
    fn state_names(&self, states: &[StateCode]) -> String {
        states
            .iter()
            .map(|s| name_of(self.names, *s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A mission's two states, by code and by name.
    fn mission<'b>(&self, sending: StateCode, host: StateCode) -> Args<'b> {
        vec![
            ("sending", sending.as_str().to_owned().into()),
            ("host", host.as_str().to_owned().into()),
            ("sending_name", name_of(self.names, sending).into()),
            ("host_name", name_of(self.names, host).into()),
        ]
    }

    /// A measure's actor and target, by code and by name.
    fn sides<'b>(&self, actor: StateCode, target: StateCode) -> Args<'b> {
        vec![
            ("actor", actor.as_str().to_owned().into()),
            ("target", target.as_str().to_owned().into()),
            ("actor_name", name_of(self.names, actor).into()),
            ("target_name", name_of(self.names, target).into()),
        ]
    }
}

#[cfg(test)]
mod tests;
