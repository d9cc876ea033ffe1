"""Whole-response cache for the busiest pages, exact: valid only while the store is unchanged.

SQLite's ``PRAGMA data_version`` changes whenever another connection (this
process's writer, a worker in another process) commits; one dedicated
connection reads it before every lookup, and the cache empties itself when it
moved. So a cached page is never stale; it only spares rendering the same
home page or feed again between two ingests. Keyed by address (host, path,
query) and the reader's language; ``web.cache_entries = 0`` turns it off.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from .context import reader_language, web_of

Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Stored:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class PageCache:
    """At most ``size`` responses, least recently used dropped first."""

    def __init__(self, path: str, size: int) -> None:
        self.size = size if path != ":memory:" else 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, ...], Stored] = OrderedDict()
        self._version: int | None = None
        self._conn = None
        if self.size:
            self._conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False)

    def _fresh(self) -> None:
        """Empty the cache if anything was committed since the last look (lock held)."""
        version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._entries.clear()
            self._version = version

    def get(self, key: tuple[str, ...]) -> Stored | None:
        with self._lock:
            self._fresh()
            stored = self._entries.get(key)
            if stored is not None:
                self._entries.move_to_end(key)
            return stored

    def put(self, key: tuple[str, ...], response: Response) -> None:
        if response.status_code != 200 or not hasattr(response, "body"):
            return
        with self._lock:
            self._entries[key] = Stored(response.status_code, tuple(response.raw_headers),
                                        bytes(response.body))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def cached(handler: Handler) -> Handler:
    """``handler`` answered from the page cache when the same page was rendered unchanged."""

    @wraps(handler)
    def answer(request: Request) -> Response:
        cache: PageCache | None = getattr(request.app.state, "page_cache", None)
        if cache is None or not cache.size or request.method != "GET":
            return handler(request)
        key = (str(request.base_url), request.url.path, request.url.query,
               reader_language(request), web_of(request).settings["targets"][0])
        stored = cache.get(key)
        if stored is not None:
            response = Response(stored.body, status_code=stored.status)
            response.raw_headers = list(stored.headers)
            return response
        response = handler(request)
        cache.put(key, response)
        return response

    return answer
