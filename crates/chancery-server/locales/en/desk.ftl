# The diplomatic list, the alerts pages and their feeds.

diplist-title = Diplomatic list
diplist-title-post = Diplomatic list of { $post }
diplist-mission = { $sending } mission in { $host }
diplist-as-of = As of { $date }.
diplist-both = Both missions
diplist-only = Only this mission
diplist-print = Print this page with your browser; the header and forms are left out.
diplist-none = No members of staff on record for this mission as of this day.
diplist-name = Name
diplist-post = Post
diplist-category = Category
diplist-function = Function
diplist-function-none = not recorded
diplist-arrival = Arrival
diplist-status = Status
diplist-not-arrived = not yet
diplist-uncertain = uncertain: otherwise { $otherwise } (event dated { $date })
diplist-start-unknown = on the staff before the record begins
diplist-family-of = family of { $member }
diplist-png = declared persona non grata by { $by } on { $date }
diplist-deadline = to leave by { $date }
diplist-days-left = { $n ->
    [0] today is the last day
    [one] { $n } day left
   *[other] { $n } days left
}
diplist-overdue = deadline passed { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}
diplist-days-left-range = { $least } to { $most } days left
diplist-overdue-range = deadline passed { $least } to { $most } days ago
diplist-may-have-passed = the deadline may have passed
diplist-departed = departed { $date }
diplist-totals = Totals present by category
diplist-present = Present
diplist-family = Family members (not staff)
diplist-range-note = A range (2–3) means a member's arrival or departure is dated only to a period that holds this day.
diplist-limits = Caps and limits in force
diplist-limits-none = No cap or limit in force against this mission.
diplist-limit = Limit
diplist-counted = Counted on record
diplist-measure = Measure
diplist-breach-within = within the limit
diplist-breach-may_be_breached = may be exceeded
diplist-breach-breached = exceeded
diplist-mission-wide = Caps apply to the whole mission: the count is the mission's.
diplist-visas = Diplomatic visas
diplist-visas-note = The record holds no individual visa applications. Visa measures in force against this mission:
diplist-visas-none = none.
diplist-link = Diplomatic list

member-status-notified = notified, not yet arrived
member-status-arrived = arrived
member-status-declared_png = declared persona non grata
member-status-departed = departed

alerts-title = Alerts
alerts-title-all = Alerts across relations
alerts-none = No alerts on this day.
alerts-as-of = As of { $date }, as { $reader } see the record.
alerts-feed = Atom feed of these alerts
alerts-relation = { $a } – { $b }
alerts-count = { $n ->
    [one] { $n } alert
   *[other] { $n } alerts
}
alerts-link = Alerts

alert-severity-urgent = Urgent
alert-severity-warning = Warning
alert-severity-notice = Notice

alert-kind-consular_clock_overdue = Consular clock overdue
alert-kind-consular_clock_due = Consular clock due
alert-kind-consular_clock_may_be_overdue = Consular clock may be overdue
alert-kind-png_departure_overdue = Departure overdue
alert-kind-png_departure_due = Departure due
alert-kind-png_departure_may_be_overdue = Departure may be overdue
alert-kind-commitment_overdue = Commitment overdue
alert-kind-commitment_due = Commitment due
alert-kind-head_of_mission_vacant = Head of mission vacant
alert-kind-agrement_pending = Agrément pending
alert-kind-cap_exceeded = Cap exceeded
alert-kind-cap_may_be_exceeded = Cap may be exceeded
alert-kind-measure_takes_effect_soon = Takes effect soon
alert-kind-measure_expires_soon = Expires soon
alert-kind-staff_figure_stale = Old staffing figure
