"""Scores for the extraction eval corpus (used by the eval test and by bench/extract.py).

Each page ``pages/<id>.html`` has its truth in ``pages/<id>.json``. Per page:

- body F1: word 4-gram F1 between the extracted body and the expected paragraphs
  joined (lower-cased, tokens are ``\\w+`` words, n-grams counted as a multiset;
  with fewer than 4 words on either side, unigrams instead);
- title: exact match after whitespace normalisation;
- date: the extracted ``published`` is the same instant as the expected one, or
  both are missing;
- attribution: exact match of the sets of (outlet, kind), outlets compared
  case-insensitively, the extracted set restricted to the kinds in
  ``ATTRIBUTION_KINDS`` (``attribution_f1`` is reported beside it);
- author: case- and whitespace-insensitive match (both empty counts as a match).

Load this file by path (``load_score_module`` in the eval test shows how): the
tests folder is not a package.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from babelwire.clock import parse_iso
from pathlib import Path
from typing import Any, Iterable

PAGES = Path(__file__).with_name("pages")
ATTRIBUTION_KINDS = {"title_suffix", "source_link", "dateline", "cited", "read_more"}
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    page_id: str
    body_f1: float
    title: bool
    date: bool
    attribution: bool
    attribution_f1: float
    author: bool
    error: str = ""


def ngrams(text: str, size: int) -> Counter:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def body_f1(extracted: str, expected: Iterable[str] | str) -> float:
    """Word 4-gram F1 (unigrams when either side has fewer than 4 words)."""
    truth = expected if isinstance(expected, str) else "\n\n".join(expected)
    size = 4 if min(len(WORD.findall(extracted)), len(WORD.findall(truth))) >= 4 else 1
    got, want = ngrams(extracted, size), ngrams(truth, size)
    if not got and not want:
        return 1.0
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _instant(text: str | None) -> datetime | None:
    return parse_iso(text)


def same_date(extracted: str | None, expected: str | None) -> bool:
    got, want = _instant(extracted), _instant(expected)
    return got == want if got and want else not got and not want


def _space(text: str | None) -> str:
    return " ".join((text or "").split())


def credit_set(items: Iterable[Any]) -> set[tuple[str, str]]:
    """(outlet, kind) pairs from dicts or Attribution records, kinds restricted."""
    found = set()
    for item in items:
        outlet = item["outlet"] if isinstance(item, dict) else item.outlet
        kind = item["kind"] if isinstance(item, dict) else item.kind
        if kind in ATTRIBUTION_KINDS:
            found.add((_space(outlet).casefold(), kind))
    return found


def set_f1(got: set, want: set) -> float:
    if not got and not want:
        return 1.0
    overlap = len(got & want)
    return 2 * overlap / (len(got) + len(want))


def score_page(expected: dict, article: Any | None, error: str = "") -> PageScore:
    """Score one extraction (``article`` None when extraction failed)."""
    if article is None:
        empty = not expected["body"]
        return PageScore(expected["id"], float(empty), False, False, False, 0.0, False, error)
    got, want = credit_set(article.attribution), credit_set(expected.get("attribution") or [])
    return PageScore(
        page_id=expected["id"],
        body_f1=body_f1(article.body, expected["body"]),
        title=_space(article.title) == _space(expected["title"]),
        date=same_date(article.published, expected.get("published")),
        attribution=got == want,
        attribution_f1=set_f1(got, want),
        author=_space(article.author).casefold() == _space(expected.get("author")).casefold(),
    )


def load_pages(folder: Path = PAGES) -> list[tuple[Path, dict]]:
    """(html path, expected record) for every page with both files, sorted by id."""
    pages = []
    for truth in sorted(folder.glob("*.json")):
        html = truth.with_suffix(".html")
        if not html.is_file():
            continue
        try:
            expected = json.loads(truth.read_text(encoding="utf-8"))
        except ValueError:
            continue  # a page still being written
        if isinstance(expected, dict) and isinstance(expected.get("body"), list):
            expected.setdefault("id", truth.stem)
            pages.append((html, expected))
    return pages


METRICS = ("body_f1", "title", "date", "attribution", "attribution_f1", "author")


def averages(scores: list[PageScore]) -> dict[str, float]:
    if not scores:
        return {name: 0.0 for name in METRICS}
    return {name: sum(float(getattr(s, name)) for s in scores) / len(scores) for name in METRICS}


def format_table(scores: list[PageScore]) -> str:
    lines = [f"{'page':<28} body_f1 title date attr attr_f1 author"]
    for s in scores:
        lines.append(f"{s.page_id:<28} {s.body_f1:7.3f} {int(s.title):5d} {int(s.date):4d} "
                     f"{int(s.attribution):4d} {s.attribution_f1:7.2f} {int(s.author):6d}"
                     + (f"  error: {s.error}" if s.error else ""))
    return "\n".join(lines)
