"""``babelwire serve``: the web reader over the store."""

from __future__ import annotations

import argparse

from ..compose import open_store
from ..settings import Settings
from ..storage import Database
from .ports import require_free


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="serve the reader, feeds and JSON API")
    parser.add_argument("--port", type=int, help="port (default serve.port, 8000)")
    parser.add_argument("--host", help="address (default serve.host, 127.0.0.1)")
    parser.set_defaults(handler=handle)


def serve_reader(db: Database, settings: Settings) -> None:
    from ..web.app import create_app
    from ..web.server import serve

    host, port = settings["serve.host"], settings["serve.port"]
    print(f"babelwire reader: http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    serve(create_app(db, settings), host, port)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    require_free(settings["serve.host"], settings["serve.port"], "the reader", "--port")
    with open_store(settings) as db:
        serve_reader(db, settings)
    return 0
