"""Publication dates on real pages (issue 10): the day the page shows, and the day as written.

Each pattern is a hand-written page reproducing what real pages do.
"""

import json

from lxml import html as lxml_html

from babelwire.extract import extract_article
from babelwire.extract import dates
from babelwire.extract.dates import byline_time, local_form, shown_date

STORY = "".join(
    f"<p>{text}</p>" for text in (
        "The harbour board voted on Tuesday to deepen the northern channel, so that the larger "
        "ferries ordered last year can berth at low tide without waiting for the evening flood.",
        "Work starts after the summer season, when the sailing clubs have hauled out, and the "
        "dredged sand goes to rebuild the dunes south of the lighthouse that the storms thinned.",
        "Fishermen asked for the work to stop during the herring run in late autumn, and the "
        "board agreed to pause the dredgers for three weeks if the catch reports justify it."))


def page(head: str = "", header: str = "") -> str:
    return (f"<html lang='en'><head><title>Channel to be deepened</title>{head}</head><body>"
            f"<article><h1>Channel to be deepened</h1>{header}{STORY}</article></body></html>")


def jsonld(**fields) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def test_the_local_day_is_kept_beside_the_utc_time():
    """11 pm in New York is the next day in UTC: ``published`` orders, ``published_local``
    keeps the day the page gives its readers."""
    article = extract_article(page(jsonld(datePublished="2026-03-04T23:30:00-05:00")))
    assert article.published == "2026-03-05T04:30:00Z"
    assert article.published_local == "2026-03-04T23:30:00-05:00"


def test_a_shown_day_earlier_than_the_stated_one_is_the_publication_day():
    """The stated date is a migration's re-save; the byline shows when the story came out."""
    head = "<meta property='article:published_time' content='2024-06-11T08:00:00+00:00'>"
    header = "<div class='meta'><span>By Ida Berg</span> <span>March 9, 2021</span></div>"
    article = extract_article(page(head, header))
    assert article.published_local == "2021-03-09"
    assert article.published == "2021-03-09T00:00:00Z"


def test_a_shown_day_later_than_the_stated_one_is_not_the_publication_day():
    """An unlabelled later day beside the headline is most likely an update."""
    head = jsonld(datePublished="2024-06-11T08:00:00+02:00")
    header = "<div class='meta'>Ida Berg · 14 Feb 2026</div>"
    article = extract_article(page(head, header))
    assert article.published_local == "2024-06-11T08:00:00+02:00"


def test_a_shown_day_labelled_as_an_update_is_never_the_publication_day():
    header = ("<div class='meta'><div>Last updated</div><div>:</div><div>Dec 12, 2025</div>"
              "<div>Published</div><div>October 3, 2025</div></div>")
    article = extract_article(page(header=header))
    assert article.published_local == "2025-10-03"


def test_a_page_stating_no_date_gives_the_day_it_shows():
    header = "<p class='kicker'>Posted on 8 Oct 2022 by the harbour desk</p>"
    assert extract_article(page(header=header)).published_local == "2022-10-08"


def test_of_two_unlabelled_days_the_earliest_is_the_publication_day():
    header = "<div><span>May 21, 2025</span><span>April 24, 2025</span></div>"
    assert extract_article(page(header=header)).published_local == "2025-04-24"


def test_an_ambiguous_numeric_day_is_not_read_as_shown():
    """03/01/2017 is 3 January or 1 March: only a written-out month or an ISO day is read."""
    def headline(header):
        return lxml_html.fromstring(page(header=header)).find(".//h1")
    assert shown_date(headline("<p>03/01/2017</p>")) == ""
    assert shown_date(headline("<p>2017-03-01</p>")) == "2017-03-01"
    assert shown_date(None) == ""


def test_local_form_keeps_what_the_page_wrote():
    assert local_form("2026-03-04") == "2026-03-04"
    assert local_form("2026-03-04T10:00:00.123Z") == "2026-03-04T10:00:00Z"
    assert local_form("2026-03-04T10:00:00+0530") == "2026-03-04T10:00:00+05:30"
    assert local_form("13/11/2025 09:21") is None



def test_a_related_storys_time_is_not_the_bylines():
    cards = "".join(
        f"<article class='card'><h3><a href='/news/{n}'>Earlier harbour story {n}</a></h3>"
        f"<time datetime='2031-0{n}-1{n}'>1{n} month {n}</time></article>" for n in (3, 4))
    related = f"<section class='more'><h2>More from the harbour</h2>{cards}</section>"
    story = (f"<html lang='en'><head><title>Channel to be deepened</title></head><body><main>"
             f"<div class='hero'><h1>Channel to be deepened</h1></div>{STORY}{related}"
             f"<p class='foot'><time datetime='2031-05-20'>20 May 2031</time></p>"
             f"</main></body></html>")
    tree = lxml_html.fromstring(story)
    assert byline_time(tree, tree.find(".//h1")) == "2031-05-20"  # the cards' times are skipped
    assert byline_time(tree) == "2031-03-13"  # with no headline known, nothing tells them apart


def test_a_month_in_the_url_rules_out_a_guess_outside_it(monkeypatch):
    # htmldate's guess stubbed: a copyright year, as it guesses on such pages
    monkeypatch.setattr(dates, "heuristic_date", lambda tree, url: "2019-03-05")
    story = (f"<html lang='en'><head><title>Notes</title></head><body><div class='box'>"
             f"<fieldset><legend>Tide notes, week two</legend> 20 December 2024 "
             f"<div>{STORY}</div></fieldset></div><p class='foot'>(c) 2019 Tide notes</p>"
             f"</body></html>")
    in_month = extract_article(story, "https://tides.test/archive/2024/12/Tide_notes_2.html")
    assert in_month.published.startswith("2024-12-20")
    no_month = extract_article(story, "https://tides.test/archive/Tide_notes_2.html")
    assert no_month.published.startswith("2019-03-05")


def test_the_first_of_january_of_a_bare_year_is_no_date(monkeypatch):
    monkeypatch.setattr(dates, "heuristic_date", lambda tree, url: "2019-01-01")
    footer = "<p class='foot'>(c) 2019 Tide notes</p>"
    page = f"<html lang='en'><head><title>Notes</title></head><body>{STORY}{footer}</body></html>"
    assert extract_article(page, "https://tides.test/notes").published is None
    dated = page.replace(footer, f"<p>Posted 1 January 2019</p>{footer}")
    assert extract_article(dated, "https://tides.test/notes").published.startswith("2019-01-01")
