# What if.

whatif-title = What if: { $a } – { $b }
whatif-lift-legend = Lift measures in force on
whatif-lift-help = Each measure ticked is lifted on { $date }.
whatif-nothing-in-force = No measure is in force on this date.
whatif-by-against = By { $the_actor } against { $the_target_possessive } missions
whatif-add-legend = Add a hypothetical act
whatif-add-help = Any kind of act, checked by the rules as if it were recorded. It must be dated on or before { $date } to change the comparison on that day.
whatif-kind = Kind of act
whatif-show-fields = Show the fields of this kind
whatif-applied = { $n ->
    [one] { $n } hypothetical act
   *[other] { $n } hypothetical acts
} applied on a copy of the relation. Nothing was recorded.
whatif-index-on = Index on
whatif-index-caption = 100 = the record as it is on this day; above 100 = less restricted.
whatif-restriction-record = Restriction on the record
whatif-restriction-after = With the hypothetical acts
whatif-index = Index
whatif-combined = Combined
whatif-assumed = Assumed to follow the liftings
whatif-assumed-help = Lifting a closure or a seizure does not by itself reopen a post or hand back a building; these are assumed to follow:
whatif-changed = Dimensions that change
whatif-none-changed = None: parity is the same on every dimension.
whatif-parity = Parity before and after
whatif-record = record
whatif-what-if = what if
whatif-comparison = Comparison, what if
whatif-changed-tag = changed
whatif-on-record = On the record:
whatif-lead-1 = Compare parity and the normalisation index on
whatif-lead-2 = with the record as it is, after lifting measures or adding an act. Nothing is recorded.
whatif-see-roadmap = See the roadmap
whatif-lead-3 = for the order of reciprocal steps.
whatif-refused = The rules refuse this
whatif-nothing-compared = Nothing was compared, and nothing was recorded.
whatif-result = Result
whatif-lifted-on = Lifted on
whatif-choose = Choose
whatif-choose-help = Tick measures to lift or add an act, then choose “Compare”.
whatif-compare = Compare
whatif-no-such-kind = there is no kind of act `{ $kind }`
whatif-act-unreadable = The hypothetical act cannot be read.
