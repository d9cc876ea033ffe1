import sqlite3

import pytest

from babelwire.errors import SchemaError, SourceError
from babelwire.models import Article, Attribution, FeedEntry, Translation
from babelwire.storage import Database
from babelwire.storage import articles, entries, sources, translations
from babelwire.storage.migrations import SCHEMA_VERSION


def make_article(url="https://news.test/a/", digest="h1", source_id=None, title="Titre"):
    return Article(id=None, source_id=source_id, url=url, canonical_url=url, title=title,
                   standfirst="", body="Un.\n\nDeux.", author="A", published="2026-11-17T08:00:00Z",
                   first_seen="2026-11-17T08:01:00Z", language="fr", language_confidence=0.99,
                   content_hash=digest,
                   attribution=(Attribution("Gazette", "source_link", "Source: Gazette", "https://g.test/"),))


def test_wal_and_schema_version(tmp_path):
    with Database(tmp_path / "s.db") as db:
        assert db.read().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.read().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(SchemaError, match="upgrade babelwire"):
        Database(path)


def test_articles_are_stored_once(tmp_path):
    with Database(tmp_path / "s.db") as db:
        first = articles.save_article(db, make_article())
        again = articles.save_article(db, make_article())
        assert first.created and not again.created and first.article_id == again.article_id
        changed = articles.save_article(db, make_article(digest="h2", title="Titre corrigé"))
        assert changed.changed and articles.count_articles(db) == 1
        # the same content under another URL of the same source is not stored twice
        source, _ = sources.add_source(db, "https://news.test/feed")
        articles.save_article(db, make_article(url="https://news.test/x", digest="h9", source_id=source.id))
        dup = articles.save_article(db, make_article(url="https://news.test/x?utm=1", digest="h9",
                                                     source_id=source.id))
        assert not dup.created and articles.count_articles(db) == 2
        stored = articles.article_from_row(articles.get_article_row(db, first.article_id))
        assert stored.attribution[0].outlet == "Gazette" and stored.title == "Titre corrigé"


def test_translations_and_untranslated(tmp_path):
    with Database(tmp_path / "s.db") as db:
        article_id = articles.save_article(db, make_article()).article_id
        assert translations.untranslated(db, "en") == [article_id]
        assert translations.untranslated(db, "fr") == []  # never into its own language
        translations.save_translation(db, Translation(article_id, "en", "Title", "", "One.\n\nTwo.",
                                                      "apertium", "3.8", pivot="es"))
        assert translations.untranslated(db, "en") == []
        assert translations.translations_for(db, article_id)["en"].pivot == "es"


def test_sources_health_and_entries_queue(tmp_path):
    with Database(tmp_path / "s.db") as db:
        source, new = sources.add_source(db, "https://news.test/feed")
        assert new and not sources.add_source(db, "https://news.test/feed")[1]
        sources.record_failure(db, source.id, code="fetch.connect", message="refused",
                               interval=60, max_backoff=3600)
        sources.record_failure(db, source.id, code="fetch.connect", message="refused",
                               interval=60, max_backoff=3600)
        health = sources.get_health(db, source.id)
        assert health.error_count == 2 and health.last_error_code == "fetch.connect"
        assert sources.due_sources(db) == []  # backing off
        sources.record_success(db, source.id, etag='"x"', last_modified=None, interval=60)
        assert sources.get_health(db, source.id).error_count == 0
        feed = [FeedEntry(url="https://news.test/1"), FeedEntry(url="https://news.test/2")]
        assert entries.enqueue_entries(db, source.id, feed) == 2
        assert entries.enqueue_entries(db, source.id, feed) == 0
        pending = entries.pending_entries(db)
        for _ in range(3):
            entries.mark_failed(db, pending[0].id, "fetch.timeout", "slow")
        assert [p.url for p in entries.pending_entries(db)] == ["https://news.test/2"]
        with pytest.raises(SourceError, match="no source"):
            sources.remove_source(db, "https://nope.test/")
