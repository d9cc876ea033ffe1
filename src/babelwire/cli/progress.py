"""Progress bars in the terminal (rich), one per pipeline stage."""

from __future__ import annotations

import sys
import threading

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

LABELS = {"sources": "Polling sources", "articles": "Fetching & extracting articles",
          "translations": "Translating", "tracing": "Tracing copies & stories"}


class RichProgress:
    """Implements babelwire.pipeline.Progress with rich bars on stderr."""

    def __init__(self, enabled: bool | None = None, console: Console | None = None) -> None:
        console = console or Console(stderr=True)
        self.enabled = console.is_terminal if enabled is None else enabled
        self._bars = Progress(TextColumn("{task.description:<32}"), BarColumn(),
                              MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                              disable=not self.enabled)
        self._tasks: dict[str, int] = {}
        self._totals: dict[str, int] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> "RichProgress":
        self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop drawing (idempotent), so a summary printed next is not mixed with bars."""
        self._bars.stop()

    def start(self, task: str, total: int) -> None:
        """``total`` 0: a stage without a count, shown as running until it finishes."""
        with self._lock:
            self._tasks[task] = self._bars.add_task(LABELS.get(task, task), total=total or None)
            self._totals[task] = total
        if not self.enabled:
            count = f": {total}" if total else "..."
            print(f"{LABELS.get(task, task)}{count}", file=sys.stderr, flush=True)

    def advance(self, task: str, amount: int = 1) -> None:
        with self._lock:
            if task in self._tasks:
                self._bars.advance(self._tasks[task], amount)

    def finish(self, task: str) -> None:
        with self._lock:
            task_id = self._tasks.get(task)
            if task_id is not None:
                total = self._totals[task] or 1
                self._bars.update(task_id, total=total, completed=total)
