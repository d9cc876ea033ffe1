"""The HTML reader over real HTTP: language choice, listings, side-by-side articles, errors."""

from __future__ import annotations

import httpx
import pytest

from babelwire.web.i18n import choose_language, parse_accept_language
from babelwire.web.security import CONTENT_SECURITY_POLICY


def fresh(server, **options) -> httpx.Client:
    """A client without cookies from earlier requests."""
    return httpx.Client(base_url=server.url, timeout=10, **options)


def test_home_in_english_by_query(client):
    page = client.get("/?lang=en&all=1")  # every article (the fixture's story groups two)
    assert page.status_code == 200
    assert "Rain in Madrid" in page.text and "Strike in Lyon" in page.text
    assert "Markets rally" in page.text  # already English: its own title
    assert "Lluvias en Madrid" not in page.text
    assert ">MT</abbr>" in page.text and 'title="Machine translation (apertium)"' in page.text
    assert "Noticia sin traducir" in page.text and "not yet translated" in page.text
    assert "La Gaceta" in page.text and "The Ledger" in page.text  # source name, else site name
    assert 'href="/articles/' in page.text


def test_home_in_french_by_query_sets_cookie(server):
    with fresh(server) as http:
        page = http.get("/?lang=fr&all=1")
        assert '<html lang="fr">' in page.text
        assert "Pluies à Madrid" in page.text and "Les marchés montent" in page.text
        assert "Grève à Lyon" in page.text  # already French
        assert "Traduction automatique" in page.text and "pas encore traduit" in page.text
        assert "lang=fr" in page.headers["set-cookie"]
        again = http.get("/?all=1")  # the cookie now decides
        assert '<html lang="fr">' in again.text


def test_home_language_by_cookie(server):
    with fresh(server, cookies={"lang": "fr"}) as http:
        assert "Pluies à Madrid" in http.get("/?all=1").text
    with fresh(server, cookies={"lang": "en"}) as http:
        assert "Rain in Madrid" in http.get("/?all=1", headers={"Accept-Language": "fr"}).text


def test_home_language_by_accept_language(server):
    with fresh(server) as http:
        french = http.get("/?all=1", headers={"Accept-Language": "de-DE,fr-CA;q=0.8,en;q=0.5"})
        assert "Pluies à Madrid" in french.text and "set-cookie" not in french.headers
        english = http.get("/?all=1", headers={"Accept-Language": "de"})  # no match: first target
        assert "Rain in Madrid" in english.text


def test_query_beats_cookie_and_switcher_on_every_page(server, store):
    with fresh(server, cookies={"lang": "fr"}) as http:
        for path in ("/", f"/articles/{store.ids['es']}", "/sources", "/articles/99999"):
            page = http.get(path, params={"lang": "en"})
            assert '<html lang="en">' in page.text, path
            assert '?lang=fr"' in page.text, path  # the switcher


def test_home_paging(client):
    assert client.get("/?page=2").status_code == 200
    assert client.get("/?page=zero").status_code == 400


def test_article_side_by_side(client, store):
    page = client.get(f"/articles/{store.ids['es']}?lang=en")
    assert page.status_code == 200
    text = page.text
    assert "Machine translation — apertium 3.8.3" in text
    assert "Rain in Madrid" in text and "Lluvias en Madrid" in text
    assert text.count('class="parallel-row paragraph"') == 2
    translated = text.index("It rains a lot in Madrid.")
    original = text.index("Llueve mucho en Madrid.")
    second = text.index("Neighbours await the sun.")
    assert translated < original < second  # one row per paragraph index
    assert "A week of water." in text and "Una semana de agua." in text
    assert 'href="https://news.example/lluvia"' in text and "Original article" in text
    assert "Agencia EFE" in text and "Madrid (EFE)." in text and "dateline" in text
    assert "Este texto fue traducido del catalán." in text
    assert "Ana Ruiz" in text and "La Gaceta" in text
    assert f'/articles/{store.ids["es"]}?lang=fr' in text  # other translations


def test_article_label_in_french_with_pivot(client, store):
    page = client.get(f"/articles/{store.ids['fr']}?lang=en")
    assert "via Spanish" in page.text
    french = client.get(f"/articles/{store.ids['es']}?lang=fr")
    assert "Traduction automatique — apertium 3.8.3" in french.text
    assert "Article original" in french.text


def test_article_in_readers_language_shows_original_only(client, store):
    page = client.get(f"/articles/{store.ids['fr']}?lang=fr")
    assert "Grève à Lyon" in page.text and "Les trains sont arrêtés." in page.text
    assert "parallel-row" not in page.text
    assert "Traduction automatique —" not in page.text


def test_article_translation_failure_shown(client, store):
    page = client.get(f"/articles/{store.ids['pending']}?lang=en")
    assert "Translation failed" in page.text
    assert "translate.no_engine" in page.text and "no engine for es→en installed" in page.text


def test_not_found_pages(client):
    for path in ("/articles/99999", "/articles/not-a-number", "/nowhere"):
        page = client.get(path)
        assert page.status_code == 404, path
        assert page.headers["content-type"].startswith("text/html")
        assert "Not found" in page.text


def test_sources_page(client):
    page = client.get("/sources?lang=en")
    assert page.status_code == 200
    assert "La Gaceta" in page.text and "Broken Feed" in page.text
    assert "fetch.http_status" in page.text and "HTTP 503 from server" in page.text
    assert "Articles stored" in page.text


def test_security_headers_everywhere(client, store):
    for path in ("/", f"/articles/{store.ids['es']}", "/nowhere", "/api/articles",
                 "/api/articles/99999", "/feeds/en.atom", "/static/style.css", "/healthz"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "no-referrer", path


def test_healthz_and_static(client):
    assert client.get("/healthz").text == "ok"
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_stored_markup_is_escaped_in_pages(client, store, lang):
    for path in ("/", f"/articles/{store.ids['evil']}", "/sources"):
        text = client.get(path, params={"lang": lang}).text
        assert "<script" not in text, path
        assert "<img src=x" not in text, path
        assert "javascript:" not in text, path
    article = client.get(f"/articles/{store.ids['evil']}", params={"lang": lang}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article


def test_parse_accept_language():
    assert parse_accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == [
        "fr", "fr", "en", "de", "*"]
    assert parse_accept_language("en;q=0, es") == ["es"]
    assert parse_accept_language("") == []


def test_choose_language_order():
    targets = ("en", "fr")
    assert choose_language(targets, {"lang": "fr"}, {"lang": "en"}, "en") == "fr"
    assert choose_language(targets, {"lang": "xx"}, {"lang": "fr"}, "en") == "fr"
    assert choose_language(targets, {}, {}, "es, fr;q=0.5") == "fr"
    assert choose_language(targets, {}, {}, "es") == "en"


def test_favicon_ico_leads_to_the_icon(client):
    answer = client.get("/favicon.ico", follow_redirects=True)
    assert answer.status_code == 200 and "svg" in answer.headers["content-type"]
