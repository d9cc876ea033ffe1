"""``babelwire demo``: the bundled demo newsroom, ingested, translated and served."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..compose import open_store, pipeline_context
from ..settings import Settings
from ..storage import sources as source_store
from ..worker import run_once
from .progress import RichProgress
from .run import print_report

if TYPE_CHECKING:
    from ..demo.server import DemoNewsroom


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("demo", help="run the bundled demo news sites through babelwire")
    parser.add_argument("--port", type=int, help="reader port (default 8000)")
    parser.add_argument("--host", help="reader address (default 127.0.0.1)")
    parser.add_argument("--no-serve", action="store_true", help="ingest and translate, then exit")
    parser.set_defaults(handler=handle)


def demo_settings(settings: Settings, newsroom: DemoNewsroom | None = None) -> Settings:
    """Local demo sites need no pacing between requests; the SSRF guard lets babelwire
    reach exactly the running newsroom's loopback ports, nothing else on this machine."""
    values: dict[str, object] = {"fetch.per_host_delay": 0.0}
    if newsroom is not None:
        values["fetch.allow_addresses"] = [*settings["fetch.allow_addresses"],
                                           *newsroom.allow_entries()]
    return settings.replace(**values)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    from ..demo.server import start_demo_newsroom

    settings = demo_settings(settings)
    with start_demo_newsroom(base_port=settings["serve.port"] + 1) as newsroom:
        settings = demo_settings(settings, newsroom)
        print("demo news sites:")
        with open_store(settings) as db:
            for outlet in newsroom.outlets:
                print(f"  {outlet.name} ({outlet.language}, {outlet.feed_format}): {outlet.feed_url}")
                source_store.add_source(db, outlet.feed_url, name=outlet.name)
            with RichProgress() as progress, pipeline_context(settings, progress, db=db) as ctx:
                report = run_once(ctx)
            print_report(report)
            if args.no_serve:
                return 0
            from .serve import serve_reader

            serve_reader(db, settings)
    return 0
