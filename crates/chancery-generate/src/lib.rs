//! A deterministic synthetic world for scale tests (`chancery generate`, the benches, the property
//! tests): a journal of realistic shape and size without real data.
//!
//! The world is a small discrete-event simulation. States are related in pairs; each side of a
//! relation keeps a mission in the other (an embassy, sometimes consulates), staffed by members
//! who are notified, arrive and depart in rotation, and headed by an ambassador who goes through
//! agrément, appointment, arrival and credentials, leaving a chargé d'affaires a.i. in the gaps.
//! Now and then a relation sours: measures are imposed, each answering the other side's last one,
//! until talks unwind them last-in-first-out. The first two states (`AA` and `AD`, see
//! [`busiest_relation`]) are locked in near-permanent escalation: many more measures, expulsions,
//! caps, closures, recalls and rounds of talks than any other pair.
//!
//! The simulation keeps its own copy of every fact a rule looks at (post status, who is on staff,
//! caps in force, who heads a mission) and only emits an act when the rules of
//! docs/scenario-format.md allow it, so the whole stream records into an empty [`Image`] without a
//! refusal. Acts come out ordered by the first day of their valid date (set-up acts dated to the
//! first year, then day dates, staffing reports to the month on its first day), which is also the
//! order they are to be recorded in.
//!
//! The stream is a whole journal: record it into an empty image, from sequence number 1, because
//! the few corrections it contains name the act they correct by that number.
//!
//! Memory stays bounded by the size of the world, not the length of its history: acts are made
//! as the simulation clock advances and handed out one by one, and departed staff are forgotten.
//!
//! [`Image`]: chancery_domain::Image

use chancery_domain::act::{
    HeadEvent, HeadOfMission, MeasureAct, MemberAct, PostAct, PremisesAct, StaffingAct, StateAct,
    TalksAct,
};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::str::FromStr;

use chancery_domain::act::{Act, ActBody, Envelope, MeasureImposed};
use chancery_domain::date::{CivilDate, ValidDate};
use chancery_domain::ids::{MeasureId, MemberId, PostId, PremisesId, RoundId, StateCode};
use chancery_domain::vocab::{
    Bound, Character, Confidence, Counting, MeasureKind, PostKind, PremisesKind, ServiceLevel,
    StaffCategory, StaffFigure,
};

/// The state codes a world can use: those ISO 3166-1 assigns or leaves to users
/// (`chancery_domain::iso3166`), so an exported world imports like a real record.
pub const MAX_STATES: u16 = 249 + 42;

/// On average each state has missions in this many others (all of them in a small world).
const PARTNERS: u64 = 40;

/// The shape of a synthetic world. Out-of-range values are clamped rather than refused, so any
/// spec yields a world: `states` to 2..=291, `years` to 1..=500, `start_year` so that the whole
/// history fits in years 1900..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorldSpec {
    pub states: u16,
    pub years: u16,
    pub seed: u64,
    pub start_year: i32,
}

impl Default for WorldSpec {
    /// The scale-test world: about 11k posts in 8k missions and 2.2M acts (seed 1: 2,155,284),
    /// about 230 measures in the busiest relation.
    fn default() -> Self {
        WorldSpec {
            states: 200,
            years: 30,
            seed: 1,
            start_year: 1995,
        }
    }
}

impl WorldSpec {
    fn state_count(&self) -> u16 {
        self.states.clamp(2, MAX_STATES)
    }

    fn year_count(&self) -> u16 {
        self.years.clamp(1, 500)
    }

    fn first_year(&self) -> i32 {
        // A record dated before 1900 needs `date_confirmed` on every act (image/plausibility.rs);
        // a synthetic world has nothing to confirm, so it starts no earlier.
        self.start_year.clamp(
            chancery_domain::image::PLAUSIBLE_FROM_YEAR,
            9999 - i32::from(self.year_count()),
        )
    }

    /// The first day of the history (1 January of the first year).
    pub fn start_date(&self) -> CivilDate {
        jan_first(self.first_year())
    }

    /// The last day of the history (31 December of the last year).
    pub fn end_date(&self) -> CivilDate {
        jan_first(self.first_year() + i32::from(self.year_count())).add_days(-1)
    }

    /// Halfway through the history: a date at which every kind of fact is in play.
    pub fn mid_date(&self) -> CivilDate {
        let start = self.start_date();
        let days = start.days_until(self.end_date());
        start.add_days(i32::try_from(days / 2).unwrap_or(0))
    }
}

fn jan_first(year: i32) -> CivilDate {
    // Years are clamped into the calendar's range before they get here; the fallback only keeps
    // this total.
    CivilDate::from_ymd(year, 1, 1).unwrap_or(CivilDate::from_days_since_epoch(0))
}

/// The code of the `i`-th state, in alphabetical order of the codes a record accepts: `AA`
/// (user-assigned), `AD`, `AE`, ... `ZW`, `ZZ`.
pub fn state_code(i: u16) -> StateCode {
    static CODES: std::sync::OnceLock<Vec<StateCode>> = std::sync::OnceLock::new();
    let codes = CODES.get_or_init(|| {
        (b'A'..=b'Z')
            .flat_map(|a| (b'A'..=b'Z').map(move |b| [a, b]))
            .filter_map(|letters| {
                let code = std::str::from_utf8(&letters).ok()?;
                chancery_domain::iso3166::accepted(code).then(|| generated(code))
            })
            .collect()
    });
    codes[usize::from(i.min(MAX_STATES - 1))]
}

/// The relation with markedly more activity than any other: the first two states.
pub fn busiest_relation(_spec: &WorldSpec) -> (StateCode, StateCode) {
    (state_code(0), state_code(1))
}

/// The acts of the world `spec` describes, in the order to record them. Same spec, same acts.
pub fn generate(spec: &WorldSpec) -> Generator {
    Generator::new(spec)
}

/// Parses an identifier the generator built itself from codes and counters.
fn generated<T: FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    // Every generated identifier is built from lower-case state codes, fixed words and numbers,
    // so it is always valid; a failure here is a bug in this module, not bad input.
    s.parse().expect("generated identifiers are valid slugs")
}

/// splitmix64: tiny, fast, and good enough to make a world look irregular. Reproducibility is
/// the point, so no dependency whose output might change between versions.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift rather than modulo to avoid bias.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        let span = u64::try_from(hi - lo).unwrap_or(0) + 1;
        lo + self.below(span) as i32
    }

    /// True with probability `per_mille / 1000`. Integers, not floats, so the world is the same
    /// on every platform.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

const YEAR: i32 = 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PostStatus {
    Open,
    Suspended,
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PremisesStatus {
    Usable,
    Barred,
    Seized,
    Released,
}

struct Post {
    id: PostId,
    mission: usize,
    kind: PostKind,
    status: PostStatus,
    /// Members on staff (notified or arrived, not departed), by member number.
    members: Vec<u64>,
    premises: Vec<usize>,
}

struct Premises {
    id: PremisesId,
    status: PremisesStatus,
}

struct Member {
    id: MemberId,
    post: usize,
    category: StaffCategory,
    arrived: bool,
    /// Declared persona non grata: leaves on its own schedule, not the rotation's.
    png: bool,
}

struct Cap {
    measure: MeasureId,
    counting: Counting,
    cap: u32,
}

struct Head {
    person: String,
    absent: bool,
}

struct Mission {
    sending: StateCode,
    host: StateCode,
    posts: Vec<usize>,
    /// Members present (arrived, not departed), by category: what a cap counts.
    present: [u32; 7],
    /// Caps the host has in force on this mission, mirrored so that no arrival breaks one.
    caps: Vec<Cap>,
    /// Visa restrictions of the host in force against this mission: arrivals get delayed.
    visa_restrictions: u32,
    head: Option<Head>,
    candidate: Option<String>,
    charge: Option<String>,
    envoys: u32,
    charges: u32,
    consulates: u32,
}

impl Mission {
    fn counted(&self, counting: Counting) -> u32 {
        StaffCategory::ALL
            .iter()
            .filter(|c| counting.counts(**c))
            .map(|c| self.present[category_index(*c)])
            .sum()
    }

    /// Whether the arrival of one more member of `category` would break a cap in force (VCDR
    /// Art. 11), exactly as the image checks it.
    fn arrival_blocked(&self, category: StaffCategory) -> bool {
        self.caps
            .iter()
            .any(|c| c.counting.counts(category) && self.counted(c.counting) + 1 > c.cap)
    }
}

fn category_index(c: StaffCategory) -> usize {
    match c {
        StaffCategory::HeadOfMission => 0,
        StaffCategory::Diplomatic => 1,
        StaffCategory::AdministrativeTechnical => 2,
        StaffCategory::Service => 3,
        StaffCategory::LocallyEmployed => 4,
        StaffCategory::PrivateServant => 5,
        StaffCategory::Family => 6,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Calm,
    Escalating,
    Talks,
}

/// What a measure in force did, so that lifting it can undo it.
enum Effect {
    None,
    Cap(usize),
    Visa(usize),
    Premises(usize),
    Closure(Vec<usize>, usize),
    Services(Vec<usize>),
}

struct Active {
    id: MeasureId,
    /// Which side of the relation took it (0 or 1).
    actor: usize,
    effect: Effect,
    /// An event (an expulsion): it can be answered while the escalation lasts, never lifted.
    event: bool,
}

struct Relation {
    sides: [u16; 2],
    /// `missions[k]`: the mission of side `k` in the other side's territory.
    missions: [usize; 2],
    busiest: bool,
    phase: Phase,
    in_force: Vec<Active>,
    last_actor: usize,
    measures: u32,
    rounds: u32,
}

/// What a measure will do, decided before it is emitted because its scope names the targets.
enum Plan {
    Expel(Vec<u64>),
    Cap(u32),
    LocalCap(u32),
    Close(usize),
    Bar(usize),
    Seize(usize),
    Services(Vec<usize>),
    Visa,
    Travel,
    Banking,
    Visitors(u32),
    Other,
}

#[derive(Clone, Copy, Debug)]
enum HeadStep {
    Depart,
    Request,
    Decide,
    Appoint,
    Arrive,
    Copies,
    Present,
}

#[derive(Clone, Copy, Debug)]
enum Task {
    SetupStates,
    SetupRelation(usize),
    /// End of a member's tour.
    Depart(u64),
    /// A member declared persona non grata leaves by the deadline.
    PngDepart(u64),
    /// A replacement is notified for a post.
    Notify(usize, StaffCategory),
    /// A notified member arrives (or, after `tries`, gives up waiting for a visa).
    Arrive(u64, u8),
    Head(usize, HeadStep),
    Report(usize),
    Tick(usize),
}

struct Scheduled {
    day: i32,
    /// Tie-break: tasks due the same day run in the order they were scheduled.
    order: u64,
    task: Task,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        (self.day, self.order) == (other.day, other.order)
    }
}

impl Eq for Scheduled {}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scheduled {
    /// Reversed: `BinaryHeap` is a max-heap and the earliest task must come out first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.day, other.order).cmp(&(self.day, self.order))
    }
}

/// The world as an iterator of acts. Built by [`generate`].
pub struct Generator {
    rng: Rng,
    start: CivilDate,
    end_day: i32,
    today: i32,
    first_year: ValidDate,
    codes: Vec<StateCode>,
    relations: Vec<Relation>,
    missions: Vec<Mission>,
    posts: Vec<Post>,
    premises: Vec<Premises>,
    /// Members on staff only, by number: the departed are forgotten to bound memory. Looked up,
    /// never iterated, so its order cannot leak into the output.
    members: HashMap<u64, Member>,
    next_member: u64,
    queue: BinaryHeap<Scheduled>,
    scheduled: u64,
    out: VecDeque<Act>,
    /// Acts handed out so far: the sequence number of the last one once recorded.
    emitted: u64,
}

impl Iterator for Generator {
    type Item = Act;

    fn next(&mut self) -> Option<Act> {
        loop {
            if let Some(act) = self.out.pop_front() {
                return Some(act);
            }
            let next = self.queue.pop()?;
            if next.day > self.end_day {
                self.queue.clear();
                return None;
            }
            self.today = next.day;
            self.run(next.task);
        }
    }
}

impl Generator {
    /// How far the world has got: days simulated, and days in all. Acts per day vary too much
    /// for a count of acts to say how much is left; days do.
    pub fn progress(&self) -> (u64, u64) {
        let total = u64::try_from(self.end_day).unwrap_or(0);
        let done = u64::try_from(self.today).unwrap_or(0).min(total);
        (done, total)
    }

    fn new(spec: &WorldSpec) -> Self {
        let n = spec.state_count();
        let start = spec.start_date();
        let end_day = i32::try_from(start.days_until(spec.end_date())).unwrap_or(0);
        let first_year = ValidDate::year(spec.first_year()).unwrap_or(ValidDate::day(start));
        let mut g = Generator {
            rng: Rng(spec.seed),
            start,
            end_day,
            today: 0,
            first_year,
            codes: (0..n).map(state_code).collect(),
            relations: Vec::new(),
            missions: Vec::new(),
            posts: Vec::new(),
            premises: Vec::new(),
            members: HashMap::new(),
            next_member: 0,
            queue: BinaryHeap::new(),
            scheduled: 0,
            out: VecDeque::new(),
            emitted: 0,
        };
        let per_mille = (PARTNERS * 1000 / u64::from(n - 1)).min(1000);
        for a in 0..n {
            for b in a + 1..n {
                let busiest = a == 0 && b == 1;
                if busiest || g.rng.chance(per_mille) {
                    g.add_relation(a, b, busiest);
                }
            }
        }
        g.schedule_at(0, Task::SetupStates);
        for r in 0..g.relations.len() {
            g.schedule_at(0, Task::SetupRelation(r));
        }
        g
    }

    /// Missions are pushed in pairs, so relation `r` owns missions `2r` and `2r + 1`.
    fn add_relation(&mut self, a: u16, b: u16, busiest: bool) {
        let mut missions = [0; 2];
        for (side, (sending, host)) in [(a, b), (b, a)].into_iter().enumerate() {
            missions[side] = self.missions.len();
            self.missions.push(Mission {
                sending: self.codes[usize::from(sending)],
                host: self.codes[usize::from(host)],
                posts: Vec::new(),
                present: [0; 7],
                caps: Vec::new(),
                visa_restrictions: 0,
                head: None,
                candidate: None,
                charge: None,
                envoys: 0,
                charges: 0,
                consulates: 0,
            });
        }
        self.relations.push(Relation {
            sides: [a, b],
            missions,
            busiest,
            phase: Phase::Calm,
            in_force: Vec::new(),
            last_actor: 1,
            measures: 0,
            rounds: 0,
        });
    }

    // ---- clock and output ----

    fn schedule_at(&mut self, day: i32, task: Task) {
        self.scheduled += 1;
        self.queue.push(Scheduled {
            day,
            order: self.scheduled,
            task,
        });
    }

    /// Schedules `task` `lo..=hi` days from today, never today. Set-up acts are dated to the
    /// whole first year and must all come out before the first act dated to a day, which only
    /// holds if nothing that set-up schedules runs on day 0.
    fn schedule_in(&mut self, lo: i32, hi: i32, task: Task) {
        let day = self.today + self.rng.range(lo.max(1), hi.max(1));
        if day <= self.end_day {
            self.schedule_at(day, task);
        }
    }

    fn date(&self) -> ValidDate {
        ValidDate::day(self.start.add_days(self.today))
    }

    /// What the world starts with is dated to its first year, not to a day of the simulation.
    fn date_or_first_year(&self, initial: bool) -> ValidDate {
        if initial {
            self.first_year
        } else {
            self.date()
        }
    }

    fn emit_act(&mut self, act: Act) -> u64 {
        self.emitted += 1;
        self.out.push_back(act);
        self.emitted
    }

    fn emit_at(&mut self, date: ValidDate, body: ActBody) -> u64 {
        self.emit_act(Act {
            envelope: Envelope::on(date),
            body,
        })
    }

    fn emit(&mut self, body: ActBody) -> u64 {
        let date = self.date();
        self.emit_at(date, body)
    }

    fn run(&mut self, task: Task) {
        match task {
            Task::SetupStates => {
                for code in self.codes.clone() {
                    let date = self.first_year;
                    self.emit_at(
                        date,
                        ActBody::State(StateAct::Registered {
                            state: code,
                            name: format!("State {code}"),
                            // The generated world's states have no names in other languages:
                            // pages fall back to these.
                            names: chancery_domain::names::Names::default(),
                        }),
                    );
                }
            }
            Task::SetupRelation(r) => self.setup_relation(r),
            Task::Depart(m) => {
                if let Some((post, category)) = self
                    .members
                    .get(&m)
                    .filter(|x| !x.png)
                    .map(|x| (x.post, x.category))
                {
                    self.depart(m);
                    self.schedule_in(1, 60, Task::Notify(post, category));
                }
            }
            Task::PngDepart(m) => {
                if let Some((post, category)) = self.members.get(&m).map(|x| (x.post, x.category)) {
                    self.depart(m);
                    // Expelled staff are replaced slowly: the host is in no hurry with visas.
                    self.schedule_in(90, 365, Task::Notify(post, category));
                }
            }
            Task::Notify(post, category) => self.notify(post, category, false),
            Task::Arrive(m, tries) => self.arrive(m, tries),
            Task::Head(mission, step) => self.head_step(mission, step),
            Task::Report(mission) => self.report(mission),
            Task::Tick(r) => self.tick(r),
        }
    }

    // ---- posts and staff ----

    fn setup_relation(&mut self, r: usize) {
        let busiest = self.relations[r].busiest;
        for side in 0..2 {
            let mi = self.relations[r].missions[side];
            self.open_post(mi, PostKind::Embassy, true);
            let consulates = if busiest {
                3
            } else if self.rng.chance(50) {
                2
            } else if self.rng.chance(250) {
                1
            } else {
                0
            };
            for _ in 0..consulates {
                let kind = if self.rng.chance(500) {
                    PostKind::ConsulateGeneral
                } else {
                    PostKind::Consulate
                };
                self.open_post(mi, kind, true);
            }
            self.setup_head(mi);
            // Reports come out on the first of a month, so the first day of their month-precise
            // date is never earlier than an act already handed out; not in January of the first
            // year, which is set-up day.
            let month = self.rng.range(2, 12) as u32;
            let year = self.first_year.earliest().ymd().0;
            if let Some(first) = CivilDate::from_ymd(year, month, 1) {
                let day = i32::try_from(self.start.days_until(first))
                    .unwrap_or(0)
                    .max(1);
                self.schedule_at(day, Task::Report(mi));
            }
        }
        let first_tick = if busiest { 60 } else { 2 * YEAR };
        self.schedule_in(1, first_tick, Task::Tick(r));
    }

    /// Opens a post with its premises and staff. Set-up posts are dated to the first year and
    /// marked as older than the record; later posts open today and are staffed over weeks.
    fn open_post(&mut self, mi: usize, kind: PostKind, initial: bool) {
        let busiest = self.relation_of(mi).busiest;
        let m = &mut self.missions[mi];
        let (sending, host) = (m.sending, m.host);
        let (s, h) = (lower(sending), lower(host));
        let (slug, name, city) = if kind == PostKind::Embassy {
            (
                format!("{s}-{h}-embassy"),
                format!("Embassy of {sending} in {host}"),
                format!("{host} Capital"),
            )
        } else {
            m.consulates += 1;
            let k = m.consulates;
            (
                format!("{s}-{h}-consulate-{k}"),
                format!("Consulate of {sending} in {host} no. {k}"),
                format!("{host} City {k}"),
            )
        };
        let post = self.posts.len();
        let id: PostId = generated(&slug);
        self.posts.push(Post {
            id: id.clone(),
            mission: mi,
            kind,
            status: PostStatus::Open,
            members: Vec::new(),
            premises: Vec::new(),
        });
        self.missions[mi].posts.push(post);
        let date = self.date_or_first_year(initial);
        self.emit_at(
            date,
            ActBody::Post(PostAct::Opened {
                city_names: chancery_domain::names::Names::default(),
                names: chancery_domain::names::Names::default(),
                post: id.clone(),
                sending,
                host,
                post_kind: kind,
                name: name.clone(),
                city: city.clone(),
                start_unknown: initial,
            }),
        );
        let mut kinds = vec![PremisesKind::Chancery];
        if kind == PostKind::Embassy {
            kinds.push(PremisesKind::Residence);
            if busiest || self.rng.chance(100) {
                kinds.push(PremisesKind::Compound);
            }
        }
        for pk in kinds {
            let pid: PremisesId = generated(&format!("{slug}-{pk}"));
            let p = self.premises.len();
            self.premises.push(Premises {
                id: pid.clone(),
                status: PremisesStatus::Usable,
            });
            self.posts[post].premises.push(p);
            self.emit_at(
                date,
                ActBody::Premises(PremisesAct::Acquired {
                    premises: pid,
                    post: id.clone(),
                    premises_kind: pk,
                    name: format!("{pk} of the {name}"),
                    city: city.clone(),
                    start_unknown: initial,
                }),
            );
        }
        let slots = match (kind == PostKind::Embassy, busiest) {
            (true, true) => self.rng.range(24, 32),
            (true, false) => self.rng.range(3, 8),
            (false, true) => self.rng.range(6, 10),
            (false, false) => self.rng.range(2, 3),
        };
        for slot in 0..slots {
            let category = SLOT_CATEGORIES[slot as usize % SLOT_CATEGORIES.len()];
            if initial {
                self.notify(post, category, true);
            } else {
                self.schedule_in(1, 90, Task::Notify(post, category));
            }
        }
    }

    fn relation_of(&self, mi: usize) -> &Relation {
        // Missions come in pairs, in relation order.
        &self.relations[mi / 2]
    }

    /// A new member for `post`. At set-up the member is already there (dated to the first year);
    /// otherwise the arrival follows in a few weeks, visas permitting.
    fn notify(&mut self, post: usize, category: StaffCategory, initial: bool) {
        if self.posts[post].status == PostStatus::Closed {
            return;
        }
        self.next_member += 1;
        let n = self.next_member;
        let id: MemberId = generated(&format!("m{n}"));
        let date = self.date_or_first_year(initial);
        self.emit_at(
            date,
            ActBody::Member(MemberAct::Notified {
                names: chancery_domain::names::Names::default(),
                member: id.clone(),
                post: self.posts[post].id.clone(),
                name: format!("Member {n}"),
                category,
                start_unknown: initial,
                family_of: None,
            }),
        );
        self.members.insert(
            n,
            Member {
                id: id.clone(),
                post,
                category,
                arrived: false,
                png: false,
            },
        );
        self.posts[post].members.push(n);
        if initial {
            self.emit_at(
                date,
                ActBody::Member(MemberAct::Arrived {
                    member: id,
                    violation: None,
                }),
            );
            self.mark_arrived(n);
            // Spread the first departures over a whole tour so rotations do not come in waves.
            let tour = tour_days(category);
            self.schedule_in(1, tour, Task::Depart(n));
        } else {
            self.schedule_in(10, 60, Task::Arrive(n, 0));
        }
    }

    fn mark_arrived(&mut self, n: u64) {
        if let Some(m) = self.members.get_mut(&n) {
            m.arrived = true;
            let (post, category) = (m.post, m.category);
            let mi = self.posts[post].mission;
            self.missions[mi].present[category_index(category)] += 1;
        }
    }

    fn arrive(&mut self, n: u64, tries: u8) {
        let Some((post, category)) = self
            .members
            .get(&n)
            .filter(|m| !m.png && !m.arrived)
            .map(|m| (m.post, m.category))
        else {
            return;
        };
        let mi = self.posts[post].mission;
        let mission = &self.missions[mi];
        let visa_delay = mission.visa_restrictions > 0 && self.rng.chance(600);
        if mission.arrival_blocked(category) || visa_delay {
            if tries < 3 {
                self.schedule_in(45, 150, Task::Arrive(n, tries + 1));
            } else {
                // The appointment lapses; the post tries again with someone else much later.
                self.depart(n);
                self.schedule_in(120, 400, Task::Notify(post, category));
            }
            return;
        }
        let id = self.members[&n].id.clone();
        self.emit(ActBody::Member(MemberAct::Arrived {
            member: id,
            violation: None,
        }));
        self.mark_arrived(n);
        let tour = tour_days(category);
        self.schedule_in(tour * 2 / 3, tour * 4 / 3, Task::Depart(n));
    }

    /// Records a departure and forgets the member. Replacements are the caller's business.
    fn depart(&mut self, n: u64) {
        let Some(m) = self.members.remove(&n) else {
            return;
        };
        self.emit(ActBody::Member(MemberAct::Departed { member: m.id }));
        let mi = self.posts[m.post].mission;
        if m.arrived {
            self.missions[mi].present[category_index(m.category)] -= 1;
        }
        self.posts[m.post].members.retain(|x| *x != n);
    }

    // ---- heads of mission ----

    fn person(&mut self, mi: usize) -> String {
        let m = &mut self.missions[mi];
        m.envoys += 1;
        format!("Envoy {} of {} to {}", m.envoys, m.sending, m.host)
    }

    fn head_act(&self, mi: usize, person: String, event: HeadEvent) -> ActBody {
        let m = &self.missions[mi];
        ActBody::HeadOfMission(HeadOfMission {
            names: chancery_domain::names::Names::default(),
            sending: m.sending,
            host: m.host,
            person,
            event,
        })
    }

    fn emit_head(&mut self, mi: usize, person: String, event: HeadEvent) {
        let body = self.head_act(mi, person, event);
        self.emit(body);
    }

    /// A chargé in place hands the mission back before its head (re)takes it.
    fn end_charge(&mut self, mi: usize) {
        if let Some(charge) = self.missions[mi].charge.take() {
            self.emit_head(mi, charge, HeadEvent::ChargeEnded);
        }
    }

    fn setup_head(&mut self, mi: usize) {
        let person = self.person(mi);
        let date = self.first_year;
        self.emit_at(
            date,
            self.head_act(
                mi,
                person.clone(),
                HeadEvent::Arrived {
                    start_unknown: true,
                },
            ),
        );
        self.emit_at(
            date,
            self.head_act(mi, person.clone(), HeadEvent::CredentialsPresented),
        );
        self.missions[mi].head = Some(Head {
            person,
            absent: false,
        });
        self.schedule_in(1, 4 * YEAR, Task::Head(mi, HeadStep::Depart));
    }

    fn head_step(&mut self, mi: usize, step: HeadStep) {
        let in_crisis = self.relation_of(mi).phase != Phase::Calm;
        let busiest = self.relation_of(mi).busiest;
        let candidate = self.missions[mi].candidate.clone().unwrap_or_default();
        match step {
            HeadStep::Depart => {
                let Some(head) = self.missions[mi].head.take() else {
                    return;
                };
                self.emit_head(mi, head.person, HeadEvent::Departed);
                // A head recalled earlier may leave for good with the chargé already in place.
                if self.missions[mi].charge.is_none() {
                    self.assume_charge(mi);
                }
                let gap = if busiest { 2 * YEAR } else { 240 };
                self.schedule_in(30, gap, Task::Head(mi, HeadStep::Request));
            }
            HeadStep::Request => {
                let person = self.person(mi);
                self.missions[mi].candidate = Some(person.clone());
                self.emit_head(mi, person, HeadEvent::AgrementRequested);
                self.schedule_in(14, 90, Task::Head(mi, HeadStep::Decide));
            }
            HeadStep::Decide => {
                let refuse = if busiest {
                    300
                } else if in_crisis {
                    200
                } else {
                    40
                };
                if self.rng.chance(refuse) {
                    self.missions[mi].candidate = None;
                    self.emit_head(mi, candidate, HeadEvent::AgrementRefused);
                    self.schedule_in(30, 150, Task::Head(mi, HeadStep::Request));
                } else {
                    self.emit_head(mi, candidate, HeadEvent::AgrementGranted);
                    self.schedule_in(7, 45, Task::Head(mi, HeadStep::Appoint));
                }
            }
            HeadStep::Appoint => {
                self.emit_head(mi, candidate, HeadEvent::Appointed);
                self.schedule_in(14, 90, Task::Head(mi, HeadStep::Arrive));
            }
            HeadStep::Arrive => {
                self.end_charge(mi);
                self.emit_head(
                    mi,
                    candidate.clone(),
                    HeadEvent::Arrived {
                        start_unknown: false,
                    },
                );
                self.missions[mi].head = Some(Head {
                    person: candidate,
                    absent: false,
                });
                self.missions[mi].candidate = None;
                self.schedule_in(1, 5, Task::Head(mi, HeadStep::Copies));
            }
            HeadStep::Copies | HeadStep::Present => {
                let Some(person) = self.missions[mi].head.as_ref().map(|h| h.person.clone()) else {
                    return;
                };
                if matches!(step, HeadStep::Copies) {
                    self.emit_head(mi, person, HeadEvent::CredentialsCopies);
                    self.schedule_in(5, 60, Task::Head(mi, HeadStep::Present));
                } else {
                    self.emit_head(mi, person, HeadEvent::CredentialsPresented);
                    self.schedule_in(3 * YEAR, 5 * YEAR, Task::Head(mi, HeadStep::Depart));
                }
            }
        }
    }

    fn assume_charge(&mut self, mi: usize) {
        let m = &mut self.missions[mi];
        m.charges += 1;
        let person = format!("Charge {} of {} in {}", m.charges, m.sending, m.host);
        m.charge = Some(person.clone());
        self.emit_head(mi, person, HeadEvent::ChargeAssumed);
    }

    /// Recalled for consultations: the mission is not vacant, a chargé stands in.
    fn recall_head(&mut self, mi: usize) {
        let Some(head) = self.missions[mi].head.as_mut().filter(|h| !h.absent) else {
            return;
        };
        head.absent = true;
        let person = head.person.clone();
        self.emit_head(
            mi,
            person,
            HeadEvent::Absent {
                reason: Some("recalled for consultations".into()),
            },
        );
        if self.missions[mi].charge.is_none() {
            self.assume_charge(mi);
        }
    }

    fn return_head(&mut self, mi: usize) {
        let Some(person) = self.missions[mi]
            .head
            .as_ref()
            .filter(|h| h.absent)
            .map(|h| h.person.clone())
        else {
            return;
        };
        self.end_charge(mi);
        self.emit_head(mi, person, HeadEvent::Returned);
        if let Some(h) = self.missions[mi].head.as_mut() {
            h.absent = false;
        }
    }

    // ---- staffing reports ----

    fn report(&mut self, mi: usize) {
        let (year, month, _) = self.start.add_days(self.today).ymd();
        let Some(date) = ValidDate::month(year, month) else {
            return;
        };
        let m = &self.missions[mi];
        let (sending, host) = (m.sending, m.host);
        let value = m.counted(Counting::AllStaff);
        let (value, bound) = if value > 10 && self.rng.chance(300) {
            ((value + 2) / 5 * 5, Bound::About)
        } else {
            (value, Bound::Exact)
        };
        let body = |value| {
            ActBody::Staffing(StaffingAct::Reported {
                sending,
                host,
                posts: Vec::new(),
                value,
                bound,
                counting: Counting::AllStaff,
                includes_io: false,
                figure: StaffFigure::Headcount,
            })
        };
        let seq = self.emit_at(date, body(value));
        // Now and then a figure is corrected: exercises `supersedes` at scale.
        if self.rng.chance(20) {
            let mut act = Act {
                envelope: Envelope::on(date),
                body: body(value + self.rng.range(1, 3) as u32),
            };
            act.envelope.supersedes = Some(seq);
            act.envelope.note = Some("corrected figure".into());
            self.emit_act(act);
        }
        if let Some(next) = CivilDate::from_ymd(year + 1, month, 1) {
            let day = i32::try_from(self.start.days_until(next)).unwrap_or(i32::MAX);
            if day <= self.end_day {
                self.schedule_at(day, Task::Report(mi));
            }
        }
    }

    // ---- relations: escalation and talks ----

    fn tick(&mut self, r: usize) {
        let busiest = self.relations[r].busiest;
        let next = match self.relations[r].phase {
            Phase::Calm => {
                let start = if busiest { 1000 } else { 25 };
                let roll = self.rng.below(1000);
                if roll < start {
                    self.relations[r].phase = Phase::Escalating;
                    let side = self.rng.below(2) as usize;
                    self.escalate(r, side);
                } else if roll < start + 40 {
                    let [a, b] = self.relations[r].sides;
                    let (by, about) = (self.codes[usize::from(a)], self.codes[usize::from(b)]);
                    self.emit(ActBody::Talks(TalksAct::Statement {
                        by,
                        about,
                        summary: "relations described as friendly".into(),
                    }));
                }
                if busiest {
                    (10, 45)
                } else {
                    (120, 540)
                }
            }
            Phase::Escalating => {
                let (most, p) = if busiest { (14, 800) } else { (6, 600) };
                if self.relations[r].in_force.len() < most && self.rng.chance(p) {
                    let last = self.relations[r].last_actor;
                    // Usually the other side answers; sometimes a side presses on.
                    let side = if self.rng.chance(150) { last } else { 1 - last };
                    self.escalate(r, side);
                } else {
                    self.talks(r);
                }
                if busiest {
                    (10, 45)
                } else {
                    (20, 120)
                }
            }
            Phase::Talks => {
                if busiest && self.rng.chance(150) {
                    // Talks break down.
                    self.relations[r].phase = Phase::Escalating;
                    let side = 1 - self.relations[r].last_actor;
                    self.escalate(r, side);
                } else {
                    self.unwind(r);
                }
                if busiest {
                    (10, 45)
                } else {
                    (30, 180)
                }
            }
        };
        self.schedule_in(next.0, next.1, Task::Tick(r));
    }

    fn pick_kind(&mut self) -> MeasureKind {
        const WEIGHTS: &[(MeasureKind, u64)] = &[
            (MeasureKind::Expulsion, 28),
            (MeasureKind::VisaRestriction, 14),
            (MeasureKind::StaffCap, 10),
            (MeasureKind::TravelRestriction, 8),
            (MeasureKind::PremisesAccessBarred, 8),
            (MeasureKind::PostClosure, 7),
            (MeasureKind::ConsularServiceRestriction, 6),
            (MeasureKind::BankingRestriction, 5),
            (MeasureKind::LocalStaffLimit, 5),
            (MeasureKind::PremisesSeized, 3),
            (MeasureKind::OfficialVisitorQuota, 3),
            (MeasureKind::Other, 3),
        ];
        let total: u64 = WEIGHTS.iter().map(|w| w.1).sum();
        let mut roll = self.rng.below(total);
        for (kind, w) in WEIGHTS {
            if roll < *w {
                return *kind;
            }
            roll -= w;
        }
        MeasureKind::Other
    }

    /// Decides what a measure against mission `mi` will do. A kind whose targets do not exist
    /// (nobody left to expel, no consulate to close) falls back to a visa restriction.
    fn plan(&mut self, mi: usize, busiest: bool) -> (MeasureKind, Plan) {
        let kind = self.pick_kind();
        let open_posts: Vec<usize> = self.missions[mi]
            .posts
            .iter()
            .copied()
            .filter(|p| self.posts[*p].status != PostStatus::Closed)
            .collect();
        let plan = match kind {
            MeasureKind::Expulsion => {
                let eligible: Vec<u64> = open_posts
                    .iter()
                    .flat_map(|p| self.posts[*p].members.iter().copied())
                    .filter(|n| {
                        self.members.get(n).is_some_and(|m| {
                            !m.png
                                && matches!(
                                    m.category,
                                    StaffCategory::Diplomatic
                                        | StaffCategory::AdministrativeTechnical
                                        | StaffCategory::Service
                                )
                        })
                    })
                    .collect();
                let want = self.rng.range(1, if busiest { 8 } else { 3 }) as usize;
                let from = self.rng.below(eligible.len() as u64) as usize;
                let chosen: Vec<u64> = eligible
                    .iter()
                    .cycle()
                    .skip(from)
                    .take(want.min(eligible.len()))
                    .copied()
                    .collect();
                (!chosen.is_empty()).then_some(Plan::Expel(chosen))
            }
            MeasureKind::StaffCap => {
                let now = self.missions[mi].counted(Counting::AllStaff);
                let cut = self.rng.range(0, if busiest { 4 } else { 2 }) as u32;
                Some(Plan::Cap(now.saturating_sub(cut).max(1)))
            }
            MeasureKind::LocalStaffLimit => {
                let now = self.missions[mi].counted(Counting::LocallyEmployed);
                Some(Plan::LocalCap(
                    now.saturating_sub(self.rng.range(0, 2) as u32),
                ))
            }
            MeasureKind::PostClosure => open_posts
                .iter()
                .rev()
                .find(|p| self.posts[**p].kind != PostKind::Embassy)
                .map(|p| Plan::Close(*p)),
            MeasureKind::PremisesAccessBarred | MeasureKind::PremisesSeized => {
                let usable: Vec<usize> = open_posts
                    .iter()
                    .flat_map(|p| self.posts[*p].premises.iter().copied())
                    .filter(|x| self.premises[*x].status == PremisesStatus::Usable)
                    .collect();
                if usable.is_empty() {
                    None
                } else {
                    let x = usable[self.rng.below(usable.len() as u64) as usize];
                    Some(if kind == MeasureKind::PremisesSeized {
                        Plan::Seize(x)
                    } else {
                        Plan::Bar(x)
                    })
                }
            }
            MeasureKind::ConsularServiceRestriction => {
                (!open_posts.is_empty()).then(|| Plan::Services(open_posts.clone()))
            }
            MeasureKind::TravelRestriction => Some(Plan::Travel),
            MeasureKind::BankingRestriction => Some(Plan::Banking),
            MeasureKind::OfficialVisitorQuota => Some(Plan::Visitors(self.rng.range(5, 50) as u32)),
            MeasureKind::Other
            | MeasureKind::ReplacementsBarred
            | MeasureKind::Summons
            | MeasureKind::Search
            | MeasureKind::RecallForConsultation
            | MeasureKind::ConsularAccessDenied => Some(Plan::Other),
            MeasureKind::VisaRestriction => Some(Plan::Visa),
        };
        match plan {
            Some(p) => (kind, p),
            None => (MeasureKind::VisaRestriction, Plan::Visa),
        }
    }

    fn escalate(&mut self, r: usize, actor_side: usize) {
        let target_side = 1 - actor_side;
        let rel = &self.relations[r];
        let busiest = rel.busiest;
        let actor = self.codes[usize::from(rel.sides[actor_side])];
        let target = self.codes[usize::from(rel.sides[target_side])];
        let mi = rel.missions[target_side];
        let theirs: Vec<MeasureId> = rel
            .in_force
            .iter()
            .filter(|a| a.actor == target_side)
            .map(|a| a.id.clone())
            .collect();
        let answers: Vec<MeasureId> = match theirs.as_slice() {
            [] => Vec::new(),
            [.., prev, last] if self.rng.chance(200) => vec![prev.clone(), last.clone()],
            [.., last] => vec![last.clone()],
        };
        self.relations[r].measures += 1;
        let id: MeasureId = generated(&format!(
            "{}-{}-{}",
            lower(actor),
            lower(target),
            self.relations[r].measures
        ));
        let (kind, plan) = self.plan(mi, busiest);
        let today = self.start.add_days(self.today);
        let announced = ValidDate::day(today.add_days(-self.rng.range(1, 20).min(self.today)));
        let mut m = MeasureImposed {
            announced: Some(announced),
            stated_reason: Some(if answers.is_empty() {
                "activities incompatible with diplomatic status".into()
            } else {
                "reciprocity".into()
            }),
            answers,
            ..MeasureImposed::new(
                id.clone(),
                actor,
                target,
                kind,
                format!("{kind} by {actor} against the missions of {target}"),
            )
        };
        let deadline = self.rng.range(5, 30);
        match &plan {
            Plan::Expel(members) => {
                m.scope.members = members
                    .iter()
                    .filter_map(|n| self.members.get(n))
                    .map(|x| x.id.clone())
                    .collect();
                m.magnitude.persons = Some(members.len() as u32);
                m.deadline = Some(ValidDate::day(today.add_days(deadline)));
                m.legal_basis = Some("VCDR Art. 9".into());
            }
            Plan::Cap(cap) => {
                m.magnitude.cap = Some(*cap);
                m.counting = Some(Counting::AllStaff);
                m.legal_basis = Some("VCDR Art. 11".into());
            }
            Plan::LocalCap(cap) => {
                m.magnitude.cap = Some(*cap);
                m.counting = Some(Counting::LocallyEmployed);
            }
            Plan::Close(post) => {
                m.scope.posts = vec![self.posts[*post].id.clone()];
                m.legal_basis = Some("VCCR Art. 4".into());
            }
            Plan::Bar(p) | Plan::Seize(p) => {
                m.scope.premises = vec![self.premises[*p].id.clone()];
                m.legal_basis = Some("VCDR Art. 22".into());
            }
            Plan::Services(posts) => {
                m.scope.posts = posts.iter().map(|p| self.posts[*p].id.clone()).collect();
            }
            Plan::Travel => {
                m.magnitude.km = Some(25);
                m.magnitude.days = Some(self.rng.range(1, 5) as u32);
            }
            Plan::Visitors(v) => m.magnitude.visitors = Some(*v),
            Plan::Visa | Plan::Banking | Plan::Other => {}
        }
        let mut env = Envelope::on(self.date());
        env.confidence = Some(Confidence::High);
        self.emit_act(Act {
            envelope: env,
            body: ActBody::Measure(MeasureAct::Imposed(Box::new(m))),
        });
        let effect = self.apply(&plan, mi, actor, target, &id, deadline);
        self.relations[r].in_force.push(Active {
            id,
            actor: actor_side,
            effect,
            event: kind.default_character() == Character::Event,
        });
        self.relations[r].last_actor = actor_side;

        // What the target does about it, besides answering in kind later.
        if self.rng.chance(if busiest { 300 } else { 250 }) {
            self.recall_head(mi);
        }
        if self.rng.chance(80) {
            let open = self.missions[mi]
                .posts
                .iter()
                .copied()
                .find(|p| self.posts[*p].status == PostStatus::Open);
            if let Some(post) = open {
                self.posts[post].status = PostStatus::Suspended;
                self.emit(ActBody::Post(PostAct::Suspended {
                    post: self.posts[post].id.clone(),
                    by: target,
                    reason: Some("cannot operate under the measures in force".into()),
                }));
            }
        }
        if self.rng.chance(200) {
            self.emit(ActBody::Talks(TalksAct::Statement {
                by: actor,
                about: target,
                summary: "we reciprocated, naturally".into(),
            }));
        }
    }

    /// Emits the acts that carry a measure out and says how to undo it.
    fn apply(
        &mut self,
        plan: &Plan,
        mi: usize,
        actor: StateCode,
        target: StateCode,
        id: &MeasureId,
        deadline: i32,
    ) -> Effect {
        match plan {
            Plan::Expel(members) => {
                let date = ValidDate::day(self.start.add_days(self.today + deadline));
                for n in members {
                    let Some(m) = self.members.get_mut(n) else {
                        continue;
                    };
                    m.png = true;
                    let member = m.id.clone();
                    self.emit(ActBody::Member(MemberAct::DeclaredPng {
                        member,
                        by: actor,
                        deadline: Some(date),
                        measure: Some(id.clone()),
                    }));
                    if self.today + deadline <= self.end_day {
                        self.schedule_at(self.today + deadline, Task::PngDepart(*n));
                    }
                }
                Effect::None
            }
            Plan::Cap(cap) | Plan::LocalCap(cap) => {
                let counting = if matches!(plan, Plan::Cap(_)) {
                    Counting::AllStaff
                } else {
                    Counting::LocallyEmployed
                };
                self.missions[mi].caps.push(Cap {
                    measure: id.clone(),
                    counting,
                    cap: *cap,
                });
                Effect::Cap(mi)
            }
            Plan::Close(post) => {
                // Staff leave, the host takes the buildings, then the post is gone.
                for n in self.posts[*post].members.clone() {
                    self.depart(n);
                }
                let mut seized = Vec::new();
                for p in self.posts[*post].premises.clone() {
                    if self.premises[p].status == PremisesStatus::Usable {
                        self.premises[p].status = PremisesStatus::Seized;
                        seized.push(p);
                        self.emit(ActBody::Premises(PremisesAct::Seized {
                            premises: self.premises[p].id.clone(),
                            by: actor,
                            measure: Some(id.clone()),
                        }));
                    }
                }
                self.posts[*post].status = PostStatus::Closed;
                self.emit(ActBody::Post(PostAct::Closed {
                    post: self.posts[*post].id.clone(),
                    by: actor,
                    reason: Some("consent withdrawn".into()),
                    measure: Some(id.clone()),
                }));
                Effect::Closure(seized, mi)
            }
            Plan::Bar(p) | Plan::Seize(p) => {
                let premises = self.premises[*p].id.clone();
                let (status, body) = if matches!(plan, Plan::Bar(_)) {
                    let body = ActBody::Premises(PremisesAct::AccessBarred {
                        premises,
                        by: actor,
                        measure: Some(id.clone()),
                    });
                    (PremisesStatus::Barred, body)
                } else {
                    let body = ActBody::Premises(PremisesAct::Seized {
                        premises,
                        by: actor,
                        measure: Some(id.clone()),
                    });
                    (PremisesStatus::Seized, body)
                };
                self.premises[*p].status = status;
                self.emit(body);
                Effect::Premises(*p)
            }
            Plan::Services(posts) => {
                // The target scales down its own consular work in answer: not a measure itself.
                let level = if self.rng.chance(500) {
                    ServiceLevel::Limited
                } else {
                    ServiceLevel::EmergencyOnly
                };
                self.emit(ActBody::Post(PostAct::ServicesChanged {
                    posts: posts.iter().map(|p| self.posts[*p].id.clone()).collect(),
                    level,
                    services: Some(format!(
                        "visas for nationals of {actor} suspended by {target}"
                    )),
                    applies_to: Vec::new(),
                    routed_to: Vec::new(),
                    forced_by: Vec::new(),
                }));
                Effect::Services(posts.clone())
            }
            Plan::Visa => {
                self.missions[mi].visa_restrictions += 1;
                Effect::Visa(mi)
            }
            Plan::Travel | Plan::Banking | Plan::Visitors(_) | Plan::Other => Effect::None,
        }
    }

    fn talks(&mut self, r: usize) {
        let rel = &mut self.relations[r];
        rel.rounds += 1;
        let [a, b] = rel.sides;
        let rounds = rel.rounds;
        let n = self.codes.len();
        let venue = if n > 2 {
            // A third state hosts (a mediator); it need not be registered.
            let mut v = (usize::from(a) + usize::from(b) + rounds as usize) % n;
            while v == usize::from(a) || v == usize::from(b) {
                v = (v + 1) % n;
            }
            self.codes[v]
        } else {
            self.codes[usize::from(a)]
        };
        let (ca, cb) = (self.codes[usize::from(a)], self.codes[usize::from(b)]);
        let round: RoundId = generated(&format!("{}-{}-round-{rounds}", lower(ca), lower(cb)));
        if self.rng.chance(150) {
            let cancelled_by = if self.rng.chance(500) { ca } else { cb };
            self.emit(ActBody::Talks(TalksAct::RoundCancelled {
                round,
                parties: vec![ca, cb].into(),
                venue_state: venue,
                cancelled_by: Some(cancelled_by),
                outcome: "postponed without a new date".into(),
            }));
            return;
        }
        self.emit(ActBody::Talks(TalksAct::RoundHeld {
            round: round.clone(),
            parties: vec![ca, cb].into(),
            venue_state: venue,
            venue: Some(format!("{venue} Capital")),
            level: Some("deputy foreign ministers".into()),
            heads_of_delegation: vec![format!("Delegate of {ca}"), format!("Delegate of {cb}")],
            agenda: vec!["staffing".into(), "visas".into(), "property".into()],
            outcome: "agreed to unwind measures step by step".into(),
        }));
        self.emit(ActBody::Talks(TalksAct::Agreement {
            parties: vec![ca, cb].into(),
            venue_state: venue,
            round: Some(round),
            summary: "reciprocal lifting of the latest measures".into(),
        }));
        self.relations[r].phase = Phase::Talks;
    }

    /// One reciprocal step: each side lifts its latest measure in force (last in, first out).
    fn unwind(&mut self, r: usize) {
        // Events happened; there is nothing of theirs to lift.
        self.relations[r].in_force.retain(|a| !a.event);
        for side in 0..2 {
            if let Some(pos) = self.relations[r]
                .in_force
                .iter()
                .rposition(|a| a.actor == side)
            {
                let active = self.relations[r].in_force.remove(pos);
                self.lift(active);
            }
        }
        if self.relations[r].in_force.is_empty() {
            self.normalise(r);
        }
    }

    fn lift(&mut self, active: Active) {
        let Active { id, effect, .. } = active;
        self.emit(ActBody::Measure(MeasureAct::Lifted {
            measure: id.clone(),
            summary: Some("lifted under the agreement".into()),
        }));
        match effect {
            Effect::None => {}
            Effect::Cap(mi) => self.missions[mi].caps.retain(|c| c.measure != id),
            Effect::Visa(mi) => self.missions[mi].visa_restrictions -= 1,
            Effect::Premises(p) => {
                if matches!(
                    self.premises[p].status,
                    PremisesStatus::Barred | PremisesStatus::Seized
                ) {
                    self.premises[p].status = PremisesStatus::Usable;
                    self.emit(ActBody::Premises(PremisesAct::Returned {
                        premises: self.premises[p].id.clone(),
                        measure: Some(id),
                    }));
                }
            }
            Effect::Closure(seized, mi) => {
                // The buildings come back and are sold; sometimes a new consulate opens elsewhere.
                for p in seized {
                    if self.premises[p].status == PremisesStatus::Seized {
                        let premises = self.premises[p].id.clone();
                        self.emit(ActBody::Premises(PremisesAct::Returned {
                            premises: premises.clone(),
                            measure: Some(id.clone()),
                        }));
                        self.emit(ActBody::Premises(PremisesAct::Released { premises }));
                        self.premises[p].status = PremisesStatus::Released;
                    }
                }
                if self.rng.chance(500) {
                    self.open_post(mi, PostKind::Consulate, false);
                }
            }
            Effect::Services(posts) => {
                let posts: Vec<PostId> = posts
                    .into_iter()
                    .filter(|p| self.posts[*p].status != PostStatus::Closed)
                    .map(|p| self.posts[p].id.clone())
                    .collect();
                if !posts.is_empty() {
                    self.emit(ActBody::Post(PostAct::ServicesChanged {
                        posts,
                        level: ServiceLevel::Full,
                        services: None,
                        applies_to: Vec::new(),
                        routed_to: Vec::new(),
                        forced_by: Vec::new(),
                    }));
                }
            }
        }
    }

    fn normalise(&mut self, r: usize) {
        self.relations[r].phase = Phase::Calm;
        for side in 0..2 {
            let mi = self.relations[r].missions[side];
            self.return_head(mi);
            for post in self.missions[mi].posts.clone() {
                if self.posts[post].status == PostStatus::Suspended {
                    self.posts[post].status = PostStatus::Open;
                    self.emit(ActBody::Post(PostAct::Resumed {
                        post: self.posts[post].id.clone(),
                    }));
                }
            }
        }
        let [a, b] = self.relations[r].sides;
        let (by, about) = (self.codes[usize::from(a)], self.codes[usize::from(b)]);
        self.emit(ActBody::Talks(TalksAct::Statement {
            by,
            about,
            summary: "the operations of both embassies are normalised".into(),
        }));
    }
}

/// The staff of a post, slot by slot: diplomats first, then the people who keep it running.
const SLOT_CATEGORIES: &[StaffCategory] = &[
    StaffCategory::Diplomatic,
    StaffCategory::AdministrativeTechnical,
    StaffCategory::LocallyEmployed,
    StaffCategory::Diplomatic,
    StaffCategory::Service,
    StaffCategory::LocallyEmployed,
    StaffCategory::Diplomatic,
    StaffCategory::AdministrativeTechnical,
];

/// How long a member typically stays: local hires much longer than posted staff.
fn tour_days(category: StaffCategory) -> i32 {
    match category {
        StaffCategory::LocallyEmployed => 6 * YEAR,
        StaffCategory::Service => 4 * YEAR,
        _ => 3 * YEAR,
    }
}

fn lower(code: StateCode) -> String {
    code.as_str().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_domain::image::timeline::View;
    use chancery_domain::query::MeasureFilter;
    use chancery_domain::Image;

    fn spec(states: u16, years: u16, seed: u64) -> WorldSpec {
        WorldSpec {
            states,
            years,
            seed,
            start_year: 1995,
        }
    }

    fn record_all(spec: &WorldSpec) -> Image {
        let mut image = Image::new();
        for act in generate(spec) {
            let seq = image.last_seq() + 1;
            if let Err(e) = image.record(&act, 0) {
                panic!("act #{seq} refused: {e}\n{}", act.to_json());
            }
        }
        image
    }

    #[test]
    fn same_spec_same_acts_other_seed_other_acts() {
        let a: Vec<Act> = generate(&spec(6, 3, 7)).collect();
        let b: Vec<Act> = generate(&spec(6, 3, 7)).collect();
        let c: Vec<Act> = generate(&spec(6, 3, 8)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn progress_counts_days_up_to_the_whole_span_and_never_back() {
        let mut g = generate(&spec(4, 2, 1));
        let (start, total) = g.progress();
        assert_eq!(start, 0);
        assert!((730..=731).contains(&total), "two years of days: {total}");
        let mut last = 0;
        while g.next().is_some() {
            let (done, t) = g.progress();
            assert!(done >= last && done <= t, "{done} after {last}, of {t}");
            last = done;
        }
        assert!(last > total / 2, "the simulation reached late days: {last}");
    }

    #[test]
    fn a_small_world_records_without_a_refusal() {
        for seed in 0..4 {
            let image = record_all(&spec(6, 3, seed));
            assert!(
                image.last_seq() > 500,
                "seed {seed}: only {} acts",
                image.last_seq()
            );
        }
    }

    #[test]
    fn a_medium_world_records_without_a_refusal_and_uses_every_mechanism() {
        let s = spec(12, 12, 3);
        let image = record_all(&s);
        let mut kinds: Vec<&str> = generate(&s).map(|a| a.kind()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in [
            "member_declared_png",
            "post_closed",
            "post_suspended",
            "post_resumed",
            "premises_access_barred",
            "premises_returned",
            "agrement_refused",
            "hom_absent",
            "hom_returned",
            "charge_assumed",
            "charge_ended",
            "measure_lifted",
            "round_held",
            "agreement_recorded",
            "consular_services_changed",
        ] {
            assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
        }
        assert!(
            generate(&s).any(|a| a.envelope.supersedes.is_some()),
            "no correction"
        );
        assert!(image.last_seq() > 5_000);
    }

    #[test]
    fn the_world_grows_with_states_and_years() {
        let count = |states, years| generate(&spec(states, years, 1)).count();
        let small = count(6, 3);
        assert!(count(6, 6) > small * 3 / 2);
        assert!(count(12, 3) > small * 2);
    }

    #[test]
    fn the_busiest_relation_has_markedly_more_measures() {
        let s = spec(10, 10, 2);
        let (a, b) = busiest_relation(&s);
        let image = record_all(&s);
        let end = View::rules(s.end_date());
        let busiest = image
            .measures(a, b, end, MeasureFilter::Imposed)
            .unwrap()
            .len();
        let mut others = Vec::new();
        for i in 0..10 {
            for j in i + 1..10 {
                if (i, j) != (0, 1) {
                    if let Ok(m) =
                        image.measures(state_code(i), state_code(j), end, MeasureFilter::Imposed)
                    {
                        others.push(m.len());
                    }
                }
            }
        }
        let most_other = others.iter().copied().max().unwrap_or(0);
        assert!(
            busiest > 3 * most_other.max(1),
            "busiest {busiest}, next {most_other}"
        );
        assert!(busiest >= 50, "{busiest}");
    }

    #[test]
    fn out_of_range_specs_are_clamped() {
        let s = WorldSpec {
            states: 5000,
            years: 0,
            seed: 0,
            start_year: 20_000,
        };
        assert_eq!(s.state_count(), MAX_STATES);
        assert!(s.end_date() > s.start_date());
        assert_eq!(state_code(MAX_STATES - 1).as_str(), "ZZ");
        assert_eq!(state_code(0).as_str(), "AA");
        assert_eq!(state_code(1).as_str(), "AD");
        // Every code a world uses is one a scenario file may name.
        for i in 0..MAX_STATES {
            let code = state_code(i);
            assert!(chancery_domain::iso3166::accepted(code.as_str()), "{code}");
            assert!(i == 0 || state_code(i - 1) < code);
        }
        assert!(generate(&spec(0, 1, 0)).count() > 10);
    }
}
