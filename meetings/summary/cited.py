"""
How many officials take part in a published meeting, and how many sources one cites (the home
page's two figures): one summary row each, ("cited:official", "") and ("cited:source", ""),
moved when one record's own row (("official", id), ("source", id)) turns positive or falls
back to zero. Counting the positive rows on each request read every one of them: a million
sources at 1,000,000 meetings.

On SQLite, triggers on the summary table itself move them as each row changes; on
PostgreSQL, the statement's fold (triggers.fold_sql) counts the rows it turns, from their
values before it, in the same statement.
"""

# The home page's totals of records some published meeting counts, by the facet counting them.
CITED = {"officials": "official", "sources": "source"}
FACETS = ", ".join(f"'{facet}'" for facet in CITED.values())
PREFIX = "cited:"  # a counter's facet: the prefix, then the facet it counts the records of


def counter(facet):
    return PREFIX + facet


def sqlite_triggers(table):
    """The three triggers on the summary table that keep the counters, on SQLite."""

    def bump(row, amount):
        return (
            f"INSERT INTO {table} (facet, item, n) VALUES ('{PREFIX}' || {row}.facet, '', {amount}) "
            f"ON CONFLICT (facet, item) DO UPDATE SET n = {table}.n + excluded.n;"
        )

    turned = "CASE WHEN new.n > 0 THEN 1 ELSE -1 END"
    return [
        f"CREATE TRIGGER meetings_summary_cited_insert AFTER INSERT ON {table} "
        f"WHEN new.facet IN ({FACETS}) AND new.n > 0 BEGIN {bump('new', 1)} END",
        f"CREATE TRIGGER meetings_summary_cited_update AFTER UPDATE OF n ON {table} "
        f"WHEN new.facet IN ({FACETS}) AND (old.n > 0) <> (new.n > 0) "
        f"BEGIN {bump('new', turned)} END",
        f"CREATE TRIGGER meetings_summary_cited_delete AFTER DELETE ON {table} "
        f"WHEN old.facet IN ({FACETS}) AND old.n > 0 BEGIN {bump('old', -1)} END",
    ]


SQLITE_TRIGGER_NAMES = [
    f"meetings_summary_cited_{event}" for event in ("insert", "update", "delete")
]


def turned(table, changes):
    """
    PostgreSQL: a query of the counters' changes (facet, item, n) that the summed `changes`
    (a query of facet, item, n) make, read against the rows as they were before them.
    """
    before = "COALESCE(t.n, 0)"
    return (
        f"SELECT '{PREFIX}' || c.facet, '', SUM(CASE WHEN {before} <= 0 AND {before} + c.n > 0 "
        f"THEN 1 WHEN {before} > 0 AND {before} + c.n <= 0 THEN -1 ELSE 0 END) "
        f"FROM {changes} c LEFT JOIN {table} t ON t.facet = c.facet AND t.item = c.item "
        f"WHERE c.facet IN ({FACETS}) GROUP BY c.facet"
    )


def recount(table):
    """Statements that count them afresh from the records' rows, one row each, zero too."""
    names = ", ".join(f"'{counter(facet)}'" for facet in CITED.values())
    counts = " UNION ALL ".join(
        f"SELECT '{counter(facet)}', '', (SELECT COUNT(*) FROM {table} "
        f"WHERE facet = '{facet}' AND n > 0)"
        for facet in CITED.values()
    )
    return [
        f"DELETE FROM {table} WHERE facet IN ({names});",
        f"INSERT INTO {table} (facet, item, n) {counts};",
    ]
