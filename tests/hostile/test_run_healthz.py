"""``babelwire run`` serves even when its first pass failed, and ``/healthz`` reports the poller."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import httpx

from babelwire.storage import Database
from babelwire.storage import sources as source_store

from .conftest import FIXTURES, cli_env, serve_folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_poller(url: str, process: subprocess.Popen) -> httpx.Response:
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(f"run exited: {process.stderr.read()[-2000:]}")
        try:
            answer = httpx.get(url, headers={"accept": "application/json"}, timeout=5)
            if answer.headers.get("content-type", "").startswith("application/json") \
                    and answer.json()["passes"] >= 1:
                return answer
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("the poller never reported a pass")


def test_run_serves_after_a_failed_first_pass_and_healthz_reports_the_poller(tmp_path):
    data = tmp_path / "data"
    port = free_port()
    with serve_folder(FIXTURES) as base:
        with Database(data / "babelwire.sqlite3") as db:
            for name in ("json-nesting-bomb.json", "json-wrong-types.json"):
                source_store.add_source(db, base + name)
        process = subprocess.Popen(
            [sys.executable, "-m", "babelwire.cli.main", "--data", str(data), "run", "--port",
             str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=cli_env(BABELWIRE_TARGETS="fr", BABELWIRE_POLL_INTERVAL="1"))
        try:
            answer = wait_for_poller(f"http://127.0.0.1:{port}/healthz", process)
            facts = answer.json()
            assert answer.status_code == 200 and facts["status"] == "ok"
            assert facts["poller"] == "alive" and facts["last_pass_finished"]
            assert "sources polled" in facts["last_pass"]
            text = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
            assert text.text.startswith("ok\npoller: alive\n")
            assert httpx.get(f"http://127.0.0.1:{port}/", timeout=10).status_code == 200
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_healthz_says_so_when_this_process_poller_has_stopped(tmp_path, make_settings):
    import os

    from babelwire.web import BackgroundServer, create_app

    settings = make_settings(tmp_path)
    with Database(settings.db_path) as db:
        with BackgroundServer(create_app(db, settings)) as server:
            assert httpx.get(server.url + "/healthz").text == "ok"  # no poller: serve alone
            db.workers.started("poller", os.getpid())
            assert httpx.get(server.url + "/healthz").status_code == 200
            db.workers.stopped("poller", "RuntimeError: boom")
            answer = httpx.get(server.url + "/healthz")
            assert answer.status_code == 503
            assert answer.text.startswith("error: the poller has stopped")
            assert "last_error: RuntimeError: boom" in answer.text
