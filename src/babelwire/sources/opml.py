"""OPML 2.0: export the sources, import a subscription list from another reader.

Parsing uses lxml without entity resolution or network access; outlines are
read at any depth (folders are flattened), and each one with an http(s)
``xmlUrl`` becomes a feed source. Bad input is a ``SourceError`` with one line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..clock import now_iso
from ..errors import SourceError
from ..storage.port import Store as Database

MAX_OPML_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Outline:
    url: str
    name: str = ""


@dataclass(frozen=True)
class ImportReport:
    added: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()
    skipped: tuple[str, ...] = field(default=())  # outlines without a usable feed URL


def export_opml(rows: list[Any], title: str = "babelwire sources") -> bytes:
    """Every source as an outline (``type="rss"``; sitemaps and pages keep their kind)."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = now_iso()
    body = ET.SubElement(root, "body")
    for row in rows:
        name = row["name"] or row["url"]
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": row["url"]}
        if row["kind"] != "feed":
            attributes["babelwireKind"] = row["kind"]
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def parse_opml(data: bytes, where: str = "OPML") -> list[Outline]:
    """The feed outlines in ``data``; ``SourceError`` when it is not OPML."""
    if len(data) > MAX_OPML_BYTES:
        raise SourceError(f"{where} is larger than {MAX_OPML_BYTES // 1024 // 1024} MiB")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"{where} is not well-formed XML: {exc}") from exc
    if not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise SourceError(f"{where} is not OPML: its root element is <{root.tag}>, not <opml>")
    outlines = []
    for element in root.iter("outline"):
        url = (element.get("xmlUrl") or element.get("xmlurl") or "").strip()
        name = (element.get("title") or element.get("text") or "").strip()
        outlines.append(Outline(url=url, name=name))
    return outlines


def usable(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def import_opml(db: Database, data: bytes, where: str = "OPML") -> ImportReport:
    """Add every feed of ``data`` as a source; adding one twice is harmless."""
    added, existing, skipped = [], [], []
    for outline in parse_opml(data, where):
        if not usable(outline.url):
            if outline.url:
                skipped.append(outline.url)
            continue
        _, new = db.sources.add(outline.url, outline.name, "feed")
        (added if new else existing).append(outline.url)
    return ImportReport(added=tuple(added), existing=tuple(existing), skipped=tuple(skipped))
