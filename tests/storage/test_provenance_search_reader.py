"""Provenance (traces, links, stories, sites), search and the reader's queries, via the port."""

from datetime import date

from babelwire.models import Translation
from babelwire.storage.records import (ArticleFilters, LinkView, SiteArticle, StoredLink,
                                       StoryMember, StoryRow, TracedFeatures)
from babelwire.storage.search import SearchFilters, parse_query


def _three(store, make_article):
    source, _ = store.sources.add("https://wire.test/feed", name="Wire")
    ids = [store.articles.save(make_article(
        url=f"https://{host}/story", digest=f"d{n}", source_id=source.id if n == 0 else None,
        title=f"Lluvia en Madrid {n}", first_seen=f"2026-11-17T0{n}:00:00Z",
        published=f"2026-11-17T0{n}:00:00Z", language="es")).article_id
        for n, host in enumerate(["wire.test", "www.copy.test", "other.test"])]
    return source, ids


def test_traces_links_and_stories(store, make_article):
    _, (a, b, c) = _three(store, make_article)
    assert store.provenance.untraced_ids() == [a, b, c]
    features = [TracedFeatures(i, f"d{n}", f"w{n}", (1, 2, n), {"k": str(n)},
                               bytes(range(n, n + 16)) * 64 if n else None)  # a lead vector
                for n, i in enumerate((a, b, c))]
    links = [StoredLink(b, a, "copy", 0.9, 3600, {"shared": ["x"]}),
             StoredLink(c, a, "same_event", 0.5, None, {})]
    store.provenance.save_trace(features, links, "2026-11-17T05:00:00Z")
    assert store.provenance.untraced_ids() == []
    assert store.provenance.traced_features([a, b])[b] == features[1]
    assert store.provenance.traced_features([a])[a].lead_vector is None
    assert store.provenance.window_ids("2026-11-17T01:00:00Z", {c}) == [b]
    assert sorted(store.provenance.links_among([a]), key=lambda l: l.article_id) == links
    up, down = store.provenance.links_of_article(a)
    assert up == [] and [type(l) for l in down] == [LinkView, LinkView]
    assert [(l.article_id, l.relation) for l in down] == [(b, "copy"), (c, "same_event")]
    up, _ = store.provenance.links_of_article(b)
    assert up[0].other_id == a and up[0].other_title == "Lluvia en Madrid 0"
    store.translations.save(Translation(a, "en", "Rain in Madrid", "", "Rain.", "apertium", "1"))
    rows = store.provenance.article_rows([a, b], "en")
    assert {r.id: r.pivot_title for r in rows} == {a: "Rain in Madrid", b: None}
    assert store.provenance.save_stories([[a, b, c]], {a: "Rain"}, "2026-11-17T05:00:00Z") == 1
    story = store.provenance.story_of_article(b)
    assert isinstance(story, StoryRow) and story.article_count == 3 and story.title == "Rain"
    assert store.provenance.get_story(story.id) == story
    members = store.provenance.story_members(story.id)
    assert [type(m) for m in members] == [StoryMember] * 3
    assert [(m.id, m.relation) for m in members] == [(a, None), (b, "copy"), (c, None)]
    store.provenance.save_stories([[a, b]], {a: "Rain again"}, "2026-11-17T06:00:00Z")
    assert store.provenance.story_of_article(a).id == story.id  # the story keeps its id
    assert store.provenance.story_of_article(c).id == story.id  # not re-clustered: untouched
    site = store.provenance.site_articles("copy.test")
    assert [type(s) for s in site] == [SiteArticle]
    assert site[0].original_url == "https://wire.test/story" and site[0].relation == "copy"


def test_search_finds_originals_and_translations(store, make_article):
    _, (a, b, c) = _three(store, make_article)
    store.translations.save(Translation(c, "en", "Storm warning", "", "Heavy storm.",
                                        "apertium", "1"))
    hits = store.search.search(parse_query("lluvia"), SearchFilters(), 10)
    assert [h.id for h in hits] == [c, b, a] and "\x02" in hits[0].snippet
    assert [h.id for h in store.search.search(parse_query("storm"), SearchFilters(), 10)] == [c]
    assert [h.id for h in store.search.search(parse_query("lluvia"), SearchFilters(), 10,
                                              before_id=c)] == [b, a]
    filtered = store.search.search(parse_query("lluvia"), SearchFilters(source_id=1), 10)
    assert [h.id for h in filtered] == [a]
    assert store.search.search(parse_query(""), SearchFilters(), 10) == []
    assert store.search.rebuild() == 3
    with store.search.bulk_loading():
        store.articles.save(make_article(url="https://n.test/bulk", digest="bulk",
                                         title="Granizo"))
    assert len(store.search.search(parse_query("granizo"), SearchFilters(), 10)) == 1


def test_reader_queries(store, make_article):
    source, (a, b, c) = _three(store, make_article)
    store.translations.save(Translation(b, "en", "Rain", "", "Rain body.", "apertium", "1"))
    rows = store.reader.articles(ArticleFilters(), 10)
    assert [r.id for r in rows] == [c, b, a] and rows[0].body
    listing = store.reader.articles(ArticleFilters(), 2, listing=True)
    assert [r.id for r in listing] == [c, b] and listing[0].body is None
    after = store.reader.articles(ArticleFilters(), 10, before=(listing[1].sort_key, b))
    assert [r.id for r in after] == [a]
    assert [r.id for r in store.reader.articles_before(10, (rows[0].sort_key, c))] == [b, a]
    assert [r.id for r in store.reader.articles(ArticleFilters(source_id=source.id), 10)] == [a]
    assert [r.id for r in store.reader.articles_readable_in("en", 10)] == [b]
    assert store.reader.articles(ArticleFilters(since="2026-11-18"), 10) == []
    assert len(store.reader.articles(ArticleFilters(until="2026-11-17"), 10)) == 3
    assert store.reader.source(source.id).article_count == 1
    assert store.reader.source(source.id + 9) is None
    assert [s.name for s in store.reader.source_names()] == ["Wire"]
    per_day = store.reader.articles_per_day(source.id, date(2026, 11, 18), 3)
    assert per_day == [("2026-11-16", 0), ("2026-11-17", 1), ("2026-11-18", 0)]
    titles = store.reader.translated_titles([a, b], "en")
    assert list(titles) == [b] and titles[b]["en"].title == "Rain" and titles[b]["en"].body == ""
    assert store.reader.translations_into([b], "en")[b]["en"].body == "Rain body."
    store.provenance.save_stories([[a, b]], {a: "Rain"}, "2026-11-17T05:00:00Z")
    store.provenance.save_stories([[c]], {c: "Other"}, "2026-11-17T05:00:00Z")
    stories = store.reader.stories_before(10)
    assert [s.title for s in stories] == ["Other", "Rain"]
    assert store.reader.stories_before(10, stories[0].id) == [stories[1]]
    assert store.reader.story(stories[1].id) == stories[1]
    assert store.reader.stories_of([a, c]) == {a: [stories[1].id], c: [stories[0].id]}
    assert [r.id for r in store.reader.articles(ArticleFilters(story_id=stories[1].id), 9)] == [b, a]


def test_story_versions_languages_and_texts_for_grouped_lists(store, make_article):
    source, (a, b, c) = _three(store, make_article)
    store.provenance.save_trace([], [StoredLink(b, a, "translation", 0.9, 60, {}),
                                     StoredLink(c, a, "same_event", 0.5, None, {})],
                                "2026-11-17T05:00:00Z")
    store.provenance.save_stories([[a, b, c]], {a: "Lluvia"}, "2026-11-17T05:00:00Z")
    story = store.provenance.story_of_article(a).id
    versions = store.reader.story_versions([story, story + 99])
    assert list(versions) == [story]
    assert [(v.id, v.relation, v.derived_from) for v in versions[story]] == [
        (a, None, None), (b, "translation", a), (c, None, None)]  # same_event is no derivation
    assert versions[story][0].outlet == "Wire" and versions[story][1].outlet == "Gazette"
    assert versions[story][1].sort_key == "2026-11-17T01:00:00Z"
    assert store.reader.story_versions([]) == {}
    assert store.reader.languages_present(["fr", "es", "ja", "es"]) == ["es"]
    assert store.reader.languages_present([]) == []
    store.translations.save(Translation(b, "en", "Rain", "Lead", "Rain body.", "apertium", "1"))
    texts = store.reader.texts_in([a, b], "en")
    assert texts[b] == ("en", "Rain", "Lead\n\nRain body.")
    assert texts[a] == ("es", "Lluvia en Madrid 0", "Chapeau\n\nUn.\n\nDeux.")


def test_search_by_relevance_pages_by_offset(store, make_article):
    ids = [store.articles.save(make_article(
        url=f"https://r.test/{n}", digest=f"r{n}", title=title, body=body)).article_id
        for n, (title, body) in enumerate([("Puerto", "Madrid."), ("Madrid hoy", "Madrid y Madrid."),
                                          ("Nada", "Algo de Madrid al final.")])]
    ranked = store.search.search(parse_query("madrid"), SearchFilters(), 10, relevance=True)
    assert [h.id for h in ranked][0] == ids[1]  # in the title and twice in the body
    assert {h.id for h in ranked} == set(ids)
    second = store.search.search(parse_query("madrid"), SearchFilters(), 1, relevance=True,
                                 offset=1)
    assert [h.id for h in second] == [h.id for h in ranked][1:2]
