"""``babelwire trace FILE.jsonl``: who copied or translated whom, with no store needed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import ConfigError
from ..provenance import trace_documents
from ..provenance.batch import article_lines, read_jsonl, site_lines, with_pivot
from ..provenance.records import TraceOptions
from ..settings import Settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "trace", help="trace copies, translations and relay sites in a JSON-lines file")
    parser.add_argument("file", metavar="FILE.jsonl",
                        help='one article per line: {"id","url","lang","title","text",'
                             '"published"?,"seen"?}; - reads stdin')
    parser.add_argument("--pivot", default=None, help="pivot language (provenance.pivot_language)")
    parser.add_argument("--no-translate", action="store_true",
                        help="no machine translation: no pivot-language rendering, and articles "
                             "in languages the encoder does not know are compared by spelling")
    parser.add_argument("--no-encoder", action="store_true",
                        help="no multilingual sentence encoder (same-language copies only)")
    parser.set_defaults(handler=handle)


def _lines(name: str) -> list[str]:
    if name == "-":
        return sys.stdin.read().splitlines()
    path = Path(name)
    if not path.is_file():
        raise ConfigError(f"{name} is not a file: pass a JSON-lines file of articles, or - for stdin")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{name} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def options_from(settings: Settings, args: argparse.Namespace) -> TraceOptions:
    return TraceOptions(
        pivot_language=args.pivot or settings["provenance.pivot_language"],
        use_encoder=settings["provenance.use_encoder"] and not args.no_encoder,
        max_candidates=settings["provenance.max_candidates"],
        encoder_runtime=settings["provenance.encoder_runtime"],
        workers=settings["provenance.workers"],
    )


def handle(args: argparse.Namespace, settings: Settings) -> int:
    docs, bad = read_jsonl(_lines(args.file))
    for line in bad:
        print(f"error[trace.bad_line]: {args.file} {line.one_line()}; line skipped",
              file=sys.stderr)
    options = options_from(settings, args)
    bridge = None
    if docs and not args.no_translate:
        from ..compose import build_translator
        from ..provenance.bridge import Bridge

        translator = build_translator(settings)
        docs = with_pivot(docs, translator, options.pivot_language)
        bridge = Bridge(lambda: translator, options.pivot_language)
    outcome = trace_documents(docs, options, bridge)
    out = sys.stdout
    for record in article_lines(outcome):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    for record in site_lines(outcome):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    if bad:
        print(f"{len(bad)} line(s) skipped, {len(docs)} traced", file=sys.stderr)
    return 0
