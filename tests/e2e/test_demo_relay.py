"""The whole relay over real HTTP: demo sites -> ingestion -> SQLite -> reader, feed, API."""

import xml.etree.ElementTree as ET

import feedparser
import httpx
import pytest

from babelwire.compose import pipeline_context
from babelwire.demo.expected import expected_articles
from babelwire.storage import articles as article_store
from babelwire.storage import sources as source_store
from babelwire.storage.translations import translations_for
from babelwire.web.app import create_app
from babelwire.web.server import BackgroundServer
from babelwire.worker import run_once


@pytest.fixture(scope="module")
def reader(ingested):
    settings, db, _ = ingested
    server = BackgroundServer(create_app(db, settings), port=0)
    server.start()
    yield server.url.rstrip("/")
    server.stop()


def test_every_demo_article_is_stored_and_translated(newsroom, ingested):
    settings, db, report = ingested
    expected = expected_articles(newsroom)
    assert report.sources_failed == 0 and report.pages_failed == 0, report.problems
    for row in source_store.health_rows(db):  # good feeds leave no warning behind
        assert row["last_warning"] is None and row["error_count"] == 0, dict(row)
    assert article_store.count_articles(db) == len(expected) >= 15
    rows = {row["url"]: row for row in article_store.latest_articles(db, limit=500)}
    for truth in expected:
        row = rows[truth.url]
        assert row["language"] == truth.language, truth.url
        assert row["title"] == truth.title
        assert row["body"].split("\n\n")[0] == truth.paragraphs[0]
        translated = translations_for(db, row["id"])
        wanted = {"en", "fr"} - {truth.language}
        assert set(translated) == wanted, truth.url
        for translation in translated.values():
            assert translation.engine == "apertium" and translation.body
            assert translation.body.count("\n\n") == row["body"].count("\n\n")
            assert "*" not in translation.title


def test_relay_attribution_is_kept(newsroom, ingested):
    _, db, _ = ingested
    rows = {row["url"]: row for row in article_store.latest_articles(db, limit=500)}
    relayed = [t for t in expected_articles(newsroom) if t.is_relay]
    assert relayed
    for truth in relayed:
        article = article_store.article_from_row(rows[truth.url])
        outlets = {(a.outlet, a.kind) for a in article.attribution}
        assert (truth.credited_outlet, "title_suffix") in outlets
        links = [a for a in article.attribution if a.kind == "source_link"]
        assert links and links[0].url == truth.relays_url
        assert article.disclaimers and truth.credited_outlet not in article.title


def test_rerun_stores_nothing_twice_and_uses_conditional_get(newsroom, ingested):
    settings, db, _ = ingested
    before = article_store.count_articles(db)
    feed_site = newsroom.sites[newsroom.outlets[0].slug]
    with pipeline_context(settings, db=db) as ctx:
        report = run_once(ctx)
    assert report.entries_found == 0 and report.articles_stored == 0 and report.translations == 0
    assert article_store.count_articles(db) == before
    feed_path = newsroom.outlets[0].feed_url.split(feed_site.base_url, 1)[1]
    assert feed_site.last_headers[feed_path].get("If-None-Match")


def test_reader_home_article_feed_and_api(newsroom, ingested, reader):
    settings, db, _ = ingested
    with httpx.Client(base_url=reader, timeout=10) as client:
        home = client.get("/", params={"lang": "en"})
        assert home.status_code == 200
        api = client.get("/api/articles", params={"limit": 200}).json()
        assert len(api["articles"]) == article_store.count_articles(db)
        first = api["articles"][0]
        assert {"id", "url", "source", "language", "title", "published", "translations"} <= set(first)
        spanish = next(a for a in api["articles"] if a["language"] == "es")
        english_title = spanish["translations"]["en"]["title"]
        assert english_title in home.text
        assert spanish["translations"]["en"]["engine"] == "apertium"
        page = client.get(f"/articles/{spanish['id']}", params={"lang": "en"})
        assert page.status_code == 200
        assert spanish["url"] in page.text and spanish["title"] in page.text
        assert "apertium" in page.text.lower() and "machine translation" in page.text.lower()
        one = client.get(f"/api/articles/{spanish['id']}").json()
        assert one["translations"]["fr"]["body"]
        feed = client.get("/feeds/fr.atom")
        assert feed.status_code == 200
        parsed = feedparser.parse(feed.content)
        assert not parsed.bozo and len(parsed.entries) >= 10
        ET.fromstring(feed.content)  # well-formed XML
        sources = client.get("/sources")
        assert sources.status_code == 200 and newsroom.outlets[0].name in sources.text


def test_health_shows_each_kind_of_bad_input(tmp_path, newsroom, make_settings):
    """Unreachable source, malformed feed, non-article page, pair with no engine: the run carries on."""
    from babelwire.demo.resource import Resource
    from babelwire.demo.server import StaticSite
    from datetime import datetime, timezone

    now = datetime(2026, 11, 20, tzinfo=timezone.utc)
    german = ("<html lang='de'><head><title>Hafen | Hafenblatt</title></head><body><article>"
              "<h1>Der Hafen bleibt geschlossen</h1>" + "".join(
                  f"<p>Die Hafenarbeiter streiken seit drei Tagen und fordern neue Schichtpläne für die "
                  f"Nacht. Die Verhandlungen mit der Leitung sollen am Donnerstag weitergehen. {i}</p>"
                  for i in range(4)) + "</article></body></html>")
    site = StaticSite()
    site.set_route("/broken.xml", Resource(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>B</title><item><title>Listing"
        b"</title><link>/listing</link></item><item><title>De</title><link>/de</link></item>"
        b"<item><title>bad & broken", "application/rss+xml", now))
    site.set_route("/listing", Resource(b"<html><body><ul><li><a href='/a'>A</a></li></ul></body></html>",
                                        "text/html", now))
    site.set_route("/de", Resource(german.encode(), "text/html; charset=utf-8", now))
    with site:
        settings = make_settings(tmp_path)
        with pipeline_context(settings) as ctx:
            good, _ = source_store.add_source(ctx.db, newsroom.outlets[0].feed_url)
            dead, _ = source_store.add_source(ctx.db, "http://127.0.0.1:9/feed.xml")
            broken, _ = source_store.add_source(ctx.db, site.url("/broken.xml"))
            report = run_once(ctx)
            assert report.articles_stored >= 4  # the good source still went through
            health = {r["id"]: r for r in source_store.health_rows(ctx.db)}
            assert health[dead.id]["last_error_code"] == "fetch.connect"
            assert health[dead.id]["error_count"] == 1
            assert health[broken.id]["error_count"] == 0
            codes = {e["code"] for e in source_store.recent_events(ctx.db, broken.id)}
            assert {"feed.malformed", "extract.not_article", "translate.no_engine"} <= codes
            assert health[good.id]["last_error"] is None
            assert any("no translation engine for de" in p for p in report.problems)
