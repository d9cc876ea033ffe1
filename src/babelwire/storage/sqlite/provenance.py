"""Provenance tables: traced features, links between articles, stories.

``provenance_traced`` keeps each traced article's word hash, MinHash
signature and evidence keys, so the candidate index is rebuilt from it
cheaply without re-reading every text. ``provenance_links`` holds, per
article, its chosen original (copy, translation, paraphrase) and the
articles reporting the same event; ``stories`` and ``story_articles`` the
clusters.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Iterable

from ..records import (ArticleRow, LinkView, SiteArticle, StoredLink, StoryMember, StoryRow,
                       TracedFeatures, record_of)

if TYPE_CHECKING:
    from .store import SqliteStore as Database

_ARTICLE_COLUMNS = ("a.id, a.url, a.title, a.standfirst, a.body, a.language, a.first_seen, "
                    "a.published, a.site_name, a.attribution, a.disclaimers, a.images, "
                    "a.content_hash, a.source_id")


def untraced_ids(db: Database, limit: int = 5000) -> list[int]:
    """Articles never traced, or changed since they were."""
    rows = db.read().execute(
        "SELECT a.id FROM articles a LEFT JOIN provenance_traced t ON t.article_id = a.id "
        "WHERE t.article_id IS NULL OR t.content_hash != a.content_hash "
        "ORDER BY a.first_seen, a.id LIMIT ?", (limit,)).fetchall()
    return [row["id"] for row in rows]


def article_rows(db: Database, ids: Iterable[int], pivot: str) -> list[ArticleRow]:
    """Articles with their pivot-language translation (``pivot_title``/``pivot_body``)."""
    ids = list(ids)
    found: list[ArticleRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found += [record_of(ArticleRow, row) for row in db.read().execute(
            f"SELECT {_ARTICLE_COLUMNS}, t.title AS pivot_title, t.body AS pivot_body "
            "FROM articles a LEFT JOIN translations t ON t.article_id = a.id AND t.language = ? "
            f"WHERE a.id IN ({marks})", (pivot, *chunk)).fetchall()]
    return found


def window_ids(db: Database, since: str, exclude: set[int]) -> list[int]:
    """Traced articles first seen at or after ``since`` (the comparison window)."""
    rows = db.read().execute(
        "SELECT a.id FROM articles a JOIN provenance_traced t ON t.article_id = a.id "
        "WHERE a.first_seen >= ? AND t.content_hash = a.content_hash", (since,)).fetchall()
    return [row["id"] for row in rows if row["id"] not in exclude]


def traced_features(db: Database, ids: Iterable[int]) -> dict[int, TracedFeatures]:
    ids = list(ids)
    found: dict[int, TracedFeatures] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.read().execute(
                f"SELECT * FROM provenance_traced WHERE article_id IN ({marks})", chunk):
            vector = row["lead_vector"]
            found[row["article_id"]] = TracedFeatures(
                row["article_id"], row["content_hash"], row["word_hash"],
                tuple(json.loads(row["signature"])), json.loads(row["keys"]),
                bytes(vector) if vector is not None else None)
    return found


def save_trace(db: Database, features: list[TracedFeatures], links: list[StoredLink],
               now: str, stories: tuple[list[list[int]], dict[int, str]] | None = None) -> None:
    """Record traced articles, replace their links and rewrite their ``stories``
    (clusters, titles), all in ONE transaction: a crash leaves all or nothing."""
    with db.write() as conn:
        _write_trace(conn, features, links, now)
        if stories is not None:
            _write_stories(conn, stories[0], stories[1], now)


def _write_trace(conn: sqlite3.Connection, features: list[TracedFeatures],
                 links: list[StoredLink], now: str) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO provenance_traced "
        "(article_id, content_hash, word_hash, signature, keys, lead_vector, traced_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(f.article_id, f.content_hash, f.word_hash, json.dumps(list(f.signature)),
          json.dumps(f.keys, ensure_ascii=False), f.lead_vector, now) for f in features])
    conn.executemany("DELETE FROM provenance_links WHERE article_id = ?",
                     [(f.article_id,) for f in features])
    conn.executemany(
        "INSERT OR REPLACE INTO provenance_links (article_id, derived_from, relation, "
        "confidence, lag_seconds, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(l.article_id, l.derived_from, l.relation, l.confidence, l.lag_seconds,
          json.dumps(l.evidence, ensure_ascii=False), now) for l in links])


def links_among(db: Database, ids: Iterable[int]) -> list[StoredLink]:
    ids = list(ids)
    found: list[StoredLink] = []
    for start in range(0, len(ids), 400):
        chunk = ids[start:start + 400]
        marks = ",".join("?" * len(chunk))
        found += [_link(row) for row in db.read().execute(
            f"SELECT * FROM provenance_links WHERE article_id IN ({marks}) "
            f"OR derived_from IN ({marks})", (*chunk, *chunk))]
    return list({(l.article_id, l.derived_from): l for l in found}.values())


def _link(row: sqlite3.Row) -> StoredLink:
    return StoredLink(row["article_id"], row["derived_from"], row["relation"],
                      row["confidence"], row["lag_seconds"], json.loads(row["evidence"] or "{}"))


def save_stories(db: Database, clusters: list[list[int]], titles: dict[int, str],
                 now: str) -> int:
    """Rewrite the stories of the articles in ``clusters`` (earliest article first)."""
    with db.write() as conn:
        _write_stories(conn, clusters, titles, now)
    return len(clusters)


def _write_stories(conn: sqlite3.Connection, clusters: list[list[int]], titles: dict[int, str],
                   now: str) -> None:
    members = [a for cluster in clusters for a in cluster]
    old: dict[int, int] = {}
    for start in range(0, len(members), 500):
        chunk = members[start:start + 500]
        marks = ",".join("?" * len(chunk))
        old.update({row[0]: row[1] for row in conn.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})",
            chunk)})
    for cluster in clusters:
        _save_story(conn, cluster, old, titles, now)
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")


def _save_story(conn: sqlite3.Connection, cluster: list[int], old: dict[int, int],
                titles: dict[int, str], now: str) -> None:
    previous = sorted({old[a] for a in cluster if a in old})
    if previous:
        story_id = previous[0]
        conn.execute("UPDATE stories SET title = ?, earliest_article_id = ?, article_count = ?, "
                     "updated_at = ? WHERE id = ?",
                     (titles.get(cluster[0], ""), cluster[0], len(cluster), now, story_id))
    else:
        story_id = int(conn.execute(
            "INSERT INTO stories (title, earliest_article_id, article_count, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?)",
            (titles.get(cluster[0], ""), cluster[0], len(cluster), now, now)).lastrowid)
    conn.executemany("DELETE FROM story_articles WHERE article_id = ?", [(a,) for a in cluster])
    conn.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                     [(story_id, a) for a in cluster])


def links_of_article(db: Database, article_id: int) -> tuple[list[LinkView], list[LinkView]]:
    """(links where the article is derived, links where it is the original), with the other
    article's title, URL, language, site and times."""
    other = ("o.id AS other_id, o.title AS other_title, o.url AS other_url, "
             "o.language AS other_language, o.first_seen AS other_first_seen, "
             "o.published AS other_published, o.site_name AS other_site_name")
    conn = db.read()
    upstream = conn.execute(
        f"SELECT l.*, {other} FROM provenance_links l JOIN articles o ON o.id = l.derived_from "
        "WHERE l.article_id = ? ORDER BY l.relation = 'same_event', l.confidence DESC",
        (article_id,)).fetchall()
    downstream = conn.execute(
        f"SELECT l.*, {other} FROM provenance_links l JOIN articles o ON o.id = l.article_id "
        "WHERE l.derived_from = ? ORDER BY l.relation = 'same_event', o.first_seen",
        (article_id,)).fetchall()
    return ([record_of(LinkView, row) for row in upstream],
            [record_of(LinkView, row) for row in downstream])


def story_of_article(db: Database, article_id: int) -> StoryRow | None:
    row = db.read().execute(
        "SELECT s.* FROM stories s JOIN story_articles sa ON sa.story_id = s.id "
        "WHERE sa.article_id = ?", (article_id,)).fetchone()
    return record_of(StoryRow, row) if row else None


def get_story(db: Database, story_id: int) -> StoryRow | None:
    row = db.read().execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    return record_of(StoryRow, row) if row else None


def story_members(db: Database, story_id: int) -> list[StoryMember]:
    rows = db.read().execute(
        "SELECT a.id, a.url, a.title, a.language, a.first_seen, a.published, a.site_name, "
        "l.relation, l.derived_from, l.confidence, l.lag_seconds "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "LEFT JOIN provenance_links l ON l.article_id = a.id AND l.relation != 'same_event' "
        "WHERE sa.story_id = ? ORDER BY a.first_seen, a.id", (story_id,)).fetchall()
    return [record_of(StoryMember, row) for row in rows]


def site_articles(db: Database, host_like: str) -> list[SiteArticle]:
    """Articles whose URL is on ``host`` (http or https, with or without www.)."""
    patterns = [f"{scheme}://{www}{host_like}/%" for scheme in ("http", "https")
                for www in ("", "www.")]
    rows = db.read().execute(
        "SELECT a.id, a.url, a.title, a.language, a.first_seen, a.published, a.site_name, "
        "a.attribution, a.disclaimers, l.derived_from, l.relation, l.lag_seconds, "
        "l.evidence, o.url AS original_url FROM articles a "
        "LEFT JOIN provenance_links l ON l.article_id = a.id AND l.relation != 'same_event' "
        "LEFT JOIN articles o ON o.id = l.derived_from "
        "WHERE a.url LIKE ? OR a.url LIKE ? OR a.url LIKE ? OR a.url LIKE ? "
        "ORDER BY a.first_seen DESC", patterns).fetchall()
    return [record_of(SiteArticle, row) for row in rows]
