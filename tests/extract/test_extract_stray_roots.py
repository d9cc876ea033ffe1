"""A page whose site header is printed as a whole document (``</body></html>`` early) and
goes on with the article: libxml2 leaves the rest beside the first ``<html>``; a browser
shows it in the body, and so does the extractor."""

from __future__ import annotations

from babelwire.extract import extract_article

PARAGRAPHS = (
    "Outsourcing the payroll is the step most small firms take first, because the rules "
    "change every year and a missed filing costs more than the service.",
    "Recruiting comes next: an outside team can screen hundreds of applicants in a week, "
    "which a two-person office cannot do beside its own work.",
    "Training and benefits are the last to go, and many owners keep them in house because "
    "they shape how the staff see the company.",
)


def page(early_close: bool) -> str:
    header = ("<!DOCTYPE html><html><head><title>Four kinds of help | Ledger Lane</title>"
              "</head><body><header><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>"
              "</header>")
    close = "</body></html>" if early_close else ""
    article = ("<div class='post-page'><h1>Four kinds of help</h1><div class='post-content'>"
               + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></div>"
               "<footer><p>Ledger Lane, all rights reserved.</p></footer>")
    tail = "" if early_close else "</body></html>"
    return header + close + article + tail


def test_the_article_after_an_early_end_of_document_is_read():
    article = extract_article(page(early_close=True), "https://ledger.test/blog/four-kinds")
    assert article.paragraphs == PARAGRAPHS
    assert article.title == "Four kinds of help"


def test_the_same_page_without_the_early_end_reads_the_same():
    clean = extract_article(page(early_close=False), "https://ledger.test/blog/four-kinds")
    broken = extract_article(page(early_close=True), "https://ledger.test/blog/four-kinds")
    assert clean.body == broken.body
