"""
What a country's page and a pair's showed before the summary rows counted it
(meetings/summary/scoped.py), grouped from the meetings on each request: the reference the
summary rows are checked against (tests/test_summary.py), on every kind of write.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection

from meetings.models import Country, Delegation, Meeting, Official, Participation, Topic


def sides_sql(meetings_sql):
    """SQL of (meeting_id, side_id): every side that took part in the meetings selected."""
    return (
        f"SELECT meeting_id, side_id FROM {Participation._meta.db_table} "
        f"WHERE meeting_id IN ({meetings_sql}) UNION "
        f"SELECT meeting_id, side_id FROM {Delegation._meta.db_table} "
        f"WHERE meeting_id IN ({meetings_sql})"
    )


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def meetings_sql(meetings):
    """(sql, params) of the meetings' ids, or None when Django knows there are none."""
    try:
        return meetings.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None


def party_counts(meetings, limit, leave_out=()):
    """[(code, name, meetings)] of the parties that took part in most of `meetings`."""
    found = meetings_sql(meetings)
    if found is None:
        return []
    sql, params = found
    skip = f"WHERE side_id NOT IN ({', '.join(['%s'] * len(leave_out))})" if leave_out else ""
    rows = fetch(
        f"SELECT c.code, c.name, g.n FROM (SELECT side_id, COUNT(*) AS n FROM ({sides_sql(sql)}) s "
        f"{skip} GROUP BY side_id) g "
        f"JOIN {Country._meta.db_table} c ON c.id = g.side_id ORDER BY g.n DESC, c.name LIMIT %s",
        [*params, *params, *leave_out, limit],
    )
    return [tuple(row) for row in rows]


def sent_most(meetings, sides, limit):
    """
    {side id: [(slug, name, meetings)]}: the officials each side (country ids) sent to most of
    `meetings`, the `limit` first of each, in one query.
    """
    found = meetings_sql(meetings)
    if found is None or not sides:
        return {side: [] for side in sides}
    sql, params = found
    marks = ", ".join(["%s"] * len(sides))
    rows = fetch(
        f"SELECT g.side_id, o.slug, o.name, g.n FROM (SELECT side_id, official_id, COUNT(*) AS n, "
        f"ROW_NUMBER() OVER (PARTITION BY side_id ORDER BY COUNT(*) DESC, official_id) AS r "
        f"FROM {Participation._meta.db_table} WHERE side_id IN ({marks}) AND meeting_id IN ({sql}) "
        f"GROUP BY side_id, official_id) g JOIN {Official._meta.db_table} o ON o.id = g.official_id "
        f"WHERE g.r <= %s ORDER BY g.side_id, g.n DESC, o.sort_name, o.id",
        [*sides, *params, limit],
    )
    by_side = {side: [] for side in sides}
    for side, slug, name, n in rows:
        by_side[side].append((slug, name, n))
    return by_side


def topic_years(meetings):
    """[(slug, name, year, meetings)] of the meetings' topics by year, in one query."""
    found = meetings_sql(meetings)
    if found is None:
        return []
    sql, params = found
    link = Meeting.topics.through._meta.db_table
    year = (
        "CAST(substr(m.date, 1, 4) AS integer)"
        if connection.vendor == "sqlite"
        else ("CAST(EXTRACT(YEAR FROM m.date) AS integer)")
    )
    rows = fetch(
        f"SELECT t.slug, t.name, {year} AS y, COUNT(*) FROM {link} l "
        f"JOIN {Meeting._meta.db_table} m ON m.id = l.meeting_id "
        f"JOIN {Topic._meta.db_table} t ON t.id = l.topic_id "
        f"WHERE l.meeting_id IN ({sql}) AND m.date IS NOT NULL GROUP BY t.slug, t.name, y",
        params,
    )
    return [tuple(row) for row in rows]
