"""Two readings of one page, decided block by block.

babelwire's own reading (``body.choose_body``) is precise: it keeps the
story's container, but on long, sectioned pages (guides, explainers, reviews
whose body runs through ``<h2>`` sections, lists and tables) it may keep one
part and drop the rest. trafilatura, run on the same parsed tree, reads more
of such pages but also keeps more furniture. Neither is used whole: every
text block of the cleaned page is checked against trafilatura's text, and a
block it confirms joins the body when the page's own evidence places it in
the story (between the chosen blocks, or in the same part of the page: a few
levels from them, or inside the container that holds both the headline and
them), and is not navigation or a teaser. Blocks babelwire removed as clutter (hidden
copies, menus, sign-up boxes) stay out whatever trafilatura says.

When the two readings barely agree (less than MIN_OVERLAP of babelwire's
words in trafilatura's text), the page's own evidence decides: a body
confirmed by JSON-LD ``articleBody`` wins; otherwise the reading with more
text does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import trafilatura

from .body import EMBED_TAGS, HEADING_TAGS, MAX_LINK_DENSITY, STORY_MIN_CHARS, BodyChoice
from .dom import Block, words
from .patterns import BOILERPLATE_RE

log = logging.getLogger(__name__)

SHARED_SHARE = 0.5  # a block whose words are this much in the other text is shared
MIN_OVERLAP = 0.3  # below this share of babelwire's words in trafilatura's, they disagree
VOUCH_MIN_CHARS = 150  # a furniture-named box needs this much confirmed text to stay
TEASER_LEVELS = 3  # a block this close below a teaser card is part of it
GENERIC_RETRY_CHARS = 800  # a fast reading this short is redone with trafilatura's fallbacks
GENERIC_RETRY_SHARE = 0.25  # ... and so is one holding less than this share of the page's <p> text
GENERIC_SHORT_CHARS = 2500  # ... or one this short holding less than ...
GENERIC_SHORT_SHARE = 0.5  # ... this share of it
CITATION_MIN_CHARS = 120  # a list item this long, with at least ...
CITATION_UNLINKED_CHARS = 50  # ... this much text outside its links, is a reference
NEAR_LEVELS = 4  # an extra block sharing an ancestor this few levels above the region is nearby


def generic_text(tree: Any, url: str | None) -> str:
    """trafilatura's reading of the tree (it works on its own copy). ``fast`` first: without
    its readability/jusText fallbacks (a fifth less time); they run only when the fast reading
    is very short (``GENERIC_RETRY_CHARS``), or holds a small share of the page's paragraph
    text (``GENERIC_RETRY_SHARE``; half of it when short), where its own main pass most often
    misses the story (a guide's sections inside "product-widget" boxes, a list of reviewed
    items in boxes of their own). A short news item read whole is not read twice."""
    text = _trafilatura_text(tree, url, fast=True)
    size = len(text)
    if size < GENERIC_RETRY_CHARS or size < (GENERIC_SHORT_SHARE if size < GENERIC_SHORT_CHARS
                                             else GENERIC_RETRY_SHARE) * _paragraph_chars(tree):
        fuller = _trafilatura_text(tree, url, fast=False)
        text = fuller if len(fuller) > len(text) else text
    return text


def _paragraph_chars(tree: Any) -> int:
    return sum(len(" ".join(p.text_content().split())) for p in tree.iter("p"))


def _trafilatura_text(tree: Any, url: str | None, fast: bool) -> str:
    try:
        document = trafilatura.bare_extraction(
            tree, url=url, fast=fast, with_metadata=False, include_comments=False,
            include_tables=True, include_images=False, deduplicate=False)
    except Exception as exc:  # noqa: BLE001 - a third-party failure only loses its vote
        log.debug("trafilatura failed on %s: %s", url, exc)
        return ""
    return (getattr(document, "text", None) or "") if document is not None else ""


class TextIndex:
    """Word n-grams of a text, to ask whether a block's words are in it."""

    def __init__(self, text: str) -> None:
        tokens = words(text)
        self.lines = {" ".join(words(part)) for line in text.split("\n")
                      for part in line.split("|")} - {""}
        self.grams = {tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)}
        self.size = len(tokens)

    def holds(self, text: str) -> bool:
        tokens = words(text)
        if not tokens:
            return False
        if len(tokens) < 4:  # a short line (heading, list item, cell) must be a line there too
            return " ".join(tokens) in self.lines
        grams = [tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)]
        return sum(1 for g in grams if g in self.grams) >= SHARED_SHARE * len(grams)


def vouching(index: TextIndex) -> Callable[[Any], bool]:
    """An element whose paragraphs the generic reading holds as story (enough of them)."""
    def vouched(element: Any) -> bool:
        text = " ".join(" ".join(p.text_content().split()) for p in element.iter("p"))
        return len(text) >= VOUCH_MIN_CHARS and index.holds(text)
    return vouched


@dataclass(frozen=True)
class StoryRegion:
    """Where the chosen blocks sit: what an extra block must be near to join them."""

    anchor: Any  # the chosen blocks' common ancestor
    story_root: Any  # the smallest element holding the headline and them (not <body>), or None
    teasers: frozenset

    def holds(self, element: Any) -> bool:
        """Inside the chosen blocks' own container (a line among them)."""
        return self.anchor is not None and self.anchor in set(element.iterancestors())

    def near(self, element: Any) -> bool:
        if _near(element, self.anchor):
            return True
        return self.story_root is not None and self.story_root in set(element.iterancestors())


def _story_root(elements: list[Any], headline: Any) -> Any:
    if headline is None:
        return None
    root = _common_ancestor(elements + [headline])
    return None if root is None or root.tag in ("body", "html") else root


def merge_blocks(blocks: list[Block], choice: BodyChoice | None, index: TextIndex,
                 headline: Any = None) -> tuple[list[Block], str]:
    """The story's blocks from both readings, and which reading led ("both", "own", "generic")."""
    first: dict[Block, int] = {}   # where each block first is (list.index, without the scans)
    for i, block in enumerate(blocks):
        first.setdefault(block, i)
    chosen = [first[b] for b in choice.blocks] if choice else []
    if index.size == 0:
        return [blocks[i] for i in chosen], "own"
    confirmed = [i for i, block in enumerate(blocks) if index.holds(block.text)]
    agreed = set(confirmed)
    own_words = sum(len(words(blocks[i].text)) for i in chosen)
    shared = sum(len(words(blocks[i].text)) for i in chosen if i in agreed)
    if not chosen or shared < MIN_OVERLAP * own_words:
        return _disagreement(blocks, chosen, confirmed, choice, own_words)
    teasers = choice.teasers if choice else frozenset()
    keep = set(chosen)
    first, last = min(chosen), max(chosen)
    # inside the story, a "card" is a section and a list of links the story's own references
    keep.update(i for i in range(first + 1, last) if i in agreed)
    elements = [blocks[i].element for i in chosen]
    region = StoryRegion(_common_ancestor(elements), _story_root(elements, headline), teasers)
    for step in (1, -1):
        keep.update(_extension(blocks, last if step == 1 else first, step, agreed, region))
    return _without_orphan_headings([blocks[i] for i in sorted(keep)]), "both"


def _without_orphan_headings(kept: list[Block]) -> list[Block]:
    """A heading followed by nothing, or by a heading of its rank or above, heads nothing."""
    result: list[Block] = []
    for block in reversed(kept):
        if block.tag in HEADING_TAGS and (not result or (
                result[-1].tag in HEADING_TAGS and result[-1].tag <= block.tag)):
            continue
        result.append(block)
    return result[::-1]


def _joins(block: Block, teasers: frozenset) -> bool:
    """Neither navigation nor inside another article's teaser card."""
    if block.link_density > MAX_LINK_DENSITY and not _citation(block):
        return False
    return not any(a in teasers for a in _ancestors(block.element, TEASER_LEVELS))


def _citation(block: Block) -> bool:
    """A long list item, a linked title among its own words (a reference: "Doe J, Roe R.
    <a>Title of the paper</a>. Journal. 2015;70:581."), not a menu's link."""
    unlinked = len(block.text) - block.link_chars
    return block.tag == "li" and len(block.text) >= CITATION_MIN_CHARS and \
        unlinked >= CITATION_UNLINKED_CHARS


def _ancestors(element: Any, levels: int) -> list[Any]:
    found = [element]
    for parent in element.iterancestors():
        if len(found) > levels:
            break
        found.append(parent)
    return found


def _extension(blocks: list[Block], edge: int, step: int, agreed: set[int],
               region: StoryRegion) -> list[int]:
    """Confirmed blocks next to the chosen ones, outward from ``edge``, in the same part of
    the page; stops at a 'Related' heading or at story-sized text the other reading lacks."""
    found = []
    index = edge + step
    while 0 <= index < len(blocks):
        block = blocks[index]
        if BOILERPLATE_RE["related"].search(block.text) and len(block.text) < 100 and \
                not region.holds(block.element):
            break  # a "Related:" line among the story's own paragraphs does not end it
        if index in agreed:
            if not region.near(block.element):
                break
            if _joins(block, region.teasers):
                found.append(index)
        elif len(block.text) >= STORY_MIN_CHARS and block.tag not in EMBED_TAGS \
                and block.tag not in HEADING_TAGS:
            break  # a caption, an embed or a long heading between sections does not end it
        index += step
    return found


def _disagreement(blocks: list[Block], chosen: list[int], confirmed: list[int],
                  choice: BodyChoice | None, own_words: int) -> tuple[list[Block], str]:
    generic_words = sum(len(words(blocks[i].text)) for i in confirmed)
    if chosen and (choice.confirmed or own_words >= generic_words):
        return [blocks[i] for i in chosen], "own"
    return [blocks[i] for i in confirmed], "generic"


def _common_ancestor(elements: list[Any]) -> Any:
    if not elements:
        return None
    path = [elements[0]] + list(elements[0].iterancestors())
    for element in elements[1:]:
        ancestors = set(element.iterancestors()) | {element}  # elements, not id()s: a
        path = [a for a in path if a in ancestors]  # freed proxy's id() is reused
    return path[0] if path else None


def _near(element: Any, anchor: Any) -> bool:
    """Shares an ancestor with the region at most NEAR_LEVELS above the region's own
    common ancestor, and that shared ancestor is not the whole page."""
    if anchor is None:
        return False
    ancestors = set(element.iterancestors())
    candidate = anchor
    for _ in range(NEAR_LEVELS + 1):
        if candidate is None or candidate.tag in ("body", "html"):
            return False
        if candidate in ancestors:
            return True
        candidate = candidate.getparent()
    return False
