"""The edge over real HTTP: ids in range, control characters, dates and limits, any error
answered in the documented shape, and only http(s) URLs served (issue 9)."""

from __future__ import annotations

import logging

import httpx
import pytest
from starlette.routing import Route

from babelwire.models import Article, Attribution
from babelwire.settings import load_settings
from babelwire.storage.articles import save_article
from babelwire.web import BackgroundServer, create_app
from babelwire.web.api import encode_cursor

TOO_BIG = "9223372036854775808"  # 2^63: SQLite's INTEGER overflows
LARGEST = "9223372036854775807"  # 2^63-1: in range, just absent
OUT_OF_RANGE = [TOO_BIG, "0", "00", "1" * 40, "9" * 5000]

API_ID_PATHS = ["/api/articles/{}", "/api/articles/{}/translations",
                "/api/articles/{}/translations/en", "/api/stories/{}", "/api/sources/{}"]
PAGE_ID_PATHS = ["/articles/{}", "/sources/{}", "/stories/{}"]


def json_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, (response.status_code, response.text[:200])
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error["message"]


def html_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.text[:200])
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text and "Internal Server Error" not in response.text
    return response.text


@pytest.mark.parametrize("raw", OUT_OF_RANGE)
@pytest.mark.parametrize("path", API_ID_PATHS)
def test_api_ids_out_of_range_are_json_404(client, path, raw):
    message = json_error(client.get(path.format(raw)), 404, "not_found")
    assert "1 to 9223372036854775807" in message


@pytest.mark.parametrize("raw", OUT_OF_RANGE)
@pytest.mark.parametrize("path", PAGE_ID_PATHS)
def test_page_ids_out_of_range_are_the_404_page(client, path, raw):
    html_error(client.get(path.format(raw)), 404)


@pytest.mark.parametrize("path", API_ID_PATHS)
def test_largest_id_is_looked_up_and_absent(client, path):
    message = json_error(client.get(path.format(LARGEST)), 404, "not_found")
    assert "1 to" not in message  # looked up in the store, not refused at the edge


def test_ids_in_range_still_work(client, store):
    assert client.get(f"/api/articles/{store.ids['es']}").json()["id"] == store.ids["es"]
    assert client.get(f"/api/articles/00{store.ids['es']}").json()["id"] == store.ids["es"]
    assert client.get(f"/articles/{store.ids['es']}").status_code == 200
    assert client.get(f"/api/stories/{store.ids['story']}").status_code == 200
    assert client.get(f"/stories/{store.ids['story']}").status_code == 200


@pytest.mark.parametrize("name", ["source", "story"])
@pytest.mark.parametrize("raw", [TOO_BIG, "0", "-1", "²", "١٢", "1e3", "9" * 5000])
def test_id_parameters_out_of_range_are_400(client, name, raw):
    for path in ("/api/articles", "/feeds/en.atom", "/feeds/fr.json"):
        json_error(client.get(path, params={name: raw}), 400, "bad_request")
    for path in ("/", "/search"):
        html_error(client.get(path, params={name: raw, "q": "madrid"}), 400)


def test_search_before_out_of_range_is_400(client):
    html_error(client.get("/search", params={"q": "madrid", "before": TOO_BIG}), 400)
    for cursor in (encode_cursor("search", 2**63), encode_cursor("search", 0),
                   encode_cursor("search\x00", 3), "A" * 5000):
        json_error(client.get("/api/search", params={"q": "madrid", "before": cursor}),
                   400, "bad_request")
    json_error(client.get("/api/articles", params={"before": encode_cursor("x", 2**70)}),
               400, "bad_request")
    json_error(client.get("/api/stories", params={"before": encode_cursor("story", 2**63)}),
               400, "bad_request")


@pytest.mark.parametrize("params", [{"from": "2024-13-01"}, {"to": "2024-02-30"},
                                    {"from": "٢٠٢٤-٠٥-٠١"}, {"from": "2024-5-1"},
                                    {"limit": "²"}, {"limit": "0"}, {"limit": "9" * 5000},
                                    {"language": "e\u0301s"}])
def test_dates_limits_and_codes_are_checked(client, params):
    json_error(client.get("/api/articles", params=params), 400, "bad_request")


def test_page_number_is_checked(client):
    for raw in ("²", "0", "-2", "9" * 5000):
        html_error(client.get("/", params={"page": raw}), 400)


@pytest.mark.parametrize("path", ["/search", "/api/search", "/feeds/en.atom", "/feeds/fr.rss"])
def test_nul_in_search_text_is_cleaned_not_a_500(client, store, path):
    response = client.get(f"{path}?q=lluvias%00madrid")
    assert response.status_code == 200, response.text[:200]
    if path == "/api/search":
        body = response.json()
        assert body["query"] == "lluvias madrid"  # control characters become spaces
        assert [hit["id"] for hit in body["results"]] == [store.ids["es"]]
    assert "\x00" not in response.text


@pytest.mark.parametrize("url,json_api", [
    ("/api/articles?language=e%00s", True), ("/api/articles?source=1%00", True),
    ("/feeds/en.atom?story=%1b1", True), ("/api/articles/1%00", True),
    ("/api/articles/1/translations/e%00n", True), ("/?from=2024%0a-05-01", False),
    ("/articles/1%00", False), ("/sites/news.example%00", False), ("/sear%7fch", False),
])
def test_control_characters_elsewhere_are_refused(client, url, json_api):
    response = client.get(url)
    if json_api:
        message = json_error(response, 400, "bad_request")
    else:
        message = html_error(response, 400)
    assert "control character" in message


@pytest.fixture
def failing_server(store):
    """The real app with three routes added that fail the way a bug would."""
    settings = load_settings(environ={}, overrides={"targets": ["en", "fr"]})
    app = create_app(store.db, settings)

    def boom(request):
        raise RuntimeError("a bug in a handler")

    app.router.routes[:0] = [Route("/api/boom", boom), Route("/boom", boom),
                             Route("/feeds/boom/now", boom)]
    with BackgroundServer(app, port=0) as running:
        yield running


def test_unexpected_errors_are_answered_and_logged(failing_server, caplog):
    caplog.set_level(logging.ERROR, logger="babelwire.web.edge")
    with httpx.Client(base_url=failing_server.url, timeout=10) as http:
        for path in ("/api/boom", "/feeds/boom/now"):
            message = json_error(http.get(path), 500, "internal_error")
            assert "a bug in a handler" not in message  # details stay in the log
        page = html_error(http.get("/boom?lang=fr"), 500)
        assert "a bug in a handler" not in page
        assert http.get("/api/articles").status_code == 200  # the server carries on
    logged = [r for r in caplog.records if r.name == "babelwire.web.edge"]
    assert len(logged) == 3 and all(r.exc_info and r.exc_info[0] is RuntimeError
                                    for r in logged)


def test_only_http_urls_are_served(make_server):
    server, built = make_server()
    hostile = save_article(built.db, Article(
        id=None, source_id=built.ids["gaceta"], url="javascript:alert(1)",
        canonical_url=" JavaScript:alert(2)", title="Titular hostil", standfirst="",
        body="Cuerpo hostil.", author="", published="2024-05-03T10:00:00Z",
        first_seen="2024-05-03T10:00:00Z", language="es", language_confidence=0.9,
        content_hash="hash-hostile", site_name="",
        attribution=(Attribution(outlet="A", kind="cited", evidence="e", url="data:text/html,x"),
                     Attribution(outlet="B", kind="cited", evidence="e",
                                 url="https://b.example/"))))
    with httpx.Client(base_url=server.url, timeout=10) as http:
        article = http.get(f"/api/articles/{hostile.article_id}").json()
        assert article["url"] is None and article["canonical_url"] is None
        assert [a["url"] for a in article["attribution"]] == [None, "https://b.example/"]
        listed = {a["id"]: a for a in http.get("/api/articles").json()["articles"]}
        assert listed[hostile.article_id]["canonical_url"] is None
        assert listed[built.ids["evil"]]["attribution"][0]["url"] is None  # javascript:
        assert listed[built.ids["es"]]["canonical_url"] == "https://news.example/lluvia"
        for kind in ("atom", "rss", "json"):
            feed = http.get(f"/feeds/es.{kind}").text
            assert "Titular hostil" in feed
            assert "javascript:" not in feed.lower() and "data:text" not in feed
            assert "https://news.example/lluvia" in feed  # http(s) links still go out
