"""
The root URLs: the public site's data twins, its pages (in English as they are, in Spanish
under /es/), then the operations routes (health, the admin's second sign-in step and
set-up, the admin), which stay unprefixed.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from meetings import urls as site

from . import health

ADMIN_URL = getattr(settings, "ADMIN_URL", "admin/")

urlpatterns = [
    path("", include(site.urlpatterns)),
    *i18n_patterns(path("", include(site.pages)), prefix_default_language=False),
    path("healthz", health.healthz, name="healthz"),
    path(f"{ADMIN_URL}two-factor/", include("meetings.twofactor.urls")),
    path(ADMIN_URL, admin.site.urls),
]
