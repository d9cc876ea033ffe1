"""The boilerplate tables know each kind of clutter in eight languages; story lines pass."""

import json

import pytest

from babelwire.extract import extract_article
from babelwire.extract.patterns import BOILERPLATE_RE, DISCLAIMER_RE

SAMPLES = {
    "paywall": [
        "Subscribe to continue reading this story.", "Cet article est réservé aux abonnés.",
        "Suscríbete para seguir leyendo.", "Weiterlesen mit K+ – jetzt abonnieren.",
        "Abbonati per continuare a leggere.", "Conteúdo exclusivo para assinantes.",
        "Материал доступен по подписке.", "Dit artikel is alleen voor abonnees.",
    ],
    "promo": [
        "Download our app for breaking news alerts.", "Suivez-nous sur les réseaux sociaux.",
        "Síguenos en redes sociales.", "Folgen Sie uns auf Instagram.",
        "Seguici su Facebook e Instagram.", "Siga-nos nas redes sociais.",
        "Скачайте наше приложение.", "Volg ons op sociale media.",
    ],
    "cookies": [
        "We use cookies to improve your experience.", "Nous utilisons des cookies.",
        "Utilizamos cookies propias y de terceros.", "Wir verwenden Cookies.",
        "Utilizziamo i cookie per migliorare il sito.", "Usamos cookies para melhorar o site.",
        "Мы используем файлы cookie.", "Wij gebruiken cookies.",
    ],
    "theme": [
        "Powered by WordPress", "Tous droits réservés.", "Todos los derechos reservados.",
        "Alle Rechte vorbehalten.", "Tutti i diritti riservati.", "Todos os direitos reservados.",
        "Все права защищены.", "Alle rechten voorbehouden.",
    ],
    "related": [
        "Read more: council approves budget", "À lire aussi : le budget adopté",
        "Lee también: el pleno aprueba", "Mehr zum Thema: Haushalt", "Leggi anche: il bilancio",
        "Leia também: orçamento aprovado", "Читайте также: бюджет принят", "Lees ook: begroting",
    ],
    "back_to_top": [
        "Back to top", "Retour en haut", "Volver arriba", "Nach oben", "Torna su",
        "Voltar ao topo", "Наверх", "Terug naar boven",
    ],
}

DISCLAIMERS = [
    "This article was translated automatically and may contain errors.",
    "Cet article a été traduit automatiquement.", "Esta noticia ha sido traducida automáticamente.",
    "Dieser Artikel wurde automatisch aus dem Englischen übersetzt.",
    "Questo articolo è stato tradotto automaticamente.", "Texto traduzido automaticamente.",
    "Статья переведена автоматически.", "Dit artikel is automatisch vertaald.",
]

STORY_LINES = [
    "The council will vote on the cookie factory's expansion plan next Tuesday.",
    "Les abonnés du réseau de chaleur paieront 9 euros de plus par mois.",
    "Die Zeitung berichtete, dass die App der Stadtwerke seit Montag ausfällt.",
]


@pytest.mark.parametrize("kind", SAMPLES)
def test_each_kind_is_known_in_eight_languages(kind):
    missed = [line for line in SAMPLES[kind] if not BOILERPLATE_RE[kind].search(line)]
    assert not missed, missed


def test_translation_disclaimers_in_eight_languages():
    assert [line for line in DISCLAIMERS if not DISCLAIMER_RE.search(line)] == []


def test_story_lines_are_not_clutter():
    for line in STORY_LINES:
        hits = [kind for kind, pattern in BOILERPLATE_RE.items()
                if kind not in ("cookies", "promo", "paywall") and pattern.search(line)]
        assert not hits, (line, hits)


def test_clutter_lines_inside_the_body_container_are_dropped():
    story = [f"Paragraph {i}: the harbour board approved the dredging plan after a long debate "
             f"about costs, noise and the protected sandbanks near the mouth." for i in range(3)]
    clutter = SAMPLES["paywall"][:1] + SAMPLES["promo"][:1] + SAMPLES["related"][:1]
    body = "".join(f"<p>{line}</p>" for line in story + clutter)
    article = extract_article(f"<html><body><article><h1>Dredging plan approved</h1>{body}"
                              f"</article></body></html>")
    assert list(article.paragraphs) == story


def test_text_split_by_blank_lines_gives_paragraphs():
    story = [f"Line {i}: the ferry timetable changes on Monday, with two extra crossings on "
             f"weekday mornings for commuters and school pupils." for i in range(3)]
    body = "<br><br>".join(story)
    article = extract_article(f"<html><body><h1>New ferry timetable</h1><div class='post'>{body}"
                              f"</div></body></html>")
    assert list(article.paragraphs) == story


def test_page_without_story_markup_falls_back_to_its_own_json_ld_copy():
    copy = "\n".join(f"Sentence {i} of the story about the new lighthouse keeper, who starts work "
                     f"on the island next week." for i in range(4))
    ld = json.dumps({"@type": "NewsArticle", "headline": "New keeper", "articleBody": copy})
    article = extract_article(f"<html><head><script type='application/ld+json'>{ld}</script>"
                              f"</head><body><h1>New keeper</h1><div id='app'></div></body></html>")
    assert list(article.paragraphs) == copy.split("\n")
    assert any("JSON-LD" in warning for warning in article.warnings)


def test_a_truncated_json_ld_copy_does_not_cut_the_body():
    story = [f"Paragraph {i}: the regional museum reopens its maritime hall after two years "
             f"of works, with a new room about the salt trade." for i in range(5)]
    ld = json.dumps({"@type": "NewsArticle", "articleBody": " ".join(story[:2])})
    body = "".join(f"<p>{p}</p>" for p in story)
    article = extract_article(f"<html><head><script type='application/ld+json'>{ld}</script>"
                              f"</head><body><article><h1>Museum reopens</h1>"
                              f"<div class='text'>{body}</div></article></body></html>")
    assert list(article.paragraphs) == story
