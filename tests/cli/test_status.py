"""`babelwire status` and the reader's status line: is anything polling, what is due next."""

import json
import os
import signal
import subprocess
import sys
from datetime import timedelta

import httpx

from babelwire.clock import iso, utcnow
from babelwire.status import HEARTBEAT_FILE, HeartbeatWriter, mark_demo, poller_state
from babelwire.storage import Database
from babelwire.storage import sources as source_store
from babelwire.web.app import create_app
from babelwire.web.server import BackgroundServer

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]



def test_heartbeat_is_running_then_gone(tmp_path):
    assert not poller_state(tmp_path).running
    with HeartbeatWriter(tmp_path):
        state = poller_state(tmp_path)
        assert state.running and state.heartbeat.pid == os.getpid()
    assert not (tmp_path / HEARTBEAT_FILE).exists()
    assert not poller_state(tmp_path).running


def test_a_stale_or_dead_heartbeat_is_not_a_poller(tmp_path):
    beat = {"pid": os.getpid(), "host": os.uname().nodename, "started_at": iso(utcnow()),
            "beat_at": iso(utcnow() - timedelta(minutes=5))}
    (tmp_path / HEARTBEAT_FILE).write_text(json.dumps(beat))
    assert not poller_state(tmp_path).running  # too old
    dead = subprocess.Popen(["true"])
    dead.wait()
    beat.update(pid=dead.pid, beat_at=iso(utcnow()))
    (tmp_path / HEARTBEAT_FILE).write_text(json.dumps(beat))
    assert not poller_state(tmp_path).running  # fresh, but its process is gone


def test_status_after_the_demo_says_nothing_polls(cli, tmp_path, sites):
    data = tmp_path / "demo-data"
    with Database(data / "babelwire.sqlite3") as db:
        source_store.add_source(db, sites["rss"].url("/feed.xml"), name="The Wren Gazette")
    mark_demo(data)
    shown = cli("--data", str(data), "status", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "nothing is polling: the demo did one pass" in shown.stdout
    assert "sources: 1 (1 enabled, 0 failing, 1 never fetched)" in shown.stdout
    assert "next due:" in shown.stdout and "(The Wren Gazette)" in shown.stdout


def test_run_beats_and_the_reader_says_so(tmp_path, sites, workdir):
    """A real `run --no-serve` process: status sees it; the sources page shows the line."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run([*BABELWIRE, "sources", "add", sites["atom"].url("/atom.xml")], cwd=workdir,
                   env=env, check=True, capture_output=True, timeout=300)
    runner = subprocess.Popen([*BABELWIRE, "run", "--no-serve"], cwd=workdir, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "polling sources on their schedule" not in line:
            line = runner.stdout.readline()
            assert line or runner.poll() is None, runner.stderr.read()
        shown = subprocess.run([*BABELWIRE, "status"], cwd=workdir, env=env, text=True,
                               capture_output=True, timeout=300)
        assert f"polling: `babelwire run` is running (pid {runner.pid}" in shown.stdout
        assert "next due:" in shown.stdout
        with Database(workdir / "babelwire-data" / "babelwire.sqlite3") as db:
            from babelwire.settings import load_settings
            settings = load_settings(None, environ={},
                                     overrides={"data_dir": str(workdir / "babelwire-data")})
            with BackgroundServer(create_app(db, settings)) as server:
                page = httpx.get(server.url + "/sources", timeout=30).text
        assert "is running (pid" in page and "poller-status" in page
    finally:
        runner.send_signal(signal.SIGINT)
        runner.wait(timeout=60)
    assert not (workdir / "babelwire-data" / HEARTBEAT_FILE).exists()
    after = subprocess.run([*BABELWIRE, "status"], cwd=workdir, env=env, text=True,
                           capture_output=True, timeout=300)
    assert "nothing is polling this store" in after.stdout and "babelwire run" in after.stdout


def test_workers_heard_from_within_a_lease_are_polling():
    from babelwire.status import PollerState, live_workers, status_lines
    from babelwire.storage.records import WorkerStatus

    now = utcnow()
    recent, old = iso(now - timedelta(seconds=30)), iso(now - timedelta(hours=2))
    workers = [WorkerStatus("worker a:1", 1, True, old, recent, None, 0, None, None, None),
               WorkerStatus("worker b:2", 2, True, old, old, old, 3, "x", None, None),
               WorkerStatus("worker c:3", 3, False, recent, recent, recent, 1, "x", None, None)]
    alive = live_workers(workers, stale_after=600, now=now)
    assert [w.name for w in alive] == ["worker a:1"]  # b is silent, c has stopped
    idle = PollerState(running=False, demo=False, heartbeat=None)
    lines = status_lines(idle, None, alive)
    assert lines[0].startswith("polling: 1 `babelwire worker` process (a:1; last work never)")
    assert status_lines(idle, None, [])[0].startswith("nothing is polling this store")
