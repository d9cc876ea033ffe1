"""Sources polled concurrently, bounded overall and per host.

``poll.workers`` threads take sources from one queue; a thread takes the first
source whose host has fewer than ``fetch.per_host_concurrency`` polls in
flight, so a slow host ties up at most that many threads and every other host
carries on. (The fetcher's own per-host gates and pacing still apply inside.)
"""

from __future__ import annotations

import threading
from typing import Callable, Sequence
from urllib.parse import urlsplit

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
