"""A doorbell rung when work is queued in this process, so the run loop wakes at once.

A WebSub push stores its entries through ``store.entries.enqueue``; the run loop,
sharing the store in ``babelwire run``, waits on ``store.entries.wait_for_new`` between
passes instead of sleeping until the next due poll. Another process's pushes are not
heard (the loop still wakes at the next due poll or after its idle time); a backend
with change notification (PostgreSQL ``LISTEN``) can ring it from there.
"""

from __future__ import annotations

import threading


class Doorbell:
    def __init__(self) -> None:
        self._rung = threading.Event()

    def ring(self) -> None:
        self._rung.set()

    def wait(self, timeout: float) -> bool:
        """True if rung (since the last wait that returned True) before ``timeout`` seconds."""
        if self._rung.wait(max(0.0, timeout)):
            self._rung.clear()  # work queued after this point rings again
            return True
        return False
