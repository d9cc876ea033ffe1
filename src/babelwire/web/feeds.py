"""Atom 1.0 feeds, one per language: the latest articles translated into it or written in it.

Built with ``xml.etree``, which escapes text and attributes; entry content is
HTML (escaped paragraphs) carried as escaped text, ``type="html"``.
"""

from __future__ import annotations

import html
import re
import sqlite3
import xml.etree.ElementTree as ET

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..clock import now_iso
from ..models import Translation
from ..storage.translations import translations_for_many
from .context import web_of
from .i18n import LANGUAGE_CODE, Interface
from .present import outlet_of, paragraphs, rfc3339, web_url
from .queries import articles_readable_in

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_SIZE = 50
TAG_DATE = "2024"  # the date part of tag: URIs; never change it, ids must stay stable
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", ATOM)


def language_feed(request: Request) -> Response:
    lang = request.path_params["lang"]
    if not LANGUAGE_CODE.fullmatch(lang):
        raise HTTPException(404, f"no feed for language {lang!r}")
    db = web_of(request).db
    rows = articles_readable_in(db, lang, FEED_SIZE)
    translations = translations_for_many(db, [row["id"] for row in rows])
    feed = build_feed(request, lang, rows, translations)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def tag_uri(request: Request, specific: str) -> str:
    host = request.url.hostname or "babelwire"
    if not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        host = "babelwire"
    return f"tag:{host},{TAG_DATE}:{specific}"


def build_feed(request: Request, lang: str, rows: list[sqlite3.Row],
               translations: dict[int, dict[str, Translation]]) -> ET.Element:
    t = Interface(lang)
    base = str(request.base_url)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _add(feed, "id", tag_uri(request, f"feeds/{lang}"))
    _add(feed, "title", t("feed_title", language=t.language_name(lang)))
    _add(feed, "link", rel="self", href=str(request.url))
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}?lang={lang}")
    author = _add(feed, "author")
    _add(author, "name", "babelwire")
    _add(feed, "generator", "babelwire")
    updated = _add(feed, "updated")
    entries = [entry_for(request, row, translations.get(row["id"], {}).get(lang), lang)
               for row in rows]
    stamps = [entry.findtext(f"{{{ATOM}}}updated") or "" for entry in entries]
    updated.text = max(stamps, default="") or now_iso()
    feed.extend(entries)
    return feed


def entry_for(request: Request, row: sqlite3.Row, translation: Translation | None,
              lang: str) -> ET.Element:
    t = Interface(lang)
    machine = translation is not None and row["language"] != lang
    outlet = outlet_of(row)
    language = t.language_name(row["language"])
    if machine:
        title, body = translation.title, translation.body
        prefix = t("mt_feed_prefix", engine=translation.engine, language=language, outlet=outlet)
        updated = rfc3339(translation.created_at, rfc3339(row["first_seen"], now_iso()))
    else:
        title, body = row["title"], row["body"]
        prefix = t("feed_original_prefix", language=language, outlet=outlet)
        updated = rfc3339(row["first_seen"], now_iso())
    entry = ET.Element(f"{{{ATOM}}}entry")
    _add(entry, "id", tag_uri(request, f"articles/{row['id']}/{lang}"))
    _add(entry, "title", title, type="text")
    _add(entry, "updated", updated)
    if row["published"]:
        _add(entry, "published", rfc3339(row["published"], updated))
    _add(entry, "link", rel="alternate", type="text/html",
         href=f"{request.base_url}articles/{row['id']}?lang={lang}")
    original = web_url(row["url"])
    if original:
        _add(entry, "link", rel="via", href=original)
    author = _add(entry, "author")
    _add(author, "name", row["author"] or outlet or "unknown")
    _add(entry, "content", content_html(prefix, body, original, t("original_article")), type="html")
    return entry


def content_html(prefix: str, body: str, original_url: str, link_text: str) -> str:
    parts = [f"<p><em>{html.escape(prefix)}</em></p>"]
    parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(body))
    if original_url:
        parts.append(f'<p><a href="{html.escape(original_url)}">{html.escape(link_text)}</a></p>')
    return "\n".join(parts)


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}",
                            {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element
