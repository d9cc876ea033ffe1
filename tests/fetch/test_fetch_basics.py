"""Conditional GET, status and connection errors, URL schemes, headers."""

from __future__ import annotations

import socket

import httpx
import pytest

from babelwire.errors import ConfigError, ConnectError, FetchError, HTTPStatusError
from babelwire.fetch import DEFAULT_USER_AGENT, Fetcher, FetchOptions
from fetch_local import local_options

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT"


@pytest.fixture
def fetcher():
    with Fetcher(local_options(respect_robots=False)) as fetcher:
        yield fetcher


def _feed_route(server):
    @server.route("/feed.xml")
    def feed(handler):
        if handler.headers.get("If-None-Match") == ETAG:
            server.respond(handler, 304)
            return
        server.respond(handler, 200, b"<rss/>", {
            "Content-Type": "application/rss+xml; charset=ISO-8859-1",
            "ETag": ETAG,
            "Last-Modified": LAST_MODIFIED,
        })


def test_200_captures_validators_and_content_type(server, fetcher):
    _feed_route(server)
    result = fetcher.fetch(server.url("/feed.xml"))
    assert result.status == 200
    assert result.content == b"<rss/>"
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED
    assert result.content_type == "application/rss+xml"
    assert result.encoding == "iso-8859-1"
    assert result.not_modified is False
    assert result.url == result.final_url == server.url("/feed.xml")
    assert result.elapsed >= 0


def test_conditional_get_returns_not_modified(server, fetcher):
    _feed_route(server)
    first = fetcher.fetch(server.url("/feed.xml"))
    second = fetcher.fetch(server.url("/feed.xml"), etag=first.etag,
                           last_modified=first.last_modified)
    assert second.status == 304
    assert second.not_modified is True
    assert second.content == b""
    assert second.etag == ETAG  # carried back though the 304 omitted it
    assert second.last_modified == LAST_MODIFIED
    sent = server.headers["/feed.xml"][1]
    assert sent["if-none-match"] == ETAG
    assert sent["if-modified-since"] == LAST_MODIFIED


def test_404_raises_http_status_error(server, fetcher):
    with pytest.raises(HTTPStatusError) as caught:
        fetcher.fetch(server.url("/missing"))
    error = caught.value
    assert error.status == 404
    assert error.code == "fetch.http_status"
    assert error.message == "HTTP 404 Not Found"
    assert server.url("/missing") in str(error)
    assert "\n" not in error.one_line()


def test_connection_refused_raises_connect_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    with Fetcher(local_options(respect_robots=False)) as fetcher:
        with pytest.raises(ConnectError) as caught:
            fetcher.fetch(url)
    assert url in str(caught.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "/etc/passwd", "ftp://example.com/x"])
def test_non_http_urls_are_refused_without_reading(url, monkeypatch):
    def no_open(*args, **kwargs):
        raise AssertionError("tried to open a file")

    monkeypatch.setattr("builtins.open", no_open)
    with Fetcher(local_options()) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert "only http and https" in str(caught.value)
    assert url in str(caught.value)


def test_user_agent_and_accept_are_sent(server):
    server.route("/page")(lambda handler: server.respond(handler, 200, b"ok"))
    with Fetcher(local_options(respect_robots=False)) as default_fetcher:
        default_fetcher.fetch(server.url("/page"))
    with Fetcher(local_options(user_agent="tester/9.9", respect_robots=False)) as custom:
        custom.fetch(server.url("/page"), accept="application/atom+xml")
    first, second = server.headers["/page"]
    assert first["user-agent"] == DEFAULT_USER_AGENT
    assert second["user-agent"] == "tester/9.9"
    assert second["accept"] == "application/atom+xml"


def test_transport_can_be_swapped():
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"mocked", headers={"Content-Type": "text/plain"})

    options = local_options(respect_robots=False)
    with Fetcher(options, transport=httpx.MockTransport(handle)) as fetcher:
        result = fetcher.fetch("https://example.org/")
    assert result.content == b"mocked"
    assert result.encoding is None


def test_invalid_options_raise_config_error():
    with pytest.raises(ConfigError):
        FetchOptions(per_host_concurrency=0)
