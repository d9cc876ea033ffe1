"""Which text blocks are the story: the main container, its split parts, cross-checked.

Story-like blocks (long enough, few links) vote for the element holding them,
as in readability. Holders with the same tag and first class are one body
split into parts (ad rows between them, live-blog entries); the group with the
most votes is the story's region. Votes from outside the headline's
``<article>`` (next articles, teaser lists) count for less, teaser cards (a
linked heading and an excerpt or two) not at all. Inside the region, link
lists and headings left without a story block after them are dropped.

When the page carries its own copy of the text (JSON-LD ``articleBody``), each
block is checked against it: only confirmed blocks vote, confirmed blocks are
story even outside the region, and when the copy is whole, the unconfirmed
blocks before its first and after its last paragraph go (teasers, related
excerpts), except embedded posts and captions (a copy never holds those).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .dom import Block, words

STORY_MIN_CHARS = 50  # a block shorter than this does not vote for its container
STORY_MAX_LINK_DENSITY = 0.35
HOLDER_TAGS = {"div", "section", "article", "main"}  # a block of these tags holds itself
TEASER_MAX_BLOCKS = 2  # a holder with a linked heading and this few paragraphs is a teaser card
TEASER_MAX_CHARS = 600  # ... holding at most this much paragraph text (an excerpt, not a review)
ENCLOSING_MAX_DEPTH = 5  # a holder this close above every part of the body is the body
HEADLINE_MAX_DEPTH = 3  # without an <article>, the story sits this close above the headline
OUTSIDE_WEIGHT = 0.3  # votes from outside the headline's <article>
AGREE_SHARE = 0.5  # a block whose 3-grams are this much in articleBody agrees with it
EMBED_TAGS = {"blockquote", "figcaption"}
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
# list items and cells are parts of a larger block; a heading names text, it is not text
NO_VOTE_TAGS = {"li", "td", "th", "dt", "dd", "h1"} | HEADING_TAGS
MAX_LINK_DENSITY = 0.5  # a block inside the region with more link text is navigation
FULL_COPY_SHARE = 0.8  # an articleBody this long (against the region's text) is a whole copy
CLASSLESS_LEVELS = 3  # a classless box is grouped by the named box this far above it
HUB_MAX_WORDS = 150  # a page's own text this short ...
HUB_MIN_CARDS = 5  # ... over this many cards of one kind ...
HUB_CARD_SHARE = 2.0  # ... holding this many times its words: the cards are the content


@dataclass(frozen=True)
class BodyChoice:
    blocks: tuple[Block, ...]
    regions: tuple[Any, ...]
    confirmed: bool  # the page's own copy of the text agreed with the DOM
    teasers: frozenset = frozenset()  # holders found to be other articles' teaser cards


def _vote(block: Block) -> float:
    text = block.text
    return 1.0 + text.count(",") + min(len(text) / 100, 3.0)


def _story_like(block: Block) -> bool:
    return len(block.text) >= STORY_MIN_CHARS and block.link_density <= STORY_MAX_LINK_DENSITY \
        and block.tag not in NO_VOTE_TAGS


def _holder(block: Block) -> Any:
    return block.element if block.tag in HOLDER_TAGS else block.element.getparent()


def _linked_heading_before(container: Any, block: Any) -> bool:
    """A heading that is a link comes before ``block`` in ``container``: a teaser card."""
    for element in container.iter():
        if element is block:
            return False
        if element.tag in ("h2", "h3", "h4", "h5") and linked_heading(element):
            return True
    return False


def linked_heading(heading: Any) -> bool:
    """Most of the heading's text is a link: another page's title."""
    text = len(" ".join(heading.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in heading.iter("a"))
    return bool(text) and links >= 0.8 * text


def _sectioned(container: Any) -> bool:
    """A box with a heading of its own text (not a link): a section of a story
    (a ranked item's "Pros", "Pricing"), never a teaser card."""
    return any(not linked_heading(h) for h in container.iter("h2", "h3", "h4", "h5", "h6")
               if " ".join(h.text_content().split()))


def _teaser_card(holder: Any, first_block: Any) -> Any | None:
    """The holder, or one of its two nearest ancestors, is a small box that starts with a
    linked heading and holds one or two short excerpts and no section of its own: another
    article's teaser card (returned)."""
    container = holder
    for _ in range(3):
        if container is None or container.tag in ("body", "main") or \
                next(container.iter("h1"), None) is not None:
            return None
        lengths = [len(p.text_content()) for p in container.iter("p")]
        story = sum(1 for length in lengths if length >= STORY_MIN_CHARS)
        if story > TEASER_MAX_BLOCKS or sum(lengths) > TEASER_MAX_CHARS or \
                _sectioned(container):
            return None
        if _linked_heading_before(container, first_block):
            return container
        container = container.getparent()
    return None


def container_votes(blocks: list[Block],
                    only: set[int] | None = None) -> tuple[dict[Any, float], dict[Any, Any]]:
    """Story-like blocks vote for the element holding them; teaser cards get no vote (the
    cards are returned by holder)."""
    votes: dict[Any, float] = defaultdict(float)
    first: dict[Any, Any] = {}
    teasers = {}
    for index, block in enumerate(blocks):
        if not _story_like(block) or (only is not None and index not in only):
            continue
        holder = _holder(block)
        if holder is not None:
            votes[holder] += _vote(block)
            first.setdefault(holder, block.element)
    for holder, block in first.items():
        card = _teaser_card(holder, block)
        if card is not None:
            del votes[holder]
            teasers[holder] = card
    return votes, teasers


def _keep_flags(blocks: list[Block], chosen: list[int], teasers: set) -> list[bool]:
    """Inside the region, link lists and teaser cards go, and so do headings left
    without a story block after them ("Top stories", "Related")."""
    keep = [blocks[i].link_density <= MAX_LINK_DENSITY and _holder(blocks[i]) not in teasers
            for i in chosen]
    for position in range(len(chosen) - 1, -1, -1):
        block = blocks[chosen[position]]
        if block.tag in HEADING_TAGS and keep[position]:
            following = next((p for p in range(position + 1, len(chosen)) if keep[p]), None)
            keep[position] = following is not None and \
                blocks[chosen[following]].tag not in HEADING_TAGS
    return keep


def _group_key(holder: Any) -> tuple:
    """Holders with the same tag and first class are parts of one body (split by ad rows);
    holders without a class go with the others whose parent (or, through classless boxes,
    nearest ancestor up to CLASSLESS_LEVELS above) has the same tag and first class (a
    guide's sections, each in its own "text-block" box), else with their siblings."""
    classes = holder.get("class", "").split()
    if classes:
        return (holder.tag, classes[0])
    parent = holder.getparent()
    named = parent
    for _ in range(CLASSLESS_LEVELS):  # boxes nested in classless boxes: the nearest name
        if named is None or named.get("class", "").split() or named.tag in ("body", "html"):
            break
        named = named.getparent()
    named_classes = named.get("class", "").split() if named is not None else []
    if named_classes:
        return (holder.tag, "", named.tag, named_classes[0])
    return (holder.tag, "", parent)  # the element itself: a proxy's id() may be reused


def _main_container(headline: Any, votes: dict[Any, float]) -> Any | None:
    """The <article> around the headline, else its nearest ancestor holding story text."""
    if headline is None:
        return None
    article = next((a for a in headline.iterancestors() if a.tag == "article"), None)
    if article is not None:
        return article
    for depth, ancestor in enumerate(headline.iterancestors()):
        if depth >= HEADLINE_MAX_DEPTH or ancestor.tag in ("body", "html"):
            break
        if any(_inside(holder, [ancestor]) for holder in votes):
            return ancestor
    return None


def choose_regions(votes: dict[Any, float], headline: Any = None) -> list[Any]:
    """The holders of the story: the best-scoring group of same-signature containers.

    Inside the headline's own <article> votes count fully; elsewhere (next
    articles, teaser lists) they count for OUTSIDE_WEIGHT.
    """
    main = _main_container(headline, votes)
    if main is not None and not any(_inside(h, [main]) for h in votes):
        main = None
    groups: dict[tuple, list[Any]] = defaultdict(list)
    scores: dict[tuple, float] = defaultdict(float)
    for holder, vote in votes.items():
        key = _group_key(holder)
        inside = main is None or _inside(holder, [main])
        groups[key].append(holder)
        scores[key] += vote if inside else vote * OUTSIDE_WEIGHT
    best = max(scores, key=scores.get)
    members = groups[best]
    if main is not None and any(_inside(h, [main]) for h in members):
        members = _inside_or_below(main, members, votes)
    above_footer = [h for h in members if not _in_page_footer(h)]
    return _with_sibling_sections(_with_enclosing_holder(above_footer or members, votes))


def _inside_or_below(main: Any, members: list[Any], votes: dict[Any, float]) -> list[Any]:
    """The members inside the headline's box; and those after it, before any other
    ``<h1>``, when they hold more of the story: a header box that holds the headline
    and an introduction, the story going on in the boxes below it (the next story of
    an endless page opens with its own headline). An ``<article>`` holds its story."""
    inside = [h for h in members if _inside(h, [main])]
    if main.tag == "article" or len(inside) == len(members):
        return inside
    root = main.getroottree().getroot()
    order = {element: number for number, element in enumerate(root.iter())}
    end = max(order[element] for element in main.iter())
    next_h1 = min((order[h1] for h1 in root.iter("h1") if order[h1] > end), default=len(order))
    below = [h for h in members if end < order[h] < next_h1]
    if sum(votes[h] for h in below) <= sum(votes[h] for h in inside):
        return inside
    return [h for h in members if h in inside or h in below]


def _with_sibling_sections(members: list[Any]) -> list[Any]:
    """A story cut into sibling sections of one kind (a guide's ``<details>`` or
    "section" boxes, side by side in one parent): the siblings of that kind that cast no
    vote (a section of lists, code or a table only) are sections of it too."""
    if len(members) < 2:
        return members
    parent = members[0].getparent()
    if parent is None or any(m.getparent() is not parent for m in members[1:]):
        return members
    key = _group_key(members[0])
    return [child for child in parent if child in members or (
        child.tag == members[0].tag and _group_key(child) == key)]


def _in_page_footer(element: Any) -> bool:
    """Inside the page's footer (a <footer> or contentinfo box that no <article> holds): a
    box there with the story's box signature holds the site's small print, not the story."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "article":
            return False
        if ancestor.tag == "footer" or ancestor.get("role") == "contentinfo":
            return not any(a.tag == "article" for a in ancestor.iterancestors())
    return False


def _with_enclosing_holder(members: list[Any], votes: dict[Any, float]) -> list[Any]:
    """A live blog's intro sits in the container holding all its entries: take that container."""
    if len(members) < 2:
        return members
    for holder in votes:
        if holder in members:
            continue
        if all(_depth_below(member, holder) <= ENCLOSING_MAX_DEPTH for member in members):
            return [holder]
    return members


def _depth_below(element: Any, ancestor: Any) -> int:
    for depth, parent in enumerate(element.iterancestors(), start=1):
        if parent is ancestor:
            return depth
        if depth > ENCLOSING_MAX_DEPTH:
            break
    return ENCLOSING_MAX_DEPTH + 1


def _inside(element: Any, containers: list[Any]) -> bool:
    if element in containers:
        return True
    return any(ancestor in containers for ancestor in element.iterancestors())


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    tokens = words(text)
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def agreement(blocks: list[Block], reference: str) -> set[int]:
    """Indexes of the blocks whose text the reference (articleBody) contains."""
    known = shingles(reference)
    agreeing = set()
    for index, block in enumerate(blocks):
        grams = shingles(block.text)
        if grams and len(grams & known) >= AGREE_SHARE * len(grams):
            agreeing.add(index)
    return agreeing


def choose_body(blocks: list[Block], reference: str = "",
                headline: Any = None) -> BodyChoice | None:
    """The story's blocks in document order (before line-level cleaning)."""
    agreeing = agreement(blocks, reference) if len(words(reference)) >= 30 else set()
    confirmed = sum(len(blocks[i].text) for i in agreeing) >= 0.3 * len(reference) > 0
    votes, teasers = container_votes(blocks, agreeing if confirmed else None)
    if not votes:
        return None
    containers = choose_regions(votes, headline)
    chosen = [i for i, b in enumerate(blocks) if _inside(b.element, containers)]
    chosen = [i for i, keep in zip(chosen, _keep_flags(blocks, chosen, teasers)) if keep]
    hub = _hub_cards(blocks, chosen, teasers, votes, headline)
    if hub:
        chosen = sorted(set(chosen) | set(hub))
        teasers = {}
    if confirmed:
        region_chars = sum(len(blocks[i].text) for i in chosen)
        chosen = sorted(set(chosen) | agreeing)
        if len(reference) >= FULL_COPY_SHARE * region_chars:  # a whole copy, not a teaser
            chosen = _trim_unconfirmed(blocks, chosen, agreeing)
    return BodyChoice(tuple(blocks[i] for i in chosen), tuple(containers), confirmed,
                      frozenset(teasers))


def _hub_cards(blocks: list[Block], chosen: list[int], teasers: dict[Any, Any],
               votes: dict[Any, float], headline: Any) -> list[int]:
    """A hub or a guide: a short text of its own (under HUB_MAX_WORDS) over a set of cards of
    one kind (HUB_MIN_CARDS or more, a linked heading and an excerpt each) that hold at least
    HUB_CARD_SHARE times its words: the cards are what the page has to say (a guide's
    entries, a landing page's sections), and so are the boxes of the same kind that hold
    more than an excerpt. Their headings and text join the story, their buttons do not.
    Inside the headline's ``<article>``, only cards inside it count."""
    if len(teasers) < HUB_MIN_CARDS:
        return []
    own = sum(len(words(blocks[i].text)) for i in chosen)
    if own >= HUB_MAX_WORDS:
        return []
    kinds: dict[tuple, list[Any]] = defaultdict(list)
    for holder, card in teasers.items():
        kinds[_group_key(holder)].append(card)
    kind = max(kinds, key=lambda key: len(kinds[key]))
    cards = kinds[kind] + [holder for holder in votes if _group_key(holder) == kind]
    article = next((a for a in headline.iterancestors() if a.tag == "article"), None) \
        if headline is not None else None
    if article is not None:
        cards = [card for card in cards if _inside(card, [article])]
    if len(cards) < HUB_MIN_CARDS:
        return []
    found = [i for i, block in enumerate(blocks) if _inside(block.element, cards) and (
        block.tag in HEADING_TAGS or block.link_density <= MAX_LINK_DENSITY)]
    if sum(len(words(blocks[i].text)) for i in found) < HUB_CARD_SHARE * own:
        return []
    return found


def _trim_unconfirmed(blocks: list[Block], chosen: list[int], agreeing: set[int]) -> list[int]:
    """Drop what the page's own copy lacks before its first and after its last paragraph,
    except embedded posts and captions (the copy never holds those)."""
    first, last = min(agreeing), max(agreeing)
    return [i for i in chosen if first <= i <= last or i in agreeing
            or blocks[i].tag in EMBED_TAGS or _in_embed(blocks[i].element)]


def _in_embed(element: Any) -> bool:
    return any(a.tag in ("blockquote", "figure") for a in element.iterancestors())

