# The page shell: header, navigation, the date form, footer, and the error pages.

site-name = Chancery
skip-to-content = Skip to content
nav-main = Main
nav-overview = Overview
nav-roadmap = Roadmap
nav-what-if = What if
nav-acts = Acts
nav-record = Record an act
nav-users = Users
nav-account = Account
nav-sign-out = Sign out
nav-sign-in = Sign in
lang-switch = Language
asof-form = Date of the view
asof-label = As of
asof-known-through = Recorded through act #
asof-show = Show
known-through-notice = As recorded through act #{ $seq }: acts and corrections recorded after it are not shown. Clear “Recorded through” above to see the whole record.
footer-as-of = Showing the record as of
footer-known-through = , as recorded through act #{ $seq }
footer-keeps = . Every link on this page keeps that view.
go-to-overview = Go to the overview

reader-public = public facts
reader-party = the ministry of { $state }: public, bilateral and your own internal facts
reader-mediator = a mediator: public and bilateral facts

error-bad-request = Bad request
error-not-allowed = Not allowed
error-not-found = Not found
error-refused = Refused
error-unavailable = Service unavailable
error-internal = Internal error
error-no-page = There is no page at { $path }.
error-too-long = The request took too long.
error-not-state-code = `{ $code }` is not a state code: { $why }
error-bad-as-of = `as_of` is not a date (YYYY-MM-DD): { $why }
error-bad-known-through = `known_through` is not an act number (a whole number): `{ $value }`
error-internal-text = the server could not complete the request
error-journal-failed = the journal stopped accepting writes after a storage failure; the server must be restarted
error-unknown-state = state { $code } is not registered
error-same-state = a relation needs two different states, got { $code } twice
error-no-post = no post `{ $id }` in this relation as of { $date }
error-no-measure = no measure `{ $id }` in this relation as of { $date }
error-no-person = no one named “{ $name }” on record as of { $date }
error-no-round = no round `{ $id }` as of { $date }
error-no-commitment = no commitment `{ $id }` as of { $date }
# The refusals of the layers before the pages, as they say them (web::REFUSALS).
error-role-forbids = your role does not allow this request
error-sign-in = sign in, or send `Authorization: Bearer <token>`
error-bad-token = the bearer token is not valid (unknown, revoked, or its user disabled)
error-accounts-unavailable = the accounts store cannot be reached just now, so who is asking cannot be checked; try again in a few seconds
error-cross-origin = cross-origin request refused: state-changing requests must come from this site's own pages or carry a bearer token

days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}

# Words many pages share.
since = since
none = none
none-sentence = None.
due = due
overdue = overdue
within-due-period = within its due period
unknown = unknown
not-on-record = not on record
not-recorded = not recorded
vacant = Vacant
away-since = away since
away-since-unreported = away since a date not reported
credentials-presented = credentials presented
uncertain-that-day = Uncertain on that day
otherwise = otherwise
by-event-dated = by an event dated
head-start-unknown = in post before the record first names them; start unknown
head-of-mission = Head of mission
charge-d-affaires = Chargé d'affaires
staff = Staff
no-mission-figure = no figure reported for the whole mission
sub-counts = Sub-counts
sub-count = sub-count
individuals-present = { $n ->
    [one] { $n } individual on record present
   *[other] { $n } individuals on record present
}
family-present = { $n ->
    [one] { $n } family member present (not staff, VCDR Art. 37)
   *[other] { $n } family members present (not staff, VCDR Art. 37)
}
caps-in-force = Caps in force
cap-at-parity = at parity: the other mission's figure
cap-not-counted = not counted in parity:
measures-in-force = Measures in force
measures-in-force-count = { $n ->
    [one] { $n } measure in force
   *[other] { $n } measures in force
}
missions-of = { $possessive } missions
posts = Posts
premises = Premises
col-post = Post
col-status = Status
col-consular-service = Consular service
col-taken = Taken
col-ref = Ref.
col-by = By
col-kind = Kind
col-summary = Summary
col-answers = Answers
col-status-on = Status on
index-base = 100 on { $date }
index-uncertain = uncertain: between { $lo } and { $hi }
