"""``babelwire translate --from X --to Y``: lines on stdin, as many lines on stdout.

Start-up is part of the cost of a command that translates a few lines, so
nothing is imported or probed before it is needed: the engines are built
from the settings, and the pair is checked before stdin is read.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import ConfigError
from ..settings import Settings

BATCH_LINES = 2000  # lines per engine call: one process per batch, never per line


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("translate", help="translate lines from stdin to stdout")
    parser.add_argument("--from", dest="source", required=True, help="source language, e.g. fr")
    parser.add_argument("--to", dest="target", required=True, help="target language, e.g. en")
    parser.add_argument("--engine", default=None,
                        help="auto (default: translate.engine), ctranslate2, libretranslate, openai or apertium")
    parser.set_defaults(handler=handle)


def language(code: str, flag: str) -> str:
    """The normalised code, or a ``ConfigError`` saying ``code`` is not a language code."""
    from ..language import normalize_code
    from ..translate.languages import is_language_code

    normal = normalize_code(code)
    if not normal or not is_language_code(normal):
        raise ConfigError(f"{flag} {code!r} is not a language code: use an ISO 639-1 code such as fr, en or es")
    return normal


def handle(args: argparse.Namespace, settings: Settings) -> int:
    from ..compose import build_translator
    from ..translate.glossary import load_glossary
    from ..translate.service import TranslateOptions

    source, target = language(args.source, "--from"), language(args.target, "--to")
    translator = build_translator(settings, engine=args.engine)
    if source != target:
        translator.choose(source, target)  # no engine for the pair: say so before reading stdin
    # the same structure-safe path and glossary as stored articles (no memory: no store here)
    options = TranslateOptions(structure=settings["translate.structure"],
                               names=settings["translate.protect_names"],
                               glossary=load_glossary(settings["translate.glossary"],
                                                      settings["translate.glossary_file"] or None))
    batch: list[str] = []
    for line in sys.stdin:
        batch.append(line.rstrip("\n"))
        if len(batch) >= BATCH_LINES:
            _emit(translator, batch, source, target, options)
            batch = []
    if batch:
        _emit(translator, batch, source, target, options)
    return 0


def _emit(translator, lines: list[str], source: str, target: str, options) -> None:
    """Each line is one text of one paragraph: exactly one line out per line in."""
    from ..translate.service import translate_texts

    if source == target:
        output = lines
    else:
        texts = [" ".join(line.split()) for line in lines]
        output = [" ".join(text.split()) for text in
                  translate_texts(translator, texts, source, target, options).segments]
    sys.stdout.write("".join(f"{line}\n" for line in output))
    sys.stdout.flush()
