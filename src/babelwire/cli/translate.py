"""``babelwire translate --from X --to Y``: lines on stdin, as many lines on stdout."""

from __future__ import annotations

import argparse
import sys

from ..compose import build_translator
from ..errors import ConfigError
from ..language import normalize_code
from ..settings import Settings

BATCH_LINES = 2000  # lines per engine call: one process per batch, never per line


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("translate", help="translate lines from stdin to stdout")
    parser.add_argument("--from", dest="source", required=True, help="source language, e.g. fr")
    parser.add_argument("--to", dest="target", required=True, help="target language, e.g. en")
    parser.add_argument("--engine", default=None,
                        help="auto (default: translate.engine), ctranslate2, libretranslate, openai or apertium")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    source, target = normalize_code(args.source), normalize_code(args.target)
    if not source or not target:
        raise ConfigError(f"unknown language code {args.source!r} or {args.target!r}: use ISO codes like fr, en")
    translator = build_translator(settings, engine=args.engine)
    if source != target:
        translator.choose(source, target)  # no engine for the pair: say so before reading stdin
    batch: list[str] = []
    for line in sys.stdin:
        batch.append(line.rstrip("\n"))
        if len(batch) >= BATCH_LINES:
            _emit(translator, batch, source, target)
            batch = []
    if batch:
        _emit(translator, batch, source, target)
    return 0


def _emit(translator, lines: list[str], source: str, target: str) -> None:
    if source == target:
        output = lines
    else:
        output = list(translator.translate_batch(lines, source, target).segments)
    sys.stdout.write("".join(f"{line}\n" for line in output))
    sys.stdout.flush()
