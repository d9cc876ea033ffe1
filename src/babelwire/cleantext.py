"""Text cleaned at the boundary: what comes out of feeds and pages is valid Unicode.

Lone surrogates (from JSON ``"\\ud800"`` escapes or broken decoders) cannot be
encoded as UTF-8 and would fail later when stored or served; NUL and other C0
control characters break SQLite text and XML output. Both are replaced here,
once, where outside text enters babelwire.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile("[\ud800-\udfff]")

ALLOWED_SCHEMES = ("http", "https")


def clean_text(value: object) -> str:
    """A valid, storable string: lone surrogates become U+FFFD, control characters go."""
    if not isinstance(value, str):
        return ""
    if _SURROGATES.search(value):
        value = _SURROGATES.sub("\ufffd", value)
    return _CONTROLS.sub("", value)


def web_url(value: object) -> str | None:
    """``value`` when it is a well-formed http(s) URL, else ``None`` (``javascript:``,
    ``data:``, unparsable hosts such as ``http://[::1``)."""
    if not isinstance(value, str):
        return None
    text = clean_text(value).strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    return text
