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

# The pivot measured best per pair (raw ``apertium -u`` along each route, chrF on the first
# 500 FLORES-200 devtest sentences, see docs/benchmarks.md "Translation on real news"):
# fr→en through es 49.65, through ca 49.02; en→fr through ca 49.03, through es 47.23.
# ``translate.pair_pivots`` overrides these per pair.
MEASURED_PIVOTS: dict[tuple[str, str], str] = {("fr", "en"): "es", ("en", "fr"): "ca"}


def parse_pair_pivots(rules: list[str]) -> dict[tuple[str, str], str]:
    """``["en-fr=ca"]`` -> ``{("en", "fr"): "ca"}``; ``ConfigError`` on a bad rule."""
    from babelwire.errors import ConfigError

    routes: dict[tuple[str, str], str] = {}
    for rule in rules:
        pair, _, pivot = rule.partition("=")
        languages = pair.strip().lower().replace("_", "-").split("-")
        if len(languages) != 2 or not all(languages) or not pivot.strip().isalpha():
            raise ConfigError(f"translate.pair_pivots rule {rule!r} must look like en-fr=ca")
        routes[(languages[0], languages[1])] = pivot.strip().lower()
    return routes


def find_route(
    pairs: set[tuple[str, str]], source: str, target: str, pivots: tuple[str, ...] = DEFAULT_PIVOTS,
    pair_pivots: dict[tuple[str, str], str] | None = None,
) -> tuple[str, ...]:
    """The languages to pass through, ends included: ``(source, target)`` or ``(source, pivot, target)``.

    The pair's own pivot comes first (``pair_pivots``, else the measured one),
    then the preferred pivots in order, then any other language, alphabetically.
    Raises ``NoEngineError`` when neither a direct pair nor a one-pivot route exists.
    """
    if source == target:
        return (source,)
    if (source, target) in pairs:
        return (source, target)
    own = (pair_pivots if pair_pivots is not None else MEASURED_PIVOTS).get((source, target))
    others = sorted({language for pair in pairs for language in pair} - set(pivots))
    for pivot in ((own,) if own else ()) + (*pivots, *others):
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

    def __init__(self, engine: Translator, pivots: tuple[str, ...] = DEFAULT_PIVOTS,
                 pair_pivots: dict[tuple[str, str], str] | None = None) -> None:
        self.engine = engine
        self.pivots = tuple(pivots)
        self.pair_pivots = {**MEASURED_PIVOTS, **(pair_pivots or {})}
        self.name = engine.name

    def version(self) -> str:
        return self.engine.version()

    def pairs(self) -> set[tuple[str, str]]:
        """Direct pairs of the engine plus those one pivot reaches."""
        return reachable_pairs(self.engine.pairs())

    def route(self, source: str, target: str) -> tuple[str, ...]:
        return find_route(self.engine.pairs(), source, target, self.pivots, self.pair_pivots)

    def names_to_keep(self, candidates: list[str], source: str, target: str) -> dict[str, str]:
        """Asked of the first hop's dictionary when the engine can tell; else every candidate."""
        route = self.route(source, target)
        if len(route) < 2 or not hasattr(self.engine, "names_to_keep"):
            return {name: name for name in candidates}
        return self.engine.names_to_keep(candidates, route[0], route[1])

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        route = self.route(source, target)
        if len(route) == 1:
            return IdentityTranslator().translate_batch(segments, source, target)
        if len(route) == 2:
            return self.engine.translate_batch(segments, source, target)
        pivot = route[1]
        log.debug("translating %d segments %s→%s through %s", len(segments), source, target, pivot)
        if hasattr(self.engine, "translate_route"):  # both hops at once, one pipe (Apertium)
            return self.engine.translate_route(segments, route)
        first = self.engine.translate_batch(segments, source, pivot)
        second = self.engine.translate_batch(list(first.segments), pivot, target)
        return BatchResult(
            segments=second.segments,
            engine=second.engine,
            engine_version=f"{first.engine_version} + {second.engine_version}",
            pivot=pivot,
            unknown=tuple(a or b for a, b in zip(first.unknown, second.unknown, strict=True)),
            unknown_words=second.unknown_words,
            warnings=first.warnings + second.warnings,
        )
