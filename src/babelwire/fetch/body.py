"""Read a response body under a byte cap and a wall-clock deadline.

We decode ``Content-Encoding`` ourselves instead of using ``httpx``'s
``iter_bytes()``: httpx inflates each raw network chunk in one call with no
output limit, so one 64 KiB read of a gzip bomb can become ~64 MiB in memory
before we get a chance to count it. Here every inflate call is bounded by
``max_length``, so memory stays near ``max_bytes`` plus one small chunk.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator

import httpx

from babelwire.errors import FetchError, FetchTimeout, ResponseTooLarge, UnsupportedContent

DECODE_CHUNK = 64 * 1024  # most bytes one inflate call may produce


class Deadline:
    """A wall-clock budget. ``extend`` adds time spent queueing on our own side (host pacing).

    ``fetch.network.deadline_scope`` makes every socket wait respect it; ``check`` is
    the explicit test between steps.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def extend(self, seconds: float) -> None:
        self._end += seconds

    def check(self, url: str) -> None:
        """Raise ``FetchTimeout`` once the budget is spent."""
        if self.remaining() <= 0:
            raise FetchTimeout(f"did not finish within the {self.seconds:g}s deadline", url=url)


class _Identity:
    def decode(self, data: bytes) -> Iterator[bytes]:
        yield data

    def flush(self) -> bytes:
        return b""


class _Inflate:
    """gzip or deflate, inflated at most ``DECODE_CHUNK`` bytes per call."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._inflater = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback  # some servers send raw deflate
        self._started = False

    def decode(self, data: bytes) -> Iterator[bytes]:
        if not self._started and data:
            self._started = True
            data = self._detect_raw_deflate(data)
        pending = data
        while pending:
            out = self._inflater.decompress(pending, DECODE_CHUNK)
            tail = self._inflater.unconsumed_tail
            if not out and len(tail) == len(pending):
                break  # no progress: nothing more to get from this input
            pending = tail
            if out:
                yield out

    def flush(self) -> bytes:
        return self._inflater.flush()

    def _detect_raw_deflate(self, data: bytes) -> bytes:
        if not self._raw_fallback:
            return data
        probe = zlib.decompressobj(zlib.MAX_WBITS)
        try:
            probe.decompress(data[:64], 1)
        except zlib.error:
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        return data


def _decoder_for(content_encoding: str, url: str) -> _Identity | _Inflate:
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return _Identity()
    if codings in (["gzip"], ["x-gzip"]):
        return _Inflate(zlib.MAX_WBITS | 16)
    if codings == ["deflate"]:
        return _Inflate(zlib.MAX_WBITS, raw_fallback=True)
    raise UnsupportedContent(f"unsupported Content-Encoding {content_encoding!r}", url=url)


def check_content_length(response: httpx.Response, max_bytes: int, url: str) -> None:
    """Refuse early when the server announces more than ``max_bytes``."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(
            f"Content-Length {declared} exceeds the {max_bytes}-byte limit", url=url
        )


def read_body(response: httpx.Response, *, max_bytes: int, deadline: Deadline, url: str) -> bytes:
    """The decoded body; ``ResponseTooLarge`` or ``FetchTimeout`` as soon as a limit is passed."""
    check_content_length(response, max_bytes, url)
    if response.is_stream_consumed:  # built in memory (MockTransport) and decoded by httpx
        _append_capped(bytearray(), response.content, max_bytes, url)
        return response.content
    decoder = _decoder_for(response.headers.get("content-encoding", ""), url)
    body = bytearray()
    try:
        for raw in response.iter_raw():
            deadline.check(url)
            for piece in decoder.decode(raw):
                _append_capped(body, piece, max_bytes, url)
        _append_capped(body, decoder.flush(), max_bytes, url)
    except zlib.error as exc:
        raise FetchError(f"could not decode the compressed body: {exc}", url=url) from exc
    return bytes(body)


def _append_capped(body: bytearray, piece: bytes, max_bytes: int, url: str) -> None:
    if len(body) + len(piece) > max_bytes:
        raise ResponseTooLarge(
            f"body exceeds the {max_bytes}-byte limit after decompression", url=url
        )
    body += piece
