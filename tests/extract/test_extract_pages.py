"""Extraction on hand-written pages, one behaviour each."""

import pytest

from babelwire.errors import ExtractError
from babelwire.extract import content_hash, extract_article

PARAGRAPHS = [
    "Les dockers du port de Valmer ont voté mardi la poursuite de la grève pour une troisième journée.",
    "Selon le syndicat, près de 400 salariés ont participé à l'assemblée générale tenue devant le terminal nord.",
    "La direction du port affirme que les négociations reprendront jeudi matin à la préfecture.",
    "« Nous ne lâcherons rien tant que les horaires ne seront pas revus », a déclaré la porte-parole Inès Carrel.",
]


def page(title_tag, h1, extra_head="", before="", after="", standfirst=""):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    summary = f'<p class="chapo">{standfirst}</p>' if standfirst else ""
    return f"""<!doctype html><html lang="fr"><head><title>{title_tag}</title>
    <meta property="og:site_name" content="Le Relais Express">{extra_head}</head><body>
    <nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
    <div class="cookie-banner">Nous utilisons des cookies pour améliorer votre expérience.</div>
    <article><h1>{h1}</h1>{summary}<p class="byline">Par Marc Olivier</p>
    <time datetime="2026-11-17T08:30:00+01:00">17 novembre 2026</time>{before}{body}{after}</article>
    <aside><h3>À lire aussi</h3><ul><li><a href="/x">Le budget adopté</a></li></ul></aside>
    <footer><p>Propulsé par WordPress</p><a href="#top">Retour en haut</a></footer></body></html>"""


def test_title_suffix_of_another_outlet_goes_to_attribution():
    html = page("La grève continue - Le Courrier des Deux Rives | Le Relais Express",
                "La grève continue - Le Courrier des Deux Rives")
    article = extract_article(html, "https://relay.test/greve/")
    assert article.title == "La grève continue"
    credits = {(a.outlet, a.kind) for a in article.attribution}
    assert ("Le Courrier des Deux Rives", "title_suffix") in credits
    assert all(a.outlet != "Le Relais Express" for a in article.attribution)


def test_own_site_name_in_title_is_stripped_not_credited():
    article = extract_article(page("La grève continue | Le Relais Express", "La grève continue"))
    assert article.title == "La grève continue" and article.attribution == ()


def test_source_link_and_disclaimer_leave_the_body():
    after = ('<p>Source : <a href="https://courrier.test/greve/">Le Courrier des Deux Rives</a></p>'
             "<p><em>Cet article a été traduit automatiquement. Le texte original fait foi.</em></p>")
    article = extract_article(page("La grève | Le Relais Express", "La grève", after=after),
                              "https://relay.test/greve/")
    link = [a for a in article.attribution if a.kind == "source_link"]
    assert link and link[0].outlet == "Le Courrier des Deux Rives"
    assert link[0].url == "https://courrier.test/greve/"
    assert any("traduit automatiquement" in d for d in article.disclaimers)
    assert "automatiquement" not in article.body and "Source" not in article.body


def test_body_is_clean_and_standfirst_not_repeated():
    teaser = "Les salariés du terminal nord réclament une révision des horaires de nuit."
    article = extract_article(page("La grève | Le Relais Express", "La grève", standfirst=teaser,
                                   before=f"<p>{teaser}</p>"), "https://relay.test/g/")
    assert article.standfirst == teaser
    assert teaser not in article.body and "La grève" not in article.paragraphs
    assert list(article.paragraphs) == PARAGRAPHS
    for clutter in ("cookies", "Retour en haut", "Propulsé", "Par Marc Olivier", "À lire aussi"):
        assert clutter not in article.body
    assert article.published == "2026-11-17T07:30:00Z"
    assert article.language_hint == "fr"


def test_dateline_and_cited_outlets():
    before = "<p>VALMER (Agence Littorale) – Le trafic a repris partiellement lundi soir au port.</p>"
    after = "<p>La nouvelle a été confirmée, selon Le Journal du Soir, par deux sources au ministère.</p>"
    article = extract_article(page("Port | Le Relais Express", "Port", before=before, after=after))
    kinds = {(a.outlet, a.kind) for a in article.attribution}
    assert ("Agence Littorale", "dateline") in kinds
    assert ("Journal du Soir", "cited") in kinds or ("Le Journal du Soir", "cited") in kinds


def test_not_an_article():
    listing = "<html><body><nav>Accueil</nav><ul><li><a href='/a'>Un</a></li></ul></body></html>"
    with pytest.raises(ExtractError) as info:
        extract_article(listing, "https://relay.test/")
    assert info.value.code == "extract.not_article"


def test_garbage_is_a_clear_error():
    with pytest.raises(ExtractError):
        extract_article(b"\x00\x01\x02", "https://relay.test/bin")


def test_stored_html_is_sanitized():
    after = '<p>Texte <img src=x onerror="alert(1)"> et <script>alert(2)</script> fin du texte ici.</p>'
    article = extract_article(page("P | Le Relais Express", "P", after=after))
    assert "<script" not in article.html and "onerror" not in article.html


def test_content_hash_ignores_whitespace_and_case():
    assert content_hash("Titre", "Un  deux\n\ntrois") == content_hash("titre", "un deux trois")
