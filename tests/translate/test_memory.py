"""Translation memory: content-addressed segments in SQLite; one changed paragraph costs one paragraph."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from babelwire.localize import translate_article
from babelwire.settings import load_settings
from babelwire.storage import Database
from babelwire.storage import memory as memory_store
from babelwire.storage.translations import translations_for
from babelwire.translate import (
    ApertiumTranslator,
    BatchResult,
    PivotTranslator,
    TranslateOptions,
    TranslationMemory,
    load_glossary,
    translate_texts,
)


class Counting:
    """Wraps a real translator and counts the segments it is sent."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.segments = 0
        self.batches = 0

    def version(self) -> str:
        return self.inner.version()

    def pairs(self) -> set[tuple[str, str]]:
        return self.inner.pairs()

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        if segments:
            self.batches += 1
            self.segments += len(segments)
        return self.inner.translate_batch(segments, source, target)


ARTICLE = [
    "El Ayuntamiento aprueba el plan",
    "El pleno votó el martes. La oposición se abstuvo.\n\n"
    "El plan costará 12,5 millones de euros, según el alcalde.\n\n"
    "Las obras empezarán en verano y durarán dos años.",
]


@pytest.fixture
def db(tmp_path):
    database = Database(tmp_path / "store.sqlite3")
    yield database
    database.close()


def test_a_refetched_article_with_one_changed_paragraph_costs_one_paragraph(db, apertium):
    engine = Counting(PivotTranslator(apertium))
    options = TranslateOptions(memory=TranslationMemory(db))
    first = translate_texts(engine, ARTICLE, "es", "en", options)
    assert first.memory_hits == 0 and first.memory_misses == first.sentences == 5
    assert engine.batches == 1 and engine.segments == 5
    again = translate_texts(engine, ARTICLE, "es", "en", options)
    assert again.segments == first.segments and again.memory_hits == 5 and again.sent_to_engine == 0
    assert engine.batches == 1  # nothing sent
    changed = [ARTICLE[0], ARTICLE[1].replace("dos años", "tres años")]
    third = translate_texts(engine, changed, "es", "en", options)
    assert engine.batches == 2 and engine.segments == 6  # the one changed paragraph (one sentence)
    assert third.memory_hits == 4 and third.memory_misses == 1
    assert third.segments[1].split("\n\n")[:2] == first.segments[1].split("\n\n")[:2]
    assert "three years" in third.segments[1] and "two years" not in third.segments[1]
    assert options.memory.hits == 9 and options.memory.misses == 6


def test_a_changed_sentence_in_a_paragraph_reuses_its_other_sentences(db, apertium):
    engine = Counting(PivotTranslator(apertium))
    options = TranslateOptions(memory=TranslationMemory(db))
    translate_texts(engine, ["Primera frase. Segunda frase. Tercera frase."], "es", "en", options)
    result = translate_texts(engine, ["Primera frase. Otra frase. Tercera frase."], "es", "en", options)
    assert engine.segments == 3 + 1 and result.memory_hits == 2


def test_the_key_holds_the_engine_version_pair_and_glossary(db):
    class Versioned:
        name = "fake"

        def __init__(self, version: str) -> None:
            self._version = version
            self.segments = 0

        def version(self) -> str:
            return self._version

        def pairs(self) -> set[tuple[str, str]]:
            return {("es", "en"), ("es", "fr")}

        def translate_batch(self, segments, source, target) -> BatchResult:
            self.segments += len(segments)
            return BatchResult(tuple(f"[{target}] {s}" for s in segments), self.name, self._version)

    memory = TranslationMemory(db)
    old, new = Versioned("1"), Versioned("2")
    translate_texts(old, ["Hola mundo."], "es", "en", TranslateOptions(memory=memory))
    translate_texts(old, ["Hola mundo."], "es", "en", TranslateOptions(memory=memory))
    assert old.segments == 1
    translate_texts(new, ["Hola mundo."], "es", "en", TranslateOptions(memory=memory))
    translate_texts(old, ["Hola mundo."], "es", "fr", TranslateOptions(memory=memory))
    assert new.segments == 1 and old.segments == 2
    glossary = load_glossary(["es:en:mundo=world"])
    translate_texts(old, ["Hola mundo."], "es", "en", TranslateOptions(memory=memory, glossary=glossary))
    assert old.segments == 3
    assert len(memory) == 8  # a sentence and a paragraph entry per miss


def test_translate_article_stores_the_translation_record(db, apertium):
    with db.write() as conn:
        conn.execute(
            "INSERT INTO articles (id, url, canonical_url, title, body, first_seen, language, "
            "language_confidence, content_hash) VALUES (1, 'http://a.test/1', 'http://a.test/1', ?, ?, "
            "'2024-01-01T00:00:00Z', 'es', 0.99, 'h1')", (ARTICLE[0], ARTICLE[1]))
    settings = load_settings(None, environ={})
    ctx = SimpleNamespace(db=db, translator=PivotTranslator(apertium), settings=settings)
    translation = translate_article(ctx, 1, "en")
    assert translation.body.count("\n\n") == 2
    record = memory_store.translation_record(db, 1, "en")
    assert record["engine"] == "apertium" and record["pivot"] is None
    assert "spa-eng" in record["engine_version"] and record["seconds"] >= 0
    assert record["unknown"] == [[False], [], [False, False, False]]  # title, standfirst, body
    assert record["memory"] == {"hits": 0, "misses": 5} and record["sentences"] == 5
    translate_article(ctx, 1, "en")
    assert memory_store.translation_record(db, 1, "en")["memory"] == {"hits": 5, "misses": 0}
    assert translations_for(db, 1)["en"].body == translation.body


def test_an_unknown_word_is_flagged_per_paragraph(db, apertium):
    result = translate_texts(PivotTranslator(apertium), ["Hola.\n\nEl zorblaxo llegó."], "es", "en",
                             TranslateOptions(memory=TranslationMemory(db)))
    assert result.paragraph_unknown == ((False, True),)
    assert result.record()["unknown"] == [[False, True]]


def test_apertium_fixture_is_real(apertium):
    assert isinstance(apertium, ApertiumTranslator) and ("es", "en") in apertium.pairs()
