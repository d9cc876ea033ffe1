"""Bylines as the page credits them: post-nominal letters stay with the name in the author
line (and are listed among the roles); a user name is the author when no person is named."""

from __future__ import annotations

import pytest

from babelwire.extract import extract_article
from babelwire.extract.authors import is_credential, parse_byline

from test_extract_real_patterns import article_page, jsonld  # noqa: E402 - shared page builders


@pytest.mark.parametrize("byline, author, names, roles", [
    ("By Ana Ruiz, MS, RD", "Ana Ruiz, MS, RD", ("Ana Ruiz",), ("MS", "RD")),
    ("Ivo Petrov, Ph.D.", "Ivo Petrov, Ph.D", ("Ivo Petrov",), ("Ph.D",)),
    ("Lena Park, M.D. FACLM", "Lena Park, M.D. FACLM", ("Lena Park",), ("M.D. FACLM",)),
    ("Mira Holt, E-RYT 200", "Mira Holt, E-RYT 200", ("Mira Holt",), ("E-RYT 200",)),
    ("Sam Okafor, DVM Reviewed by Ida Berg", "Sam Okafor, DVM", ("Sam Okafor",), ("DVM",)),
    ("Jo Lind, RN and Tom Vale, CFP", "Jo Lind, RN, Tom Vale, CFP", ("Jo Lind", "Tom Vale"),
     ("RN", "CFP")),
    # not post-nominal letters: an agency, a role
    ("Jane Doe, NASA", "Jane Doe", ("Jane Doe",), ("NASA",)),
    ("By Ana Ruiz, Senior Editor", "Ana Ruiz", ("Ana Ruiz",), ("Senior Editor",)),
    # a role written right after the name, a label after the credit
    ("Ana María López Senior Health Reporter", "Ana María López", ("Ana María López",),
     ("Senior Health Reporter",)),
    ("Lina Berg Contributing Writer", "Lina Berg", ("Lina Berg",), ("Contributing Writer",)),
    ("Harbour Notes Sponsored", "Harbour Notes", ("Harbour Notes",), ()),
    ("Mark Senior", "", (), ("Mark Senior",)),   # no role noun: left as it was
])
def test_post_nominal_letters_stay_with_the_name(byline, author, names, roles):
    parsed = parse_byline(byline)
    assert (parsed.author, parsed.names, parsed.roles) == (author, names, roles)


def test_credentials_are_letters_from_the_table_only():
    assert is_credential("MS") and is_credential("Ph.D.") and is_credential("M.D. FACLM")
    assert not is_credential("NASA") and not is_credential("Jane") and not is_credential("200")


def test_the_article_author_line_keeps_the_letters_and_the_names_stay_plain():
    head = jsonld(author={"@type": "Person", "name": "Ana Ruiz"})
    byline = "<p class='byline'>By <a href='/author/ana-ruiz'>Ana Ruiz</a>, MS, RD</p>"
    article = extract_article(article_page(head, byline))
    assert article.author == "Ana Ruiz, MS, RD"
    assert article.authors == ("Ana Ruiz",) and article.author_roles == ("MS", "RD")
    assert "MS, RD" not in article.body


def test_a_user_name_is_the_author_when_the_page_names_no_person():
    byline = "<p>Posted by <a href='/author/harbourwriter'>harbourwriter</a></p>"
    assert extract_article(article_page(byline=byline)).authors == ("harbourwriter",)


def test_a_user_name_comes_before_an_organisation_and_after_a_person():
    organisation = jsonld(author={"@type": "Organization", "name": "Harbour Media Group"})
    handle = "<p>Posted by <a href='/author/harbourwriter'>harbourwriter</a></p>"
    assert extract_article(article_page(organisation, handle)).authors == ("harbourwriter",)
    person = "<p class='byline'>By <a href='/writers/jane-doe'>Jane Doe</a></p>"
    page = article_page(organisation + "<meta name='author' content='harbourwriter'>", person)
    assert extract_article(page).authors == ("Jane Doe",)


def test_a_meta_tag_naming_the_first_author_is_completed_by_the_byline():
    head = "<meta name='author' content='Rui Tan'>"
    byline = ("<p class='byline'>By <a href='/author/rui-tan'>Rui Tan</a>, Ida Berg and "
              "Tom Vale</p>")
    article = extract_article(article_page(head, byline))
    assert article.authors == ("Rui Tan", "Ida Berg", "Tom Vale")


@pytest.mark.parametrize("byline, name", [
    ("<div><p>Written by</p><p>Ana Ruiz</p></div>", "Ana Ruiz"),
    ("<dl><dt>Author:</dt><dd>Ivo Petrov</dd></dl>", "Ivo Petrov"),
    ("<p>by: <!-- -->Lina Berg<!-- -->, <!-- -->Dec 17, 2030</p>", "Lina Berg"),
])
def test_a_byline_label_alone_in_its_element_names_the_next_one(byline, name):
    assert extract_article(article_page(byline=byline)).authors == (name,)


def test_a_label_followed_by_a_date_or_a_form_is_no_byline():
    form = "<div><label>Author</label><input name='author'></div>"
    dated = "<div><p>Written by</p><p>12 March 2030</p></div>"
    assert extract_article(article_page(byline=form)).authors == ()
    assert extract_article(article_page(byline=dated)).authors == ()
