"""Lines that start with "By" but credit no one: a sentence ("By signing up, you agree to
our terms"), a menu of the site ("Solutions: By industry | By use case"), a link to an
author page that only says "Learn more". A user name after "by" is still a byline. And
bylines the pages write in other ways: "By" and a line break, after a <time>, in an author
box's heading or alone in an author box, after a date line; "Par", "Por", "Von", "Door"
before a name alone."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from babelwire.extract import extract_article
from babelwire.extract.authors import author_box_name, parse_byline

from test_extract_real_patterns import article_page, jsonld  # noqa: E402 - shared page builders

ORGANISATION = jsonld(author={"@type": "Organization", "name": "Harbour Works Ltd"})


def with_signup_box(page: str) -> str:
    box = ("<div class='signup'><p>By signing up, you agree to our Privacy Policy and to "
           "receive our letters.</p></div>")
    return page.replace("</article>", f"</article>{box}")


def test_a_sentence_starting_with_by_is_not_a_byline():
    article = extract_article(with_signup_box(article_page(ORGANISATION)))
    assert article.author == "Harbour Works Ltd"


def test_a_sentence_in_lower_case_after_by_is_not_a_byline():
    page = article_page(ORGANISATION, "<p class='note'>By batching the dredgers, we save a "
                                      "week, even with fewer boats</p>")
    assert extract_article(page).author == "Harbour Works Ltd"


def test_the_sites_menu_is_not_a_byline():
    menu = ("<nav><ul class='menu'><li><span>By Use Case</span></li><li><span>By Company "
            "Size</span></li></ul></nav>")
    page = article_page("", "<p class='meta'>By Dana Brook</p>").replace("<body>",
                                                                          f"<body>{menu}")
    assert extract_article(page).author == "Dana Brook"
    menu_only = article_page(ORGANISATION).replace("<body>", f"<body>{menu}")
    assert extract_article(menu_only).author == "Harbour Works Ltd"


def test_a_user_name_after_by_is_a_byline():
    page = article_page("", "<p class='meta'>by dbrook</p>")
    assert extract_article(page).author == "dbrook"


def test_an_author_link_that_says_learn_more_is_not_a_name():
    link = "<div class='bio'><a href='/authors/dana-brook'>Learn more</a></div>"
    page = article_page(ORGANISATION, link)
    assert extract_article(page).author == "Harbour Works Ltd"


def test_the_time_after_at_is_cut_from_the_name():
    assert parse_byline("Posted by Dana at December 16, 2031 11:15 AM").names == ("Dana",)
    assert parse_byline("By Ana Ruiz on March 3, 2031").names == ("Ana Ruiz",)


def test_a_byline_with_a_line_break_after_by_is_read():
    page = article_page("", "<p class='meta'><span>By\n   <a href='/people/dana-brook'>Dana "
                            "Brook</a>\n</span></p>")
    assert extract_article(page).author == "Dana Brook"


def test_a_byline_after_the_time_is_read_but_not_a_sentence_of_the_story():
    meta = "<div class='meta'><time datetime='2031-03-01'>03/01/2031</time> by Dana Brook</div>"
    assert extract_article(article_page("", meta)).author == "Dana Brook"
    sentence = ("<p>The survey uses a mapping library by Ivo Lind, written for charts of the "
                "seabed and kept up to date by volunteers since the first storms.</p>")
    assert extract_article(article_page(ORGANISATION, sentence)).author == "Harbour Works Ltd"


def test_a_byline_completes_the_metadata_with_people_only():
    head = jsonld(author={"@type": "Person", "name": "Dana Brook"})
    desk = article_page(head, "<p class='meta'>By Dana Brook, Global Desk</p>")
    assert extract_article(desk).authors == ("Dana Brook",)
    both = article_page(head, "<p class='meta'>By Dana Brook and Ivo Lind</p>")
    assert extract_article(both).authors == ("Dana Brook", "Ivo Lind")


def test_one_word_after_a_role_is_the_organisation():
    parsed = parse_byline("By Dana Brook, public sector CTO and VP for growth, Harbourware")
    assert parsed.names == ("Dana Brook",) and parsed.outlet == "Harbourware"
    assert parse_byline("Jane Doe, Editor, and John Roe, Reporter").names == ("Jane Doe",
                                                                              "John Roe")


def test_a_link_beside_the_authors_link_is_not_a_co_author():
    byline = ("<p>By <a href='/contributor/d_brook'>D. J. Brook</a> <a href='/digital'>View In "
              "Digital Edition</a></p>")
    assert extract_article(article_page("", byline)).authors == ("D. J. Brook",)


def test_an_organisation_named_with_small_words_is_still_the_author():
    assert parse_byline("Ask the Harbour Doctors").names == ("Ask the Harbour Doctors",)


def test_an_author_box_with_a_heading_is_read():
    box = "<div class='bio'><h3>Written by Dana Brook</h3><p>Dana writes about ports.</p></div>"
    assert extract_article(article_page("", "").replace("</article>", f"{box}</article>")
                           ).author == "Dana Brook"
    labelled = "<div class='about'><h3>Author</h3><p> Ivo D. Lind</p></div>"
    assert extract_article(article_page("", "").replace("</article>", f"{labelled}</article>")
                           ).author == "Ivo D. Lind"


def test_a_date_line_before_the_credit_and_a_glued_role():
    parsed = parse_byline("Updated January 08, 2031 Written by Dana Brook Content Marketing "
                          "Coordinator")
    assert parsed.names == ("Dana Brook",) and parsed.roles == ("Content Marketing Coordinator",)


def test_a_personal_site_named_after_its_author():
    head = ("<meta property='og:site_name' content='Dana Brook'>"
            + jsonld(author={"@type": "Person", "name": "Dana Brook"}))
    credit = "<blockquote><p>The tide waits for no one.</p><p>by Ivo Lind</p></blockquote>"
    assert extract_article(article_page(head, credit)).author == "Dana Brook"


def test_a_name_alone_in_an_author_box_is_the_author():
    box = ("<div class='post_author-card'><img src='/dana.jpg' alt=''><div class='text-small'>"
           "Dana Brook</div><div>Harbour correspondent</div></div>")
    page = article_page("", "").replace("</article>", f"{box}</article>")
    assert extract_article(page).author == "Dana Brook"


def test_an_author_box_naming_a_forum_or_a_handle_gives_no_person():
    box = ("<div class='author-info'><span>by</span> <a>dbrook</a> <span>AI Harbour Forum</span>"
           "<span>3 min read</span></div>")
    assert author_box_name(lxml_html.fromstring(f"<html><body>{box}</body></html>")) == ""


def test_a_templates_placeholder_is_not_a_name():
    assert parse_byline("By undefined").names == ()
    assert parse_byline("admin").names == ()
    head = "<meta name='author' content='undefined'>" + ORGANISATION
    assert extract_article(article_page(head, "")).author == "Harbour Works Ltd"


def test_a_word_joined_by_and_to_a_role_is_part_of_the_role():
    parsed = parse_byline("Dana Brook, Harbour and Coastal Safety Expert")
    assert parsed.names == ("Dana Brook",) and parsed.roles == ("Harbour and Coastal Safety Expert",)
    assert parse_byline("Dana Brook and Ivo Lind").names == ("Dana Brook", "Ivo Lind")


def test_a_sentence_crediting_the_writer_and_a_list_written_as_text():
    assert parse_byline("This post was written by Dana Brook").names == ("Dana Brook",)
    assert parse_byline("['Dana Brook']").names == ("Dana Brook",)


PORT = ("Le port de la ville a rouvert ce matin après trois jours de tempête, et les premiers "
        "ferries sont partis à l'heure prévue malgré la houle qui restait forte au large.")


@pytest.mark.parametrize("lang, byline, author", [
    ("fr", "<p class='sig'>Par Marc Lefort</p>", "Marc Lefort"),
    ("es", "<span>Por Lucía Romero, Madrid</span>", "Lucía Romero"),
    ("de", "<p>Von Lena Brandt | Berlin</p>", "Lena Brandt"),
    ("nl", "<p>Door Jan de Vries</p>", "Jan de Vries"),
    # the same words opening other lines
    ("de", "<p>Von Berlin nach Hamburg</p>", ""),
    ("nl", "<p>Door de storm</p>", ""),
])
def test_by_in_other_languages_before_a_name(lang, byline, author):
    page = (f"<html lang='{lang}'><head><title>Le port rouvre</title></head><body><article>"
            f"<h1>Le port rouvre</h1>{byline}<p>{PORT}</p><p>{PORT}</p></article></body></html>")
    assert extract_article(page).author == author


@pytest.mark.parametrize("credit, author", [
    # a link to a staff page naming a person; not the staff pages' own links
    ("<p>Written with <a href='/staff/brook-dana'>Dana Brook, RN</a>.</p>", "Dana Brook, RN"),
    ("<p><a href='/staff/'>Meet Our Staff</a> <a href='/about/staff/'>Faculty, Staff</a></p>",
     "Harbour Works Ltd"),
    # a label with the name after it, a sentence crediting the writer
    ("<div class='tags'><strong>Contributors:</strong> Dana Brook</div>", "Dana Brook"),
    ("<p><em>This post was written by Dana Brook, RN.</em></p>", "Dana Brook, RN"),
])
def test_a_person_credited_in_the_page_beats_the_organisation(credit, author):
    assert extract_article(article_page(ORGANISATION, credit)).author == author


def test_the_written_by_pair_of_twitter_tags_names_the_author():
    head = ("<meta name='twitter:label1' content='Written by'>"
            "<meta name='twitter:data1' content='Dana Brook'>"
            "<meta name='twitter:label2' content='Est. reading time'>"
            "<meta name='twitter:data2' content='4 minutes'>" + ORGANISATION)
    assert extract_article(article_page(head, "")).author == "Dana Brook"
    shown = article_page(head, "<p class='meta'>By Ivo Lind</p>")
    assert extract_article(shown).author == "Ivo Lind"  # the page's own byline comes first


def test_a_body_line_that_is_one_authors_name_is_the_byline():
    head = jsonld(author=[{"@type": "Person", "name": "Dana Brook"},
                          {"@type": "Person", "name": "Ivo Lind"}])
    page = article_page(head, "<div class='people'><p>Ivo Lind</p></div>")
    article = extract_article(page)
    assert article.authors == ("Dana Brook", "Ivo Lind")
    assert "Ivo Lind" not in article.paragraphs
