"""
Full-text search over meetings: one interface, `search_meetings(queryset, query)`, on
PostgreSQL and SQLite alike.

Each meeting has a search document (its title, participants' names and aliases, topics and
summary) that the database keeps current with triggers (migration 0002): a GIN-indexed
tsvector on PostgreSQL, an FTS5 table on SQLite. Both ignore case and accents and split text
into words of letters and digits, so "Peña" and "PENA" are the same word.

The query language is the web-search syntax, parsed here once and written out for each
database, so that both answer the same meetings:

* words: every word must appear (``pena nieto``); a word of three letters or more also
  matches longer words it begins (``secretar`` finds "Secretary" and "Secretariat");
* ``"quoted words"``: those words in that order, whole;
* ``or`` between two terms: either of them (``fentanyl or opioids``); it binds tighter than
  the implicit "and", so ``border fentanyl or opioids`` needs "border" and one of the two;
* ``-word`` or ``-"quoted words"``: meetings without it.

Anything else is text: punctuation splits words ("U.S." is the phrase "u s",
"Osorio-Chong" the phrase "osorio chong"), and no input raises an error, whatever quotes,
operators, control characters or length it has. At most MAX_TERMS words are used.

`search_meetings` returns the matching meetings with a `search_rank` alias (higher is
more relevant: ts_rank on PostgreSQL, bm25 on SQLite, title weighing most, then people,
topics and summary): `.order_by("-search_rank")` orders by relevance, and
`.annotate(rank=F("search_rank"))` reads it. An alias, not an annotation, so that it is
computed only when used: SQLite would otherwise rank every match before sorting by date.
"""

import re
from dataclasses import dataclass

from django.db import NotSupportedError, models

from .text import normalize_name

MAX_TERMS = 10  # words used from a query, the rest ignored
MAX_QUERY = 1000  # characters of a query looked at
MIN_PREFIX = 3  # shorter words match whole words only (a prefix of 1 or 2 matches too much)
MAX_WORD = 100  # longer words are cut to this length (and then match as prefixes)
TABLE = "meetings_meetingsearch"
SQLITE_WEIGHTS = "10.0, 4.0, 2.0, 1.0"  # bm25 weights of title, people, topics, summary

# An optional minus, then a quoted phrase (the closing quote may be missing) or a bare run.
ITEM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together in order; the last one may be a prefix."""

    words: tuple
    prefix: bool

    def fts5(self):
        return '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")

    def tsquery(self):
        terms = [f"'{word}'" for word in self.words]
        if self.prefix:
            terms[-1] += ":*"
        return terms[0] if len(terms) == 1 else "(" + " <-> ".join(terms) + ")"


@dataclass(frozen=True)
class Query:
    """All of `required` (each a tuple of alternative phrases) and none of `excluded`."""

    required: tuple
    excluded: tuple

    def __bool__(self):
        return bool(self.required or self.excluded)

    def fts5(self):
        """The FTS5 MATCH expression of the required part (None when nothing is required)."""
        if not self.required:
            return None
        expression = " AND ".join(
            _any(alternatives, "fts5", " OR ") for alternatives in self.required
        )
        if self.excluded:
            expression = f"({expression}) NOT {self.fts5_excluded()}"
        return expression

    def fts5_excluded(self):
        return "(" + " OR ".join(phrase.fts5() for phrase in self.excluded) + ")"

    def tsquery(self):
        parts = [_any(alternatives, "tsquery", " | ") for alternatives in self.required]
        parts += [
            f"!{phrase.tsquery()}" if len(phrase.words) == 1 else f"!({phrase.tsquery()})"
            for phrase in self.excluded
        ]
        return " & ".join(parts)


def _any(phrases, method, operator):
    rendered = [getattr(phrase, method)() for phrase in phrases]
    return rendered[0] if len(rendered) == 1 else "(" + operator.join(rendered) + ")"


def parse(text):
    """The Query that `text` (any string at all) asks for."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_QUERY].replace("\x00", " ")
    required, excluded, budget = [], [], MAX_TERMS
    last_required = False  # whether the previous term was a required one
    join_next = False  # "or" came after a required term: the next one is an alternative to it
    for match in ITEM.finditer(text):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.lower() == "or" and not minus:
            join_next = last_required
            continue
        words = WORD.findall(normalize_name(quoted if quoted is not None else bare))[:budget]
        if not words:
            continue
        budget -= len(words)
        cut = len(words[-1]) > MAX_WORD
        words = [word[:MAX_WORD] for word in words]
        prefix = (quoted is None and len(words[-1]) >= MIN_PREFIX) or cut
        phrase = Phrase(tuple(words), prefix=prefix)
        if minus:
            excluded.append(phrase)
        elif join_next:
            required[-1] = (*required[-1], phrase)
        else:
            required.append((phrase,))
        last_required, join_next = not minus, False
        if budget <= 0:
            break
    return Query(tuple(required), tuple(excluded))


def document_matches(query):
    """PostgreSQL: the condition (sql, params) on a search row that its document matches `query`."""
    return "document @@ to_tsquery('simple', unaccent(%s))", [query.tsquery()]


class SearchExpression(models.Func):
    """
    An expression over a meeting's search row for a parsed query: each database writes it
    from the meeting's id (``pk``, compiled) and the query; others cannot search.
    """

    def __init__(self, query):
        self.query = query
        super().__init__(models.F("pk"))

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("Meeting search needs PostgreSQL or SQLite.")

    def as_postgresql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.source_expressions[0])
        return self.postgresql(pk, params)

    def as_sqlite(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.source_expressions[0])
        return self.sqlite(pk, params, self.query.fts5())


class SearchMatch(SearchExpression):
    """A condition: the meeting's search document matches the query."""

    conditional = True
    output_field = models.BooleanField()

    def postgresql(self, pk, params):
        condition, condition_params = document_matches(self.query)
        sql = f"{pk} IN (SELECT meeting_id FROM {TABLE} WHERE {condition})"
        return sql, (*params, *condition_params)

    def sqlite(self, pk, params, required):
        if required is None:  # only exclusions: everything that does not match them
            sql = f"{pk} NOT IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)"
            return sql, (*params, self.query.fts5_excluded())
        sql = f"{pk} IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)"
        return sql, (*params, required)


class SearchRank(SearchExpression):
    """How well the meeting matches the query: higher is better, comparable within a query."""

    output_field = models.FloatField()

    def postgresql(self, pk, params):
        sql = (
            f"(SELECT ts_rank(document, to_tsquery('simple', unaccent(%s))) "
            f"FROM {TABLE} WHERE meeting_id = {pk})"
        )
        return sql, (self.query.tsquery(), *params)

    def sqlite(self, pk, params, required):
        if required is None:
            return "0.0", ()
        sql = (
            f"(SELECT -bm25({TABLE}, {SQLITE_WEIGHTS}) FROM {TABLE} "
            f"WHERE {TABLE} MATCH %s AND {TABLE}.rowid = {pk})"
        )
        return sql, (required, *params)


def search_meetings(queryset, query):
    """
    The meetings of `queryset` that match `query` (see the module docstring), with the alias
    `search_rank`. A query with no words leaves the queryset as it is (every rank 0).
    """
    parsed = parse(query)
    if not parsed:
        return queryset.alias(search_rank=models.Value(0.0))
    return queryset.filter(SearchMatch(parsed)).alias(search_rank=SearchRank(parsed))
