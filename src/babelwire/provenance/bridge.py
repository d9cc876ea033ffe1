"""Articles in languages the sentence encoder does not know, read through a machine rendering.

The encoder (USE multilingual v3, spelling.ENCODER_LANGUAGES) gives noise for Ukrainian,
Romanian, Bulgarian...: a Ukrainian sentence and its English translation score 0.08 to
0.79 (median 0.49), an unrelated pair up to 0.45. When the translator can render such a
language into one the encoder knows (Apertium ukr-rus, ro-es, ...), the tracer encodes
that rendering instead, sentence by sentence, so the alignment stays one sentence of the
article to one of the other: on 12 invented Ukrainian sentences with English translations
the rendering into Russian scores 0.56 to 0.83 (median 0.75, all 12 above the alignment's
0.55) while other sentences stay at 0.42 or less; Romanian through Spanish 0.69 to 0.89
(0.26 raw). The evidence names the rendering; the aligned sentences shown are the
article's own. Languages with no such route (Greek today) are aligned by spelling.

The translator is built on first need (never for articles the encoder reads itself), and
every rendering is asked for in one call per language; a failed call leaves the articles
to the spelling alignment, with a logged warning.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable

from ..errors import BabelwireError
from ..translate import Translator, can_translate, translate_texts
from ..translate.service import TranslateOptions, available_pairs
from .spelling import encoder_knows

log = logging.getLogger(__name__)

# Targets tried in order after the pivot language: first among the pairs an engine does
# in one hop, then among those it reaches through a pivot language (two hops).
PREFERRED = ("en", "es", "ru", "fr", "de", "it", "pt", "nl", "pl", "tr", "ar", "zh", "ja",
             "ko", "th")


class Bridge:
    """Which languages are read through a rendering, and the renderings themselves."""

    def __init__(self, translator: Callable[[], Translator | None], pivot: str = "en",
                 options: TranslateOptions | None = None) -> None:
        self._make_translator = translator
        self._translator: Translator | None = None
        self._made = False
        self._pivot = pivot
        self._options = options
        self._targets: dict[str, str | None] = {}

    def translator(self) -> Translator | None:
        if not self._made:
            self._made = True
            try:
                self._translator = self._make_translator()
            except BabelwireError as error:
                log.warning("no rendering for the encoder: %s", error.one_line())
        return self._translator

    def target(self, lang: str) -> str | None:
        """The language ``lang`` is rendered into for the encoder; None when the encoder
        reads ``lang`` itself or no translation route exists."""
        if lang not in self._targets:
            self._targets[lang] = None if encoder_knows(lang) else self._find_target(lang)
        return self._targets[lang]

    def _find_target(self, lang: str) -> str | None:
        translator = self.translator()
        if translator is None:
            return None
        direct = direct_pairs(translator)
        for target in (self._pivot, *PREFERRED):
            if encoder_knows(target) and (lang, target) in direct:
                return target
        reachable = available_pairs(translator)  # through a pivot language: two hops
        for target in (self._pivot, *PREFERRED):
            if encoder_knows(target) and (lang, target) in reachable:
                return target
        if encoder_knows(self._pivot) and can_translate(translator, lang, self._pivot):
            return self._pivot
        return None

    def render(self, lang: str, texts: list[str]) -> list[str] | None:
        """``texts`` (sentences, leads) in ``lang`` rendered one for one into its target."""
        target = self.target(lang)
        translator = self.translator()
        if target is None or translator is None or not texts:
            return None
        try:
            result = translate_texts(translator, texts, lang, target, self._options)
        except BabelwireError as error:
            log.warning("no %s rendering of %d %s texts for the encoder: %s", target, len(texts),
                        lang, error.one_line())
            return None
        return list(result.segments) if len(result.segments) == len(texts) else None


def direct_pairs(translator: Translator) -> set[tuple[str, str]]:
    """The pairs some engine does in one hop (an EngineSelector also lists the pairs it
    reaches through a pivot language)."""
    engines = getattr(translator, "engines", None)
    if isinstance(engines, dict):
        return {pair for engine in engines.values() for pair in direct_pairs(engine)}
    return available_pairs(translator)


def render_groups(bridge: Bridge, groups: Iterable[tuple[str, list[str]]]) -> list[list[str] | None]:
    """Each (language, texts) group rendered, one translator call per language."""
    groups = list(groups)
    by_language: dict[str, list[int]] = {}
    for n, (lang, _) in enumerate(groups):
        by_language.setdefault(lang, []).append(n)
    out: list[list[str] | None] = [None] * len(groups)
    for lang, members in by_language.items():
        flat = [text for n in members for text in groups[n][1]]
        rendered = bridge.render(lang, flat)
        if rendered is None:
            continue
        start = 0
        for n in members:
            size = len(groups[n][1])
            out[n] = rendered[start:start + size]
            start += size
    return out
