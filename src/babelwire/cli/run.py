"""``babelwire run``: poll sources on their schedule and serve the reader; ``--once``: one pass."""

from __future__ import annotations

import argparse
import sys
import threading

from ..compose import pipeline_context
from ..settings import Settings
from ..worker import run_forever, run_once
from .progress import RichProgress


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("run", help="poll sources on their schedule and serve the reader")
    parser.add_argument("--once", action="store_true", help="one pass over every source, then exit")
    parser.add_argument("--port", type=int, help="reader port (default serve.port)")
    parser.add_argument("--host", help="reader address (default serve.host)")
    parser.add_argument("--no-serve", action="store_true", help="poll only, do not serve the reader")
    parser.set_defaults(handler=handle)


def print_report(report) -> None:
    print(report.summary())
    for problem in report.problems[:20]:
        print(f"  {problem}", file=sys.stderr)
    if len(report.problems) > 20:
        print(f"  ... and {len(report.problems) - 20} more (see `babelwire sources list`)",
              file=sys.stderr)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    with RichProgress() as progress, pipeline_context(settings, progress) as ctx:
        report = run_once(ctx)
    print_report(report)
    if args.once:
        return 0
    stop = threading.Event()
    with pipeline_context(settings) as ctx:
        # the first pass above polled every source; the poller goes on with due ones
        poller = threading.Thread(target=run_forever, args=(ctx, stop),
                                  kwargs={"first_all": False}, daemon=True,
                                  name="babelwire-poller")
        poller.start()
        try:
            if args.no_serve:
                poller.join()
            else:
                from .serve import serve_reader
                serve_reader(ctx.db, settings)
        finally:
            stop.set()
            poller.join(timeout=30)
    return 0
