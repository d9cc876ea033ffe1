"""Claims with leases: an item goes to one claimer until its lease ends, then comes back."""

from concurrent.futures import ThreadPoolExecutor

from babelwire.models import FeedEntry, Translation


def _queue(store, n):
    source, _ = store.sources.add("https://news.test/feed")
    store.entries.enqueue(source.id, [FeedEntry(url=f"https://news.test/{i}") for i in range(n)])
    return source


def test_two_claimers_never_get_the_same_entry(backend):
    _queue(backend.open(), 60)
    stores = [backend.open(), backend.open()]  # two workers, each its own connection

    def claim_all(index):
        got = []
        while batch := stores[index].entries.claim(7, 600, f"worker-{index}"):
            got += [entry.id for entry in batch]
        return got

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(claim_all, [0, 1])
    assert not set(first) & set(second)
    assert len(first) + len(second) == len(set(first + second)) == 60


def test_a_claimed_entry_is_not_pending_and_an_expired_lease_comes_back(store):
    _queue(store, 3)
    claimed = store.entries.claim(2, 600, "alive")
    assert [e.url for e in claimed] == ["https://news.test/0", "https://news.test/1"]
    assert [e.url for e in store.entries.pending()] == ["https://news.test/2"]
    assert [e.url for e in store.entries.claim(5, 600, "other")] == ["https://news.test/2"]
    assert store.entries.claim(5, 600, "other") == []


def test_a_dead_workers_entries_come_back_after_the_lease(store):
    _queue(store, 2)
    assert len(store.entries.claim(2, 0, "dies")) == 2  # a lease of 0 s is over at once
    back = store.entries.claim(2, 600, "survivor")
    assert [e.url for e in back] == ["https://news.test/0", "https://news.test/1"]


def test_finishing_or_failing_ends_the_claim(store):
    _queue(store, 2)
    first, second = store.entries.claim(2, 600, "w")
    store.entries.mark_done(first.id, None)
    store.entries.mark_failed(second.id, "fetch.timeout", "slow")  # retried: pending again
    assert [e.id for e in store.entries.claim(5, 600, "w2")] == [second.id]
    store.entries.release([second.id])
    assert [e.id for e in store.entries.pending()] == [second.id]


def test_translation_claims(store, make_article):
    ids = [store.articles.save(make_article(url=f"https://n.test/{i}", digest=f"h{i}")).article_id
           for i in range(5)]
    a = store.translations.claim_untranslated("en", 3, 600, "a")
    b = store.translations.claim_untranslated("en", 3, 600, "b")
    assert a == ids[:3] and b == ids[3:]
    assert store.translations.untranslated("en") == []
    assert store.translations.claim_untranslated("de", 10, 600, "c") == ids  # per language
    store.translations.save(Translation(ids[0], "en", "T", "", "B", "apertium", "1"))
    store.translations.record_failure(ids[1], "en", "translate.no_engine", "none")
    store.translations.release_untranslated("en", [ids[2]])
    assert store.translations.untranslated("en") == [ids[2]]


def test_an_expired_translation_claim_comes_back(store, make_article):
    article_id = store.articles.save(make_article()).article_id
    assert store.translations.claim_untranslated("en", 1, 0, "dies") == [article_id]
    assert store.translations.claim_untranslated("en", 1, 600, "next") == [article_id]
    assert store.translations.claim_untranslated("en", 1, 600, "third") == []


def test_two_claimers_never_get_the_same_translation(backend, make_article):
    first = backend.open()
    for i in range(40):
        first.articles.save(make_article(url=f"https://n.test/{i}", digest=f"h{i}"))
    stores = [backend.open(), backend.open()]

    def claim_all(index):
        got = []
        while batch := stores[index].translations.claim_untranslated("en", 3, 600, str(index)):
            got += batch
        return got

    with ThreadPoolExecutor(2) as pool:
        one, two = pool.map(claim_all, [0, 1])
    assert not set(one) & set(two) and len(set(one + two)) == 40


def test_a_worker_releases_only_what_it_still_holds(store, make_article):
    _queue(store, 1)
    (entry,) = store.entries.claim(1, 0, "slow")  # its lease ran out ...
    assert [e.id for e in store.entries.claim(1, 600, "fast")] == [entry.id]  # ... and moved on
    store.entries.release([entry.id], "slow")  # the slow worker's release changes nothing
    assert store.entries.pending() == []
    store.entries.release([entry.id], "fast")
    assert [e.id for e in store.entries.pending()] == [entry.id]
    article_id = store.articles.save(make_article()).article_id
    store.translations.claim_untranslated("en", 1, 0, "slow")
    store.translations.claim_untranslated("en", 1, 600, "fast")
    store.translations.release_untranslated("en", [article_id], "slow")
    assert store.translations.untranslated("en") == []
    store.translations.release_untranslated("en", [article_id], "fast")
    assert store.translations.untranslated("en") == [article_id]


def test_a_killed_workers_claims_come_back_at_once(store, make_article):
    _queue(store, 3)
    article = store.articles.save(make_article(url="https://n.test/x", digest="hx")).article_id
    assert len(store.entries.claim(2, 600, "host:1:1")) == 2
    assert store.translations.claim_untranslated("en", 5, 600, "host:1:1") == [article]
    store.entries.claim(1, 600, "host:2:1")
    freed = store.entries.release_dead_owners(lambda owner: owner.startswith("host:1:"))
    assert freed == 3  # two entries and one translation job; the live owner keeps its entry
    assert len(store.entries.claim(5, 600, "next")) == 2
    assert store.translations.claim_untranslated("en", 5, 600, "next") == [article]


def test_only_a_gone_process_of_this_host_is_judged_dead():
    import os
    import socket
    import subprocess
    import sys

    from babelwire.storage.claims import owner_is_dead_here, worker_id

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host = socket.gethostname()
    assert owner_is_dead_here(f"{host}:{gone.pid}:1")
    assert not owner_is_dead_here(worker_id())  # this process
    assert not owner_is_dead_here(f"{host}:{os.getppid()}:1")  # alive
    assert not owner_is_dead_here(f"another-host-{host}:{gone.pid}:1")  # not ours to judge
    assert not owner_is_dead_here("worker-0")  # not a host:pid:thread id
