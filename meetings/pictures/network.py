"""
An official's network: the people they met most, placed by networkx's shell layout over
sorted input (no randomness: the same data always gives the same picture), weighted edges
from networkx's graph. Pure: counts in, coordinates out.
"""

from dataclasses import dataclass

import networkx as nx

WIDTH = 480
HEIGHT = 360
MARGIN_X = 152  # room for the names left and right
MARGIN_Y = 36
SWATCHES = 5  # colour classes for countries; the rest share one
MAX_STROKE = 6


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    country: str  # ISO code
    meetings: int  # meetings with the official at the centre (0 for the centre)

    @property
    def label(self):
        """A name short enough for the picture at phone width; the full one is its title."""
        return short_name(self.name)


LABEL_MAX = 19


def short_name(name):
    """ "Luis Videgaray" as it is; "Andrés Manuel López Obrador" as "A. M. López Obrador"."""
    if len(name) <= LABEL_MAX:
        return name
    words = name.split()
    for keep in (2, 1):
        if len(words) > keep:
            short = " ".join([*(w[0] + "." for w in words[:-keep]), *words[-keep:]])
            if len(short) <= LABEL_MAX or keep == 1:
                return short
    return name[: LABEL_MAX - 1] + "…"


@dataclass(frozen=True)
class Node:
    person: Person
    x: float
    y: float
    radius: float
    swatch: str  # the CSS class of its country's colour
    centre: bool
    anchor: str  # how its label lines up: "start", "middle" or "end"
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    weight: int
    stroke: float


@dataclass
class Network:
    centre: Person
    nodes: list
    edges: list
    legend: list  # [(country code, swatch)]
    width: int = WIDTH
    height: int = HEIGHT


def swatches(centre, people):
    """{country code: CSS class}: the centre's country first, then by how many people."""
    counts = {}
    for person in people:
        counts[person.country] = counts.get(person.country, 0) + 1
    order = [centre.country] + sorted(
        (c for c in counts if c != centre.country), key=lambda c: (-counts[c], c)
    )
    return {
        code: f"swatch-{index}" if index < SWATCHES else "swatch-other"
        for index, code in enumerate(order)
    }


def graph(centre, people, links):
    """The weighted graph: the centre to each person, and each pair of them (`links`)."""
    g = nx.Graph()
    g.add_node(centre.slug)
    for person in sorted(people, key=lambda p: p.slug):
        g.add_node(person.slug)
        g.add_edge(centre.slug, person.slug, weight=person.meetings)
    known = {p.slug for p in people}
    for a, b, weight in sorted(links):
        if a in known and b in known and a != b:
            g.add_edge(a, b, weight=weight)
    return g


def ring(centre, people):
    """The people in their order around the ring: by country (the centre's first), then most met."""
    colours = swatches(centre, people)
    order = list(colours)
    return sorted(people, key=lambda p: (order.index(p.country), -p.meetings, p.slug))


def positions(centre, people, links):
    """
    {slug: (x, y)} in the drawing's units: the centre in the middle, the people on a ring
    around it (networkx's shell layout), grouped by country so that colours sit together and
    every name has room at phone width. A spring layout (even seeded) crowded the names in
    the middle; the ring keeps them apart.
    """
    g = graph(centre, people, links)
    if len(g) == 1:
        return {centre.slug: (WIDTH / 2, HEIGHT / 2)}
    placed = nx.shell_layout(g, nlist=[[centre.slug], [p.slug for p in ring(centre, people)]])
    spread = max(max(abs(x), abs(y)) for x, y in placed.values()) or 1.0
    half_w, half_h = WIDTH / 2 - MARGIN_X, HEIGHT / 2 - MARGIN_Y
    return {
        slug: (
            round(WIDTH / 2 + x / spread * half_w, 1),
            round(HEIGHT / 2 + y / spread * half_h, 1),
        )
        for slug, (x, y) in placed.items()
    }


def node(person, x, y, most, swatch, centre=False):
    radius = 14 if centre else 6 + 8 * person.meetings / most
    # Names lie outwards: right of the people on the right, left of those on the left; the
    # centre's and those straight above or below it, centred under or over them.
    anchor = "middle" if centre or abs(x - WIDTH / 2) < 2 else ("start" if x > WIDTH / 2 else "end")
    label_x = {"start": x + radius + 3, "end": x - radius - 3}.get(anchor, x)
    if anchor != "middle":
        label_y = y + 4
    elif centre or y > HEIGHT / 2:
        label_y = y + radius + 13
    else:
        label_y = y - radius - 5
    return Node(
        person, x, y, round(radius, 1), swatch, centre, anchor, round(label_x, 1), round(label_y, 1)
    )


def network(centre, people, links):
    """
    The Network of `centre` (a Person) and the `people` they met (Persons, their meetings
    together counted), with `links` [(slug, slug, meetings)] between those people.
    """
    where = positions(centre, people, links)
    colours = swatches(centre, people)
    most = max((p.meetings for p in people), default=1) or 1
    nodes = {centre.slug: node(centre, *where[centre.slug], most, colours[centre.country], True)}
    for person in sorted(people, key=lambda p: (-p.meetings, p.slug)):
        nodes[person.slug] = node(person, *where[person.slug], most, colours[person.country])
    g = graph(centre, people, links)
    heaviest = max((w for _, _, w in g.edges(data="weight")), default=1) or 1
    edges = [
        Edge(nodes[a], nodes[b], w, round(1 + (MAX_STROKE - 1) * w / heaviest, 1))
        for a, b, w in sorted(g.edges(data="weight"))
    ]
    legend = sorted(colours.items(), key=lambda item: item[1])
    return Network(centre, list(nodes.values()), edges, legend)
