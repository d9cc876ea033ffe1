"""``babelwire worker [--concurrency N]``: claim and do the work of a shared database.

Meant for PostgreSQL (``--database postgresql://...``), where any number of
workers on any number of machines share one newsroom and ``babelwire serve``
runs apart. SQLite keeps its one-process mode (``babelwire run``): a single
worker is allowed there, not several.
"""

from __future__ import annotations

import argparse
import signal
import threading

from ..compose import pipeline_context
from ..errors import ConfigError
from ..settings import Settings
from ..tasks.processes import run_children
from ..tasks.rounds import work


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("worker", help="claim and do the work of a shared database "
                                 "(PostgreSQL); run serve apart")
    parser.add_argument("--concurrency", type=int, default=1, metavar="N",
                        help="worker processes on this machine (default 1)")
    parser.add_argument("--until-idle", action="store_true",
                        help="exit when there is nothing left to do (benchmarks, cron)")
    parser.set_defaults(handler=handle)


def global_args(args: argparse.Namespace) -> list[str]:
    found = []
    for flag in ("config", "database", "data"):
        value = getattr(args, flag, None)
        if value:
            found += [f"--{flag}", str(value)]
    return found + (["--verbose"] if getattr(args, "verbose", False) else [])


def handle(args: argparse.Namespace, settings: Settings) -> int:
    if args.concurrency < 1:
        raise ConfigError("worker --concurrency must be 1 or more")
    sqlite = settings.database_url.startswith("sqlite:")
    if sqlite and args.concurrency > 1:
        raise ConfigError("worker --concurrency above 1 needs PostgreSQL (--database "
                          "postgresql://...); with SQLite run one process: babelwire run")
    if args.concurrency > 1:
        return run_children(global_args(args), args.concurrency, args.until_idle)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    with pipeline_context(settings) as ctx:
        report = work(ctx, stop, until_idle=args.until_idle)
    print(report.summary())
    return 0
