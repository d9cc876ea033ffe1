"""The reader's "as fetched on ..." view: an article's archived page served from the WARC
archive, labelled as an archived copy, sanitized (nothing runs, nothing loads from outside);
feeds as text, revisits pointing to their original; both sides of a provenance link."""

from __future__ import annotations

import re

import httpx
import pytest

from babelwire.archive.recorder import archive_folder
from babelwire.compose import open_store
from babelwire.web import BackgroundServer, create_app
from archive_site import TEXT, fetch_again, ingest, page, pier_site

HOSTILE = ("<script>window.__pwned=1</script><img src='https://tracker.example/pixel.gif' "
           "onerror='window.__pwned=1'><iframe src='https://ads.example/'></iframe>"
           "<style>body{background:url(https://tracker.example/bg.png)}</style>")


@pytest.fixture
def site():
    html = page("El muelle norte", head="<script src='https://tracker.example/t.js'></script>",
                before=HOSTILE)
    with pier_site(html) as running:
        yield running


def test_archived_copy_is_labelled_sanitized_and_linked(tmp_path, make_settings, site):
    settings = make_settings(tmp_path / "data", targets=["en"])
    with open_store(settings) as db:
        article = ingest(db, settings, site)
        fetch_again(db, settings, site.url("/muelle"))  # unchanged: a revisit record
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
