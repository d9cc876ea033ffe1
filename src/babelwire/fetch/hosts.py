"""Per-host politeness: at most N requests in flight, and a minimum gap between starts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class _HostState:
    def __init__(self, concurrency: int) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0  # monotonic time of the earliest allowed next start


class HostGates:
    """One gate per host name, created on first use; thread-safe."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self._concurrency = concurrency
        self._delay = delay
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host: str) -> Iterator[float]:
        """Hold one of the host's slots; yields the seconds spent waiting for it."""
        state = self._state(host)
        started = time.monotonic()
        state.slots.acquire()
        try:
            self._pace(state)
            yield time.monotonic() - started
        finally:
            state.slots.release()

    def _state(self, host: str) -> _HostState:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = self._hosts[host] = _HostState(self._concurrency)
            return state

    def _pace(self, state: _HostState) -> None:
        """Reserve the next start time under the lock, then sleep outside it."""
        with state.lock:
            now = time.monotonic()
            start = max(now, state.next_start)
            state.next_start = start + self._delay
        if start > now:
            time.sleep(start - now)
