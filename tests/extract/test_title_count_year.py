"""A page's own title that is its <h1> with a count or a year added is the headline
("8 Kayak Routes Near Lakeside" over the <h1> "Kayak Routes Near Lakeside"); any other
difference leaves the <h1> as it was."""

from __future__ import annotations

import pytest

from babelwire.extract import extract_article

PARAGRAPHS = "".join(f"<p>{p}</p>" for p in (
    "The quiet northern shore is the easiest start: the water stays flat until noon and the "
    "launch ramp is a short walk from the car park by the old boathouse.",
    "Further south, the reed channels hold herons and the odd otter, and a loop of about "
    "six kilometres brings paddlers back to the same beach before the afternoon wind.",
    "The longest route crosses the open lake to the island, which only makes sense on a "
    "calm day, with a friend, and after checking the forecast twice.",
))


def page(h1: str, og_title: str) -> str:
    return (f"<html lang='en'><head><title>{og_title} | Lakeside Notes</title>"
            f"<meta property='og:title' content='{og_title}'>"
            f"<meta property='og:site_name' content='Lakeside Notes'></head><body><article>"
            f"<h1>{h1}</h1>{PARAGRAPHS}</article></body></html>")


@pytest.mark.parametrize("h1, og_title, title", [
    ("Kayak Routes Near Lakeside", "8 Kayak Routes Near Lakeside", "8 Kayak Routes Near Lakeside"),
    ("Best Lakeside Kayak Routes", "Best Lakeside Kayak Routes in 2031",
     "Best Lakeside Kayak Routes in 2031"),
    ("Best Lakeside Kayak Routes", "Best Lakeside Kayak Routes 2031", "Best Lakeside Kayak Routes 2031"),
    # anything else added: the <h1> stays
    ("Best Lakeside Kayak Routes", "Best Lakeside Kayak Routes, Tested by Our Editors",
     "Best Lakeside Kayak Routes"),
    ("Best Lakeside Kayak Routes", "Best Lakeside Kayak Routes for 12000 Paddlers",
     "Best Lakeside Kayak Routes"),
])
def test_a_count_or_a_year_the_title_adds_is_kept(h1, og_title, title):
    assert extract_article(page(h1, og_title), "https://lakeside.test/routes").title == title


def test_a_subtitle_in_a_span_shown_as_a_block_is_not_part_of_the_headline():
    h1 = ("Best Lakeside Kayak Routes<span class='block text-small'>Calm Water Picks for "
          "Beginners</span>")
    article = extract_article(page(h1, "Best Lakeside Kayak Routes"), "https://lakeside.test/r")
    assert article.title == "Best Lakeside Kayak Routes"
