"""The KnownWorld of the database: officials with aliases and posts, topics and cities."""

from django.db.models import Prefetch

from ...models import City, Official, OfficialAlias, Position, Topic
from ..known import KnownWorld


def known_world():
    """What the database knows, for the reader, in five queries whatever its size."""
    officials = Official.objects.select_related("country").prefetch_related(
        Prefetch("aliases", queryset=OfficialAlias.objects.only("official_id", "name")),
        Prefetch(
            "positions", queryset=Position.objects.only("official_id", "title", "start", "end")
        ),
    )
    return KnownWorld(
        officials=[
            (
                official.slug,
                official.name,
                [alias.name for alias in official.aliases.all()],
                official.country.code,
                [(p.title, p.start, p.end) for p in official.positions.all()],
            )
            for official in officials
        ],
        topics=[
            (slug, name, [], parent)
            for slug, name, parent in Topic.objects.values_list("slug", "name", "parent__slug")
        ],
        cities=list(City.objects.values_list("slug", "name", "country__code").order_by("pk")),
    )
