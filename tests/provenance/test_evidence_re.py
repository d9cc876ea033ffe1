"""The number and ISO-date patterns of evidence.py, written digit first for speed, match
exactly where their plain forms (the look-behind first) do."""

from __future__ import annotations

import random
import re

from babelwire.provenance.evidence import ISO_DATE_RE, NUMBER_RE, dates_in, numbers_in

PLAIN_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?(?![\w])"
                          r"|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
PLAIN_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_the_same_matches_as_the_plain_patterns_on_random_text():
    pieces = list("0123456789 .,-_a\u00a0\u202fxÉ٣²\n") + ["2024-05-06", "1 200", "3,5", "12.000"]
    rng = random.Random(11)
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _spans(NUMBER_RE, text) == _spans(PLAIN_NUMBER, text), text
        assert _spans(ISO_DATE_RE, text) == _spans(PLAIN_ISO_DATE, text), text


def test_numbers_and_dates_read_as_before():
    text = ("On 2031-04-09 the council approved 1 250 000 euros (3,5 %) for 12 ferries; "
            "v2.1 and x12 are not numbers of the story.")
    assert numbers_in(text) == {"n:1250000": "1 250 000", "n:35": "3,5", "n:12": "12"}
    assert dates_in(text) == {"d:4-9": "2031-04-09"}
