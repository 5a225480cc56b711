"""
The years covered, and a meeting's date: more meetings in recent years, mostly known to the day,
some only to the month or year (stored as the 1st, or 1 January, as the model requires), a few
unknown, and a few lasting two or three days.
"""

import datetime
import itertools
from dataclasses import dataclass

from meetings.models import DatePrecision
from meetings.synthetic.vocabulary import PRECISION_WEIGHTS

FIRST_YEAR, LAST_YEAR = 1955, 2024
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
# More meetings in recent years: relations thickened.
YEAR_WEIGHTS = list(itertools.accumulate((1 + (y - FIRST_YEAR) / 12) ** 2 for y in YEARS))
PRECISIONS = [DatePrecision(value) for value in PRECISION_WEIGHTS]


@dataclass(frozen=True)
class When:
    year: int
    day: datetime.date  # the day it took place, however little the release tells of it
    precision: DatePrecision
    date: datetime.date | None  # as stored
    date_end: datetime.date | None

    @property
    def known_to_the_day(self):
        return self.precision == DatePrecision.DAY

    @property
    def dateline(self):
        return self.day.strftime("%B %-d, %Y") if self.known_to_the_day else str(self.year)

    @property
    def slug(self):
        return self.date.isoformat() if self.date else "undated"


def draw_when(rng):
    year = rng.choices(YEARS, cum_weights=YEAR_WEIGHTS)[0]
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    precision = rng.choices(PRECISIONS, weights=list(PRECISION_WEIGHTS.values()))[0]
    date, date_end = day, None
    if precision == DatePrecision.MONTH:
        date = day.replace(day=1)
    elif precision == DatePrecision.YEAR:
        date = day.replace(month=1, day=1)
    elif precision == DatePrecision.UNKNOWN:
        date = None
    elif rng.random() < 0.04:
        date_end = day + datetime.timedelta(days=rng.randint(1, 2))
    return When(year, day, precision, date, date_end)
