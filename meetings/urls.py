"""The public site's routes; a resource's page and its .json twin share one view."""

from django.urls import path
from django.views.decorators.http import require_safe

from .feeds import MeetingFeed
from .versioning import conditional_page
from .views import agencies, exports, home, meetings, officials, preview, sources, topics

JSON = {"format": "json"}


def resource(prefix, view, name):
    """The page /<prefix>/<slug>/ and its twin /<prefix>/<slug>.json, served by one view."""
    return [
        path(f"{prefix}/<slug:slug>/", view, name=f"{name}-detail"),
        path(f"{prefix}/<slug:slug>.json", view, JSON, name=f"{name}-detail-json"),
    ]


urlpatterns = [
    path("", home.home, name="home"),
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/export.json", exports.meeting_export_json, name="meeting-export-json"),
    path("meetings/export.csv", exports.meeting_export_csv, name="meeting-export-csv"),
    path("meetings/feed/", require_safe(conditional_page(MeetingFeed())), name="meeting-feed"),
    *resource("meetings", meetings.MeetingDetail.as_view(), "meeting"),
    path("meetings/<slug:slug>/preview/", preview.meeting_preview, name="meeting-preview"),
    path("officials/", officials.official_list, name="official-list"),
    *resource("officials", officials.OfficialDetail.as_view(), "official"),
    path("agencies/", agencies.agency_list, name="agency-list"),
    *resource("agencies", agencies.AgencyDetail.as_view(), "agency"),
    path("topics/", topics.topic_list, name="topic-list"),
    *resource("topics", topics.TopicDetail.as_view(), "topic"),
    path("sources/", sources.source_list, name="source-list"),
    *resource("sources", sources.SourceDetail.as_view(), "source"),
]
