"""Limits checked on feed bytes BEFORE a parser sees them.

A parser that is handed a nesting bomb or an entity bomb fails inside itself
(``RecursionError``, gigabytes of RAM) where nothing can recover; a cheap scan
of the bytes first refuses or defuses the input with a ``FeedError``:

- JSON: the bracket nesting depth, counted outside strings, must stay under
  ``MAX_JSON_DEPTH``;
- XML: the DOCTYPE's internal subset (where ``<!ENTITY`` declarations live:
  billion laughs, quadratic blowup, external entities) is removed, so no entity
  a feed declares is ever expanded; UTF-16/32 feeds are transcoded to UTF-8
  first so the scan sees them.
"""

from __future__ import annotations

import codecs
import re

from .errors import FeedError

MAX_JSON_DEPTH = 64

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKETS = re.compile(rb"[\[\]{}]")
_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.I)
_SUBSET_END = re.compile(rb"\]\s*>")
_XML_ENCODING = re.compile(rb"""(<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""", re.I)
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def check_json_depth(content: bytes, url: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise FeedError when brackets nest deeper than ``limit`` (strings ignored)."""
    if content.count(b"[") + content.count(b"{") <= limit:
        return
    depth = 0
    for match in _JSON_BRACKETS.finditer(_JSON_STRING.sub(b'""', content)):
        if match.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                raise FeedError(f"JSON nested deeper than {limit} levels: refused before parsing",
                                url=url)
        else:
            depth -= 1


def to_utf8(content: bytes) -> bytes:
    """UTF-16/32 XML (by BOM or by its zero bytes) as UTF-8, its declaration updated."""
    codec = next((name for bom, name in _WIDE_BOMS if content.startswith(bom)), None)
    if codec is None and content[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16-le" if content[:2] == b"<\x00" else "utf-16-be"
    if codec is None:
        return content
    try:
        text = content.decode(codec, errors="replace").lstrip("\ufeff")
    except LookupError:
        return content
    return _XML_ENCODING.sub(rb'\1"utf-8"', text.encode("utf-8", errors="replace"), count=1)


def defuse_xml(content: bytes, url: str) -> tuple[bytes, bool]:
    """The feed without its DOCTYPE internal subset; True when one was removed."""
    content = to_utf8(content)
    match = _DOCTYPE.search(content)
    if match is None:
        return content, False
    bracket = content.find(b"[", match.end())
    close = content.find(b">", match.end())
    if bracket == -1 or (close != -1 and close < bracket):
        return content, False
    end = _SUBSET_END.search(content, bracket)
    if end is None:
        raise FeedError("the feed's DOCTYPE never ends: refused before parsing", url=url)
    return content[:bracket] + b">" + content[end.end():], True
