"""robots.txt: fetched once per origin, cached with a TTL, matched by product token.

Status policy (RFC 9309 section 2.3.1):

- 2xx: parse the rules.
- 4xx (404, 410, 401, 403, 429 ...): "unavailable", so everything is allowed,
  as the RFC says.
- 5xx, network errors, timeouts, oversized files: the RFC says to assume
  complete disallow. We deliberately allow instead, log a warning, and cache
  that answer only briefly (``FAILURE_TTL``) so a real robots.txt is picked up
  soon. Why: babelwire is a low-volume, paced monitor of feeds that publishers
  put out to be polled; many CDNs answer non-browser clients with 5xx on
  /robots.txt, and treating that as "disallow" would silently stop monitoring
  a source while saving the server almost no load. The per-host concurrency
  and pacing limits still apply, which is the politeness that matters when a
  server is struggling.
- A robots.txt that redirects to an address the SSRF guard refuses: treated
  as unavailable (allow), like a 4xx. When the guard refuses the origin
  itself, ``BlockedAddress`` is raised: every page there is refused anyway.

robots.txt is fetched within ``feed_deadline`` and within what is left of the
deadline of the fetch that needed it (one deadline per request).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from babelwire.errors import BlockedAddress, FetchError, HTTPStatusError, RobotsDisallowed

logger = logging.getLogger(__name__)

ROBOTS_TTL = 3600.0  # seconds a fetched (or 4xx) robots.txt is trusted
FAILURE_TTL = 300.0  # seconds an unreachable / 5xx robots.txt counts as "allow all"
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class _Entry:
    parser: RobotFileParser | None  # None means "allow everything"
    expires_at: float


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` with the default port dropped, lower-cased."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def product_token(user_agent: str) -> str:
    """``babelwire`` from ``babelwire/0.1 (+https://...)``."""
    words = user_agent.split("/", 1)[0].split()
    return words[0] if words else "*"


class RobotsCache:
    """Answers "may we fetch this URL?"; ``download(url) -> bytes`` fetches robots.txt."""

    def __init__(
        self,
        user_agent: str,
        download: Callable[[str], bytes],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._agent = product_token(user_agent)
        self._download = download
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._origin_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """Raise ``RobotsDisallowed`` if the origin's robots.txt forbids ``url``."""
        parser = self._rules(origin_of(url))
        if parser is None or parser.can_fetch(self._agent, url):
            return
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        raise RobotsDisallowed(f"robots.txt of {parts.hostname} disallows {path}", url=url)

    def _rules(self, origin: str) -> RobotFileParser | None:
        # One lock per origin: concurrent first requests fetch robots.txt once.
        with self._origin_lock(origin):
            entry = self._entries.get(origin)
            if entry is None or entry.expires_at <= self._clock():
                entry = self._load(origin)
                self._entries[origin] = entry
            return entry.parser

    def _origin_lock(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._origin_locks.setdefault(origin, threading.Lock())

    def _load(self, origin: str) -> _Entry:
        robots_url = f"{origin}/robots.txt"
        now = self._clock()
        try:
            body = self._download(robots_url)
        except HTTPStatusError as exc:
            if 400 <= exc.status < 500:
                logger.debug("no robots.txt at %s (HTTP %s): allowing all", origin, exc.status)
                return _Entry(None, now + ROBOTS_TTL)
            return self._failed(origin, exc, now)
        except BlockedAddress as exc:
            if exc.url == robots_url:
                raise  # the guard refused the origin itself: so is every page on it
            # robots.txt redirects to a refused address: unreachable, like a 4xx
            logger.warning("robots.txt of %s is out of bounds, allowing all: %s", origin, exc)
            return _Entry(None, now + ROBOTS_TTL)
        except FetchError as exc:
            return self._failed(origin, exc, now)
        parser = RobotFileParser(robots_url)
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return _Entry(parser, now + ROBOTS_TTL)

    @staticmethod
    def _failed(origin: str, exc: FetchError, now: float) -> _Entry:
        # Deliberate deviation from RFC 9309 (5xx => disallow all): see module docstring.
        logger.warning("robots.txt of %s unavailable, allowing all for now: %s", origin, exc)
        return _Entry(None, now + FAILURE_TTL)
