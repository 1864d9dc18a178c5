## The acts area: sentences the domain says, worded here (see web/i18n.rs).
## The acts list (`/acts`) and one act's page (`/acts/{seq}`). The filters' state labels and
## orders are in data.ftl (`acts-filter-*`, `acts-order-*`).

# A kind of act, a code of a closed vocabulary and a state as the acts pages show them. English
# keeps the codes in words ("post closed", "all staff", "US"), as these pages have always read;
# other languages show the label (`$label`) and the state's name (`$name`). What an act is about
# is worded in about.ftl.
acts-kind-shown = { $words }
acts-choice-shown = { $words }
acts-state-shown = { $code }

acts-title = Acts
acts-intro = Acts dated on or before { $date }, in the order they were recorded.
acts-filters = Filter acts
acts-filter-kind = Kind
acts-kind-any = any
acts-filter-from = From
acts-filter-to = To
acts-filter-text = Text
acts-filter-submit = Filter
acts-filter-clear = Clear
acts-found-by-date = { $n ->
    [one] { $n } matching act
   *[other] { $n } matching acts
} ({ $order }).
acts-found = { $n ->
    [one] { $n } matching act
   *[other] { $n } matching acts
} among acts #{ $from }–#{ $to } of { $end } recorded.
acts-search-stopped = The search stopped after reading { $budget } acts: continue to search the rest.
acts-col-seq = #
acts-col-date = Date
acts-col-kind = Kind
acts-col-states = States
acts-col-what = What
acts-col-ref = Ref.
acts-pages = Pages
acts-first-page = First page
acts-next-page = Next page
acts-continue = Continue searching after act #{ $seq }

act-title = Act #{ $seq }: { $kind }
act-title-withdrawn = Act #{ $seq }: { $kind } (withdrawn)
act-recorded = Recorded
act-recorded-by = by { $user }
act-field-kind = Kind of act
act-field-names = Name ({ $lang })
act-field-city-names = City ({ $lang })
act-visibility = Visibility
act-visibility-public = public
act-visibility-bilateral = bilateral
act-visibility-internal = internal: { $state }
act-yes = yes
act-no = no
act-link = act #{ $seq }
act-source-link = link
act-same-kind = Other acts of this kind
act-withdrawn-heading = Withdrawn: recorded in error.
act-withdrawn-by = This act was withdrawn by
act-withdrawn-link = act #{ $seq }
act-withdrawn-when = on { $date } (recorded { $recorded }), and counts in no view of the record as it stands. Reason: { $reason }

act-missing = no act #{ $seq }
act-not-a-number = `{ $seq }` is not an act number
acts-bad-state = `{ $name }`: { $why }
acts-bad-date = `{ $name }`: { $why }
acts-bad-order = `order`: `{ $order }` is not an order of the list
acts-bad-after = `after` is not an act number: `{ $value }`
