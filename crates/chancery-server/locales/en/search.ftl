# The search page, the header's search box, and names in other scripts.

search-title = Search
search-box = Search
search-label = Name, id or words
search-button = Search
search-hint = In Latin or Cyrillic letters: “Салливан” finds Sullivan, “Antonov” finds Антонов.
search-none = Nothing you may see matches “{ $q }” as of { $date }.
search-count = { $n ->
    [one] One result
   *[other] { $n } results
} for “{ $q }” as of { $date }
search-truncated = Only the best { $n } are shown: add a word to narrow the search.
search-error-query_empty = Type a name, an id or a word to search for.
search-error-query_too_long = The search is { $n } characters long; at most { $max } are allowed.
search-in-relation = { $a }–{ $b }
search-matched-exact = exact
search-matched-prefix = beginning
search-matched-text = in the text
search-matched-transliteration = other spelling
search-kind-person = Person
search-kind-post = Post
search-kind-measure = Measure
search-kind-round = Round of talks
search-kind-commitment = Commitment
search-matched-on = matched: { $text }
names-also-written = also written
