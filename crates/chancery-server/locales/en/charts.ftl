# The charts: axes, legends and the text alternatives screen readers read.

chart-axis-date = Date
chart-axis-service = Service
chart-levels-title = Consular service levels at { $post } over time
chart-levels-not-recorded = not recorded
chart-levels-desc = One row per service from { $from } to { $to }; each bar is a period at one level, darkest for full service, lighter for limited and emergency only, an outline for none; gaps are periods the record says nothing of. On { $to }: { $now }.
chart-waits-axis = Days to an appointment
chart-waits-none = { $title }: no waits to chart.
chart-waits-series-desc = { $label }: { $first } days for requests in the week of { $first_week } ({ $first_p10 }–{ $first_p90 }), { $last } in the week of { $last_week } ({ $last_p10 }–{ $last_p90 })
chart-waits-desc = { $title }, weeks from { $from } to { $to }. { $note } Each line is the mean across replications, the shaded range its 10th to 90th percentile. { $said }.
chart-not-drawn = The chart “{ $title }” could not be drawn: { $why }
chart-since = since { $date }
chart-from-to = from { $from } to { $to }

chart-staff-title = Staff of each mission over time
chart-staff-axis = People
chart-staff-desc = Reported staff figures as points joined by steps, one line per counting definition, and caps in force as flat lines with ticks, from { $from } to { $to }. { $said }
chart-staff-no-report = { $label }: no report.
chart-staff-latest = { $label }, { $what }: latest report { $n } on { $date }.
chart-staff-cap-desc = Cap on { $label }: { $cap } { $when }.
chart-staff-cap-legend = cap on { $mission }
chart-staff-cap-label = cap on { $mission }: { $cap }

chart-counts-desc = { $title }, from { $from } to { $to }. { $note } { $said }
chart-counts-latest = { $label }: { $n } on { $date }.
chart-counts-none = { $label }: none.

chart-timeline-title = Measures over time, with what each answers
chart-timeline-axis = Measure
chart-timeline-desc = { $n } measures from { $from } to { $to }, { $in_force } in force on { $to }. Bars run from a measure's effective date to its lifting; filled bars are { $a_possessive } measures, outlined bars { $b_possessive }; arrows go from a measure to the measure that answered it.
chart-timeline-legend = measures by { $side }

chart-index-title = Normalisation index over time
chart-index-axis = Index (baseline = 100)
chart-index-no-value = no value
chart-index-last = { $v } on { $date }
chart-index-desc = The normalisation index of each side and combined, 100 on the baseline { $baseline }; below 100 is more restricted, above is thawing. Combined: { $last }.
chart-index-combined = combined
