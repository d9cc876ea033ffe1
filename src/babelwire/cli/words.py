"""Words for people: plural forms and how long ago."""

from __future__ import annotations

from datetime import datetime


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 article', '2 articles'; irregular plurals given: plural(2, 'story', 'stories')."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def ago(moment: datetime, now: datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 3600:
        return f"{max(1, seconds // 60)} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{plural(seconds // 86400, 'day')} ago"
