# The consular desks: the relation's and each post's, with nationals' cases and the scenario form.

consular-desk-title-relation = Consular desk: { $a } – { $b }
consular-desk-title-post = Consular desk: { $post }
consular-desk-title-post-prefix = Consular desk:
consular-desk-intro-on = Each post's consular and commercial services on
consular-desk-intro-week = , with what its consular staff can handle in the week of { $week }, the demand on record, and the waits an applicant asking that day would face.
consular-desk-intro-services = Services are those of the Vienna Convention on Consular Relations, Art. 5; a trade representation gives trade promotion and commercial services.
consular-week-range = { $from } to { $to }
consular-mission-no-post = No post giving consular or commercial services on record.
consular-no-such-post = no post `{ $id }` giving consular or commercial services in this relation as of { $date }
consular-link-post-page = The post's page
consular-link-every-post = Every post of the relation
consular-levels-heading = Service levels over time
consular-levels-caption = Each service's level from the first change on record to { $date }; the table above gives the acts' words and sources of the current level.
consular-levels-none = No service level on record for this post by { $date }.

consular-post-services-heading = Services, capacity and waits
consular-fact-kind = Kind
consular-fact-status = Status
consular-post-closed = Closed: it offers no service.
consular-table-caption = Per service of the catalogue; capacity and demand are applicants a week.
consular-col-service = Service
consular-col-level = Level
consular-col-capacity = Capacity a week
consular-col-demand = Demand a week
consular-col-load = Load
consular-col-waits = Waits, days to an appointment
consular-issued-note = Issued, as published: documents issued in a past period, not demand (refusals and applicants sent elsewhere are not in them).
consular-notes = Notes:

consular-fact-staff = Consular staff
consular-officers = { $n ->
    [one] { $n } officer
   *[other] { $n } officers
}
consular-local-staff = { $n } local staff
consular-local-staff-not-reported = local staff not reported
consular-reported = (reported { $n })
consular-on-date = on { $date }
consular-estimate = estimate
consular-no-staff-figure = no figure on record
consular-fact-local-limit = Local-staff limit
consular-limit-since = { $n } since { $date }
consular-fact-support = Support factor
consular-support-factor = { $f } of a full day's cases per officer
consular-fact-section-load = Section load
consular-section-load-note = (the services' loads added: their officers are shared, so above 1 the queue grows)
consular-fact-working-days = Working days
consular-working-days = { $n } in the week of { $from } to { $to }
consular-holidays-lost = { $n } lost to public holidays
consular-no-calendar = (no holiday calendar for { $states }: weekends only)

consular-level-not-recorded = not recorded
consular-since = since { $date }
consular-whole-post = (whole post)
consular-routed-to = applicants go to
consular-forced-by = forced by
consular-at-most-limited = at most: the service is limited
consular-per-officer-day = { $n } per officer-day
consular-productivity-post = the post's figure
consular-productivity-default = default estimate
consular-waits-bands = median { $median }; 90th percentile { $p90 }; next free appointment in { $next }; still waiting after { $horizon } days { $backlog }
consular-book-full = Book full:
consular-book-full-text = some requests find no appointment within { $n } days; they count as waiting more than { $n } days.
consular-method-simulated = method: simulated
consular-no-demand = no demand on record
consular-simulated-on-post-desk = simulated on the post's own desk
consular-not-computed = not computed
consular-method-heading = Method
consular-default-sources = Sources of the default productivity (an estimate):

## Waits over the coming weeks, on a post's desk.

consular-series-median = { $service }, median
consular-series-p90 = { $service }, 90th percentile
consular-waits-note = Simulated from the figures of { $date } with the appointment book filled by { $n } days of requests before it.
consular-waits-heading = Waits over the coming weeks
consular-waits-busy = Busy: waits not simulated, try again shortly (other simulations are running).
consular-waits-none = No waits simulated for this post: see the notes above.
consular-waits-chart-title = Waits at { $post } over the coming weeks
consular-waits-caption = Days from request to appointment for the requests made in each week from { $date }: lines are the mean across replications, shaded ranges their 10th to 90th percentiles; medians solid, 90th percentiles dashed.

## Nationals' cases.

consular-cases-heading = Nationals' cases
consular-cases-none-post = No case of a national on your record for this post.
consular-cases-none-relation = No case of a national on your record in this relation.
consular-cases-intro = Cases of nationals arrested, detained, dead or in need in the post's district, as of { $date }, with the clocks the Vienna Convention on Consular Relations and any treaty between the two states set.
consular-cases-open = { $n ->
    [one] { $n } open case
   *[other] { $n } open cases
}
consular-clocks-overdue = { $n ->
    [one] { $n } overdue clock
   *[other] { $n } overdue clocks
}
consular-clocks-maybe-overdue = { $n ->
    [one] { $n } clock
   *[other] { $n } clocks
} may be overdue (dates known only to a period)
consular-clocks-none-overdue = no clock overdue
consular-cases-unplaced = { $n ->
    [one] { $n } case names
   *[other] { $n } cases name
} no post whose district it is in; see the API's consular cases or `chancery consular cases`.
consular-notice-overdue = { $n ->
    [one] { $n } consular clock overdue
   *[other] { $n } consular clocks overdue
}
consular-notice-in-cases = in nationals' cases of this post:
consular-notice-see-cases = see the cases on the consular desk
consular-act-number = act #{ $seq }
consular-custody-ended = { $step } on { $date }
consular-custody-held = Held
consular-custody-none = Not a custody case
consular-case-heading = Case { $case }: { $kind }
consular-tag-overdue = overdue
consular-case-national-of = National of
consular-case-date-place = Date and place
consular-case-custody = Custody
consular-case-description = Description
consular-case-opened = Opened
consular-case-no-step = No step on record.
consular-case-latest-steps = Latest steps
consular-case-earlier-steps = ({ $n } earlier on the case's acts)

consular-standing-on_record = the host's measure, on record
consular-standing-own_claim = rests on our own claim: the host's act is not on record
consular-standing-own_claim_disputed = rests on our own claim, which the host disputes
consular-standing-own_claim_confirmed = rests on our own claim, which the host confirmed
consular-standing-dated_after_step = the host's measure it names is now dated after this step (corrected since)
consular-standing-gone = the measure it names is no longer on record (withdrawn or corrected)

consular-clocks-none-run = No clock runs for this kind of case.
consular-clocks-caption = Clocks, counted in calendar days from the case's date.
consular-col-clock = Clock
consular-col-basis = Legal basis
consular-col-deadline = Deadline
consular-col-days-elapsed = Days elapsed
consular-col-status = Status
consular-clock-rights_information = Informing the national of the right to consular notification
consular-clock-consular_notification = Notification of the consulate
consular-clock-consular_access = Consular access to the national
consular-basis-vccr_36_1_b = VCCR Art. 36(1)(b): "without delay"
consular-basis-vccr_36_1_c = VCCR Art. 36(1)(c): the right to visit; no time fixed
consular-basis-vccr_37_a = VCCR Art. 37(a): "without delay"
consular-deadline-within = within { $n ->
    [one] { $n } day
   *[other] { $n } days
}, by { $date }
consular-deadline-without-delay = “without delay”: no fixed number of days
consular-deadline-none = no time fixed

consular-clock-met = Met
consular-clock-on-day = on day { $n } ({ $date })
consular-clock-met-late = Met late
consular-clock-after-deadline = { $n ->
    [one] { $n } day
   *[other] { $n } days
} after the deadline
consular-clock-due-today = Running: due today
consular-clock-running-left = Running: { $n ->
    [one] { $n } day
   *[other] { $n } days
} left
consular-clock-running-day = Running: day { $n }
consular-clock-overdue = Overdue
consular-clock-overdue-by = by { $n ->
    [one] { $n } day
   *[other] { $n } days
}
consular-clock-missed = Missed
consular-clock-missed-text = not met by its deadline; custody ended on day { $n }
consular-clock-stopped = Stopped: custody ended on day { $n }, before it was met
consular-clock-met-uncertain = Met, on time or late uncertain
consular-clock-met-uncertain-text = the dates on record cannot tell whether by the deadline
consular-clock-stopped-or-missed = Stopped or missed: custody ended on day { $n }, before it was met; the dates on record cannot tell whether before the deadline
consular-clock-not-reported = Not reported
consular-clock-not-reported-text = the public reporting of this case says nothing of it
consular-clock-may-be-overdue = May be overdue
consular-clock-between = the deadline falls between { $from } and { $to }, as the case's date is known only to a period

## Try a scenario, on a post's desk.

consular-scenario-heading = Try a scenario
consular-scenario-intro = Change the post's staff or demand from the day asked and compare the waits with the figures on record. Nothing is recorded.
consular-scenario-officers = Officers
consular-scenario-officers-to = Officers become
consular-scenario-from-day = from day
consular-scenario-over-days = over days
consular-scenario-local-staff = Local staff
consular-scenario-lift = Lift the local-staff limit
consular-scenario-lift-none = — none: the limit in force still binds
consular-scenario-no-limit = (no local-staff limit in force against this mission)
consular-scenario-local-staff-to = Local staff become
consular-scenario-demand = Demand
consular-scenario-service = Service
consular-scenario-demand-factor = Demand times
consular-scenario-days = Days to simulate (7 to 730; 182 when empty)
consular-scenario-replications = Replications (1 to 50; 10 when empty)
consular-scenario-submit = Compare with the record
consular-scenario-error-prefix = Error:
consular-scenario-error-not-whole = “{ $value }” is not a whole number.
consular-scenario-error-not-days = “{ $value }” is not a whole number of days.
consular-scenario-error-not-number = “{ $value }” is not a number.
consular-scenario-error-choose-service = Choose the service whose demand changes.
consular-scenario-error-officers-figure = Give the number of officers to go with the days.
consular-scenario-error-local-staff-figure = Give the number of local staff to go with the days.
consular-scenario-error-demand-figure = Give the factor to go with the service or the day.
consular-scenario-error-not-measure = That is not a measure's id.
consular-scenario-error-unreadable = The form could not be read: { $why }.
consular-scenario-error-no-relation = No relation.
consular-scenario-error-busy = Other simulations are running: try again shortly.
consular-scenario-series-baseline = { $service }, median, baseline
consular-scenario-series-scenario = { $service }, median, scenario
consular-scenario-chart-title = Waits at { $post }: the record and the scenario
consular-scenario-results-heading = The record and the scenario
consular-scenario-chart-note = Medians; the baseline solid, the scenario dashed.
consular-scenario-chart-caption = Median days to an appointment for the requests made in each week from { $date }; the baseline solid, the scenario dashed; shaded ranges are the 10th to 90th percentiles across { $n } replications.
consular-scenario-table-caption = { $service }: every fourth week, record → scenario
consular-scenario-col-week = Week of
consular-scenario-col-median = Median wait, days
consular-scenario-col-p90 = 90th percentile, days
consular-scenario-col-backlog = Waiting at the week's end
consular-scenario-method = Method and assumptions

# A service's level as the desks word it beside the service ("immigrant visas: none").
consular-level-full = full
consular-level-limited = limited
consular-level-emergency_only = emergency only
consular-level-none = none
