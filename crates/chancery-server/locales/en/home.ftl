# The start page: the relations the reader can see.

home-title = Relations
home-go-to = Go to the overview:
home-none = No relation with an act you may see by { $date }.
home-few-states = Fewer than two states are registered: record a state's registration first.
home-lead = { $n ->
    [one] { $n } relation.
   *[other] { $n } relations.
} The index is 100 on each relation's baseline (its overview's); above 100 the missions are less restricted. The change is against a year before { $date }. Click a heading to sort.
home-col-relation = Relation
home-col-index = Index
home-col-change = Change over the year
home-col-alerts = Open alerts
home-col-round = Latest round
home-no-index = cannot be computed
home-urgent = urgent
home-warning = warning
home-cancelled = cancelled
home-talks = talks
home-no-round = none
