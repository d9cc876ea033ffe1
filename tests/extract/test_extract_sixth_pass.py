"""Failure patterns found on real pages in the sixth pass of issue 10, each reproduced by a
hand-written page (invented text and markup)."""

from lxml import html as lxml_html

from babelwire.extract import extract_article
from babelwire.extract.body import choose_body
from babelwire.extract.dom import strip_clutter, text_blocks

PARAGRAPHS = (
    "The lighthouse keepers of Sable Point opened the tower to visitors on Saturday for the "
    "first time in a decade, after the stairs and the lantern room were repaired.",
    "Volunteers led small groups up the one hundred and twelve steps, and the view from the "
    "gallery stretched past the harbour to the three islands on a clear afternoon.",
    "The trust that runs the tower plans to open it on the first weekend of every month, and "
    "asks visitors to book a slot because only ten people fit in the lantern room.",
    "Children under eight climb with an adult, and a small display at the foot of the tower "
    "shows the old lenses, the logbooks and a model of the keeper's cottage.",
)


def chosen_text(html: str) -> str:
    """What the page-structure reading alone (no generic reading) takes as the story."""
    tree = lxml_html.fromstring(html)
    choice = choose_body(text_blocks(tree.find("body")), "", tree.find(".//h1"))
    return " ".join(block.text for block in choice.blocks)


def paragraphs(texts=PARAGRAPHS) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


RELATED = ("<div class='more'><div class='box'><p>The harbour festival returns in June with boat "
           "races, a fish market on the quay and music until late on the Saturday.</p></div></div>")


def page(body: str, after: str = "", title: str = "The tower opens again") -> str:
    return (f"<html lang='en'><head><title>{title}</title></head><body>"
            f"<header><a href='/'>Sable Point News</a></header><main>"
            f"<article><h1>{title}</h1>{body}</article></main>{after}</body></html>")


# -- hidden text that the reader does see


def test_a_streamed_part_is_shown_where_its_placeholder_stands():
    """React's streamed rendering: the late part of the story arrives hidden at the end of
    <body> and a script moves it into its placeholder; it belongs there, in order."""
    body = (f"<p>{PARAGRAPHS[0]}</p><template id='B:2'></template><p class='skeleton'></p>"
            f"<p>{PARAGRAPHS[3]}</p>")
    late = f"<div hidden id='S:2'><div class='prose'>{paragraphs(PARAGRAPHS[1:3])}</div></div>"
    article = extract_article(page(body, after=late), "https://sable.test/tower")
    assert list(article.paragraphs) == list(PARAGRAPHS)


def test_a_hidden_div_that_is_not_a_streamed_part_stays_hidden():
    hidden = "<div hidden id='S:x'><p>A copy of the story for a print layout, never shown " \
             "on screen and not part of what a reader sees on this page.</p></div>"
    article = extract_article(page(paragraphs(), after=hidden), "https://sable.test/tower")
    assert "print layout" not in article.body


def test_a_folded_accordion_panel_and_its_title_are_story():
    """A guide's steps folded into an accordion: each panel is hidden until its toggle is
    pressed (role=region, aria-labelledby), and the toggle button holds the step's title."""
    steps = "".join(
        f"<div class='step'><button id='t{n}' aria-controls='p{n}' aria-expanded='false'>"
        f"<h3>Step {n}: {title}</h3></button>"
        f"<div id='p{n}' role='region' aria-labelledby='t{n}' style='display:none'>"
        f"<p>{text}</p></div></div>"
        for n, (title, text) in enumerate(zip(
            ("Book a slot", "Climb the stairs"), PARAGRAPHS[2:]), start=1))
    article = extract_article(page(paragraphs(PARAGRAPHS[:2]) + steps),
                              "https://sable.test/tower")
    assert PARAGRAPHS[2] in article.body and PARAGRAPHS[3] in article.body
    assert "Step 1: Book a slot" in article.paragraphs


def test_a_folded_panel_marked_as_an_accordion_by_its_class_is_story():
    faq = ("<div class='faq'><h2>Questions</h2><div class='faq-item'>"
           "<div class='faq-question'>Can dogs climb the tower?</div>"
           f"<div class='faq-answer hidden'><p>{PARAGRAPHS[3]}</p></div></div></div>")
    article = extract_article(page(paragraphs(PARAGRAPHS[:3]) + faq), "https://sable.test/t")
    assert PARAGRAPHS[3] in article.body


def story_with(extra: str) -> list[str]:
    """The paragraphs extracted from the story followed by ``extra``."""
    return list(extract_article(page(paragraphs() + extra), "https://sable.test/tower").paragraphs)


def test_locked_paywall_text_stays_hidden_even_in_a_panel():
    assert story_with("<div class='accordion-content locked' style='display:none'><p>The rest "
                      "of this report is for members only, and the text here is shown blurred."
                      "</p></div>") == list(PARAGRAPHS)


def test_a_short_toggle_button_is_still_not_text():
    assert story_with("<button aria-expanded='false' aria-controls='menu'>Menu</button>") == \
        list(PARAGRAPHS)


# -- names that are not furniture


def test_a_section_whose_id_is_its_headings_slug_is_not_furniture():
    """A heading anchor made from the text ("sharing-the-view-on-social-media") names the
    section, not a share widget."""
    section = (f"<section id='sharing-the-view-on-social-media'><h2>Sharing the view on social "
               f"media</h2><p>{PARAGRAPHS[3]}</p></section>")
    article = extract_article(page(paragraphs(PARAGRAPHS[:3]) + section),
                              "https://sable.test/tower")
    assert "Sharing the view on social media" in article.paragraphs
    assert PARAGRAPHS[3] in article.body


def test_a_furniture_id_unrelated_to_its_heading_still_goes():
    assert story_with("<div id='related-posts-block-area'><h3>You may have missed</h3><p>The "
                      "harbour festival returns in June with boat races and a fish market on the "
                      "quay.</p></div>") == list(PARAGRAPHS)


def test_components_named_cmp_dash_are_not_a_consent_box():
    """Adobe Experience Manager names every component "cmp-<name>"; a consent platform's box
    is "cmp" alone."""
    body = ("".join(f"<div class='cmp-container'><div class='cmp-text'><p>{text}</p></div>"
                    f"</div>" for text in PARAGRAPHS)
            + "<div class='cmp'><p>We and our partners store and access information on your "
            "device, with your consent, for the purposes described below.</p></div>")
    tree = lxml_html.fromstring(page(body))
    kept = " ".join(strip_clutter(tree, tree.find(".//h1")).text_content().split())
    assert all(text in kept for text in PARAGRAPHS) and "your consent" not in kept


def test_a_heading_holding_an_empty_anchor_widget_keeps_its_text():
    """A newsletter platform sets an empty anchor-link box inside each section heading: the
    heading is still one line of text."""
    heading = ("<h4 class='anchor-heading'><strong>What the keepers logged</strong>"
               "<div class='anchor-wrap'><div class='anchor-icon'></div></div></h4>")
    html = page(paragraphs(PARAGRAPHS[:2]) + heading + paragraphs(PARAGRAPHS[2:]))
    assert "What the keepers logged" in chosen_text(html)
    assert "What the keepers logged" in extract_article(html).paragraphs


# -- the story's region


def test_a_section_of_lists_beside_sections_of_paragraphs_is_story():
    """A guide cut into <details> sections side by side: a section holding only a list casts
    no vote, but it is one of the guide's sections."""
    sections = (
        f"<details class='part' open><summary>Opening hours</summary>"
        f"{paragraphs(PARAGRAPHS[:2])}</details>"
        f"<details class='part' open><summary>Booking</summary>"
        f"{paragraphs(PARAGRAPHS[2:])}</details>"
        "<details class='part' open><summary>What to bring</summary><ul>"
        "<li>Flat shoes with a good grip for the iron stairs</li>"
        "<li>A warm layer for the windy gallery</li></ul></details>")
    html = page(f"<div class='guide-body'>{sections}</div>", after=RELATED)
    chosen = chosen_text(html)
    assert "A warm layer for the windy gallery" in chosen and "What to bring" in chosen
    assert "harbour festival" not in chosen
    assert "A warm layer for the windy gallery" in extract_article(html).paragraphs


def test_the_story_box_holds_ranked_items_nested_five_levels_down():
    """Ranked items whose summaries sit five levels inside the story's own box (which holds
    the introduction): the box is the story, not the summaries alone."""
    intro = ("We climbed every lighthouse on this stretch of coast over one summer, timed the "
             "stairs, counted the steps and rated the views, the displays and the tea rooms.")
    items = "".join(
        f"<div class='pick'><div class='pick__card'><div class='pick__summary'>"
        f"<h2>{name}</h2><div class='pick__text'><p>{text}</p></div></div></div>"
        f"<ul class='pick__facts'><li>Steps: {steps}</li><li>Open: weekends</li></ul></div>"
        for name, text, steps in zip(("Sable Point", "Gull Rock", "North Head"),
                                     PARAGRAPHS[1:], (112, 96, 140)))
    html = page(f"<div class='review'><p>{intro}</p><div class='picks'>{items}</div></div>",
                after=RELATED)
    chosen = chosen_text(html)
    assert intro in chosen and "Steps: 96" in chosen and "harbour festival" not in chosen
    article = extract_article(html, "https://sable.test/tower")
    assert intro in article.body and "Steps: 96" in article.paragraphs


# -- lines that are not story


def test_date_contents_and_reading_time_lines_are_furniture():
    furniture = ("<p>Last updated: March 3, 2025</p><p>6 min read</p>"
                 "<h2>Table of Contents</h2><p>Mis à jour le 4 mars 2025</p>")
    article = extract_article(page(furniture + paragraphs()), "https://sable.test/tower")
    assert list(article.paragraphs) == list(PARAGRAPHS)


def test_a_subscription_offer_box_and_its_plea_are_not_story():
    """A paywall plugin's box ("restricted-content") with its plans and prices, and the plea
    under it, are not the story."""
    offer = ("<div class='restricted-content-breaker'><p>This article is exclusive to Harbour+ "
             "subscribers</p><div class='plans'><p>Monthly</p><p>$12</p><p>Annual</p><p>$99</p>"
             "<p>Save a fifth</p></div></div>"
             "<p>To read the rest of this story subscribe to Harbour+.</p>")
    assert story_with(offer) == list(PARAGRAPHS)


def test_a_sentence_that_starts_like_a_date_label_stays():
    sentence = ("Published in 1998, the keepers' logbook sold out twice and is now reprinted "
                "by the trust with new photographs of the lantern room.")
    article = extract_article(page(paragraphs() + f"<p>{sentence}</p>"),
                              "https://sable.test/tower")
    assert sentence in article.paragraphs


def test_a_line_about_a_share_is_not_a_share_widget():
    heading = "<h2>Share of visitors who came by ferry</h2>"
    widget = "<p>Share this article</p>"
    article = extract_article(page(paragraphs(PARAGRAPHS[:2]) + heading
                                   + paragraphs(PARAGRAPHS[2:]) + widget),
                              "https://sable.test/tower")
    assert "Share of visitors who came by ferry" in article.paragraphs
    assert "Share this article" not in article.paragraphs
