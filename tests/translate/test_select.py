"""Choosing the engine per pair: preference order, pivots, overrides, and ``build_translator``."""

from __future__ import annotations

import pytest
from fake_servers import LibreTranslateHandler, fake_translation, serve
from neural_fixtures import tiny_argosmodel, tiny_converted, tiny_opus_mt  # noqa: F401 - fixtures

from babelwire.compose import build_translator
from babelwire.errors import ConfigError, NoEngineError
from babelwire.settings import load_settings
from babelwire.translate import BatchResult, EngineSelector, Translator, install_package, translate_texts
from babelwire.translate.select import engine_name, parse_pair_engines


class Fake:
    """An engine with fixed pairs that tags what it translated."""

    def __init__(self, name: str, pairs: set[tuple[str, str]]) -> None:
        self.name = name
        self._pairs = pairs

    def version(self) -> str:
        return f"{self.name}-1"

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def translate_batch(self, segments, source, target) -> BatchResult:
        if (source, target) not in self._pairs:
            raise NoEngineError(f"{self.name} has no {source}→{target}")
        return BatchResult(segments=tuple(f"{self.name}:{source}>{target}:{s}" for s in segments),
                           engine=self.name, engine_version=self.version(), unknown=(False,) * len(segments))


def selector() -> EngineSelector:
    engines = {
        "ctranslate2": Fake("ctranslate2", {("fr", "en")}),
        "libretranslate": Fake("libretranslate", {("de", "en"), ("fr", "en")}),
        "apertium": Fake("apertium", {("fr", "es"), ("es", "en"), ("de", "en"), ("en", "ca")}),
    }
    return EngineSelector(engines)


def test_the_selector_is_a_translator_over_the_union_of_pairs():
    engines = selector()
    assert isinstance(engines, Translator)
    assert {("fr", "en"), ("de", "en"), ("fr", "es"), ("es", "ca"), ("de", "ca")} <= engines.pairs()
    assert ("ca", "fr") not in engines.pairs() and ("fr", "ca") not in engines.pairs()  # one pivot at most


@pytest.mark.parametrize("pair, engine, pivot", [
    (("fr", "en"), "ctranslate2", None),  # neural first
    (("de", "en"), "libretranslate", None),  # then a server
    (("fr", "es"), "apertium", None),  # then rule-based
    (("es", "ca"), "apertium", "en"),  # a direct pair anywhere beats a pivot
])
def test_auto_prefers_neural_then_server_then_apertium(pair, engine, pivot):
    result = selector().translate_batch(["x", "y"], *pair)
    assert result.engine == engine and result.pivot == pivot
    assert len(result.segments) == 2


def test_a_pair_override_pins_an_engine():
    engines = EngineSelector(selector().engines, overrides=parse_pair_engines(["fr-en=apertium"]))
    result = engines.translate_batch(["x"], "fr", "en")
    assert result.engine == "apertium" and result.pivot == "es"
    unusable = EngineSelector(selector().engines, overrides=parse_pair_engines(["de-en=openai"]))
    with pytest.raises(NoEngineError, match="sends de→en to openai, which is not configured"):
        unusable.translate_batch(["x"], "de", "en")
    assert ("de", "en") not in unusable.pairs()


def test_no_engine_says_what_to_install():
    with pytest.raises(NoEngineError, match=r"babelwire models install translate-ja_en.*apertium") as caught:
        selector().translate_batch(["x"], "ja", "en")
    assert "\n" not in caught.value.one_line()


def test_same_language_is_returned_unchanged():
    assert selector().translate_batch(["x"], "fr", "fr").segments == ("x",)


def test_engine_names_and_rules_are_checked():
    assert engine_name("Argos") == "ctranslate2" and engine_name("auto") == "auto"
    with pytest.raises(ConfigError, match="unknown translation engine 'deepl'"):
        engine_name("deepl")
    assert parse_pair_engines(["fr_en = apertium", "de-en=neural"]) == {("fr", "en"): "apertium",
                                                                       ("de", "en"): "ctranslate2"}
    with pytest.raises(ConfigError, match="must look like fr-en=apertium"):
        parse_pair_engines(["fr=apertium"])


# -- build_translator from the settings ----------------------------------------------------


def settings(tmp_path, **values):
    return load_settings(None, environ={}, overrides={"data_dir": str(tmp_path), **values})


def test_default_settings_without_models_translate_with_apertium(tmp_path):
    translator = build_translator(settings(tmp_path))
    assert list(translator.engines) == ["ctranslate2", "apertium"]
    result = translator.translate_batch(["Le port a rouvert."], "fr", "en")
    assert result.engine == "apertium" and result.pivot == "es"
    assert "port" in result.segments[0].lower()


def test_an_installed_model_wins_its_pair_unless_overridden(tiny_argosmodel, tmp_path):
    install_package(tiny_argosmodel, tmp_path / "models")
    assert build_translator(settings(tmp_path)).translate_batch(["Bonjour."], "fr", "en").engine == "ctranslate2"
    pinned = build_translator(settings(tmp_path, **{"translate.pair_engines": ["fr-en=apertium"]}))
    assert pinned.translate_batch(["Bonjour."], "fr", "en").engine == "apertium"
    assert pinned.translate_batch(["Hola."], "es", "en").engine == "apertium"
    # the record of each path names its quality class, shown beside the MT label
    assert translate_texts(build_translator(settings(tmp_path)), ["Bonjour."], "fr", "en").record()["quality"] == "neural"
    assert translate_texts(pinned, ["Bonjour."], "fr", "en").record()["quality"] == "rule-based"


def test_a_configured_libretranslate_comes_before_apertium(tmp_path):
    with serve(LibreTranslateHandler) as (url, _):
        translator = build_translator(settings(tmp_path, **{"translate.libretranslate_url": url}))
        result = translator.translate_batch(["Hola."], "es", "en")
    assert result.engine == "libretranslate" and result.segments == (fake_translation("Hola.", "es", "en"),)
    with serve(LibreTranslateHandler) as (url, _):
        translator = build_translator(settings(tmp_path, **{"translate.libretranslate_url": url}))
        assert translate_texts(translator, ["Hola."], "es", "en").record()["quality"] == "remote"


def test_a_named_engine_is_used_alone(tmp_path):
    translator = build_translator(settings(tmp_path, **{"translate.engine": "apertium"}))
    assert list(translator.engines) == ["apertium"]
    assert list(build_translator(settings(tmp_path), engine="ctranslate2").engines) == ["ctranslate2"]
    with pytest.raises(NoEngineError):
        build_translator(settings(tmp_path), engine="ctranslate2").translate_batch(["x"], "fr", "en")


@pytest.mark.parametrize("values, message", [
    ({"translate.engine": "libretranslate"}, "translate.libretranslate_url is not set"),
    ({"translate.engine": "openai"}, "translate.openai_url is not set"),
    ({"translate.openai_url": "http://127.0.0.1:9/v1"}, "translate.openai_model is not set"),
    ({"translate.engine": "yandex"}, "unknown translation engine"),
    ({"translate.pair_engines": ["fr-en"]}, "must look like"),
])
def test_misconfiguration_is_a_one_line_config_error(tmp_path, values, message):
    with pytest.raises(ConfigError, match=message):
        build_translator(settings(tmp_path, **values))
