# The record's recurring facts (web/words.rs).

missions-in = { $possessive } missions in { $the_host }
status-since = { $status } since { $date }
status-known-by = { $status }, known by { $date }
status-uncertain = uncertain on that day: { $otherwise } or { $status } (dated { $pending })
post-status-start-unknown = { $status }, start unknown (existed before the record; first named { $opened })
premises-status-start-unknown = { $status }, start unknown (held before the record)

premises-status-in_use = in use
premises-status-access_barred = access barred
premises-status-seized = seized
premises-status-returned = returned
premises-status-released = released
premises-status-status_removed = owned, diplomatic status removed

counting-long-all_staff = all staff, local hires included
counting-long-sending_state_staff = sending-state staff, no local hires
counting-long-diplomatic = diplomats only
counting-long-administrative_technical = administrative and technical staff
counting-long-service = service staff
counting-long-locally_employed = locally employed staff
counting-with-io = { $what }; missions to international organisations included

age-within = reported within { $date }
age-that-day = reported that day
age-days = { $n ->
    [one] { $n } day old
   *[other] { $n } days old
}
age-months = { $n ->
    [one] { $n } month old
   *[other] { $n } months old
}
age-years = { $n ->
    [one] { $n } year old
   *[other] { $n } years old
}

predates-verb = { $certain ->
    [yes] predates
   *[no] may predate
}
predates-expulsion = { predates-verb } the expulsion of { $n } on { $date } ({ $by })
predates-ban = { predates-verb } the ban on local staff in force since { $date } ({ $by }): no local staff since
predates-cap = { predates-verb } the { $cap } cap in force since { $date } ({ $by }): at most { $cap } { $counting } since{ $own ->
    [yes] {""}
   *[no] , under that cap's counting, not this figure's
}
predates-other = { predates-verb } { $by }, in force since { $date }

staff-figure = { $bound ->
    [about] about {""}
    [at_least] at least {""}
    [more_than] more than {""}
    [at_most] at most {""}
   *[exact] {""}
}{ $n }{ $let_go ->
    [yes] {" "}let go
   *[no] {""}
}
reported = reported
only = only
above-cap = above the cap of { $cap } already in force
recorded-as-reported = recorded as reported

counting-short-all_staff = all staff
counting-short-sending_state_staff = sending-state staff
counting-short-diplomatic = diplomats
counting-short-administrative_technical = administrative and technical staff
counting-short-service = service staff
counting-short-locally_employed = local staff

life-in-force = in force
life-announced = announced, in force from { $date }
life-uncertain = uncertain on that day
life-uncertain-why = A date it depends on is imprecise (a month or a year), or it is only known to be in force by a later date.
life-expired = expired { $date }
life-lifted = lifted { $date }
life-happened = event of { $date }, never in force
life-symbolic = symbolic
life-low-confidence = low confidence
life-not-counted = not counted:
taken-by-host_government = the host government
taken-by-sending_state = the sending state's own decision
taken-by-local_authority = a local authority
taken-by-legislature = a legislature
taken-by-court = a court
taken-by-private = a private body

claims = Claims
claims-what = What one party's ministry records about the other state's conduct. A claim is not part of the record: verdicts leave it out.
claims-none = No claims on record.
claim-per = per { $state }
claim-of = a claim of { $possessive } ministry
claim-open = open: not answered
claim-confirmed = confirmed by the other party
claim-disputed = disputed
claim-disputed-because = disputed: { $reason }
claim-notice = A claim of { $by_possessive } ministry about { $about_possessive } conduct: not part of the record.
claim-answer = Answer:
claim-not-answered = Not answered by the other party.
act-number = act #
subject-measure = measure
subject-post = post
subject-premises = premises
subject-member = member
subject-case = case
subject-round = round
subject-commitment = commitment
subject-act = act
subject-agreement = agreement
subject-claim = claim
subject-mission = mission
subject-state = state
subject-statement = statement

parity-staff = Staff
parity-posts_embassy = Embassy open
parity-posts_consular = Consular posts open
parity-posts_cultural = Cultural institutes open
parity-posts_io = Missions to international organisations
parity-premises_usable = Premises usable
parity-local_staff = Local staff allowed
parity-staff_cap = Staff cap
parity-travel = Travel rules
parity-diplomatic_visas = Diplomatic visas
parity-consular_service = Consular service
parity-visa_services = Visa services by class
parity-banking = Banking
parity-official_visitors = Official visitors
parity-head_of_mission = Head of mission
parity-consular_access = Consular access to detained nationals

index-formula = R_S(t) = sum of the weights of the measures in force on day t that the other state has taken against the missions of S, and of its events (an expulsion, a summons) for { $window } days from their date (weights: { $weights }), plus { $head } while S's mission has no head of mission present (post vacant or head away). index_S(t) = 100 × (K + R_S(baseline)) / (K + R_S(t)) with K = { $scale }: 100 at the baseline, below 100 more restricted than at the baseline, above 100 thawing; K points of restriction halve it from a baseline with nothing in force. combined(t) = √(index_A(t) × index_B(t)), the geometric mean of the two sides.
