"""Deadline, decompressed size cap, redirects."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib

import pytest

from babelwire.errors import FetchTimeout, ResponseTooLarge, TooManyRedirects
from babelwire.fetch import Fetcher
from fetch_local import local_options

MIB = 1024 * 1024


def _gzip_of_zeros(size: int) -> bytes:
    """Gzip ``size`` zero bytes without holding them all in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(MIB)
    parts = [compressor.compress(block) for _ in range(size // MIB)]
    parts.append(compressor.flush())
    return b"".join(parts)


def test_drip_feed_hits_the_total_deadline(server):
    @server.route("/drip")
    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            while server.sleep(1.0):
                handler.wfile.write(b"x")
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up

    options = local_options(total_deadline=1.5, read_timeout=5, respect_robots=False)
    started = time.monotonic()
    with Fetcher(options) as fetcher, pytest.raises(FetchTimeout) as caught:
        fetcher.fetch(server.url("/drip"))
    assert time.monotonic() - started < 6  # generous bound: far below read_timeout * drips
    assert server.url("/drip") in str(caught.value)


def test_gzip_bomb_is_stopped_without_inflating_it(server):
    bomb = _gzip_of_zeros(50 * MIB)
    assert len(bomb) < 200 * 1024

    @server.route("/bomb")
    def serve_bomb(handler):
        headers = {"Content-Encoding": "gzip", "Content-Type": "text/html"}
        server.respond(handler, 200, bomb, headers)

    options = local_options(max_bytes=MIB, respect_robots=False)
    with Fetcher(options) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge) as caught:
                fetcher.fetch(server.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 20 * MIB
    assert "decompression" in str(caught.value)


def test_small_gzip_body_is_decoded(server):
    body = b"<html>" + b"hello " * 1000 + b"</html>"

    @server.route("/gz")
    def serve_gzip(handler):
        server.respond(handler, 200, gzip.compress(body), {"Content-Encoding": "gzip"})

    with Fetcher(local_options(respect_robots=False)) as fetcher:
        assert fetcher.fetch(server.url("/gz")).content == body


def test_declared_content_length_over_cap_is_refused(server):
    server.route("/big")(lambda handler: server.respond(handler, 200, b"x" * 5000))
    with Fetcher(local_options(max_bytes=1000, respect_robots=False)) as fetcher:
        with pytest.raises(ResponseTooLarge, match="Content-Length 5000"):
            fetcher.fetch(server.url("/big"))


def test_redirect_loop_raises_too_many_redirects(server):
    server.route("/a")(lambda handler: server.respond(handler, 302, headers={"Location": "/b"}))
    server.route("/b")(lambda handler: server.respond(handler, 302, headers={"Location": "/a"}))
    with Fetcher(local_options(max_redirects=5, respect_robots=False)) as fetcher:
        with pytest.raises(TooManyRedirects) as caught:
            fetcher.fetch(server.url("/a"))
    message = str(caught.value)
    assert "more than 5 redirects" in message
    assert server.url("/a") in message
    assert server.hits["/a"] + server.hits["/b"] == 6


def test_two_hop_redirect_reports_final_url(server):
    server.route("/old")(lambda handler: server.respond(
        handler, 301, headers={"Location": "/moved"}))
    server.route("/moved")(lambda handler: server.respond(
        handler, 307, headers={"Location": server.url("/new")}))
    server.route("/new")(lambda handler: server.respond(handler, 200, b"here"))
    with Fetcher(local_options(respect_robots=False)) as fetcher:
        result = fetcher.fetch(server.url("/old"))
    assert result.url == server.url("/old")
    assert result.final_url == server.url("/new")
    assert result.content == b"here"


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_deflate_bodies_are_decoded(server, wbits):
    body = b"deflated " * 500
    compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
    encoded = compressor.compress(body) + compressor.flush()

    @server.route("/deflate")
    def serve_deflate(handler):
        server.respond(handler, 200, encoded, {"Content-Encoding": "deflate"})

    with Fetcher(local_options(respect_robots=False)) as fetcher:
        assert fetcher.fetch(server.url("/deflate")).content == body
