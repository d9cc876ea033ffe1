"""``babelwire archive export [--from DATE --to DATE | --story ID] -o FILE.warc.gz``."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from ..archive.export import story_records, with_originals, write_export
from ..compose import open_store
from ..errors import ConfigError
from ..settings import Settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("archive", help="the evidence archive: what was fetched, as WARC")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write archived fetches as a standard WARC file")
    export.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (UTC)")
    export.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (UTC, included)")
    export.add_argument("--story", type=int, help="every record a story's articles were built from")
    export.add_argument("-o", "--output", required=True, help="the .warc.gz file to write")
    parser.set_defaults(handler=handle)


def day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{flag} {text!r} is not a date: give YYYY-MM-DD") from None


def handle(args: argparse.Namespace, settings: Settings) -> int:
    start, end = day(args.start, "--from"), day(args.end, "--to")
    if args.story is not None and (start or end):
        raise ConfigError("give either --story or --from/--to, not both")
    if args.story is None and not (start or end):
        raise ConfigError("say what to export: --from DATE --to DATE, or --story ID")
    with open_store(settings) as db:
        if args.story is not None:
            records = story_records(db, args.story)
        else:
            first = (start or date(1970, 1, 1)).isoformat()
            last = (end + timedelta(days=1)).isoformat() if end else "9999"
            records = db.archive.records_between(first, last)
        records = with_originals(db, records)
        count = write_export(settings, records, Path(args.output))
    print(f"wrote {args.output}: {count} archived fetches", file=sys.stderr)
    return 0
