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

days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
