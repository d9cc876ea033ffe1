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
    "status",
    "worker",
    "watch",
    "archive",
    "export",
)


def command_module(name: str) -> str:
    """The module of a command: ``settings`` lives in ``settings_cmd``."""
    return name if name in COMMAND_MODULES else f"{name}_cmd"


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="settings file (default: ./babelwire.toml if present)")
    parser.add_argument("--database", metavar="URL",
                        help="database URL, sqlite:///PATH or postgresql://... (overrides database)")
    parser.add_argument("--data", help="data folder (overrides data_dir)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log what happens (warnings included)")


def chosen_command(argv: list[str]) -> str | None:
    """The command named on the line, if it is one (so only its module is imported)."""
    options = argparse.ArgumentParser(add_help=False)
    add_global_options(options)
    try:
        _, rest = options.parse_known_args(argv)
    except SystemExit:
        return None
    name = rest[0] if rest and not rest[0].startswith("-") else None
    return name if name and command_module(name) in COMMAND_MODULES else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's (a quick start: no heavy imports)."""
    parser = argparse.ArgumentParser(
        prog="babelwire",
        description="Relay the world's news into your language, and say where every line came from.")
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in (command_module(only),) if only else COMMAND_MODULES:
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


class OneLineFormatter(logging.Formatter):
    """Log records as one line each: no traceback unless -v."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return super().format(record).replace("\n", " ")


def configure_logging(verbose: bool) -> None:
    """Problems reach the user once, in the run's summary and the sources' health;
    the log repeats them (warnings, tracebacks) only with -v."""
    handler = logging.StreamHandler()
    formatter = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(formatter) if verbose else OneLineFormatter(formatter))
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, handlers=[handler])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(chosen_command(argv)).parse_args(argv)
    configure_logging(args.verbose)
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        if args.verbose:
            raise
        print(f"error[internal]: {type(exc).__name__}: {str(exc)[:300]}: this is a bug in "
              f"babelwire; run again with -v for the details and report them".replace("\n", " "),
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
