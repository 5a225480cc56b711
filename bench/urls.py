"""The site's URLs, plus the baseline: Django's ceiling on this server, a constant answer."""

from django.http import HttpResponse
from django.urls import path

from meetings.project.urls import urlpatterns as site

BASELINE_PATH = "bench/baseline/"


def baseline(request):
    """The least a Django view can do: the same middleware, no database, a constant string."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BASELINE_PATH, baseline, name="bench-baseline"), *site]
