"""The ways generic extractors fail on news pages, one hand-written page each."""

import json

from babelwire.extract import extract_article

STORY = [
    "Die Fähre zwischen Nordhafen und der Insel Wellmar fährt seit Montag wieder nach dem "
    "regulären Fahrplan, nachdem die Reparatur am Anleger schneller als erwartet abgeschlossen wurde.",
    "Nach Angaben der Reederei waren in den vergangenen zwei Wochen mehr als 4.000 Fahrgäste auf "
    "Ersatzbusse und ein kleineres Schiff ausgewichen, das nur zweimal am Tag verkehrte.",
    "Bürgermeisterin Hanna Oltrup sprach von einer großen Erleichterung für Pendler, Schüler und "
    "die Betriebe auf der Insel, die auf tägliche Lieferungen vom Festland angewiesen sind.",
    "Die Kosten der Reparatur von rund 180.000 Euro teilen sich das Land und der Kreis; ein "
    "Gutachten zur Ursache des Schadens soll bis zum Jahresende vorliegen.",
]
TITLE = "Fähre nach Wellmar fährt wieder nach Fahrplan"
STANDFIRST = "Nach zwei Wochen Ersatzverkehr ist der Anleger in Nordhafen repariert."


def page(body: str, head: str = "", after_article: str = "") -> str:
    return f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
    <title>{TITLE} | Küstenbote</title><meta property="og:site_name" content="Küstenbote">
    <meta property="og:type" content="article">{head}</head><body class="single has-sidebar">
    <header class="site-header"><a href="/">Küstenbote</a><nav><a href="/region">Region</a>
    <a href="/sport">Sport</a></nav></header>
    <main><article class="post"><h1 class="entry-title">{TITLE}</h1>
    <p class="entry-summary">{STANDFIRST}</p>{body}</article>{after_article}</main>
    <footer class="site-footer"><p>© 2026 Küstenbote. Alle Rechte vorbehalten.</p></footer>
    </body></html>"""


def paragraphs(items) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def test_body_split_between_ad_rows_is_whole():
    body = (f'<div class="story-text">{paragraphs(STORY[:2])}</div>'
            '<div class="werbung-row"><span>Anzeige</span></div>'
            f'<div class="story-text">{paragraphs(STORY[2:3])}</div>'
            '<div class="inline-ad"><p>Anzeige</p></div>'
            f'<div class="story-text">{paragraphs(STORY[3:])}</div>')
    article = extract_article(page(body))
    assert list(article.paragraphs) == STORY


def test_hidden_copies_are_not_repeated():
    ld = json.dumps({"@type": "NewsArticle", "headline": TITLE, "articleBody": " ".join(STORY)})
    body = (f'<div class="entry-content">{paragraphs(STORY)}</div>'
            f'<div style="display:none">{paragraphs(STORY)}</div>'
            f'<noscript>{paragraphs(STORY)}</noscript>'
            f'<div hidden><p>{" ".join(STORY)}</p></div>')
    article = extract_article(page(body, head=f'<script type="application/ld+json">{ld}</script>'))
    assert list(article.paragraphs) == STORY


def test_headline_and_standfirst_repeated_in_body_are_dropped():
    body = (f'<div class="entry-content"><h2>{TITLE}</h2><p><strong>{STANDFIRST}</strong></p>'
            f'<p>Von Jens Albers</p>{paragraphs(STORY)}</div>')
    article = extract_article(page(body))
    assert article.title == TITLE and article.standfirst == STANDFIRST
    assert list(article.paragraphs) == STORY


def test_appended_newsletter_top_stories_tags_and_related_are_dropped():
    body = (f'<div class="entry-content">{paragraphs(STORY)}'
            '<p>Newsletter abonnieren: jeden Morgen die wichtigsten Nachrichten aus der Region.</p>'
            '<p>Schlagworte: <a href="/t/faehre">Fähre</a>, <a href="/t/wellmar">Wellmar</a></p>'
            '</div><section class="box-b"><h3>Top-Themen</h3><ul>'
            '<li><a href="/a">Neuer Radweg am Deich eröffnet</a></li>'
            '<li><a href="/b">Stadtrat beschließt Haushalt für 2027</a></li></ul></section>'
            '<div class="box-c"><h3><a href="/c">Hafenfest lockt 20.000 Besucher an</a></h3>'
            '<p>Drei Tage lang feierte Nordhafen sein Hafenfest mit Musik, Märkten und '
            'Schiffsbesichtigungen, so viele Gäste wie nie zuvor.</p></div>')
    article = extract_article(page(body))
    assert list(article.paragraphs) == STORY


def test_embedded_post_and_video_caption_kept_promo_footer_dropped():
    tweet = ("Endlich wieder pünktlich: die erste Fähre des Tages hat um 6.10 Uhr "
             "in Wellmar angelegt, mit 212 Fahrgästen an Bord.")
    caption = "Video: Die erste Fähre legt am Montagmorgen am reparierten Anleger in Nordhafen ab."
    body = (f'<div class="entry-content">{paragraphs(STORY[:2])}'
            f'<blockquote class="twitter-tweet"><p lang="de">{tweet}</p>&mdash; Reederei Wellmar '
            '(@reederei_test) <a href="https://social.example/status/1">17. November 2026</a>'
            '</blockquote>'
            f'<figure class="video-embed"><video src="/v.mp4"></video><figcaption>{caption}'
            f'</figcaption></figure>{paragraphs(STORY[2:])}'
            '<div class="abo-footer"><p>Sie lesen gern den Küstenboten? Jetzt 4 Wochen '
            'für 1 Euro testen und alle Artikel lesen.</p></div></div>')
    article = extract_article(page(body))
    assert tweet in article.paragraphs and caption in article.paragraphs
    assert article.paragraphs[0] == STORY[0] and article.paragraphs[-1] == STORY[-1]
    assert "testen" not in article.body


def test_short_article_is_not_followed_by_other_articles():
    short = STORY[:2]
    other = ("<article class='post'><h2><a href='/d'>Deichsanierung beginnt im Frühjahr</a></h2>"
             "<p>Die Arbeiten am Nordhafener Deich sollen im März beginnen und zwei Jahre "
             "dauern, kündigte der Kreis am Dienstag an; die Kosten liegen bei 12 Millionen Euro.</p>"
             "</article>") * 3
    article = extract_article(page(f'<div class="entry-content">{paragraphs(short)}</div>',
                                   after_article=f'<div class="next-posts">{other}</div>'))
    assert list(article.paragraphs) == short


def test_paywall_teaser_keeps_the_teaser_only():
    body = (f'<div class="article-body">{paragraphs(STORY[:2])}</div>'
            '<div class="plus-barrier"><p>Weiterlesen mit K+: Sie haben keinen Zugang zu diesem '
            'Artikel. Jetzt abonnieren und alle Inhalte lesen.</p><a href="/abo">Abo abschließen</a>'
            '</div>')
    article = extract_article(page(body))
    assert list(article.paragraphs) == STORY[:2]


def test_photo_captions_leave_the_body_video_captions_stay():
    video = "Video: Der Kapitän erklärt, warum der Anleger zwei Wochen gesperrt war."
    body = (f'<div class="entry-content"><p>{STORY[0]}</p>'
            '<figure><img src="/f.jpg" alt=""><figcaption>Der Anleger in Nordhafen. '
            'Foto: Küstenbote</figcaption></figure>'
            f'<p>{STORY[1]}</p><div class="separator"><a href="/g.jpg"><img src="/g.jpg"></a>'
            '</div><div>Fahrgäste warten am Anleger (Archivbild)</div>'
            f'<p>{STORY[2]}</p><figure><video src="/v.mp4"></video><figcaption>{video}'
            f'</figcaption></figure><p>{STORY[3]}</p></div>')
    article = extract_article(page(body))
    assert list(article.paragraphs) == STORY[:3] + [video, STORY[3]]


def test_live_blog_entries_and_intro_without_their_times():
    entries = "".join(
        f'<article class="live-entry"><time datetime="2026-11-17T1{i}:00+01:00">1{i}:00</time>'
        f'<div class="live-entry__text"><p>{text}</p></div></article>'
        for i, text in enumerate(STORY[1:]))
    body = f'<div class="entry-content"><p>{STORY[0]}</p><div class="live-feed">{entries}</div></div>'
    article = extract_article(page(body))
    assert list(article.paragraphs) == STORY


def test_field_whose_label_is_hidden_is_the_story():
    # Drupal marks a field whose *label* is hidden "field--label-visually_hidden"
    body = ('<div class="field field--name-body field--label-visually_hidden">'
            '<div class="field__label visually-hidden">Body</div>'
            f'<div class="field__item">{paragraphs(STORY)}</div></div>')
    article = extract_article(page(body))
    assert list(article.paragraphs) == STORY
    assert article.warnings == ()  # read from the page itself, not the generic fallback
