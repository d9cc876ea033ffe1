"""The Fetcher: one shared httpx client, limits, redirects, robots.txt and per-host pacing."""

from __future__ import annotations

import http
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable
from email.message import Message
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from babelwire.errors import (
    BlockedAddress,
    ConfigError,
    ConnectError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooManyRedirects,
)
from babelwire.fetch.addresses import AddressPolicy
from babelwire.fetch.body import Deadline, read_body
from babelwire.fetch.guard import Resolver, check_url
from babelwire.fetch.hosts import HostGates
from babelwire.fetch.network import GuardedTransport, current_deadline, deadline_scope
from babelwire.fetch.robots import RobotsCache

logger = logging.getLogger(__name__)

DEFAULT_USER_AGENT = (
    "babelwire/0.1 (+https://github.com/babelwire/babelwire; self-hosted news monitor)"
)
MIB = 1024 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/xml;q=0.9, */*;q=0.5")


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how far a Fetcher goes. Times are in seconds."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest wait for any one read
    total_deadline: float = 60.0  # wall clock for one fetch: DNS, connect, redirects, body
    feed_deadline: float = 30.0  # the same for feeds (fetch_feed) and robots.txt
    max_bytes: int = 10 * MIB  # cap on the decompressed body
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_delay: float = 0.0  # minimum gap between request starts to one host
    respect_robots: bool = True
    allow_addresses: tuple[str, ...] = ()  # private/loopback hosts, IPs, CIDRs[:port] allowed

    def __post_init__(self) -> None:
        positive = ("connect_timeout", "read_timeout", "total_deadline", "feed_deadline",
                    "max_bytes", "per_host_concurrency")
        for name in positive:
            value = getattr(self, name)
            if value <= 0:
                raise ConfigError(f"fetch option {name} must be positive, got {value!r}")
        for name in ("max_redirects", "per_host_delay"):
            value = getattr(self, name)
            if value < 0:
                raise ConfigError(f"fetch option {name} must not be negative, got {value!r}")


@dataclass(frozen=True)
class FetchResult:
    """One successful fetch (2xx, or 304 with ``not_modified`` and empty content)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str | None  # media type only, lower-case, e.g. "text/html"
    encoding: str | None  # charset from the Content-Type header
    etag: str | None
    last_modified: str | None
    not_modified: bool
    elapsed: float  # seconds


@dataclass(frozen=True)
class _Hop:
    """One request/response of a redirect chain."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    location: str | None = None


@dataclass(frozen=True)
class Exchange:
    """One request and its response as exchanged, for a recorder (the evidence archive).
    ``content`` is the decoded body; ``response_headers`` are as the server sent them."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    reason: str
    http_version: str
    response_headers: tuple[tuple[str, str], ...]
    content: bytes
    at: datetime


class Fetcher:
    """Polite, thread-safe HTTP GETs. Share one per process; close it when done.

    Every request and redirect hop passes the SSRF guard (``fetch.guard``); with the
    default transport every connection is resolved, checked and pinned
    (``fetch.network``). An injected ``transport`` (tests) gets the URL checks only.
    """

    def __init__(self, options: FetchOptions | None = None,
                 transport: httpx.BaseTransport | None = None,
                 resolver: Resolver | None = None,
                 recorder: Callable[[Exchange], None] | None = None) -> None:
        self.options = options or FetchOptions()
        self.recorder = recorder  # called with each exchange that has an answer (not 304)
        self.policy = AddressPolicy.from_entries(self.options.allow_addresses)
        self._client = httpx.Client(
            transport=transport or GuardedTransport(self.policy, resolver=resolver),
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: it would resolve names for us
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._gates = HostGates(self.options.per_host_concurrency, self.options.per_host_delay)
        self._robots = (
            RobotsCache(self.options.user_agent, self._download_robots)
            if self.options.respect_robots else None
        )

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: str | None = None, deadline: float | None = None) -> FetchResult:
        """GET ``url``; raises a ``FetchError`` subclass on any failure.

        ``deadline`` (seconds, default ``total_deadline``) bounds the whole fetch:
        robots.txt, DNS, connects, redirects, headers and body.
        """
        started = time.monotonic()
        headers = _conditional_headers(etag, last_modified, accept)
        seconds = deadline if deadline is not None else self.options.total_deadline
        hop = self._follow(url, headers, seconds, check_robots=True)
        result = _result(url, hop, etag, last_modified, time.monotonic() - started)
        logger.debug("fetched %s -> %s in %.2fs", url, hop.status, result.elapsed)
        return result

    def fetch_feed(self, url: str, *, etag: str | None = None,
                   last_modified: str | None = None) -> FetchResult:
        """GET a feed: feed media types accepted, abandoned after ``feed_deadline`` seconds."""
        return self.fetch(url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT,
                          deadline=self.options.feed_deadline)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _download_robots(self, robots_url: str) -> bytes:
        """robots.txt within ``feed_deadline``, and within what is left of the page's deadline."""
        headers = {"Accept": "text/plain, */*;q=0.1"}
        outer = current_deadline()
        seconds = self.options.feed_deadline
        if outer is not None:
            seconds = max(min(seconds, outer.remaining()), 0.001)
        return self._follow(robots_url, headers, seconds, check_robots=False).content

    def _follow(self, url: str, headers: dict[str, str], seconds: float, *,
                check_robots: bool) -> _Hop:
        """Request ``url``, following up to ``max_redirects`` redirects by hand."""
        with deadline_scope(seconds) as deadline:
            current = url
            for _ in range(self.options.max_redirects + 1):
                check_url(current, self.policy)
                if check_robots and self._robots is not None:
                    self._check_robots(current)
                hop = self._request(current, headers, deadline)
                if hop.location is None:
                    return hop
                logger.debug("%s redirects (%s) to %s", current, hop.status, hop.location)
                current = hop.location
        raise TooManyRedirects(
            f"more than {self.options.max_redirects} redirects, the last to {current}", url=url
        )

    def _check_robots(self, url: str) -> None:
        assert self._robots is not None
        try:
            self._robots.check(url)
        except BlockedAddress as error:  # robots.txt lives on the same, refused, host
            raise BlockedAddress(error.message, url=url) from None

    def _request(self, url: str, headers: dict[str, str], deadline: Deadline) -> _Hop:
        with self._gates.slot(_host_key(url)) as waited:
            deadline.extend(waited)  # queueing for the host is not the server's fault
            with _mapped_errors(url, deadline):
                deadline.check(url)
                request = self._client.build_request(
                    "GET", url, headers=headers, timeout=self._timeout(deadline)
                )
                response = self._client.send(request, stream=True)
                try:
                    hop = self._read(url, response, deadline)
                finally:
                    response.close()
        if self.recorder is not None and hop.status != 304:
            self.recorder(_exchange(request, response, hop))
        return hop

    def _timeout(self, deadline: Deadline) -> httpx.Timeout:
        """Per-phase timeouts, never longer than what is left of the deadline."""
        left = max(deadline.remaining(), 0.001)
        read = min(self.options.read_timeout, left)
        return httpx.Timeout(
            connect=min(self.options.connect_timeout, left), read=read, write=read, pool=left
        )

    def _read(self, url: str, response: httpx.Response, deadline: Deadline) -> _Hop:
        status = response.status_code
        location = response.headers.get("location")
        if status in REDIRECT_STATUSES and location:
            return _Hop(url, status, response.headers, b"", str(response.url.join(location)))
        if status == 304:
            return _Hop(url, status, response.headers, b"")
        if not 200 <= status < 300:
            raise HTTPStatusError(f"HTTP {status} {_reason(response)}", url=url, status=status)
        content = read_body(response, max_bytes=self.options.max_bytes, deadline=deadline, url=url)
        deadline.check(url)
        return _Hop(url, status, response.headers, content)


def _exchange(request: httpx.Request, response: httpx.Response, hop: _Hop) -> Exchange:
    return Exchange(url=hop.url, request_headers=tuple(request.headers.items()),
                    status=hop.status, reason=_reason(response),
                    http_version=response.http_version or "HTTP/1.1",
                    response_headers=tuple(response.headers.items()), content=hop.content,
                    at=datetime.now(timezone.utc))


def _host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _conditional_headers(etag: str | None, last_modified: str | None,
                         accept: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept:
        headers["Accept"] = accept
    return headers


def _reason(response: httpx.Response) -> str:
    if response.reason_phrase:
        return response.reason_phrase
    try:
        return http.HTTPStatus(response.status_code).phrase
    except ValueError:
        return "(no reason given)"


def _media_type_and_charset(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    message = Message()
    message["content-type"] = value
    return message.get_content_type(), message.get_content_charset()


def _result(url: str, hop: _Hop, etag: str | None, last_modified: str | None,
            elapsed: float) -> FetchResult:
    not_modified = hop.status == 304
    given_etag, given_last_modified = (etag, last_modified) if not_modified else (None, None)
    media_type, charset = _media_type_and_charset(hop.headers.get("content-type"))
    return FetchResult(
        url=url,
        final_url=hop.url,
        status=hop.status,
        content=hop.content,
        content_type=media_type,
        encoding=charset,
        etag=hop.headers.get("etag") or given_etag,
        last_modified=hop.headers.get("last-modified") or given_last_modified,
        not_modified=not_modified,
        elapsed=elapsed,
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


@contextmanager
def _mapped_errors(url: str, deadline: Deadline) -> Iterator[None]:
    """Turn httpx's exceptions into babelwire's, keeping the cause."""
    try:
        yield
    except BlockedAddress as exc:  # raised by the guarded backend, which knows no URL
        raise BlockedAddress(exc.message, url=url) from None
    except httpx.TimeoutException as exc:
        if deadline.remaining() <= 0:
            raise FetchTimeout(f"did not finish within the {deadline.seconds:g}s deadline",
                               url=url) from exc
        raise FetchTimeout(f"timed out ({type(exc).__name__}): {_one_line(exc)}", url=url) from exc
    except httpx.ConnectError as exc:
        raise ConnectError(f"could not connect: {_one_line(exc)}", url=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {_one_line(exc)}", url=url) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {_one_line(exc)}", url=url) from exc
