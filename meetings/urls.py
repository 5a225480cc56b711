from django.conf import settings
from django.contrib import admin
from django.urls import path

from . import health, views
from .feeds import MeetingFeed
from .versioning import conditional_page

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/export.json", views.meeting_export_json, name="meeting-export-json"),
    path("meetings/export.csv", views.meeting_export_csv, name="meeting-export-csv"),
    path("meetings/feed/", conditional_page(MeetingFeed()), name="meeting-feed"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<slug:slug>.json", views.meeting_detail_json, name="meeting-detail-json"),
    path("officials/", views.official_list, name="official-list"),
    path("officials/<slug:slug>/", views.official_detail, name="official-detail"),
    path("officials/<slug:slug>.json", views.official_detail_json, name="official-detail-json"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("agencies/<slug:slug>.json", views.agency_detail_json, name="agency-detail-json"),
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>.json", views.topic_detail_json, name="topic-detail-json"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("sources/<slug:slug>.json", views.source_detail_json, name="source-detail-json"),
    # Operations routes below this line.
    path("healthz", health.healthz, name="healthz"),
    path(getattr(settings, "ADMIN_URL", "admin/"), admin.site.urls),
]
