"""Sentence splitting by rule (issue 11, third pass): abbreviations, initials, quotes, all text kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from babelwire.translate import split_sentences
from babelwire.translate.sentences import knows, split_by_rule

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    ("en", "Dr. Hallow met Mrs. Verrin at 9 a.m. on Tuesday. They spoke for an hour.",
     ["Dr. Hallow met Mrs. Verrin at 9 a.m. on Tuesday. ", "They spoke for an hour."]),
    ("en", "The U.S. Navy sent J. R. Talbot to Port Ellery. He stayed!  Why? Nobody knows…",
     ["The U.S. Navy sent J. R. Talbot to Port Ellery. ", "He stayed!  ", "Why? ", "Nobody knows…"]),
    ("fr", "M. Darnaud et Mme Perrel sont arrivés. « Nous restons. Pas vous ? » a-t-il dit. Fin.",
     ["M. Darnaud et Mme Perrel sont arrivés. ", "« Nous restons. Pas vous ? » a-t-il dit. ", "Fin."]),
    ("es", "La Sra. Ortuño llegó a las 10:30 p. m. del lunes. Después habló con el Dr. Vall.",
     ["La Sra. Ortuño llegó a las 10:30 p. m. del lunes. ", "Después habló con el Dr. Vall."]),
    ("es", "Vino en 1987. ¿Volverá? (Nadie lo sabe. Tampoco él.) Ya veremos.",
     ["Vino en 1987. ", "¿Volverá? ", "(Nadie lo sabe. Tampoco él.) ", "Ya veremos."]),
    ("en", "It rose 5.4 percent. then it fell. The end.",  # no cut before a lower-case word
     ["It rose 5.4 percent. then it fell. ", "The end."]),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_the_rule_cuts_at_sentence_ends_only(language, text, expected):
    assert split_by_rule(text, language) == expected
    assert "".join(split_sentences(text, language)) == text


def test_languages_without_a_table_go_elsewhere_and_lose_nothing():
    assert knows("en") and knows("fr") and knows("es") and not knows("nb")
    assert split_sentences("Første setning. Andre setning.", "nb") == ["Første setning. ", "Andre setning."]
    text = "Er kam um 8 Uhr. Dann ging er."
    assert "".join(split_sentences(text, "de")) == text


def test_translate_loads_no_storage_driver_and_no_pysbd():
    """`babelwire translate` starts fast: no database driver, no storage package, no pysbd."""
    code = ("import io, sys; sys.stdin = io.StringIO('Le Dr. Vell est venu. Il pleut.\\n'); "
            "from babelwire.cli.main import main; main(['translate', '--from', 'fr', '--to', 'en']); "
            "print(sorted(m for m in sys.modules if m.startswith(('psycopg', 'pysbd', 'babelwire.storage', "
            "'sqlite3'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and "Vell" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


def test_the_pairs_are_read_from_the_modes_folder_as_apertium_lists_them():
    from babelwire.translate.apertium import ApertiumTranslator, parse_modes

    listed = subprocess.run(["apertium", "-l"], capture_output=True, text=True, timeout=60)
    assert ApertiumTranslator().modes() == parse_modes(listed.stdout)
    assert ApertiumTranslator(binary="/nonexistent/apertium").modes() == {}  # no folder read for another binary
