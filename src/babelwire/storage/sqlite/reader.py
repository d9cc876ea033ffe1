"""Reader queries in SQLite: filtered keyset pages, activity, stories (what ``web/`` shows).

Articles are ordered newest first by ``COALESCE(published, first_seen)`` then
id (served by the ``articles_recent`` indexes of migration 3); a page cursor
is the last row's (sort key, id).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ...models import Translation
from ..records import NO_FILTERS, ArticleFilters, ArticleRow, SourceRow, StoryRow, record_of
from .translations import translation_from_row

if TYPE_CHECKING:
    from .store import SqliteStore as Database

_SELECT = (
    "SELECT {columns}, s.name AS source_name, s.url AS source_url, "
    "COALESCE(a.published, a.first_seen) AS sort_key "
    "FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
)
ALL_COLUMNS = "a.*"
# what a listing shows (never the stored HTML or the body)
LISTING_COLUMNS = "a.id, a.source_id, a.url, a.title, a.language, a.published, a.first_seen, " \
    "a.site_name, a.author"
_SORT = "COALESCE(a.published, a.first_seen)"
_ORDER = f"ORDER BY {_SORT} DESC, a.id DESC"


def conditions(filters: ArticleFilters) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    checks = (
        ("a.source_id = ?", filters.source_id), ("a.language = ?", filters.language),
        ("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)", filters.story_id),
        (f"{_SORT} >= ?", filters.since),
        (f"{_SORT} < ?", f"{filters.until}T99" if filters.until else None),
    )
    for clause, value in checks:
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if filters.readable_in is not None:
        clauses.append("(a.language = ? OR EXISTS (SELECT 1 FROM translations t "
                       "WHERE t.article_id = a.id AND t.language = ?))")
        params.extend([filters.readable_in, filters.readable_in])
    return clauses, params


def filtered_articles(db: Database, filters: ArticleFilters, limit: int, *,
                      before: tuple[str, int] | None = None, offset: int = 0,
                      listing: bool = False) -> list[ArticleRow]:
    """Up to ``limit`` articles, newest first, matching ``filters``, older than ``before``;
    ``listing`` leaves out what a listing never shows (the body, the stored HTML)."""
    clauses, params = conditions(filters)
    if before is not None:
        clauses.append(f"({_SORT} < ? OR ({_SORT} = ? AND a.id < ?))")
        params.extend([before[0], before[0], before[1]])
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    select = _SELECT.format(columns=LISTING_COLUMNS if listing else ALL_COLUMNS)
    rows = db.read().execute(f"{select}{where} {_ORDER} LIMIT ? OFFSET ?",
                             (*params, limit, offset)).fetchall()
    return [record_of(ArticleRow, row) for row in rows]


def articles_before(db: Database, limit: int,
                    before: tuple[str, int] | None = None) -> list[ArticleRow]:
    """Up to ``limit`` articles, newest first, strictly older than ``before``."""
    return filtered_articles(db, NO_FILTERS, limit, before=before)


def articles_readable_in(db: Database, language: str, limit: int) -> list[ArticleRow]:
    """The newest articles translated into ``language`` or written in it."""
    return filtered_articles(db, ArticleFilters(readable_in=language), limit)


def source_row(db: Database, source_id: int) -> SourceRow | None:
    row = db.read().execute(
        "SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS article_count "
        "FROM sources s WHERE s.id = ?", (source_id,)).fetchone()
    return record_of(SourceRow, row) if row else None


def source_names(db: Database) -> list[SourceRow]:
    rows = db.read().execute("SELECT id, name, url FROM sources ORDER BY name, id").fetchall()
    return [record_of(SourceRow, row) for row in rows]


def articles_per_day(db: Database, source_id: int, today: date,
                     days: int = 30) -> list[tuple[str, int]]:
    """(day, articles first seen that day) for the ``days`` days up to ``today``, oldest first."""
    first = today - timedelta(days=days - 1)
    rows = db.read().execute(
        "SELECT substr(first_seen, 1, 10) AS day, COUNT(*) AS n FROM articles "
        "WHERE source_id = ? AND first_seen >= ? GROUP BY day", (source_id, first.isoformat()),
    ).fetchall()
    counts = {row["day"]: row["n"] for row in rows}
    days_listed = [(first + timedelta(days=n)).isoformat() for n in range(days)]
    return [(day, counts.get(day, 0)) for day in days_listed]


def story_row(db: Database, story_id: int) -> StoryRow | None:
    row = db.read().execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    return record_of(StoryRow, row) if row else None


def stories_before(db: Database, limit: int, before_id: int | None = None) -> list[StoryRow]:
    """Stories, most recently updated first (by id for a stable cursor)."""
    if before_id is None:
        rows = db.read().execute("SELECT * FROM stories ORDER BY id DESC LIMIT ?",
                                 (limit,)).fetchall()
    else:
        rows = db.read().execute("SELECT * FROM stories WHERE id < ? ORDER BY id DESC LIMIT ?",
                                 (before_id, limit)).fetchall()
    return [record_of(StoryRow, row) for row in rows]


def stories_of(db: Database, article_ids: list[int]) -> dict[int, list[int]]:
    """article id -> the stories it belongs to."""
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = db.read().execute(
        f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks}) "
        "ORDER BY story_id", tuple(article_ids)).fetchall()
    found: dict[int, list[int]] = {}
    for row in rows:
        found.setdefault(row["article_id"], []).append(row["story_id"])
    return found


def translated_titles(db: Database, article_ids: list[int],
                      language: str) -> dict[int, dict[str, Translation]]:
    """Translations into ``language`` with their titles only (bodies left empty), for listings."""
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = db.read().execute(
        "SELECT article_id, title, engine, engine_version, pivot, created_at FROM translations "
        f"WHERE language = ? AND article_id IN ({marks})", (language, *article_ids)).fetchall()
    return {row["article_id"]: {language: Translation(
        article_id=row["article_id"], language=language, title=row["title"], standfirst="",
        body="", engine=row["engine"], engine_version=row["engine_version"], pivot=row["pivot"],
        created_at=row["created_at"])} for row in rows}


def translations_into(db: Database, article_ids: list[int],
                      language: str) -> dict[int, dict[str, Translation]]:
    """The whole translations into ``language`` (feeds need the bodies)."""
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = db.read().execute(
        f"SELECT * FROM translations WHERE language = ? AND article_id IN ({marks})",
        (language, *article_ids)).fetchall()
    return {row["article_id"]: {language: translation_from_row(row)} for row in rows}


def outlet_names(db: Database, article_ids: list[int]) -> dict[int, str]:
    """article id -> its outlet: the source's name, else the page's site name ('' if neither)."""
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = db.read().execute(
        "SELECT a.id, COALESCE(NULLIF(s.name, ''), NULLIF(a.site_name, ''), '') AS outlet "
        f"FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks})",
        tuple(article_ids)).fetchall()
    return {row["id"]: row["outlet"] for row in rows}


def article_times(db: Database, article_ids: list[int]) -> dict[int, dict[str, str | None]]:
    """article id -> {"published", "first_seen"} (for lags between versions)."""
    found: dict[int, dict[str, str | None]] = {}
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in db.read().execute(
                f"SELECT id, published, first_seen FROM articles WHERE id IN ({marks})",
                tuple(chunk)):
            found[row["id"]] = {"published": row["published"], "first_seen": row["first_seen"]}
    return found
