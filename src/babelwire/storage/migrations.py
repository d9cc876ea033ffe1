"""Schema migrations: an ordered, append-only list; each runs in a transaction.

The schema version is SQLite's ``user_version``. A store written by a newer
babelwire (version above ``len(MIGRATIONS)``) is refused rather than damaged.
"""

from __future__ import annotations

import logging
import sqlite3

from ..errors import SchemaError

log = logging.getLogger(__name__)

# Migration texts, in order. Slots 2-4 are reserved for work in progress
# (translation memory, search index, provenance); a reserved slot is an empty
# migration until its owner fills it. Never reorder; only append or fill.
M1_BASE = """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'feed',
        enabled INTEGER NOT NULL DEFAULT 1,
        added_at TEXT NOT NULL,
        last_fetch_at TEXT,
        last_success_at TEXT,
        etag TEXT,
        last_modified TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        last_error_code TEXT,
        last_error TEXT,
        last_warning_code TEXT,
        last_warning TEXT,
        next_check_at TEXT
    );
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        published TEXT,
        first_seen TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error TEXT,
        article_id INTEGER
    );
    CREATE INDEX entries_status ON entries(status, id);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        url TEXT NOT NULL,
        canonical_url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        standfirst TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        published TEXT,
        updated TEXT,
        first_seen TEXT NOT NULL,
        language TEXT NOT NULL,
        language_confidence REAL NOT NULL,
        content_hash TEXT NOT NULL,
        site_name TEXT NOT NULL DEFAULT '',
        html TEXT NOT NULL DEFAULT '',
        attribution TEXT NOT NULL DEFAULT '[]',
        disclaimers TEXT NOT NULL DEFAULT '[]',
        images TEXT NOT NULL DEFAULT '[]',
        warnings TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_order ON articles(published DESC, id DESC);
    CREATE TABLE translations (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        title TEXT NOT NULL,
        standfirst TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        engine TEXT NOT NULL,
        engine_version TEXT NOT NULL DEFAULT '',
        pivot TEXT,
        created_at TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]',
        UNIQUE (article_id, language)
    );
    CREATE TABLE translation_failures (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (article_id, language)
    );
    CREATE TABLE source_events (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        level TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        url TEXT
    );
    CREATE INDEX source_events_source ON source_events(source_id, id);
"""

# 2: translation memory (issue 4)
M2_TRANSLATION_MEMORY = """
"""

# 3: full-text search and reader indexes (issue 5)
M3_SEARCH = """
"""

# 4: stories and provenance links (issue 6); its owner may add to it.
M4_PROVENANCE = """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        earliest_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        article_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE TABLE provenance_links (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        derived_from INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        relation TEXT NOT NULL,
        confidence REAL NOT NULL,
        lag_seconds INTEGER,
        evidence TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        UNIQUE (article_id, derived_from)
    );
    CREATE INDEX provenance_links_origin ON provenance_links(derived_from);
"""

MIGRATIONS: tuple[str, ...] = (
    M1_BASE,
    M2_TRANSLATION_MEMORY,
    M3_SEARCH,
    M4_PROVENANCE,
)

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Apply pending migrations; refuse a store newer than this code."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"store {path} has schema version {version}, this babelwire knows {SCHEMA_VERSION}: "
            "upgrade babelwire or use another --data folder"
        )
    for number in range(version, SCHEMA_VERSION):
        log.info("migrating %s to schema version %d", path, number + 1)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
