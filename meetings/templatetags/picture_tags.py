"""
The pictures' tags: {% timeline chart %} and {% network picture %} render a Timeline or a
Network (meetings/pictures/) as server-side SVG with its table twin; the markup is in
templates/meetings/includes/timeline.html and network.html.
"""

from django import template

register = template.Library()


@register.inclusion_tag("meetings/includes/timeline.html")
def timeline(chart, name="", id="timeline"):
    """A timeline of meetings; `name` says whose ("Meetings of Luis Videgaray")."""
    bars = [(bar, chart.links.get(bar.period.key, "")) for bar in chart.bars]
    return {"chart": chart, "bars": bars, "name": name, "id": id}


@register.inclusion_tag("meetings/includes/network.html")
def network(picture, links, id="network"):
    """An official's network; `links` maps each person's slug to their meetings together."""
    nodes = [(node, links.get(node.person.slug, "")) for node in picture.nodes]
    return {"picture": picture, "nodes": nodes, "id": id}
