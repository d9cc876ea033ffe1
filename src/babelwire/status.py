"""Is anything polling this store? A heartbeat file written by ``babelwire run``, and
the ``babelwire worker`` processes recorded in the store (any machine's).

``run`` writes ``<data_dir>/poller.json`` when it starts and every few seconds
while its poller lives, and removes it when it stops. ``demo`` marks its
folder with ``demo.json``: it does one pass and then only serves. ``status``
(and the reader's sources page) read both, plus the schedule from the store.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from .clock import now_iso, parse_iso, utcnow
from .storage.records import WorkerStatus
from .storage.schedule import PollSchedule

log = logging.getLogger(__name__)

HEARTBEAT_FILE = "poller.json"
DEMO_FILE = "demo.json"
BEAT_SECONDS = 10.0
STALE_AFTER = 6 * BEAT_SECONDS  # a heartbeat older than this is a dead poller


@dataclass(frozen=True)
class Heartbeat:
    pid: int
    host: str
    started_at: str
    beat_at: str


@dataclass(frozen=True)
class PollerState:
    running: bool
    demo: bool
    heartbeat: Heartbeat | None


def read_heartbeat(data_dir: Path) -> Heartbeat | None:
    try:
        raw = json.loads((data_dir / HEARTBEAT_FILE).read_text(encoding="utf-8"))
        return Heartbeat(int(raw["pid"]), str(raw["host"]), str(raw["started_at"]),
                         str(raw["beat_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(beat: Heartbeat, now: datetime) -> bool:
    moment = parse_iso(beat.beat_at)
    if moment is None or (now - moment).total_seconds() > STALE_AFTER:
        return False
    if beat.host != socket.gethostname():
        return True
    try:
        os.kill(beat.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def poller_state(data_dir: Path, now: datetime | None = None) -> PollerState:
    beat = read_heartbeat(data_dir)
    running = beat is not None and _alive(beat, now or utcnow())
    return PollerState(running=running, demo=(data_dir / DEMO_FILE).exists(), heartbeat=beat)


def mark_demo(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DEMO_FILE).write_text(json.dumps({"demo": True, "at": now_iso()}) + "\n",
                                      encoding="utf-8")


class HeartbeatWriter:
    """Beats every ``BEAT_SECONDS`` while ``alive()`` holds; removes the file on exit."""

    def __init__(self, data_dir: Path, alive=lambda: True) -> None:
        self.path = data_dir / HEARTBEAT_FILE
        self._alive = alive
        self._stop = threading.Event()
        self._beat = Heartbeat(os.getpid(), socket.gethostname(), now_iso(), now_iso())
        self._thread = threading.Thread(target=self._loop, name="babelwire-heartbeat",
                                        daemon=True)

    def _write(self) -> None:
        self._beat = Heartbeat(**{**asdict(self._beat), "beat_at": now_iso()})
        temporary = self.path.with_suffix(".tmp")
        try:
            temporary.write_text(json.dumps(asdict(self._beat)) + "\n", encoding="utf-8")
            temporary.replace(self.path)
        except OSError as exc:
            log.warning("cannot write the poller heartbeat %s: %s", self.path, exc)

    def _loop(self) -> None:
        while not self._stop.wait(BEAT_SECONDS):
            if self._alive():
                self._write()

    def __enter__(self) -> "HeartbeatWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        read = read_heartbeat(self.path.parent)
        if read is not None and read.pid == self._beat.pid:
            self.path.unlink(missing_ok=True)


def _when(text: str | None) -> str:
    moment = parse_iso(text)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def live_workers(workers: list[WorkerStatus], stale_after: float,
                 now: datetime | None = None) -> list[WorkerStatus]:
    """The ``babelwire worker`` processes heard from within ``stale_after`` seconds (a worker
    marks every round; one silent for a lease is gone: its claims go back to the others)."""
    moment = now or utcnow()
    alive = []
    for worker in workers:
        heard = [parse_iso(t) for t in (worker.pass_started_at, worker.pass_finished_at,
                                        worker.started_at)]
        latest = max((t for t in heard if t is not None), default=None)
        if worker.running and latest and (moment - latest).total_seconds() <= stale_after:
            alive.append(worker)
    return alive


def workers_line(workers: list[WorkerStatus]) -> str:
    names = ", ".join(w.name.split(" ", 1)[-1] for w in workers[:4])
    more = f" and {len(workers) - 4} more" if len(workers) > 4 else ""
    last = max((w.pass_finished_at or "" for w in workers), default="")
    return (f"polling: {len(workers)} `babelwire worker` process"
            f"{'es' if len(workers) != 1 else ''} ({names}{more}; last work "
            f"{_when(last or None)})")


def status_lines(state: PollerState, schedule: PollSchedule | None,
                 workers: list[WorkerStatus] | None = None) -> list[str]:
    """What ``babelwire status`` prints: who polls, then the schedule."""
    if workers:
        lines = [workers_line(workers)] + ([poller_line(state, None)] if state.running else [])
        state = PollerState(running=True, demo=state.demo, heartbeat=state.heartbeat)
    else:
        lines = [poller_line(state, None)]
    if schedule is None:
        return lines
    lines.append(f"sources: {schedule.sources} ({schedule.enabled} enabled, "
                 f"{schedule.failing} failing, {schedule.never_fetched} never fetched)")
    lines.append(f"last fetch: {_when(schedule.last_fetch_at)}")
    if schedule.next_check_at:
        waiting = "" if state.running else " (when something polls)"
        lines.append(f"next due: {_when(schedule.next_check_at)} ({schedule.next_source})"
                     f"{waiting}")
    return lines


def poller_line(state: PollerState, schedule: PollSchedule | None) -> str:
    """One line: who polls; with ``schedule`` (the reader's line), when and what next."""
    last = f" (last fetch {_when(schedule.last_fetch_at)})" if schedule else ""
    if state.running and state.heartbeat:
        due = ""
        if schedule and schedule.next_check_at:
            due = f"; next due {_when(schedule.next_check_at)} ({schedule.next_source})"
        return (f"polling: `babelwire run` is running (pid {state.heartbeat.pid}, since "
                f"{_when(state.heartbeat.started_at)}){last}{due}")
    if state.demo:
        return (f"nothing is polling: the demo did one pass{last} and only serves; "
                f"its sources are not fetched again")
    return (f"nothing is polling this store{last}: start `babelwire run` to poll sources "
            f"on their schedule")
