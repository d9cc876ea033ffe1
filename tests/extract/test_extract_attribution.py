"""Outlets credited in the text: cited in eight languages, datelines, and people not taken for outlets."""

import pytest

from babelwire.extract import extract_article
from babelwire.extract.attribution import dateline_and_cited

CITED = [
    ("en", "The plan was shelved in May, according to the Valmer Gazette, after a review.",
     "Valmer Gazette"),
    ("en", "The deal, as first reported by the Norland Ledger, is worth two million.",
     "Norland Ledger"),
    ("fr", "Comme l'a rapporté Le Courrier des Deux Rives, le chantier a pris du retard.",
     "Le Courrier des Deux Rives"),
    ("fr", "Selon le Journal de Valmer, la décision sera annoncée lundi.", "Journal de Valmer"),
    ("es", "Según El Diario del Páramo, el acuerdo se firmará en enero.", "El Diario del Páramo"),
    ("de", "Wie die Rheinpost berichtete, hatte der Rat zugestimmt.", "Rheinpost"),
    ("it", "Secondo il Corriere di Valtorre, la giunta ha già deciso.", "Corriere di Valtorre"),
    ("pt", "A notícia foi antecipada pela Folha do Vale na edição de sexta-feira.",
     "Folha do Vale"),
    ("ru", "Об этом сообщает газета «Северный вестник» со ссылкой на мэрию.", "Северный вестник"),
    ("nl", "Dat meldt De Havenkrant op basis van interne stukken.", "De Havenkrant"),
]

PEOPLE = [
    "According to Jane Holloway, the council will vote again in spring.",
    "Selon Marie Dufresne, porte-parole du syndicat, la grève continue.",
    "Según Carlos Ibarra, el proyecto costará tres millones de euros.",
    "Wie die Polizei berichtete, wurde niemand verletzt.",
    "Secondo Paolo Cestari, l'aumento era inevitabile.",
    "Segundo o prefeito Marcelo Torres, a obra termina em março.",
    "Volgens wethouder Anita Koster is het plan een enorme kans.",
]


@pytest.mark.parametrize("language, sentence, outlet", CITED)
def test_cited_outlets_in_eight_languages(language, sentence, outlet):
    credits = dateline_and_cited(["Lead paragraph of the story.", sentence])
    assert [(c.outlet, c.kind) for c in credits] == [(outlet, "cited")], language


@pytest.mark.parametrize("sentence", PEOPLE)
def test_people_and_authorities_are_not_outlets(sentence):
    assert dateline_and_cited(["Lead paragraph of the story.", sentence]) == []


def test_an_outlet_the_page_names_is_known_even_without_an_outlet_word():
    sentence = "Volgens Noorderlicht, dat de stukken inzag, gaat de bouw door."
    assert dateline_and_cited(["Lead.", sentence]) == []
    credits = dateline_and_cited(["Lead.", sentence], known=["Noorderlicht"])
    assert [(c.outlet, c.kind) for c in credits] == [("Noorderlicht", "cited")]


@pytest.mark.parametrize("lead, outlet", [
    ("BRUSSELS (Agence Nordique) – Ministers agreed on Tuesday to extend the scheme.",
     "Agence Nordique"),
    ("Nordstadt (Nordpresse) – Ein Frachter ist am Morgen vor der Hafeneinfahrt auf Grund gelaufen.",
     "Nordpresse"),
    ("МОСКВА, 11 ноября (агентство «Восток-Пресс») — Правительство продлило программу.",
     "Восток-Пресс"),
])
def test_dateline_credit(lead, outlet):
    credits = dateline_and_cited([lead, "Second paragraph."])
    assert [(c.outlet, c.kind) for c in credits] == [(outlet, "dateline")]


def test_read_the_full_article_link_is_a_read_more_credit():
    paragraphs = "".join(f"<p>Paragraph {i} of a relayed story about the metro strike in the "
                         f"city, with enough words to be a real paragraph of news.</p>"
                         for i in range(4))
    page = (f"<html><head><title>Metro drivers call a new strike - La Gazette de Sorel | Relay Digest</title>"
            f"<meta property='og:site_name' content='Relay Digest'></head><body><article>"
            f"<h1>Metro drivers call a new strike - La Gazette de Sorel</h1>{paragraphs}"
            f"<p>Read the full article at <a href='https://sorel.test/metro'>La Gazette de Sorel"
            f"</a></p></article></body></html>")
    article = extract_article(page, "https://relay.test/metro")
    credits = {(a.outlet, a.kind): a for a in article.attribution}
    assert set(credits) == {("La Gazette de Sorel", "title_suffix"),
                            ("La Gazette de Sorel", "read_more")}
    assert credits[("La Gazette de Sorel", "read_more")].url == "https://sorel.test/metro"
    assert "Read the full article" not in article.body and article.title == "Metro drivers call a new strike"
