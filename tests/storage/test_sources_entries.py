"""Sources, their health and events, and the entry queue, through the port."""

import pytest

from babelwire.errors import SourceError
from babelwire.models import FeedEntry, Source
from babelwire.storage.records import PendingEntry, SourceEvent, SourceRow


def test_sources_are_added_once_found_listed_and_removed(store):
    source, new = store.sources.add("https://news.test/feed", name="News")
    assert new and isinstance(source, Source) and source.id
    again, new_again = store.sources.add("https://news.test/feed", name="Other")
    assert not new_again and again.id == source.id
    other, _ = store.sources.add("https://b.test/feed", kind="sitemap")
    assert [s.url for s in store.sources.list()] == ["https://news.test/feed", "https://b.test/feed"]
    assert store.sources.find(str(source.id)) == source
    assert store.sources.find("https://b.test/feed").kind == "sitemap"
    assert store.sources.find("https://none.test/") is None
    assert store.sources.remove(str(other.id)).url == "https://b.test/feed"
    with pytest.raises(SourceError, match="no source"):
        store.sources.remove("https://b.test/feed")


def test_failures_back_off_and_success_resets_health(store):
    source, _ = store.sources.add("https://news.test/feed")
    assert [s.id for s in store.sources.due()] == [source.id]
    for _ in range(2):
        store.sources.record_failure(source.id, code="fetch.connect", message="refused",
                                     interval=60, max_backoff=3600)
    health = store.sources.health(source.id)
    assert health.error_count == 2 and health.last_error_code == "fetch.connect"
    assert store.sources.due() == []
    store.sources.record_success(source.id, etag='"v1"', last_modified=None, interval=60,
                                 name="Named")
    health = store.sources.health(source.id)
    assert health.error_count == 0 and health.etag == '"v1"' and health.last_error is None
    assert store.sources.find(str(source.id)).name == "Named"
    with pytest.raises(SourceError):
        store.sources.health(source.id + 100)


def test_warnings_and_events_are_records(store):
    source, _ = store.sources.add("https://news.test/feed")
    store.sources.record_warning(source.id, code="extract.empty", message="no text",
                                 url="https://news.test/1")
    store.sources.record_warning(None, code="x", message="nobody")  # no source: ignored
    store.sources.record_failure(source.id, code="fetch.http", message="500", interval=60,
                                 max_backoff=60)
    events = store.sources.events(source.id)
    assert all(isinstance(e, SourceEvent) for e in events)
    assert [(e.level, e.code) for e in events] == [("error", "fetch.http"),
                                                   ("warning", "extract.empty")]
    assert events[1].url == "https://news.test/1"
    rows = store.sources.health_rows()
    assert isinstance(rows[0], SourceRow) and rows[0].last_warning_code == "extract.empty"
    assert rows[0].article_count == 0 and rows[0]["error_count"] == 1  # mapping access too


def test_pause_and_resume(store):
    source, _ = store.sources.add("https://news.test/feed")
    store.sources.set_enabled(source.id, False)
    assert store.sources.due() == [] and not store.sources.find(str(source.id)).enabled
    store.sources.set_enabled(source.id, True)
    assert [s.id for s in store.sources.due()] == [source.id]
    with pytest.raises(SourceError):
        store.sources.set_enabled(source.id + 100, True)


def test_entry_queue_is_idempotent_and_retries_until_max_attempts(store):
    source, _ = store.sources.add("https://news.test/feed")
    feed = [FeedEntry(url="https://news.test/1", title="One"), FeedEntry(url="https://news.test/2")]
    assert store.entries.enqueue(source.id, feed) == 2
    assert store.entries.enqueue(source.id, feed) == 0
    pending = store.entries.pending()
    assert [type(e) for e in pending] == [PendingEntry, PendingEntry]
    assert pending[0].title == "One" and pending[0].source_id == source.id
    for _ in range(3):
        store.entries.mark_failed(pending[0].id, "fetch.timeout", "slow")
    store.entries.mark_done(pending[1].id, None, status="dropped", code="drop.paywall",
                            message="paywalled")
    assert store.entries.pending() == []
    # the same failure MAX_ATTEMPTS times in a row parks the entry (issue 9)
    assert store.entries.counts() == {"parked": 1, "dropped": 1}
    assert [p.url for p in store.entries.parked()] == ["https://news.test/1"]
    assert store.entries.pending(source_id=source.id + 1) == []
