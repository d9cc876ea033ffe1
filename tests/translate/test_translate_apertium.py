"""The Apertium engine, against the real ``apertium`` binary."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from babelwire.errors import NoEngineError, TranslationError
from babelwire.translate import ApertiumTranslator, PivotTranslator, translate_texts
from babelwire.translate import apertium as apertium_module

REAL_APERTIUM = shutil.which("apertium")

pytestmark = pytest.mark.skipif(REAL_APERTIUM is None, reason="apertium is not installed")

SPANISH = [
    "El ayuntamiento aprobó el presupuesto para el próximo año.",
    "El presidente del Gobierno viajará mañana a Bruselas.",
    "La lluvia causó graves inundaciones en la ciudad.",
    "El Zorbaquildo llegó ayer.",
]
FRENCH = [
    "Le gouvernement a annoncé une réforme des retraites.",
    "La ville a voté le budget de l'année prochaine.",
]
ENGLISH = [
    "The government announced a pension reform.",
    "The city approved the budget for next year.",
]


def count_launches(monkeypatch) -> list[list[str]]:
    """Record every process started through subprocess.Popen (still starting it)."""
    launched: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(args, *rest, **options):
        launched.append(list(args))
        return real_popen(args, *rest, **options)

    monkeypatch.setattr(apertium_module.subprocess, "Popen", counting_popen)
    return launched


def test_pairs_are_discovered_with_two_letter_codes(apertium):
    pairs = apertium.pairs()
    assert {("en", "es"), ("es", "en"), ("fr", "es"), ("es", "fr")} <= pairs
    assert all(len(source) == 2 and len(target) == 2 for source, target in pairs)
    assert ("fr", "en") not in pairs  # needs a pivot


def test_version_names_apertium_and_the_mode(apertium):
    assert apertium.version()[0].isdigit()
    result = apertium.translate_batch(["Hola."], "es", "en")
    assert result.engine == "apertium"
    assert "spa-eng" in result.engine_version


def test_spanish_to_english(apertium):
    result = apertium.translate_batch(SPANISH, "es", "en")
    assert len(result.segments) == len(SPANISH) == len(result.unknown)
    assert result.pivot is None and result.warnings == ()
    text = " ".join(result.segments).lower()
    assert "city council" in result.segments[0].lower() or "town hall" in result.segments[0].lower()
    assert "budget" in result.segments[0].lower() or "estimate" in result.segments[0].lower()
    assert "president" in result.segments[1].lower()
    assert "rain" in result.segments[2].lower()
    assert "yesterday" in result.segments[3].lower()
    assert "*" not in text and "@" not in text and "#" not in text
    assert "Zorbaquildo" in result.segments[3]
    assert result.unknown[3] is True
    assert result.unknown[1] is False


def test_empty_and_multiline_segments(apertium):
    result = apertium.translate_batch(["", "Vive en Nueva\nYork.", "   ", " Hola. "], "es", "en")
    assert result.segments[0] == "" and result.segments[2] == "   "
    assert "\n" not in result.segments[1] and "New York" in result.segments[1]
    assert result.segments[3].startswith(" ") and result.segments[3].endswith(" ")
    assert result.segments[3].strip() == "Hello."


def test_literal_reserved_characters_survive(apertium):
    result = apertium.translate_batch(["Escribe a @usuario o a a@b.com sobre #Ucrania [nota] 5 $"], "es", "en")
    text = result.segments[0]
    for kept in ("@user", "a@b.com", "#Ukraine", "[note]", "$"):
        assert kept in text


def test_french_to_english_goes_through_a_pivot(pivoting):
    result = pivoting.translate_batch(FRENCH, "fr", "en")
    assert result.pivot in ("es", "ca")
    assert len(result.segments) == 2
    assert "government" in result.segments[0].lower() or "executive" in result.segments[0].lower()
    assert "city" in result.segments[1].lower()
    assert "budget" in result.segments[1].lower() or "estimate" in result.segments[1].lower()
    assert "*" not in "".join(result.segments)


def test_english_to_french_goes_through_a_pivot(pivoting):
    result = pivoting.translate_batch(ENGLISH, "en", "fr")
    assert result.pivot in ("es", "ca")
    assert "gouvernement" in result.segments[0].lower()


def test_one_process_per_batch_per_hop(monkeypatch):
    translator = ApertiumTranslator()
    pivoting = PivotTranslator(translator)
    batch = [f"{SPANISH[index % 3]} Noticia número {index}." for index in range(50)]
    for mode in translator.modes().values():  # discovery is cached: count only translation
        translator.mode_version(mode)
    launched = count_launches(monkeypatch)

    direct = pivoting.translate_batch(batch, "es", "en")
    assert len(direct.segments) == 50
    assert [args[0] for args in launched] == ["apertium"]

    launched.clear()
    french = pivoting.translate_batch(batch, "es", "fr")
    assert len(launched) == 1 and len(french.segments) == 50

    launched.clear()
    pivoted = pivoting.translate_batch(list(french.segments), "fr", "en")
    assert len(launched) == 2  # fr→es, es→en
    assert len(pivoted.segments) == 50 and pivoted.pivot == "es"


def test_a_batch_of_empty_segments_starts_no_process(monkeypatch, apertium):
    apertium.pairs()
    launched = count_launches(monkeypatch)
    assert apertium.translate_batch(["", " "], "es", "en").segments == ("", " ")
    assert launched == []


DROPPING_WRAPPER = """#!{python}
# Calls the real apertium, but when given a batch of more than 3 records
# keeps only the first 2 of the answer (and exits 0), like a silent drop.
import subprocess, sys
data = sys.stdin.buffer.read()
done = subprocess.run([{real!r}, *sys.argv[1:]], input=data, capture_output=True)
out = done.stdout
if "-z" in sys.argv and data.count(b"\\0") > 3:
    out = b"\\0".join(out.split(b"\\0")[:2]) + b"\\0"
sys.stdout.buffer.write(out)
sys.stderr.buffer.write(done.stderr)
sys.exit(done.returncode)
"""


def test_dropped_lines_are_recovered(write_script, caplog):
    script = write_script("apertium-drops", DROPPING_WRAPPER.format(python=sys.executable, real=REAL_APERTIUM))
    reference = ApertiumTranslator().translate_batch(SPANISH * 3, "es", "en")
    with caplog.at_level("WARNING"):
        result = ApertiumTranslator(binary=script).translate_batch(SPANISH * 3, "es", "en")
    assert result.segments == reference.segments
    assert result.unknown == reference.unknown
    assert len(result.warnings) == 1 and "incomplete" in result.warnings[0]
    assert any("incomplete" in record.getMessage() for record in caplog.records)


def failing_script(write_script, body: str) -> str:
    """A wrapper that lists the real pairs but fails to translate."""
    return write_script(
        "apertium-fails",
        f'#!/bin/sh\nif [ "$1" = "-l" ] || [ "$1" = "-V" ]; then exec {REAL_APERTIUM} "$@"; fi\n{body}\n',
    )


def test_failing_binary_raises_translation_error(write_script):
    translator = ApertiumTranslator(binary=failing_script(write_script, "echo 'boom: broken pipe' >&2\nexit 1"))
    with pytest.raises(TranslationError) as caught:
        translator.translate_batch(["Hola."], "es", "en")
    assert caught.value.code == "translate.failed"
    assert "spa-eng" in str(caught.value) and "boom" in str(caught.value)
    assert "\n" not in caught.value.one_line()


def test_timeout_raises_translation_error(write_script):
    translator = ApertiumTranslator(binary=failing_script(write_script, "sleep 30"), timeout=1)
    with pytest.raises(TranslationError, match="timed out"):
        translator.translate_batch(["Hola."], "es", "en")


def test_missing_binary_means_no_pairs():
    translator = PivotTranslator(ApertiumTranslator(binary="/nonexistent/apertium"))
    assert translator.pairs() == set()
    with pytest.raises(NoEngineError):
        translator.translate_batch(["Hola."], "es", "en")


def test_missing_pair_raises_no_engine(pivoting, apertium):
    for translator in (pivoting, apertium):
        with pytest.raises(NoEngineError) as caught:
            translator.translate_batch(["こんにちは"], "ja", "en")
        assert caught.value.code == "translate.no_engine"
        assert "ja→en" in str(caught.value)


def test_translate_texts_keeps_paragraphs_and_quotes(pivoting):
    texts = [
        "El alcalde dijo: «Aprobaremos el presupuesto».",
        "El Gobierno anunció ayer la reforma.\n\n«Es un día histórico», afirmó la ministra.\n\n"
        "La oposición habló de “un error grave” y pidió explicaciones.",
    ]
    result = translate_texts(pivoting, texts, "es", "en")
    assert len(result.segments) == 2
    for source, translated in zip(texts, result.segments):
        assert len(translated.split("\n\n")) == len(source.split("\n\n"))
        # every quote mark kept, written the English way
        assert sum(translated.count(q) for q in '«»“”"') == sum(source.count(q) for q in '«»“”"'), translated
        assert not any(q in translated for q in "«»“”"), translated


def test_translate_texts_french_quotes_through_pivot(pivoting):
    texts = ["« Nous sommes prêts », a déclaré le ministre.\n\nLe budget sera voté demain."]
    result = translate_texts(pivoting, texts, "fr", "en")
    assert result.pivot == "es"
    translated = result.segments[0]
    assert len(translated.split("\n\n")) == 2
    assert translated.count('"') == 2 and translated.startswith('"') and "«" not in translated
