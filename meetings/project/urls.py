"""
The root URLs: the public site, then the operations routes (health, the admin's second
sign-in step and set-up, the admin).
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import health

ADMIN_URL = getattr(settings, "ADMIN_URL", "admin/")

urlpatterns = [
    path("", include("meetings.urls")),
    path("healthz", health.healthz, name="healthz"),
    path(f"{ADMIN_URL}two-factor/", include("meetings.twofactor.urls")),
    path(ADMIN_URL, admin.site.urls),
]
