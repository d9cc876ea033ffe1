"""Bytes -> text for HTML pages: BOM, declared charset, then UTF-8, then cp1252."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(page: str | bytes, declared: str | None = None) -> str:
    """Decode a page; ``declared`` is the charset of the HTTP header, if any."""
    if isinstance(page, str):
        text = page
    else:
        text = _decode_bytes(page, declared)
    return _XML_DECLARATION.sub("", text, count=1)


def _decode_bytes(page: bytes, declared: str | None) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if page.startswith(bom):
            return page[len(bom):].decode(encoding, errors="replace")
    candidates = [declared] if declared else []
    match = _META_CHARSET.search(page[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for encoding in candidates + ["utf-8"]:
        try:
            return page.decode(_python_codec(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    return page.decode("cp1252", errors="replace")


def _python_codec(name: str) -> str:
    name = name.strip().lower()
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name
