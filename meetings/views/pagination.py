"""
Pages of a list whose links keep every other parameter, and pages of meetings read in a
fixed number of queries however long the list and however deep the page.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from ..models import Meeting
from .rows import list_rows

MEETINGS_PER_PAGE = 20
FEW_MEETINGS = 1_000  # a list this short is read by id (see paginate_meetings)
FOUND_FIRST = 5_000  # on PostgreSQL, a list this short is found, then ordered


def page_number(raw, last, more_than=None):
    """(number, message): a page number that is not a whole number from 1 gives page 1, one
    past the end the last page, each with a message saying so: never an error page. A list
    counted no further than `more_than` meetings has pages through those alone."""
    try:
        number = int(raw)
        if number < 1:
            raise ValueError
    except (TypeError, ValueError):
        return 1, _("The page number must be a whole number from 1; showing page 1.")
    if number > last and more_than:
        message = _("Pages go through the first %(most)s meetings only; showing page %(last)s.")
        return last, message % {"most": intcomma(more_than), "last": last}
    if number > last:
        return last, _("There is no page %(number)s; showing the last page, %(last)s.") % {
            "number": number,
            "last": last,
        }
    return number, ""


def paginate(params, queryset, per_page, count=None, more_than=None):
    """
    A page of `queryset` for the list's parsed parameters (`params`, a QueryParams), with
    links that keep every other parameter. `count`, when already known, saves a query;
    `more_than`, when the count is a bound (page_number()).
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    number, message = page_number(params.last("page", "1"), paginator.num_pages, more_than)
    page = paginator.page(number)
    links = [
        {
            "number": n,
            "url": params.page(n) if n != paginator.ELLIPSIS else "",
            "current": n == number,
        }
        for n in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    ]
    return {
        "page": page,
        "message": message,
        "links": links,
        "previous": params.page(page.previous_page_number()) if page.has_previous() else "",
        "next": params.page(page.next_page_number()) if page.has_next() else "",
    }


def paginate_meetings(params, meetings, count, shown=list_rows, more_than=None):
    """
    paginate() for a list of meetings (an ordered queryset of `count` meetings, or of more
    than `more_than` when the count is a bound, paged through the first `count`), in two
    queries and what `shown` reads of the page's (a queryset of them, in order: a list's
    rows, list_rows) however long the list and however deep the page:

    * a short list is found by its filters alone, then put in order: asked for a page in
      order directly, PostgreSQL may walk the date index of every meeting looking for these
      few (60 ms for a rare name at 100,000 meetings, instead of 5);
    * a long list gives the page's ids from its order's index alone, then the page's
      meetings by id: OFFSET then skips index entries, not meetings (page 4,000 of 4,800 on
      PostgreSQL, 150 ms to 25 ms);
    * on PostgreSQL, a list of FOUND_FIRST meetings or fewer is found first, in a
      materialized common table expression, then ordered: a topic, an official and six
      years at 1,000,000 meetings matched 1,300, and PostgreSQL walked the 57,000 meetings
      of those years in the date index testing each (180 ms instead of 21).
    """
    if count <= FEW_MEETINGS:
        ids = list(meetings.order_by().values_list("pk", flat=True))
        in_order = Meeting.objects.filter(pk__in=ids).order_by(*meetings.query.order_by)
        pagination = paginate(params, in_order, MEETINGS_PER_PAGE, count, more_than)
        page = pagination["page"]
        page.object_list = shown(page.object_list)
        return pagination
    if finds_first(count):
        meetings = found_first(meetings)
    ids = meetings.values_list("pk", flat=True)
    pagination = paginate(params, ids, MEETINGS_PER_PAGE, count=count, more_than=more_than)
    fill_page(pagination["page"], lambda ids: shown(Meeting.objects.filter(pk__in=ids)))
    return pagination


def finds_first(count):
    """Whether a list of `count` meetings (more than FEW_MEETINGS) is found_first()."""
    return FEW_MEETINGS < count <= FOUND_FIRST and connection.vendor == "postgresql"


def found_first(meetings):
    """`meetings` (an ordered queryset), their ids found before they are put in order."""
    ids = materialized(meetings.order_by().values("pk"))
    return Meeting.objects.filter(pk__in=ids).order_by(*meetings.query.order_by)


def materialized(ids):
    """PostgreSQL: `ids` (a queryset of one column) found on their own, before what uses them."""
    sql, params = ids.query.sql_with_params()
    return RawSQL(f"WITH found AS MATERIALIZED ({sql}) SELECT * FROM found", params)


def fill_page(page, rows_of, key="pk"):
    """Turn a page of ids into their rows, `rows_of(ids)` (whose `key` they are), in order."""
    ids = list(page.object_list)
    rows = {getattr(row, key): row for row in rows_of(ids)}
    page.object_list = [rows[pk] for pk in ids if pk in rows]  # none deleted since
