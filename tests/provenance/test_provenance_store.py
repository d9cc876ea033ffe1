"""The trace step inside worker.run_once, over the demo newsroom and a real SQLite store."""

from babelwire.compose import pipeline_context
from babelwire.demo.expected import expected_articles
from babelwire.storage import articles as article_store
from babelwire.storage import provenance as provenance_store
from babelwire.worker import run_once


def _ids_by_url(db):
    return {row["url"]: row["id"] for row in article_store.latest_articles(db, limit=500)}


def test_demo_relay_articles_are_found_as_translations_of_their_originals(demo_store):
    newsroom, _, db, report = demo_store
    assert not [p for p in report.problems if p.startswith("provenance")], report.problems
    ids = _ids_by_url(db)
    relayed = [truth for truth in expected_articles(newsroom) if truth.is_relay]
    assert len(relayed) == 4
    for truth in relayed:
        upstream, _ = provenance_store.links_of_article(db, ids[truth.url])
        derived = [link for link in upstream if link["relation"] != "same_event"]
        assert len(derived) == 1, truth.url
        assert derived[0]["relation"] == "translation"
        assert derived[0]["derived_from"] == ids[truth.relays_url]
        assert derived[0]["confidence"] >= 0.6


def test_demo_originals_are_not_derived_and_stories_group_each_pair(demo_store):
    newsroom, _, db, _ = demo_store
    ids = _ids_by_url(db)
    for truth in expected_articles(newsroom):
        upstream, _ = provenance_store.links_of_article(db, ids[truth.url])
        derived = [link for link in upstream if link["relation"] != "same_event"]
        if not truth.is_relay:
            assert derived == [], truth.url
    for truth in (t for t in expected_articles(newsroom) if t.is_relay):
        story = provenance_store.story_of_article(db, ids[truth.url])
        assert story is not None
        assert story["earliest_article_id"] == ids[truth.relays_url]
        members = {row["id"] for row in provenance_store.story_members(db, story["id"])}
        assert {ids[truth.url], ids[truth.relays_url]} <= members


def test_second_pass_traces_nothing_again(demo_store):
    _, settings, db, _ = demo_store
    before = db.read().execute("SELECT COUNT(*) FROM provenance_links").fetchone()[0]
    assert provenance_store.untraced_ids(db) == []
    with pipeline_context(settings, db=db) as ctx:
        run_once(ctx)
    after = db.read().execute("SELECT COUNT(*) FROM provenance_links").fetchone()[0]
    assert after == before
