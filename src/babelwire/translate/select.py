"""Choosing an engine per language pair: ``translate.engine`` and ``translate.pair_engines``.

``EngineSelector`` holds the configured engines in order of preference
(neural models, then translation servers, then Apertium) and sends each batch
to the first engine with a direct pair, else the first that reaches the pair
through a pivot language. A per-pair override (``"fr-en=apertium"``) pins an
engine. The ``BatchResult`` names the engine actually used.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from babelwire.errors import ConfigError, NoEngineError
from babelwire.translate.base import BatchResult, Translator
from babelwire.translate.identity import IdentityTranslator
from babelwire.translate.pivot import DEFAULT_PIVOTS, PivotTranslator, reachable_pairs

log = logging.getLogger(__name__)

AUTO = "auto"
ENGINE_NAMES = ("ctranslate2", "libretranslate", "openai", "apertium")  # preference order for auto
ALIASES = {"neural": "ctranslate2", "argos": "ctranslate2", "opus-mt": "ctranslate2"}
INSTALL_HINT = ("install a neural model (babelwire models install translate-{source}_{target}), "
                "set translate.libretranslate_url or translate.openai_url, "
                "or install an Apertium pair (apt-get install apertium-xxx-yyy)")


def engine_name(name: str) -> str:
    """The canonical engine name for ``name`` (aliases accepted); ``ConfigError`` for others."""
    canonical = ALIASES.get(name.strip().lower(), name.strip().lower())
    if canonical not in (*ENGINE_NAMES, AUTO):
        raise ConfigError(f"unknown translation engine {name!r}: use one of {', '.join((AUTO, *ENGINE_NAMES))}")
    return canonical


def parse_pair_engines(rules: list[str]) -> dict[tuple[str, str], str]:
    """``["fr-en=apertium"]`` -> ``{("fr", "en"): "apertium"}``; ``ConfigError`` on a bad rule."""
    overrides: dict[tuple[str, str], str] = {}
    for rule in rules:
        pair, _, engine = rule.partition("=")
        languages = pair.strip().lower().replace("_", "-").split("-")
        if len(languages) != 2 or not all(languages) or not engine.strip():
            raise ConfigError(f"translate.pair_engines rule {rule!r} must look like fr-en=apertium")
        overrides[(languages[0], languages[1])] = engine_name(engine)
    return overrides


@dataclass(frozen=True)
class Choice:
    """The engine picked for a pair, and how: directly or through a pivot."""

    engine: str
    translator: Translator
    pivoted: bool


class EngineSelector:
    """One translator over several engines, choosing per pair."""

    name = AUTO

    def __init__(self, engines: dict[str, Translator], overrides: dict[tuple[str, str], str] | None = None,
                 pivots: tuple[str, ...] = DEFAULT_PIVOTS,
                 pair_pivots: dict[tuple[str, str], str] | None = None) -> None:
        self.engines = dict(engines)  # name -> engine, in order of preference
        self.overrides = dict(overrides or {})
        self.pivots = tuple(pivots)
        self._pivoting = {name: PivotTranslator(engine, self.pivots, pair_pivots)
                          for name, engine in self.engines.items()}

    def version(self) -> str:
        return " + ".join(f"{name} {engine.version()}" for name, engine in self.engines.items()) or "none"

    def pairs(self) -> set[tuple[str, str]]:
        """Every pair some engine does, directly or through a pivot (overrides respected)."""
        pairs: set[tuple[str, str]] = set()
        for engine in self.engines.values():
            pairs |= reachable_pairs(engine.pairs())
        return {pair for pair in pairs if self._allowed(pair)}

    def choose(self, source: str, target: str) -> Choice:
        """The engine for the pair; ``NoEngineError`` saying what to install when there is none."""
        pinned = self.overrides.get((source, target))
        candidates = [pinned] if pinned else list(self.engines)
        if pinned and pinned not in self.engines:
            raise NoEngineError(f"translate.pair_engines sends {source}→{target} to {pinned}, "
                                "which is not configured: " + INSTALL_HINT.format(source=source, target=target))
        for name in candidates:
            if (source, target) in self.engines[name].pairs():
                return Choice(name, self.engines[name], pivoted=False)
        for name in candidates:
            if (source, target) in self._pivoting[name].pairs():
                return Choice(name, self._pivoting[name], pivoted=True)
        raise NoEngineError(f"no translation engine for {source}→{target}: "
                            + INSTALL_HINT.format(source=source, target=target))

    def names_to_keep(self, candidates: list[str], source: str, target: str) -> dict[str, str]:
        """The chosen engine's answer when it can tell which names it would mangle; else all of them."""
        translator = self.choose(source, target).translator if source != target else None
        if translator is None or not hasattr(translator, "names_to_keep"):
            return {name: name for name in candidates}
        return translator.names_to_keep(candidates, source, target)

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        if source == target:
            return IdentityTranslator().translate_batch(segments, source, target)
        choice = self.choose(source, target)
        log.debug("%s→%s: %s%s", source, target, choice.engine, " (pivot)" if choice.pivoted else "")
        return choice.translator.translate_batch(segments, source, target)

    def _allowed(self, pair: tuple[str, str]) -> bool:
        pinned = self.overrides.get(pair)
        if pinned is None:
            return True
        engine = self.engines.get(pinned)
        return engine is not None and pair in reachable_pairs(engine.pairs())
