## The phrases-roadmap area: sentences the domain says, worded here (see web/i18n.rs).
# A roadmap step's explanation and its assumptions: the same sentences as the domain's English
# `explanation` and `text`. Each message gets the codes and English labels the English sentence
# is made of and the words another language needs (*_name, *_label, *_shown).

roadmap-said-step = Step { $order }: { $sides }.
roadmap-said-side = { $actor } lifts { $measures }
roadmap-said-measure = { $name } ({ $kind }, { $effective })
roadmap-said-not-reciprocity = { $measure } is not a measure verdicts rest on ({ $capacity }{ $host ->
    [yes] , symbolic or low-confidence
   *[no] {""}
}): it is listed so that nothing in force is hidden, and lifting it is no concession of { $actor }.
roadmap-said-unilateral = Unilateral: nothing of the other side still in force is connected to { $measure } through the answers graph, so it comes after the reciprocal steps unless one needs it.
roadmap-said-joined = { $latest } is the latest measure not yet placed; { $joined } joins it as the nearest measure of the other side in force that the answers graph connects to it, so that both sides give something.
roadmap-said-latest = { $latest } is the latest of these still in force; the others are the move it answered or the answers it drew, so they are undone together.
roadmap-said-links = Links lifted in other steps: { $links }.
roadmap-said-answers = { $measure } answers { $answered } (step { $step })
roadmap-said-answered-by = { $answer } answered { $measure } (step { $step })
roadmap-said-comes-after = Comes after { $several ->
    [yes] steps
   *[no] step
} { $steps }: { $why }.
roadmap-said-need-visas = diplomatic visas must be issued before a higher cap can be used
roadmap-said-need-local-hiring = local hiring must return before consular service can
roadmap-said-need-premises = premises must be returned before a closed post can reopen
roadmap-said-assumed = Assumed: { $text }.
roadmap-said-parity-none = No dimension of parity changes with it alone.
roadmap-said-parity = Parity changes on: { $labels }.
roadmap-said-covered = Already covered by commitment `{ $commitment }` ({ $status }), which { $lifts ->
    [yes] promises to lift
   *[no] promises to ease
} it.
roadmap-said-promise-lifts = lifts
roadmap-said-promise-eases = eases

roadmap-said-post-reopened = { $name } may reopen once `{ $measure }` is lifted; assumed reopened
roadmap-said-premises-returned = { $name } may be returned once `{ $measure }` is lifted; assumed returned
roadmap-said-lift-refused = { $measure } could not be lifted on the record as it stood ({ $code }): it stays in force after this step

# How the roadmap is built: the domain's METHOD.
roadmap-said-method = Each step lifts the standing measure in force that was taken last, together with the measures in force it answered and the answers it drew; if that leaves one side only while the answers graph connects it to measures of the other side still in force, the nearest of those joins the step, so that both sides give something. Reciprocal steps run last-in-first-out; measures with no counterpart in force follow, labelled unilateral; last come measures verdicts do not rest on (not the host government's, symbolic or low-confidence). The steps a step needs against the same mission come just before it: diplomatic visas before a staff cap is raised, local hiring before consular service returns, premises before a closed post reopens. Events (expulsions, summonses) are never lifted. Effects are computed by lifting each step's measures, cumulatively and hypothetically, the day after the roadmap's date, assuming that posts closed and premises barred or seized under a lifted measure reopen and are returned; the index is on the overview's scale, against the same baseline.
