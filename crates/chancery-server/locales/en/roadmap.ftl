# The normalisation roadmap.

roadmap-title = Normalisation roadmap: { $a } – { $b }
roadmap-combined = combined
roadmap-from-today = { $change } from today
roadmap-step-reciprocal = reciprocal: both sides lift something
roadmap-step-unilateral = unilateral: nothing of the other side in force is connected to it
roadmap-step-not-reciprocity = not a host government's measure, symbolic or low-confidence: listed, never a concession
roadmap-step = Step
roadmap-step-lower = step
roadmap-combined-after = combined index after
roadmap-assumed = Assumed to follow:
roadmap-lifted-here = Lifted in this step
roadmap-comes-after = Comes after
roadmap-no-other-step = no other step
roadmap-parity-changes = Parity changes on
roadmap-no-dimension = no dimension
roadmap-index-after = Index after this step
roadmap-still-in-force = Measures still in force
roadmap-covered-by = Covered by
roadmap-no-commitment = no commitment
roadmap-from = From
roadmap-summary = { $measures } standing measures in force, unwound in { $steps } steps.
roadmap-try-whatif = Try other lifts in “what if”
roadmap-scale = The index after each step is on the overview's scale: 100 on { $baseline }; today it is { $now }, and each step gives the change from today. Expulsions and other events are never lifted: they happened.
roadmap-how = How the roadmap is built
roadmap-nothing = No measure is in force on { $date }: there is nothing to unwind.
roadmap-glance = The steps at a glance; each is set out below.
roadmap-col-lifts = Lifts
roadmap-col-combined-after = Combined index after
col-measure = Measure
col-effective = Effective
no-relation = No relation.
# Who lifts what in a step, before the measures: "the United States lifts R008".
roadmap-state-lifts = { $the_state } lifts
