"""Hostile input served over 127.0.0.1, and ``babelwire run --once`` as a real process."""

from __future__ import annotations

import functools
import os
import sqlite3
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SRC = Path(__file__).resolve().parents[2] / "src"


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".json": "application/feed+json", ".xml": "application/xml"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on an ephemeral 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "BABELWIRE_FETCH_PER_HOST_DELAY": "0",
           "BABELWIRE_FETCH_ALLOW_ADDRESSES": "127.0.0.1",  # the SSRF guard's allowlist
           "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    env.update(extra)
    return env


# Runs the command given as arguments, then reports its peak RSS on the last stderr line.
_MEASURED = ("import resource, subprocess, sys\n"
             "code = subprocess.run(sys.argv[1:]).returncode\n"
             "print('PEAK_RSS_KIB=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
             " file=sys.stderr)\n"
             "sys.exit(code)")


def run_once(data_dir: Path, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    """``babelwire run --once`` as a process; its stderr ends with ``PEAK_RSS_KIB=...``."""
    return subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m",
                           "babelwire.cli.main", "--data", str(data_dir), "run", "--once"],
                          capture_output=True, text=True, timeout=timeout, env=cli_env(**env))


def peak_rss_kib(done: subprocess.CompletedProcess) -> int:
    return int(done.stderr.strip().splitlines()[-1].split("=")[1])


def query(db_path: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def fixture_server() -> Iterator[str]:
    with serve_folder(FIXTURES) as base:
        yield base
