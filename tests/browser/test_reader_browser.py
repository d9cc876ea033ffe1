"""A reader's journey in chromium: home, language switch, article, toggle, search, feed; and
hostile stored content that must run nothing."""

from __future__ import annotations

import json

import feedparser

from .conftest import screenshot


def test_home_switch_language_article_toggle(reader, watched):
    page = watched.page
    page.goto(reader.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="New harbour in Valdemar").is_visible()
    screenshot(page, "01-home-en")
    page.locator("nav.switcher").get_by_role("link", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Nouveau port à Valdemar").is_visible()
    page.goto(reader.url + "/")  # remembered in a cookie
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Derniers articles" in page.locator("h1").inner_text()
    screenshot(page, "02-home-fr")
    page.get_by_role("link", name="Nouveau port à Valdemar").click()
    page.wait_for_url(f"**/articles/{reader.ids['es']}*")
    translated = page.locator(".cell.translated", has_text="Le port de Valdemar ouvre ses quais.")
    original = page.locator(".cell.original", has_text="El puerto de Valdemar abre sus muelles.")
    assert translated.is_visible() and original.is_visible()
    assert "Traduction automatique" in page.locator(".mt-label").inner_text()
    assert page.get_by_role("link", name="Article original ↗").get_attribute("href") == (
        "https://puerto.example/news")
    screenshot(page, "03-article-side-by-side")
    page.locator("label[for=show-original]").click()
    assert not original.is_visible() and translated.is_visible()
    screenshot(page, "04-article-original-hidden")
    page.locator("label[for=show-original]").click()
    assert original.is_visible()
    assert not watched.dialogs and not watched.page_errors and not watched.console_errors


def test_article_on_a_phone(reader, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US",
                                  is_mobile=True)
    page = context.new_page()
    page.goto(f"{reader.url}/articles/{reader.ids['es']}?lang=en")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a phone
    screenshot(page, "05-article-phone")
    context.close()


def test_search_and_subscribe_to_its_feed(reader, watched):
    page = watched.page
    page.goto(reader.url + "/?lang=en")
    page.locator("header").get_by_role("link", name="Search").click()
    page.locator("main input[name=q]").fill('"Valdemar opens" OR muelles')
    page.locator("main").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    result = page.locator("ol.results li").first
    assert "New harbour in Valdemar" in result.inner_text()
    assert page.locator("ol.results mark").count() >= 1
    screenshot(page, "06-search")
    href = page.locator(".feed-links").get_by_role("link", name="Atom", exact=True).get_attribute("href")
    assert href.startswith("/feeds/en.atom?q=")
    response = page.goto(reader.url + href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert feed.bozo == 0 and feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["New harbour in Valdemar"]
    page.goto(reader.url + "/search?lang=en&q=valdemar")
    json_href = page.locator(".feed-links").get_by_role("link", name="JSON Feed").get_attribute("href")
    document = json.loads(page.request.get(reader.url + json_href).body())
    assert document["version"] == "https://jsonfeed.org/version/1.1" and document["items"]
    assert not watched.dialogs and not watched.page_errors


def test_hostile_content_runs_nothing(reader, watched):
    page = watched.page
    evil = reader.ids["evil"]
    paths = ["/?lang=en", "/?lang=fr", f"/articles/{evil}?lang=en", f"/articles/{evil}?lang=fr",
             f"/articles/{evil}?lang=es", "/search?lang=en&q=valdemar", "/search?lang=en&q=pwned",
             "/sources", f"/sources/{reader.ids['hostile_source']}", "/feeds/en.atom",
             "/feeds/en.rss", "/api/articles"]
    for path in paths:
        page.goto(reader.url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # let any onerror handler fire if it were ever attached
        assert page.evaluate("window.__pwned") is None, path
        assert page.title() != "pwned", path
        assert page.locator("img[src=x]").count() == 0, path
        assert page.locator("script").count() == 0, path
    page.goto(f"{reader.url}/articles/{evil}?lang=en")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text, not run
    screenshot(page, "07-hostile-article-as-text")
    links = page.locator("a[href^='javascript:']")
    assert links.count() == 0
    assert not watched.dialogs, watched.dialogs
    assert not watched.page_errors, watched.page_errors
    assert not [e for e in watched.console_errors if "Content Security Policy" not in e]
