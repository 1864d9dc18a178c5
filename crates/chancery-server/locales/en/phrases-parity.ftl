## The phrases-parity area: sentences the domain says, worded here (see web/i18n.rs).
# Parity (web/said/parity.rs): each message reads exactly as the domain's English, the text the
# API gives. States by code, codes as they read.

parity-said-definition = { $counting }; missions to international organisations { $io ->
    [yes] included
   *[no] excluded
}

parity-counting-all_staff = all staff, local hires included
parity-counting-sending_state_staff = sending-state staff, no local hires
parity-counting-diplomatic = diplomatic staff (heads of mission and diplomats)
parity-counting-administrative_technical = administrative and technical staff
parity-counting-service = service staff
parity-counting-locally_employed = locally employed staff

parity-said-and = {" "}and the{" "}
parity-said-days = { $n } days
parity-said-figure = { $bound ->
    [about] about {""}
    [at_least] at least {""}
    [more_than] more than {""}
    [at_most] at most {""}
   *[exact] {""}
}{ $n }

parity-said-staff-reported = { $figure } staff ({ $counting }; reported { $date }, { $age })
parity-said-staff-at-least = at least { $n } staff ({ $counting }; individuals on record)
parity-said-staff-unknown = unknown: no staffing report for the whole mission counting { $counting } and no individual on record
parity-said-posts-unknown = unknown: no post of this mission on record
parity-said-posts-open = { $open } open
parity-said-posts-open-range = { $open } to { $most } open
parity-said-posts-suspended = { $n } suspended
parity-said-posts-closed = { $n } closed
parity-said-posts-maybe = { $n } uncertain on that day
parity-said-premises-unknown = unknown: no premises on record
parity-said-premises = { $usable } usable of those on record; { $barred } with access barred and { $seized } seized by { $host }{ $stripped ->
    [0] {""}
   *[other] ; { $stripped } stripped of diplomatic status by { $host } (still owned)
}
parity-said-at-parity-unknown = capped at parity with { $host }'s mission ({ $counting }; since { $since }): no figure of that mission on record
parity-said-no-limit = no limit
parity-said-no-cap = no cap
parity-said-capped = capped at { $cap } ({ $counting }{ $io ->
    [yes] , missions to international organisations included
   *[no] {""}
}; since { $since }){ $also }
parity-said-banned = banned (limit 0, { $counting }{ $io ->
    [yes] , missions to international organisations included
   *[no] {""}
}; since { $since }){ $also }
parity-said-also-limit = { $cap } { $counting }
parity-said-also-limited = ; also limited to { $list }
parity-said-none-in-force = none in force
parity-said-in-force = { $n } in force: { $list }
parity-said-and-more = and { $n } more
parity-said-class = { $class }
parity-said-class-routed = { $class } (routed to { $places })
parity-said-place = { $city } ({ $state })
parity-said-not-offered = ; not offered: { $list }
parity-said-visa-classes = { $offered } of { $of } classes offered{ $not }
parity-said-visa-classes-unknown = unknown: { $offered } of { $of } offered on record; not recorded: { $list }
parity-said-no-consular-post = none: no open post gives consular service
parity-said-service-level = { $level } (best: { $at })
parity-said-service-unknown = unknown: { $open } open post(s), none with a service level on record
parity-said-since-record = since the record begins ({ $date })
parity-said-on-record = on record
parity-said-no-denial = no denial of access by { $host } { $since }
parity-said-denials = { $n } denial(s) of access by { $host } { $since }; latest { $date }: { $measure }
parity-said-charge = ; chargé d'affaires a.i.: { $person } since { $since }
parity-said-credentials = , credentials presented { $date }
parity-said-head-unknown = unknown: no head of mission on record{ $charge }
parity-said-head-away-unreported = { $person } in post, away since a date not reported{ $charge }
parity-said-head-in-post = { $person } in post since { $since }{ $credentials }
parity-said-head-away = { $person } away since { $since } ({ $days_text }){ $charge }
parity-said-head-vacant = vacant since { $since } ({ $days_text }){ $charge }
parity-said-head-uncertain = uncertain on that day: { $otherwise } or { $then } (an event dated { $pending })

parity-said-capacity = taken in the capacity of { $capacity }, not by the host government
parity-said-symbolic = symbolic
parity-said-low-confidence = reported with low confidence
parity-said-io-mismatch = the figure { $counts ->
    [yes] counts
   *[no] leaves out
} missions to international organisations, which the definition { $includes ->
    [yes] includes
   *[no] excludes
}: not compared
parity-said-also-reported = also reported for { $date }: { $figures }
parity-said-above-cap = reported above the cap of { $cap } ({ $by }) already in force
parity-said-predates-verb = { $certain ->
    [yes] predates
   *[no] may predate
}
parity-said-predates-expulsion = { parity-said-predates-verb } the expulsion of { $n } on { $date } ({ $by })
parity-said-predates-ban = { parity-said-predates-verb } the ban on local staff in force since { $date } ({ $by }): no local staff since
parity-said-predates-cap = { parity-said-predates-verb } the { $cap } cap in force since { $date } ({ $by }): at most { $cap } { $counting } since{ $own ->
    [yes] {""}
   *[no] , under that cap's counting, not this figure's
}
parity-said-predates-other = { parity-said-predates-verb } { $by }, in force since { $date }
parity-said-lower-bound = no staffing report under this definition: the individuals on record are a lower bound
parity-said-basis-lists = the basis lists { $listed } of the { $of } members counted
parity-said-post-uncertain = { $name } is uncertain on that day: { $status } or { $otherwise }, by an event dated { $pending }
parity-said-premises-uncertain = { $name } is uncertain on that day: { $otherwise } or { $status }, by an event dated { $pending }
parity-said-before-record = { $n } counted before { $n ->
    [one] its
   *[other] their
} first date on record: opened on a date not known, before the record (start unknown)
parity-said-own-closure = { $n } suspended or closed by { $sending } itself: not a measure of { $host }, so counted as open in the verdict
parity-said-measures-of-kind = { $n } measures of this kind in force; the tightest limit under each counting shown
parity-said-announced = announced, not yet in force: { $measure } (takes effect { $effective })
parity-said-known-by = known only to be in force by { $date }
parity-said-imprecise = a date it depends on is imprecise
parity-said-uncertain-not-counted = uncertain on that day, not counted: { $measure } ({ $why })
parity-said-in-force-not-counted = also in force, not counted: { $measure } ({ $why })
parity-said-on-record-not-counted = also on record, not counted: { $measure } ({ $why })
parity-said-dated-by-period = dated by a period that may end after the day, not counted: { $measure }
parity-said-more-claims = { $n } more claimed by { $by }{ $claim ->
    [disputed] {" "}and disputed by { $host }
    [confirmed] {" "}and confirmed by { $host }, which has not recorded it as its own act
   *[open] , not established
}: counted only when asked to include { $by }'s undisputed claims
parity-said-no-cases = from the cases on your record: none of { $sending } nationals held in { $host }
parity-said-cases-clocks = from the cases on your record ({ $cases } of { $sending } nationals held in { $host }): { $clocks }
parity-said-clocks = access met { $met }, met late { $met_late }, overdue { $overdue }, missed { $missed }{ $not_reported ->
    [0] {""}
   *[other] , not in the public reporting { $not_reported }
}{ $uncertain ->
    [0] {""}
   *[other] , on time or not uncertain { $uncertain } (dates known only to a period)
}
parity-said-cases-own = { $sending }'s cases are its ministry's own: only publicly reported ones are on your record, so the clocks are not compared
parity-said-unreported-levels = { $n } open post(s) with no service level on record: the best level may be higher
parity-said-agrement-refused = agrément for { $person } refused { $date }{ $low ->
    [yes] , on a low-confidence report only
   *[no] {""}
}
parity-said-agrement-withheld = agrément for { $person } requested { $date }, not granted after { $days_text }{ $low ->
    [yes] , on a low-confidence report only
   *[no] {""}
}

parity-said-equal = equal: the { $a } mission gets { $va }; the { $b } mission gets { $vb }
parity-said-stricter = { $host } is stricter: the { $worse } mission gets { $vw }; the { $better } mission gets { $vb }{ $why }{ $low ->
    [yes] {" "}— this rests only on low-confidence facts
   *[no] {""}
}
parity-said-why = {" "}({ $why })
parity-said-not-comparable = not comparable: { $why }
parity-said-both-unknown = both the { $a } and the { $b } figures are unknown
parity-said-unknown = the { $a } figure is unknown
parity-said-not-definition = the { $a } figure does not match the definition
parity-said-ranges-overlap = the ranges the two figures allow overlap: neither is certainly smaller
parity-said-io-not-bilateral = missions to international organisations are not a bilateral matter
parity-said-premises-uncertain-sides = the status of some premises of the { $states } mission is uncertain on that day
parity-said-both-withhold = both hosts withhold agrément for the other's head of mission
parity-said-without-head = the { $states } mission is without its head
parity-said-head-presence-uncertain = whether the { $states } mission's head is present on that day is uncertain
parity-said-head-absent = { $parts }, but the record shows no refused or withheld agrément by the host
parity-said-at-parity-no-figure = the { $capped } mission is capped at parity, and no figure of the { $other } mission is on record
parity-said-count-different = the { $a } limits count { $list_a } and the { $b } limits { $list_b }
parity-said-limit-pair = { $counting }: { $a } { $x }, { $b } { $y }
parity-said-different-ways = the limits point different ways: { $list }
