"""One story, one entry; everything in the reader's language; search ranking; the filters
(issue 14), over real HTTP on a store with a relay that machine-translates an original."""

from __future__ import annotations

import re

import httpx
import pytest

from babelwire.models import Article
from babelwire.storage.articles import save_article


@pytest.fixture
def relay(make_server, relay_story):
    server, store = make_server()
    ids = relay_story(store)
    with httpx.Client(base_url=server.url, timeout=10) as http:
        yield http, ids, store


def _headlines(html: str) -> list[str]:
    return re.findall(r'class="headline" href="(/articles/\d+)', html)


def test_home_shows_the_story_once_under_its_original(relay):
    http, ids, _ = relay
    page = http.get("/", params={"lang": "en"}).text
    heads = _headlines(page)
    assert heads.count(f"/articles/{ids['original']}") == 1
    assert f"/articles/{ids['relay']}" not in heads  # folded under the original
    entry = page[page.index(f'data-story="{ids["story"]}"'):]
    entry = entry[:entry.index("</li>\n</ol>") if "</li>\n</ol>" in entry else None]
    assert "Rain in Madrid" in entry and "2 versions" in entry
    assert '<abbr class="lang-tag" title="Spanish">ES</abbr>' in entry
    assert f'href="/articles/{ids["relay"]}?lang=en">Relay Wire</a>' in entry
    assert "translation" in entry and "published 5 h 25 min later" in entry
    every = http.get("/", params={"lang": "en", "all": "1"}).text
    assert f"/articles/{ids['relay']}" in _headlines(every)  # the switch: every article
    assert "Group by story" in every


def test_outlet_list_keeps_its_own_articles_with_the_original_folded(relay):
    http, ids, _ = relay
    page = http.get("/", params={"lang": "en", "source": ids["relay_source"]}).text
    assert _headlines(page) == [f"/articles/{ids['relay']}"]
    assert f'href="/articles/{ids["original"]}?lang=en">La Gaceta</a>' in page
    outlet = http.get(f"/sources/{ids['relay_source']}", params={"lang": "en"}).text
    assert _headlines(outlet) == [f"/articles/{ids['relay']}"] and "2 versions" in outlet


def test_search_groups_ranks_and_cuts_snippets_in_the_readers_language(relay):
    http, ids, _ = relay
    page = http.get("/search", params={"q": "madrid", "lang": "fr"}).text
    assert _headlines(page).count(f"/articles/{ids['original']}") == 1
    assert f"/articles/{ids['relay']}" not in _headlines(page)
    snippets = re.findall(r'<p class="snippet" lang="(\w+)">(.*?)</p>', page, re.S)
    assert snippets and {lang for lang, _ in snippets} <= {"fr"}
    assert not any("Llueve" in text for _, text in snippets)  # the Spanish original is not mixed in
    assert any("<mark>Madrid</mark>" in text for _, text in snippets)
    assert 'value="relevance" selected' in page
    newest = http.get("/search", params={"q": "madrid", "sort": "newest", "lang": "fr"})
    assert newest.status_code == 200 and 'value="newest" selected' in newest.text
    assert http.get("/search", params={"q": "madrid", "sort": "oldest"}).status_code == 400


def test_relevance_puts_the_title_match_first(relay):
    http, ids, store = relay
    for number in range(3):  # newer articles naming Madrid once, deep in the body
        save_article(store.db, Article(
            id=None, source_id=None, url=f"https://other.example/{number}",
            canonical_url=f"https://other.example/{number}", title=f"Budget news {number}",
            standfirst="", body="Figures. " * 40 + "Also in Madrid.", author="",
            published=f"2024-06-0{number + 1}T10:00:00Z", first_seen="2024-06-01T10:00:00Z",
            language="en", language_confidence=0.9, content_hash=f"hash-budget-{number}"))
    ranked = _headlines(http.get("/search", params={"q": "madrid", "lang": "en",
                                                    "all": "1"}).text)
    newest = _headlines(http.get("/search", params={"q": "madrid", "lang": "en", "all": "1",
                                                    "sort": "newest"}).text)
    assert ranked[0] != newest[0] and "Budget" not in ranked[0]
    assert ranked[0] in (f"/articles/{ids['original']}", f"/articles/{ids['relay']}")
    api = http.get("/api/search", params={"q": "madrid", "sort": "relevance", "limit": 2}).json()
    assert api["results"][0]["id"] in (ids["original"], ids["relay"]) and api["next"]
    more = http.get("/api/search", params={"q": "madrid", "sort": "relevance", "limit": 2,
                                           "before": api["next"]}).json()
    assert not {r["id"] for r in more["results"]} & {r["id"] for r in api["results"]}


def test_stories_story_and_site_pages_in_the_readers_language(relay):
    http, ids, _ = relay
    stories = http.get("/stories", params={"lang": "en"}).text
    assert "Rain in Madrid" in stories and "Lluvias en Madrid" not in stories
    assert "relayed by Relay Wire" in stories
    story = http.get(f"/stories/{ids['story']}", params={"lang": "fr"}).text
    assert "Pluies à Madrid" in story and "Lluvias en Madrid" not in story
    assert not re.search(r'role="img"[^>]*>(?:(?!</svg>).)*<a ', story, re.S)
    article = http.get(f"/articles/{ids['relay']}", params={"lang": "fr"}).text
    line = article[article.index('id="provenance-line"'):]
    line = line[:line.index("</p>")]
    assert "Pluies à Madrid" in line and "Lluvias" not in line


def test_filters_name_only_present_languages_and_say_when_nothing_matches(client):
    page = client.get("/", params={"lang": "en", "language": "ja"}).text
    assert "No articles match these filters." in page and "No articles yet." not in page
    options = re.findall(r'<option value="(\w+)"', page[page.index('name="language"'):
                                                      page.index("</select>", page.index(
                                                          'name="language"'))])
    assert set(options) == {"en", "es", "fr", "ja"}  # the stored languages, and the chosen one
    assert '<details class="filter-box" open>' in page  # open when a filter is set
    assert '<details class="filter-box">' in client.get("/", params={"lang": "en"}).text


@pytest.mark.parametrize("path", ["/", "/search", "/stories", "/sites", "/sources",
                                  "/articles/1", "/nowhere"])
def test_every_page_has_the_search_box_in_its_header(client, path):
    page = client.get(path, params={"lang": "en"}).text
    header = page[page.index("<header"):page.index("</header>")]
    assert 'role="search"' in header and 'name="q"' in header and 'action="/search"' in header


def test_relevance_ranks_within_the_newest_matches(store, monkeypatch):
    from babelwire.storage.search import SearchFilters, parse_query
    from babelwire.storage.sqlite import search as fts

    query = parse_query("texte OR brève")  # the seven fillers, one per id
    newest = [r.id for r in store.db.search.search(query, SearchFilters(), 10)]
    monkeypatch.setattr(fts, "RELEVANCE_WINDOW", 3)
    ranked = [r.id for r in store.db.search.search(query, SearchFilters(), 10, relevance=True)]
    assert sorted(ranked) == sorted(newest[:3])  # only the three newest matches are ranked
    assert store.db.search.search(query, SearchFilters(), 10, relevance=True, offset=3) == []
