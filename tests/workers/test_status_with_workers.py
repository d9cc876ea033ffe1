"""`babelwire status` on a PostgreSQL newsroom says which workers poll it, from any machine's
record in the store, and names the store without its password."""

from __future__ import annotations

import subprocess
import sys
import time

from babelwire.storage import open_store

from .conftest import SRC, start_worker


def status(config) -> str:
    done = subprocess.run([sys.executable, "-m", "babelwire.cli.main", "--config", str(config),
                           "status"], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_status_lists_running_workers_then_none(worker_config, newsroom):
    config, url = worker_config
    with open_store(url) as store:
        store.sources.add(newsroom.feed_url, name="Gazette")
    assert "nothing is polling this store" in status(config)
    worker = start_worker(config)
    try:
        for _ in range(600):  # until the worker has recorded itself
            with open_store(url) as store:
                if store.workers.list("worker "):
                    break
            time.sleep(0.2)
        shown = status(config)
        assert "polling: 1 `babelwire worker` process" in shown, shown
        assert shown.startswith("store: postgresql://")
    finally:
        worker.terminate()
        worker.wait(60)
    assert "nothing is polling this store" in status(config)
