"""Export archived records as a standard WARC file; link articles to records; retention.

An export starts with a ``warcinfo`` record, then copies each selected record's
gzip members byte for byte (response or revisit, then its request). A revisit's
original is exported too, so the file stands on its own.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from warcio.warcwriter import WARCWriter

from ..clock import iso, utcnow
from ..errors import ConfigError
from ..storage.watch_records import ArchiveRecord
from .recorder import archive_folder, warcinfo

log = logging.getLogger(__name__)

LINK_LOOKBACK_DAYS = 2


def with_originals(store, records: list[ArchiveRecord]) -> list[ArchiveRecord]:
    """``records`` plus the originals their revisits point to, each once, in id order."""
    chosen = {record.id: record for record in records}
    missing = {r.refers_to for r in records if r.refers_to and r.refers_to not in chosen}
    for original in store.archive.records_by_id(missing):
        chosen[original.id] = original
    return [chosen[key] for key in sorted(chosen)]


def story_records(store, story_id: int) -> list[ArchiveRecord]:
    if store.provenance.get_story(story_id) is None:
        raise ConfigError(f"no story #{story_id}: the reader's /stories pages list them")
    members = [member.id for member in store.provenance.story_members(story_id)]
    return store.archive.records_of_articles(members)


def write_export(settings, records: list[ArchiveRecord], output: Path) -> int:
    """Write ``records`` to ``output`` (a .warc.gz); returns how many exchanges were written."""
    folder = archive_folder(settings)
    try:
        with output.open("wb") as out:
            warcinfo(WARCWriter(out, gzip=True, warc_version="1.1"), output.name)
            for record in records:
                with (folder / record.file).open("rb") as source:
                    source.seek(record.offset)
                    out.write(source.read(record.length))
    except FileNotFoundError as error:
        raise ConfigError(f"archive file missing: {error.filename}: was it removed by "
                          "archive.retention_days?") from error
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror}") from error
    return len(records)


def link_recent_articles(store, now: datetime | None = None) -> int:
    """Point recently stored articles at the records they were built from."""
    return store.archive.link_articles(iso((now or utcnow()) - timedelta(days=LINK_LOOKBACK_DAYS)))


def apply_retention(store, settings, now: datetime | None = None) -> list[str]:
    """Forget fetches older than ``archive.retention_days`` and remove files nothing points to."""
    days = settings["archive.retention_days"]
    if days <= 0:
        return []
    cutoff = iso((now or utcnow()) - timedelta(days=days))
    removed = store.archive.forget_before(cutoff)
    for name in removed:
        (archive_folder(settings) / name).unlink(missing_ok=True)
        log.info("archive: removed %s (older than %d days)", name, days)
    return removed
