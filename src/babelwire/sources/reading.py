"""What one poll of a source gives: its entries (None when the server said 304) and the
fetch result, whose ETag and Last-Modified the next poll sends back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import ParsedFeed


@dataclass(frozen=True)
class Reading:
    parsed: ParsedFeed | None  # None: not modified since the last poll
    result: Any  # the fetch.FetchResult of the source's own URL
