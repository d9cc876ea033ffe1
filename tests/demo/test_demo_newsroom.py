"""The demo newsroom over real HTTP: feeds, sitemaps, pages and HTTP semantics."""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import feedparser
import httpx
import pytest
import trafilatura

from babelwire.demo.expected import ExpectedArticle, expected_articles
from babelwire.demo.server import DemoNewsroom, DemoOutlet, Resource, StaticSite

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "news": "http://www.google.com/schemas/sitemap-news/0.9"}
CLUTTER = ("cookie_text", "theme_notice", "newsletter_title", "back_to_top",
           "most_read", "related", "copyright")


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def _get(url: str, **headers: str) -> httpx.Response:
    return httpx.get(url, headers=headers, timeout=10)


def _feed_links(outlet: DemoOutlet) -> list[str]:
    response = _get(outlet.feed_url)
    assert response.status_code == 200
    if outlet.feed_format == "jsonfeed":
        assert response.headers["content-type"].startswith("application/feed+json")
        data = json.loads(response.text)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        return [item["url"] for item in data["items"]]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == {"rss": "rss20", "atom": "atom10"}[outlet.feed_format]
    return [entry.link for entry in parsed.entries]


def _by_outlet(newsroom: DemoNewsroom) -> dict[str, list[ExpectedArticle]]:
    grouped: dict[str, list[ExpectedArticle]] = {}
    for article in expected_articles(newsroom):
        grouped.setdefault(article.outlet_slug, []).append(article)
    return grouped


def test_outlets_are_distinct_hosts_with_expected_languages(newsroom: DemoNewsroom) -> None:
    assert [o.slug for o in newsroom.outlets] == ["gaceta", "courrier", "ledger", "relay"]
    assert len({o.base_url for o in newsroom.outlets}) == 4
    assert {o.language for o in newsroom.outlets} == {"es", "fr", "en"}
    assert {o.feed_format for o in newsroom.outlets} == {"rss", "atom", "jsonfeed"}
    assert [o.slug for o in newsroom.outlets if o.is_relay] == ["relay"]
    for outlet in newsroom.outlets:
        assert outlet.base_url.startswith("http://127.0.0.1:")
        assert outlet.feed_url.startswith(outlet.base_url + "/")


def test_content_volume_and_shape(newsroom: DemoNewsroom) -> None:
    articles = expected_articles(newsroom)
    assert len(articles) >= 15
    assert {a.language for a in articles} == {"es", "fr", "en"}
    assert sum(1 for a in articles if not a.standfirst) >= 2
    assert len({a.url for a in articles}) == len(articles)
    for article in articles:
        assert 4 <= len(article.paragraphs) <= 8, article.url
        for paragraph in article.paragraphs:
            assert 40 <= len(paragraph.split()) <= 90, paragraph[:40]
        published = datetime.fromisoformat(article.published)
        assert published.tzinfo is not None
        assert "2026-11-10" <= article.published[:10] <= "2026-11-22"


@pytest.mark.parametrize("slug", ["gaceta", "courrier", "ledger", "relay"])
def test_feed_lists_every_article_with_live_absolute_urls(
        newsroom: DemoNewsroom, slug: str) -> None:
    outlet = newsroom.outlet(slug)
    links = _feed_links(outlet)
    expected = {a.url for a in _by_outlet(newsroom)[slug]}
    assert set(links) == expected
    for link in links:
        assert link.startswith(outlet.base_url + "/2026/11/")
        response = _get(link)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("slug", ["gaceta", "courrier", "ledger", "relay"])
def test_news_sitemap_lists_every_article(newsroom: DemoNewsroom, slug: str) -> None:
    outlet = newsroom.outlet(slug)
    root = ET.fromstring(_get(outlet.sitemap_url).content)
    locs = {el.text for el in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    assert locs == {a.url for a in _by_outlet(newsroom)[slug]}
    languages = {el.text for el in root.iter(f"{{{SITEMAP_NS['news']}}}language")}
    assert languages == {outlet.language}
    names = {el.text for el in root.iter(f"{{{SITEMAP_NS['news']}}}name")}
    assert names == {outlet.name}


def test_robots_disallows_admin(newsroom: DemoNewsroom) -> None:
    for outlet in newsroom.outlets:
        response = _get(outlet.base_url + "/robots.txt")
        assert response.status_code == 200
        assert "Disallow: /admin/" in response.text
        assert f"Sitemap: {outlet.sitemap_url}" in response.text


def test_home_page_lists_articles(newsroom: DemoNewsroom) -> None:
    for slug, articles in _by_outlet(newsroom).items():
        page = _get(newsroom.outlet(slug).base_url + "/").text
        for article in articles:
            assert article.url.split("/", 3)[3] in page.replace('href="/', 'href="')


def test_article_pages_have_metadata_clutter_and_body(newsroom: DemoNewsroom) -> None:
    for article in expected_articles(newsroom):
        page = _get(article.url).text
        ui = newsroom.catalog[article.outlet_slug].ui
        assert f'<html lang="{article.language}">' in page
        assert f'<link rel="canonical" href="{article.url}">' in page
        assert f'<meta property="article:published_time" content="{article.published}">' in page
        assert 'property="og:site_name"' in page and 'property="og:type" content="article"' in page
        assert f'datetime="{article.published}"' in page
        for key in CLUTTER:
            assert _escaped(ui[key]) in page, (article.url, key)
        assert _escaped(ui["share_links"][0]) in page
        for paragraph in article.paragraphs:
            assert f"<p>{_escaped(paragraph)}</p>" in page
        if article.standfirst:
            assert _escaped(article.standfirst) in page


def test_most_pages_carry_json_ld(newsroom: DemoNewsroom) -> None:
    articles = expected_articles(newsroom)
    with_ld = 0
    for article in articles:
        match = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                          _get(article.url).text, re.S)
        if match:
            data = json.loads(match.group(1))
            assert data["@type"] == "NewsArticle"
            assert data["datePublished"] == article.published
            assert data["author"][0]["name"] == article.author
            with_ld += 1
    assert len(articles) > with_ld >= len(articles) * 2 // 3


def test_relay_pages_credit_existing_originals(newsroom: DemoNewsroom) -> None:
    relays = [a for a in expected_articles(newsroom) if a.is_relay]
    assert len(relays) == 4
    originals = {a.url: a for a in expected_articles(newsroom) if not a.is_relay}
    for article in relays:
        page = _get(article.url).text
        assert article.relays_url in originals
        assert originals[article.relays_url].language in {"es", "fr"}
        assert f'href="{article.relays_url}"' in page
        assert f">{_escaped(article.credited_outlet)}</a>" in page
        assert f"{_escaped(article.title)} - {_escaped(article.credited_outlet)}</h1>" in page
        assert article.disclaimer and _escaped(article.disclaimer) in page
        assert _get(article.relays_url).status_code == 200


def test_pages_are_extractable_by_trafilatura(newsroom: DemoNewsroom) -> None:
    for article in expected_articles(newsroom):
        text = trafilatura.extract(_get(article.url).text, url=article.url) or ""
        assert article.paragraphs[0] in text, article.url
        assert article.paragraphs[-1] in text, article.url


def test_trailing_slash_is_optional(newsroom: DemoNewsroom) -> None:
    article = expected_articles(newsroom)[0]
    assert _get(article.url.rstrip("/")).status_code == 200
    assert _get(article.url + "?utm_source=test").status_code == 200


# --- HTTP semantics of StaticSite ------------------------------------------------

def _resource(text: str, when: datetime) -> Resource:
    return Resource(text.encode(), "application/rss+xml; charset=utf-8", when)


@pytest.fixture()
def site() -> StaticSite:
    when = datetime(2026, 11, 14, 8, 30, tzinfo=timezone.utc)
    with StaticSite({"/feed.xml": _resource("<rss>one</rss>" * 50, when)}) as running:
        yield running


def test_conditional_get_with_etag(site: StaticSite) -> None:
    url = site.url("/feed.xml")
    first = _get(url, **{"Accept-Encoding": "identity"})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert "last-modified" in first.headers
    second = _get(url, **{"If-None-Match": etag, "Accept-Encoding": "identity"})
    assert second.status_code == 304
    assert second.content == b""
    assert second.headers["etag"] == etag
    assert site.last_headers["/feed.xml"]["If-None-Match"] == etag
    assert site.hits["/feed.xml"] == 2


def test_conditional_get_with_last_modified(site: StaticSite) -> None:
    url = site.url("/feed.xml")
    last_modified = _get(url).headers["last-modified"]
    assert _get(url, **{"If-Modified-Since": last_modified}).status_code == 304
    older = format_datetime(datetime(2026, 11, 1, tzinfo=timezone.utc), usegmt=True)
    assert _get(url, **{"If-Modified-Since": older}).status_code == 200
    # If-None-Match takes precedence over If-Modified-Since
    stale = _get(url, **{"If-None-Match": '"nope"', "If-Modified-Since": last_modified})
    assert stale.status_code == 200
    assert site.last_headers["/feed.xml"]["If-Modified-Since"] == last_modified


def test_changed_route_gets_new_etag(site: StaticSite) -> None:
    url = site.url("/feed.xml")
    first = _get(url)
    later = datetime(2026, 11, 15, 9, 0, tzinfo=timezone.utc)
    site.set_route("/feed.xml", _resource("<rss>two</rss>", later))
    second = _get(url, **{"If-None-Match": first.headers["etag"],
                          "If-Modified-Since": first.headers["last-modified"]})
    assert second.status_code == 200
    assert second.headers["etag"] != first.headers["etag"]
    assert second.text == "<rss>two</rss>"
    third = _get(url, **{"If-Modified-Since": second.headers["last-modified"]})
    assert third.status_code == 304
    assert _get(url, **{"If-Modified-Since": format_datetime(
        later - timedelta(seconds=1), usegmt=True)}).status_code == 200


def test_gzip_encoding(site: StaticSite) -> None:
    with httpx.Client() as client:
        response = client.get(site.url("/feed.xml"), headers={"Accept-Encoding": "gzip"})
        assert response.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["vary"]
        assert response.text.startswith("<rss>one</rss>")
        raw = client.get(site.url("/feed.xml"), headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in raw.headers
        assert raw.content == response.content
    with httpx.stream("GET", site.url("/feed.xml"), headers={"Accept-Encoding": "gzip"}) as r:
        body = b"".join(r.iter_raw())
    assert gzip.decompress(body).startswith(b"<rss>one</rss>")


def test_head_and_not_found(site: StaticSite) -> None:
    head = httpx.head(site.url("/feed.xml"), headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200
    assert head.content == b""
    assert int(head.headers["content-length"]) == len("<rss>one</rss>" * 50)
    missing = _get(site.url("/no/such/page/"))
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "Not Found" in missing.text
    assert site.hits["/no/such/page"] == 1
