"""Search: the forgiving query parser, FTS5 kept in sync by triggers, safe highlighting."""

from __future__ import annotations

import pytest

from babelwire.models import Translation
from babelwire.storage import Database
from babelwire.storage.search import (SearchFilters, marked_segments, parse_query,
                                      rebuild_search_index, search_articles)
from babelwire.storage.translations import save_translation
from babelwire.web.search_pages import highlighted

HOSTILE_QUERIES = [
    '"', '""', '"unbalanced', 'a"b', "'", "OR", "AND", "NOT", "a OR", "OR b", "-", "--x", "-x",
    "*", "***", "a*b*", "(", ")", "((madrid", "NEAR(a b, 2)", "title:madrid", "{title}: x",
    "^madrid", "+madrid", "madrid AND NOT", '"a" OR "b" NOT "c"', "\\", "\x00", "é", "🙂",
    "%", "a" * 600, " ".join(["w"] * 100), "<script>alert(1)</script>",
]


def test_parse_query_writes_quoted_terms():
    assert parse_query("rain madrid").fts() == '("rain") AND ("madrid")'
    assert parse_query('"rain in madrid').fts() == '("rain in madrid")'
    assert parse_query("rain OR snow -hail").fts() == '(("rain" OR "snow")) NOT "hail"'
    assert parse_query("mad*").fts() == '("mad"*)'
    assert parse_query("ma*").fts() == '("ma")'  # too short to expand
    assert parse_query('say "hi""there"').fts() == '("say") AND ("hi") AND ("there")'
    assert parse_query('NEAR(a b)').fts() == '("NEAR(a") AND ("b)")'


@pytest.mark.parametrize("text", ["", "   ", '"', "-only", "OR", "***", "-"])
def test_parse_query_nothing_to_search(text):
    assert parse_query(text).empty and parse_query(text).fts() == ""


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(store, text):
    rows = search_articles(store.db, parse_query(text), SearchFilters(), 10)
    assert isinstance(rows, list)


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_queries_over_http(client, text):
    page = client.get("/search", params={"q": text})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    api = client.get("/api/search", params={"q": text})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        assert api.json()["error"]["code"] == "bad_request"
    feed = client.get("/feeds/en.atom", params={"q": text})
    assert feed.status_code == 200


def test_search_finds_originals_and_translations(client, store):
    for word in ("lluvias", "neighbours", "voisins"):  # es original, en and fr translations
        # every article (the fixture's story would head the entry with its earliest original)
        page = client.get("/search", params={"q": word, "lang": "en", "all": "1"})
        assert f'href="/articles/{store.ids["es"]}?lang=en"' in page.text, word
        assert "Rain in Madrid" in page.text
    accents = client.get("/search", params={"q": "greve", "lang": "fr", "all": "1"})  # accent-free
    assert f'/articles/{store.ids["fr"]}?lang=fr' in accents.text
    assert "<mark>" in accents.text


def test_search_phrase_or_not_prefix(store):
    def found(text: str) -> set[int]:
        return {row["id"] for row in search_articles(store.db, parse_query(text),
                                                     SearchFilters(), 50)}
    es, fr = store.ids["es"], store.ids["fr"]
    assert found('"llueve mucho"') == {es}
    assert found('"mucho llueve"') == set()
    assert found("madrid OR lyon") == {es, fr}
    assert es not in found("madrid OR lyon -madrid")
    assert es in found("llue*")


def test_search_filters_and_cursor(client, store):
    assert client.get("/search", params={"q": "madrid", "language": "fr"}).text.count(
        'class="article-item"') == 0
    assert client.get("/search", params={"q": "madrid", "language": "es"}).text.count(
        'class="article-item"') == 1
    assert client.get("/search", params={"q": "madrid", "source": store.ids["courrier"]}
                      ).text.count('class="article-item"') == 0
    assert client.get("/search", params={"q": "madrid", "to": "2024-04-30"}).text.count(
        'class="article-item"') == 0
    assert client.get("/search", params={"q": "madrid", "from": "2024-05-01", "to": "2024-05-01"}
                      ).text.count('class="article-item"') == 1
    assert client.get("/search", params={"q": "madrid", "from": "May"}).status_code == 400
    seen, params = [], {"q": "texte OR brève", "limit": 3}
    while True:
        data = client.get("/api/search", params=params).json()
        seen.extend(result["id"] for result in data["results"])
        if not data["next"]:
            break
        params["before"] = data["next"]
    assert len(seen) == len(set(seen)) == 7 and seen == sorted(seen, reverse=True)


def test_search_page_pagination_link(client):
    first = client.get("/search", params={"q": "texte", "lang": "en"})
    assert first.text.count('class="article-item"') == 7  # under a page: no "more" link
    assert "rel=\"next\"" not in first.text


def test_highlight_escapes_stored_markup(client, store, evil):
    page = client.get("/search", params={"q": "headline", "lang": "en"})
    assert "<script" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;" in page.text and "<mark>" in page.text
    api = client.get("/api/search", params={"q": "titular"})
    assert "<script" not in api.text
    parts = api.json()["results"][0]["snippet"]
    assert any(part["match"] for part in parts)


def test_highlighted_is_safe_for_marks_inside_stored_text():
    stored = "a \x02<b>bold</b>\x03 \x03 c \x02 <i>"
    html = str(highlighted(stored))
    assert html == "a <mark>&lt;b&gt;bold&lt;/b&gt;</mark>  c  &lt;i&gt;"
    assert marked_segments("\x02x") == [("x", False)]


def test_index_follows_inserts_updates_and_deletes(tmp_path):
    from babelwire.models import Article
    from babelwire.storage.articles import save_article

    db = Database(tmp_path / "sync.sqlite3")
    article = Article(id=None, source_id=None, url="https://x.example/a",
                      canonical_url="https://x.example/a", title="Tormenta en Valdeluz",
                      standfirst="", body="Cae granizo.", author="", published=None,
                      first_seen="2024-05-01T00:00:00Z", language="es",
                      language_confidence=0.9, content_hash="h1")
    article_id = save_article(db, article).article_id
    assert _ids(db, "granizo") == [article_id]
    save_translation(db, Translation(article_id=article_id, language="en",
                                     title="Storm in Valdeluz", standfirst="", body="Hail falls.",
                                     engine="apertium", engine_version="3.8", created_at="2024-05-01T01:00:00Z"))
    assert _ids(db, "hail") == [article_id] and _ids(db, "granizo") == [article_id]
    save_translation(db, Translation(article_id=article_id, language="en",
                                     title="Storm in Valdeluz", standfirst="",
                                     body="Sleet falls.", engine="apertium", engine_version="3.8"))
    assert _ids(db, "hail") == [] and _ids(db, "sleet") == [article_id]
    changed = article.__class__(**{**article.__dict__, "body": "Cae nieve.", "content_hash": "h2"})
    save_article(db, changed)  # new content: the old translations are dropped
    assert _ids(db, "granizo") == [] and _ids(db, "sleet") == [] and _ids(db, "nieve")
    assert rebuild_search_index(db) == 1 and _ids(db, "nieve") == [article_id]
    with db.write() as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    assert _ids(db, "nieve") == [] and _ids(db, "valdeluz") == []
    db.close()


def _ids(db: Database, text: str) -> list[int]:
    return [row["id"] for row in search_articles(db, parse_query(text), SearchFilters(), 50)]


def test_bulk_loading_indexes_once_and_keeps_the_triggers(tmp_path):
    from babelwire.storage.search import bulk_loading

    db = Database(tmp_path / "bulk.sqlite3")
    with bulk_loading(db) as conn:
        conn.execute("INSERT INTO articles (id, url, canonical_url, title, body, first_seen, "
                     "language, language_confidence, content_hash) VALUES (1, 'u', 'u', "
                     "'Faro de Arenal', 'Texto.', '2024-01-01', 'es', 1, 'h')")
        conn.execute("INSERT INTO translations (article_id, language, title, body, engine, "
                     "created_at) VALUES (1, 'en', 'Arenal lighthouse', 'Text.', 'x', 'now')")
    assert _ids(db, "lighthouse") == [1] and _ids(db, "faro") == [1]
    with db.write() as conn:  # the triggers are back
        conn.execute("UPDATE translations SET title = 'Arenal beacon' WHERE article_id = 1")
    assert _ids(db, "lighthouse") == [] and _ids(db, "beacon") == [1]
    db.close()
