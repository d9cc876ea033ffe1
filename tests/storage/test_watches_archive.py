"""Watches, the alert outbox, the evidence archive's index, WebSub subscriptions and exports
behave the same on every backend (issue 15's repositories over the port, issue 12)."""

from concurrent.futures import ThreadPoolExecutor

from babelwire.storage.records import NO_FILTERS
from babelwire.storage.search import parse_query
from babelwire.storage.watch_records import ArchiveRecord, WatchSpec

NOW = "2026-11-17T09:00:00Z"


def _saved(store, make_article, **kwargs):
    return store.articles.save(make_article(**kwargs)).article_id


def test_a_match_is_recorded_once_with_one_outbox_row_per_channel(store, make_article):
    source, _ = store.sources.add("https://gazette.test/feed")
    first = _saved(store, make_article, source_id=source.id, title="Port strike ends")
    second = _saved(store, make_article, url="https://gazette.test/b/", digest="h2",
                    source_id=source.id, title="Ferry timetable")
    watch = store.watches.add(WatchSpec("query", "strike", email="desk@news.test",
                                        webhook_url="https://hooks.test/x"), NOW)
    assert store.watches.text_candidates(parse_query("strike"), "2026-01-01") == [first]
    assert store.watches.outlet_candidates(source.id, "2026-01-01") == [first, second]
    channels = {"email": NOW, "webhook": NOW}
    made = store.watches.record_matches(watch, [first], "query", channels, NOW)
    assert len(made) == 1
    assert store.watches.record_matches(watch, [first], "query", channels, NOW) == []
    assert [m.article_id for m in store.watches.matches(watch.id)] == [first]
    assert sorted(a.channel for a in store.watches.pending_alerts(watch.id)) == ["email",
                                                                                "webhook"]


def test_two_deliverers_never_claim_the_same_alert_and_failures_are_logged(backend, make_article):
    store = backend.open()
    watch = store.watches.add(WatchSpec("query", "x", webhook_url="https://hooks.test/"), NOW)
    ids = [_saved(store, make_article, url=f"https://g.test/{i}", digest=f"d{i}")
           for i in range(30)]
    store.watches.record_matches(watch, ids, "query", {"webhook": NOW}, NOW)
    stores = [backend.open(), backend.open()]

    def claim(index):
        got = []
        while batch := stores[index].watches.claim_alerts(NOW, "2026-11-17T10:00:00Z", 4):
            got += [alert.id for alert in batch]
        return got

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(claim, [0, 1])
    assert not set(first) & set(second) and len(first) + len(second) == 30
    one, two = sorted(first + second)[:2]
    store.watches.mark_failed([one], NOW, "503 from hook", {one: "2026-11-17T09:01:00Z"})
    store.watches.mark_delivered([two], NOW, "200")
    store.watches.mark_delivered([two], NOW, "200")  # a second report changes nothing
    log = store.watches.deliveries(watch.id)
    assert sorted((d.alert_id, d.status) for d in log) == [(one, "failed"), (two, "delivered")]
    pending = {a.id for a in store.watches.pending_alerts(watch.id)}
    assert one in pending and two not in pending


def test_archive_records_link_articles_and_are_forgotten_by_age(store, make_article):
    source, _ = store.sources.add("https://gazette.test/feed")
    page = ArchiveRecord(id=0, record_id="<urn:uuid:1>", uri="https://news.test/a/",
                         fetched_at="2026-11-17T08:00:30Z", kind="response",
                         payload_digest="sha1:AAA", file="a.warc.gz", offset=0, length=900)
    page_id = store.archive.add_record(page)
    store.archive.add_record(ArchiveRecord(
        id=0, record_id="<urn:uuid:2>", uri="https://gazette.test/feed",
        fetched_at="2026-11-17T08:00:10Z", kind="response", payload_digest="sha1:BBB",
        file="b.warc.gz", offset=900, length=400))
    assert store.archive.original_of("sha1:AAA").id == page_id
    article_id = _saved(store, make_article, source_id=source.id)
    assert store.archive.link_articles("2026-11-17") == 2
    assert store.archive.link_articles("2026-11-17") == 0  # already linked
    found = store.archive.records_of_articles([article_id])
    assert sorted((r.role, r.offset) for r in found) == [("feed", 900), ("page", 0)]
    assert [r.id for r in store.archive.records_by_id([page_id])] == [page_id]
    assert store.archive.forget_before("2026-11-17T08:00:20Z") == ["b.warc.gz"]
    assert [r.uri for r in store.archive.records_between("2026-11-17", "2026-11-18")] == [
        "https://news.test/a/"]


def test_websub_subscription_is_one_row_per_source(store):
    source, _ = store.sources.add("https://gazette.test/feed")
    made = store.websub.save(source.id, hub="https://hub.test/", topic="https://gazette.test/feed",
                             secret="s1", state="pending", now=NOW)
    again = store.websub.save(source.id, hub="https://hub.test/", topic=made.topic,
                              secret="s2", state="pending", now=NOW)
    assert again.id == made.id and again.secret == "s2"
    store.websub.set_verified(made.id, "subscribe", "2026-11-27T09:00:00Z")
    store.websub.set_pushed(made.id, NOW)
    got = store.websub.get(made.id)
    assert (got.state, got.lease_until, got.pushed_at) == ("verified", "2026-11-27T09:00:00Z",
                                                           NOW)
    assert [s.source_id for s in store.websub.list()] == [source.id]


def test_exports_name_the_outlet(store, make_article):
    source, _ = store.sources.add("https://gazette.test/feed", name="Gazette")
    article_id = _saved(store, make_article, source_id=source.id)
    rows = list(store.exports.articles(NO_FILTERS))
    assert [(r["id"], r["source_name"]) for r in rows] == [(article_id, "Gazette")]


def test_a_workers_passes_and_last_error_are_kept(store):
    assert store.workers.get("poller") is None
    store.workers.started("poller", 4242)
    store.workers.pass_started("poller")
    store.workers.pass_finished("poller", "3 new articles")
    store.workers.pass_finished("poller", "pass failed", "RuntimeError: boom")
    store.workers.stopped("poller")
    status = store.workers.get("poller")
    assert (status.pid, status.running, status.passes) == (4242, False, 2)
    assert (status.last_summary, status.last_error) == ("pass failed", "RuntimeError: boom")
