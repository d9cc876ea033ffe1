"""Home filters, the outlet page, stories, the toggle, OPML export and the JSON API additions."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from babelwire.sources.opml import parse_opml


def items(html: str) -> int:
    return html.count('class="article-item"')


def test_home_filters(client, store):
    assert items(client.get("/", params={"source": store.ids["courrier"]}).text) == 8
    assert items(client.get("/", params={"language": "es"}).text) == 3
    assert items(client.get("/", params={"story": store.ids["story"]}).text) == 2
    dated = client.get("/", params={"from": "2024-05-01", "to": "2024-05-01", "lang": "en"})
    assert items(dated.text) == 2 and "Strike in Lyon" in dated.text  # the story's two: one
    every = client.get("/", params={"from": "2024-05-01", "to": "2024-05-01", "lang": "en",
                                    "all": "1"})
    assert items(every.text) == 3 and "Rain in Madrid" in every.text
    story = client.get("/", params={"story": store.ids["story"], "lang": "en"}).text
    # the story's name in the reader's language: its earliest article's title, translated
    assert "<strong>Rain in Madrid</strong>" in story and "clear filters" in story
    for params in ({"source": "x"}, {"language": "spanish"}, {"from": "01/05/2024"},
                   {"story": "-1"}):
        assert client.get("/", params=params).status_code == 400, params


def test_home_filters_carried_into_pages(client, store):
    page = client.get("/", params={"source": store.ids["courrier"], "lang": "en"}).text
    assert 'selected>Le Courrier</option>' in page


def test_article_toggle_story_link_and_no_inline_script(client, store):
    page = client.get(f"/articles/{store.ids['es']}", params={"lang": "en"}).text
    assert 'id="show-original"' in page and 'for="show-original"' in page
    assert f'href="/?story={store.ids["story"]}&amp;lang=en"' in page
    assert "<script" not in page and " on" + "click=" not in page


def test_outlet_page(client, store):
    page = client.get(f"/sources/{store.ids['broken']}", params={"lang": "en"})
    assert page.status_code == 200
    assert "Broken Feed" in page.text and "HTTP 503 from server" in page.text
    assert "fetch.http_status" in page.text  # the recent event
    assert page.text.count('<rect class="bar"') == 30 and "<svg" in page.text
    gaceta = client.get(f"/sources/{store.ids['gaceta']}", params={"lang": "fr"}).text
    assert "Articles par jour" in gaceta and "Pluies à Madrid" in gaceta
    assert client.get("/sources/999").status_code == 404
    listing = client.get("/sources").text
    assert f'href="/sources/{store.ids["gaceta"]}' in listing


def test_opml_export(client):
    response = client.get("/sources.opml")
    assert response.status_code == 200 and "opml" in response.headers["content-type"]
    root = ET.fromstring(response.content)
    assert root.tag == "opml" and root.get("version") == "2.0"
    outlines = parse_opml(response.content)
    assert {o.url for o in outlines} == {"https://gaceta.example/feed.xml",
                                        "https://courrier.example/rss",
                                        "https://broken.example/feed"}
    assert "La Gaceta" in {o.name for o in outlines}


def test_openapi_lists_every_api_route(client, store):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/sources",
            "/api/search", "/api/articles/{article_id}/translations"} <= set(spec["paths"])
    values = {"article_id": store.ids["es"], "story_id": store.ids["story"],
              "source_id": store.ids["gaceta"], "lang": "en"}
    for path, operations in spec["paths"].items():
        url = path.format(**values)
        params = {"q": "madrid"} if path == "/api/search" else {}
        response = client.get(url, params=params)
        assert response.status_code == 200, url
        assert "200" in operations["get"]["responses"]
        for ref in _refs(operations):
            assert ref.split("/")[-1] in spec["components"]["schemas"], ref


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_api_stories_and_translations(client, store):
    stories = client.get("/api/stories").json()
    assert stories["next"] is None
    assert stories["stories"][0]["title"] == "Rain and strikes"
    story = client.get(f"/api/stories/{store.ids['story']}").json()
    assert {a["id"] for a in story["articles"]} == {store.ids["es"], store.ids["fr"]}
    translations = client.get(f"/api/articles/{store.ids['es']}/translations").json()
    assert set(translations["translations"]) == {"en", "fr"}
    one = client.get(f"/api/articles/{store.ids['es']}/translations/en").json()
    assert one["title"] == "Rain in Madrid" and one["machine_translation"] is True
    missing = client.get(f"/api/articles/{store.ids['es']}/translations/de")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert client.get("/api/stories/999").json()["error"]["code"] == "not_found"


def test_api_filters_and_source(client, store):
    courrier = client.get("/api/articles", params={"source": store.ids["courrier"]}).json()
    assert len(courrier["articles"]) == 8
    source = client.get(f"/api/sources/{store.ids['broken']}").json()
    assert source["error_count"] == 1 and source["recent_events"][0]["code"] == "fetch.http_status"
    assert len(source["articles_per_day"]) == 30


@pytest.mark.parametrize("path,params", [
    ("/api/search", {"q": "x", "before": "junk"}),
    ("/api/stories", {"limit": "0"}), ("/api/articles", {"story": "one"}),
])
def test_api_errors_are_json_with_codes(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request" and response.json()["error"]["message"]


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "!!"}, {"q": "", "before": ""}])
def test_api_search_with_nothing_to_search_finds_nothing(client, params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200
    assert response.json()["results"] == [] and response.json()["next"] is None


def test_api_empty_before_and_limit_mean_the_first_page(client):
    first = client.get("/api/articles").json()
    assert client.get("/api/articles", params={"before": "", "limit": ""}).json() == first


def test_chart_bars_scale_to_the_busiest_day():
    from babelwire.web.outlet_pages import CHART_HEIGHT, chart_bars

    bars = chart_bars([("2024-05-01", 0), ("2024-05-02", 4), ("2024-05-03", 2)])
    assert [bar.count for bar in bars] == [0, 4, 2]
    assert bars[0].height == 0 and bars[1].height == CHART_HEIGHT - 16
    assert bars[2].height == (CHART_HEIGHT - 16) / 2 and bars[0].x < bars[1].x < bars[2].x
    assert all(bar.height == 0 for bar in chart_bars([("2024-05-01", 0)]))


def test_page_cache_never_serves_a_stale_page(make_server):
    import httpx

    from babelwire.models import Article, Translation
    from babelwire.storage.articles import save_article
    from babelwire.storage.translations import save_translation

    server, store = make_server()

    with httpx.Client(base_url=server.url, timeout=10) as http:
        first = http.get("/", params={"lang": "en"})
        assert http.get("/", params={"lang": "en"}).text == first.text  # from the cache
        assert "Harbour opens" not in http.get("/feeds/en.atom").text
        new_id = save_article(store.db, Article(
            id=None, source_id=store.ids["gaceta"], url="https://news.example/puerto",
            canonical_url="https://news.example/puerto", title="Abre el puerto", standfirst="",
            body="Texto.", author="", published="2024-05-03T10:00:00Z",
            first_seen="2024-05-03T10:00:00Z", language="es", language_confidence=0.9,
            content_hash="hash-puerto")).article_id
        assert "Abre el puerto" in http.get("/", params={"lang": "en"}).text
        save_translation(store.db, Translation(
            article_id=new_id, language="en", title="Harbour opens", standfirst="", body="Text.",
            engine="apertium", engine_version="3.8.3", created_at="2024-05-03T11:00:00Z"))
        assert "Harbour opens" in http.get("/", params={"lang": "en"}).text
        assert "Harbour opens" in http.get("/feeds/en.atom").text
        assert "<mark>Harbour</mark> opens" in http.get("/search", params={"q": "harbour"}).text
        french = http.get("/", params={"lang": "fr"})
        assert '<html lang="fr">' in french.text  # the language is part of the key
        assert "content-security-policy" in http.get("/", params={"lang": "en"}).headers
