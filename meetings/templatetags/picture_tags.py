"""
The pictures' tags: {% timeline chart %} and {% network picture %} render a Timeline or a
Network (meetings/pictures/) as server-side SVG with its table twin; the markup is in
templates/meetings/includes/timeline.html and network.html, but for the timeline's three
rows per period (a bar, its link, its table row), written here: the same markup looked up
variable by variable took 8 to 12 ms of a list's 55 for the whole collection's 70 years.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html, format_html_join

register = template.Library()

BAR = '<rect class="timeline__bar" x="{}" y="{}" width="{}" height="{}"/>'
LABEL = '<text class="timeline__label" x="{}" y="{}" text-anchor="middle">{}</text>'
HIT = (
    '<a href="{}" tabindex="-1"><rect class="picture__hit" x="{}" y="0" width="{}" height="{}">'
    "<title>{}: {}</title></rect></a>"
)
ROW = '<tr><th scope="row"><a href="{}">{}</a></th><td class="num">{}</td></tr>'


@register.inclusion_tag("meetings/includes/timeline.html")
def timeline(chart, name="", id="timeline"):
    """A timeline of meetings; `name` says whose ("Meetings of Luis Videgaray")."""
    return {"chart": chart, "name": name, "id": id, **period_marks(chart)}


def period_marks(chart):
    """Each period's bar and axis label, its link over the picture, and its table row."""
    bars = [(bar, chart.links.get(bar.period.key, "")) for bar in chart.bars]
    label_y = int(chart.baseline) + 16
    counted = [(bar, url) for bar, url in bars if bar.period.count]
    return {
        "bar_marks": format_html_join(
            "",
            "{}{}",
            (
                (
                    format_html(BAR, bar.x, bar.y, bar.width, bar.height)
                    if bar.period.count
                    else "",
                    format_html(LABEL, bar.label_x, label_y, bar.period.short)
                    if bar.labelled
                    else "",
                )
                for bar, _ in bars
            ),
        ),
        "bar_links": format_html_join(
            "",
            HIT,
            (
                (url, bar.x, bar.width, chart.baseline, bar.period.label, bar.period.count)
                for bar, url in bars
            ),
        ),
        "table_rows": format_html_join(
            "",
            ROW,
            ((url, bar.period.label, intcomma(bar.period.count)) for bar, url in counted),
        ),
    }


@register.inclusion_tag("meetings/includes/network.html")
def network(picture, links, id="network"):
    """An official's network; `links` maps each person's slug to their meetings together."""
    nodes = [(node, links.get(node.person.slug, "")) for node in picture.nodes]
    return {"picture": picture, "nodes": nodes, "id": id}
