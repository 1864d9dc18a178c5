## The about area: what an act in a list is about, when the record gives it no name the reader
## may see (see web/about.rs).

about-post = a post
about-premises = premises
about-member = a member of staff
about-measure = Measure
about-round = Round of talks
about-commitment = a commitment
about-case = a consular case
about-case-in = Consular case in { $city }
about-statement = Statement by { $the_state }
about-agreement = Agreement between { $the_states }
about-withdrawn = Withdrawal of act #{ $seq }
about-claim = Answer to the claim of act #{ $seq }
