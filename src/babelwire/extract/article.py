"""extract_article: the whole extraction of one page."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ..errors import ExtractError
from ..models import ExtractedArticle
from .attribution import (
    dateline_and_cited, find_disclaimers, is_source_line, same_outlet, source_links,
    title_and_credits, unique_credits,
)
from .body import choose_body
from .decode import decode_html
from .dom import Block, strip_clutter, text_blocks
from .merge import TextIndex, generic_text, merge_blocks, vouching
from .metadata import PageMetadata, read_metadata
from .patterns import BOILERPLATE_RE, BYLINE_RE, DISCLAIMER_RE
from .sanitize import paragraphs_to_html
from .standfirst import find_standfirst
from .story import PageSignals, card_texts, judge, linked_headings, maybe_listing

log = logging.getLogger(__name__)

MIN_ARTICLE_WORDS = 40  # below this, the page's other readings are tried
GENERIC_LEAD_SHARE = 0.4  # own reading under this share of the generic one's words: it leads
DEDUP_MIN_WORDS = 6  # a repeated line this long is a copy; shorter ones ("Pros", "30%") recur
MAX_FURNITURE_CHARS = 160  # boilerplate patterns only remove lines shorter than this
MAX_PLEA_CHARS = 400  # ... except cookie, newsletter and paywall pleas, up to this length
CELL_TAGS = {"td", "th"}  # a table's cells: a date or a repeated phrase there is data
ITEM_TAGS = {"li", "dd"}  # a list's items: a step repeated week after week is the plan's


def _parse(text: str) -> Any:
    if "\x00" in text[:2048]:
        raise ExtractError("not an HTML page: binary content")
    try:
        tree = lxml_html.fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"not an HTML page: {exc}") from exc
    if tree is None or tree.find(".//body") is None and not tree.xpath("//p"):
        raise ExtractError("not an HTML page: no body")
    _rejoin_stray_roots(tree)
    return tree


def _rejoin_stray_roots(tree: Any) -> None:
    """A template that closes ``</body></html>`` early and goes on (a site header printed as
    a whole document, then the article) leaves libxml2 with a second ``<html>`` root beside
    the first, holding the rest of the page. A browser keeps that rest in ``<body>``: so
    do we, in order (its ``<head>``, if any, is dropped)."""
    body = tree.find("body")
    if body is None:
        return
    for stray in [s for s in tree.itersiblings() if isinstance(s.tag, str)]:
        for child in list(stray):
            if child.tag == "body":
                body.extend(list(child))
            elif child.tag != "head":
                body.append(child)  # moved: the stray root is left empty


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@dataclass(frozen=True)
class BodyLines:
    lines: list[str]
    warnings: list[str]
    link_share: float = 0.0  # share of the text inside links
    generic_lead: bool = False  # the generic reading alone gave the body
    cells: frozenset = frozenset()  # which lines are a table's cells (data: they may repeat)
    items: frozenset = frozenset()  # which lines are a list's items (they may repeat)


def _tagged(blocks: list[Block], tags: set[str]) -> frozenset:
    return frozenset(i for i, block in enumerate(blocks) if block.element.tag in tags)


def _item_lines(blocks: list[Block]) -> frozenset:
    """A list's items, and the paragraphs inside an item (an event's description, the same
    for two dates): they may repeat. An item that is a whole copy of an earlier one is not
    one (a list shown twice)."""
    found, seen, fresh = set(_tagged(blocks, ITEM_TAGS)), set(), {}
    for number, block in enumerate(blocks):
        item = block.element.getparent()
        if item is None or item.tag not in ITEM_TAGS:
            continue
        if item not in fresh:
            key = _norm(item.text_content())
            fresh[item] = key not in seen
            seen.add(key)
        if fresh[item]:
            found.add(number)
    return frozenset(found)


def _dom_lines(tree: Any, meta: PageMetadata, generic: str) -> tuple[list[Block], str]:
    """The story's blocks, from the page's structure and the generic reading (mutates ``tree``)."""
    index = TextIndex(generic)
    root = strip_clutter(tree, meta.headline_element, vouching(index) if generic else None)
    blocks = text_blocks(root)
    headline = meta.headline_element
    if headline is not None and not _inside_tree(headline, root):
        headline = None
    choice = choose_body(blocks, meta.jsonld_body, headline)
    return merge_blocks(blocks, choice, index, headline)


def _word_count(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _body_lines(tree: Any, meta: PageMetadata, url: str | None) -> BodyLines:
    """The story's lines: the page's DOM with the generic reading, else its JSON-LD copy."""
    generic = generic_text(tree, url)
    blocks, lead = _dom_lines(tree, meta, generic)
    lines = [block.text for block in blocks]
    fallback = [line.strip() for line in generic.split("\n") if line.strip()]
    own = _word_count(lines)
    if own < GENERIC_LEAD_SHARE * _word_count(fallback) or own < MIN_ARTICLE_WORDS:
        fallback = _left_on_page(fallback, tree)  # it may lead
    if _word_count(lines) < GENERIC_LEAD_SHARE * _word_count(fallback) and not meta.jsonld_body:
        return BodyLines(fallback, ["the page's structure held a small part of the text; "
                                    "used the generic extractor's reading"], generic_lead=True)
    if _word_count(lines) >= MIN_ARTICLE_WORDS:
        chars = sum(len(block.text) for block in blocks) or 1
        warning = ["no story container found; used the generic extractor's reading"]
        return BodyLines(lines, warning if lead == "generic" else [],
                         sum(block.link_chars for block in blocks) / chars, lead == "generic",
                         _tagged(blocks, CELL_TAGS), _item_lines(blocks))
    copy = [p.strip() for p in re.split(r"\n", meta.jsonld_body) if p.strip()]
    if _word_count(copy) > _word_count(lines):
        return BodyLines(copy, ["no story container in the page; used its JSON-LD articleBody"])
    if _word_count(fallback) > _word_count(lines):
        return BodyLines(fallback, ["no story container found; used the generic extractor"],
                         generic_lead=True)
    chars = sum(len(block.text) for block in blocks) or 1
    return BodyLines(lines, [], sum(block.link_chars for block in blocks) / chars,
                     cells=_tagged(blocks, CELL_TAGS), items=_item_lines(blocks))


def _left_on_page(lines: list[str], tree: Any) -> list[str]:
    """The generic reading's lines that the cleaned page still holds, when they are enough
    for a story: what was removed as hidden or furniture (a shipping banner in every
    currency) stays out of it too. Else all its lines (the story was in what was removed)."""
    body = tree.find(".//body")
    index = TextIndex("\n".join((body if body is not None else tree).itertext()))
    left = [line for line in lines if index.holds(line)]
    return left if _word_count(left) >= MIN_ARTICLE_WORDS else lines


def _inside_tree(element: Any, root: Any) -> bool:
    return element is root or any(a is root for a in element.iterancestors())


def _byline_keys(meta: PageMetadata) -> frozenset:
    """The byline as a body line may repeat it ("Ana Ruiz", "By Ana Ruiz")."""
    if not meta.author:
        return frozenset()
    names = ", ".join(meta.byline.names)
    return frozenset(_norm(t) for t in (meta.author, "by " + meta.author, names, "by " + names,
                                        *meta.byline.names))


def _is_furniture(line: str, byline: frozenset) -> bool:
    lowered = line.lower()
    if len(line) > MAX_FURNITURE_CHARS:
        return len(line) <= MAX_PLEA_CHARS and any(
            BOILERPLATE_RE[k].search_lowered(lowered) for k in ("cookies", "newsletter", "paywall"))
    if BYLINE_RE.match(line) or (byline and _norm(line) in byline):
        return True
    return any(pattern.search_lowered(lowered) for pattern in BOILERPLATE_RE.values())


def _clean_body(found: BodyLines, title: str, standfirst: str, meta: PageMetadata,
                credits: list) -> tuple[list[str], list[str]]:
    """Drop title, standfirst, furniture, credit lines and repeated lines (a table's cells
    excepted: "1/1/2019" or "Easy run 30 min" in a table is data; a list's items may
    repeat too); set disclaimers aside."""
    body, disclaimers, seen = [], [], set()
    byline = _byline_keys(meta)
    skip = {_norm(title), _norm(standfirst), _norm(meta.h1), _norm(meta.html_title)} - {""}
    for number, line in enumerate(found.lines):
        key = _norm(line)
        if not key or key in skip:
            continue
        if DISCLAIMER_RE.search(line) and len(line) <= 400:
            disclaimers.append(line)
            continue
        if number in found.cells:
            body.append(line)
            continue
        if is_source_line(line, credits) or _is_furniture(line, byline):
            continue
        if key in seen and len(key.split()) >= DEDUP_MIN_WORDS and number not in found.items:
            continue
        seen.add(key)
        body.append(line)
    return body, disclaimers


def extract_article(page: str | bytes, url: str | None = None,
                    charset: str | None = None) -> ExtractedArticle:
    """Extract one article; raises ExtractError when the page is not an article.

    ``charset`` is the encoding the HTTP response declared, if any.
    """
    page = decode_html(page, charset)
    tree = _parse(page)
    meta = read_metadata(tree, url)
    og_title = tree.xpath("string(//meta[@property='og:title']/@content)") or meta.title
    title, credits = title_and_credits(meta.h1, meta.html_title, og_title, meta.site_name)
    credits += source_links(tree, url)
    standfirst = find_standfirst(tree, meta.headline_element)
    page_disclaimers = find_disclaimers(
        tree.xpath("//body//*[self::p or self::div or self::small or self::em][not(*)]/text()"))
    signals = PageSignals(meta.is_article, linked_headings(tree), meta.html_title or meta.h1)
    if maybe_listing(signals):  # read before cleaning: the cards are often cleared away
        signals = replace(signals, card_texts=card_texts(tree), standfirst=standfirst)
    found = _body_lines(tree, meta, url)
    body, disclaimers = _clean_body(found, title, standfirst, meta, credits)
    if not body and standfirst and _norm(standfirst) in {_norm(line) for line in found.lines}:
        body, standfirst = [standfirst], ""  # its one paragraph is the story, not a teaser of it
    disclaimers += [d for d in page_disclaimers if d not in disclaimers]
    verdict = judge(body, signals, found.link_share, found.generic_lead)
    if not verdict.is_story:
        raise ExtractError(f"not an article: {verdict.reason}", url=url)
    warnings = found.warnings + ([verdict.reason] if verdict.reason else [])
    known = [meta.site_name] + [credit.outlet for credit in credits]
    credits += [c for c in dateline_and_cited(body, known) if not (
        c.kind == "cited" and meta.site_name and same_outlet(c.outlet, meta.site_name))]
    return ExtractedArticle(
        title=title, standfirst=standfirst, body="\n\n".join(body), paragraphs=tuple(body),
        author=meta.author, authors=meta.byline.names, author_roles=meta.byline.roles,
        byline_outlet=meta.byline.outlet, published=meta.published, updated=meta.updated,
        published_local=meta.published_local,
        canonical_url=meta.canonical_url or url, language_hint=meta.language,
        site_name=meta.site_name, images=tuple(meta.images),
        attribution=tuple(unique_credits(credits)),
        disclaimers=tuple(disclaimers), warnings=tuple(warnings), confidence=verdict.confidence,
        html=paragraphs_to_html(body),
    )


def content_hash(title: str, body: str) -> str:
    """A hash of the normalised text: the same story re-fetched hashes the same."""
    normal = " ".join(f"{title}\n{body}".lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
