"""One story, one entry: lists fold a story's versions under its earliest original.

A listed article that belongs to a story of two versions or more becomes one
entry: its head is the story's earliest original (the earliest version derived
from no other article), in the reader's language, with the story's languages,
its version count and the other versions (relays, translations, copies) folded
under it, each with its relation and its lag after the head. ``?all=1`` on a
list shows every article instead.

On an unfiltered list an entry stands where the story's newest version would
stand, so a story shows once across pages. On a list narrowed by outlet or
language the head is the listed article itself (the original is among the
folded versions): an outlet's list stays that outlet's articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from ..provenance.batch import host_of
from ..storage.records import ArticleRow, StoryVersion
from .present import ReaderTitle, reader_title
from .provenance import human_lag
from .provenance_line import Lag, lag_between, lag_phrase


@dataclass(frozen=True)
class Version:
    """A folded version: where and when it appeared, and how it relates to the head."""

    article_id: int
    outlet: str
    language: str
    relation: str  # "" for an original, else translation | copy | paraphrase
    time: str
    lag: str  # "published 5 h 25 min later", '' when unknown


@dataclass(frozen=True)
class Entry:
    """One line of a list: an article, or a story headed by its original."""

    item: ReaderTitle
    row: ArticleRow | None = None  # the listed row the entry stands for (None: a head)
    story_id: int | None = None
    versions: tuple[Version, ...] = ()
    languages: tuple[str, ...] = ()
    count: int = 1


@dataclass(frozen=True)
class Grouping:
    """How a list groups: ``head_from_story`` (the story's original heads the entry) and
    ``newest_only`` (a story shows at its newest version's place, once across pages)."""

    head_from_story: bool = True
    newest_only: bool = False


def show_all(request: Request) -> bool:
    """``?all=1``: every article, not grouped by story."""
    return request.query_params.get("all", "").strip().lower() in ("1", "true", "yes", "on")


def grouping_for(filters: Any) -> Grouping | None:
    """The grouping a list with ``filters`` gets; None for one story's own list."""
    if filters.story_id is not None:
        return None
    narrowed = filters.source_id is not None or filters.language is not None
    unfiltered = not narrowed and filters.since is None and filters.until is None
    return Grouping(head_from_story=not narrowed, newest_only=unfiltered)


def grouped(db: Any, rows: list[ArticleRow], lang: str, grouping: Grouping | None,
            label) -> list[Entry]:
    """``rows`` (in list order) as entries; one per article when ``grouping`` is None."""
    story_of = {} if grouping is None else {
        article_id: stories[0] for article_id, stories in
        db.reader.stories_of([row["id"] for row in rows]).items() if stories}
    versions = db.reader.story_versions(sorted(set(story_of.values()))) if story_of else {}
    versions = {sid: found for sid, found in versions.items() if len(found) > 1}
    heads: dict[int, StoryVersion] = {}
    picked: list[tuple[ArticleRow, int | None]] = []
    for row in rows:
        story_id = story_of.get(row["id"])
        if story_id not in versions:
            picked.append((row, None))
        elif story_id not in heads and _shows_here(row, versions[story_id], grouping):
            heads[story_id] = _head(row, versions[story_id], grouping)
            picked.append((row, story_id))
    ids = [row["id"] for row, _ in picked] + [v.id for v in heads.values()]
    titles = db.reader.translated_titles(ids, lang)
    return [_entry(row, story_id, heads, versions, titles, lang, label)
            for row, story_id in picked]


def _shows_here(row: ArticleRow, versions: list[StoryVersion], grouping: Grouping) -> bool:
    if not grouping.newest_only:
        return True
    newest = max(versions, key=lambda v: (v.sort_key, v.id))
    return newest.id == row["id"]


def _head(row: ArticleRow, versions: list[StoryVersion], grouping: Grouping) -> StoryVersion:
    if grouping.head_from_story:
        originals = [v for v in versions if not v.relation]
        return (originals or versions)[0]
    return next((v for v in versions if v.id == row["id"]), versions[0])


def _entry(row: ArticleRow, story_id: int | None, heads: dict[int, StoryVersion],
           versions: dict[int, list[StoryVersion]], titles: dict, lang: str, label) -> Entry:
    if story_id is None:
        return Entry(item=reader_title(row, titles.get(row["id"], {}), lang), row=row)
    head, members = heads[story_id], versions[story_id]
    folded = tuple(_version(v, head, label) for v in members if v.id != head.id)
    return Entry(item=version_title(head, titles.get(head.id, {}), lang),
                 row=row if head.id == row["id"] else None, story_id=story_id,
                 versions=folded, languages=tuple(dict.fromkeys(v.language for v in members)),
                 count=len(members))


def version_title(version: StoryVersion, translations: dict, lang: str) -> ReaderTitle:
    """A story version's title as a reader of ``lang`` sees it in a list."""
    return reader_title({"id": version.id, "language": version.language, "title": version.title,
                         "source_name": version.outlet, "site_name": "", "url": version.url,
                         "published": version.published, "first_seen": version.first_seen},
                        translations, lang)


def _version(version: StoryVersion, head: StoryVersion, label) -> Version:
    lag = lag_between(version, head) if version.id != head.id else Lag(None, "")
    return Version(article_id=version.id, outlet=version.outlet or _host(version.url),
                   language=version.language, relation=version.relation or "",
                   time=version.sort_key, lag=lag_phrase(lag, label, human_lag, earlier=False))


def _host(url: str) -> str:
    return host_of(url) or url
