"""``babelwire translate --from X --to Y``: lines on stdin, as many lines on stdout."""

from __future__ import annotations

import argparse
import sys

from ..compose import build_translator
from ..errors import ConfigError
from ..language import normalize_code
from ..localize import settings_glossary
from ..settings import Settings
from ..translate import TranslateOptions, translate_texts

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
    # the same structure-safe path and glossary as stored articles (no memory: no store here)
    options = TranslateOptions(structure=settings["translate.structure"],
                               names=settings["translate.protect_names"],
                               glossary=settings_glossary(settings))
    batch: list[str] = []
    for line in sys.stdin:
        batch.append(line.rstrip("\n"))
        if len(batch) >= BATCH_LINES:
            _emit(translator, batch, source, target, options)
            batch = []
    if batch:
        _emit(translator, batch, source, target, options)
    return 0


def _emit(translator, lines: list[str], source: str, target: str,
          options: TranslateOptions) -> None:
    """Each line is one text of one paragraph: exactly one line out per line in."""
    if source == target:
        output = lines
    else:
        texts = [" ".join(line.split()) for line in lines]
        output = [" ".join(text.split()) for text in
                  translate_texts(translator, texts, source, target, options).segments]
    sys.stdout.write("".join(f"{line}\n" for line in output))
    sys.stdout.flush()
