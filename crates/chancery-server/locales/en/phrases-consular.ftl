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
