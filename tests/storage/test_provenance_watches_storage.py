"""The run loop's and the provenance watches' repository methods behave the same on every
backend: the next due poll, a poll's own schedule, the queue's doorbell, stored relay-site
judgements and the provenance candidates (issue 15)."""

import threading

from babelwire.clock import now_iso

from babelwire.storage.records import StoredLink
from babelwire.storage.watch_records import RelaySite, WatchSpec

NOW = "2026-11-17T09:00:00Z"


def _saved(store, make_article, **kwargs):
    return store.articles.save(make_article(**kwargs)).article_id


def test_next_due_and_a_poll_s_own_schedule(store):
    assert store.sources.next_due() is None  # no sources
    first, _ = store.sources.add("https://a.test/feed")
    second, _ = store.sources.add("https://b.test/feed")
    assert store.sources.next_due() <= now_iso()  # new sources are due at once
    for source, at in ((first, "2026-11-17T09:10:00Z"), (second, "2026-11-17T09:05:00Z")):
        store.sources.record_success(source.id, etag=None, last_modified=None, interval=60,
                                     fetched_at="2026-11-17T09:00:00Z", next_check_at=at)
    assert store.sources.next_due() == "2026-11-17T09:05:00Z"
    health = store.sources.health(first.id)
    assert (health.last_fetch_at, health.next_check_at) == ("2026-11-17T09:00:00Z",
                                                            "2026-11-17T09:10:00Z")
    store.sources.set_enabled(second.id, False)
    assert store.sources.next_due() == "2026-11-17T09:10:00Z"


def test_queuing_rings_the_doorbell(store):
    source, _ = store.sources.add("https://a.test/feed")
    assert store.entries.wait_for_new(0) is False
    from babelwire.models import FeedEntry
    woke = []
    waiter = threading.Thread(target=lambda: woke.append(store.entries.wait_for_new(60)))
    waiter.start()
    assert store.entries.enqueue(source.id, [FeedEntry(url="https://a.test/1")]) == 1
    waiter.join()
    assert woke == [True]
    assert store.entries.enqueue(source.id, [FeedEntry(url="https://a.test/1")]) == 0
    assert store.entries.wait_for_new(0) is False  # nothing new: no ring


def test_relay_site_judgements_and_candidates(store, make_article):
    origin = _saved(store, make_article, url="https://gazette.test/1", digest="o")
    copy = _saved(store, make_article, url="https://www.relay.test/1", digest="c",
                  language="en")
    store.provenance.save_trace([], [StoredLink(copy, origin, "translation", 0.9, 300, {})],
                                "2026-11-17T09:01:00Z")
    assert store.provenance.linked_urls_since("2026-11-17T09:00:00Z") == ["https://www.relay.test/1"]
    assert store.provenance.linked_urls_since("2026-11-17T09:02:00Z") == []
    flag = RelaySite(host="relay.test", relay=1, reasons='["3 of 3 articles derived"]',
                     article_count=3, checked_at=NOW, article_id=copy, flagged_at=NOW)
    store.provenance.save_relay_sites([flag])
    store.provenance.save_relay_sites([flag])  # saved again: one row
    assert store.provenance.relay_sites(["relay.test", "other.test"]) == {"relay.test": flag}
    [candidate] = store.watches.relay_site_candidates(None, "2026-11-17T08:00:00Z")
    assert candidate.article_id == copy and "relay.test newly flagged" in candidate.reason
    assert store.watches.relay_site_candidates("other.test", "2026-11-17T08:00:00Z") == []
    assert store.watches.relay_site_candidates(None, "2026-11-17T10:00:00Z") == []
    # translations of a French article (the fixture's language), within 5 minutes
    [found] = store.watches.translated_candidates("fr", "2026-11-17T09:00:00Z", 300)
    assert found.article_id == copy and found.reason.endswith("(fr), 5 min later")
    assert store.watches.translated_candidates("fr", "2026-11-17T09:00:00Z", 299) == []
    assert store.watches.translated_candidates("es", "2026-11-17T09:00:00Z", None) == []


def test_a_watch_keeps_its_time_limit(store):
    watch = store.watches.add(WatchSpec("translated_from", "ru", within_minutes=30), NOW)
    assert store.watches.get(watch.id).within_minutes == 30
    assert store.watches.add(WatchSpec("name", "Ana"), NOW).within_minutes is None
