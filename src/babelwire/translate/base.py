"""The ``Translator`` protocol and the record a batch translation returns.

A translator turns a batch of text segments from one language into another.
Language codes are ISO 639-1 (two letters) wherever one exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class BatchResult:
    """The outcome of translating a batch of segments.

    ``segments`` always has as many items as the input, in the same order.
    ``unknown[i]`` is true when the engine left unknown words in segment ``i``.
    ``pivot`` names the language passed through, or ``None`` for a direct pair.
    ``unknown_words[i]`` lists the words of segment ``i`` the engine did not know and
    kept as written (empty when the engine cannot tell).
    """

    segments: tuple[str, ...]
    engine: str
    engine_version: str
    pivot: str | None = None
    unknown: tuple[bool, ...] = ()
    warnings: tuple[str, ...] = ()
    unknown_words: tuple[tuple[str, ...], ...] = ()  # per segment, when the engine names them


@runtime_checkable
class Translator(Protocol):
    """What every engine and wrapper provides."""

    name: str

    def version(self) -> str:
        """The engine's version, for provenance ("unknown" when it cannot tell)."""
        ...

    def pairs(self) -> set[tuple[str, str]]:
        """The (source, target) pairs one ``translate_batch`` call can do."""
        ...

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        """Translate every segment; the result has exactly ``len(segments)`` items."""
        ...
