"""The provenance panel, the story page and the site page, over real HTTP."""

import re

import httpx
import pytest

from babelwire.demo.expected import expected_articles
from babelwire.provenance.batch import host_of
from babelwire.storage import articles as article_store
from babelwire.storage import provenance as provenance_store
from babelwire.web.app import create_app
from babelwire.web.server import BackgroundServer


@pytest.fixture(scope="module")
def reader(demo_store):
    _, settings, db, _ = demo_store
    server = BackgroundServer(create_app(db, settings), port=0)
    server.start()
    yield server.url.rstrip("/")
    server.stop()


def _relayed(demo_store):
    newsroom, _, db, _ = demo_store
    ids = {row["url"]: row["id"] for row in article_store.latest_articles(db, limit=500)}
    truth = next(t for t in expected_articles(newsroom) if t.is_relay)
    return ids, truth


def test_article_panel_names_the_original_and_its_translations(demo_store, reader):
    ids, truth = _relayed(demo_store)
    with httpx.Client(base_url=reader, timeout=30) as client:
        relay_page = client.get(f"/articles/{ids[truth.url]}", params={"lang": "en"})
        original_page = client.get(f"/articles/{ids[truth.relays_url]}", params={"lang": "en"})
    assert relay_page.status_code == 200 and original_page.status_code == 200
    panel = relay_page.text.split('class="provenance"', 1)[1]
    assert "Derived from" in panel and f'/articles/{ids[truth.relays_url]}' in panel
    assert "translation" in panel
    original_panel = original_page.text.split('class="provenance"', 1)[1]
    assert "Taken up by" in original_panel and f"/articles/{ids[truth.url]}" in original_panel


def test_story_page_lists_versions_with_an_inline_svg_timeline(demo_store, reader):
    ids, truth = _relayed(demo_store)
    _, _, db, _ = demo_store
    story = provenance_store.story_of_article(db, ids[truth.url])
    with httpx.Client(base_url=reader, timeout=30) as client:
        page = client.get(f"/stories/{story['id']}")
        missing = client.get("/stories/999999")
    assert page.status_code == 200 and missing.status_code == 404
    svg = page.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") == story["article_count"] >= 2
    assert "<script" not in page.text.lower()
    assert f"/articles/{ids[truth.relays_url]}" in page.text


def test_site_page_flags_the_relay_and_not_the_originals(demo_store, reader):
    ids, truth = _relayed(demo_store)
    with httpx.Client(base_url=reader, timeout=30) as client:
        relay = client.get(f"/sites/{host_of(truth.url)}", params={"lang": "en"})
        original = client.get(f"/sites/{host_of(truth.relays_url)}", params={"lang": "en"})
        unknown = client.get("/sites/nowhere.example")
    assert relay.status_code == 200 and original.status_code == 200
    assert "Relay site" in relay.text and "Not flagged as a relay" in original.text
    assert re.search(r"100 % \(4\)", relay.text)
    assert host_of(truth.relays_url) in relay.text
    assert unknown.status_code == 404
