"""The public site's routes; a resource's page and its .json twin share one view."""

from django.urls import path, register_converter

from .feeds import MeetingFeed
from .versioning import conditional_page
from .views import (
    agencies,
    countries,
    exports,
    home,
    meetings,
    officials,
    preview,
    sources,
    topics,
)


class CountryCode:
    """Two letters, any case: the view redirects to capitals (ISO 3166-1 alpha-2)."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CountryCode, "cc")

JSON = {"format": "json"}


def resource(prefix, view, name):
    """The page /<prefix>/<slug>/ and its twin /<prefix>/<slug>.json, served by one view."""
    return [
        path(f"{prefix}/<slug:slug>/", view, name=f"{name}-detail"),
        path(f"{prefix}/<slug:slug>.json", view, JSON, name=f"{name}-detail-json"),
    ]


def country_routes(view):
    """A country's page, a pair's (/countries/US/MX/), and their .json twins."""
    return [
        path("countries/<cc:code>/", view, name="country-detail"),
        path("countries/<cc:code>.json", view, JSON, name="country-detail-json"),
        path("countries/<cc:code>/<cc:other>/", view, name="country-pair"),
        path("countries/<cc:code>/<cc:other>.json", view, JSON, name="country-pair-json"),
    ]


urlpatterns = [
    path("", home.home, name="home"),
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/export.json", exports.meeting_export_json, name="meeting-export-json"),
    path("meetings/export.csv", exports.meeting_export_csv, name="meeting-export-csv"),
    path("meetings/feed/", conditional_page(MeetingFeed()), name="meeting-feed"),
    *resource("meetings", meetings.MeetingDetail.as_view(), "meeting"),
    path("meetings/<slug:slug>/preview/", preview.meeting_preview, name="meeting-preview"),
    path("officials/", officials.official_list, name="official-list"),
    *resource("officials", officials.OfficialDetail.as_view(), "official"),
    path("agencies/", agencies.agency_list, name="agency-list"),
    *resource("agencies", agencies.AgencyDetail.as_view(), "agency"),
    path("topics/", topics.topic_list, name="topic-list"),
    *resource("topics", topics.TopicDetail.as_view(), "topic"),
    path("meetings/calendar.ics", exports.meeting_calendar, name="meeting-calendar"),
    path("countries/", countries.country_list, name="country-list"),
    *country_routes(countries.canonical(countries.CountryDetail.as_view())),
    path("sources/", sources.source_list, name="source-list"),
    *resource("sources", sources.SourceDetail.as_view(), "source"),
]
