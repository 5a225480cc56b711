import io

import pytest
from django.core.management import call_command

FIXTURES = ["reference", "officials", "sources", "meetings"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the five releases, loaded once per session."""
    with django_db_blocker.unblock():
        call_command("load_fixtures", *FIXTURES, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """
    Each test starts with an empty cache. Cached values are keyed by the data version, which
    a test's rollback brings back, so they would be right, but a warm cache would change the
    number of queries a page runs.
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw-12345-long"
    )
    client.force_login(user)
    return client
