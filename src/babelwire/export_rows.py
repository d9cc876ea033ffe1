"""Researchers' exports as text: rows of ``store.exports`` as CSV or JSON Lines, in
chunks, for the CLI (``babelwire export``) and the reader (``/exports/...``)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator

from .storage.watch_records import ARTICLE_COLUMNS, LINK_COLUMNS, STORY_COLUMNS

COLUMNS = {"articles": ARTICLE_COLUMNS, "stories": STORY_COLUMNS, "links": LINK_COLUMNS}
FORMATS = ("csv", "jsonl")
CHUNK_ROWS = 200


def export_chunks(rows: Iterable[dict[str, Any]], what: str, form: str) -> Iterator[str]:
    """The export text in chunks of ``CHUNK_ROWS`` rows (CSV starts with its header)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[what]) if form == "csv" else None
    if writer is not None:
        writer.writeheader()
    for count, row in enumerate(rows, 1):
        if writer is not None:
            writer.writerow(row)
        else:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
