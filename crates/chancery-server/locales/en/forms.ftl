# The forms to record an act (web/forms): steps, form, faults, confirmation.

forms-title = Record an act
forms-intro = Choose the relation, then what happened. Every act is checked against the record at its date before it is recorded; a refused act changes nothing.
forms-no-relation = Your organisation records acts of no relation.
forms-relation = Relation
forms-choose = Choose
forms-what-happened = What happened in { $relation }
forms-no-kind = Your role records no kind of act.
forms-not-your-kind = Your role does not record this kind of act ({ $kind }); the kinds you may record are listed on the page to record an act.
forms-no-such-kind = There is no kind of act “{ $kind }”.

forms-group-post = Posts and consular work
forms-group-premises = Premises
forms-group-member = Members of staff
forms-group-head = Heads of mission
forms-group-staffing = Staffing figures
forms-group-measure = Measures
forms-group-case = Nationals' cases
forms-group-talks = Talks
forms-group-commitment = Commitments
forms-group-claim = Answers to the other party's claims
forms-group-withdrawal = Corrections
forms-group-state = States

forms-form-title = Record: { $kind }
forms-in-relation = In the relation { $relation }.
forms-another-kind = Choose another kind of act
forms-nothing-recorded = Nothing was recorded
forms-faults = { $n ->
    [one] { $n } fault to put right:
   *[other] { $n } faults to put right:
}
forms-recorded-as = Recorded as you ({ $reader }): your organisation may record acts of its own relations, seen no more widely than it may see.
forms-envelope = Date and sources
forms-stray = { $n ->
    [one] { $n } error above concerns a field this form does not show.
   *[other] { $n } errors above concern fields this form does not show.
}
forms-record = Record
forms-required = (required)
forms-error = Error:
forms-choose-several = Choose one or more (hold Ctrl or ⌘ to choose several).

forms-audience-public = Public: everyone
forms-audience-bilateral = Bilateral: { $a } and { $b }, and mediators
forms-audience-internal = Internal: the ministry of { $state } alone

forms-fault-required = required
forms-fault-not-a-date = “{ $given }” is not a date: write a day (2017-07-28), a month (2017-07) or a year (2017)
forms-fault-not-a-state = “{ $given }” is not a state: choose one
forms-fault-not-a-count = “{ $given }” is not a whole number
forms-fault-not-a-choice = “{ $given }” is not one of the choices: choose one of { $allowed }
forms-fault-not-an-id = “{ $given }” is not an identifier: small Latin letters, digits and hyphens, at most 64
forms-fault-not-a-place = line { $line }: “{ $given }” is not “City, CC” or “City, CC, post-id”
forms-fault-not-a-visibility = “{ $given }” is not a visibility: choose one

forms-recorded-title = Recorded: act #{ $seq }
forms-recorded-text = { $kind }, dated { $date }, is recorded as act #{ $seq }.
forms-recorded-made = Its identifier was made from its name:
forms-recorded-act = Act #{ $seq }
forms-recorded-post = The post's page ({ $id })
forms-recorded-measure = The measure's page ({ $id })
forms-recorded-round = The round's page ({ $id })
forms-recorded-commitment = The commitment's page ({ $id })
forms-recorded-relation = The relation { $relation }
forms-recorded-again = Record another act
