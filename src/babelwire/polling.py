"""Sources polled concurrently, bounded overall and per host.

``poll.workers`` threads take sources from one queue; a thread takes the first
source whose host has fewer than ``fetch.per_host_concurrency`` polls in
flight, so a slow host ties up at most that many threads and every other host
carries on. (The fetcher's own per-host gates and pacing still apply inside.)

The schedule: ``next_poll_at`` keeps a source's polls on its grid, and the run
loop sleeps ``seconds_until`` the first source is due (or until a push wakes it).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Callable, Sequence
from urllib.parse import urlsplit

from .clock import parse_iso
from .models import Source


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HostQueue:
    """Sources to poll; ``take`` never hands out more than ``per_host`` of one host at once."""

    def __init__(self, sources: Sequence[Source], per_host: int) -> None:
        self._waiting = list(sources)
        self._busy: dict[str, int] = {}
        self._per_host = max(1, per_host)
        self._changed = threading.Condition()

    def take(self) -> Source | None:
        with self._changed:
            while self._waiting:
                for index, source in enumerate(self._waiting):
                    host = host_of(source.url)
                    if self._busy.get(host, 0) < self._per_host:
                        self._busy[host] = self._busy.get(host, 0) + 1
                        return self._waiting.pop(index)
                self._changed.wait()
            return None

    def done(self, source: Source) -> None:
        with self._changed:
            host = host_of(source.url)
            self._busy[host] = self._busy.get(host, 1) - 1
            self._changed.notify_all()


def poll_concurrently(sources: Sequence[Source], poll: Callable[[Source], None], *,
                      workers: int, per_host: int) -> None:
    """Call ``poll`` on every source from at most ``workers`` threads; ``poll`` must not raise."""
    queue = HostQueue(sources, per_host)

    def work() -> None:
        while (source := queue.take()) is not None:
            try:
                poll(source)
            finally:
                queue.done(source)

    threads = [threading.Thread(target=work, name=f"babelwire-poll-{n}", daemon=True)
               for n in range(max(1, min(workers, len(sources))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def next_poll_at(scheduled: datetime | None, started: datetime, interval: float) -> datetime:
    """When to poll a source next after a good poll that started at ``started``.

    On the schedule's grid (``scheduled + interval``) when the poll was at most half an
    interval late, so a slow pass does not push every later poll back; otherwise (a
    first poll, an early poll, a long stop) ``interval`` from the start of this poll.
    Two polls are never closer than half an interval.
    """
    step = timedelta(seconds=interval)
    if scheduled is None or scheduled > started or started - scheduled > step / 2:
        return started + step
    return scheduled + step


def seconds_until(next_due: str | None, now: datetime, idle: float) -> float:
    """Seconds from ``now`` until ``next_due`` ('' = now, ``None`` = nothing), at most ``idle``."""
    if next_due is None:
        return idle
    moment = parse_iso(next_due)
    if moment is None:
        return 0.0
    return max(0.0, min(idle, (moment - now).total_seconds()))
