## The phrases-asof area: sentences the domain says, worded here (see web/i18n.rs).
# What a day may be otherwise, when an event dated by a period holding it may not have happened
# yet: the same words as the domain's `otherwise`.

asof-said-or = { $first } or { $rest }
asof-said-post = { $status ->
    [open] open
    [suspended] suspended
    [closed] closed
   *[none] not yet open
}
asof-said-premises = { $status ->
    [in_use] in use
    [access_barred] access barred
    [seized] seized
    [returned] returned
    [released] released
    [status_removed] owned, diplomatic status removed
   *[none] not yet acquired
}
asof-said-member = { $status ->
    [notified] notified, not yet arrived
    [arrived] arrived
    [declared_png] declared persona non grata
    [departed] departed
   *[none] not yet notified
}
asof-said-head-away = { $person } in post, away
asof-said-head-present = { $person } in post and present
asof-said-head-vacant = vacant
asof-said-head-none = no head of mission on record
asof-said-head-charge = { $head }; { $person } chargé d'affaires a.i.
