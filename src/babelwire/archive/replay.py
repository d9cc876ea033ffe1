"""Read an archived exchange back: the response (or revisit) record at its offset, and for
a revisit the payload of the record it refers to. What the reader's "as fetched on ..."
view shows; nothing here renders or trusts the payload."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ..errors import ArchiveMissing
from ..storage.watch_records import ArchiveRecord
from .recorder import archive_folder

log = logging.getLogger(__name__)

MAX_PAYLOAD = 5 * 1024 * 1024  # a copy larger than this is shown cut (the WARC keeps it all)


@dataclass(frozen=True)
class ArchivedCopy:
    record: ArchiveRecord
    status: str  # the HTTP status line, "200 OK"
    headers: tuple[tuple[str, str], ...]
    content: bytes
    content_type: str
    original: ArchiveRecord | None = None  # a revisit's record holding the payload
    cut: bool = False


def _read_response(folder: Path, record: ArchiveRecord):
    """(status line, headers, payload) of the record at ``record``'s offset."""
    path = folder / Path(record.file).name  # only a file name is ever stored
    try:
        with path.open("rb") as handle:
            handle.seek(record.offset)
            data = handle.read(record.length)
    except OSError as error:
        raise ArchiveMissing(f"archived record {record.id} ({record.file}) is gone: {error}") from error
    for item in ArchiveIterator(BytesIO(data)):
        if item.rec_type in ("response", "revisit"):
            http = item.http_headers
            payload = item.content_stream().read(MAX_PAYLOAD + 1)
            headers = tuple(http.headers) if http else ()
            return (http.statusline if http else ""), headers, payload
    raise ArchiveMissing(f"archived record {record.id} is not at {record.file}:{record.offset}")


def read_copy(store, settings, record: ArchiveRecord) -> ArchivedCopy:
    """The archived exchange of ``record``; a revisit's payload comes from its original."""
    folder = archive_folder(settings)
    status, headers, content = _read_response(folder, record)
    original = None
    if record.kind == "revisit":
        found = store.archive.records_by_id([record.refers_to]) if record.refers_to else []
        if found:
            original = found[0]
            content = _read_response(folder, original)[2]
        else:  # the original was dropped by retention: headers only
            content = b""
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    return ArchivedCopy(record=record, status=status, headers=headers,
                        content=content[:MAX_PAYLOAD], content_type=content_type,
                        original=original, cut=len(content) > MAX_PAYLOAD)
