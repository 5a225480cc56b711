"""
What a country's or a pair's page groups, as pure functions over rows: the topics over time
table (the most frequent topics, counted in at most MAX_SPANS spans of years).
"""

import math
from dataclasses import dataclass

MAX_SPANS = 6
TOPICS_SHOWN = 6


@dataclass(frozen=True)
class Span:
    first: int
    last: int

    @property
    def key(self):
        return (str(self.first), str(self.last))

    @property
    def label(self):
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def spans(first, last, most=MAX_SPANS):
    """At most `most` spans of whole years covering first..last, equal but the last."""
    length = math.ceil((last - first + 1) / most)
    return [Span(start, min(start + length - 1, last)) for start in range(first, last + 1, length)]


def topics_over_time(rows, shown=TOPICS_SHOWN):
    """
    (spans, [(slug, name, total, [count per span])]) from rows of (slug, name, year, count):
    the `shown` topics with most meetings, ties by name.
    """
    rows = [row for row in rows if row[2] is not None]
    if not rows:
        return [], []
    columns = spans(min(r[2] for r in rows), max(r[2] for r in rows))
    totals, names, cells = {}, {}, {}
    for slug, name, year, n in rows:
        totals[slug] = totals.get(slug, 0) + n
        names[slug] = name
        index = next(i for i, span in enumerate(columns) if span.first <= year <= span.last)
        cells[(slug, index)] = cells.get((slug, index), 0) + n
    top = sorted(totals, key=lambda slug: (-totals[slug], names[slug]))[:shown]
    table = [
        (slug, names[slug], totals[slug], [cells.get((slug, i), 0) for i in range(len(columns))])
        for slug in top
    ]
    return columns, table
