"""
The pictures' tags: {% timeline chart %} and {% network picture %} render a Timeline or a
Network (meetings/pictures/) as server-side SVG with its table twin; the markup is in
templates/meetings/includes/timeline.html and network.html, but for what repeats per period
or person, written here: a timeline's bar, link and table row per period, a network's lines,
circles, names and links. The same markup looked up variable by variable took 8 to 12 ms of a
list's 55 for the whole collection's 70 years, and 2.6 ms of an official's page.
"""

from html import escape
from math import floor

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe

register = template.Library()

BAR = '<rect class="timeline__bar" x="{}" y="{}" width="{}" height="{}"/>'
LABEL = '<text class="timeline__label" x="{}" y="{}" text-anchor="middle">{}</text>'
HIT = (
    '<a href="{}" tabindex="-1"><rect class="picture__hit" x="{}" y="0" width="{}" height="{}">'
    "<title>{}: {}</title></rect></a>"
)
ROW = '<tr><th scope="row"><a href="{}">{}</a></th><td class="num">{}</td></tr>'
# An edge's width class is its stroke rounded half up, as floatformat:0 rounded it.
EDGE = '<line class="network__edge network__edge--w{}" x1="{}" y1="{}" x2="{}" y2="{}"/>'
NODE = '<circle class="network__node {}{}" cx="{}" cy="{}" r="{}"/>'
LABEL_AT = '<text class="network__label" x="{}" y="{}" text-anchor="{}">{}</text>'
NODE_HIT = (
    '<a href="{}" tabindex="-1"><circle class="picture__hit" cx="{}" cy="{}" r="{}">'
    "<title>{}</title></circle></a>"
)


@register.inclusion_tag("meetings/includes/timeline.html")
def timeline(chart, name="", id="timeline"):
    """A timeline of meetings; `name` says whose ("Meetings of Luis Videgaray")."""
    return {"chart": chart, "name": name, "id": id, **period_marks(chart)}


def period_marks(chart):
    """
    Each period's bar and axis label, its link over the picture, and its table row. Built
    with str.format, escaping the text (labels, links) and not the numbers: format_html,
    which escapes every value, took 2.1 ms for the whole collection's 70 years, this 0.5.
    """
    label_y = int(chart.baseline) + 16
    marks, links, rows = [], [], []
    for bar in chart.bars:
        url, period = escape(chart.links.get(bar.period.key, "")), bar.period
        if period.count:
            marks.append(BAR.format(bar.x, bar.y, bar.width, bar.height))
            rows.append(ROW.format(url, escape(period.label), escape(intcomma(period.count))))
        if bar.labelled:
            marks.append(LABEL.format(bar.label_x, label_y, escape(period.short)))
        links.append(
            HIT.format(url, bar.x, bar.width, chart.baseline, escape(period.label), period.count)
        )
    return {
        "bar_marks": mark_safe("".join(marks)),
        "bar_links": mark_safe("".join(links)),
        "table_rows": mark_safe("".join(rows)),
    }


@register.inclusion_tag("meetings/includes/network.html")
def network(picture, links, id="network"):
    """An official's network; `links` maps each person's slug to their meetings together."""
    nodes = [(node, links.get(node.person.slug, "")) for node in picture.nodes]
    return {"picture": picture, "nodes": nodes, "id": id, **network_marks(picture, nodes)}


def network_marks(picture, nodes):
    """
    The network's lines, its people's circles and names, and each person's link over the
    picture, built as period_marks() builds a timeline's: looked up variable by variable,
    they took 2.6 ms of an official's page.
    """
    edges = [
        EDGE.format(floor(e.stroke + 0.5), e.source.x, e.source.y, e.target.x, e.target.y)
        for e in picture.edges
    ]
    marks, hits = [], []
    for node, url in nodes:
        person, centre = node.person, " network__node--centre" if node.centre else ""
        marks.append(NODE.format(node.swatch, centre, node.x, node.y, node.radius))
        marks.append(LABEL_AT.format(node.label_x, node.label_y, node.anchor, escape(person.label)))
        if url:
            title = f"{person.name} ({person.country}): {person.meetings}"
            hits.append(
                NODE_HIT.format(escape(url), node.x, node.y, int(node.radius) + 6, escape(title))
            )
    return {
        "edge_marks": mark_safe("\n    ".join(edges)),
        "node_marks": mark_safe("\n    ".join(marks)),
        "node_links": mark_safe("\n    ".join(hits)),
    }
