"""Routing and the pivot wrapper, with a fake engine (no Apertium needed)."""

from __future__ import annotations

import pytest

from babelwire.errors import ConfigError, NoEngineError
from babelwire.translate.pivot import parse_pair_pivots
from babelwire.translate import (
    BatchResult,
    IdentityTranslator,
    PivotTranslator,
    Translator,
    can_translate,
    find_route,
    reachable_pairs,
    translate_texts,
)

PAIRS = {("fr", "es"), ("es", "en"), ("fr", "ca"), ("ca", "en"), ("en", "es"), ("es", "fr")}


class FakeTranslator:
    """Tags each segment with the hop, so routes are visible in the output."""

    name = "fake"

    def __init__(self, pairs: set[tuple[str, str]]) -> None:
        self._pairs = pairs
        self.calls: list[tuple[str, str, int]] = []

    def version(self) -> str:
        return "0"

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        if (source, target) not in self._pairs:
            raise NoEngineError(f"fake has no {source}→{target}")
        self.calls.append((source, target, len(segments)))
        return BatchResult(
            segments=tuple(f"{segment}|{target}" if segment else "" for segment in segments),
            engine=self.name,
            engine_version=f"0 {source}-{target}",
            unknown=tuple("?" in segment for segment in segments),
            warnings=(f"{source}-{target}",),
        )


def test_fake_is_a_translator():
    assert isinstance(FakeTranslator(PAIRS), Translator)
    assert isinstance(IdentityTranslator(), Translator)


def test_direct_route_is_preferred():
    assert find_route(PAIRS, "es", "en") == ("es", "en")


def test_pivot_order_is_configurable():
    assert find_route(PAIRS, "fr", "en") == ("fr", "es", "en")
    assert find_route(PAIRS, "fr", "en", pivots=("ca", "es"), pair_pivots={}) == ("fr", "ca", "en")


def test_the_measured_pivot_comes_first_and_a_setting_overrides_it():
    pairs = PAIRS | {("en", "ca"), ("ca", "fr"), ("en", "es"), ("es", "fr")}
    assert find_route(pairs, "en", "fr") == ("en", "ca", "fr")  # measured: en-fr through ca
    assert find_route(pairs, "en", "fr", pair_pivots={("en", "fr"): "es"}) == ("en", "es", "fr")
    assert parse_pair_pivots(["en-fr=es", "FR_EN=ca"]) == {("en", "fr"): "es", ("fr", "en"): "ca"}
    with pytest.raises(ConfigError):
        parse_pair_pivots(["en-fr"])
    assert PivotTranslator(FakeTranslator(pairs), pair_pivots={("en", "fr"): "es"}).route("en", "fr") == ("en", "es", "fr")


def test_unlisted_pivot_is_a_last_resort():
    assert find_route({("ja", "xx"), ("xx", "en")}, "ja", "en") == ("ja", "xx", "en")


def test_no_route_names_the_pair_and_the_fix():
    with pytest.raises(NoEngineError) as caught:
        find_route(PAIRS, "ja", "en")
    assert caught.value.code == "translate.no_engine"
    assert "ja→en" in str(caught.value)
    assert "apt-get install apertium-" in str(caught.value)
    assert "\n" not in caught.value.one_line()


def test_reachable_pairs_adds_one_hop_routes():
    reachable = reachable_pairs(PAIRS)
    assert {("fr", "en"), ("en", "fr"), ("ca", "es")} <= reachable
    assert ("fr", "fr") not in reachable


def test_pivot_translator_calls_the_engine_once_per_hop():
    engine = FakeTranslator(PAIRS)
    result = PivotTranslator(engine).translate_batch(["un", "", "deux?"], "fr", "en")
    assert engine.calls == [("fr", "es", 3), ("es", "en", 3)]
    assert result.segments == ("un|es|en", "", "deux?|es|en")
    assert result.pivot == "es"
    assert result.unknown == (False, False, True)
    assert result.warnings == ("fr-es", "es-en")
    assert result.engine_version == "0 fr-es + 0 es-en"


def test_pivot_translator_direct_and_same_language():
    engine = FakeTranslator(PAIRS)
    pivoting = PivotTranslator(engine)
    assert pivoting.translate_batch(["hola"], "es", "en").pivot is None
    same = pivoting.translate_batch(["hello"], "en", "en")
    assert same.segments == ("hello",) and same.engine == "identity"


def test_translate_texts_batches_all_paragraphs_and_keeps_counts():
    engine = FakeTranslator(PAIRS)
    texts = ["Titre", "Un.\n\nDeux.\n\n\n  \nTrois?", "", "Seul\nparagraphe"]
    result = translate_texts(PivotTranslator(engine), texts, "fr", "en")
    assert engine.calls == [("fr", "es", 5), ("es", "en", 5)]
    assert len(result.segments) == 4
    assert [len(text.split("\n\n")) if text else 0 for text in result.segments] == [1, 3, 0, 1]
    assert result.segments[1] == "Un.|es|en\n\nDeux.|es|en\n\nTrois?|es|en"
    assert result.unknown == (False, True, False, False)


def test_can_translate():
    pivoting = PivotTranslator(FakeTranslator(PAIRS))
    assert can_translate(pivoting, "fr", "en")
    assert can_translate(pivoting, "en", "en")
    assert not can_translate(pivoting, "ja", "en")
