"""Page metadata from the page's own structure: meta tags, JSON-LD, <time>, <h1>."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from ..clock import normalize_date

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                 "analysisnewsarticle", "opinionnewsarticle", "report", "liveblogposting"}


@dataclass
class PageMetadata:
    title: str = ""
    h1: str = ""
    html_title: str = ""
    site_name: str = ""
    author: str = ""
    published: str | None = None
    updated: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str = ""
    images: list[str] = field(default_factory=list)
    jsonld_body: str = ""
    is_article: bool = False


def _text(node: Any) -> str:
    return " ".join(node.text_content().split()) if node is not None else ""


def _meta(tree: Any, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return " ".join(found[0].split())
    return ""


def _jsonld_objects(tree: Any) -> list[dict]:
    objects: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                objects.append(item)
                stack.extend(v for v in item.get("@graph", []) if isinstance(v, dict))
    return objects


def _jsonld_article(tree: Any) -> dict:
    for obj in _jsonld_objects(tree):
        kinds = obj.get("@type", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if any(str(k).lower() in ARTICLE_TYPES for k in kinds):
            return obj
    return {}


def _person_names(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return str(value.get("name", "")).strip()
    if isinstance(value, list):
        return ", ".join(n for n in (_person_names(v) for v in value) if n)
    return ""


def read_metadata(tree: lxml_html.HtmlElement, url: str | None) -> PageMetadata:
    """Everything the page says about itself, before any body heuristics."""
    meta = PageMetadata()
    ld = _jsonld_article(tree)
    h1 = tree.xpath("(//article//h1 | //main//h1 | //h1)[1]")
    meta.h1 = _text(h1[0]) if h1 else ""
    title = tree.find(".//title")
    meta.html_title = _text(title) if title is not None else ""
    meta.title = meta.h1 or _meta(tree, "og:title", "twitter:title") or str(ld.get("headline", "")) \
        or meta.html_title
    meta.site_name = _meta(tree, "og:site_name", "application-name") or _person_names(
        ld.get("publisher"))
    meta.author = (_meta(tree, "author", "article:author", "dc.creator", "parsely-author")
                   or _person_names(ld.get("author")) or _byline_author(tree))
    if meta.author.startswith("http"):
        meta.author = _person_names(ld.get("author")) or _byline_author(tree)
    meta.published = normalize_date(
        _meta(tree, "article:published_time", "datePublished", "pubdate", "dc.date")
        or str(ld.get("datePublished", "")) or _first_time(tree))
    meta.updated = normalize_date(_meta(tree, "article:modified_time", "dateModified")
                                  or str(ld.get("dateModified", "")))
    canonical = tree.xpath("//link[@rel='canonical']/@href") or [_meta(tree, "og:url")]
    if canonical and canonical[0]:
        meta.canonical_url = urljoin(url or "", canonical[0].strip())
    lang = tree.xpath("/html/@lang") or [_meta(tree, "og:locale", "content-language", "language")]
    meta.language = _language_code(lang[0]) if lang and lang[0] else None
    meta.description = _meta(tree, "og:description", "description", "twitter:description")
    meta.images = _images(tree, url)
    body = ld.get("articleBody")
    meta.jsonld_body = body.strip() if isinstance(body, str) else ""
    meta.is_article = bool(ld) or _meta(tree, "og:type") == "article" or bool(
        tree.xpath("//article"))
    return meta


def _language_code(value: str) -> str | None:
    match = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|$)", value)
    return match.group(1).lower() if match else None


def _first_time(tree: Any) -> str:
    found = tree.xpath("(//article//time[@datetime] | //time[@datetime])[1]/@datetime")
    return found[0] if found else ""


def _byline_author(tree: Any) -> str:
    found = tree.xpath(
        "(//*[@rel='author'] | //*[contains(concat(' ', normalize-space(@class), ' '), ' author ')]"
        " | //*[@itemprop='author'])[1]")
    name = _text(found[0]) if found else ""
    name = re.sub(r"^(by|par|por|von|di|door)\s+", "", name, flags=re.I)
    return name if 0 < len(name) <= 80 else ""


def _images(tree: Any, url: str | None) -> list[str]:
    found = []
    for src in tree.xpath("//meta[@property='og:image']/@content | //article//img/@src"):
        absolute = urljoin(url or "", src.strip())
        if absolute and absolute not in found and not absolute.startswith("data:"):
            found.append(absolute)
    return found[:10]
