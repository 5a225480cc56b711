"""
The one layer that reads what the pictures draw: grouped counts in one query each, cached
for the data version, then handed to the pure functions of timeline.py and network.py.
"""

from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from ..functions import Month, Year
from ..models import Meeting, MeetingStatus, Official, Participation
from ..versioning import cached
from . import network as networks
from . import timeline as timelines

DATE_KEYS = ("date_after", "date_before", "page")


def timeline_rows(meetings):
    """[(year, month, precision, count)] of the meetings (a queryset), in one grouped query."""
    grouped = (
        meetings.order_by()
        .filter(date__isnull=False)
        .annotate(t_year=Year("date"), t_month=Month("date"))
        .values_list("t_year", "t_month", "date_precision")
        .annotate(n=Count("pk"))
    )
    return [tuple(row) for row in grouped]


def meeting_timeline(meetings, key, within):
    """
    The Timeline of `meetings`, cached for the data version under `key`, each bar and each
    year-only count with the link to its period's list: the list's filters `within` (pairs
    of parameters) and the period as date_after and date_before. (Every published meeting's
    is read with the whole list's figures, from the summary rows: summary.read.whole_list.)
    """
    rows = cached(("timeline", *key), lambda: timeline_rows(meetings))
    return timeline_chart(rows, within)


def timeline_chart(rows, within):
    """The Timeline of `rows` as timeline_rows() gives them, linked as meeting_timeline's."""
    chart = timelines.timeline(rows)
    keep = [(k, v) for k, v in within if k not in DATE_KEYS]
    base = reverse("meeting-list")

    def link(period_key):
        return (
            f"{base}?{urlencode([*keep, ('date_after', period_key), ('date_before', period_key)])}"
        )

    chart.links = {bar.period.key: link(bar.period.key) for bar in chart.bars}
    chart.year_links = [(year, n, link(f"{year:04d}")) for year, n in chart.year_only]
    return chart


def links_between(official_id, others):
    """[(slug, slug, meetings)]: how often each pair of `others` met in the official's meetings."""
    table = Participation._meta.db_table
    official_table = Official._meta.db_table
    if not others:
        return []
    marks = ", ".join(["%s"] * len(others))
    # From the official's own meetings to the pairs in each, grouped by id and only then
    # named: SQLite 62 ms to 19 for an official in 5,000 meetings (PostgreSQL: 70 both ways).
    sql = (
        f"SELECT oa.slug, ob.slug, g.n FROM (SELECT a.official_id AS a_id, "
        f"b.official_id AS b_id, COUNT(*) AS n FROM {table} p "
        f"JOIN {Meeting._meta.db_table} m ON m.id = p.meeting_id AND m.status = %s "
        f"JOIN {table} a ON a.meeting_id = p.meeting_id AND a.official_id IN ({marks}) "
        f"JOIN {table} b ON b.meeting_id = p.meeting_id AND b.official_id IN ({marks}) "
        f"AND a.official_id < b.official_id "
        f"WHERE p.official_id = %s GROUP BY a.official_id, b.official_id) g "
        f"JOIN {official_table} oa ON oa.id = g.a_id JOIN {official_table} ob ON ob.id = g.b_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MeetingStatus.PUBLISHED, *others, *others, official_id])
        return [(a, b, n) for a, b, n in cursor.fetchall()]


def official_network(official, met_most):
    """
    (Network, {slug: link}) of an official and the people they met most (`met_most`, the
    page's [(slug, name, meetings)]), each linked to the list of their meetings together:
    their countries in one query, the pairs among them in another, both cached for the data
    version.
    """

    def compute():
        counts = {slug: n for slug, _, n in met_most}
        people = list(
            Official.objects.filter(slug__in=counts).values_list(
                "pk", "slug", "name", "country__code"
            )
        )
        links = links_between(official.pk, sorted(pk for pk, *_ in people))
        return [(slug, name, code, counts[slug]) for _, slug, name, code in people], links

    people, links = cached(("network", official.pk), compute)
    centre = networks.Person(official.slug, official.name, official.country.code, 0)
    picture = networks.network(centre, [networks.Person(*row) for row in people], links)
    base = reverse("meeting-list")
    together = {
        slug: f"{base}?{urlencode([('official', official.slug), ('official', slug)])}"
        for slug, *_ in people
    }
    return picture, together
