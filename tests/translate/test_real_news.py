"""Translation on real news (issue 11): names the engine's dictionary decides, Apertium quirks
repaired, both hops in one pipe, unknown words counted and shown, quality classes, start-up path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from babelwire.models import Article, Translation
from babelwire.settings import load_settings
from babelwire.storage import Database
from babelwire.storage.articles import save_article
from babelwire.storage.memory import save_translation_record, unknown_words
from babelwire.storage.translations import save_translation
from babelwire.translate import ApertiumTranslator, PivotTranslator, translate_texts
from babelwire.translate.apertium_lexicon import COMMON, PERSON, UNKNOWN, kept_part
from babelwire.translate.apertium_stream import decode_record_words
from babelwire.translate.postedit import postedit
from babelwire.translate.quality import engine_label, quality_class
from babelwire.web import BackgroundServer, create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def apertium() -> ApertiumTranslator:
    return ApertiumTranslator()


def test_the_dictionary_decides_which_names_to_keep(apertium):
    kept = apertium.names_to_keep(["États-Unis", "Radio Zorbaquil", "Autrichienne Clara Veldmoss",
                                   "Plateau de Valmorin", "Saint-Aubin-sur-Loire"], "fr", "es")
    assert "États-Unis" not in kept  # the engine translates it: Estados Unidos
    assert kept["Radio Zorbaquil"] == "Radio Zorbaquil"  # else "Irradiate Zorbaquil"
    assert kept["Autrichienne Clara Veldmoss"] == "Clara Veldmoss"  # the adjective is translated
    assert "Plateau de Valmorin" not in kept  # the known words go to the engine, the rest is one word
    english = apertium.names_to_keep(["Catholic Church", "Donald Quarrick"], "en", "ca")
    assert set(english) == {"Donald Quarrick"}


def test_kept_part_rules():
    assert kept_part("San Tolvero", [("San", {COMMON}), ("Tolvero", {PERSON})]) == "San Tolvero"
    assert kept_part("Grand Tolvero", [("Grand", {COMMON}), ("Tolvero", {PERSON})]) is None  # one word
    assert kept_part("Sporting Zorbs", [("Sporting", {COMMON}), ("Zorbs", {UNKNOWN})]) == "Sporting Zorbs"
    assert kept_part("Best Actor", [("Best", {COMMON}), ("Actor", {COMMON})]) is None


def test_known_names_are_translated_and_unknown_ones_kept(apertium):
    result = translate_texts(PivotTranslator(apertium), [
        "Le climat du Moyen-Orient inquiète Radio Zorbaquil."], "fr", "en")
    text = result.segments[0]
    assert "Middle East" in text and "Radio Zorbaquil" in text


def test_postedits_repair_the_engine_quirks_only_where_the_source_proves_them():
    assert postedit("Brevik have cancelled the tour.", "Brevik il a annulé la tournée.", "fr") \
        == "Brevik a annulé la tournée."
    assert postedit("He said it. Brevik said no.", "Il l'a dit. Brevik il a dit non.", "fr") \
        == "Il l'a dit. Brevik a dit non."
    assert postedit("Brevik he said no.", "Brevik il a dit non.", "fr") == "Brevik il a dit non."
    assert postedit("Tolvo et Brann doivent partir.", "Tolvo And Brann have to leave.", "en") \
        == "Tolvo and Brann have to leave."
    assert postedit("Ring settled with the ADT Holdings.", "Ring avec le ADT Holdings.", "fr") \
        == "Ring avec l'ADT Holdings."
    assert postedit("Hier, il pleut.", "Yesterday, it rains.", "en") == "Yesterday, it rains."


def test_a_pivot_runs_as_one_pipe_and_names_its_unknown_words(apertium):
    result = apertium.translate_route(["Le Zorbaquildo de Valmorin est arrivé hier.", "", "Bonjour."],
                                      ("fr", "es", "en"))
    assert result.pivot == "es" and len(result.segments) == 3 and result.segments[1] == ""
    assert "Zorbaquildo" in result.segments[0] and "*" not in result.segments[0]
    assert "Zorbaquildo" in result.unknown_words[0] and result.unknown == (True, False, False)
    assert "fr-es" in result.engine_version and "spa-eng" in result.engine_version


def test_decoded_words_are_the_marked_ones():
    assert decode_record_words("The *Zorbaquildo met @Tolvo", "x") == ("The Zorbaquildo met Tolvo",
                                                                        ("Zorbaquildo", "Tolvo"))
    assert decode_record_words("The house", "La casa") == ("The house", ())


def test_the_record_counts_unknown_words_and_names_the_quality(apertium):
    result = translate_texts(PivotTranslator(apertium), ["Le Zorbaquildo est arrivé.\n\nIl pleut."], "fr", "en")
    record = result.record()
    assert record["unknown_words"] == {"count": 1, "words": ["Zorbaquildo"]}
    assert record["quality"] == "rule-based"
    assert result.unknown_words == (("Zorbaquildo",),)


def test_quality_classes():
    assert [quality_class(e) for e in ("apertium", "ctranslate2", "libretranslate", "openai", "x")] \
        == ["rule-based", "neural", "remote", "remote", "unknown"]
    assert engine_label("apertium") == "apertium, rule-based"


def test_the_reader_marks_unknown_words_escaped_and_shows_the_quality(tmp_path):
    db = Database(tmp_path / "store.sqlite3")
    evil = "<b>Zorb</b>"
    article_id = save_article(db, Article(
        id=None, source_id=None, url="https://news.example/a", canonical_url="https://news.example/a",
        title="Le Zorbaquildo", standfirst="", body=f"Le Zorbaquildo {evil}.", author="", published=None,
        first_seen="2024-05-02T09:00:00Z", language="fr", language_confidence=0.99, content_hash="h1")).article_id
    save_translation(db, Translation(article_id=article_id, language="en", title="The Zorbaquildo",
                                     standfirst="", body=f"The Zorbaquildo arrived {evil}.", engine="apertium",
                                     engine_version="3.8.3", created_at="2024-05-02T09:00:00Z"))
    save_translation_record(db, article_id, "en", {"unknown_words": {"count": 2, "words": ["Zorbaquildo", evil]}})
    assert unknown_words(db, article_id, "en") == ("Zorbaquildo", evil)
    settings = load_settings(environ={}, overrides={"targets": ["en", "fr"]})
    with BackgroundServer(create_app(db, settings), port=0) as server:
        page = httpx.get(f"{server.url}/articles/{article_id}?lang=en", timeout=10).text
        api = httpx.get(f"{server.url}/api/articles/{article_id}", timeout=10).json()
    db.close()
    assert '<span class="unknown" title="Zorbaquildo">Zorbaquildo</span>' in page
    assert "<b>Zorb</b>" not in page and "&lt;b&gt;Zorb&lt;/b&gt;" in page
    assert "(rule-based)" in page
    assert api["translations"]["en"]["quality"] == "rule-based"


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", "import sys; from babelwire.cli.main import main; sys.exit(main())",
                           *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_translate_says_a_bad_code_is_not_a_language_code():
    done = run_cli("translate", "--from", "xx", "--to", "en")
    assert done.returncode == 2
    assert "'xx' is not a language code" in done.stderr and "translate-xx" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_translate_imports_no_pipeline_and_keeps_lines():
    done = run_cli("translate", "--from", "fr", "--to", "en", stdin="Bonjour.\n\nIl pleut.\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 3 and done.stdout.split("\n")[1] == ""
    code = ("import sys; from babelwire.cli.main import build_parser; build_parser('translate'); "
            "print(sorted(m for m in sys.modules if m.startswith(('babelwire.pipeline', 'babelwire.fetch', "
            "'babelwire.worker', 'babelwire.translate.neural', 'trafilatura'))))")
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=60)
    assert probe.stdout.strip() == "[]", probe.stdout


def test_a_record_whose_sentinel_period_an_abbreviation_took_still_counts():
    from babelwire.translate.apertium_stream import split_records

    assert split_records("§. MADAME[]\0§. Bien.[]\0\0".encode(), 2) == ["§. MADAME", "§. Bien"]
    assert split_records("cut short\\[\\]\0".encode(), 1) is None  # an escaped "[]" is text, not the end
