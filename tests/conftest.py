"""Fixtures shared across test folders: local settings and the demo newsroom ingested once."""

import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from babelwire.compose import pipeline_context
from babelwire.demo.server import start_demo_newsroom
from babelwire.settings import load_settings
from babelwire.storage import Database
from babelwire.storage import sources as source_store
from babelwire.worker import run_once


def local_settings(data_dir, **overrides):
    """Settings for a store under ``data_dir``, no pacing, 127.0.0.1 allowed (local servers),
    targets en and fr."""
    values = {"data_dir": str(data_dir), "fetch.per_host_delay": 0.0, "targets": ["en", "fr"],
              "fetch.allow_addresses": ["127.0.0.1"]}
    values.update(overrides)
    return load_settings(None, environ={}, overrides=values)


@pytest.fixture
def make_settings():
    return local_settings


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The demo newsroom ingested once through worker.run_once (trace step included):
    (newsroom, settings, db, report of that first run)."""
    with start_demo_newsroom() as newsroom:
        settings = local_settings(tmp_path_factory.mktemp("demo-data"))
        db = Database(settings.db_path)
        for outlet in newsroom.outlets:
            source_store.add_source(db, outlet.feed_url, name=outlet.name)
        with pipeline_context(settings, db=db) as ctx:
            report = run_once(ctx)
        yield newsroom, settings, db, report
        db.close()


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server on 127.0.0.1 for the session (skips when Debian's
    postgresql package is not installed); ``.database()`` hands out a fresh database URL."""
    from babelwire.storage.postgres.throwaway import ThrowawayServer, find_binaries

    binaries = find_binaries()
    if binaries is None and os.environ.get("CI"):
        pytest.fail("CI must test PostgreSQL: its server binaries (initdb, pg_ctl) are missing; "
                    "`make test` installs Debian's postgresql")
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed: "
                    "apt-get install postgresql (make test does)")
    server = ThrowawayServer(binaries).start()
    yield server
    server.stop()


@dataclass
class Receiver:
    url: str = ""
    received: list = field(default_factory=list)  # (headers, body bytes) accepted
    failures: int = 0  # answer 503 to this many requests first
    attempts: int = 0


@pytest.fixture
def webhook_receiver():
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.attempts += 1
            if receiver.failures:
                receiver.failures -= 1
                self.send_response(503)
            else:
                receiver.received.append((dict(self.headers), body))
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
