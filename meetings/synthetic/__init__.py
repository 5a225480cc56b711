"""
Synthetic meetings for load tests and benchmarks: what `manage.py generate_meetings` makes.

The vocabulary (names, places, agencies, words, sentence patterns) is data, in vocabulary.toml.
The generation goes in steps, each in its own module, all drawing from one seeded random
generator in a fixed order (the same seed gives the same data):

* reference: countries, cities and the topic tree;
* agencies: each country's bodies, chambers, consulates and units;
* people: officials, their names and aliases, careers of dated posts, and who is active when;
* when: a meeting's date and how precisely it is known;
* draft: a meeting's kind, place, participants, topics and title;
* release: its press release, sentence by sentence;
* evidence: the rows that quote the release (participants, delegations, mentions, agreements,
  quotes) and the meeting's own rows;
* store: primary keys given ahead, unique slugs and the bulk writes;
* generator: the order of it all, in batches.
"""
