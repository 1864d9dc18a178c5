## The refusals area: sentences the domain says, worded here (see web/i18n.rs).
# A refusal worded from its rule's code alone, when it says no facts of its own. English pages
# show the domain's own sentence (the API's), so these serve other languages' fallback.

refusal-rule-unknown_state = A state the act names is not registered.
refusal-rule-same_state = A relation is between two different states.
refusal-rule-duplicate_id = The identifier is already recorded: an identifier names one thing for ever.
refusal-rule-unknown_post = The post the act names is not recorded.
refusal-rule-unknown_premises = The premises the act names are not recorded.
refusal-rule-unknown_member = The member the act names is not recorded.
refusal-rule-unknown_measure = The measure the act names is not recorded.
refusal-rule-unknown_round = The round of talks the act names is not recorded.
refusal-rule-post_not_open = The post is not open on the act's date.
refusal-rule-post_not_suspended = The post's work is not suspended.
refusal-rule-post_already_closed = The post is already closed.
refusal-rule-post_not_in_relation = The post or state named is not of this relation.
refusal-rule-premises_not_in_use = The premises are not in use by the post.
refusal-rule-premises_not_restricted = Access to the premises is not restricted.
refusal-rule-premises_already_released = The premises are already released.
refusal-rule-premises_restricted = Access to the premises is restricted.
refusal-rule-premises_status_not_removed = The premises' diplomatic status has not been removed.
refusal-rule-family_of_mismatch = A family member is of a member of staff of the same post.
refusal-rule-premises_action_by_non_host = Only the host state bars access to, seizes or removes the diplomatic status of premises.
refusal-rule-member_already_arrived = The member has already arrived, or is no longer on the staff.
refusal-rule-member_not_on_staff = The person is not on the staff.
refusal-rule-png_by_non_host = Only the host state declares a member of a mission persona non grata.
refusal-rule-cap_exceeded = The arrival would take the staff above the cap.
refusal-rule-agrement_refused = The agrément was refused.
refusal-rule-head_already_in_post = A head of mission is already in post.
refusal-rule-not_head_in_post = The person is not the head of mission in post.
refusal-rule-head_not_absent = The head of mission is not absent.
refusal-rule-head_already_absent = The head of mission is already absent.
refusal-rule-not_charge = The person is not the chargé d'affaires.
refusal-rule-answers_later_act = An act can only answer an earlier one.
refusal-rule-answers_own_side = An answer responds to the other side's act.
refusal-rule-measure_needs_cap = The measure needs its ceiling.
refusal-rule-measure_already_lifted = The measure is already lifted.
refusal-rule-lift_before_imposition = A measure cannot be lifted before it was taken.
refusal-rule-event_not_liftable = An event happened on its date: nothing of it stands to be lifted or eased.
refusal-rule-dates_out_of_order = The dates are out of order.
refusal-rule-post_not_closed = The post is not closed.
refusal-rule-closure_still_in_force = The measure that closed the post is not lifted.
refusal-rule-character_mismatch = The measure's character does not fit its kind or terms.
refusal-rule-capacity_mismatch = The measure cannot be taken in that capacity.
refusal-rule-routed_service_offered = Applicants are routed elsewhere only from a service the post no longer offers.
refusal-rule-replacements_barred = A bar on replacements stands at the post.
refusal-rule-not_a_claim = This act is not recorded as a claim.
refusal-rule-unknown_claim = The claim is not recorded.
refusal-rule-claim_already_answered = The claim is already answered.
refusal-rule-scope_outside_relation = The scope names what is outside the relation.
refusal-rule-invalid_supersede = The act cannot correct the act it names.
refusal-rule-later_act_invalidated = Recording this act would make a later act invalid.
refusal-rule-act_before_subject_exists = The act is dated before what it is about exists.
refusal-rule-unknown_commitment = The commitment the act names is not recorded.
refusal-rule-commitment_closed = The commitment is already closed.
refusal-rule-commitment_kept_needs_act = A kept commitment needs its evidence.
refusal-rule-unknown_case = The case the act names is not recorded.
refusal-rule-case_closed = The case is closed.
refusal-rule-case_denial_needs_measure = A denial of access in a case names the measure that denies it.
refusal-rule-case_personal_data = A case's personal data is never public.
refusal-rule-lift_by_non_actor = Only the state that took a measure can lift it.
refusal-rule-visibility_outside_relation = The visibility names an organisation outside the relation.
refusal-rule-act_outside_relation = An act belongs to one relation.
refusal-rule-date_in_future = The act is dated after the day it is recorded.
refusal-rule-implausible_date = The date is implausible; if it is right, confirm it.
refusal-rule-duplicate_event = The same event is already recorded.
refusal-rule-deadline_before_date = The deadline is before the act's date.
refusal-rule-invalid_withdrawal = The act cannot be withdrawn.
refusal-rule-act_already_withdrawn = The act is already withdrawn.
refusal-rule-withdrawn_act_has_dependants = The act cannot be withdrawn while a later act depends on it.
refusal-rule-visibility_wider_than_subject = The act would be seen more widely than what it is about.
refusal-rule-visibility_changed_by_correction = A correction keeps the visibility of the act it corrects.
refusal-rule-visibility_differs_from_subject = The act's visibility differs from that of what it is about.
refusal-rule-visibility_must_be_public = This act is public.

# A refusal with its facts. Dates as the record gives them; $thing, $term and $code select.

refusal-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
refusal-days-after = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
refusal-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
}
refusal-term = { $term ->
    [effective] effective
    [deadline] deadline
   *[expires] expires
}
refusal-said-unknown = `{ $id }` is not recorded.
refusal-said-duplicate = { $thing } `{ $id }` is already recorded; an identifier names one thing for ever.
refusal-said-no-such-act = Act #{ $seq } does not exist.
refusal-said-state-not-registered = State { $state } is not registered: record a state_registered act first.
refusal-said-same-state = Both states are { $state_name }: a relation needs two states.
refusal-said-post-not-open = { $closed ->
    [yes] Post `{ $post }` is closed on { $date } (since { $since }).
   *[no] Post `{ $post }` is not yet open on { $date }.
}
refusal-said-act-in-future = The act is dated { $date }, after { $limit }: an act is recorded once it has happened{ $measure ->
    [yes] , and a measure at most { $days } before it takes effect.
   *[no] .
}
refusal-said-term-in-future = { $term_name } { $date } is after { $limit }: it is at most { $days_after } ahead of the day the measure is recorded.
refusal-said-date-before-year = The act is dated { $date }, before { $year }; if the date is right, say so with `date_confirmed`.
refusal-said-date-before-record = The act is dated { $date }, more than { $years } before the record of the relation begins ({ $first }); if the date is right, say so with `date_confirmed`.
refusal-said-deadline-before-date = The deadline { $deadline } is before the act's date { $date }.
refusal-said-term-before-date = { $term_name } { $term_date } is before the act's date { $date }.
refusal-said-expires-before-effect = expires { $expires } is before the date it takes effect, { $effective }.
refusal-said-cap-exceeded = The arrival of `{ $member }` on { $date } would bring the staff counted by measure `{ $measure }` ({ $counting }) to { $count } against a cap of { $cap }; record it with a violation and its justification if it happened anyway.
refusal-said-replacements-barred = `{ $member }` cannot arrive on { $date }: measure `{ $measure }` bars replacements ({ $counting }) at this post; record it with a violation and its justification if it happened anyway.
refusal-said-closure-still-in-force = Post `{ $post }` cannot reopen on { $date }: measure `{ $measure }` that closed it is not lifted.
refusal-said-withdrawal-blocked = Act #{ $old } cannot be withdrawn while act #{ $at } depends on it: withdraw act #{ $at } first.
refusal-said-later-act-invalidated = Recording this act would make act #{ $at } invalid: { $why }

# A treaty article as cited: articles of one convention, then the convention; $n may list
# several articles ("9, 37").
refusal-convention = { $convention ->
    [vcdr] VCDR
   *[vccr] VCCR
} { $articles }
refusal-art = Art. { $n }
refusal-art-paragraph = Art. { $n }({ $p })
refusal-art-subparagraph = Art. { $n }({ $p })({ $s })
refusal-art-letter = Art. { $n }({ $s })
