"""The extraction eval gate: babelwire over every page of the corpus, averages above floors.

The corpus is ``pages/<id>.html`` with its truth in ``pages/<id>.json``; the
scores are defined in ``score.py`` (body F1 is the word-4-gram F1 of public
extraction benchmarks). A change that drops an average below its floor fails,
and the per-page table is printed to show which pages moved.
"""


import pytest

from babelwire.errors import BabelwireError
from babelwire.extract import extract_article


import score  # noqa: E402  (this folder is on sys.path: pytest's default import mode)

MIN_PAGES = 80
# Floors: a little below what babelwire reaches on the complete corpus (see README, Extraction).
FLOORS = {
    "body_f1": 0.98,
    "title": 0.98,
    "date": 0.98,
    "attribution": 0.98,
    "author": 0.98,
}
MIN_LANGUAGES = 6


def extract_scores(pages):
    scores = []
    for html, expected in pages:
        try:
            article = extract_article(html.read_bytes(), url=expected.get("url"))
        except BabelwireError as error:
            scores.append(score.score_page(expected, None, error=error.one_line()))
            continue
        scores.append(score.score_page(expected, article))
    return scores


@pytest.fixture(scope="module")
def corpus():
    return score.load_pages()


def test_corpus_is_complete(corpus):
    languages = {expected.get("language") for _, expected in corpus}
    assert len(corpus) >= MIN_PAGES, f"{len(corpus)} pages in {score.PAGES}"
    assert len(languages) >= MIN_LANGUAGES, sorted(languages)


def test_extraction_quality_stays_above_floors(corpus):
    if not corpus:
        pytest.fail(f"no eval pages in {score.PAGES}")
    scores = extract_scores(corpus)
    means = score.averages(scores)
    low = {name: (round(means[name], 3), floor) for name, floor in FLOORS.items()
           if means[name] < floor}
    assert not low, f"below floor (mean, floor): {low}\n{score.format_table(scores)}"
