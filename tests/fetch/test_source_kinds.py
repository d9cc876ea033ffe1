"""The source kinds registry: each kind reads one poll over real HTTP on 127.0.0.1."""

import pytest

from babelwire.errors import ConfigError
from babelwire.fetch import Fetcher, FetchOptions
from babelwire.sources import KIND_NAMES, kind_of

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
       b'<item><title>Ferry</title><link>{base}a/1.html</link></item></channel></rss>')
SITEMAP = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           b'<url><loc>{base}a/2.html</loc></url></urlset>')
PAGE = (b'<!doctype html><html><head><title>Home</title><link rel="alternate" '
        b'type="application/rss+xml" href="/feed.xml"></head><body>hi</body></html>')


@pytest.fixture
def site(server):
    base = server.url("/")
    for path, body, kind in (("/feed.xml", RSS, "application/rss+xml"),
                             ("/sitemap.xml", SITEMAP, "application/xml"),
                             ("/index.html", PAGE, "text/html")):
        content = body.replace(b"{base}", base.encode())
        server.route(path)(lambda handler, content=content, kind=kind: server.respond(
            handler, 200, content, {"Content-Type": kind}))
    with Fetcher(FetchOptions(allow_addresses=("127.0.0.1",), respect_robots=False)) as fetcher:
        yield base, fetcher


def test_the_registry_names_every_kind_and_refuses_others():
    assert KIND_NAMES == ("feed", "sitemap", "page")
    with pytest.raises(ConfigError, match="use one of feed, sitemap, page"):
        kind_of("podcast")


def test_each_kind_reads_its_entries(site):
    base, fetcher = site
    feed = kind_of("feed").read(fetcher, base + "feed.xml")
    assert (feed.parsed.title, [e.url for e in feed.parsed.entries]) == ("Gazette",
                                                                         [base + "a/1.html"])
    sitemap = kind_of("sitemap").read(fetcher, base + "sitemap.xml")
    assert [e.url for e in sitemap.parsed.entries] == [base + "a/2.html"]
    page = kind_of("page").read(fetcher, base + "index.html")
    assert [e.url for e in page.parsed.entries] == [base + "index.html"]


def test_a_page_given_as_a_feed_is_read_through_the_feed_it_announces(site):
    base, fetcher = site
    reading = kind_of("feed").read(fetcher, base + "index.html")
    assert [e.url for e in reading.parsed.entries] == [base + "a/1.html"]
    assert any("used its feed " + base + "feed.xml" in w for w in reading.parsed.warnings)
