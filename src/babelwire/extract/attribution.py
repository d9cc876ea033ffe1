"""Attribution the page itself gives: title suffixes, source links, datelines, citations.

Also finds auto-translation disclaimers, which are evidence for provenance.
"""

from __future__ import annotations

import re
from typing import Any, Iterable
from urllib.parse import urljoin

from ..models import Attribution
from .patterns import (
    CITED_GATE_RE, CITED_RE, DATELINE, DISCLAIMER_RE, OUTLET_WORD_RE, READ_MORE_RE,
    SOURCE_LABEL_RE, TITLE_SEPARATORS,
)

MAX_OUTLET_CHARS = 60
DOMAIN_RE = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}$", re.I)  # "Shop.example.com"
MAX_OUTLET_WORDS = 7
LOWERCASE_PARTICLES = {"de", "del", "la", "le", "les", "des", "du", "of", "the", "and", "y", "et",
                       "der", "die", "das", "di", "da", "do", "dos", "van", "von", "el", "los",
                       "las", "und", "e", "&"}


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def looks_like_outlet(text: str) -> bool:
    """A short, capitalised name ("La Gaceta del Puerto", "RT World News", "Reuters")."""
    words = text.split()
    if not words or len(text) > MAX_OUTLET_CHARS or len(words) > MAX_OUTLET_WORDS:
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit() or "." in words[0]):
        return False
    content = [w for w in words if w.lower() not in LOWERCASE_PARTICLES]
    capitalised = [w for w in content if w[:1].isupper() or w[:1].isdigit()]
    return bool(content) and len(capitalised) * 2 >= len(content)


# what follows a dash in a headline and is its second half, not an outlet's name: a list
# ("Tides, Winds and Ferries"), an exclamation or a question, a phrase opened by a
# preposition or a possessive ("From a Harbour Pilot", "Our Picks")
DASHES = (" – ", " - ", " — ")
SUBTITLE_LEADS = {"from", "with", "for", "how", "why", "what", "when", "where", "which",
                  "my", "our", "your", "their", "his", "her", "its", "tips", "tested"}


def is_subtitle(text: str) -> bool:
    words = text.split()
    return not words or "," in text or text.rstrip()[-1] in "!?" and len(words) > 1 \
        or words[0].lower() in SUBTITLE_LEADS


def split_title_suffixes(title: str) -> tuple[str, list[str]]:
    """'Headline - Outlet | Site' -> ('Headline', ['Outlet', 'Site']); a headline's second
    half ('Best tents - Tested, Ranked') is not an outlet and stays."""
    suffixes: list[str] = []
    rest = title.strip()
    while True:
        cut = max((rest.rfind(sep), sep) for sep in TITLE_SEPARATORS)
        position, sep = cut
        if position <= 0:
            break
        head, tail = rest[:position].strip(), rest[position + len(sep):].strip()
        if not looks_like_outlet(tail) or sep in DASHES and is_subtitle(tail) or \
                len(head.split()) < 3 and not (
                head and DOMAIN_RE.match(tail)):  # "Game changer | Shop.example": a site
            break
        suffixes.insert(0, tail)
        rest = head
    return rest, suffixes


def same_outlet(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    return bool(na and nb) and (na == nb or na.replace(" ", "") == nb.replace(" ", ""))


def title_and_credits(h1: str, html_title: str, og_title: str,
                      site_name: str) -> tuple[str, list[Attribution]]:
    """The clean headline, and outlets other than the site named in title suffixes."""
    credits: list[Attribution] = []
    headline = h1 or og_title or html_title
    clean, suffixes = split_title_suffixes(headline)
    from_h1 = bool(h1)
    if not from_h1 and suffixes and not site_name:
        site_name = suffixes[-1]  # a bare <title> suffix is usually the site itself
    for candidate in (html_title, og_title):
        _, more = split_title_suffixes(candidate)
        if not site_name and len(more) >= 2:
            site_name = more[-1]
        suffixes.extend(s for s in more if s not in suffixes)
    for outlet in suffixes:
        if site_name and same_outlet(outlet, site_name):
            continue
        if not from_h1 and not site_name:
            continue
        credits.append(Attribution(outlet=outlet, kind="title_suffix", evidence=headline
                                   if outlet in headline else (html_title or og_title)))
    if from_h1 and clean:
        clean = _with_count_or_year(clean, [split_title_suffixes(t)[0] for t in
                                            (og_title, html_title) if t]) or clean
    return clean or headline, credits


# What a page's own title may add to its <h1>: a count before it ("8 Recent Trends in
# Photography" over "Recent Trends in Photography"), a year after it ("... in 2025").
COUNT_OR_YEAR_RE = re.compile(r"^(?:\d{1,3}|(?:in |for |of )?(?:19|20)\d{2})$", re.I)


def _with_count_or_year(h1: str, titles: list[str]) -> str | None:
    """The page's title when it is the <h1> with only a count or a year added."""
    base = " ".join(h1.split())
    for title in titles:
        title = " ".join(title.split())
        if title.lower().startswith(base.lower()):
            extra = title[len(base):].strip(" ,:-–—")
        elif title.lower().endswith(base.lower()):
            extra = title[:len(title) - len(base)].strip(" ,:-–—")
        else:
            continue
        if extra and COUNT_OR_YEAR_RE.match(extra):
            return title
    return None


def source_links(tree: Any, url: str | None) -> list[Attribution]:
    """'Source: <a href>Outlet</a>', 'Fuente: ...', 'Read the full article at ...'."""
    found: list[Attribution] = []
    for link in tree.xpath("//body//a[@href]"):
        name = " ".join(link.text_content().split())
        block = link.getparent()
        while block is not None and block.tag in ("span", "strong", "em", "b", "i", "small"):
            block = block.getparent()
        if block is None or not name:
            continue
        text = " ".join(block.text_content().split())
        kind, match = "read_more", READ_MORE_RE.match(text)
        if not match:
            kind, match = "source_link", SOURCE_LABEL_RE.match(text)
        if not match or len(text) > 200 or name not in text[match.end() - 1:]:
            continue
        outlet = name if not name.startswith("http") else _host(name)
        found.append(Attribution(outlet=outlet, kind=kind, evidence=text,
                                 url=urljoin(url or "", link.get("href").strip())))
    return unique_credits(found)


def _host(link: str) -> str:
    match = re.match(r"https?://(?:www\.)?([^/]+)", link)
    return match.group(1) if match else link


def is_outlet_name(name: str, known: set[str]) -> bool:
    """A media name, not a person or an authority: an outlet word, an acronym, or an outlet
    the page itself names (site name, title suffix, source link)."""
    if _norm(name) in known:
        return True
    if re.fullmatch(r"[A-ZА-Я]{2,6}", name):
        return True
    return bool(OUTLET_WORD_RE.search(name))


def dateline_and_cited(paragraphs: Iterable[str], known: Iterable[str] = ()) -> list[Attribution]:
    """Dateline credits in the first paragraph; outlets cited as the origin of a report."""
    known_names = {_norm(name) for name in known if name}
    found: list[Attribution] = []
    for number, paragraph in enumerate(paragraphs):
        match = DATELINE.match(paragraph) if number == 0 else None
        if match and looks_like_outlet(match.group("outlet").strip()):
            found.append(Attribution(outlet=match.group("outlet").strip(), kind="dateline",
                                     evidence=match.group(0)))
            paragraph = paragraph[match.end():]
        found.extend(_cited(paragraph, known_names))
    return unique_credits(found)


def _cited(paragraph: str, known: set[str]) -> list[Attribution]:
    found: list[Attribution] = []
    if not CITED_GATE_RE.search(paragraph.lower()):
        return found
    for pattern in CITED_RE:
        for match in pattern.finditer(paragraph):
            outlet = match.group("outlet").strip(" .,;:'’")
            if len(outlet) > 1 and looks_like_outlet(outlet) and is_outlet_name(outlet, known):
                start = max(0, match.start() - 40)
                found.append(Attribution(outlet=outlet, kind="cited",
                                         evidence=paragraph[start:match.end() + 20]))
    return found


def find_disclaimers(texts: Iterable[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        text = " ".join(text.split())
        if 0 < len(text) <= 400 and DISCLAIMER_RE.search(text) and text not in found:
            found.append(text)
    return found


def is_source_line(text: str, credits: list[Attribution]) -> bool:
    """A body line that is only a credit ('Source: Outlet')."""
    clean = " ".join(text.split())
    return any(c.evidence == clean for c in credits if c.kind in ("source_link", "read_more")) \
        or bool((SOURCE_LABEL_RE.match(clean) or READ_MORE_RE.match(clean)) and len(clean) < 120
                and any(c.outlet in clean for c in credits))


def unique_credits(items: list[Attribution]) -> list[Attribution]:
    seen, unique = set(), []
    for item in items:
        key = (item.outlet.lower(), item.kind)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
