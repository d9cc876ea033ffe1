"""``babelwire run``: poll sources on their schedule and serve the reader; ``--once``: one pass.

``run --once`` exits 0 when every source answered, 3 when some failed and 4
when all failed (see ``summary.exit_code``), so cron and scripts can tell.
"""

from __future__ import annotations

import argparse
import threading
from contextlib import nullcontext

from ..compose import pipeline_context
from ..settings import Settings
from ..status import HeartbeatWriter
from ..worker import run_forever, run_once
from .progress import RichProgress
from .serve import reserve_reader_port, serve_reader
from .summary import exit_code, print_report


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("run", help="poll sources on their schedule and serve the reader")
    parser.add_argument("--once", action="store_true",
                        help="one pass over every source, then exit (0 all well, 3 some "
                             "sources failed, 4 all failed)")
    parser.add_argument("--port", type=int, help="reader port (default serve.port)")
    parser.add_argument("--host", help="reader address (default serve.host)")
    parser.add_argument("--no-serve", action="store_true", help="poll only, do not serve the reader")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    if args.once:
        return one_pass(settings)
    serving = not args.no_serve
    poller: list[threading.Thread] = []
    alive = lambda: not poller or poller[0].is_alive()  # noqa: E731
    with (reserve_reader_port(settings) if serving else nullcontext()) as listener, \
            HeartbeatWriter(settings.data_dir, alive=alive):
        one_pass(settings)
        poll_and_serve(settings, listener, poller)
    return 0


def one_pass(settings: Settings) -> int:
    with RichProgress() as progress, pipeline_context(settings, progress) as ctx:
        report = run_once(ctx)
        progress.stop()
        print_report(report, ctx.db)
    return exit_code(report)


def poll_and_serve(settings: Settings, listener, poller: list[threading.Thread]) -> None:
    """The poller in a thread; the reader on ``listener`` (``None``: poll only)."""
    stop = threading.Event()
    with pipeline_context(settings) as ctx:
        # the first pass above polled every source; the poller goes on with due ones
        poller.append(threading.Thread(target=run_forever, args=(ctx, stop),
                                       kwargs={"first_all": False}, daemon=True,
                                       name="babelwire-poller"))
        poller[0].start()
        print("polling sources on their schedule (`babelwire status` tells what is due)",
              flush=True)
        try:
            if listener is None:
                poller[0].join()
            else:
                serve_reader(ctx.db, settings, listener)
        finally:
            stop.set()
            poller[0].join(timeout=30)
