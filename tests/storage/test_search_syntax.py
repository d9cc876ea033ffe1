"""The reader's search syntax means the same on every backend: words, "phrases", OR,
-not, prefix*, accents ignored, and no input is an error."""

import pytest

from babelwire.storage.search import MARK_END, MARK_START, SearchFilters, parse_query

BODIES = {
    "a": "La lluvia cae sobre Madrid esta mañana.",
    "b": "Tormenta de nieve en Madrid; la lluvia vuelve el lunes.",
    "c": "Le café de la place ferme ses portes.",
    "d": "Madrid celebra la llegada de la primavera.",
}


@pytest.fixture
def newsroom(store, make_article):
    ids = {}
    for key, body in BODIES.items():
        saved = store.articles.save(make_article(url=f"https://news.test/{key}/", digest=key,
                                                 title=f"Nota {key}", body=body, language="es"))
        ids[saved.article_id] = key
    return store, ids


def found(newsroom, query):
    store, ids = newsroom
    return sorted(ids[row.id] for row in store.search.search(parse_query(query),
                                                              SearchFilters(), 20))


def test_words_must_all_match(newsroom):
    assert found(newsroom, "lluvia madrid") == ["a", "b"]


def test_phrase_matches_words_in_order(newsroom):
    assert found(newsroom, '"lluvia cae"') == ["a"]
    assert found(newsroom, '"cae lluvia"') == []


def test_or_and_not(newsroom):
    assert found(newsroom, "nieve OR primavera") == ["b", "d"]
    assert found(newsroom, "madrid -nieve") == ["a", "d"]


def test_prefix_and_accents(newsroom):
    assert found(newsroom, "torm*") == ["b"]
    assert found(newsroom, "cafe") == ["c"]
    assert found(newsroom, "manana") == ["a"]


def test_snippet_marks_the_match(newsroom):
    store, _ = newsroom
    [hit] = store.search.search(parse_query("primavera"), SearchFilters(), 5)
    assert f"{MARK_START}primavera{MARK_END}" in hit.snippet


@pytest.mark.parametrize("query", ['"unclosed', "a' OR 1=1 --", "(((", "-", "* & | !", "%s %%"])
def test_hostile_input_is_never_an_error(newsroom, query):
    found(newsroom, query)
