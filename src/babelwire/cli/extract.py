"""``babelwire extract FILE_OR_URL``: the extracted article, as text or JSON.

Without ``--json`` the article is printed for a reader: the title, a line of
byline, dates and confidence, any warnings, a blank line, then the body. With
``--json`` it is one JSON object (every field of ``ExtractedArticle`` but
the HTML). A page with no story (home page, listing, error page) is an error:
``error[extract.not_article]`` on stderr and exit status 2; a missing file is
``error[input.missing]``.

``babelwire extract --batch`` reads ``path<TAB>url`` lines (the URL is
optional) on stdin and writes one JSON object per line on stdout: the article
with its ``path``, or ``path`` and ``error`` {code, message} for a page that
failed (``extract.not_article`` for a page with no story). One bad page never
stops the batch: one process for thousands of pages.
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
from ..errors import BabelwireError, ConfigError, InputMissing
from ..extract import extract_article
from ..fetch import Fetcher
from ..models import ExtractedArticle
from ..settings import Settings

log = logging.getLogger(__name__)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("extract", help="extract the article from a file or URL")
    parser.add_argument("target", metavar="FILE_OR_URL", nargs="?")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object instead of the readable text")
    parser.add_argument("--url", help="the page's URL, when reading a file")
    parser.add_argument("--batch", action="store_true",
                        help="read 'path<TAB>url' lines on stdin, write one JSON object per line")
    parser.set_defaults(handler=handle)


def article_record(article: ExtractedArticle) -> dict:
    record = dataclasses.asdict(article)
    record.pop("html", None)
    return record


def readable(article: ExtractedArticle) -> str:
    """The article as a person reads it: headline, one line of facts, warnings, body."""
    facts = [", ".join(article.authors) or article.author or "no byline"]
    facts.append(f"published {article.published_local or article.published or 'unknown'}")
    if article.updated and article.updated != article.published:
        facts.append(f"updated {article.updated}")
    facts.append(f"confidence {article.confidence:.2f}")
    lines = [article.title or "(no title)", " · ".join(facts)]
    lines += [f"warning: {warning}" for warning in article.warnings]
    if article.standfirst:
        lines += ["", article.standfirst]
    return "\n".join(lines + ["", article.body]) + "\n"


def _read_target(target: str, url: str | None, settings: Settings) -> tuple[bytes, str | None]:
    if target.startswith(("http://", "https://")):
        with Fetcher(fetch_options(settings)) as fetcher:
            result = fetcher.fetch(target)
        return result.content, result.final_url
    path = Path(target)
    if not path.is_file():
        raise InputMissing(f"no such file: {target}; give an existing HTML file or an "
                           "http(s) URL")
    return path.read_bytes(), url


def handle(args: argparse.Namespace, settings: Settings) -> int:
    if args.batch:
        if args.target:
            raise ConfigError("--batch reads 'path<TAB>url' lines on stdin; give no FILE_OR_URL")
        return run_batch(sys.stdin, sys.stdout)
    if not args.target:
        raise ConfigError("give a FILE_OR_URL to extract, or --batch to read paths on stdin")
    page, url = _read_target(args.target, args.url, settings)
    article = extract_article(page, url=url)
    if args.json:
        print(json.dumps(article_record(article), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(readable(article))
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
            raise InputMissing(f"cannot read {path}: {exc.strerror or exc}; check the path") \
                from exc
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
