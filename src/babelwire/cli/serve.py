"""``babelwire serve``: the web reader over the store."""

from __future__ import annotations

import argparse
import socket

from ..compose import open_store
from ..settings import Settings
from ..storage import Database
from .ports import reserve_port


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="serve the reader, feeds and JSON API")
    parser.add_argument("--port", type=int, help="port (default serve.port, 8000)")
    parser.add_argument("--host", help="address (default serve.host, 127.0.0.1)")
    parser.set_defaults(handler=handle)


def reserve_reader_port(settings: Settings) -> socket.socket:
    return reserve_port(settings["serve.host"], settings["serve.port"], "the reader", "--port")


def serve_reader(db: Database, settings: Settings, listener: socket.socket) -> None:
    """Serve on ``listener``, the reader's port reserved before any other work."""
    import uvicorn

    from ..web.app import create_app

    host, port = settings["serve.host"], settings["serve.port"]
    print(f"babelwire reader: http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    config = uvicorn.Config(create_app(db, settings), host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[listener])


def handle(args: argparse.Namespace, settings: Settings) -> int:
    with reserve_reader_port(settings) as listener, open_store(settings) as db:
        serve_reader(db, settings, listener)
    return 0
