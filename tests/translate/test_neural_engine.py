"""The neural engine with a tiny model built in the test (random weights: gibberish out).

The assertions are on the mechanics: loading, tokenisation, sentence splitting
and re-joining, batching, counts, and what the result records.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from neural_fixtures import (  # noqa: F401 - fixtures
    SENTENCES,
    build_opus_mt_folder,
    tiny_argosmodel,
    tiny_converted,
    tiny_opus_mt,
)

from babelwire.errors import NoEngineError
from babelwire.translate import NeuralOptions, NeuralTranslator, Translator, install_package, remove_package
from babelwire.translate.neural import join_sentences, plan_batches, split_sentences


@pytest.fixture(scope="module")
def models_dir(tiny_argosmodel, tiny_opus_mt, tmp_path_factory) -> Path:
    """translate-fr_en (the Argos package) and opus-mt-fr-es (the same weights as an OPUS-MT folder)."""
    folder = tmp_path_factory.mktemp("models")
    install_package(tiny_argosmodel, folder)
    install_package(tiny_opus_mt, folder, source="fr", target="es")
    return folder


@pytest.fixture(scope="module")
def engine(models_dir) -> NeuralTranslator:
    return NeuralTranslator(models_dir)


class Spy:
    """Wraps a loaded model's ``translate`` to record every batch and its hypotheses."""

    def __init__(self, model) -> None:
        self.model = model
        self.original = model.translate
        self.calls: list[tuple[list[list[str]], list]] = []

    def __call__(self, batch):
        hypotheses = self.original(batch)
        self.calls.append((batch, hypotheses))
        return hypotheses


@pytest.fixture
def spy(engine, monkeypatch) -> Spy:
    model = engine.model("fr", "en")
    recorder = Spy(model)
    monkeypatch.setattr(model, "translate", recorder)
    return recorder


# -- sentences and batches ----------------------------------------------------------


@pytest.mark.parametrize("text, language, count", [
    ("M. Dupont a dit « Bonjour. » Puis il est parti.  Le budget ! Et alors ? oui ", "fr", 4),
    ("Dr. Vance arrived at 5 p.m. on Monday. She left.", "en", 2),
    ("O porto reabriu. Os barcos saíram! «Bom.» Fim", "pt", 4),  # no pysbd rules: the fallback
    ("港口重新开放。船只出海了！", "xx", 2),
    ("  Une seule phrase sans point", "fr", 1),
])
def test_sentences_cover_the_text_exactly(text, language, count):
    pairs = split_sentences(text, language)
    assert join_sentences(pairs) == text
    assert len([sentence for sentence, _ in pairs if sentence]) == count
    assert all(sentence == sentence.strip() for sentence, _ in pairs)


def test_blank_text_has_no_sentences():
    assert split_sentences("", "fr") == []
    assert split_sentences("  \n", "fr") == [("", "  \n")]


def test_batches_respect_the_token_budget_and_sentence_cap():
    lengths = [5, 40, 3, 3, 12, 7, 100, 8, 9, 2]
    batches = plan_batches(lengths, max_tokens=30, max_sentences=3)
    assert sorted(index for batch in batches for index in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 30
    assert [6] in batches and [1] in batches  # too long for any budget: alone
    assert plan_batches([], 30, 3) == []


# -- the model ---------------------------------------------------------------------------


def test_the_model_loads_lazily_once_per_pair(models_dir):
    engine = NeuralTranslator(models_dir)
    assert isinstance(engine, Translator)
    assert engine.pairs() == {("fr", "en"), ("fr", "es")}
    assert engine._loaded == {}  # listing pairs loads nothing
    first = engine.model("fr", "en")
    assert engine.model("fr", "en") is first
    assert set(engine._loaded) == {("fr", "en")}


def test_a_model_installed_while_running_is_seen(tiny_argosmodel, tmp_path):
    engine = NeuralTranslator(tmp_path / "models")
    assert engine.pairs() == set()
    install_package(tiny_argosmodel, tmp_path / "models")
    assert engine.pairs() == {("fr", "en")}
    engine.model("fr", "en")
    remove_package(tmp_path / "models", "translate-fr_en")
    assert engine.pairs() == set() and engine._loaded == {}


def test_importing_babelwire_loads_no_neural_library():
    code = ("import sys, babelwire.translate, babelwire.compose, babelwire.cli.main; "
            "print(sorted(m for m in ('ctranslate2', 'sentencepiece', 'pysbd') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stderr


def test_tokenisation_round_trips(engine):
    model = engine.model("fr", "en")
    for sentence in SENTENCES[:4]:
        tokens = model.encode(sentence)
        assert len(tokens) > 3 and all(isinstance(token, str) for token in tokens)
        assert model.source_tokenizer.decode_pieces(tokens) == sentence


def test_every_sentence_is_translated_and_rejoined_in_place(engine, spy):
    segments = ["Le conseil a voté. La maire a parlé !  Les pêcheurs attendent.", "", "  Un quai.  "]
    result = engine.translate_batch(segments, "fr", "en")
    assert len(result.segments) == 3
    sent = [tokens for batch, _ in spy.calls for tokens in batch]
    assert len(sent) == 4  # three sentences, then one
    decoded = {tuple(tokens): spy.model.decode(hypothesis.tokens)
               for batch, hypotheses in spy.calls for tokens, hypothesis in zip(batch, hypotheses)}
    parts = [decoded[tuple(spy.model.encode(s))] for s in ("Le conseil a voté.", "La maire a parlé !",
                                                            "Les pêcheurs attendent.", "Un quai.")]
    assert result.segments[0] == f"{parts[0]} {parts[1]}  {parts[2]}"
    assert result.segments[1] == ""
    assert result.segments[2] == f"  {parts[3]}  "
    assert all(part.strip() for part in parts)


def test_batches_follow_the_options(models_dir, monkeypatch):
    engine = NeuralTranslator(models_dir, NeuralOptions(max_batch_sentences=2, beam_size=1))
    model = engine.model("fr", "en")
    recorder = Spy(model)
    monkeypatch.setattr(model, "translate", recorder)
    result = engine.translate_batch(SENTENCES[:5], "fr", "en")
    assert len(result.segments) == 5
    assert [len(batch) for batch, _ in recorder.calls] == [2, 2, 1]
    lengths = [len(tokens) for batch, _ in recorder.calls for tokens in batch]
    assert lengths == sorted(lengths)  # length-sorted, so batches pad little


def test_the_result_records_engine_and_model_version(engine):
    result = engine.translate_batch(["Le port a rouvert."], "fr", "en")
    assert result.engine == "ctranslate2"
    assert result.engine_version.startswith("argos translate-fr_en 1.0 (ctranslate2 ")
    assert result.pivot is None and result.unknown == (False,)
    opus = engine.translate_batch(["Le port a rouvert."], "fr", "es")
    assert opus.engine_version.startswith("opus-mt opus-mt-fr-es sha256:")


def test_an_empty_batch_names_the_engine_without_loading_the_model(models_dir):
    engine = NeuralTranslator(models_dir)
    result = engine.translate_batch([], "fr", "en")
    assert result.segments == () and result.engine_version.startswith("argos translate-fr_en 1.0")
    assert engine._loaded == {}


def test_argos_and_opus_mt_layouts_of_the_same_weights_agree(engine):
    text = ["Un nouveau quai ouvrira au printemps."]
    assert engine.translate_batch(text, "fr", "en").segments == engine.translate_batch(text, "fr", "es").segments


def test_a_missing_pair_says_what_to_install(engine):
    with pytest.raises(NoEngineError, match=r"babelwire models install translate-en_de"):
        engine.translate_batch(["Hello."], "en", "de")


def test_unknown_tokens_are_flagged_and_replaced_from_the_source(tmp_path):
    folder = build_opus_mt_folder(tmp_path / "opus-mt-fr-en", unknown_bias=50.0)
    install_package(folder, tmp_path / "models")
    engine = NeuralTranslator(tmp_path / "models", NeuralOptions(max_decoding_length=12))
    source = "Le port a rouvert."
    result = engine.translate_batch([source, "Le quai."], "fr", "en")
    assert result.unknown == (True, True)
    for text in result.segments:
        assert text and "<unk>" not in text and "⁇" not in text
        assert set(text.replace(" ", "")) <= set(source + "Le quai.")
