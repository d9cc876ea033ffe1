"""One wall-clock deadline per request, against real slow servers on 127.0.0.1.

Each server needs far longer than the deadline to send its answer while every
single byte arrives well within the read timeout, so only the wall-clock
deadline can stop the fetch. A test passes when the fetch raised
``FetchTimeout`` naming the deadline while the server had not finished sending
(no timing is asserted).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fetch"))

from local_http import DripServer, RecordingServer  # noqa: E402

from babelwire.errors import FetchTimeout  # noqa: E402
from babelwire.fetch import Fetcher, FetchOptions  # noqa: E402

BODY = b"<rss version='2.0'><channel><title>slow</title></channel></rss>" * 4
HEAD = (b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
        + b"".join(b"X-Padding-%d: %s\r\n" % (n, b"p" * 40) for n in range(6))
        + b"Content-Length: %d\r\n\r\n" % len(BODY))
INTERVAL = 0.05  # seconds between two bytes: each read waits this long, far below read_timeout


def options(**values) -> FetchOptions:
    values = {"allow_addresses": ("127.0.0.1",), "respect_robots": False, "read_timeout": 10.0,
              "connect_timeout": 10.0, "per_host_delay": 0.0, **values}
    return FetchOptions(**values)


def test_a_server_dripping_its_headers_is_cut_at_the_deadline():
    with DripServer(HEAD + BODY, interval=INTERVAL) as server:  # ~20 s of headers
        with Fetcher(options(total_deadline=1.0)) as fetcher, pytest.raises(FetchTimeout) as caught:
            fetcher.fetch(server.url("/feed.xml"))
        finished = server.sent_all.is_set()
    assert "did not finish within the 1s deadline" in str(caught.value)
    assert not finished and server.connections == 1


def test_a_one_byte_per_interval_body_is_abandoned_at_the_deadline():
    with DripServer(BODY, head=HEAD, interval=INTERVAL) as server:  # headers at once, then drip
        with Fetcher(options(total_deadline=1.0)) as fetcher, pytest.raises(FetchTimeout) as caught:
            fetcher.fetch(server.url("/feed.xml"))
        finished = server.sent_all.is_set()
    assert "1s deadline" in str(caught.value) and not finished


def test_feeds_get_the_shorter_feed_deadline():
    with DripServer(HEAD + BODY, interval=INTERVAL) as server:
        with Fetcher(options(total_deadline=600.0, feed_deadline=1.0)) as fetcher:
            with pytest.raises(FetchTimeout) as caught:
                fetcher.fetch_feed(server.url("/feed.xml"))
            with pytest.raises(FetchTimeout) as explicit:
                fetcher.fetch(server.url("/feed.xml"), deadline=0.5)
        finished = server.sent_all.is_set()
    assert "1s deadline" in str(caught.value) and "0.5s deadline" in str(explicit.value)
    assert not finished


def test_robots_txt_shares_the_page_deadline():
    with DripServer(HEAD + BODY, interval=INTERVAL) as server:  # robots.txt drips too
        fetch_options = options(total_deadline=1.0, feed_deadline=600.0, respect_robots=True)
        with Fetcher(fetch_options) as fetcher, pytest.raises(FetchTimeout) as caught:
            fetcher.fetch(server.url("/page"))
        connections = server.connections
    assert "1s deadline" in str(caught.value)
    assert connections == 1  # robots.txt used the whole deadline; the page was never asked for


def test_dns_resolution_is_inside_the_deadline():
    release = threading.Event()

    def stuck_resolver(host: str, port: int) -> list[str]:
        release.wait(60)
        return ["127.0.0.1"]

    with RecordingServer({"/": (200, {}, b"ok")}) as server:
        fetcher = Fetcher(options(total_deadline=0.5), resolver=stuck_resolver)
        try:
            with pytest.raises(FetchTimeout):
                fetcher.fetch(server.url("/", host="slow-dns.test"))
        finally:
            release.set()
            fetcher.close()
        assert server.requests == 0


def test_a_fast_server_is_unaffected_by_the_deadline_machinery():
    with RecordingServer({"/feed.xml": (200, {"Content-Type": "application/rss+xml"}, BODY)}) as srv:
        with Fetcher(options(total_deadline=30.0)) as fetcher:
            first = fetcher.fetch_feed(srv.url("/feed.xml"))
            second = fetcher.fetch(srv.url("/feed.xml"))  # reuses the kept-alive connection
    assert first.content == second.content == BODY and srv.hits["/feed.xml"] == 2
