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
    "worker",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="babelwire",
        description="Relay the world's news into your language, and say where every line came from.")
    parser.add_argument("--config", help="settings file (default: ./babelwire.toml if present)")
    parser.add_argument("--database", metavar="URL",
                        help="database URL, sqlite:///PATH or postgresql://... (overrides database)")
    parser.add_argument("--data", help="data folder (overrides data_dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
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
    parser = build_parser()
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
