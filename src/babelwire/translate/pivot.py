"""Routing through a pivot language, and the translator wrapper that does it.

Apertium has fr→es and es→en but no fr→en; ``PivotTranslator`` goes
fr→es→en, one engine call (one process) per hop for the whole batch.
"""

from __future__ import annotations

import logging

from babelwire.errors import NoEngineError
from babelwire.translate.base import BatchResult, Translator
from babelwire.translate.identity import IdentityTranslator

log = logging.getLogger(__name__)

DEFAULT_PIVOTS: tuple[str, ...] = ("es", "ca", "en", "fr")


def find_route(
    pairs: set[tuple[str, str]], source: str, target: str, pivots: tuple[str, ...] = DEFAULT_PIVOTS
) -> tuple[str, ...]:
    """The languages to pass through, ends included: ``(source, target)`` or ``(source, pivot, target)``.

    Preferred pivots are tried in order, then any other language, alphabetically.
    Raises ``NoEngineError`` when neither a direct pair nor a one-pivot route exists.
    """
    if source == target:
        return (source,)
    if (source, target) in pairs:
        return (source, target)
    others = sorted({language for pair in pairs for language in pair} - set(pivots))
    for pivot in (*pivots, *others):
        if pivot not in (source, target) and (source, pivot) in pairs and (pivot, target) in pairs:
            return (source, pivot, target)
    raise NoEngineError(
        f"no translation engine for {source}→{target}: "
        "install an Apertium pair (apt-get install apertium-xxx-yyy)"
    )


def reachable_pairs(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Every pair a direct pair or one pivot can do."""
    reachable = set(pairs)
    for source, middle in pairs:
        reachable.update((source, target) for start, target in pairs if start == middle and target != source)
    return reachable


class PivotTranslator:
    """Wraps a translator so that pairs it lacks go through one pivot language."""

    def __init__(self, engine: Translator, pivots: tuple[str, ...] = DEFAULT_PIVOTS) -> None:
        self.engine = engine
        self.pivots = tuple(pivots)
        self.name = engine.name

    def version(self) -> str:
        return self.engine.version()

    def pairs(self) -> set[tuple[str, str]]:
        """Direct pairs of the engine plus those one pivot reaches."""
        return reachable_pairs(self.engine.pairs())

    def route(self, source: str, target: str) -> tuple[str, ...]:
        return find_route(self.engine.pairs(), source, target, self.pivots)

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        route = self.route(source, target)
        if len(route) == 1:
            return IdentityTranslator().translate_batch(segments, source, target)
        if len(route) == 2:
            return self.engine.translate_batch(segments, source, target)
        pivot = route[1]
        log.debug("translating %d segments %s→%s through %s", len(segments), source, target, pivot)
        first = self.engine.translate_batch(segments, source, pivot)
        second = self.engine.translate_batch(list(first.segments), pivot, target)
        return BatchResult(
            segments=second.segments,
            engine=second.engine,
            engine_version=f"{first.engine_version} + {second.engine_version}",
            pivot=pivot,
            unknown=tuple(a or b for a, b in zip(first.unknown, second.unknown, strict=True)),
            warnings=first.warnings + second.warnings,
        )
