"""``babelwire extract FILE_OR_URL``: the extracted article as JSON.

``babelwire extract --batch`` reads ``path<TAB>url`` lines (the URL is
optional) on stdin and writes one JSON object per line on stdout: the article
with its ``path``, or ``path`` and ``error`` {code, message} for a page that
failed. One bad page never stops the batch: one process for thousands of pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path
from typing import IO

from ..compose import fetch_options
from ..errors import BabelwireError, ConfigError
from ..extract import extract_article
from ..fetch import Fetcher
from ..models import ExtractedArticle
from ..settings import Settings

log = logging.getLogger(__name__)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("extract", help="extract the article from a file or URL, as JSON")
    parser.add_argument("target", metavar="FILE_OR_URL", nargs="?")
    parser.add_argument("--json", action="store_true", help="JSON output (the default)")
    parser.add_argument("--url", help="the page's URL, when reading a file")
    parser.add_argument("--batch", action="store_true",
                        help="read 'path<TAB>url' lines on stdin, write one JSON object per line")
    parser.set_defaults(handler=handle)


def article_record(article: ExtractedArticle) -> dict:
    record = dataclasses.asdict(article)
    record.pop("html", None)
    return record


def handle(args: argparse.Namespace, settings: Settings) -> int:
    if args.batch:
        if args.target:
            raise ConfigError("--batch reads 'path<TAB>url' lines on stdin; give no FILE_OR_URL")
        return run_batch(sys.stdin, sys.stdout)
    target: str | None = args.target
    if not target:
        raise ConfigError("give a FILE_OR_URL to extract, or --batch to read paths on stdin")
    if target.startswith(("http://", "https://")):
        with Fetcher(fetch_options(settings)) as fetcher:
            result = fetcher.fetch(target)
        page, url = result.content, result.final_url
    else:
        path = Path(target)
        if not path.is_file():
            raise ConfigError(f"{target} is neither a file nor an http(s) URL")
        page, url = path.read_bytes(), args.url
    print(json.dumps(article_record(extract_article(page, url=url)), ensure_ascii=False, indent=2))
    return 0


def batch_line(line: str) -> dict | None:
    """One stdin line -> one output record (None for a blank line)."""
    fields = line.rstrip("\r\n").split("\t")
    path = fields[0].strip()
    if not path:
        return None
    url = fields[1].strip() if len(fields) > 1 and fields[1].strip() else None
    record: dict = {"path": path, "url": url}
    try:
        try:
            page = Path(path).read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror or exc}; check the path") from exc
        record.update(article_record(extract_article(page, url=url)))
    except BabelwireError as error:
        record["error"] = {"code": error.code, "message": str(error)}
    except Exception as exc:  # one broken page must not stop a batch of thousands
        log.exception("extracting %s failed", path)
        record["error"] = {"code": "extract.failed", "message": f"{type(exc).__name__}: {exc}"}
    return record


def run_batch(lines: IO[str], out: IO[str]) -> int:
    """Extract every listed page; exit status 0 even when some pages failed."""
    for line in lines:
        record = batch_line(line)
        if record is not None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    return 0
