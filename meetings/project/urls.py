"""The root URLs: the public site, then the operations routes (health, admin)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import health

urlpatterns = [
    path("", include("meetings.urls")),
    path("healthz", health.healthz, name="healthz"),
    path(getattr(settings, "ADMIN_URL", "admin/"), admin.site.urls),
]
