"""``babelwire export articles|stories|links [filters] [--format csv|jsonl] [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any, Iterable, TextIO

from ..compose import open_store
from ..errors import ConfigError
from ..settings import Settings
from ..storage.records import ArticleFilters
from ..storage.search import SearchFilters, parse_query
from ..export_rows import COLUMNS, export_chunks

SEARCH_LIMIT = 100000


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="articles, stories or provenance links as CSV "
                                                "or JSON Lines, for a filter")
    parser.add_argument("what", choices=tuple(COLUMNS), help="what to export")
    parser.add_argument("--format", choices=("csv", "jsonl"), default="jsonl")
    parser.add_argument("-o", "--output", help="write to this file (default: stdout)")
    parser.add_argument("--source", type=int, help="one source's articles (its id)")
    parser.add_argument("--language", help="originals in this language (e.g. es)")
    parser.add_argument("--story", type=int, help="one story's articles")
    parser.add_argument("--from", dest="since", help="published or seen on or after YYYY-MM-DD")
    parser.add_argument("--to", dest="until", help="published or seen on or before YYYY-MM-DD")
    parser.add_argument("--query", "-q", help="a search (the reader's syntax)")
    parser.set_defaults(handler=handle)


def _day(text: str | None, flag: str) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(f"{flag} {text!r} is not a date: give YYYY-MM-DD") from None


def handle(args: argparse.Namespace, settings: Settings) -> int:
    filters = ArticleFilters(source_id=args.source, language=args.language, story_id=args.story,
                             since=_day(args.since, "--from"), until=_day(args.until, "--to"))
    with open_store(settings) as db:
        ids = None
        if args.query:
            query = parse_query(args.query)
            if query.empty:
                raise ConfigError(f"--query {args.query!r} has no word to search for")
            found = db.search.search(query, SearchFilters(), SEARCH_LIMIT)
            ids = [row.id for row in found]
        rows = getattr(db.exports, args.what)(filters, ids)
        if args.output is None:
            count = write(rows, args.what, args.format, sys.stdout)
        else:
            try:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    count = write(rows, args.what, args.format, out)
            except OSError as error:
                raise ConfigError(f"cannot write {args.output}: {error.strerror}") from error
    print(f"{count} {args.what} exported", file=sys.stderr)
    return 0


def write(rows: Iterable[dict[str, Any]], what: str, form: str, out: TextIO) -> int:
    count = 0

    def counted() -> Iterable[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    for chunk in export_chunks(counted(), what, form):
        out.write(chunk)
    return count
