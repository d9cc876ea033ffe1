"""The web tier (``babelwire serve``) reads a PostgreSQL newsroom: pages, search, API,
and its page cache sees another process's writes (the change token)."""

from __future__ import annotations

import httpx

from babelwire.models import Article, Translation
from babelwire.settings import load_settings
from babelwire.storage import open_store
from babelwire.web import BackgroundServer, create_app


def article(n: int, body: str) -> Article:
    url = f"https://gazette.test/{n}/"
    return Article(id=None, source_id=None, url=url, canonical_url=url, title=f"Titular {n}",
                   standfirst="", body=body, author="", published=f"2026-12-0{n}T08:00:00Z",
                   first_seen=f"2026-12-0{n}T08:05:00Z", language="es",
                   language_confidence=0.99, content_hash=f"h{n}", site_name="Gazette")


def test_reader_serves_a_postgresql_newsroom(postgres_server):
    url = postgres_server.database()
    settings = load_settings(None, environ={}, overrides={"targets": ["en"], "database": url})
    with open_store(url) as store, open_store(url) as other:
        first = store.articles.save(article(1, "La lluvia cae sobre Madrid.\n\nSigue el frío."))
        store.translations.save(Translation(first.article_id, "en", "Headline 1", "",
                                            "Rain falls on Madrid.\n\nThe cold goes on.",
                                            "test", "1"))
        with BackgroundServer(create_app(store, settings), port=0) as server, \
                httpx.Client(base_url=server.url, timeout=30) as client:
            home = client.get("/").text
            assert "Headline 1" in home, home[-3000:]
            page = client.get(f"/articles/{first.article_id}")
            assert page.status_code == 200 and "Rain falls on Madrid" in page.text
            # found through the Spanish original, shown in the reader's English only
            searched = client.get("/search", params={"q": "lluvia"}).text
            assert "Headline 1" in searched and "Titular 1" not in searched
            found = client.get("/api/search", params={"q": "rain"}).json()
            assert first.article_id in [item["id"] for item in found["results"]], found
            other.articles.save(article(2, "Nieve en los puertos de montaña."))  # another writer
            assert "Titular 2" in client.get("/").text
