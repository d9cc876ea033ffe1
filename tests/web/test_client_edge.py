"""What API clients and feed readers rely on (issue 14): entry ids that survive a new host
name, conditional GET on feeds, CORS on the read-only API and feeds, story grouping in
feeds, and the /api/stories and /api/sites indexes."""

from __future__ import annotations

import re

import feedparser
import httpx


def _ids(atom: str) -> list[str]:
    return re.findall(r"<entry><id>([^<]+)</id>", atom)


def test_feed_entry_ids_do_not_depend_on_the_host_name(client, server):
    port = server.url.rstrip("/").rsplit(":", 1)[1]
    by_ip = client.get("/feeds/en.atom").text
    with httpx.Client(base_url=f"http://localhost:{port}", timeout=10) as other:
        by_name = other.get("/feeds/en.atom").text
    assert _ids(by_ip) and _ids(by_ip) == _ids(by_name)
    assert all(entry.startswith("tag:babelwire,2024:articles/") for entry in _ids(by_ip))


def test_base_url_names_the_feed_and_its_links(make_server):
    server, _ = make_server(**{"web.base_url": "https://news.example.org/"})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        parsed = feedparser.parse(http.get("/feeds/en.atom").text)
    assert parsed.entries and parsed.entries[0].id.startswith("tag:news.example.org,2024:")
    assert parsed.entries[0].link.startswith("https://news.example.org/articles/")
    assert parsed.feed.id.startswith("tag:news.example.org,2024:feeds/en")


def test_feeds_answer_304_when_nothing_changed(client):
    first = client.get("/feeds/en.rss")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.status_code == 200 and etag.startswith('"') and modified.endswith("GMT")
    again = client.get("/feeds/en.rss", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    since = client.get("/feeds/en.rss", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    other = client.get("/feeds/en.rss", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.content == first.content
    older = client.get("/feeds/en.rss", headers={"If-Modified-Since":
                                                 "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert older.status_code == 200
    json_feed = client.get("/feeds/fr.json")
    assert client.get("/feeds/fr.json", headers={
        "If-None-Match": json_feed.headers["etag"]}).status_code == 304


def test_cors_on_the_api_and_feeds_only(client):
    origin = {"Origin": "https://newsroom.example"}
    for path in ("/api/articles", "/feeds/en.json", "/api/openapi.json"):
        answer = client.get(path, headers=origin)
        assert answer.headers["access-control-allow-origin"] == "*", path
        assert "ETag" in answer.headers["access-control-expose-headers"]
    assert "access-control-allow-origin" not in client.get("/", headers=origin).headers
    preflight = client.options("/api/articles", headers={
        **origin, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 204
    assert "GET" in preflight.headers["access-control-allow-methods"]
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    admin = client.options("/admin/login", headers={**origin,
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in admin.headers


def test_cors_origins_setting_limits_and_empties(make_server):
    server, _ = make_server(**{"web.cors_origins": ["https://desk.example"]})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        allowed = http.get("/api/sources", headers={"Origin": "https://desk.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
        assert "Origin" in allowed.headers["vary"]
        other = http.get("/api/sources", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
    server, _ = make_server(**{"web.cors_origins": []})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        none = http.get("/api/sources", headers={"Origin": "https://desk.example"})
        assert "access-control-allow-origin" not in none.headers


def test_private_reader_preflight_passes_but_reading_needs_the_token(make_server):
    server, _ = make_server(**{"web.private": True, "web.read_token": "r" * 32})
    with httpx.Client(base_url=server.url, timeout=10) as http:
        preflight = http.options("/api/articles", headers={
            "Origin": "https://desk.example", "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 204
        assert http.get("/api/articles", headers={"Origin": "https://desk.example"}
                        ).status_code == 401


def test_feed_grouped_by_story_and_the_api_indexes(make_server, relay_story):
    server, store = make_server()
    ids = relay_story(store)
    with httpx.Client(base_url=server.url, timeout=10) as http:
        every = feedparser.parse(http.get("/feeds/en.atom").text)
        grouped = feedparser.parse(http.get("/feeds/en.atom", params={"group": "story"}).text)
        assert http.get("/feeds/en.atom", params={"group": "x"}).status_code == 400
        stories = http.get("/api/stories").json()["stories"]
        sites = http.get("/api/sites").json()["sites"]
    links = [entry.link for entry in every.entries]
    assert any(f"/articles/{ids['relay']}?" in link for link in links)
    grouped_links = [entry.link for entry in grouped.entries]
    assert not any(f"/articles/{ids['relay']}?" in link for link in grouped_links)
    head = next(e for e in grouped.entries if f"/articles/{ids['original']}?" in e.link)
    content = head.content[0].value
    assert "2 versions" in content and "Relay Wire (en, translation" in content
    assert grouped.feed.id != every.feed.id
    story = next(s for s in stories if s["id"] == ids["story"])
    assert story["original_id"] == ids["original"] and story["version_count"] == 2
    assert story["languages"] == ["es", "en"] and story["relays"] == ["Relay Wire"]
    relay_site = next(s for s in sites if s["host"] == "relay-wire.example")
    assert relay_site["name"] == "Relay Wire" and relay_site["share_derived"] == 1.0
    assert relay_site["median_lag_seconds"] == 5 * 3600 + 25 * 60
    assert relay_site["lag_basis"] == "published"
    assert relay_site["drawn_on"] == [{"host": "news.example", "name": "news.example",
                                       "articles": 1}]
    assert sites[0]["share_derived"] >= sites[-1]["share_derived"]
