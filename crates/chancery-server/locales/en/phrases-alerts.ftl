## The phrases-alerts area: sentences the domain says, worded here (see web/i18n.rs).
# Every alert's sentence, as the domain says it in English (AlertSaid::english); the arguments
# hold codes as the English sentence has them.

alert-said-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
alert-said-day-span = { $least } to { $most ->
    [one] { $most } day
   *[other] { $most } days
}
alert-said-last-day = today is the last day
alert-said-left = { $days } left

alert-said-case = case { $case } ({ $kind } in { $city } on { $date })
alert-said-member = { $name } ({ $category } staff of { $sending }'s mission, { $post })
alert-said-png = { $member }, declared persona non grata by { $by } on { $declared }

alert-said-clock-overdue = { $clock } overdue by { $late } in { $case }: due by { $due }.
alert-said-clock-due = { $clock } due { $tomorrow ->
    [yes] tomorrow
   *[no] today
} in { $case }.
alert-said-clock-may-be-overdue = { $clock } may be overdue in { $case }: due between { $earliest } and { $due }, as the case's date is known only to { $case_date }.
alert-said-png-overdue = { $png }, has not left: the deadline of { $deadline } passed { $late } ago.
alert-said-png-due = { $png }, must leave by { $deadline }: { $left }.
alert-said-png-may-be-overdue = { $png }, had to leave by { $deadline }, which may have passed ({ $left } left to { $late } overdue); no departure is on record.
alert-said-cap-by-members = The members of { $sending }'s mission in { $host } on record ({ $counted }, counted as { $counting }) { $may ->
    [yes] may exceed
   *[no] exceed
} the cap of { $cap } in force since { $since } (measure { $measure }).
alert-said-commitment-overdue = Commitment by { $by } overdue by { $late }: "{ $text }" was due by { $due }.
alert-said-commitment-due = Commitment by { $by } due by { $due }: "{ $text }".
alert-said-vacant = { $sending }'s mission in { $host } has had no head of mission since { $since } ({ $age }).
# Two periods, as the domain writes it: the abbreviation's and the sentence's.
alert-said-vacant-charge = { $sending }'s mission in { $host } has had no head of mission since { $since } ({ $age }); { $charge } is chargé d'affaires a.i..
alert-said-headline-above-cap = The staffing figure of { $sending }'s mission in { $host } reported for { $date } ({ $value }) exceeds the cap of { $cap } in force (measure { $measure }).
alert-said-staff-figure-stale = The latest staffing figure of { $sending }'s mission in { $host } ({ $value }, reported for { $date }) is { $age } old on { $on }.
alert-said-agrement-pending = Agrément for { $person } as { $sending }'s head of mission in { $host }, requested { $since }, has been pending { $age } (the usual norm is about { $norm } days).
alert-said-measure-takes-effect = { $actor }'s measure against { $target } takes effect on { $effective }: { $summary }.
alert-said-measure-expires = { $actor }'s measure against { $target } expires on { $expires } unless renewed: { $summary }.
