"""``babelwire extract FILE_OR_URL``: the extracted article as JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from ..compose import fetch_options
from ..errors import ConfigError
from ..extract import extract_article
from ..fetch import Fetcher
from ..settings import Settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("extract", help="extract the article from a file or URL, as JSON")
    parser.add_argument("target", metavar="FILE_OR_URL")
    parser.add_argument("--json", action="store_true", help="JSON output (the default)")
    parser.add_argument("--url", help="the page's URL, when reading a file")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    target: str = args.target
    if target.startswith(("http://", "https://")):
        with Fetcher(fetch_options(settings)) as fetcher:
            result = fetcher.fetch(target)
        page, url = result.content, result.final_url
    else:
        path = Path(target)
        if not path.is_file():
            raise ConfigError(f"{target} is neither a file nor an http(s) URL")
        page, url = path.read_bytes(), args.url
    article = extract_article(page, url=url)
    record = dataclasses.asdict(article)
    record.pop("html", None)
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0
