"""From a story page to the archived copies of both sides of a provenance link, in chromium."""

from __future__ import annotations

import pytest

from babelwire.web import BackgroundServer, create_app

from .conftest import screenshot


@pytest.fixture
def demo_reader(demo_store):
    _, settings, db, _ = demo_store
    with BackgroundServer(create_app(db, settings), port=0) as server:
        yield server.url, db


def test_story_link_opens_both_archived_copies(demo_reader, watched):
    url, db = demo_reader
    member = next(m for story in db.reader.stories_before(50)
                  for m in db.provenance.story_members(story.id) if m.derived_from)
    story = db.provenance.story_of_article(member.id)
    page = watched.page
    page.goto(f"{url}/stories/{story.id}?lang=en")
    page.locator(f"a.archived-link[href*='/articles/{member.id}/archived']").click()
    page.wait_for_url(f"**/articles/{member.id}/archived*")
    banners = page.locator(".archived-banner")
    assert banners.count() == 2
    for n, article_id in enumerate((member.id, member.derived_from)):
        assert "Archived copy, as fetched by babelwire on" in banners.nth(n).inner_text()
        assert db.articles.get_row(article_id).url in banners.nth(n).inner_text()
    screenshot(page, "21-archived-copies-of-a-link")
    assert page.locator("article.archived-copy img, article.archived-copy script").count() == 0
    assert not watched.dialogs and not watched.page_errors and not watched.console_errors
