"""The reader's "as fetched on ..." view: an article's archived page served from the WARC
archive, labelled as an archived copy, sanitized (nothing runs, nothing loads from outside);
feeds as text, revisits pointing to their original; both sides of a provenance link."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import httpx
import pytest

from babelwire.archive.recorder import Recorder, archive_folder
from babelwire.compose import open_store, pipeline_context
from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.fetch import Fetcher, FetchOptions
from babelwire.web import BackgroundServer, create_app
from babelwire.worker import run_once

WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
TEXT = ("El puerto de Valdemora amplió este martes su muelle norte para recibir barcos más "
        "grandes, una obra que duró tres años y costó doce millones de euros. ")
HOSTILE = ("<script>window.__pwned=1</script><img src='https://tracker.example/pixel.gif' "
           "onerror='window.__pwned=1'><iframe src='https://ads.example/'></iframe>"
           "<style>body{background:url(https://tracker.example/bg.png)}</style>")


def page(title):
    body = "".join(f"<p>{TEXT}{i}</p>" for i in range(4))
    return (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{title}</title>"
            f"<script src='https://tracker.example/t.js'></script></head><body>{HOSTILE}"
            f"<article><h1>{title}</h1>{body}</article></body></html>")


@pytest.fixture
def site():
    with StaticSite() as running:
        running.set_route("/muelle", text_resource(page("El muelle norte"),
                                                   "text/html; charset=utf-8", WHEN))
        feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Diario</title>"
                f"<link>{running.url('/')}</link><item><title>El muelle norte</title>"
                f"<link>{running.url('/muelle')}</link></item></channel></rss>")
        running.set_route("/feed.xml", text_resource(feed, "application/rss+xml", WHEN))
        yield running


def test_archived_copy_is_labelled_sanitized_and_linked(tmp_path, make_settings, site):
    settings = make_settings(tmp_path / "data", targets=["en"])
    with open_store(settings) as db:
        db.sources.add(site.url("/feed.xml"))
        with pipeline_context(settings, db=db) as ctx:
            run_once(ctx)
        [article] = db.articles.latest()
        with Fetcher(FetchOptions(allow_addresses=("127.0.0.1",)),
                     recorder=Recorder(db, archive_folder(settings))) as fetcher:
            fetcher.fetch(site.url("/muelle"))  # unchanged: a revisit record
        records = {r.role: r for r in db.archive.records_of_articles([article.id])}
        revisit = next(r for r in db.archive.records_between("1970", "9999")
                       if r.kind == "revisit" and r.uri == site.url("/muelle"))
        with BackgroundServer(create_app(db, settings), port=0) as server, \
                httpx.Client(base_url=server.url, timeout=20) as http:
            view = http.get(f"/articles/{article.id}/archived", params={"lang": "en"})
            feed = http.get(f"/archive/{records['feed'].id}").text
            again = http.get(f"/archive/{revisit.id}").text
            article_page = http.get(f"/articles/{article.id}").text
            missing = http.get("/archive/999999").status_code
            for warc in archive_folder(settings).glob("*.warc.gz"):
                warc.unlink()  # the files are gone, the index still names them
            gone = http.get(f"/archive/{records['page'].id}")
    assert view.status_code == 200
    html = view.text
    assert "Archived copy, as fetched by babelwire on" in html and site.url("/muelle") in html
    assert "not the live page" in html and TEXT.strip()[:40] in html
    assert "<dd>200 OK</dd>" in html and "text/html" in html  # the archived HTTP headers
    copy = html.split('class="archived-copy"', 1)[1]
    assert not re.search(r"<(script|img|iframe|style)\b", copy, re.I) and "onerror" not in copy
    assert "tracker.example" not in copy and "ads.example" not in copy
    assert f'href="/archive/{records["page"].id}"' in html  # every record it was built from
    assert f'href="/archive/{records["feed"].id}"' in html
    assert "&lt;rss" in feed and "<pre>" in feed  # a feed is shown as text
    assert "Unchanged since the copy fetched on" in again and TEXT.strip()[:40] in again
    assert "<dd>200 OK</dd>" in again
    assert f'/articles/{article.id}/archived' in article_page
    assert missing == 404
    assert gone.status_code == 410 and "archive.missing" in gone.text


def test_both_sides_of_a_provenance_link(demo_store):
    newsroom, settings, db, _ = demo_store
    link = next(l for story in db.reader.stories_before(50)
                for l in db.provenance.story_members(story.id) if l.derived_from)
    with BackgroundServer(create_app(db, settings), port=0) as server, \
            httpx.Client(base_url=server.url, timeout=20) as http:
        story = db.provenance.story_of_article(link.id)
        story_page = http.get(f"/stories/{story.id}", params={"lang": "en"}).text
        both = http.get(f"/articles/{link.id}/archived",
                        params={"with": link.derived_from, "lang": "en"}).text
        unrelated = http.get(f"/articles/{link.id}/archived", params={"with": 999999}).text
    assert f"/articles/{link.id}/archived?lang=en&amp;with={link.derived_from}" in story_page
    assert both.count('class="notice archived-banner"') == 2
    for article_id in (link.id, link.derived_from):
        assert db.articles.get_row(article_id).url in both
    assert unrelated.count('class="notice archived-banner"') == 1  # only linked articles
