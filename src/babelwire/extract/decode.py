"""Bytes -> text for HTML pages: BOM, declared charset, then UTF-8, then cp1252.

A page may also arrive already garbled: its UTF-8 bytes once read as Latin-1 or
cp1252 and stored that way ("donâ\x80\x99t", "cafÃ©"). ``repair_mojibake`` reads
such runs back as UTF-8, run by run, when the page holds several of them; a run
that is not valid UTF-8 that way is left as it is.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# a UTF-8 lead byte read as Latin-1 (Â..ô), then continuation bytes read as Latin-1 or cp1252
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")
MOJIBAKE_MIN_RUNS = 3  # fewer garbled-looking runs than this: the page means them


def decode_html(page: str | bytes, declared: str | None = None) -> str:
    """Decode a page; ``declared`` is the charset of the HTTP header, if any."""
    if isinstance(page, str):
        text = page
    else:
        text = _decode_bytes(page, declared)
    return repair_mojibake(_XML_DECLARATION.sub("", text, count=1))


def repair_mojibake(text: str) -> str:
    """UTF-8 text that was once decoded as Latin-1/cp1252, read back as UTF-8."""
    if len(_MOJIBAKE_RE.findall(text, 0, 200_000)) < MOJIBAKE_MIN_RUNS:
        return text
    return _MOJIBAKE_RE.sub(_as_utf8, text)


def _as_utf8(match: re.Match) -> str:
    run = match.group(0)
    try:
        raw = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in run)
        return raw.decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return run


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
