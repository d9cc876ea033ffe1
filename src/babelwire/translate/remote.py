"""A JSON-over-HTTP client for translation servers: timeouts, retries with backoff.

Used by the LibreTranslate and OpenAI-compatible engines. A request is retried
on HTTP 429 and 5xx answers, connection errors and timeouts, waiting
``backoff``, then twice that, ... (or the server's ``Retry-After``, capped).
Any other failure is a ``TranslationError`` naming the server.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from babelwire.errors import TranslationError

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 30.0  # seconds: the longest pause between two attempts


@dataclass(frozen=True)
class ServerOptions:
    url: str
    api_key: str = ""
    timeout: float = 60.0  # seconds to wait for an answer
    connect_timeout: float = 10.0
    retries: int = 3  # attempts after the first
    backoff: float = 0.5  # seconds before the first retry, doubled each time


class JSONClient:
    """Sends JSON requests to one server; the HTTP client is created on first use."""

    def __init__(self, engine: str, options: ServerOptions, headers: dict[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.engine = engine
        self.options = options
        self.headers = headers or {}
        self.transport = transport
        self.sleep = sleep
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def client(self) -> httpx.Client:
        """The shared HTTP client (httpx pools connections and is safe across threads)."""
        with self._lock:
            if self._client is None:
                timeout = httpx.Timeout(self.options.timeout, connect=self.options.connect_timeout)
                self._client = httpx.Client(base_url=self.options.url.rstrip("/"), timeout=timeout,
                                            headers=self.headers, transport=self.transport)
            return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def request(self, method: str, path: str, payload: Any = None) -> Any:
        """The decoded JSON answer; retried on 429/5xx and network errors."""
        attempt = 0
        while True:
            try:
                response = self.client().request(method, path, json=payload)
            except httpx.TransportError as exc:
                failure, wait = f"{type(exc).__name__}: {exc}", None
            else:
                if response.status_code < 400:
                    return self._decode(response)
                if response.status_code not in RETRY_STATUSES:
                    raise TranslationError(f"{self.engine} refused the request (HTTP {response.status_code}): "
                                           f"{_detail(response)}", url=str(response.url))
                failure, wait = f"HTTP {response.status_code}", _retry_after(response)
            if attempt >= self.options.retries:
                raise TranslationError(f"{self.engine} failed after {attempt + 1} attempts: {failure}",
                                       url=self.options.url)
            pause = min(MAX_WAIT, wait if wait is not None else self.options.backoff * 2 ** attempt)
            log.info("%s: %s; retrying in %.2fs", self.engine, failure, pause)
            self.sleep(pause)
            attempt += 1

    def _decode(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise TranslationError(f"{self.engine} answered with something other than JSON",
                                   url=str(response.url)) from exc


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("retry-after", "")))
    except ValueError:
        return None


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip().splitlines()[0][:200] if response.text.strip() else "no message"
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict):
            error = error.get("message", error)
        return str(error)[:200]
    return str(body)[:200]
