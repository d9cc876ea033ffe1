"""``babelwire``: parse the command line and dispatch to one module per command."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import import_module

from ..errors import BabelwireError
from ..settings import Settings, load_settings

# One module per command in babelwire.cli, each with add_parser(commands).
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "run",
    "serve",
    "sources",
    "translate",
    "models",
    "extract",
    "settings_cmd",
    "trace",
)


COMMAND_NAMES = {"settings": "settings_cmd"}  # command -> module, where they differ
_OPTIONS_WITH_VALUES = ("--config", "--data")


def _command_module(argv: list[str]) -> str | None:
    """The module of the command ``argv`` names, so only that one is imported (start-up time)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _OPTIONS_WITH_VALUES:
            skip = True
        elif not arg.startswith("-"):
            module = COMMAND_NAMES.get(arg, arg)
            return module if module in COMMAND_MODULES else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="babelwire",
        description="Relay the world's news into your language, and say where every line came from.")
    parser.add_argument("--config", help="settings file (default: ./babelwire.toml if present)")
    parser.add_argument("--database", metavar="URL",
                        help="database URL, sqlite:///PATH (overrides database)")
    parser.add_argument("--data", help="data folder (overrides data_dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    only = _command_module(sys.argv[1:] if argv is None else argv)
    for name in (only,) if only else COMMAND_MODULES:
        import_module(f"{__package__}.{name}").add_parser(commands)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    overrides = {"data_dir": getattr(args, "data", None),
                 "database": getattr(args, "database", None)}
    for name in ("serve.port", "serve.host"):
        value = getattr(args, name.split(".")[1], None)
        if value is not None:
            overrides[name] = value
    return load_settings(args.config, overrides=overrides)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args, settings_from(args)) or 0)
    except BabelwireError as error:
        print(error.one_line(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
