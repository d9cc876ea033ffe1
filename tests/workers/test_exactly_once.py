"""A worker killed with SIGKILL mid-fetch or mid-translation loses nothing: after its
lease ends another worker finishes the work, and nothing is stored twice."""

from __future__ import annotations

import signal
import time

import pytest

from babelwire.storage import open_store

from .conftest import LEASE_SECONDS, start_worker

TARGETS = ("en", "fr")


def newsroom_is_whole(store, count: int) -> None:
    assert store.entries.counts() == {"done": count}
    articles = store.articles.latest(100)
    assert len(articles) == count
    assert len({a.canonical_url for a in articles}) == count
    for article in articles:
        translations = store.translations.for_article(article.id)
        wanted = {t for t in TARGETS if t != article.language}
        assert set(translations) == wanted, article.url
        for language, translation in translations.items():
            assert translation.body.startswith(f"[{language}]")
        assert not store.translations.failures_for(article.id)
    stories = {s.id for a in articles if (s := store.provenance.story_of_article(a.id))}
    members = [m.id for story in stories for m in store.provenance.story_members(story)]
    assert len(members) == len(set(members))  # no article in two stories


def kill_while_hanging(config, newsroom, url, match: str):
    """Start worker A, wait until it hangs on the request containing ``match``, SIGKILL it."""
    with open_store(url) as store:
        store.sources.add(newsroom.feed_url, name="Gazette")
    newsroom.hang.match = match
    first = start_worker(config)
    reached = newsroom.hang.reached.wait(180)
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    assert reached, first.stderr.read()
    newsroom.hang.release()


def finish_with_two_workers(config):
    time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out
    second = [start_worker(config, "--until-idle") for _ in range(2)]
    for worker in second:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err


@pytest.mark.parametrize("match", ["/a/3.html", "Le conseil municipal"],
                         ids=["mid-fetch", "mid-translation"])
def test_sigkill_loses_and_duplicates_nothing(worker_config, newsroom, match):
    config, url = worker_config
    kill_while_hanging(config, newsroom, url, match)
    with open_store(url) as store:
        before = store.articles.count()
        assert before < newsroom.count  # A died before finishing the newsroom
    finish_with_two_workers(config)
    with open_store(url) as store:
        newsroom_is_whole(store, newsroom.count)
