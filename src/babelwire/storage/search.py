"""Full-text search over originals and translations (the query language; the SQLite
FTS5 index is in ``sqlite/search.py``, migration 3).

A reader's query never reaches FTS5 as typed: ``parse_query`` reads it with a
small, forgiving grammar and ``SearchQuery.fts`` writes a query in which every
word is a quoted FTS5 string, so no input (quotes, operators, brackets,
unbalanced quotes) can be a syntax error:

    rain madrid        both words (any form: accents are ignored)
    "rain in madrid"   the phrase; an unclosed quote runs to the end
    rain OR snow       either word
    -snow              without the word (needs at least one other term)
    mad*               words starting with "mad" (3 letters at least; shorter: the word)

Matches come back with ``MARK_START``/``MARK_END`` around matched words;
``marked_segments`` splits such text so a page can escape every part.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from .records import ArticleRow

MARK_START = "\x02"
MARK_END = "\x03"
MAX_TERMS = 16
MAX_TERM_LENGTH = 100
MIN_PREFIX = 3  # a shorter prefix would expand to most of the vocabulary
SNIPPET_TOKENS = 24

_TOKEN = re.compile(r'-?"[^"]*"?\*?|\S+')
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


@dataclass(frozen=True)
class SearchQuery:
    """Groups of terms: every group must match (a group is terms joined by OR)."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    def fts(self) -> str:
        """The FTS5 MATCH expression ('' when there is nothing to search)."""
        if self.empty:
            return ""
        expression = " AND ".join(
            "(" + " OR ".join(term.fts() for term in group) + ")" for group in self.groups)
        for term in self.excluded:
            expression = f"({expression}) NOT {term.fts()}"
        return expression


def parse_query(text: str) -> SearchQuery:
    """Read a reader's query (see the module docstring); never raises."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for token in _TOKEN.findall(text or "")[: MAX_TERMS * 2]:
        if token == "OR":
            join_next = bool(groups)
            continue
        negative = token.startswith("-") and len(token) > 1
        term = _term(token[1:] if negative else token)
        if term is None:
            continue
        if negative:
            excluded.append(term)
        elif join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    kept = [tuple(group) for group in groups][:MAX_TERMS]
    return SearchQuery(groups=tuple(kept), excluded=tuple(excluded[:MAX_TERMS]))


def _term(token: str) -> Term | None:
    prefix = token.endswith("*")
    body = token.rstrip("*")
    phrase = body.startswith('"')
    body = body.strip('"').strip()[:MAX_TERM_LENGTH]
    if not _WORD.search(body):
        return None
    return Term(text=body, phrase=phrase, prefix=prefix and len(body) >= MIN_PREFIX)


@dataclass(frozen=True)
class SearchFilters:
    language: str | None = None  # the original's language
    source_id: int | None = None
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None


def marked_segments(text: str) -> list[tuple[str, bool]]:
    """Split marked text into (text, matched) parts; stray marks are dropped."""
    segments: list[tuple[str, bool]] = []
    position = 0
    for match in re.finditer(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}", text):
        segments.append((_unmarked(text[position:match.start()]), False))
        segments.append((match.group(1), True))
        position = match.end()
    segments.append((_unmarked(text[position:]), False))
    return [(part, matched) for part, matched in segments if part]


def _unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


# -- transitional shims: the pre-port functions, delegating to the store's repository


def search_articles(db: Any, query: SearchQuery, filters: SearchFilters, limit: int,
                    before_id: int | None = None, *, relevance: bool = False,
                    offset: int = 0) -> list[ArticleRow]:
    return db.search.search(query, filters, limit, before_id=before_id, relevance=relevance,
                            offset=offset)


def rebuild_search_index(db: Any) -> int:
    return db.search.rebuild()


def bulk_loading(db: Any) -> AbstractContextManager[Any]:
    return db.search.bulk_loading()
