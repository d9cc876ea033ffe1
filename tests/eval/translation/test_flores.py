"""Real news (FLORES-200 devtest, read from ../shared when present; never copied into the project).

Per direction, on the first lines: babelwire's structure-safe path scores at least the raw
``apertium -u`` pipeline along the same route (chrF) and keeps quotes, brackets and numbers
on at least as many lines. Skipped cleanly when the corpus is not there (CI).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalset import PAIRS, chrf, structure_errors  # noqa: E402

from babelwire.translate import ApertiumTranslator, PivotTranslator, translate_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
FILES = {"en": "eng_Latn.devtest", "fr": "fra_Latn.devtest", "es": "spa_Latn.devtest"}
LINES = 200
CANDIDATES = [base / "shared" / "corpora" / "flores-devtest" for base in (ROOT.parent, ROOT.parent.parent)]
FOLDER = next((folder for folder in CANDIDATES if (folder / FILES["en"]).is_file()), None)

pytestmark = pytest.mark.skipif(FOLDER is None, reason="FLORES devtest not present in ../shared")


def lines(language: str) -> list[str]:
    return (FOLDER / FILES[language]).read_text(encoding="utf-8").splitlines()[:LINES]


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{s}-{t}" for s, t in PAIRS])
def test_real_news_not_below_the_raw_engine(pair):
    source, target = pair
    engine = ApertiumTranslator()
    translator = PivotTranslator(engine)
    route = translator.route(source, target)
    command = " | ".join(f"apertium -u {engine.modes()[(a, b)]}" for a, b in zip(route, route[1:]))
    sources, references = lines(source), lines(target)
    raw = subprocess.run(["bash", "-c", command], input="\n".join(sources) + "\n", capture_output=True,
                         text=True, check=True).stdout.rstrip("\n").split("\n")
    ours = list(translate_texts(translator, sources, source, target).segments)
    assert chrf(ours, references) >= chrf(raw, references)
    broken = lambda outputs: sum(bool(structure_errors(s, o, source, target)) for s, o in zip(sources, outputs))  # noqa: E731
    assert broken(ours) <= broken(raw)
