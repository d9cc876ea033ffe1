"""The storage suite runs against the port, once per backend (``STORAGE_BACKENDS``).

A backend fixture hands out a database URL and opens stores on it; the tests
never touch a driver. PostgreSQL runs on a throwaway server on 127.0.0.1 started
once per session (``postgres_server``); each test gets a fresh database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from babelwire.models import Article, Attribution
from babelwire.storage import open_store

STORAGE_BACKENDS = ["sqlite", "postgresql"]


@dataclass
class Backend:
    name: str
    url: str
    opened: list = field(default_factory=list)

    def open(self):
        """Another store on the same database (another worker, another process's view)."""
        store = open_store(self.url)
        self.opened.append(store)
        return store


@pytest.fixture(params=STORAGE_BACKENDS)
def backend(request, tmp_path):
    if request.param == "sqlite":
        found = Backend("sqlite", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    elif request.param == "postgresql":
        found = Backend("postgresql", request.getfixturevalue("postgres_server").database())
    else:  # pragma: no cover - a backend listed without a fixture
        pytest.fail(f"no fixture for storage backend {request.param}")
    yield found
    for store in found.opened:
        store.close()


@pytest.fixture
def store(backend):
    return backend.open()


@pytest.fixture
def make_article():
    return article


def article(url="https://news.test/a/", digest="h1", source_id=None, title="Titre",
                 language="fr", first_seen="2026-11-17T08:01:00Z",
                 published="2026-11-17T08:00:00Z", body="Un.\n\nDeux."):
    return Article(id=None, source_id=source_id, url=url, canonical_url=url, title=title,
                   standfirst="Chapeau", body=body, author="A", published=published,
                   first_seen=first_seen, language=language, language_confidence=0.99,
                   content_hash=digest, site_name="Gazette",
                   attribution=(Attribution("Gazette", "source_link", "Source: Gazette",
                                            "https://g.test/"),),
                   disclaimers=("Avec AFP",))
