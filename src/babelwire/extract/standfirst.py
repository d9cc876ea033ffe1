"""The standfirst (teaser, chapô, entradilla, Vorspann): the lead printed under the headline.

Only an element the page marks as such (its class, or ``itemprop=description``)
counts, and only near the headline: teaser lists further down carry the same
class names ("excerpt", "summary") for other articles.
"""

from __future__ import annotations

from typing import Any

from .patterns import BOILERPLATE_RE, STANDFIRST_CLASS

NEAR_HEADLINE = 40  # elements after the headline where the standfirst may be
MIN_CHARS, MAX_CHARS = 30, 600
MAX_LINK_SHARE = 0.3
BODY_PARAGRAPH_CHARS = 80
CANDIDATE_TAGS = {"p", "div", "h2", "h3", "span", "section", "header", "b", "strong"}


def _marked(node: Any) -> bool:
    if node.tag not in CANDIDATE_TAGS:
        return False
    if "description" in (node.get("itemprop") or "") or "alternativeHeadline" in (
            node.get("itemprop") or ""):
        return True
    return bool(STANDFIRST_CLASS.search(f"{node.get('class', '')} {node.get('id', '')}"))


def _acceptable(node: Any) -> str:
    """The node's text if it reads like a standfirst, else ''."""
    if node.xpath(".//p[2] | .//h2 | .//h3 | .//h4"):
        return ""
    text = " ".join(node.text_content().split())
    links = sum(len(" ".join(a.text_content().split())) for a in node.iter("a"))
    if not MIN_CHARS <= len(text) <= MAX_CHARS or links > MAX_LINK_SHARE * len(text):
        return ""
    return "" if BOILERPLATE_RE["cookies"].search(text) else text


def _near(headline: Any) -> list[Any]:
    return headline.xpath(f"following::*[position() <= {NEAR_HEADLINE}]")


def _anywhere(tree: Any) -> list[Any]:
    return tree.xpath("//body//*[not(ancestor::nav or ancestor::footer or ancestor::aside)]")


def _body_started(node: Any) -> bool:
    """An unmarked paragraph of story length: the standfirst, if any, came before it."""
    return node.tag == "p" and len(node.text_content()) >= BODY_PARAGRAPH_CHARS


def _after_linked_heading(node: Any) -> bool:
    """Inside a teaser card: a heading that is a link comes first in the same small box."""
    parent = node.getparent()
    box = parent.getparent() if parent is not None else None
    if box is None:
        return False
    for element in box.iter():
        if element is node:
            return False
        if element.tag in ("h2", "h3", "h4", "h5") and element.find(".//a") is not None:
            return True
    return False


def find_standfirst(tree: Any, headline: Any) -> str:
    """The marked standfirst just after the headline (or, without a headline, the first one)."""
    candidates = _near(headline) if headline is not None else _anywhere(tree)
    for node in candidates:
        if _marked(node):
            text = _acceptable(node)
            if text and not _after_linked_heading(node):
                return text
        elif _body_started(node):
            return ""
    return ""
