"""What one pass of the run did: counts, problems (one line each) and escaped step errors.

Shared by the passes (``worker``, ``localize``, ``provenance.incremental``, ``tasks``), so
none of them imports another for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class RunReport:
    sources_polled: int = 0
    sources_failed: int = 0
    entries_found: int = 0
    articles_stored: int = 0
    pages_dropped: int = 0
    pages_failed: int = 0
    translations: int = 0
    translation_failures: int = 0
    problems: list[str] = field(default_factory=list)
    step_errors: list[str] = field(default_factory=list)  # exceptions that escaped a step
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def problem(self, text: str, **counts: int) -> None:
        """Record one problem (thread-safe), adding ``counts`` to the named counters."""
        with self.lock:
            self.problems.append(text)
            for name, amount in counts.items():
                setattr(self, name, getattr(self, name) + amount)

    def summary(self) -> str:
        return (f"{self.sources_polled} sources polled ({self.sources_failed} failed), "
                f"{self.entries_found} new entries, {self.articles_stored} articles stored, "
                f"{self.pages_dropped} pages skipped, {self.pages_failed} pages failed, "
                f"{self.translations} translations, {self.translation_failures} not translated")
