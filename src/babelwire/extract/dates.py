"""When the story was published (and last updated), from the best evidence.

In order: JSON-LD ``datePublished`` (the article's object first, then any
object of the page), the ``article:published_time`` family of meta tags,
microdata ``datePublished``, a ``<time>`` in the byline (never one marked as
an update), a date in the URL, then htmldate's heuristics (the maintained
library trafilatura itself uses; asked for the original date, not the latest).
A modified date never stands in for the publication date; it is ``updated``.

The date the page *shows* beside its headline ("March 9, 2026", "Published
on 8 Oct 2022") is read too (``shown_date``): readers and editors go by it,
and the stated metadata is often a CMS's import or migration time. A shown
day earlier than the stated one wins (the stated time is a re-save); a later
one does not (it is most likely an unlabelled update), nor does a shown date
labelled as an update ("Updated Dec 18"); of several shown days, the earliest.
With no stated date, the shown day comes before htmldate's
guess. A sentence saying when the story first came out ("originally published on
26 Sep 2019") is the publication day when it is earlier than the stated one.

A ``<time>`` just under the headline is the byline's, ahead of any other ``<time>``
of the page (a list of related stories above the headline carries its own).

Two forms are kept: ``published`` in UTC (for ordering; the project's
contract), and ``published_local``, the same moment as the page wrote it
(its own offset, or a bare day), whose calendar day is the one the page
gives its readers (a UTC conversion moves 11 pm in New York to the next day).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from htmldate import find_date
from htmldate.extractors import try_date_expr

from ..clock import normalize_date, parse_iso

log = logging.getLogger(__name__)

PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished",
                  "date_published", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
                  "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date", "date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified")
UPDATE_MARK = re.compile(r"updat|modif|edited|revis|aktualis|mis à jour|actualiz", re.I)
PUBLISHED_MARK = re.compile(r"publish|entry-date|posted|pubdate|created", re.I)
BYLINE_TIME = (
    "//*[@itemprop='datePublished']",
    "//article//time[@datetime] | //header//time[@datetime] | //main//time[@datetime]",
    "//time[@datetime]",
)
CARD_MAX_WORDS = 60  # an <article> this short, apart from the headline's, is a teaser card
URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/")  # "/archive/2025/12/"
MONTH_SCAN_TEXTS = 400  # text pieces read for a day in the URL's month
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)")

# -- the date shown beside the headline
SHOWN_AFTER = 40  # text pieces read after the headline ...
SHOWN_BEFORE = 6  # ... and before it (a kicker line above the headline)
SHOWN_MAX_CHARS = 80  # a longer text piece is not a dateline
STORY_TEXT_CHARS = 200  # a text piece this long is the story: the header is over
SHOWN_MAX_DATES = 3  # dates read in the header, at most
# a day with a month written out, or an ISO day; "03/01/2017" is ambiguous and not read
SHOWN_CUE = re.compile(r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b|[^\W\d_]{3,}\.?\s*\d{1,2}\b|"
                       r"\b\d{1,2}\.?\s+[^\W\d_]{3,}", re.U)
SHOWN_TEXT = ("following::text()[normalize-space()][position() <= $n]",
              "preceding::text()[normalize-space()][position() <= $n]")
NOT_TEXT = {"script", "style", "noscript", "template", "option", "button"}
EARLIEST = datetime(1995, 1, 1)
# "This article was originally published on 26 Sep 2019 ..."
ORIGINALLY = re.compile(r"\boriginally\s+(?:published|posted|appeared|ran)\b(?:\s+(?:on|in))?"
                        r"\s+(.{6,40})", re.I)
ORIGINALLY_TEXT = "//body//text()[contains(., 'riginally')][position() <= 20]"


@dataclass(frozen=True)
class PageDates:
    published: str | None = None  # UTC ISO 8601
    updated: str | None = None  # UTC ISO 8601
    published_local: str | None = None  # as the page wrote it: its own offset, or a bare day


def _marked_update(node: Any) -> bool:
    """Marked as the modified date (hAtom's "entry-date updated" on the published time is
    not: WordPress themes mark the publication time so)."""
    for element in [node, node.getparent()]:
        if element is None:
            continue
        marks = " ".join(str(element.get(a, "")) for a in ("class", "id", "itemprop"))
        if UPDATE_MARK.search(marks) and not PUBLISHED_MARK.search(marks):
            return True
        text = element.text_content()[:80] if hasattr(element, "text_content") else ""
        if UPDATE_MARK.search(text) and not re.search(r"publi", text, re.I):
            return True
    return False


def _time_value(node: Any) -> str:
    return (node.get("content") or node.get("datetime") or node.get("title") or "").strip()


def headline_time(headline: Any, update: bool = False) -> str:
    """The ``datetime`` of a <time> in the lines under the headline, not marked an update
    (with ``update``: one marked so)."""
    if headline is None:
        return ""
    for text in _window(headline):
        holder = text.getparent().getparent() if text.is_tail else text.getparent()
        if holder is None:
            continue
        for node in holder.xpath("ancestor-or-self::time[@datetime][1]"):
            if _time_value(node) and _marked_update(node) == update \
                    and not _other_story(node, headline):
                return _time_value(node)
    return ""


def byline_time(tree: Any, headline: Any = None) -> str:
    """A <time> (or datePublished microdata) near the byline that is not an update, nor
    another story's (inside an ``<article>`` that does not hold the headline: a teaser
    card of a related story)."""
    under_headline = headline_time(headline)
    if under_headline:
        return under_headline
    for path in BYLINE_TIME:
        for node in tree.xpath(path):
            value = _time_value(node)
            if value and not _marked_update(node) and not _other_story(node, headline):
                return value
    return ""


def _other_story(node: Any, headline: Any) -> bool:
    """Inside a teaser card: an ``<article>`` apart from the headline's that is short or
    whose heading is a link (the story's own ``<article>`` may sit below a hero headline)."""
    if headline is None:
        return False
    card = next(node.iterancestors("article"), None)
    if card is None or card in set(headline.iterancestors()):
        return False
    linked = card.xpath(".//*[self::h2 or self::h3 or self::h4][.//a]")
    return bool(linked) or len(card.text_content().split()) < CARD_MAX_WORDS


def url_date(url: str | None) -> str:
    match = URL_DATE.search(url or "")
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def heuristic_date(tree: Any, url: str | None) -> str:
    try:
        # url="" keeps htmldate from guessing a day from a month-only URL (/2026/11/)
        return find_date(tree, url="", original_date=True, extensive_search=True) or ""
    except Exception as exc:  # noqa: BLE001 - a third-party failure only loses its vote
        log.debug("htmldate failed on %s: %s", url, exc)
        return ""


def jsonld_value(objects: list[dict], key: str) -> str:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _window(headline: Any) -> list[Any]:
    """The text nodes after the headline, in document order, up to the story's first
    paragraph."""
    found = []
    for text in headline.xpath(SHOWN_TEXT[0], n=SHOWN_AFTER):
        if not _readable(text):
            continue
        if len(" ".join(text.split())) >= STORY_TEXT_CHARS:
            break
        found.append(text)
    return found


def _text_pieces(headline: Any) -> list[str]:
    """Short texts around the headline in document order, up to the story's first paragraph."""
    before = [t for t in headline.xpath(SHOWN_TEXT[1], n=SHOWN_BEFORE) if _readable(t)]
    return [" ".join(t.split()) for t in before + _window(headline)]


def _readable(text: Any) -> bool:
    parent = text.getparent()
    return parent is not None and parent.tag not in NOT_TEXT


def shown_date(headline: Any, now: datetime | None = None) -> str:
    """The day printed beside the headline ("Published March 9, 2026"), as YYYY-MM-DD, or "".

    A date labelled as an update ("Updated: Dec 12, 2025") is skipped; of several
    unlabelled ones (a published and an updated day side by side), the earliest.
    """
    if headline is None:
        return ""
    latest = now or datetime.now()
    labels: list[str] = ["", ""]
    days: list[str] = []
    for piece in _text_pieces(headline):
        if len(piece) <= SHOWN_MAX_CHARS and SHOWN_CUE.search(piece):
            day = try_date_expr(piece, "%Y-%m-%d", False, EARLIEST, latest)
            if day:
                marked = UPDATE_MARK.search(" ".join(labels + [piece]))
                if not marked or PUBLISHED_MARK.search(piece):
                    days.append(day)
                if len(days) >= SHOWN_MAX_DATES:
                    break
        labels = [labels[1], piece]
    return min(days, default="")


def local_form(text: str) -> str | None:
    """An ISO date or date-time as the page wrote it (offset kept, no conversion), or None."""
    moment = parse_iso(text)
    if moment is None:
        return None
    stripped = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        return stripped
    written = datetime.fromisoformat(stripped.replace("Z", "+00:00"))
    return written.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def original_date(tree: Any, now: datetime | None = None) -> str:
    """The day a sentence says the story first came out ("originally published on ..."), or ""."""
    for text in tree.xpath(ORIGINALLY_TEXT):
        match = ORIGINALLY.search(" ".join(text.split()))
        if match and _readable(text):
            day = try_date_expr(match.group(1), "%Y-%m-%d", False, EARLIEST, now or datetime.now())
            if day:
                return day
    return ""


def _earlier_day(local: str, shown: str, original: str) -> str:
    """A day stated in words or shown beside the headline, when earlier than the stated one.

    A shown day one before a stated UTC time is the same moment in the site's own zone
    (the stated 02:17 UTC on the 10th is the evening of the 9th in America): the day the
    page gives its readers is the local one, so it wins too."""
    for day in (original, shown):
        if day and day < local[:10]:
            return day
    return local


NEW_YEAR_RE = re.compile(r"\b(?:jan(?:uary)?\.?\s+0?1(?:st)?\b|0?1(?:st)?\s+jan|\d{4}-01-01|"
                         r"0?1[/.]0?1[/.]\d{2,4})", re.I)


def _not_a_bare_year(tree: Any, guess: str) -> str:
    """htmldate's 1 January of a year the page only names ("(c) 2020"): no day at all."""
    if not guess or guess[4:10] != "-01-01":
        return guess
    text = " ".join(tree.xpath("//body//text()[normalize-space()]"))
    html_dates = " ".join(tree.xpath("//@datetime | //@content"))
    return guess if NEW_YEAR_RE.search(text) or NEW_YEAR_RE.search(html_dates) else ""


def _in_url_month(tree: Any, url: str | None, guess: str) -> str:
    """htmldate's guess, unless the URL names a month (".../2025/12/slug") that the guess is
    not in (a copyright year, an old linked post) or there is no guess: then the first day of
    that month the page shows, else the guess."""
    match = URL_MONTH.search(url or "")
    if not match:
        return guess
    month = f"{match.group(1)}-{int(match.group(2)):02d}"
    if guess.startswith(month):
        return guess
    latest = datetime.now()
    for text in tree.xpath("//body//text()[normalize-space()]")[:MONTH_SCAN_TEXTS]:
        piece = " ".join(text.split())
        if match.group(1) in piece and len(piece) <= SHOWN_MAX_CHARS and _readable(text):
            day = try_date_expr(piece, "%Y-%m-%d", False, EARLIEST, latest)
            if day and day.startswith(month):
                return day
    return guess


def publication_dates(tree: Any, objects: list[dict], meta: Callable[..., str],
                      url: str | None, headline: Any = None) -> PageDates:
    """The page's dates; ``objects`` are JSON-LD, the article's first."""
    updated = normalize_date(jsonld_value(objects, "dateModified") or meta(*MODIFIED_META)
                             or headline_time(headline, update=True))
    shown, original = shown_date(headline), original_date(tree)
    sources = (lambda: jsonld_value(objects, "datePublished"), lambda: meta(*PUBLISHED_META),
               lambda: byline_time(tree, headline), lambda: url_date(url),
               lambda: original or shown, lambda: heuristic_date(tree, url))
    for source in sources:
        stated = source()
        if source is sources[-1]:
            stated = _in_url_month(tree, url, _not_a_bare_year(tree, stated))
        local = local_form(stated) if stated else None
        if local:
            local = _earlier_day(local, shown, original)  # a later stated day is a re-save
            return PageDates(normalize_date(local), updated, local)
    return PageDates(None, updated, None)
