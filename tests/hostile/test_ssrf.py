"""The SSRF guard against real servers on 127.0.0.1: refused, recorded, never requested.

Each "target" server stands for something inside the network (an admin page, a
metadata service); the guard passes when it has seen zero requests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fetch"))

from local_http import RecordingServer  # noqa: E402

from babelwire.errors import BlockedAddress, FetchError, UnsupportedScheme  # noqa: E402
from babelwire.fetch import Fetcher, FetchOptions  # noqa: E402

SECRET = (200, {"Content-Type": "text/html"}, b"<html><body><h1>internal secret-admin</h1></body></html>")


def fetcher(*allow: str, robots: bool = False, resolver=None) -> Fetcher:
    options = FetchOptions(allow_addresses=allow, respect_robots=robots, per_host_delay=0.0)
    return Fetcher(options, resolver=resolver)


@pytest.fixture
def target():
    with RecordingServer({"/internal/secret-admin": SECRET, "/robots.txt": (404, {}, b"")}) as srv:
        yield srv


def test_loopback_ip_not_allowlisted_is_refused_with_a_clear_message(target):
    url = target.url("/internal/secret-admin")
    with fetcher() as client, pytest.raises(BlockedAddress) as caught:
        client.fetch(url)
    assert caught.value.code == "fetch.blocked_address"
    line = caught.value.one_line()
    assert line.startswith("error[fetch.blocked_address]: 127.0.0.1, a loopback address")
    assert url in line and f'"127.0.0.1:{target.port}"' in line and "fetch.allow_addresses" in line
    assert target.requests == 0


def test_allowlisting_exactly_one_port_lets_only_that_port_through(target):
    with RecordingServer({"/ok": (200, {}, b"fine")}) as other:
        with fetcher(other.entry) as client:
            assert client.fetch(other.url("/ok")).content == b"fine"
            with pytest.raises(BlockedAddress):
                client.fetch(target.url("/internal/secret-admin"))
    assert target.requests == 0 and other.hits["/ok"] == 1


@pytest.mark.parametrize("spelling", ["0x7f000001", "2130706433", "127.1", "0177.0.0.1",
                                      "0x7f.1", "127.0.0.01", "0"])
def test_odd_ipv4_spellings_are_judged_as_the_real_address(target, spelling):
    url = f"http://{spelling}:{target.port}/internal/secret-admin"
    with fetcher() as client, pytest.raises(BlockedAddress) as caught:
        client.fetch(url)
    assert f"{spelling} means " in str(caught.value)
    assert target.requests == 0


@pytest.mark.parametrize("spelling", ["0x7f000001", "2130706433", "127.1"])
def test_an_odd_spelling_of_an_allowlisted_address_connects_to_that_address(target, spelling):
    with fetcher(target.entry) as client:
        result = client.fetch(f"http://{spelling}:{target.port}/internal/secret-admin")
    assert result.status == 200 and target.hits["/internal/secret-admin"] == 1


@pytest.mark.parametrize("host", ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[64:ff9b::7f00:1]",
                                  "[::1]", "[::127.0.0.1]", "[fe80::1]", "[fd00::1]"])
def test_ipv6_forms_of_inside_addresses_are_refused(target, host):
    with fetcher() as client, pytest.raises(BlockedAddress):
        client.fetch(f"http://{host}:{target.port}/internal/secret-admin")
    assert target.requests == 0


def test_a_host_name_that_resolves_to_loopback_is_refused(target):
    with fetcher() as client, pytest.raises(BlockedAddress) as caught:
        client.fetch(target.url("/internal/secret-admin", host="localhost"))
    assert "localhost resolves to " in str(caught.value)
    assert target.requests == 0


def test_a_name_resolving_inside_is_refused_and_allowlisting_it_connects_to_the_checked_address(
        target):
    calls = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"] if host == "intranet.test" else []

    url = target.url("/internal/secret-admin", host="intranet.test")
    with fetcher(resolver=resolver) as client, pytest.raises(BlockedAddress) as caught:
        client.fetch(url)
    assert "intranet.test resolves to 127.0.0.1" in str(caught.value)
    assert f'"intranet.test:{target.port}"' in str(caught.value) and target.requests == 0
    with fetcher(f"intranet.test:{target.port}", resolver=resolver) as client:
        assert client.fetch(url).status == 200
    assert target.hosts == [f"intranet.test:{target.port}"]  # Host header kept, IP connected
    assert calls == ["intranet.test", "intranet.test"]  # once per fetcher's connection


@pytest.mark.parametrize("location", [
    "http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/", "http://[::1]/", "http://0x0a000001/", "file:///etc/passwd",
    "gopher://127.0.0.1:70/"])
def test_every_redirect_hop_is_checked(location):
    routes = {"/go": (302, {"Location": location}, b"")}
    with RecordingServer(routes) as start, fetcher(start.entry) as client:
        with pytest.raises(FetchError) as caught:
            client.fetch(start.url("/go"))
    assert isinstance(caught.value, (BlockedAddress, UnsupportedScheme))
    assert urlsplit(caught.value.url)[:2] == urlsplit(location)[:2]  # the refused hop is named


def test_a_redirect_to_a_loopback_port_not_allowlisted_never_reaches_it(target):
    for location in (target.url("/internal/secret-admin"),
                     target.url("/internal/secret-admin", host="localhost")):
        with RecordingServer({"/go": (301, {"Location": location}, b"")}) as start:
            with fetcher(start.entry) as client, pytest.raises(BlockedAddress):
                client.fetch(start.url("/go"))
            assert start.hits["/go"] == 1
    assert target.requests == 0


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/",
                                 "javascript:alert(1)", "data:text/html,hi", "dict://127.0.0.1:11211/"])
def test_other_schemes_are_refused(url):
    with fetcher("127.0.0.0/8") as client, pytest.raises(UnsupportedScheme) as caught:
        client.fetch(url)
    assert caught.value.code == "fetch.scheme"


def test_robots_txt_goes_through_the_guard(target):
    with fetcher(robots=True) as client, pytest.raises(BlockedAddress) as caught:
        client.fetch(target.url("/internal/secret-admin", host="localhost"))
    assert caught.value.url == target.url("/internal/secret-admin", host="localhost")
    assert target.requests == 0  # not even /robots.txt


def test_a_robots_txt_redirecting_inside_is_not_followed(target):
    routes = {"/robots.txt": (302, {"Location": target.url("/robots.txt")}, b""),
              "/page": (200, {"Content-Type": "text/html"}, b"<p>public</p>")}
    with RecordingServer(routes) as site, fetcher(site.entry, robots=True) as client:
        assert client.fetch(site.url("/page")).content == b"<p>public</p>"
        assert site.hits["/robots.txt"] == 1
    assert target.requests == 0


def json_feed(*item_urls: str) -> bytes:
    items = [{"id": str(n), "url": url, "title": f"Item {n}", "content_text": "x"}
             for n, url in enumerate(item_urls)]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Hostile",
                       "items": items}).encode()
