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


# -- hostile input (issue 9) --------------------------------------------------


def test_json_feed_fields_of_the_wrong_type_count_as_absent():
    data = {"items": [{"id": 1, "url": 123, "authors": 5, "date_published": 5, "title": "T"},
                      {"id": 2, "url": "/ok/", "authors": [{"name": 7}, {"name": "Ana"}, 3],
                       "date_published": "2026-11-18T10:00:00Z", "title": {"x": 1}},
                      "text", None]}
    feed = parse_feed(json.dumps(data).encode(), "https://news.test/feed.json")
    titled, linked = feed.entries  # the item with a number for a url is kept by its id
    assert titled.url.startswith("https://news.test/feed.json#entry-") and titled.title == "T"
    assert titled.published is None and titled.author == ""
    assert linked.url == "https://news.test/ok/"
    assert linked.author == "Ana" and linked.title == ""
    assert any("not a string" in w for w in feed.warnings)


def test_json_nesting_is_refused_before_parsing():
    deep = b'{"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(FeedError, match="nested deeper than 64"):
        parse_feed(deep, "https://news.test/feed.json")
    shallow_strings = json.dumps({"items": [], "title": "[" * 5000}).encode()
    assert parse_feed(shallow_strings, "https://news.test/feed.json").entries == ()


def test_lone_surrogates_and_control_characters_are_replaced():
    raw = b'{"items": [{"id": "1", "url": "/a", "title": "x \\ud800 y\\u0000z"}]}'
    entry = parse_feed(raw, "https://news.test/f.json").entries[0]
    assert entry.title == "x \ufffd yz"


def test_declared_entities_are_never_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"x" * 10_000 + b'">]>'
              b'<rss version="2.0"><channel><title>t</title><item><title>&a;&a;&a;</title>'
              b'<link>https://news.test/a</link></item></channel></rss>')
    feed = parse_feed(laughs, "https://news.test/feed.xml")
    assert feed.entries[0].url == "https://news.test/a"
    assert "xxxx" not in feed.entries[0].title
    assert any("DOCTYPE" in w for w in feed.warnings)


def test_utf16_feeds_are_defused_too():
    text = ('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss [<!ENTITY a "' + "y" * 1000
            + '">]><rss version="2.0"><channel><title>t</title><item><title>&a;</title>'
            '<link>https://news.test/u</link></item></channel></rss>')
    feed = parse_feed(text.encode("utf-16"), "https://news.test/feed.xml")
    assert feed.entries[0].url == "https://news.test/u" and "yyy" not in feed.entries[0].title


def test_linkless_entries_are_kept_with_a_stable_identity():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           b'<item><title>Notice</title><guid isPermaLink="false">n-1</guid>'
           b'<description>&lt;p&gt;Full text here.&lt;/p&gt;</description></item>'
           b'<item><title>Script</title><link>javascript:alert(1)</link>'
           b'<description>Kept text.</description></item>'
           b'<item><title>Bad host</title><link>http://[::1</link></item></channel></rss>')
    first = parse_feed(rss, "https://news.test/feed.xml")
    again = parse_feed(rss, "https://news.test/feed.xml")
    assert [e.url for e in first.entries] == [e.url for e in again.entries]
    notice, script, bad = first.entries
    assert notice.url.startswith("https://news.test/feed.xml#entry-")
    assert notice.content == "<p>Full text here.</p>" and notice.guid == "n-1"
    assert script.content == "Kept text." and "javascript" not in script.url
    assert bad.url.startswith("https://news.test/feed.xml#entry-")
    assert any("not an http(s) URL" in w for w in first.warnings)


def test_escaped_markup_in_titles_is_text():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>&lt;i&gt;Feed&lt;/i&gt;</title>'
           b'<item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title>'
           b'<link>https://news.test/b</link></item>'
           b'<item><title>a &lt; b</title><link>https://news.test/c</link></item></channel></rss>')
    feed = parse_feed(rss, "https://news.test/feed.xml")
    assert [e.title for e in feed.entries] == ["Bold & more", "a < b"]
