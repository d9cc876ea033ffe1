"""Failure patterns found on real pages in the seventh pass of issue 10, each reproduced by a
hand-written page (invented text and markup)."""

import pytest
from lxml import html as lxml_html

from babelwire.errors import ExtractError
from babelwire.extract import extract_article
from babelwire.extract.body import choose_body
from babelwire.extract.dom import strip_clutter, text_blocks

INTRO = ("The county's walking trails cover more than two hundred miles of forest, moor and "
         "shoreline, and most of them can be reached by the weekend bus from the market town. "
         "Rangers keep the paths open all year and mark the closed ones at the car parks.")
FACTS = ("Last year the rangers counted about ninety thousand walkers on the coast path alone, "
         "twice as many as five years before, most of them on summer weekends.")


def teaser_cards(count: int = 6) -> str:
    return "".join(
        f"<div class='tile'><h3><a href='/trails/route-{n}'>Route {n} along the valley</a></h3>"
        f"<p>A short walk number {n}, with a stop at the old mill.</p></div>" for n in range(count))


def test_a_page_of_teaser_cards_only_is_still_a_listing():
    page = (f"<html><head><title>Trails | County rangers</title></head><body><h1>Trails</h1>"
            f"<div class='tiles'>{teaser_cards(8)}</div></body></html>")
    with pytest.raises(ExtractError) as info:
        extract_article(page, "https://rangers.test/trails/")
    assert info.value.code == "extract.not_article" and "listing" in str(info.value)


def test_a_landing_page_with_prose_of_its_own_among_its_cards_is_returned_with_doubt():
    """Linked headings to the sub-pages, but an introduction and facts of its own: a page
    that carries something to read, returned with a lower confidence and a warning."""
    page = (f"<html><head><title>Walking in the county | County rangers</title></head><body>"
            f"<div class='page'><h1>Walking in the county</h1><div class='intro'><p>{INTRO}</p>"
            f"</div><div class='tiles'>{teaser_cards(6)}</div>"
            f"<div class='facts'><h2>Facts</h2><p>{FACTS}</p></div></div></body></html>")
    article = extract_article(page, "https://rangers.test/walking/")
    assert INTRO in (article.standfirst, article.body) or INTRO in article.body
    assert FACTS in article.body
    assert article.confidence < 0.7
    assert any("landing page" in warning for warning in article.warnings)


def test_a_page_whose_only_paragraph_is_its_standfirst_keeps_it_as_the_body():
    """The standfirst is cut from the body; when it is all the page says, it is the body."""
    lead = ("A collection of short courses on map reading, first aid on the hill and the "
            "country code, each written by one of the rangers and free for anyone to follow.")
    page = (f"<html><head><title>Courses</title><meta name='description' content='{lead}'>"
            f"<meta property='og:type' content='article'></head><body><main><h1>Courses</h1>"
            f"<div class='lead'>{lead}</div></main></body></html>")
    article = extract_article(page, "https://rangers.test/courses/")
    assert article.body == lead and article.standfirst == ""


def paragraphs(texts) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


BODY = (
    "The harbour board voted on Tuesday to rebuild the north pier, which has been closed to "
    "boats since a winter storm cracked its outer wall two years ago.",
    "Engineers will drive new piles beside the old ones through the spring, and the board "
    "expects the pier to reopen for the fishing fleet before the autumn herring season.",
    "The work will cost about four million, a third of it from the regional fund, and the "
    "board said mooring fees would not rise to pay for the rest of the bill.",
    "Skippers told the meeting that the south quay has been crowded since the closure, with "
    "boats tied three deep on market days and lorries waiting on the road.",
)


def test_a_story_goes_on_below_the_header_box_that_holds_its_headline():
    """The headline and the first paragraph sit in a coloured header box; the story goes on
    in boxes of the same kind in the next part of the page."""
    intro = ("After two years of arguments, the north pier will be rebuilt, the harbour board "
             "decided in a vote that surprised the skippers who had waited for it.")
    part = "".join(f"<div class='copy'><p>{text}</p></div>" for text in BODY[:2])
    part2 = "".join(f"<div class='copy'><p>{text}</p></div>" for text in BODY[2:])
    page = (f"<html><head><title>Pier to be rebuilt</title></head><body><main>"
            f"<div class='band'><div class='hero'><h1>Pier to be rebuilt</h1>"
            f"<div class='copy'><p>{intro}</p></div></div></div>"
            f"<div class='band'><div class='col'><h2>The vote</h2>{part}"
            f"<h2>The money</h2>{part2}</div></div></main></body></html>")
    tree = lxml_html.fromstring(page)
    choice = choose_body(text_blocks(tree.find("body")), "", tree.find(".//h1"))
    chosen = " ".join(block.text for block in choice.blocks)
    assert all(text in chosen for text in (intro,) + BODY)
    article = extract_article(page, "https://harbour.test/pier")
    assert all(text in article.body for text in (intro,) + BODY)


def test_the_next_story_below_its_own_headline_is_not_the_story():
    """An endless page: the next story, in boxes of the same kind, opens with its own <h1>."""
    first = "".join(f"<div class='copy'><p>{text}</p></div>" for text in BODY[:1])
    rest = "".join(f"<div class='copy'><p>{text}</p></div>" for text in BODY[1:])
    page = (f"<html><head><title>Pier to be rebuilt</title></head><body><main>"
            f"<div class='band'><div class='hero'><h1>Pier to be rebuilt</h1>{first}</div></div>"
            f"<div class='band'><div class='hero'><h1>Ferry fares frozen</h1>{rest}</div></div>"
            f"</main></body></html>")
    tree = lxml_html.fromstring(page)
    choice = choose_body(text_blocks(tree.find("body")), "", tree.find(".//h1"))
    assert [block.text for block in choice.blocks] == [BODY[0]]


def test_text_inside_a_link_is_link_text():
    """A card made clickable by wrapping it in a link is a link, however long its text."""
    tree = lxml_html.fromstring(
        "<html><body><p>One paragraph of the story, written out for the test.</p>"
        "<a href='/brand'><div class='slide'><div>Makers of the finest rowing boats on the "
        "coast since the year the harbour opened.</div></div></a></body></html>")
    blocks = {block.text[:6]: block.link_density for block in text_blocks(tree.find("body"))}
    assert blocks == {"One pa": 0.0, "Makers": 1.0}


def guide_entries(count: int) -> str:
    return "".join(
        f"<article class='entry'><div class='entry-main'><h3><a href='https://book.test/v{n}'>"
        f"Quayside kitchen {n}</a></h3><p class='where'>Harbour district, table {n}</p>"
        f"<div class='entry-text'><p>Kitchen {n} cooks the morning's catch over charcoal, "
        f"serves it with bread baked next door, and keeps a short list of island wines that "
        f"the owner chooses himself every spring.</p></div></div>"
        f"<div class='entry-actions'><p><a href='/book/{n}'>Book a table</a></p></div>"
        f"</article>" for n in range(count))


def test_a_guide_of_entry_cards_under_a_short_introduction_is_the_story():
    """A short introduction over many cards of one kind, each a linked name and a paragraph:
    the cards are what the page has to say. Their buttons are not."""
    intro = ("Twelve kitchens on the quay earned a place in this year's guide, from fish "
             "shacks to the new dining room above the ferry office.</p><p>Our critics ate at "
             "each of them twice, once at lunch and once on a busy evening, and paid the bill "
             "like any other guest.")
    page = (f"<html><head><title>The harbour food guide</title></head><body>"
            f"<div class='hero'><h1>The harbour food guide</h1></div>"
            f"<div class='lead'><p>{intro}</p></div>"
            f"<div class='list-footer'><div class='entries'>{guide_entries(12)}</div></div>"
            f"</body></html>")
    article = extract_article(page, "https://guide.test/harbour")
    for n in (0, 5, 11):
        assert f"Quayside kitchen {n}" in article.body
        assert f"Kitchen {n} cooks the morning's catch" in article.body
    assert "Book a table" not in article.body


def test_related_cards_after_a_full_story_stay_out():
    """The same cards after a story of its own length are other pages' teasers."""
    story = "".join(f"<p>{text}</p>" for text in BODY * 2)
    page = (f"<html><head><title>Pier to be rebuilt</title></head><body><main>"
            f"<h1>Pier to be rebuilt</h1><div class='text'>{story}</div>"
            f"<div class='entries'>{guide_entries(6)}</div></main></body></html>")
    article = extract_article(page, "https://harbour.test/pier")
    assert BODY[3] in article.body and "Quayside kitchen" not in article.body


def test_a_paragraph_repeated_in_two_list_items_is_kept_a_list_shown_twice_is_not():
    """Two events with the same description are two items; a whole item repeated is a copy."""
    description = ("Two days of talks and workshops on running a small harbour, with a dinner "
                   "for the speakers on the first evening.")
    events = "".join(f"<li><div class='when'>May {day}</div><h2>Harbour forum</h2>"
                     f"<p>{place}</p><p>{description}</p></li>"
                     for day, place in ((3, "Kell Island"), (17, "Sable Point")))
    page = (f"<html><head><title>Events</title></head><body><main><h1>Events</h1>"
            f"<p>{BODY[0]}</p><ul class='events'>{events}{events}</ul></main></body></html>")
    article = extract_article(page, "https://harbour.test/events")
    assert article.paragraphs.count(description) == 2


def test_classless_boxes_nested_in_a_classless_box_are_one_body_with_their_elders():
    """A rich-text field of bare <div>s, the later ones wrapped once more in a bare <div>: one
    body, grouped by the nearest named box above them."""
    first = "".join(f"<div>{text}</div>" for text in BODY[:2])
    rest = "".join(f"<div>{text} It went on for a while.</div>" for text in BODY * 2)
    page = (f"<html><head><title>Pier</title></head><body><div class='post'><h1>Pier</h1>"
            f"<div class='post-body'><span class='rich-text'>{first}<div>{rest}</div>"
            f"</span></div></div></body></html>")
    tree = lxml_html.fromstring(page)
    choice = choose_body(text_blocks(tree.find("body")), "", tree.find(".//h1"))
    chosen = [block.text for block in choice.blocks]
    assert chosen[:2] == list(BODY[:2]) and len(chosen) == 10


def test_an_element_removed_between_two_words_leaves_them_apart():
    """``like<!-- --> <a>`` : the comment goes, the space after it stays."""
    tree = lxml_html.fromstring(
        "<html><body><p>We use sources like<!-- --> <a href='/d'>the harbour records</a> "
        "<!-- -->and the tide tables for this list.</p></body></html>")
    body = strip_clutter(tree)
    assert text_blocks(body)[0].text == ("We use sources like the harbour records and the tide "
                                         "tables for this list.")


def test_a_related_line_among_the_story_s_paragraphs_does_not_end_it():
    """A "Related:" line with two links, in the story's own box, between two of its parts:
    the parts after it (which the generic reading holds) are the story's too."""
    texts = [f"{text} This was point {n}." for n, text in enumerate(BODY * 3)]
    first = "".join(f"<div class='para'><p>{text}</p></div>" for text in texts[:8])
    later = "".join(f"<section><h4>Part {n}</h4><p>{text}</p></section>"
                    for n, text in enumerate(texts[8:]))
    related = ("<p><strong>Related:</strong></p><ul><li><a href='/a'>Five other piers</a></li>"
               "<li><a href='/b'>The old ferry</a></li></ul>")
    page = (f"<html><head><title>Pier</title></head><body><main><article><h1>Pier</h1>"
            f"<div class='text'>{first}{related}{later}</div></article></main></body></html>")
    article = extract_article(page, "https://harbour.test/pier")
    assert article.paragraphs[-1] == texts[-1]


def test_the_generic_reading_does_not_bring_back_what_was_removed_as_furniture():
    """When the generic reading leads, its lines that the cleaned page no longer holds (a
    promotion banner repeated for every price) stay out."""
    banners = "".join(f"<div class='promo-banner'>Free delivery on orders over {n} crowns. "
                      f"See our delivery page for the rates and the times.</div>"
                      for n in range(20, 32))
    terms = ("Buy any three jars of harbour honey and receive ten percent off the set.",
             "The offer runs until the end of May, while stocks last, and cannot be combined "
             "with any other offer or discount.",
             "Jars bought in the market hall count, and so do jars ordered by post before the "
             "end of the month.")
    page = (f"<html><head><title>Honey offer terms</title></head><body>{banners}"
            f"<h1>Honey offer terms</h1>{paragraphs(terms)}</body></html>")
    article = extract_article(page, "https://shop.test/terms")
    assert article.paragraphs == terms
