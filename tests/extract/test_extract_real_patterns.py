"""Failure patterns found on real pages (issue 10), each reproduced by a hand-written page."""

import json

import pytest

from babelwire.errors import ExtractError
from babelwire.extract import extract_article
from babelwire.extract.authors import parse_byline
from babelwire.extract.story import count_words

INTRO = ("Choosing a kayak for the first summer on the water is easier than the catalogues "
         "make it look, once you know which three questions matter most for a beginner.")
SECTIONS = [
    ("Sit-on-top or sit-in?", [
        "A sit-on-top kayak is stable, drains itself and is easy to climb back onto after a "
        "swim, which is why most rental fleets on calm lakes are made of them.",
        "A sit-in kayak keeps the paddler drier and warmer, and it tracks better in wind, but "
        "getting back in after a capsize takes practice and a pump."]),
    ("How long should it be?", [
        "Shorter boats of about three metres turn quickly and fit in a small car, while boats "
        "over four metres glide further with every stroke and hold a straighter line."]),
    ("What to spend", [
        "A sturdy plastic recreational kayak costs less than a week of rentals in most towns, "
        "and a good paddle matters more than a lighter hull for the first season."]),
]


def guide_page(wrapper_class: str) -> str:
    sections = "".join(
        f'<div class="{wrapper_class}"><h2>{heading}</h2>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "<ul><li>Check the weight limit</li><li>Try it on the water first</li></ul></div>"
        for heading, paragraphs in SECTIONS)
    return (
        "<html lang='en'><head><title>Your first kayak: a buyer's guide | Lakeside Notes</title>"
        "<meta property='og:site_name' content='Lakeside Notes'></head><body>"
        "<header><a href='/'>Lakeside Notes</a></header><main>"
        "<h1>Your first kayak: a buyer's guide</h1>"
        f"<div class='intro'><p>{INTRO}</p></div>{sections}"
        "<section class='more'><h3>Read this next</h3>"
        "<div class='card'><h4><a href='/p1'>Ten quiet lakes to paddle in June</a></h4>"
        "<p>From the northern reservoirs to the small glacial lakes, where to go first.</p></div>"
        "</section></main><footer>© Lakeside Notes</footer></body></html>")


def test_a_sectioned_guide_comes_out_whole():
    """Each section in its own container: every section is story, the teaser after is not."""
    article = extract_article(guide_page("guide-section"), "https://lakeside.test/first-kayak")
    body = article.body
    assert article.standfirst == INTRO
    for heading, paragraphs in SECTIONS:
        assert heading in article.paragraphs
        assert all(p in body for p in paragraphs)
    assert "Ten quiet lakes" not in body and "Read this next" not in body


def test_repeated_short_cells_of_a_table_are_kept():
    rows = "".join(f"<tr><td>Model {n}</td><td>Yes</td><td>30%</td></tr>" for n in "ABC")
    paragraphs = "".join(f"<p>{p}</p>" for _, ps in SECTIONS for p in ps)
    page = (f"<html><head><title>Three kayaks compared</title></head><body><article>"
            f"<h1>Three kayaks compared</h1><p>{INTRO}</p><table>{rows}</table>{paragraphs}"
            f"</article></body></html>")
    article = extract_article(page, "https://lakeside.test/compared")
    assert list(article.paragraphs).count("Yes") == 3
    assert list(article.paragraphs).count("30%") == 3


def article_page(head: str = "", byline: str = "", url_path: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for _, ps in SECTIONS for p in ps)
    return (f"<html lang='en'><head><title>Harbour dredging starts</title>{head}</head><body>"
            f"<article><h1>Harbour dredging starts</h1>{byline}<p>{INTRO}</p>{paragraphs}"
            f"</article></body></html>")


def jsonld(**fields) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def test_the_byline_people_beat_an_organisation_and_lose_the_outlet():
    head = jsonld(author={"@type": "Organization", "name": "Harbour Media Group"})
    byline = "<p class='meta'>By <a href='/authors/jane-doe'>Jane Doe</a> and Tom Roe, " \
             "The Harbour Gazette</p>"
    article = extract_article(article_page(head, byline))
    assert article.authors == ("Jane Doe", "Tom Roe")
    assert article.byline_outlet == "The Harbour Gazette"
    assert article.author == "Jane Doe, Tom Roe"


def test_an_organisation_is_the_author_only_when_no_person_is_named():
    head = jsonld(author={"@type": "Organization", "name": "Harbour Media Group"})
    assert extract_article(article_page(head)).authors == ("Harbour Media Group",)


@pytest.mark.parametrize("byline, names, roles, outlet", [
    (", USA Daily", ("USA Daily",), (), ""),
    ("By Ana Ruiz, Senior Editor", ("Ana Ruiz",), ("Senior Editor",), ""),
    ("Written by Li Wei • 4 min read", ("Li Wei",), (), ""),
    ("Sam Okafor, DVM Reviewed by Ida Berg", ("Sam Okafor",), ("DVM",), ""),
    ("Maya May, The Valley Courier", ("Maya May",), (), "The Valley Courier"),
    # a date or a count beside the byline, an entity, a glued or labelled "by" (issue 10)
    ("Luke Kim December", ("Luke Kim",), (), ""),
    ("Harbour Works on Tuesday", ("Harbour Works",), (), ""),
    ("Jan Berg on 04-11-2025 5:11", ("Jan Berg",), (), ""),
    ("Chris Carroll30", ("Chris Carroll",), (), ""),
    ("Maria &amp; Katerina", ("Maria", "Katerina"), (), ""),
    ("Recipe by Pat Hamel", ("Pat Hamel",), (), ""),
    ("byClemson Desk", ("Clemson Desk",), (), ""),
    ("Ben Lowe ⋅ Senior Review Analyst ⋅", ("Ben Lowe",), ("Senior Review Analyst",), ""),
    ("Dec", (), (), ""),
])
def test_bylines_are_split_into_names_roles_and_outlet(byline, names, roles, outlet):
    parsed = parse_byline(byline)
    assert (parsed.names, parsed.roles, parsed.outlet) == (names, roles, outlet)


def test_touching_byline_elements_are_two_credits():
    """"Ana Ruiz</a><span>Tech Reporter": the page shows a name and a role, not one word."""
    byline = ("<div class='author'><a href='/authors/ana-ruiz'>Ana Ruiz</a>"
              "<span>Tech Reporter</span></div>")
    article = extract_article(article_page(byline=byline))
    assert article.authors == ("Ana Ruiz",) and article.author_roles == ("Tech Reporter",)


def test_a_handle_is_not_an_author():
    head = "<meta name='author' content='jdoe_77'>"
    byline = "<p>By <a href='/author/jane'>Jane Doe</a></p>"
    assert extract_article(article_page(head, byline)).authors == ("Jane Doe",)


def test_published_is_never_the_modified_date():
    head = jsonld(datePublished="2026-03-02T09:00:00+00:00",
                  dateModified="2026-05-20T10:00:00+00:00")
    article = extract_article(article_page(head))
    assert article.published == "2026-03-02T09:00:00Z"
    assert article.updated == "2026-05-20T10:00:00Z"


def test_an_update_time_is_skipped_for_the_url_date():
    byline = "<p class='date-updated'>Updated <time datetime='2026-06-01'>1 June</time></p>"
    article = extract_article(article_page(byline=byline),
                              "https://harbour.test/2026/04/18/dredging-starts/")
    assert article.published == "2026-04-18T00:00:00Z"


def test_an_hatom_entry_date_marked_updated_is_the_publication_time():
    byline = "<time class='entry-date updated' datetime='2026-04-18T08:00:00+02:00'>18 April</time>"
    assert extract_article(article_page(byline=byline)).published == "2026-04-18T06:00:00Z"


def test_words_are_counted_per_script():
    assert count_words("Three plain words") == 3
    assert count_words("항만 준설 공사가 시작됐다") >= 6
    assert count_words("東京で新しい港が開いた") >= 6


KOREAN = ("부산항에서 오늘부터 준설 공사가 시작됐다. 항만공사는 대형 선박이 안전하게 드나들 수 "
          "있도록 수로를 깊게 만들 계획이라고 밝혔다. 공사는 내년 봄까지 이어질 예정이다.")


def test_a_short_korean_article_is_an_article():
    page = (f"<html lang='ko'><head><title>부산항 준설 시작</title></head><body><article>"
            f"<h1>부산항 준설 시작</h1><p>{KOREAN}</p></article></body></html>")
    article = extract_article(page, "https://busan.test/news/1")
    assert article.body == KOREAN and 0 < article.confidence < 1


def test_a_news_brief_is_returned_with_a_warning():
    brief = ("The ferry to Kell Island resumes on Monday after two days of storms, the operator "
             "said, with extra sailings in the morning.")
    page = (f"<html><head><title>Ferry resumes</title><meta property='og:type' content='article'>"
            f"</head><body><h1>Ferry resumes</h1><p>{brief}</p></body></html>")
    article = extract_article(page)
    assert article.body == brief
    assert article.confidence < 0.7 and any("short" in w for w in article.warnings)


def listing_page() -> str:
    cards = "".join(
        f"<div class='card'><h2><a href='/story-{n}'>Story number {n} from the harbour</a></h2>"
        f"<p>A short teaser about story {n}, with a line of context.</p></div>" for n in range(8))
    return (f"<html><head><title>Harbour news | Latest</title></head><body><h1>Latest</h1>"
            f"{cards}</body></html>")


def test_a_listing_page_is_not_an_article():
    with pytest.raises(ExtractError) as info:
        extract_article(listing_page(), "https://harbour.test/news/")
    assert info.value.code == "extract.not_article" and "listing" in str(info.value)


def test_an_error_page_is_not_an_article():
    page = ("<html><head><title>Page not found | Harbour News</title></head><body>"
            "<h1>Page not found</h1><p>Sorry, the page you were looking for has moved or never "
            "existed. Try the search box or go back to the home page.</p></body></html>")
    with pytest.raises(ExtractError):
        extract_article(page)
