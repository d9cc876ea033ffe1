"""Faults stay with their source or entry: one bad input never stops the pass.

The fetcher and translator are stubbed at their boundary (to raise exceptions babelwire's own
parts no longer raise); the store, worker and pipeline are real.
"""

from __future__ import annotations

import threading

import pytest

from babelwire.fetch import FetchResult
from babelwire.models import Source
from babelwire.pipeline import Context
from babelwire.polling import poll_concurrently
from babelwire.storage import Database
from babelwire.storage import entries as entry_store
from babelwire.storage import sources as source_store
from babelwire.worker import RunReport, process_pending, run_forever, run_once

from .make_fixtures import PROSE

GOOD_FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>'
             b'<item><title>Fine</title><link>http://good.test/a.html</link></item>'
             b'<item><title>Broken page</title><link>http://good.test/crash.html</link></item>'
             b'</channel></rss>')
PAGE = (f"<html><head><title>Fine</title><meta property='og:type' content='article'></head>"
        f"<body><article><h1>Fine</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>").encode()


class StubFetcher:
    """Feeds and pages from a dict; a URL mapped to an exception raises it."""

    def __init__(self, responses: dict) -> None:
        self.responses = responses

    def fetch(self, url: str, **_: object) -> FetchResult:
        answer = self.responses[url]
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            answer = answer()
        kind = "text/html" if url.endswith(".html") else "application/rss+xml"
        return FetchResult(url, url, 200, answer, kind, "utf-8", None, None, False, 0.0)

    def fetch_feed(self, url: str, **options: object) -> FetchResult:
        return self.fetch(url, **options)


class CrashingTranslator:
    def __getattr__(self, name: str):
        raise RuntimeError(f"engine exploded in {name}")


@pytest.fixture
def store(tmp_path, make_settings):
    settings = make_settings(tmp_path, targets=["fr"], **{"provenance.enabled": False})
    with Database(settings.db_path) as db:
        yield settings, db


def context(store, responses, translator=None) -> Context:
    settings, db = store
    return Context(settings, db, StubFetcher(responses), translator or CrashingTranslator())


def test_an_unexpected_exception_stays_with_its_source(store):
    settings, db = store
    bad, _ = source_store.add_source(db, "http://bad.test/feed")
    good, _ = source_store.add_source(db, "http://good.test/feed")
    ctx = context(store, {"http://bad.test/feed": TypeError("'int' object is not iterable"),
                          "http://good.test/feed": GOOD_FEED,
                          "http://good.test/a.html": PAGE,
                          "http://good.test/crash.html": ValueError("Invalid IPv6 URL")})
    report = run_once(ctx)
    assert report.sources_failed == 1 and report.sources_polled == 1
    health = source_store.get_health(db, bad.id)
    assert health.last_error_code == "source.unexpected" and "TypeError" in health.last_error
    assert source_store.get_health(db, good.id).last_error_code is None
    assert report.articles_stored == 1 and report.pages_failed == 1
    assert report.translation_failures == 1  # the engine crashed; recorded, pass went on
    failures = db.read().execute("SELECT code FROM translation_failures").fetchall()
    assert [r["code"] for r in failures] == ["translate.unexpected"]


def test_an_entry_failing_the_same_way_is_parked(store):
    settings, db = store
    source, _ = source_store.add_source(db, "http://good.test/feed")
    ctx = context(store, {"http://good.test/feed": GOOD_FEED, "http://good.test/a.html": PAGE,
                          "http://good.test/crash.html": ValueError("Invalid IPv6 URL")})
    run_once(ctx)
    for _ in range(settings["entries.park_after"] - 1):
        assert [e.url for e in entry_store.pending_entries(db)] == ["http://good.test/crash.html"]
        process_pending(ctx, RunReport())
    assert entry_store.pending_entries(db) == []
    parked = entry_store.parked_entries(db)
    assert [(p.url, p.error_code) for p in parked] == [("http://good.test/crash.html",
                                                        "entry.unexpected")]
    codes = [r["code"] for r in source_store.recent_events(db, source.id)]
    assert "entry.parked" in codes
    assert entry_store.entry_counts(db)["parked"] == 1
    assert entry_store.requeue_parked(db) == 1 and len(entry_store.pending_entries(db)) == 1


def test_a_different_failure_restarts_the_count(store):
    _, db = store
    source, _ = source_store.add_source(db, "http://x.test/feed")
    from babelwire.models import FeedEntry
    entry_store.enqueue_entries(db, source.id, [FeedEntry(url="http://x.test/1")])
    entry = entry_store.pending_entries(db)[0]
    assert entry_store.mark_failed(db, entry.id, "fetch.timeout", "slow", park_after=2) == "pending"
    assert entry_store.mark_failed(db, entry.id, "fetch.connect", "refused", park_after=2) == "pending"
    assert entry_store.mark_failed(db, entry.id, "fetch.connect", "refused", park_after=2) == "parked"


def test_one_slow_host_holds_up_no_other_host():
    release = threading.Event()
    done: list[str] = []
    in_flight: dict[str, int] = {}
    peak: dict[str, int] = {}
    lock = threading.Lock()
    sources = [Source(i, f"http://slow.test/{i}") for i in range(6)]
    sources += [Source(10 + i, f"http://fast{i % 3}.test/{i}") for i in range(9)]
    fast_done = threading.Event()

    def poll(source: Source) -> None:
        host = source.url.split("/")[2]
        with lock:
            in_flight[host] = in_flight.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), in_flight[host])
        if host == "slow.test":
            release.wait(30)
        with lock:
            in_flight[host] -= 1
            done.append(host)
            if sum(1 for h in done if h != "slow.test") == 9:
                fast_done.set()

    thread = threading.Thread(target=poll_concurrently, args=(sources, poll),
                              kwargs={"workers": 4, "per_host": 2})
    thread.start()
    assert fast_done.wait(30), "fast hosts waited behind the slow one"
    assert "slow.test" not in done  # every fast source finished while the slow host hung
    release.set()
    thread.join(30)
    assert done.count("slow.test") == 6
    assert max(peak.values()) <= 2


def test_the_poller_survives_a_failing_pass_and_reports_it(store, monkeypatch):
    settings, db = store
    source_store.add_source(db, "http://good.test/feed")
    calls = {"n": 0}

    def feed() -> bytes:
        calls["n"] += 1
        stop.set()  # this second pass is the last
        return GOOD_FEED

    ctx = context(store, {"http://good.test/feed": feed, "http://good.test/a.html": PAGE,
                          "http://good.test/crash.html": PAGE})
    stop = threading.Event()
    broken = {"first": True}
    original = db.sources.list

    def failing_list():
        if broken.pop("first", False):
            raise MemoryError("simulated")
        return original()

    monkeypatch.setattr(db.sources, "list", failing_list)
    run_forever(ctx, stop, idle_seconds=0.0, first_all=True)
    status = db.workers.get("poller")
    assert status is not None and not status.running
    assert status.passes >= 2 and "MemoryError" in status.last_error
    assert status.pass_finished_at is not None and calls["n"] == 1
    assert "1 sources polled" in status.last_summary


def test_an_entry_stored_under_a_lapsed_claim_is_done_and_a_copy_is_dropped(tmp_path,
                                                                           make_settings):
    """A worker whose claim lapsed may find its entry's article already stored by another:
    the entry is done with that article; another URL with the same text is a duplicate.
    One page at a time (``workers = 1``): two pages of one text fetched at once could both
    pass the duplicate check before either is stored (then both point at one article)."""
    settings = make_settings(tmp_path, targets=["fr"], workers=1,
                             **{"provenance.enabled": False})
    db = Database(settings.db_path)
    store = (settings, db)
    source_store.add_source(db, "http://good.test/feed")
    ctx = context(store, {"http://good.test/feed": GOOD_FEED, "http://good.test/a.html": PAGE,
                          "http://good.test/crash.html": PAGE})
    run_once(ctx)  # both pages hold the same text: whichever came first is the article
    first = db.read().execute("SELECT url FROM entries WHERE status = 'done'").fetchone()["url"]
    copy = ({"http://good.test/a.html", "http://good.test/crash.html"} - {first}).pop()
    with db.write() as conn:  # as if its claim lapsed before its worker marked it done
        conn.execute("UPDATE entries SET status = 'pending', article_id = NULL WHERE url = ?",
                     (first,))
    process_pending(ctx, RunReport())
    rows = {r["url"]: r for r in db.read().execute("SELECT * FROM entries").fetchall()}
    stored = db.read().execute("SELECT id FROM articles").fetchall()
    assert len(stored) == 1
    assert (rows[first]["status"], rows[first]["article_id"]) == ("done", stored[0]["id"])
    assert (rows[copy]["status"], rows[copy]["error_code"]) == ("dropped", "duplicate")
    db.close()
