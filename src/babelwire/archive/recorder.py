"""Write each fetched exchange as WARC records (warcio), deduplicated by payload digest.

Files are ``<archive dir>/YYYY-MM-DD.warc.gz`` (UTC day of the fetch), each record
its own gzip member, so any record can be copied out by offset and length. The
payload is stored decoded (the fetcher decompresses); ``Content-Encoding`` and
``Transfer-Encoding`` are then renamed ``X-Archive-Orig-*`` and ``Content-Length``
set to the stored payload, so the record replays as what was read. A payload
already kept becomes a ``revisit`` record pointing at the first copy.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import threading
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..clock import iso
from ..fetch.client import Exchange
from ..storage.watch_records import ArchiveRecord

log = logging.getLogger(__name__)

RENAMED_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
SOFTWARE = "babelwire evidence archive"


def payload_digest(content: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(content).digest()).decode("ascii")


def stored_headers(exchange: Exchange) -> list[tuple[str, str]]:
    headers = []
    for name, value in exchange.response_headers:
        if name.lower() in RENAMED_HEADERS:
            headers.append((f"X-Archive-Orig-{name}", value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(len(exchange.content))))
    return headers


def warcinfo(writer: WARCWriter, filename: str) -> None:
    writer.write_record(writer.create_warcinfo_record(
        filename, {"software": SOFTWARE, "format": "WARC File Format 1.1"}))


class Recorder:
    """The fetcher's recorder: call it with each ``Exchange``. Thread-safe."""

    def __init__(self, store, folder: Path) -> None:
        self.store = store
        self.folder = Path(folder)
        self._lock = threading.Lock()

    def __call__(self, exchange: Exchange) -> None:
        try:
            self.record(exchange)
        except (OSError, ValueError) as error:  # the fetch itself succeeded; keep going
            log.warning("archive: %s not kept: %s", exchange.url, error)

    def record(self, exchange: Exchange) -> ArchiveRecord:
        digest = payload_digest(exchange.content)
        when = iso(exchange.at)
        with self._lock:
            original = self.store.archive.original_of(digest) if exchange.content else None
            path = self.folder / f"{when[:10]}.warc.gz"
            self.folder.mkdir(parents=True, exist_ok=True)
            with path.open("ab") as handle:
                offset = handle.seek(0, 2)
                writer = WARCWriter(handle, gzip=True, warc_version="1.1")
                if offset == 0:
                    warcinfo(writer, path.name)
                    offset = handle.tell()
                record_id = self._write(writer, exchange, digest, when, original)
                length = handle.tell() - offset
            kept = ArchiveRecord(id=0, record_id=record_id, uri=exchange.url, fetched_at=when,
                                 kind="revisit" if original else "response",
                                 payload_digest=digest, file=path.name, offset=offset,
                                 length=length, refers_to=original.id if original else None)
            return ArchiveRecord(**{**kept.__dict__, "id": self.store.archive.add_record(kept)})

    def _write(self, writer: WARCWriter, exchange: Exchange, digest: str, when: str,
               original: ArchiveRecord | None) -> str:
        protocol = exchange.http_version
        if not protocol.startswith("HTTP/"):
            protocol = "HTTP/1.1"
        http_headers = StatusAndHeaders(f"{exchange.status} {exchange.reason}",
                                        stored_headers(exchange), protocol=protocol)
        date = {"WARC-Date": when}
        if original is None:
            response = writer.create_warc_record(exchange.url, "response",
                                                 payload=BytesIO(exchange.content),
                                                 http_headers=http_headers, warc_headers_dict=date)
        else:
            response = writer.create_revisit_record(
                exchange.url, digest, original.uri, original.fetched_at, http_headers=http_headers,
                warc_headers_dict={**date, "WARC-Refers-To": original.record_id})
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        writer.write_record(response)
        writer.write_record(self._request(writer, exchange, date, record_id))
        return record_id

    def _request(self, writer: WARCWriter, exchange: Exchange, date: dict, concurrent: str):
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = list(exchange.request_headers)
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        request_line = StatusAndHeaders(f"GET {target} HTTP/1.1", headers, is_http_request=True)
        return writer.create_warc_record(exchange.url, "request", payload=BytesIO(b""),
                                         http_headers=request_line,
                                         warc_headers_dict={**date,
                                                            "WARC-Concurrent-To": concurrent})


def archive_folder(settings) -> Path:
    return Path(settings["archive.dir"] or Path(settings["data_dir"]) / "archive")


def recorder_for(settings, store) -> Recorder | None:
    """The recorder the settings ask for (``archive.enabled``), or ``None``."""
    return Recorder(store, archive_folder(settings)) if settings["archive.enabled"] else None
