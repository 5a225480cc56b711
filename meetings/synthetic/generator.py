"""
The order of a generation: reference data, agencies and officials first, then the meetings in
batches. Every step draws from one seeded random generator, so the order of the steps, and of
the draws within each, is what makes the same seed give the same data.

A batch's participants, topics and other children are written before the batch's meetings
(foreign keys are checked at commit), so the triggers that keep each meeting's search document
current build it once per meeting rather than once per row.
"""

import random
import time
from collections import Counter

from meetings.models import (
    Agency,
    Agreement,
    City,
    Country,
    Delegation,
    Meeting,
    Official,
    Position,
    Source,
    Topic,
)
from meetings.synthetic.agencies import chambers, make_agencies
from meetings.synthetic.draft import draft_meeting
from meetings.synthetic.evidence import (
    ROW_MODELS,
    add_agreements,
    add_delegation,
    add_mention,
    add_participations,
    add_quotes,
    add_records,
)
from meetings.synthetic.people import make_officials
from meetings.synthetic.reference import make_places, make_topics
from meetings.synthetic.release import write_release
from meetings.synthetic.store import Ids, Slugs, Store

BATCH = 1000  # meetings generated and written at a time
PUBLISHED_SHARE = 0.96
# The models whose primary keys the generator gives (see store.Ids).
NUMBERED = [
    Country,
    City,
    Topic,
    Agency,
    Official,
    Position,
    Source,
    Meeting,
    Delegation,
    Agreement,
]


class Generator:
    """One generation: its draws, what it has made so far, and the counts of what it wrote."""

    def __init__(self, seed, meetings, officials, agencies, write, out):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_meetings = meetings
        self.n_officials = officials
        self.n_agencies = agencies
        self.out = out
        self.store = Store(write)
        self.slugs = Slugs()
        self.meetings_per_official = Counter()

    @property
    def counts(self):
        return self.store.counts

    def run(self):
        self.ids = Ids(NUMBERED)
        self.places = make_places(self)
        self.topics = make_topics(self)
        self.agencies = make_agencies(self)
        self.chambers = chambers(self.agencies, "US")  # an unnamed delegation's
        self.officials = make_officials(self)
        self.meetings()
        if self.store.write:
            self.ids.reset_sequences()

    def meetings(self):
        done, started = 0, time.monotonic()
        while done < self.n_meetings:
            size = min(BATCH, self.n_meetings - done)
            self.batch(size)
            done += size
            if self.store.write and done % (BATCH * 10) == 0:
                self.out(f"  {done:,} meetings ({time.monotonic() - started:.0f} s)")

    def batch(self, size):
        rows = {model: [] for model in ROW_MODELS}
        for _ in range(size):
            self.meeting(rows)
        # Children first, meetings last: see the module docstring.
        for model, objects in rows.items():
            if model is not Meeting:
                self.store.save(model, objects)
        self.store.save(Meeting, rows[Meeting])

    def meeting(self, rows):
        draft = draft_meeting(self)
        release = write_release(self, draft)
        published = self.rng.random() < PUBLISHED_SHARE
        status = Meeting.Status.PUBLISHED if published else Meeting.Status.DRAFT
        add_participations(self, draft, release, rows)
        add_delegation(self, draft, release, rows)
        add_mention(self, draft, release, rows)
        add_agreements(self, draft, release, rows)
        add_quotes(self, draft, release, rows)
        add_records(self, draft, release, status, rows)
