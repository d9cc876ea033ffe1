"""``babelwire demo``: the bundled demo newsroom, ingested, translated and served.

The demo keeps to itself: its own data folder (``./babelwire-demo`` unless
``--data`` names one), its outlets on fixed ports (8001-8004 by default), every
port checked before anything is ingested, and its sources known by outlet
identity, so a re-run (even on other ports) adds nothing twice.
"""

from __future__ import annotations

import argparse
import dataclasses
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from ..compose import open_store, pipeline_context
from ..errors import ConfigError
from ..settings import Settings
from ..status import mark_demo
from ..storage.relocate import find_by_identity, relocate_source
from ..worker import run_once
from .progress import RichProgress
from .serve import reserve_reader_port, serve_reader
from .summary import exit_code, print_report

DEMO_DIR = "babelwire-demo"
SITES_PORT = 8001

if TYPE_CHECKING:
    from ..demo.server import DemoNewsroom


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("demo", help="run the bundled demo news sites through babelwire")
    parser.add_argument("--port", type=int, help="reader port (default serve.port, 8000)")
    parser.add_argument("--host", help="reader address (default 127.0.0.1)")
    parser.add_argument("--sites-port", type=int, default=SITES_PORT,
                        help=f"first port of the four demo news sites (default {SITES_PORT}; "
                             f"0: any free ports)")
    parser.add_argument("--no-serve", action="store_true", help="ingest and translate, then exit")
    parser.set_defaults(handler=handle)


def demo_store_settings(settings: Settings, data: str | None) -> Settings:
    """The demo's own folder, none of babelwire.toml's sources."""
    return dataclasses.replace(settings.replace(data_dir=data or DEMO_DIR), sources=())


def check_ports(args: argparse.Namespace, settings: Settings, outlets: int) -> None:
    port = settings["serve.port"]
    if args.sites_port and args.sites_port <= port < args.sites_port + outlets and not args.no_serve:
        raise ConfigError(f"the reader port {port} is one of the demo sites' ports "
                          f"({args.sites_port}-{args.sites_port + outlets - 1}): "
                          f"pass another --port or --sites-port")


def add_outlets(db, newsroom) -> None:
    """Each outlet once: found again by name and feed path, re-pointed when its port moved."""
    print("demo news sites:")
    for outlet in newsroom.outlets:
        print(f"  {outlet.name} ({outlet.language}, {outlet.feed_format}): {outlet.feed_url}")
        path = newsroom.catalog[outlet.slug].feed_path
        known = find_by_identity(db, outlet.name, path)
        if known is None:
            db.sources.add(outlet.feed_url, name=outlet.name)
        elif known.url != outlet.feed_url:
            relocate_source(db, known.id, outlet.feed_url)


def where_next(settings: Settings) -> None:
    folder = Path(settings.data_dir).resolve()
    print(f"the demo's data: {folder} (its own store; delete the folder to start the demo afresh)")
    print("your own sources go elsewhere (./babelwire-data by default):")
    print("  babelwire sources add https://example.org/feed.xml   # fetched once, named from the feed")
    print("  babelwire run                                         # poll on schedule and serve")


def demo_settings(settings: Settings, newsroom: DemoNewsroom | None = None) -> Settings:
    """Local demo sites need no pacing between requests; the SSRF guard lets babelwire
    reach exactly the running newsroom's loopback ports, nothing else on this machine."""
    values: dict[str, object] = {"fetch.per_host_delay": 0.0}
    if newsroom is not None:
        values["fetch.allow_addresses"] = [*settings["fetch.allow_addresses"],
                                           *newsroom.allow_entries()]
    return settings.replace(**values)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    from ..demo.catalog import load_catalog

    settings = demo_settings(demo_store_settings(settings, args.data))
    check_ports(args, settings, len(load_catalog()))
    with (nullcontext() if args.no_serve else reserve_reader_port(settings)) as listener:
        return ingest_and_serve(args, settings, listener)


def ingest_and_serve(args: argparse.Namespace, settings: Settings, listener) -> int:
    """Start the sites (their ports checked too), one pass, then serve on ``listener``."""
    from ..demo.server import start_demo_newsroom

    with start_demo_newsroom(base_port=args.sites_port) as newsroom:
        settings = demo_settings(settings, newsroom)
        with open_store(settings) as db:
            mark_demo(settings.data_dir)
            add_outlets(db, newsroom)
            with RichProgress() as progress, pipeline_context(settings, progress, db=db) as ctx:
                report = run_once(ctx)
                progress.stop()
            print_report(report, db)
            where_next(settings)
            if listener is None:
                return exit_code(report)
            print("nothing polls while the demo serves: it did one pass; `babelwire status` "
                  "says so too", flush=True)
            serve_reader(db, settings, listener)
    return 0
