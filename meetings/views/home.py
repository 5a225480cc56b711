"""The home page: what Bilateral holds, the latest meetings, main topics and officials."""

from django.shortcuts import render

from ..filters import SORTS
from ..models import Meeting
from ..summary.read import home_figures
from .resource import public_page
from .rows import list_rows

TOP = 8  # topics and officials shown


@public_page
def home(request):
    # Read from the summary rows the triggers keep (meetings/summary): one query, whatever
    # the number of meetings, and nothing to recount after an edit.
    counts, top_topics, top_officials = home_figures(TOP)
    latest = list_rows(Meeting.objects.published().order_by(*SORTS["-date"][1])[:5])
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
