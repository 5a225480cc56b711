"""The home page: what Bilateral holds, the latest meetings, main topics and officials."""

from django.shortcuts import render

from ..aggregates import top_linked
from ..filters import SORTS
from ..models import Agency, Meeting, Participation, Source, Topic
from ..versioning import cached
from .pagination import list_prefetch
from .resource import public_page


@public_page
def home(request):
    counts, top_topics, top_officials = cached("home", home_counts)
    latest = list_prefetch(Meeting.objects.published().order_by(*SORTS["-date"][1]))[:5]
    return render(
        request,
        "meetings/home.html",
        {
            "counts": counts,
            "latest": latest,
            "top_topics": top_topics,
            "top_officials": top_officials,
        },
    )


def home_counts():
    """The home page's figures: whole-table counts, cached for the data version."""
    published = Meeting.objects.published()
    counts = {
        "meetings": published.count(),
        "officials": Participation.objects.published().values("official_id").distinct().count(),
        "agencies": Agency.objects.count(),
        "topics": Topic.objects.count(),
        "sources": Source.objects.published().count(),
    }
    ids = published.order_by().values("pk")
    return counts, top_linked("topic", ids, 8), top_linked("official", ids, 8)
