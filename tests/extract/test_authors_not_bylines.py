"""Lines that start with "By" but credit no one: a sentence ("By signing up, you agree to
our terms"), a menu of the site ("Solutions: By industry | By use case"), a link to an
author page that only says "Learn more". A user name after "by" is still a byline."""

from __future__ import annotations

from babelwire.extract import extract_article
from babelwire.extract.authors import parse_byline

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
