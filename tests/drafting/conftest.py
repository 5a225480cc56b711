"""The release reader's tests need no database and no Django settings."""

import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """The suite-wide fixture clears Django's cache; these pure functions use none."""
    yield
