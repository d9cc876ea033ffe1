"""Provenance first (issue 14): the line under the title, lags from publication times,
plain words, and provenance in the JSON API, on the demo newsroom over real HTTP."""

import re

import httpx
import pytest

from babelwire.clock import parse_iso
from babelwire.demo.expected import expected_articles
from babelwire.storage import articles as article_store
from babelwire.web.app import create_app
from babelwire.web.provenance import human_lag
from babelwire.web.provenance_line import Lag, kind_words, lag_between, lag_phrase
from babelwire.web.provenance import labels
from babelwire.web.server import BackgroundServer


@pytest.fixture(scope="module")
def reader(demo_store):
    _, settings, db, _ = demo_store
    server = BackgroundServer(create_app(db, settings), port=0)
    server.start()
    yield server.url.rstrip("/")
    server.stop()


@pytest.fixture(scope="module")
def relay(demo_store):
    """(relay article row, original article row) of the demo's machine-translating relay."""
    newsroom, _, db, _ = demo_store
    ids = {row["url"]: row["id"] for row in article_store.latest_articles(db, limit=500)}
    truth = next(t for t in expected_articles(newsroom) if t.is_relay)
    return db.articles.get_row(ids[truth.url]), db.articles.get_row(ids[truth.relays_url])


def _published_lag(relay) -> int:
    derived, original = relay
    assert derived["published"] and original["published"], "the demo pages give dates"
    return int((parse_iso(derived["published"]) - parse_iso(original["published"])).total_seconds())


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_relay_page_opens_with_its_provenance_line(reader, relay):
    derived, original = relay
    page = httpx.get(f"{reader}/articles/{derived['id']}", params={"lang": "en"}, timeout=30)
    assert page.status_code == 200
    html = page.text
    line = html.split('id="provenance-line"', 1)[1].split("</p>", 1)[0]
    # the line comes right under the title, before the facts and the text
    assert html.index("<h1") < html.index('id="provenance-line"') < html.index('class="facts"')
    words = _text(line)
    lag = human_lag(_published_lag(relay))
    assert "Machine translation of" in words and "La Gaceta del Puerto" in words
    assert f"published {lag} earlier" in words
    assert f'href="/articles/{original["id"]}' in line
    assert f'href="{original["url"]}"' in line
    assert "127.0.0.1" not in words  # the outlet by name, not its host
    assert "already in your language" not in html


def test_original_article_link_of_a_relay_goes_to_the_original(reader, relay):
    derived, original = relay
    html = httpx.get(f"{reader}/articles/{derived['id']}", params={"lang": "en"}, timeout=30).text
    to_original = re.search(r'class="to-original" href="([^"]+)"', html).group(1)
    own = re.search(r'class="to-own-page" href="([^"]+)"[^>]*>([^<]+)<', html)
    assert to_original == original["url"] != derived["url"]
    assert own.group(1) == derived["url"] and "This version on" in own.group(2)


def test_original_says_how_many_sites_republish_it(reader, relay):
    _, original = relay
    html = httpx.get(f"{reader}/articles/{original['id']}", params={"lang": "en"}, timeout=30).text
    line = _text(html.split('id="provenance-line"', 1)[1].split("</p>", 1)[0])
    assert "Republished by 1 site (1 machine-translated)" in line


def test_line_and_panel_speak_french(reader, relay):
    derived, _ = relay
    html = httpx.get(f"{reader}/articles/{derived['id']}", params={"lang": "fr"}, timeout=30).text
    line = _text(html.split('id="provenance-line"', 1)[1].split("</p>", 1)[0])
    assert "Traduction automatique de" in line and "plus tôt" in line
    assert f"publié {human_lag(_published_lag(relay))} plus tôt" in line


def test_no_codes_or_confidence_numbers_on_article_pages(reader, relay):
    for row in relay:
        for lang in ("en", "fr"):
            html = httpx.get(f"{reader}/articles/{row['id']}", params={"lang": lang},
                             timeout=30).text
            for code in ("(title_suffix)", "(source_link)", "(cited)", "(dateline)",
                         "(read_more)", "confidence 0.", "confiance 0."):
                assert code not in html, (row["id"], lang, code)


def test_api_gives_derived_from_and_derivatives_with_lag_basis(reader, relay):
    derived, original = relay
    with httpx.Client(base_url=reader, timeout=30) as client:
        relay_json = client.get(f"/api/articles/{derived['id']}").json()
        original_json = client.get(f"/api/articles/{original['id']}").json()
        listing = client.get("/api/articles", params={"limit": 200}).json()["articles"]
        spec = client.get("/api/openapi.json").json()
    link = relay_json["derived_from"]
    assert link["id"] == original["id"] and link["relation"] == "translation"
    assert link["lag_basis"] == "published" and link["lag_seconds"] == _published_lag(relay)
    assert 0 < link["confidence"] <= 1
    assert original_json["derived_from"] is None
    assert [d["id"] for d in original_json["derivatives"]] == [derived["id"]]
    listed = {a["id"]: a for a in listing}
    assert listed[derived["id"]]["derived_from"]["id"] == original["id"]
    assert all("derived_from" in a and "derivatives" in a for a in listing)
    schemas = spec["components"]["schemas"]
    assert "derived_from" in schemas["Article"]["properties"]
    assert schemas["ProvenanceLink"]["properties"]["lag_basis"]["enum"][:2] == [
        "published", "first_seen"]


def test_lag_falls_back_to_first_seen_and_says_so():
    later = {"published": None, "first_seen": "2026-01-01T12:00:00+00:00"}
    earlier = {"published": "2026-01-01T06:00:00+00:00", "first_seen": "2026-01-01T11:59:00+00:00"}
    assert lag_between(later, earlier) == Lag(60, "first_seen")
    both = {"published": "2026-01-01T11:25:00+00:00", "first_seen": "2026-01-01T12:00:00+00:00"}
    assert lag_between(both, earlier) == Lag(5 * 3600 + 25 * 60, "published")
    label = labels("en")
    assert lag_phrase(Lag(60, "first_seen"), label, human_lag) == "first seen 1 min earlier"
    assert lag_phrase(Lag(19500, "published"), label, human_lag) == "published 5 h 25 min earlier"
    assert lag_phrase(Lag(None, ""), label, human_lag) == ""


def test_attribution_kinds_in_plain_words_in_both_languages():
    for lang, expected in (("en", "outlet named in the title"), ("fr", "média nommé dans le titre")):
        assert kind_words("title_suffix", labels(lang)) == expected
    assert kind_words("source_link", labels("fr")) == "lien vers la source"
    assert kind_words("something_new", labels("en")) == "something new"


def test_story_and_site_pages_state_lags_from_publication_times(reader, relay, demo_store):
    derived, original = relay
    _, _, db, _ = demo_store
    story = db.provenance.story_of_article(derived["id"])
    lag = human_lag(_published_lag(relay))
    with httpx.Client(base_url=reader, timeout=30) as client:
        story_page = _text(client.get(f"/stories/{story['id']}", params={"lang": "en"}).text)
        relay_host = derived["url"].split("/")[2]
        site_page = _text(client.get(f"/sites/{relay_host}", params={"lang": "en"}).text)
    assert f"published {lag} later" in story_page
    assert f"published {lag} later" in site_page
    assert "between publication times" in site_page
    assert f"Site: {relay_host}" not in site_page and "World News Relay Daily" in site_page
    assert "outlet_in_title" not in site_page and "source_credit" not in site_page


def test_stories_and_sites_indexes_linked_from_navigation_and_sources(reader, relay):
    derived, _ = relay
    relay_host = derived["url"].split("/")[2]
    with httpx.Client(base_url=reader, timeout=30) as client:
        stories = client.get("/stories", params={"lang": "en"})
        sites = client.get("/sites", params={"lang": "en"})
        sources = client.get("/sources", params={"lang": "en"}).text
        home = client.get("/", params={"lang": "en"}).text
        french = client.get("/sites", params={"lang": "fr"}).text
    assert stories.status_code == 200 and sites.status_code == 200
    assert re.search(r'href="/stories/\d+', stories.text)
    assert "relayed by World News Relay Daily" in _text(stories.text)
    rows = sites.text.split("<tbody>", 1)[1].split("<tr")[1:]
    # the relay ranks first, flagged, named by its outlet
    assert f"/sites/{relay_host}" in rows[0] and "World News Relay Daily" in rows[0]
    assert ">relay<" in rows[0]
    assert len(rows) >= 3
    for page in (home, sources):
        nav = page.split('<nav class="links">', 1)[1].split("</nav>", 1)[0]
        assert 'href="/stories' in nav and 'href="/sites' in nav
    assert f'href="/sites/{relay_host}' in sources and 'href="/sites' in sources.split("<h1", 1)[1]
    assert ">relais<" in french and "entre dates de publication" in french
