"""robots.txt rules, missing and failing robots.txt, caching."""

from __future__ import annotations

import logging
import threading

import pytest

from babelwire.errors import RobotsDisallowed
from babelwire.fetch import Fetcher
from fetch_local import local_options

ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n"


def _pages(server, *paths):
    for path in paths:
        server.route(path)(lambda handler: server.respond(handler, 200, b"page"))


def _robots(server, status=200, body=ROBOTS):
    server.route("/robots.txt")(lambda handler: server.respond(handler, status, body))


def test_disallowed_path_raises_and_allowed_path_passes(server):
    _robots(server)
    _pages(server, "/public", "/private/x")
    with Fetcher(local_options()) as fetcher:
        assert fetcher.fetch(server.url("/public")).content == b"page"
        with pytest.raises(RobotsDisallowed) as caught:
            fetcher.fetch(server.url("/private/x"))
    assert caught.value.message == "robots.txt of 127.0.0.1 disallows /private/x"
    assert caught.value.code == "fetch.robots"
    assert server.hits["/private/x"] == 0


def test_rules_for_our_product_token_apply(server):
    _robots(server, body=b"User-agent: babelwire\nDisallow: /feeds/\n")
    _pages(server, "/feeds/a")
    with Fetcher(local_options()) as fetcher, pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/feeds/a"))
    with Fetcher(local_options(user_agent="somebot/1.0")) as other:
        assert other.fetch(server.url("/feeds/a")).status == 200


@pytest.mark.parametrize("status", [404, 410, 403, 500, 503])
def test_missing_or_failing_robots_allows_all(server, status):
    _robots(server, status=status, body=b"nope")
    _pages(server, "/private/x")
    with Fetcher(local_options()) as fetcher:
        assert fetcher.fetch(server.url("/private/x")).status == 200


def test_robots_is_fetched_once_per_origin(server):
    _robots(server)
    _pages(server, "/public", "/other")
    with Fetcher(local_options()) as fetcher:
        for path in ["/public", "/other", "/public", "/other"]:
            fetcher.fetch(server.url(path))
        with pytest.raises(RobotsDisallowed):
            fetcher.fetch(server.url("/private/x"))
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/public"] == 2


def test_concurrent_first_requests_fetch_robots_once(server):
    _robots(server)
    _pages(server, "/public")
    errors = []
    with Fetcher(local_options(per_host_concurrency=4)) as fetcher:
        def worker():
            try:
                fetcher.fetch(server.url("/public"))
            except Exception as exc:  # noqa: BLE001 (collected and asserted below)
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert errors == []
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/public"] == 6


def test_robots_can_be_ignored(server):
    _robots(server)
    _pages(server, "/private/x")
    with Fetcher(local_options(respect_robots=False)) as fetcher:
        assert fetcher.fetch(server.url("/private/x")).status == 200
    assert server.hits["/robots.txt"] == 0


def test_failing_robots_is_logged(server, caplog):
    _robots(server, status=503, body=b"")
    _pages(server, "/public")
    with Fetcher(local_options()) as fetcher, caplog.at_level(logging.WARNING, logger="babelwire.fetch"):
        fetcher.fetch(server.url("/public"))
    assert "robots.txt of" in caplog.text
    assert "HTTP 503" in caplog.text
