## The phrases-consular area: sentences the domain says, worded here (see web/i18n.rs).
# A post's capacity notes, a scenario's notes and the text of an issuance count: the same words
# as the domain's English. Each message gets what the English is made of and the words another
# language needs (*_label, *_shown, numbers as that language groups them).

consular-said-limit-unsized = local-staff limit `{ $measure }` is in force with no figure on record: not applied
consular-said-local-staff-held = local staff held to { $limit } by measure `{ $measure }` in force since { $since } (a limit on the whole mission is applied to each post in full: an upper bound)
consular-said-local-staff-unreported = local staff not reported: full support assumed
consular-said-no-staff-figure = no consular staff figure on record: capacity not computed
consular-said-staff-figure-old = the staff figure is { $days } days old (of { $date })
consular-said-unserved = { $per_week } applicants a week for { $service } go unserved here: no capacity
consular-said-waits-not-simulated = waits not simulated: { $why }
consular-said-budget = about { $applicants } simulated applicants would exceed what one answer may spend ({ $budget } over all its posts, { $left } left)
consular-said-model-refused = { $why }

consular-said-lift-unsized = lifting `{ $measure }` changes nothing: it has no figure on record and was not applied
consular-said-lift-still-bound = lifting `{ $measure }` (limit { $limit }) changes nothing: a limit of { $binding } local staff not lifted still binds
consular-said-one-replication = one replication: no band (the 10th and 90th percentiles are the single draw); ask for more replications for a range
consular-said-change-held = changes[{ $change }]: local staff held to { $to } by a local-staff limit the scenario does not lift
consular-said-ramp-full-support = local staff not reported: ramps start from full support ({ $per_officer } per officer)
consular-said-no-waits = no service with demand and a productivity: no waits to simulate
consular-said-no-appointments = { $run }: no appointments given in { $closed } of { $weeks } weeks (no officer time); requests then go unbooked
consular-said-unbooked = { $run }: { $service }: requests unbooked (no appointment within the book's { $lookahead } days) in { $weeks } weeks; they count as waiting more than { $lookahead } days
consular-said-run-baseline = baseline
consular-said-run-scenario = scenario

consular-said-issued = issued in { $period }: { $issued } { $services }
consular-said-period-span = { $start } to { $end }
consular-said-every-nonimmigrant = nonimmigrant visas of every class
consular-said-some-nonimmigrant = nonimmigrant visas ({ $classes })
consular-said-class-nonimmigrant_visitor = visitors
consular-said-class-nonimmigrant_student_exchange = students and exchange visitors
consular-said-class-nonimmigrant_work = temporary workers
consular-said-and = { $init } and { $last }
consular-said-estimate = estimate
consular-said-together = together with { $posts }
consular-said-confidence = { $confidence } confidence
consular-said-source = source: { $source }
consular-said-no-source = no source given

# How capacity, waits and a scenario are computed, and a scenario's assumptions: the domain's
# `method` and `assumptions`, its constants as arguments.
consular-said-capacity-method = capacity per week = officers x cases per officer-day x support factor x working days of the week (weekends and the public holidays of both states in the data). Support factor = { $unsupported } + { $supported } x min(1, local staff / ({ $per_officer } x officers)): an assumption anchored on the 75% cut of the US Embassy Moscow's consular workforce when local staff were banned (R043); the norm of { $per_officer } local staff per officer is not sourced. Local staff are held to any local-staff limit in force; unreported local staff are taken as full support ({ $per_officer } per officer), held to the limit: min(officers x { $per_officer }, limit). Waits: the appointment-book model, one post, the section's officers shared by the services with demand, { $minutes } minutes a day, { $horizon } days from the day asked, { $replications } seeded replications (bands are their 10th-90th percentiles); the book is first filled by { $warm_up } days of requests before the day asked, with the same figures, which are not counted (a warm-up: an applicant asking on the day finds the book of a post already at work); waits of a post whose load is above 1 still grow with the horizon; a request finding no day within the book's lookahead of { $lookahead } days is counted as waiting more than { $lookahead } days, never as no wait.
consular-said-scenario-method = the appointment-book model (queue::post) run twice with the same seed, once on the recorded figures (baseline) and once with the scenario's changes; weekly waits are the median and 90th percentile days to an appointment of the requests made in each week from the day asked, bands the 10th-90th percentiles across replications; capacity per week is cases if the section worked the service alone; a request with no day in the book's { $lookahead } days of lookahead (a full book, or no officer time: no appointments given) is unbooked and counted as waiting more than { $lookahead } days, never as no wait; unreported local staff are full support ({ $per_officer } per officer) held to any limit in force
consular-said-assume-figures = figures of the record on { $as_of }: { $officers } officers, local staff { $local } as reported, held to the local-staff limits in force unless lifted
consular-said-assume-officer-time = officer time = officers x support factor (the capacity answer's: an officer does a quarter of the cases with no local staff, all of them with { $per_officer } per officer); staff on the days of a ramp are counted in fractions
consular-said-assume-officer-minutes = an officer works { $minutes } minutes of cases a day, shared by the services with demand; a case takes { $minutes } / cases per officer-day minutes; no no-shows
consular-said-assume-demand = demand is the recorded weekly figure, Poisson through every calendar day; a `factor` multiplies the recorded figure
consular-said-assume-warm-up = the book is filled by { $warm_up } days of requests at the day-0 figures before the day asked, not counted
consular-said-assume-unsized = local-staff limits in force with no figure, not applied: { $limits }
consular-said-model-method = day-slotted appointment book: Poisson requests on every calendar day, each booked on the first working day at least min_lead_days ahead with minutes left for its class (first fit, in request order); fixed minutes per case; a no-show's slot is lost; a request that finds no day within the book's lookahead of { $lookahead } days is unbooked and counted as waiting more than { $lookahead } days (to the book's end), never as no wait; requests before measure_from_day only fill the book (a warm-up) and are not counted; weekly waits are those of the requests made in each week; bands are the 10th and 90th percentiles across replications
