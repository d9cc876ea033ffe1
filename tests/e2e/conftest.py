import pytest


@pytest.fixture(scope="module")
def newsroom(demo_store):
    return demo_store[0]


@pytest.fixture(scope="module")
def ingested(demo_store):
    """The shared demo store: (settings, db, report of the first run)."""
    _, settings, db, report = demo_store
    return settings, db, report
