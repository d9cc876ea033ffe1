"""Failure patterns found on real pages in the fifth pass of issue 10, each reproduced by a
hand-written page (invented text and markup)."""

import pytest
from lxml import html as lxml_html

from babelwire.extract import extract_article
from babelwire.extract.body import choose_body
from babelwire.extract.dom import text_blocks
from babelwire.extract.attribution import split_title_suffixes

STORY = "".join(
    f"<p>{text}</p>" for text in (
        "The allotment society met on Sunday to share out the new plots by the river, and the "
        "waiting list that had grown for six years finally shrank to a dozen names.",
        "Each plot comes with a water butt and a shared shed for tools, and the society asks "
        "only that beds are kept weeded and that nobody plants mint straight into the soil.",
        "Older members offered to teach the newcomers how to raise seedlings under glass, "
        "starting with broad beans in February and tomatoes once the frosts are over."))


def page(title: str, h1: str, header: str = "", head: str = "", above: str = "",
         body: str = STORY) -> str:
    return (f"<html lang='en'><head><title>{title}</title>{head}</head><body>"
            f"<header><a href='/'>Riverside Plots</a></header><main>{above}"
            f"<article><h1>{h1}</h1>{header}{body}</article></main></body></html>")


# -- dates


def test_a_time_under_the_headline_beats_the_times_of_a_list_above_it():
    """A list of other stories above the headline, each with its own <time>, inside <main>:
    the story's date is the <time> in the line under its headline."""
    above = "".join(
        f"<div class='teaser'><a href='/n{n}'>Other news number {n}</a>"
        f"<time datetime='2025-0{n}-1{n}T12:00:00Z'>0{n}/1{n}/2025</time></div>"
        for n in range(1, 4))
    header = "<div class='node-meta'><time datetime='2019-04-02T09:00:00Z'>04/02/2019</time>" \
             " by Ana Moss</div>"
    article = extract_article(page("New plots by the river", "New plots by the river",
                                   header, above=above), "https://plots.test/new-plots")
    assert article.published_local == "2019-04-02T09:00:00Z"


def test_a_time_under_the_headline_marked_as_an_update_is_not_the_publication():
    header = ("<div class='meta'><span class='updated'>Updated <time datetime='2024-05-01'>"
              "May 1, 2024</time></span></div>")
    head = "<meta property='article:published_time' content='2022-03-08T10:00:00+01:00'>"
    article = extract_article(page("New plots by the river", "New plots by the river",
                                   header, head=head), "https://plots.test/new-plots")
    assert article.published_local == "2022-03-08T10:00:00+01:00"
    assert article.updated == "2024-05-01T00:00:00Z"


def test_originally_published_in_words_is_the_publication_day():
    """The page states a re-save date; a sentence says when the story first came out."""
    head = "<meta property='article:published_time' content='2023-11-20T08:00:00+00:00'>"
    note = ("<p class='note'>This story was originally published on 14 May 2018 and has been "
            "updated since.</p>")
    article = extract_article(page("New plots by the river", "New plots by the river",
                                   head=head, body=STORY + note), "https://plots.test/p")
    assert article.published_local == "2018-05-14"


@pytest.mark.parametrize("note", [
    # later than the stated day: it does not move it
    "<p>Originally published on March 3, 2021 in our spring newsletter.</p>",
    # no date at all: nothing changes
    "<p>This article was originally published in The Valley Gazette.</p>",
])
def test_originally_published_that_is_not_earlier_keeps_the_stated_day(note):
    head = "<meta property='article:published_time' content='2016-02-01T08:00:00+00:00'>"
    article = extract_article(page("New plots by the river", "New plots by the river",
                                   head=head, body=STORY + note), "https://plots.test/p")
    assert article.published_local == "2016-02-01T08:00:00Z"


def test_the_local_day_shown_wins_over_the_next_utc_day_stated():
    """Stated 01:30 UTC on the 10th; the page shows the 9th (its own evening): the day the
    page gives its readers is the publication day."""
    head = "<meta property='article:published_time' content='2024-10-10T01:30:00+00:00'>"
    header = "<div class='meta'>Ana Moss · October 9, 2024</div>"
    article = extract_article(page("New plots by the river", "New plots by the river",
                                   header, head=head), "https://plots.test/p")
    assert article.published_local == "2024-10-09"


# -- titles

SITE = "<meta property='og:site_name' content='Riverside Plots'>"


def test_a_headline_second_half_after_a_dash_is_not_an_outlet():
    for h1 in ("Raised beds for beginners – Costs, Soil, Timber",
               "Raised beds for beginners – Our Favourites!",
               "Raised beds for beginners – From a Master Gardener"):
        article = extract_article(page(f"{h1} | Riverside Plots", h1, head=SITE),
                                  "https://plots.test/b")
        assert article.title == h1
        assert not any(a.kind == "title_suffix" for a in article.attribution)


def test_an_outlet_after_a_dash_is_still_split_off_and_credited():
    h1 = "Raised beds for beginners - The Valley Gazette"
    article = extract_article(page(f"{h1} | Riverside Plots", h1, head=SITE),
                              "https://plots.test/b")
    assert article.title == "Raised beds for beginners"
    assert ("The Valley Gazette", "title_suffix") in {
        (a.outlet, a.kind) for a in article.attribution}


def test_a_list_after_a_bar_in_the_title_is_still_a_suffix():
    """Only a dash joins a headline's two halves; after a bar a tag line is cut as before."""
    assert split_title_suffixes("Raised beds for beginners | Costs, Soil, Timber")[0] == \
        "Raised beds for beginners"


def test_a_short_headline_equal_to_the_title_beats_a_teaser_heading():
    """A four-word <h1> equal to the <title>, beside a long og:title and teasers whose
    headings share words with it: the <h1> is the headline."""
    head = ("<meta property='og:title' content='The best allotment crops of 2025 are not the "
            "ones our readers expected at all'>")
    teasers = "".join(f"<h3><a href='/t{n}'>Best Autumn Crops of 2025</a></h3>" for n in range(2))
    html = ("<html lang='en'><head><title>Best Allotment Crops 2025</title>" + head +
            f"</head><body><aside>{teasers}</aside><main><article>"
            f"<h1>Best Allotment Crops 2025</h1>{STORY}</article></main></body></html>")
    article = extract_article(html, "https://plots.test/crops")
    assert article.title == "Best Allotment Crops 2025"


def test_a_heading_worded_as_the_title_above_a_section_h1_is_the_headline():
    """A blog whose post title is an <h2> and whose sections are <h1>s."""
    html = ("<html lang='en'><head><title>Why do people love allotments? | Plot Blog</title>"
            "</head><body><main><header><h2>Why do people love allotments?</h2></header>"
            "<h1>But what they value is the quiet and the company</h1>" + STORY +
            "</main></body></html>")
    article = extract_article(html, "https://plots.test/why")
    assert article.title == "Why do people love allotments?"


def test_a_section_h1_above_a_heading_worded_as_the_title_stays_the_headline():
    """The <h1> comes first; the heading worded as the title is a section further down."""
    html = ("<html lang='en'><head><title>How allotment plots are shared out</title>"
            "</head><body><main><h1>Who gets a plot by the river, and when?</h1>" + STORY +
            "<h2>How allotment plots are shared out</h2>" + STORY + "</main></body></html>")
    article = extract_article(html, "https://plots.test/how")
    assert article.title == "Who gets a plot by the river, and when?"


def test_a_comment_count_in_the_headline_is_not_the_headline():
    h1 = ("<span class='story-title'><a href='/p'>Council doubles the allotment budget</a>"
          "</span> <span class='comment-bubble'><a href='/p#comments'>87</a></span>")
    article = extract_article(page("Council doubles the allotment budget - Plot Forum", h1),
                              "https://plots.test/p")
    assert article.title == "Council doubles the allotment budget"


# -- bodies


def test_a_table_keeps_its_repeated_cells_and_its_dates():
    """A plan laid out as a table: the same six-word cell on many days, and a column of
    dates. Cells are data: neither a repeated line to drop nor a byline's date."""
    rows = "".join(
        f"<tr><td>{week}/1/2024</td><td>Rest day or gentle stretching session</td>"
        f"<td>Easy walk of {20 + 5 * week} minutes</td></tr>" for week in range(1, 7))
    table = f"<table><tr><th>Week starting</th><th>Monday</th><th>Tuesday</th></tr>{rows}</table>"
    article = extract_article(page("A six-week walking plan", "A six-week walking plan",
                                   body=STORY + table + STORY.replace("Sunday", "Monday")),
                              "https://plots.test/plan")
    lines = article.body.split("\n\n")
    assert lines.count("Rest day or gentle stretching session") == 6
    assert all(f"{week}/1/2024" in lines for week in range(1, 7))


def test_a_repeated_sentence_outside_a_table_is_still_dropped():
    quote = "<p>Nobody plants mint straight into the soil twice.</p>"
    article = extract_article(page("New plots by the river", "New plots by the river",
                                   body=STORY + quote + quote), "https://plots.test/p")
    assert article.body.count("Nobody plants mint straight into the soil twice.") == 1


def test_small_print_in_the_page_footer_is_not_the_story():
    """A page builder gives the story's box and the footer's small-print box the same class,
    and sets its headline deep in boxes of its own: the long disclaimer paragraphs in the
    page's <footer> stay out of the body."""
    def box(paragraphs: str) -> str:
        return f"<div class='text-column'><div class='wrapper'>{paragraphs}</div></div>"
    small_print = "".join(
        f"<p>{text}</p>" for text in (
            "This material is general information only and is not advice for your own "
            "plot, soil or climate; ask a qualified gardener before buying tools or seed, and "
            "read each maker's instructions, because results vary with every season." * 3,
            "Prices and offers named on this site may change without notice and are not an "
            "offer to sell; the society takes no responsibility for third-party shops, and "
            "nothing here is a recommendation of any one supplier over another." * 3))
    html = ("<html lang='en'><head><title>Sharing out the river plots</title></head><body>"
            "<main><section><div class='row'><div class='col'><div class='inner'><div class='hero'>"
            "<h1>Sharing out the river plots</h1></div></div></div></div>"
            f"</section><section>{box(STORY)}</section></main>"
            f"<footer><section>{box(small_print)}</section></footer></body></html>")
    tree = lxml_html.fromstring(html)
    choice = choose_body(text_blocks(tree.find("body")), "", tree.find(".//h1"))
    chosen = " ".join(block.text for block in choice.blocks)
    assert "waiting list" in chosen
    assert "qualified gardener" not in chosen and "third-party shops" not in chosen


def test_a_plan_repeating_the_same_step_in_its_lists_keeps_every_step():
    """A weekly plan: each week's list holds the same warm-up step. List items are the
    plan's steps, not a copy of a paragraph."""
    weeks = "".join(
        f"<h3>Week {week}</h3><ul><li>Warm up with ten minutes of easy digging in the bed</li>"
        f"<li>Sow {week * 2} rows of broad beans along the southern edge</li></ul>"
        for week in range(1, 5))
    article = extract_article(page("A four-week sowing plan", "A four-week sowing plan",
                                   body=STORY + weeks + STORY.replace("Sunday", "Monday")),
                              "https://plots.test/sowing")
    lines = article.body.split("\n\n")
    assert lines.count("Warm up with ten minutes of easy digging in the bed") == 4


def test_a_reference_list_with_linked_titles_stays_with_the_story():
    """A health page ends with its references, each a long item whose title is a link: a
    reference list, not a menu."""
    references = "".join(
        f"<li>{authors}. <a href='https://journal.test/{n}'>{title}</a>. Journal of Plot "
        f"Studies. 20{10 + n};{n + 3}({n}):{100 + n}-{120 + n}.</li>"
        for n, (authors, title) in enumerate([
            ("Moss A, Berg I, Hollow C, et al", "Allotment gardening and wellbeing in older "
             "adults: a randomised trial over two growing seasons"),
            ("Reed T, Calder M", "Soil quality on shared urban plots: a survey of forty "
             "riverside sites after flooding"),
            ("Lindqvist P, Moss A, Okafor N", "Waiting lists for allotments and the demand for "
             "green space in mid-sized towns, 2001 to 2019"),
            ("Okafor N, Reed T, Lindqvist P, et al", "Seed swaps and crop diversity among "
             "community growers: a mixed-methods study of twelve societies")]))
    body = STORY + STORY.replace("Sunday", "Monday") + "<h2>References</h2><ul>" + \
        references + "</ul>"
    article = extract_article(page("Plots and wellbeing", "Plots and wellbeing", body=body),
                              "https://plots.test/wellbeing")
    assert "Soil quality on shared urban plots" in article.body
    assert "Seed swaps and crop diversity among community growers" in article.body


def test_a_menu_of_long_links_stays_out():
    menu = "".join(f"<li><a href='/g{n}'>Read our complete guide number {n} to growing "
                   f"vegetables on a small riverside allotment plot</a></li>" for n in range(5))
    body = STORY + STORY.replace("Sunday", "Monday") + f"<ul>{menu}</ul>"
    article = extract_article(page("Plots and wellbeing", "Plots and wellbeing", body=body),
                              "https://plots.test/wellbeing")
    assert "complete guide number" not in article.body


def test_a_commentary_label_class_in_the_headline_keeps_its_words():
    h1 = ("<span class='commentary-title'>Why the river plots matter</span> "
          "<span class='comment-count'>12</span>")
    article = extract_article(page("Why the river plots matter", h1), "https://plots.test/w")
    assert article.title == "Why the river plots matter"
