"""The second step and the set-up, under the admin's URL (the project's urls.py)."""

from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.setup, name="setup"),
]
