"""
Tags for the blocks that several pages share: the breadcrumb trail, a page's section of
meetings (heading with the count, rows, pagination, empty state) and ranked lists of links
with counts. Their markup is in templates/meetings/includes/. Rows are looped over inside
one partial, never included one by one: an include per row costs on a page of 50.
"""

from django import template
from django.template.base import token_kwargs
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

register = template.Library()

ROWS = {
    "meetings": "meetings/includes/meeting_rows.html",
    "participations": "meetings/includes/participation_rows.html",
}


@register.inclusion_tag("meetings/includes/breadcrumbs.html")
def breadcrumbs(*trail, current):
    """
    Home, then each (label, URL name) pair of `trail`, then the current page, unlinked:
    {% breadcrumbs "Agencies" "agency-list" current=agency.name %}.
    """
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes (label, URL name) pairs")
    pairs = zip(trail[::2], trail[1::2], strict=True)
    links = [(_("Home"), reverse("home"))] + [(label, reverse(name)) for label, name in pairs]
    return {"links": links, "current": current}


@register.inclusion_tag("meetings/includes/ranked.html")
def ranked(rows, empty, to="official", **within):
    """
    A ranked list of (slug, name, count) rows, or `empty` when there are none. Each name
    links to the official's page (to="official"), or to the list of meetings filtered by it
    (to="topic", or any other filter's name) and by the filters in `within`:
    {% ranked topics to="topic" official=official.slug empty="None yet." %}.
    """
    if to == "official":
        links = [(reverse("official-detail", args=[slug]), name, n) for slug, name, n in rows]
    else:
        meetings, keep = reverse("meeting-list"), list(within.items())
        links = [
            (f"{meetings}?{urlencode([*keep, (to, slug)])}", name, n) for slug, name, n in rows
        ]
    return {"links": links, "empty": empty}


@register.tag
def meetings_section(parser, token):
    """
    A page's meetings: the heading with their count, then the rows, the pagination and what
    comes before {% empty %}, or, when there are none, what comes after it.

        {% meetings_section pagination [rows="participations"] %}
          <p><a href="...">Filter these meetings →</a></p>
        {% empty %}
          <p class="empty">No published meetings involve this agency.</p>
        {% endmeetings_section %}

    The heading's id is "meetings-heading", for the enclosing section's aria-labelledby.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the page's pagination")
    pagination = parser.compile_filter(bits[1])
    options = token_kwargs(bits[2:], parser)
    if set(options) - {"rows"} or len(options) != len(bits) - 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes only rows=... after the pagination")
    after = parser.parse(("empty", "endmeetings_section"))
    empty = template.NodeList()
    if parser.next_token().contents == "empty":
        empty = parser.parse(("endmeetings_section",))
        parser.delete_first_token()
    return MeetingsSectionNode(pagination, options.get("rows"), after, empty)


class MeetingsSectionNode(template.Node):
    child_nodelists = ("after", "empty")

    def __init__(self, pagination, rows, after, empty):
        self.pagination, self.rows = pagination, rows
        self.after, self.empty = after, empty

    def render(self, context):
        pagination = self.pagination.resolve(context)
        rows = pagination["page"].object_list
        kind = self.rows.resolve(context) if self.rows else "meetings"
        partial = context.template.engine.get_template("meetings/includes/meetings_section.html")
        values = {
            "pagination": pagination,
            "rows": rows,
            "rows_template": ROWS[kind],
            # Rendered here, in the page's context: the links and wording are the page's.
            "tail": (self.after if rows else self.empty).render(context),
        }
        return partial.render(context.new(values))
