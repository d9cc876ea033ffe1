"""Page metadata from the page's own structure: meta tags, JSON-LD, <time>, <h1>."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from trafilatura import metadata as trafilatura_metadata

from .attribution import split_title_suffixes
from .authors import (Byline, author_box_name, byline_text, choose_byline, jsonld_people,
                      labelled_byline, visible_byline)
from .dates import publication_dates

HEADLINE_AGREE_SHARE = 0.5  # an <h1> with fewer of its words in the page's title ...
LABEL_MAX_WORDS = 4  # ... and this few words is a section label ("Blog", "Our News")
LABEL_COVER_SHARE = 0.3  # a short heading agreeing with the title covers this much of it
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
    published_local: str | None = None  # the publication date as the page wrote it
    canonical_url: str | None = None
    language: str | None = None
    description: str = ""
    images: list[str] = field(default_factory=list)
    jsonld_body: str = ""
    is_article: bool = False
    byline: Byline = field(default_factory=Byline)
    headline_element: Any = None  # the element holding the headline, if the page has one


def _text(node: Any) -> str:
    return " ".join(node.text_content().split()) if node is not None else ""


# inside a headline, what is not the headline: a date, a label ("Title:", "Blog:"), a byline,
# a comment count
HEADLINE_EXTRA_RE = re.compile(r"(?<![a-z])(date|time|posted|meta|byline|author|descriptor|"
                               r"label|screen-reader|sr-only|comment(?!ar|at))", re.I)
HEADLINE_BREAKS = {"br", "div", "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "section"}
BLOCK_CLASSES = frozenset(("block", "d-block"))  # an inline tag its CSS shows as a line of its own


def headline_text(heading: Any) -> str:
    """The headline's words: a <time>, a date or label inside the heading ("Dec 18 2025",
    "Title:") left out, a line break read as a space, and nothing after a block the
    heading swallowed once the headline's text has begun."""
    if heading is None:
        return ""
    parts: list[str] = []

    def walk(element: Any) -> bool:  # False: stop reading
        for child in element:
            if not isinstance(child.tag, str):
                parts.append(child.tail or "")
                continue
            marks = f"{child.get('class', '')} {child.get('id', '')}"
            breaks = child.tag in HEADLINE_BREAKS or not BLOCK_CLASSES.isdisjoint(
                child.get("class", "").split())
            if breaks and "".join(parts).strip() and child.tag != "br" \
                    and " ".join(child.text_content().split()):
                return False
            if child.tag == "br":
                parts.append(" ")
            elif child.tag != "time" and not HEADLINE_EXTRA_RE.search(marks):
                parts.append(child.text or "")
                if not walk(child):
                    return False
            parts.append(child.tail or "")
        return True

    parts.append(heading.text or "")
    walk(heading)
    text = " ".join("".join(parts).split())
    return text or _text(heading)


KICKER_TAGS = {"div", "p", "small"}  # a line of its own above the headline, inside the <h1>
SOURCE_DOMAIN_RE = re.compile(r"\s*\((?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\)$", re.I)


def _without_label(heading: Any, titles: str) -> str:
    """The headline without what the page's own titles do not carry: a label set in its own
    element before it ("<b>Blog:</b> Ten tips"), a kicker on a line of its own inside the
    <h1>, a linked source domain after it ("Ten tips (example.com)")."""
    text = SOURCE_DOMAIN_RE.sub("", headline_text(heading)) or headline_text(heading)
    first = heading[0] if heading is not None and len(heading) else None
    if first is None or (heading.text or "").strip() or not isinstance(first.tag, str) \
            or not titles:
        return text
    label = _text(first)
    if not label or not text.startswith(label) or label.rstrip(":").lower() in titles.lower():
        return text
    rest = text[len(label):].strip()
    label_only = label.endswith(":") and len(label.split()) <= 2
    kicker = first.tag in KICKER_TAGS and not _words(label) & _words(titles) \
        and _words(rest) & _words(titles)
    return rest if rest and (label_only or kicker) else text


def meta_index(tree: Any) -> dict[tuple[str, str], str]:
    """Every <meta>'s first non-empty content by (attribute, value), read in one pass."""
    index: dict[tuple[str, str], str] = {}
    for element in tree.iter("meta"):
        content = " ".join((element.get("content") or "").split())
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = element.get(attr)
            if key is not None:
                index.setdefault((attr, key), content)
    return index


def _meta(index: dict[tuple[str, str], str], *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = index.get((attr, name))
            if found:
                return found
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
    tags = meta_index(tree)
    ld = _jsonld_article(tree)
    title = tree.find(".//title")
    meta.html_title = _text(title) if title is not None else ""
    meta.site_name = _meta(tags, "og:site_name", "application-name") or _person_names(
        ld.get("publisher"))
    og_title = _meta(tags, "og:title", "twitter:title")
    meta.headline_element = _headline_element(
        tree, meta.site_name, site_names(url, meta.html_title, og_title), [
            split_title_suffixes(t)[0] for t in (og_title, meta.html_title,
                                                 str(ld.get("headline", "")))])
    meta.h1 = _without_label(meta.headline_element, meta.html_title + og_title)
    meta.title = meta.h1 or og_title or str(ld.get("headline", "")) or meta.html_title
    meta.byline = _byline(tree, tags, ld, meta.site_name)
    meta.author = meta.byline.author
    objects = ([ld] if ld else []) + [o for o in _jsonld_objects(tree) if o is not ld]
    dates = publication_dates(
        tree, objects, lambda *names: _meta(tags, *names), url, meta.headline_element)
    meta.published, meta.updated, meta.published_local = (
        dates.published, dates.updated, dates.published_local)
    canonical = tree.xpath("//link[@rel='canonical']/@href") or [_meta(tags, "og:url")]
    if canonical and canonical[0]:
        meta.canonical_url = urljoin(url or "", canonical[0].strip())
    lang = tree.xpath("/html/@lang") or [_meta(tags, "og:locale", "content-language", "language")]
    meta.language = _language_code(lang[0]) if lang and lang[0] else None
    meta.description = _meta(tags, "og:description", "description", "twitter:description")
    meta.images = _images(tree, url)
    body = ld.get("articleBody")
    meta.jsonld_body = body.strip() if isinstance(body, str) else ""
    meta.is_article = bool(ld) or _meta(tags, "og:type") == "article" or len(
        tree.xpath("//article")) == 1  # several <article>s are teaser cards
    return meta


def _language_code(value: str) -> str | None:
    match = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|$)", value)
    return match.group(1).lower() if match else None


def _squeezed(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _is_site_heading(heading: Any, site_name: str, site: SiteNames | None = None) -> bool:
    """A logo or blog-name heading: the site's name or host, the name before og:title in
    the page's <title> ("Blog name: Headline"), or a link home."""
    text = _text(heading)
    if not text or (site_name and _squeezed(text) == _squeezed(site_name)):
        return True
    if site is not None and (_squeezed(text) in site.hosts or _title_prefix(text, site)):
        return True
    home = heading.xpath(".//a[@rel='home' or @href='/' or contains(@class, 'logo')]")
    return bool(home) and len(_text(home[0])) >= 0.8 * len(text)


@dataclass(frozen=True)
class SiteNames:
    """What else names the site: its host ("example.com", "example"), and the <title> and
    og:title (a <title> reading "<blog name>: <og:title>" names the blog)."""

    hosts: frozenset
    title: str
    og_title: str


def site_names(url: str | None, html_title: str, og_title: str) -> SiteNames:
    host = (urlsplit(url).hostname or "") if url else ""
    host = host[4:] if host.startswith("www.") else host
    hosts = {_squeezed(host), _squeezed(host.split(".")[0])} if host else set()
    return SiteNames(frozenset(hosts - {""}), html_title, og_title)


def _title_prefix(text: str, site: SiteNames) -> bool:
    """The <title> is '<text>: <og:title>' (or '|', a dash): ``text`` names the blog."""
    title = site.title
    if not site.og_title or not title.lower().startswith(text.lower()):
        return False
    rest = re.match(r"\s*[:|\u2013\u2014-]\s*(.+)$", title[len(text):])
    return rest is not None and _squeezed(rest.group(1)) == _squeezed(site.og_title) and \
        len(site.og_title.split()) > len(text.split())  # "Headline | Site": og:title the site


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _agrees(heading: Any, titles: set[str], each: list[set[str]]) -> bool:
    """Most of the heading's words are in the page's own titles (og:title, <title>, JSON-LD,
    all together in ``titles``); a short heading also covers part of one of them."""
    words = _words(_text(heading))
    shared = len(words & titles)
    if not words or shared < HEADLINE_AGREE_SHARE * len(words):
        return False  # a short label must also cover part of the title ("Discord" does not)
    return len(words) > LABEL_MAX_WORDS or any(
        len(words & title) >= LABEL_COVER_SHARE * len(title) for title in each if title)


def _titled_heading(tree: Any, titles: list[str], before: Any, site: SiteNames) -> Any:
    """A heading above ``before`` worded exactly as one of the page's titles (site name left
    out): the headline, and ``before`` (an <h1> disagreeing with the title) a section."""
    wanted = {_squeezed(t) for t in titles} - {""}
    for heading in tree.iter("h1", "h2", "h3") if wanted else ():
        if heading is before:
            break
        if _squeezed(_text(heading)) in wanted and not _is_site_heading(heading, "", site):
            return heading
    return None


def _headline_element(tree: Any, site_name: str, site: SiteNames, title_list: list[str]) -> Any:
    """The story's headline: an <h1> that is not the site's logo nor a section label that
    the page's title disowns ("Blog", "Menu"), else a heading agreeing with the title; an
    <h1> disagreeing with the title gives way to a heading worded as the title."""
    title_text = " ".join(title_list)
    titles = _words(title_text) - _words(site_name) or _words(title_text)
    each = [_words(t) - _words(site_name) for t in title_list]
    seen, first = set(), None
    for heading in tree.xpath("//article//h1 | //main//h1 | //h1"):
        if heading in seen:
            continue
        seen.add(heading)
        if _is_site_heading(heading, site_name, site):
            continue
        if not titles or _agrees(heading, titles, each):
            return heading
        if len(_text(heading).split()) > LABEL_MAX_WORDS and first is None:
            first = heading
    marked = tree.xpath(
        "//*[self::h2 or self::h3][@itemprop='headline' or @itemprop='name' or contains(@class,"
        " 'post-title') or contains(@class, 'entry-title') or contains(@class, 'headline')]")
    found = [h for h in marked if not _is_site_heading(h, site_name, site)
             and (not titles or _agrees(h, titles, each))]
    if first is not None:  # an <h1> that disagrees with the title (a blog's sections are
        found = [h for h in found if len(_text(h).split()) > LABEL_MAX_WORDS]  # <h1>s) loses
        titled = _titled_heading(tree, title_list, first, site)  # to a marked headline
        return found[0] if found else titled if titled is not None else first  # or the title
    if found:
        return found[0]
    found = tree.xpath("(//h1 | //h2 | //h3)[position() <= 20]") if titles else []
    return next((h for h in found if not _is_site_heading(h, site_name, site)
                 and _agrees(h, titles, each)), None)


def _byline(tree: Any, tags: dict, ld: dict, site_name: str) -> Byline:
    """The byline's people from the best evidence (see ``authors``)."""
    people, groups = jsonld_people(ld.get("author"))
    if site_name and site_name in people:
        site_name = ""  # a personal site: its JSON-LD names the person the site is named after
    outlets = [site_name, _person_names(ld.get("publisher"))]
    tagged = [value for value in (_meta(tags, name) for name in (
        "author", "article:author", "dc.creator", "parsely-author", "sailthru.author"))
        if value and not value.startswith("http")]
    # "twitter:label1" = "Written by", "twitter:data1" = the name (below what the page shows)
    labelled_tags = [tags.get(("name", f"twitter:data{n}"), "") for n in (1, 2) if tags.get(
        ("name", f"twitter:label{n}"), "").lower().rstrip(":") in ("written by", "author", "by")]
    candidates = [", ".join(people)] + tagged + [_byline_author(tree), visible_byline(tree)] \
        + labelled_tags
    byline = choose_byline(candidates, [], outlets)
    if not byline.names:  # looked for only now: most pages name their author before
        labelled = labelled_byline(tree) or author_box_name(tree)
        found = (trafilatura_author(tree) or "") if not labelled else ""
        byline = choose_byline([labelled, found], [], outlets)
        if not byline.names and labelled:
            found = trafilatura_author(tree) or ""
            byline = choose_byline([found], [], outlets)
        if not byline.names:  # no person named anywhere: a user name, else the organisation
            byline = choose_byline(candidates + [labelled, found], groups, outlets, handles=True)
    return byline


def trafilatura_author(tree: Any) -> str:
    """trafilatura's byline finder (its own selectors over a copy of the page)."""
    try:
        return trafilatura_metadata.extract_author(tree) or ""
    except Exception:  # noqa: BLE001 - a third-party failure only loses its vote
        return ""


def _byline_author(tree: Any) -> str:
    found = tree.xpath(
        "(//*[@rel='author' or @itemprop='author' or (contains(@class, 'author') and"
        " contains(concat(' ', normalize-space(@class), ' '), ' author '))])[1]")
    name = byline_text(found[0]) if found else ""
    name = re.sub(r"^(by|par|por|von|di|door)\s+", "", name, flags=re.I)
    return name if 0 < len(name) <= 80 else ""


def _images(tree: Any, url: str | None) -> list[str]:
    found = []
    for src in tree.xpath("//meta[@property='og:image']/@content | //article//img/@src"):
        absolute = urljoin(url or "", src.strip())
        if absolute and absolute not in found and not absolute.startswith("data:"):
            found.append(absolute)
    return found[:10]
