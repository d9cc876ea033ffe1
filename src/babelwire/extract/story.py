"""Does the page carry a story, and how sure are we?

A short item, a news brief or an article in Chinese, Japanese or Korean is
still an article: words are counted per script (a Han, kana or Hangul
character counts as a word's worth of text, as CJK text has no spaces between
words), and a short body is returned with a lower ``confidence`` and a
warning. Only a page with no story is refused (``not_article``): no body text
at all, or a short text on a page that declares no article and reads as a
list of links (home pages, listings, error pages).

A listing is told from a landing page by where its text sits: on a listing every
line of the body is a teaser card's (a box around one linked heading: another
page's excerpt); a landing page that also links its sub-pages under headings
says something of its own (an introduction, facts, a section under a heading
of its own text), and is returned with a lower ``confidence`` and a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .body import linked_heading

WORD_RE = re.compile(r"[^\W\d_]+|\d+")  # a run of letters (or digits) in one script
# Han, Hiragana, Katakana, Hangul syllables and jamo: one character is about one word.
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
                    r"\u1100-\u11ff\u3130-\u318f]")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CJK_CHARS_PER_WORD = 1.5  # Korean words run ~3 syllables but Korean uses spaces; CJK ~1.5
FULL_WORDS = 150  # a body this long is a story beyond doubt
SHORT_WORDS = 40  # below this, a story gets a warning (brief, short item)
MIN_UNDECLARED_WORDS = 15  # a page that declares no article needs this much text
LISTING_MIN_CARDS = 5  # this many linked headings (teaser cards) ...
LISTING_WORDS_PER_CARD = 40  # ... with this few body words each ...
STORY_PARAGRAPH_WORDS = 60  # ... and no paragraph this long (a story has one) ...
OWN_PROSE_WORDS = 40  # ... and less than this outside the cards: a listing, not a landing page
CARD_MAX_LEVELS = 3  # a card is at most this many levels around its linked heading
LANDING_CONFIDENCE = 0.7  # a landing page's text, among teaser headings: a doubtful story
ERROR_PAGE_WORDS = 150  # an error title over a body shorter than this: an error page
ERROR_TITLE_RE = re.compile(
    r"\b(404|page not found|not found|error 404|page introuvable|página no encontrada|"
    r"seite nicht gefunden|pagina non trovata|página não encontrada|страница не найдена)\b",
    re.I)


@dataclass(frozen=True)
class StoryVerdict:
    is_story: bool
    confidence: float
    reason: str = ""  # why not a story, or a warning for a short one


def count_words(text: str) -> int:
    """Words of running text in any script; CJK text by characters."""
    if CJK_RE.search(text) is None:
        return len(WORD_RE.findall(text))
    cjk = len(CJK_RE.findall(text))
    rest = CJK_RE.sub(" ", text)
    return len(WORD_RE.findall(rest)) + round(cjk / CJK_CHARS_PER_WORD)


@dataclass(frozen=True)
class PageSignals:
    """What the page says about being an article, read before any cleaning."""

    declared_article: bool  # JSON-LD article type, og:type article, or an <article>
    linked_headings: int  # headings that are links: teaser cards of other pages
    title: str = ""
    card_texts: tuple[str, ...] = ()  # the teaser cards' words (only read on a possible listing)
    standfirst: str = ""  # the page's own teaser under its headline: its own words too


def linked_headings(tree: Any) -> int:
    return sum(1 for heading in tree.iter("h2", "h3", "h4") if linked_heading(heading))


def maybe_listing(signals: PageSignals) -> bool:
    """Enough teaser headings, and no article declared: the cards' text must be read."""
    return not signals.declared_article and signals.linked_headings >= LISTING_MIN_CARDS


def card_texts(tree: Any) -> tuple[str, ...]:
    """The words of each teaser card: the largest box, up to CARD_MAX_LEVELS around a linked
    heading, that holds no other heading."""
    cards = []
    for heading in tree.iter("h2", "h3", "h4"):
        if not linked_heading(heading):
            continue
        card = heading
        for _ in range(CARD_MAX_LEVELS):
            parent = card.getparent()
            if parent is None or parent.tag in ("body", "html") or \
                    sum(1 for _ in parent.iter(*HEADINGS)) > 1:
                break
            card = parent
        cards.append(_words(" ".join(card.itertext())))
    return tuple(cards)


def own_words(paragraphs: list[str], cards: tuple[str, ...]) -> int:
    """Words of the body outside the teaser cards."""
    keys = [(p, _words(p)) for p in paragraphs]
    return sum(count_words(p) for p, key in keys if not any(key in card for card in cards))


def _words(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower()))


def _no_story_reason(total: int, longest: int, signals: PageSignals, link_share: float,
                     own: int) -> str:
    if total == 0:
        return "no body text found"
    if ERROR_TITLE_RE.search(signals.title) and total < ERROR_PAGE_WORDS:
        return f"an error page ({signals.title[:60]!r})"
    if signals.declared_article:
        return ""
    if total < MIN_UNDECLARED_WORDS or link_share > 0.5:
        return f"no story: {total} words, mostly links or furniture"
    if signals.linked_headings >= LISTING_MIN_CARDS and longest < STORY_PARAGRAPH_WORDS and \
            total < LISTING_WORDS_PER_CARD * signals.linked_headings and own < OWN_PROSE_WORDS:
        return f"a listing: {signals.linked_headings} teaser headings over {total} words"
    return ""


def judge(paragraphs: list[str], signals: PageSignals, link_share: float,
          generic_lead: bool) -> StoryVerdict:
    """The verdict for a body; ``link_share`` is the share of its text inside links."""
    counts = [count_words(p) for p in paragraphs]
    total, longest = sum(counts), max(counts, default=0)
    own = own_words(paragraphs + [signals.standfirst], signals.card_texts) \
        if maybe_listing(signals) else total
    reason = _no_story_reason(total, longest, signals, link_share, own)
    if reason:
        return StoryVerdict(False, 0.0, reason)
    declared_article = signals.declared_article
    confidence = min(1.0, 0.4 + 0.6 * total / FULL_WORDS)
    if generic_lead:
        confidence *= 0.85
    if not declared_article:
        confidence *= 0.9
    reason = f"short text ({total} words): a brief or a fragment" if total < SHORT_WORDS else ""
    if maybe_listing(signals) and total < LISTING_WORDS_PER_CARD * signals.linked_headings:
        confidence *= LANDING_CONFIDENCE
        reason = reason or (f"a landing page? {signals.linked_headings} teaser headings "
                            f"around {own} words of its own")
    return StoryVerdict(True, round(confidence, 2), reason)
