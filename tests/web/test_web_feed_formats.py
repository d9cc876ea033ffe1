"""Every feed format under every filter, read back by real parsers (feedparser, json)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

FORMATS = ("atom", "rss", "json")
JSON_FEED_KEYS = {"version", "title", "items"}
JSON_ITEM_KEYS = {"id"}


def filters(store) -> dict[str, dict[str, object]]:
    return {
        "language": {},
        "outlet": {"source": store.ids["gaceta"]},
        "story": {"story": store.ids["story"]},
        "saved search": {"q": "madrid OR lyon"},
        "original language": {"language": "fr"},
        "dates": {"from": "2024-05-01", "to": "2024-05-01"},
        "search and outlet": {"q": "madrid", "source": store.ids["gaceta"]},
    }


def parse(kind: str, response) -> list[dict[str, str]]:
    """Entries as {title, link, content, id}, after checking the document is valid."""
    if kind == "json":
        assert response.headers["content-type"].startswith("application/feed+json")
        document = json.loads(response.content)
        assert JSON_FEED_KEYS <= set(document)
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        assert document["feed_url"].startswith("http") and document["home_page_url"]
        for item in document["items"]:
            assert JSON_ITEM_KEYS <= set(item) and ("content_html" in item or "content_text" in item)
            assert all(key in item for key in ("url", "title", "date_modified"))
        return [{"title": i["title"], "link": i["url"], "content": i["content_html"],
                 "id": i["id"], "external": i.get("external_url", "")}
                for i in document["items"]]
    ET.fromstring(response.content)  # well-formed XML
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == {"atom": "atom10", "rss": "rss20"}[kind]
    return [{"title": e.title, "link": e.link, "content": (e.content[0].value if "content" in e
                                                           else e.description),
             "id": e.id, "external": ""} for e in feed.entries]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("name", ["language", "outlet", "story", "saved search",
                                  "original language", "dates", "search and outlet"])
def test_every_format_and_filter_is_valid(client, store, kind, name):
    params = filters(store)[name]
    response = client.get(f"/feeds/en.{kind}", params=params)
    assert response.status_code == 200
    entries = parse(kind, response)
    assert entries, f"{kind} {name}: no entries"
    for entry in entries:
        assert "/articles/" in entry["link"] and entry["id"].startswith("tag:")
        assert ("Machine translation (apertium)" in entry["content"]
                or "Article in English" in entry["content"]), entry
        assert "Original article</a>" in entry["content"]  # the source link


def test_filters_narrow_the_feeds(client, store):
    def titles(**params):
        return {e["title"] for e in parse("json", client.get("/feeds/en.json", params=params))}
    assert titles(source=store.ids["gaceta"]) == {"Rain in Madrid", "Headline <script>alert(1)"
                                                  "</script> <img src=x onerror=alert(1)>"}
    assert titles(story=store.ids["story"]) == {"Rain in Madrid", "Strike in Lyon"}
    assert titles(q="madrid OR lyon") == {"Rain in Madrid", "Strike in Lyon"}
    assert titles(language="fr") >= {"Strike in Lyon"} and "Rain in Madrid" not in titles(
        language="fr")
    assert titles(**{"from": "2024-04-30", "to": "2024-04-30"}) == {
        "Headline <script>alert(1)</script> <img src=x onerror=alert(1)>"}
    assert titles(to="2024-04-01") == set()  # only French briefs then, none in English


def test_french_feeds_label_machine_translation(client):
    for kind in FORMATS:
        entries = parse(kind, client.get(f"/feeds/fr.{kind}"))
        pluies = next(e for e in entries if e["title"] == "Pluies à Madrid")
        assert "Traduction automatique (apertium)" in pluies["content"]
        assert 'href="https://news.example/lluvia"' in pluies["content"]


def test_rss_and_json_carry_source_and_original(client, store):
    rss = ET.fromstring(client.get("/feeds/en.rss").content)
    item = next(i for i in rss.iter("item") if i.findtext("title") == "Rain in Madrid")
    assert item.find("source").get("url") == "https://gaceta.example/feed.xml"
    assert item.findtext("pubDate").endswith("GMT")
    document = client.get("/feeds/en.json").json()
    rain = next(i for i in document["items"] if i["title"] == "Rain in Madrid")
    assert rain["external_url"] == "https://news.example/lluvia"
    assert rain["_babelwire"]["machine_translation"] is True
    assert rain["_babelwire"]["engine"] == "apertium" and rain["language"] == "en"


@pytest.mark.parametrize("kind", FORMATS)
def test_feeds_escape_stored_markup(client, evil, kind):
    response = client.get(f"/feeds/en.{kind}")
    assert "<script" not in response.text and "<img src=x" not in response.text
    titles = [e["title"] for e in parse(kind, response)] if kind == "json" else [
        e.title for e in feedparser.parse(response.content, sanitize_html=False).entries]
    assert f"Headline {evil}" in titles


def test_feed_errors(client):
    assert client.get("/feeds/en.xml").status_code == 404
    bad = client.get("/feeds/en.atom", params={"source": "gaceta"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"
    assert client.get("/feeds/en.rss", params={"from": "yesterday"}).status_code == 400


def test_pages_link_to_their_feeds(client, store):
    home = client.get("/", params={"lang": "en", "source": store.ids["gaceta"]}).text
    assert f'href="/feeds/en.rss?source={store.ids["gaceta"]}"' in home
    search = client.get("/search", params={"lang": "fr", "q": "madrid"}).text
    assert 'href="/feeds/fr.json?q=madrid"' in search
    outlet = client.get(f"/sources/{store.ids['courrier']}", params={"lang": "en"}).text
    assert f'href="/feeds/en.atom?source={store.ids["courrier"]}"' in outlet
