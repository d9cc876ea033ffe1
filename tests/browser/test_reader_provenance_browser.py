"""Provenance first, in chromium: the relay's article page shows, in the first screen,
that it is a machine translation of La Gaceta del Puerto, and one click reaches the
original (its page in babelwire, and its own URL on the demo newsroom)."""

from __future__ import annotations

import pytest

from babelwire.demo.expected import expected_articles
from babelwire.storage import articles as article_store
from babelwire.web import BackgroundServer, create_app

from .conftest import screenshot


@pytest.fixture(scope="module")
def demo_reader(demo_store):
    newsroom, settings, db, _ = demo_store
    ids = {row["url"]: row["id"] for row in article_store.latest_articles(db, limit=500)}
    truth = next(t for t in expected_articles(newsroom) if t.is_relay)
    server = BackgroundServer(create_app(db, settings), port=0)
    server.start()
    yield server.url.rstrip("/"), ids[truth.url], ids[truth.relays_url], truth.relays_url
    server.stop()


def _in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}])
def test_relay_page_shows_provenance_first_and_reaches_the_original(browser, demo_reader,
                                                                   viewport):
    base, relay_id, original_id, original_url = demo_reader
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{base}/articles/{relay_id}?lang=en")
        line = page.locator("#provenance-line")
        assert line.is_visible() and _in_first_screen(page, "#provenance-line")
        text = line.inner_text()
        assert "Machine translation of" in text and "La Gaceta del Puerto" in text
        assert "earlier" in text and "already in your language" not in page.content()
        screenshot(page, f"provenance-relay-{viewport['width']}", full_page=False)
        line.locator("a.to-original-page").click()
        page.wait_for_url(f"**/articles/{original_id}*")
        assert "Republished by 1 site" in page.locator("#provenance-line").inner_text()
        screenshot(page, f"provenance-original-{viewport['width']}", full_page=False)
        page.go_back()
        page.locator("#provenance-line a.to-original-url").click()
        page.wait_for_url(original_url)
        assert page.url == original_url
    finally:
        context.close()
