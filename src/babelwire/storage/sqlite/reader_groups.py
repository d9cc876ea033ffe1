"""Reader queries for lists grouped by story (issue 14): a story's versions, the languages
present, the texts a snippet is cut from. Plain SQL that PostgreSQL also accepts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import StoryVersion, record_of

if TYPE_CHECKING:
    from .store import SqliteStore as Database

CHUNK = 400  # ids per IN (...) list

_VERSIONS = (
    "SELECT sa.story_id, a.id, a.url, a.title, a.language, a.first_seen, a.published, "
    "COALESCE(NULLIF(s.name, ''), NULLIF(a.site_name, ''), '') AS outlet, "
    "l.relation, l.derived_from, l.confidence "
    "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
    "LEFT JOIN sources s ON s.id = a.source_id "
    "LEFT JOIN provenance_links l ON l.article_id = a.id AND l.relation <> 'same_event' "
    "WHERE sa.story_id IN ({marks}) "
    "ORDER BY sa.story_id, COALESCE(a.published, a.first_seen), a.id, l.confidence DESC"
)


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]


def story_versions(db: Database, story_ids: list[int]) -> dict[int, list[StoryVersion]]:
    """story id -> its versions, earliest first (by publication, else first seen), each with
    its outlet and the link to the article it derives from (``None`` for an original)."""
    found: dict[int, list[StoryVersion]] = {}
    seen: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(set(story_ids))):
        marks = ",".join("?" for _ in chunk)
        for row in db.read().execute(_VERSIONS.format(marks=marks), tuple(chunk)):
            if (row["story_id"], row["id"]) in seen:  # one link per article: the strongest
                continue
            seen.add((row["story_id"], row["id"]))
            found.setdefault(row["story_id"], []).append(record_of(StoryVersion, row))
    return found


def languages_present(db: Database, candidates: list[str]) -> list[str]:
    """The ``candidates`` some stored article is written in (one index probe each)."""
    codes = list(dict.fromkeys(candidates))
    if not codes:
        return []
    probe = ("SELECT CAST(? AS TEXT) AS code "
             "WHERE EXISTS (SELECT 1 FROM articles WHERE language = ?)")
    sql = " UNION ALL ".join(probe for _ in codes)
    params = [value for code in codes for value in (code, code)]
    present = {row["code"] for row in db.read().execute(sql, params)}
    return [code for code in codes if code in present]


def texts_in(db: Database, article_ids: list[int],
             language: str) -> dict[int, tuple[str, str, str]]:
    """article id -> (language, title, standfirst and body) of its text in ``language``: the
    translation when there is one, else the original (whatever its language)."""
    found: dict[int, tuple[str, str, str]] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        marks = ",".join("?" for _ in chunk)
        rows = db.read().execute(
            "SELECT a.id, a.language, a.title, a.standfirst, a.body, t.title AS t_title, "
            "t.standfirst AS t_standfirst, t.body AS t_body FROM articles a "
            "LEFT JOIN translations t ON t.article_id = a.id AND t.language = ? "
            f"WHERE a.id IN ({marks})", (language, *chunk))
        for row in rows:
            if row["t_title"] is not None and row["language"] != language:
                found[row["id"]] = (language, row["t_title"],
                                    _joined(row["t_standfirst"], row["t_body"]))
            else:
                found[row["id"]] = (row["language"], row["title"],
                                    _joined(row["standfirst"], row["body"]))
    return found


def _joined(standfirst: str | None, body: str | None) -> str:
    return "\n\n".join(part for part in (standfirst or "", body or "") if part)
