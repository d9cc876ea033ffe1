"""The page's DOM, made readable: clutter removed, text blocks listed in order.

``strip_clutter`` mutates the tree (read metadata and attribution first):
scripts, hidden copies (``hidden``, ``display:none``, blurred or locked
paywall text), photo captions (video captions stay), small boxes around
forms, navigation, and the containers whose class or id names them as
furniture (``patterns.CLUTTER_MARKERS``) go, unless they hold the story.
``text_blocks`` then lists the paragraph-like elements with their text and
link density, the raw material for ``body``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from lxml import etree

from .patterns import (
    CLUTTER_MARKERS_RE, FOLDED_PANEL_RE, HIDDEN_CLASS_RE, HIDDEN_STYLE_RE, PAYWALL_HIDING_RE,
    PHOTO_CREDIT_RE, SHOWN_LATER_RE,
)

DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "button", "select",
             "input", "textarea", "canvas", "object", "embed", "map", "link", "meta", "form")
FURNITURE_TAGS = ("nav", "aside", "footer", "header", "dialog", "menu")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption",
              "dd", "dt", "td", "th", "div", "section", "article", "main", "address", "summary"}
INLINE_TAGS = {"a", "span", "strong", "em", "b", "i", "u", "small", "sub", "sup", "abbr", "cite",
               "q", "mark", "time", "code", "br", "font", "s", "del", "ins", "bdi", "bdo", "wbr",
               "img", "picture", "source", "amp-img", "var", "kbd", "samp", "dfn", "label", "data"}
# tags that break the text flow; any other tag, a page's own custom element (<side-note>,
# <copyable-code>) included, runs inline unless it holds a block
FLOW_BREAK_TAGS = BLOCK_TAGS | {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr",
                                "figure", "header", "footer", "nav", "aside", "details",
                                "fieldset", "hr", "form", "video", "audio", "iframe"}
CONTAINER_ONLY = {"div", "section", "article", "main", "li", "td", "dd"}
HOLDER_ONLY = {"div", "section", "article", "main"}  # boxes: an empty box inside splits them
VIDEO_TAGS = ("video", "iframe", "embed", "object", "audio", "amp-video", "amp-youtube",
              "amp-iframe", "amp-vimeo", "amp-brightcove", "amp-audio")
MAX_CAPTION_CHARS = 200
LINKS_WITH_CHILDREN = etree.XPath(".//a[*]")  # links that may hold a block (a clickable card)
STREAMED_ID_RE = re.compile(r"S:\d+")  # React's streamed segment: <div hidden id="S:3">
TITLE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PANEL_TITLE_MIN_WORDS = 4  # a panel's toggle with this many words is its title, not a control
SLUG_MIN_WORDS = 3  # an id of this many words, most of them its heading's, is a slug anchor
SLUG_SHARE = 0.8
SLUG_PREFIX_RE = re.compile(r"h|toc|\d+")  # WordPress's "h-" anchor prefix, numbering
PROTECT_SHARE = 0.5  # a furniture-looking container holding this share of the text stays
FORM_BOX_CHARS = 400  # a form and its box with at most this much text is a sign-up box


@dataclass(frozen=True)
class Block:
    """One paragraph-like piece of text, in document order."""

    element: Any
    text: str
    tag: str
    link_chars: int

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def _marker(element: Any) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}".lower()


def _is_hidden(element: Any) -> bool:
    if element.get("fallback") is not None:
        return True
    style = element.get("style")
    hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true" \
        or bool(style and HIDDEN_STYLE_RE.search(style)) or _hidden_marker(_marker(element))
    return hidden and not _folded_panel(element, style or "")


def _folded_panel(element: Any, style: str) -> bool:
    """A collapsed accordion or tab panel: hidden until the reader opens it with the toggle
    that names it (``role=region`` with ``aria-labelledby``, or a class such as
    "accordion-content", "collapse", "faq-answer"); its text is the page's. Blurred or
    locked paywall text stays hidden."""
    marker = _marker(element)
    if PAYWALL_HIDING_RE.search(marker) or PAYWALL_HIDING_RE.search(style):
        return False
    if element.get("role") in ("region", "tabpanel") and element.get("aria-labelledby"):
        return True
    return _folded_marker(marker)


@lru_cache(maxsize=8192)
def _folded_marker(marker: str) -> bool:
    return marker != " " and bool(FOLDED_PANEL_RE.search(marker))


def reveal_streamed_parts(root: Any) -> None:
    """React's streamed server rendering sends the late parts of a page at the end of
    ``<body>``, each in ``<div hidden id="S:n">``, and a script moves each into its
    placeholder ``<template id="B:n">``: the reader sees them there, so they are moved
    there and shown (a Next.js article often streams its whole body this way)."""
    placeholders = {t.get("id"): t for t in root.iter("template") if t.get("id", "")[:2] == "B:"}
    for segment in list(root.iter("div")):
        number = segment.get("id", "")
        if segment.get("hidden") is None or not STREAMED_ID_RE.fullmatch(number):
            continue
        del segment.attrib["hidden"]
        placeholder = placeholders.get("B:" + number[2:])
        if placeholder is None or _inside(placeholder, segment):
            continue
        tail, segment.tail = segment.tail, None
        _keep_tail(segment, tail)
        placeholder.addnext(segment)


def keep_panel_titles(root: Any) -> None:
    """A button that opens a panel (``aria-controls``, ``aria-expanded``) and holds a heading
    or a phrase (an accordion's question, "How we rank schools") titles that panel: its text
    stays when buttons go. Short toggles ("Menu", "Show more") still go."""
    for button in list(root.iter("button")):
        if button.get("aria-controls") is None and button.get("aria-expanded") is None:
            continue
        titled = next(button.iter(*TITLE_TAGS), None) is not None or \
            len(button.text_content().split()) >= PANEL_TITLE_MIN_WORDS
        if titled and button.getparent() is not None:
            button.drop_tag()


def _inside(element: Any, container: Any) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def _keep_tail(element: Any, tail: str | None) -> None:
    """Leave ``tail`` where ``element`` was, before it is moved or removed; a tail of spaces
    too (``like<!-- --> <a>``: the words on either side stay apart)."""
    if not tail:
        return
    if not tail.strip():
        tail = " "
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    elif parent is not None:
        parent.text = (parent.text or "") + tail


@lru_cache(maxsize=8192)
def _hidden_marker(marker: str) -> bool:
    """Class and id words that hide an element (pages repeat the same names: cached)."""
    return marker != " " and bool(HIDDEN_CLASS_RE.search(marker)) \
        and not SHOWN_LATER_RE.search(marker)


@lru_cache(maxsize=8192)
def _clutter_marker(marker: str) -> bool:
    return marker != " " and bool(CLUTTER_MARKERS_RE.search(marker))


def _named_by_its_text(element: Any) -> bool:
    """Its furniture word is only in an id made from its own heading: a slug anchor
    ("what-is-social-media-marketing", "h-menu-ideas-for-spring") names the text, not a
    role. Its class alone must not name furniture."""
    anchor = element.get("id", "")
    if not anchor or _clutter_marker(f"{element.get('class', '')} ".lower()):
        return False
    slug = [w for w in re.findall(r"[^\W_]+", anchor.lower()) if not SLUG_PREFIX_RE.fullmatch(w)]
    if len(slug) < SLUG_MIN_WORDS:
        return False
    heading = element if element.tag in TITLE_TAGS else next(element.iter(*TITLE_TAGS), None)
    if heading is None:
        return False
    text = re.findall(r"[^\W_]+", heading.text_content().lower())[:len(slug) + 3]
    return sum(1 for w in slug if w in text) >= SLUG_SHARE * len(slug)


def _paragraph_chars(element: Any) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def _story_holder(element: Any, total: int, protected: set) -> bool:
    """Never remove the headline's or the body's own container."""
    if element.tag in ("html", "body", "article", "main") or element in protected:
        return True
    return total > 0 and _paragraph_chars(element) >= PROTECT_SHARE * total


def _protected(root: Any, headline: Any) -> set:
    """The headline, the page's declared article body, and every element around them."""
    anchors = root.xpath(".//*[contains(@itemprop, 'articleBody')]")
    anchors += [headline] if headline is not None else list(root.iter("h1"))
    protected = set()
    for anchor in anchors:
        protected.add(anchor)
        protected.update(anchor.iterancestors())
    return protected


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    _keep_tail(element, element.tail)
    parent.remove(element)


def _holds_video(element: Any) -> bool:
    if next(element.iter(*VIDEO_TAGS), None) is not None:
        return True
    return "video" in _marker(element)


def _holds_image(element: Any) -> bool:
    return next(element.iter("img", "picture", "amp-img"), None) is not None


def _photo_caption_like(element: Any) -> bool:
    """Short text without a full stop, as under a photo ("Harbour at dusk. Photo: X" too)."""
    text = " ".join(element.text_content().split())
    return 0 < len(text) <= MAX_CAPTION_CHARS and (
        not text.endswith((".", "!", "?", "…", "»", "”", '"')) or PHOTO_CREDIT_RE.search(text))


def drop_photo_captions(root: Any) -> None:
    """Captions of photos are not the story; captions of videos (and embeds) are."""
    for caption in list(root.iter("figcaption")):
        figure = caption.getparent()
        if figure is not None and _holds_image(figure) and not _holds_video(figure):
            _remove(caption)
    for element in list(root.iter("div", "p", "td", "span")):
        if element.getparent() is None or "caption" not in _marker(element):
            continue
        holder = element.getparent()
        if _holds_image(holder) and not _holds_video(holder) and \
                _text_chars(element) <= MAX_CAPTION_CHARS:
            _remove(element)
    for image in list(root.iter("img")):
        block = image
        while block.getparent() is not None and block.getparent().tag in ("a", "span", "div", "p") \
                and not " ".join(block.getparent().text_content().split()):
            block = block.getparent()
        following = block.getnext()
        if following is not None and following.tag in ("div", "p") and \
                not any(child.tag in BLOCK_TAGS for child in following) and \
                _photo_caption_like(following):
            _remove(following)


def drop_form_boxes(root: Any, protected: set) -> None:
    """A small box around a form (newsletter sign-up, search, comment) is never the story."""
    for form in list(root.iter("form")):
        if form.getparent() is None or _text_chars(form) > FORM_BOX_CHARS or form in protected:
            continue
        box = form
        for _ in range(2):
            parent = box.getparent()
            if parent is None or parent.tag in ("body", "main", "article") or parent in protected \
                    or _text_chars(parent) > FORM_BOX_CHARS:
                break
            box = parent
        _remove(box)


def _text_chars(element: Any) -> int:
    return len(" ".join(element.text_content().split()))


def strip_clutter(tree: Any, headline: Any = None,
                  vouched: Callable[[Any], bool] | None = None) -> Any:
    """Remove what is never the story; returns the ``<body>`` (or the root).

    ``vouched(element)`` says another reading of the page holds a furniture-named
    container's text as story (a "product-widget" holding a guide's sections): it stays.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    for element in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(element)
    reveal_streamed_parts(root)
    keep_panel_titles(root)
    drop_photo_captions(root)
    protected = _protected(root, headline)
    drop_form_boxes(root, protected)
    for element in list(root.iter(*DROP_TAGS)):
        if element.tag != "form" or _paragraph_chars(element) < 200:
            _remove(element)
    total = _paragraph_chars(root)
    # syntax highlighting names its spans "comment", "tag", "keyword": never furniture
    in_code = {e for code in root.iter("pre", "code") for e in code.iterdescendants()}
    for element in list(root.iter(*FURNITURE_TAGS)):
        if element.getparent() is not None and not _story_holder(element, total, protected):
            _remove(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None \
                or element in in_code:
            continue
        if _is_hidden(element):
            _remove(element)
        elif _clutter_marker(_marker(element)) and not _named_by_its_text(element) \
                and not _story_holder(element, total, protected) \
                and not (vouched is not None and vouched(element)):
            _remove(element)
    return root


def _own_text(element: Any) -> str:
    """Text of ``element`` outside its block-level children."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in FLOW_BREAK_TAGS and \
                next(child.iter(*BLOCK_TAGS), None) is None:  # blocks inside are listed apart
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _link_chars(element: Any) -> int:
    return sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))


def text_blocks(root: Any) -> list[Block]:
    """Paragraph-like elements in document order (nested blocks counted once)."""
    blocks: list[Block] = []
    in_links = {inner for link in LINKS_WITH_CHILDREN(root)
                for inner in link.iterdescendants(*BLOCK_TAGS)}
    for element in root.iter(*BLOCK_TAGS):
        has_block_child = any(isinstance(c.tag, str) and c.tag in FLOW_BREAK_TAGS
                              for c in element) \
            or next(element.iterdescendants(*BLOCK_TAGS), None) is not None
        if has_block_child and (element.tag in HOLDER_ONLY or not _textless_blocks_only(element)):
            text = _own_text(element) if element.tag in CONTAINER_ONLY else ""
            if len(text) >= 40:  # text typed straight into a container, between blocks
                blocks.append(Block(element, text, element.tag, 0))
            continue
        pieces = _pieces(element)
        total = sum(len(piece) for piece in pieces) or 1
        links = total if element in in_links else _link_chars(element)  # a card that is a link
        for piece in pieces:
            blocks.append(Block(element, piece, element.tag, round(links * len(piece) / total)))
    return blocks


def _textless_blocks_only(element: Any) -> bool:
    """Every block inside holds no text: an empty widget (a heading's anchor-link icon, a
    spacer) does not split the element, whose text is all its own ("<h4><strong>Title
    </strong><div class='anchor'></div></h4>")."""
    for inner in element.iterdescendants(*FLOW_BREAK_TAGS):
        if any(text.strip() for text in inner.itertext()):
            return False
    return True


def _text_with_breaks(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "br" else _text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _pieces(element: Any) -> list[str]:
    """The element's text; split into paragraphs where it uses a blank line (<br><br>)."""
    if element.find(".//br") is None:
        text = " ".join(element.text_content().split())
        return [text] if text else []
    pieces = re.split(r"\n[^\S\n]*\n", _text_with_breaks(element))
    return [" ".join(piece.split()) for piece in pieces if piece.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
