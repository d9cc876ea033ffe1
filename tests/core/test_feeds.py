import json

import pytest

from babelwire.errors import FeedError
from babelwire.feeds import parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Un</title><link>/2026/a/</link><pubDate>Tue, 17 Nov 2026 08:00:00 +0100</pubDate></item>
<item><title>Deux</title><link>https://news.test/b/</link></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Courrier</title><id>urn:x</id><updated>2026-11-17T08:00:00Z</updated>
<entry><title>Trois</title><id>urn:1</id><link href="https://news.test/c/"/>
<updated>2026-11-17T07:00:00Z</updated></entry></feed>"""


def test_rss_relative_links_and_dates():
    feed = parse_feed(RSS, "https://news.test/feed.xml")
    assert feed.format == "rss" and feed.title == "Gazette"
    assert [e.url for e in feed.entries] == ["https://news.test/2026/a/", "https://news.test/b/"]
    assert feed.entries[0].published == "2026-11-17T07:00:00Z"


def test_atom():
    feed = parse_feed(ATOM, "https://news.test/atom.xml")
    assert feed.format == "atom" and feed.entries[0].url == "https://news.test/c/"


def test_json_feed():
    data = {"version": "https://jsonfeed.org/version/1.1", "title": "Ledger",
            "items": [{"id": "1", "url": "https://news.test/d/", "title": "Four",
                       "date_published": "2026-11-18T10:00:00+02:00"}, {"id": "2"}]}
    feed = parse_feed(json.dumps(data).encode(), "https://news.test/feed.json")
    assert feed.format == "jsonfeed"
    assert [e.url for e in feed.entries] == ["https://news.test/d/"]
    assert feed.entries[0].published == "2026-11-18T08:00:00Z"
    assert feed.warnings  # the item without a url is reported


def test_sitemap():
    sitemap = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.test/e/</loc>
    <news:news><news:title>Five</news:title><news:publication_date>2026-11-19</news:publication_date>
    </news:news></url></urlset>"""
    feed = parse_feed(sitemap, "https://news.test/sitemap.xml")
    assert feed.format == "sitemap" and feed.entries[0].title == "Five"


def test_broken_feed_keeps_good_entries_with_a_warning():
    broken = RSS.replace(b"</channel></rss>", b"<item><title>Tr&ois</title>")
    feed = parse_feed(broken, "https://news.test/feed.xml")
    assert len(feed.entries) >= 2
    assert any("malformed" in w for w in feed.warnings)


@pytest.mark.parametrize("content", [b"", b"this is not a feed at all", b"<html><body>hi</body></html>",
                                     b"{not json"])
def test_unusable_input_is_a_feed_error(content):
    with pytest.raises(FeedError) as info:
        parse_feed(content, "https://news.test/x")
    assert "\n" not in info.value.one_line()


def test_no_external_entities():
    xxe = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>"""
    feed = parse_feed(xxe, "https://news.test/sitemap.xml")
    assert all("root:" not in e.url for e in feed.entries)
