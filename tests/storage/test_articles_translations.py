"""Articles, translations (with failures) and the translation memory, through the port."""

from babelwire.models import Article, Translation
from babelwire.storage.records import ArticleRow, TranslationFailure


def test_articles_are_stored_once_and_updated_when_changed(store, make_article):
    first = store.articles.save(make_article())
    again = store.articles.save(make_article())
    assert first.created and not again.created and again.article_id == first.article_id
    store.translations.save(Translation(first.article_id, "en", "T", "", "B", "apertium", "1"))
    changed = store.articles.save(make_article(digest="h2", title="Titre corrigé"))
    assert changed.changed and changed.article_id == first.article_id
    assert store.translations.for_article(first.article_id) == {}  # stale translation dropped
    assert store.articles.count() == 1
    source, _ = store.sources.add("https://news.test/feed", name="News")
    store.articles.save(make_article(url="https://news.test/x", digest="h9", source_id=source.id))
    dup = store.articles.save(make_article(url="https://news.test/x?utm=1", digest="h9",
                                           source_id=source.id))
    assert not dup.created and store.articles.count() == 2
    assert store.articles.find_existing("https://other.test/", "h9", source.id) == dup.article_id
    assert store.articles.find_existing("https://other.test/", "h9", None) is None


def test_article_reads_return_records(store, make_article):
    source, _ = store.sources.add("https://news.test/feed", name="News")
    saved = store.articles.save(make_article(source_id=source.id))
    row = store.articles.get_row(saved.article_id)
    assert isinstance(row, ArticleRow) and row.source_name == "News" and row["title"] == "Titre"
    article = store.articles.get(saved.article_id)
    assert isinstance(article, Article) and article.attribution[0].outlet == "Gazette"
    assert article.disclaimers == ("Avec AFP",) and article.id == saved.article_id
    assert store.articles.get(saved.article_id + 1) is None
    older = store.articles.save(make_article(url="https://n.test/old", digest="o",
                                             published="2026-01-01T00:00:00Z"))
    assert [r.id for r in store.articles.latest()] == [saved.article_id, older.article_id]
    assert [r.id for r in store.articles.latest(limit=1, offset=1)] == [older.article_id]


def test_translations_untranslated_and_failures(store, make_article):
    article_id = store.articles.save(make_article()).article_id
    english = store.articles.save(make_article(url="https://n.test/en", digest="e",
                                               language="en")).article_id
    undetermined = store.articles.save(make_article(url="https://n.test/u", digest="u",
                                                    language="und")).article_id
    assert store.translations.untranslated("en") == [article_id]
    assert store.translations.untranslated("fr") == [english]
    assert undetermined not in store.translations.untranslated("de")
    store.translations.save(Translation(article_id, "en", "Title", "", "One.", "apertium",
                                        "3.8", pivot="es", warnings=("w",)))
    found = store.translations.for_article(article_id)["en"]
    assert found.pivot == "es" and found.warnings == ("w",) and found.created_at
    assert store.translations.for_many([article_id, english]) == {article_id: {"en": found}}
    assert store.translations.for_many([]) == {}
    store.translations.record_failure(english, "fr", "translate.no_engine", "no en-fr")
    assert store.translations.untranslated("fr") == []
    failures = store.translations.failures_for(english)
    assert failures == [TranslationFailure(english, "fr", "translate.no_engine", "no en-fr",
                                           failures[0].at)]
    by_code = store.translations.failures_with_code("translate.no_engine")
    assert [(f.article_id, f.source_language) for f in by_code] == [(english, "en")]
    store.translations.forget_failures([(english, "fr")])
    assert store.translations.untranslated("fr") == [english]


def test_translation_memory_and_records(store, make_article):
    keys = [bytes([i]) * 16 for i in range(3)]
    assert store.memory.lookup(keys) == {}
    store.memory.store([(keys[0], "hello", 0), (keys[1], "world", 1)])
    store.memory.store([(keys[1], "World", 2)])  # a held key is overwritten
    assert store.memory.lookup(keys) == {keys[0]: ("hello", 0), keys[1]: ("World", 2)}
    assert store.memory.count() == 2
    many = [bytes([i % 256, i // 256]) * 8 for i in range(1200)]  # more than one lookup chunk
    store.memory.store((key, "x", 0) for key in many)
    assert len(store.memory.lookup(many)) == 1200
    article_id = store.articles.save(make_article()).article_id
    assert store.memory.record(article_id, "en") is None
    store.translations.save(Translation(article_id, "en", "T", "", "B", "apertium", "1"))
    store.memory.save_record(article_id, "en", {"engine": "apertium", "hits": 3})
    assert store.memory.record(article_id, "en") == {"engine": "apertium", "hits": 3}
