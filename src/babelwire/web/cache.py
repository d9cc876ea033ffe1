"""Whole-response cache for the busiest pages, exact: valid only while the store is unchanged.

The store's ``change_token()`` changes whenever anyone (this process's
writer, a worker in another process) commits (SQLite: ``PRAGMA data_version``
on a dedicated connection); the cache reads it before every lookup and empties
itself when it moved; a store that cannot tell (in memory) is never cached. So a cached page is never stale; it only spares rendering the same
home page or feed again between two ingests. Keyed by address (host, path,
query) and the reader's language; ``web.cache_entries = 0`` turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

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

    def __init__(self, store: Any, size: int) -> None:
        self._store = store
        self.size = size if size and store.change_token() is not None else 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, ...], Stored] = OrderedDict()
        self._version: int | None = None

    def _fresh(self) -> None:
        """Empty the cache if anything was committed since the last look (lock held)."""
        version = self._store.change_token()
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
        """Nothing to release: the store owns its connections."""


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
