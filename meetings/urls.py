"""
The public site's routes; a resource's page and its .json twin share one view.

`pages` are the pages people read: the root URLconf serves them in English at these
addresses and in Spanish under /es/ (i18n_patterns). `urlpatterns` are the data twins
(exports, the feed, each resource's .json), the same in every language, never prefixed.
"""

from django.urls import path, register_converter
from django.views.decorators.http import require_safe

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


def page(prefix, view, name):
    """The page /<prefix>/<slug>/ of a resource (its twin is `twin`'s), served by one view."""
    return [path(f"{prefix}/<slug:slug>/", view, name=f"{name}-detail")]


def twin(prefix, view, name):
    """The twin /<prefix>/<slug>.json of a resource's page, served by the page's view."""
    return [path(f"{prefix}/<slug:slug>.json", view, JSON, name=f"{name}-detail-json")]


MEETING = meetings.MeetingDetail.as_view()
OFFICIAL = officials.OfficialDetail.as_view()
AGENCY = agencies.AgencyDetail.as_view()
TOPIC = topics.TopicDetail.as_view()
SOURCE = sources.SourceDetail.as_view()
COUNTRY = countries.canonical(countries.CountryDetail.as_view())


def country_pages(view):
    """A country's page and a pair's (/countries/US/MX/)."""
    return [
        path("countries/<cc:code>/", view, name="country-detail"),
        path("countries/<cc:code>/<cc:other>/", view, name="country-pair"),
    ]


def country_twins(view):
    """The .json twins of a country's page and a pair's, served by the pages' view."""
    return [
        path("countries/<cc:code>.json", view, JSON, name="country-detail-json"),
        path("countries/<cc:code>/<cc:other>.json", view, JSON, name="country-pair-json"),
    ]


urlpatterns = [
    path("meetings/export.json", exports.meeting_export_json, name="meeting-export-json"),
    path("meetings/export.csv", exports.meeting_export_csv, name="meeting-export-csv"),
    path("meetings/feed/", require_safe(conditional_page(MeetingFeed())), name="meeting-feed"),
    *twin("meetings", MEETING, "meeting"),
    *twin("officials", OFFICIAL, "official"),
    *twin("agencies", AGENCY, "agency"),
    *twin("topics", TOPIC, "topic"),
    *twin("sources", SOURCE, "source"),
    *country_twins(COUNTRY),
    path("meetings/calendar.ics", exports.meeting_calendar, name="meeting-calendar"),
]

pages = [
    path("", home.home, name="home"),
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    *page("meetings", MEETING, "meeting"),
    path("meetings/<slug:slug>/preview/", preview.meeting_preview, name="meeting-preview"),
    path("officials/", officials.official_list, name="official-list"),
    *page("officials", OFFICIAL, "official"),
    path("agencies/", agencies.agency_list, name="agency-list"),
    *page("agencies", AGENCY, "agency"),
    path("topics/", topics.topic_list, name="topic-list"),
    *page("topics", TOPIC, "topic"),
    path("countries/", countries.country_list, name="country-list"),
    *country_pages(COUNTRY),
    path("sources/", sources.source_list, name="source-list"),
    *page("sources", SOURCE, "source"),
]
