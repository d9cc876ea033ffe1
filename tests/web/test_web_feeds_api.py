"""Atom feeds and the JSON API over real HTTP."""

from __future__ import annotations

import feedparser


def test_atom_feed_parses_with_translated_titles(client, server, store):
    response = client.get("/feeds/en.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert "Rain in Madrid" in titles and "Strike in Lyon" in titles
    assert "Markets rally" in titles  # written in English
    assert "Noticia sin traducir" not in titles  # neither translated nor English
    rain = feed.entries[titles.index("Rain in Madrid")]
    links = {link.rel: link.href for link in rain.links}
    assert links["via"] == "https://news.example/lluvia"
    assert links["alternate"] == f"{server.url}/articles/{store.ids['es']}?lang=en"
    assert rain.id.startswith("tag:") and rain.id.endswith(f"articles/{store.ids['es']}/en")
    assert rain.updated == "2024-05-02T09:00:00Z"
    content = rain.content[0].value
    assert content.startswith(
        "<p><em>Machine translation (apertium) of an article in Spanish from La Gaceta (rule-based)</em></p>")
    assert "<p>It rains a lot in Madrid.</p>" in content
    assert '<a href="https://news.example/lluvia">Original article</a>' in content


def test_atom_feed_in_french(client):
    feed = feedparser.parse(client.get("/feeds/fr.atom").content)
    assert feed.bozo == 0
    titles = [entry.title for entry in feed.entries]
    assert "Pluies à Madrid" in titles and "Les marchés montent" in titles
    assert "Grève à Lyon" in titles
    pluies = feed.entries[titles.index("Pluies à Madrid")]
    assert "Traduction automatique (apertium)" in pluies.content[0].value


def test_atom_feed_escapes_stored_markup(client, evil):
    response = client.get("/feeds/en.atom")
    assert "<script" not in response.text and "<img src=x" not in response.text
    feed = feedparser.parse(response.content, sanitize_html=False)
    assert f"Headline {evil}" in [entry.title for entry in feed.entries]


def test_atom_feed_language_codes(client):
    assert client.get("/feeds/english.atom").status_code == 404
    assert client.get("/feeds/e1.atom").status_code == 404
    empty = feedparser.parse(client.get("/feeds/de.atom").content)
    assert empty.bozo == 0 and empty.entries == []


ARTICLE_KEYS = {"id", "url", "canonical_url", "source", "language", "language_confidence",
                "title", "standfirst", "body", "author", "published", "first_seen",
                "attribution", "disclaimers", "translations", "derived_from", "derivatives"}
TRANSLATION_KEYS = {"title", "standfirst", "body", "engine", "engine_version", "pivot",
                    "machine_translation", "quality"}


def test_api_article_shape(client, store):
    data = client.get("/api/articles").json()
    assert set(data) == {"articles", "next"} and data["next"] is None
    by_id = {article["id"]: article for article in data["articles"]}
    rain = by_id[store.ids["es"]]
    assert set(rain) == ARTICLE_KEYS
    assert rain["source"] == "La Gaceta" and rain["language"] == "es"
    assert rain["attribution"] == [{"outlet": "Agencia EFE", "kind": "dateline",
                                    "evidence": "Madrid (EFE).", "url": "https://efe.example/"}]
    assert rain["disclaimers"] == ["Este texto fue traducido del catalán."]
    assert set(rain["translations"]) == {"en", "fr"}
    english = rain["translations"]["en"]
    assert set(english) == TRANSLATION_KEYS
    assert english["title"] == "Rain in Madrid" and english["machine_translation"] is True
    assert english["quality"] == "rule-based"
    assert by_id[store.ids["fr"]]["translations"]["en"]["pivot"] == "es"
    assert by_id[store.ids["en"]]["source"] == "The Ledger"
    one = client.get(f"/api/articles/{store.ids['es']}").json()
    assert one == rain


def test_api_newest_first_and_cursor_walk(client, store):
    everything = client.get("/api/articles", params={"limit": 200}).json()["articles"]
    seen: list[int] = []
    cursor = None
    for _ in range(20):
        params = {"limit": 3} | ({"before": cursor} if cursor else {})
        page = client.get("/api/articles", params=params).json()
        assert len(page["articles"]) <= 3
        seen.extend(article["id"] for article in page["articles"])
        cursor = page["next"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == store.db.read().execute(
        "SELECT COUNT(*) FROM articles").fetchone()[0]
    assert seen == [article["id"] for article in everything]
    keys = [(a["published"] or a["first_seen"], a["id"]) for a in everything]
    assert keys == sorted(keys, reverse=True)


def test_api_escapes_markup(client, store, evil):
    response = client.get(f"/api/articles/{store.ids['evil']}")
    assert "<script" not in response.text and "<img" not in response.text
    assert response.json()["translations"]["en"]["title"] == f"Headline {evil}"


def test_api_errors(client):
    missing = client.get("/api/articles/99999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert client.get("/api/nowhere").json()["error"]["code"] == "not_found"
    for params in ({"limit": "0"}, {"limit": "201"}, {"limit": "ten"}, {"before": "!!"},
                   {"before": "WyJ4Il0"}):
        response = client.get("/api/articles", params=params)
        assert response.status_code == 400, params
        body = response.json()
        assert body["error"]["code"] == "bad_request" and body["error"]["message"], params


def test_api_sources(client):
    sources = client.get("/api/sources").json()["sources"]
    by_name = {source["name"]: source for source in sources}
    assert by_name["La Gaceta"]["articles_stored"] == 3
    broken = by_name["Broken Feed"]
    assert broken["error_count"] == 1 and broken["last_error_code"] == "fetch.http_status"
    assert broken["last_error"] == "HTTP 503 from server" and broken["next_check_at"]
