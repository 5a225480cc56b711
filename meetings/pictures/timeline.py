"""
A timeline's periods and bars, from counts of meetings by (year, month, precision): pure
functions, no database.

A meeting is counted in the period its date is known to: one known only to the year is
counted in its year, never spread over months or days. When the range is short enough to
show months (MONTHS_UP_TO_YEARS years or fewer), meetings known only to the year cannot be
placed in a month: they are counted apart, per year (``Timeline.year_only``), and said so.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.utils.dates import MONTHS_3
from django.utils.formats import date_format

MONTHS_UP_TO_YEARS = 3

# The drawing's own units (the SVG's viewBox): it scales to its container's width.
WIDTH = 480
HEIGHT = 210
LEFT = 34  # room for the counts' axis
RIGHT = 30  # room for half the last period's label, centred under its bar
BOTTOM = 24  # room for the periods' labels
TOP = 8
MAX_LABELS = 6  # period labels along the axis, at most


@dataclass(frozen=True)
class Period:
    key: str  # "2018" or "2018-05": what the list's date filters take
    label: str  # "2018" or "May 2018"
    short: str  # the axis label: "2018", or "May 18"
    count: int


@dataclass(frozen=True)
class Bar:
    period: Period
    x: float
    y: float
    width: float
    height: float
    labelled: bool  # whether the axis shows its label

    @property
    def label_x(self):
        """Where the period's label is centred: under the bar's middle."""
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass
class Timeline:
    grain: str  # "year" or "month"
    periods: list
    year_only: list = field(default_factory=list)  # [(year, count)], month grain only
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM

    @property
    def total(self):
        return sum(p.count for p in self.periods) + sum(n for _, n in self.year_only)

    @property
    def first(self):
        return self.periods[0] if self.periods else None

    @property
    def last(self):
        return self.periods[-1] if self.periods else None

    @property
    def busiest(self):
        return max(self.periods, key=lambda p: p.count) if self.periods else None


def month_period(year, month, count):
    # The language's own month format ("May 2018", "mayo de 2018") and month names.
    return Period(
        f"{year:04d}-{month:02d}",
        date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT"),
        f"{str(MONTHS_3[month]).title()} {year % 100:02d}",
        count,
    )


def year_period(year, count):
    return Period(f"{year:04d}", str(year), str(year), count)


def periods(rows):
    """
    (grain, periods, year_only) from rows of (year, month, precision, count). Every period
    from the first to the last is there, empty ones with 0, so that gaps show as gaps.
    """
    rows = [(y, m, p, n) for y, m, p, n in rows if y is not None and n]
    if not rows:
        return "year", [], []
    years = [y for y, *_ in rows]
    first, last = min(years), max(years)
    if last - first + 1 > MONTHS_UP_TO_YEARS:
        by_year = {}
        for year, _, _, n in rows:
            by_year[year] = by_year.get(year, 0) + n
        return "year", [year_period(y, by_year.get(y, 0)) for y in range(first, last + 1)], []
    by_month, year_only = {}, {}
    for year, month, precision, n in rows:
        if precision == "year":
            year_only[year] = year_only.get(year, 0) + n
        else:
            by_month[(year, month)] = by_month.get((year, month), 0) + n
    if not by_month:  # only years are known: show the years
        return "year", [year_period(y, year_only.get(y, 0)) for y in range(first, last + 1)], []
    start, end = min(by_month), max(by_month)
    months = []
    year, month = start
    while (year, month) <= end:
        months.append(month_period(year, month, by_month.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "month", months, sorted(year_only.items())


def nice_ceiling(value):
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


def layout(grain, found, year_only=()):
    """The Timeline of these periods: each bar's place and size in the drawing's units."""
    timeline = Timeline(grain, list(found), list(year_only))
    if not found:
        return timeline
    top = nice_ceiling(max(p.count for p in found))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - BOTTOM - TOP
    slot = plot_width / len(found)
    gap = min(2.0, slot * 0.2)
    step = math.ceil(len(found) / MAX_LABELS)
    for index, period in enumerate(found):
        height = plot_height * period.count / top
        timeline.bars.append(
            Bar(
                period,
                x=round(LEFT + index * slot + gap / 2, 2),
                y=round(HEIGHT - BOTTOM - height, 2),
                width=round(max(slot - gap, 0.5), 2),
                height=round(height, 2),
                labelled=index % step == 0,
            )
        )
    timeline.ticks = [
        Tick(value, round(HEIGHT - BOTTOM - plot_height * value / top, 2))
        for value in sorted({0, top // 2, top})
        if value == 0 or value == top or top % 2 == 0
    ]
    return timeline


def timeline(rows):
    """periods() then layout(): the whole picture from the grouped counts."""
    return layout(*periods(rows))
