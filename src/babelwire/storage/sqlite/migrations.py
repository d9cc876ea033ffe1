"""Schema migrations: an ordered, append-only list; each runs in a transaction.

The schema version is SQLite's ``user_version``. A store written by a newer
babelwire (version above ``len(MIGRATIONS)``) is refused rather than damaged.
"""

from __future__ import annotations

import logging
import sqlite3

from ...errors import SchemaError

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
    CREATE TABLE translation_memory (
        key BLOB PRIMARY KEY,
        translation TEXT NOT NULL,
        flags INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    ALTER TABLE translations ADD COLUMN record TEXT NOT NULL DEFAULT '{}'
"""

# 3: full-text search and reader indexes (issue 5). One FTS5 row per article
# (rowid = article id): its original title and text plus every translation,
# kept in sync by triggers; expression indexes serve the newest-first listings.
M3_SEARCH = """
    CREATE INDEX articles_recent ON articles(COALESCE(published, first_seen) DESC, id DESC);
    CREATE INDEX articles_source_recent
        ON articles(source_id, COALESCE(published, first_seen) DESC, id DESC);
    CREATE INDEX articles_language_recent
        ON articles(language, COALESCE(published, first_seen) DESC, id DESC);
    CREATE INDEX source_events_at ON source_events(source_id, at);
    CREATE VIRTUAL TABLE search_index USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIEW search_documents (id, title, body) AS
        SELECT a.id,
            a.title || COALESCE(char(10) || (SELECT group_concat(t.title, char(10))
                FROM translations t WHERE t.article_id = a.id), ''),
            a.standfirst || char(10, 10) || a.body || COALESCE(char(10, 10) ||
                (SELECT group_concat(t.standfirst || char(10, 10) || t.body, char(10, 10))
                FROM translations t WHERE t.article_id = a.id), '')
        FROM articles a;
    INSERT INTO search_index (rowid, title, body) SELECT id, title, body FROM search_documents;
    CREATE TRIGGER search_article_insert AFTER INSERT ON articles BEGIN
        INSERT INTO search_index (rowid, title, body)
            VALUES (new.id, new.title, new.standfirst || char(10, 10) || new.body);
    END;
    CREATE TRIGGER search_article_update AFTER UPDATE OF title, standfirst, body ON articles BEGIN
        DELETE FROM search_index WHERE rowid = old.id;
        INSERT INTO search_index (rowid, title, body)
            SELECT id, title, body FROM search_documents WHERE id = new.id;
    END;
    CREATE TRIGGER search_article_delete AFTER DELETE ON articles BEGIN
        DELETE FROM search_index WHERE rowid = old.id;
    END;
    CREATE TRIGGER search_translation_insert AFTER INSERT ON translations BEGIN
        DELETE FROM search_index WHERE rowid = new.article_id;
        INSERT INTO search_index (rowid, title, body)
            SELECT id, title, body FROM search_documents WHERE id = new.article_id;
    END;
    CREATE TRIGGER search_translation_update
    AFTER UPDATE OF article_id, title, standfirst, body ON translations BEGIN
        DELETE FROM search_index WHERE rowid IN (old.article_id, new.article_id);
        INSERT INTO search_index (rowid, title, body)
            SELECT id, title, body FROM search_documents WHERE id IN (old.article_id, new.article_id);
    END;
    CREATE TRIGGER search_translation_delete AFTER DELETE ON translations BEGIN
        DELETE FROM search_index WHERE rowid = old.article_id;
        INSERT INTO search_index (rowid, title, body)
            SELECT id, title, body FROM search_documents WHERE id = old.article_id;
    END;
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
    CREATE INDEX articles_first_seen ON articles(first_seen);
    CREATE TABLE provenance_traced (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        word_hash TEXT NOT NULL,
        signature TEXT NOT NULL DEFAULT '[]',
        keys TEXT NOT NULL DEFAULT '{}',
        traced_at TEXT NOT NULL
    );
"""

# 5: claims with leases (issue 12): a claimed entry or translation job is handed to one
# worker until its lease runs out; a dead worker's items come back after that.
M5_CLAIMS = """
    ALTER TABLE entries ADD COLUMN lease_until TEXT;
    ALTER TABLE entries ADD COLUMN lease_owner TEXT;
    CREATE TABLE translation_claims (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        lease_owner TEXT NOT NULL,
        lease_until TEXT NOT NULL,
        PRIMARY KEY (article_id, language)
    );
"""

# 6: faults stay with their entry (issue 9): entries without a link keep the
# feed's own content; the poller's state is kept for /healthz.
M6_ENTRY_CONTENT = """
    ALTER TABLE entries ADD COLUMN guid TEXT;
    ALTER TABLE entries ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE entries ADD COLUMN content TEXT;
    CREATE TABLE worker_status (
        name TEXT PRIMARY KEY,
        pid INTEGER NOT NULL,
        running INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        pass_started_at TEXT,
        pass_finished_at TEXT,
        passes INTEGER NOT NULL DEFAULT 0,
        last_summary TEXT,
        last_error TEXT,
        last_error_at TEXT
    )
"""

# 7: watches, their matches, the alert outbox and its delivery log (issue 15). A match is
# unique per (watch, article); an outbox row per (match, channel).
M7_WATCHES = """
    CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        email_mode TEXT NOT NULL DEFAULT 'immediate',
        webhook_url TEXT NOT NULL DEFAULT '',
        webhook_secret TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE watch_matches (
        id INTEGER PRIMARY KEY,
        watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        reason TEXT NOT NULL DEFAULT '',
        matched_at TEXT NOT NULL,
        UNIQUE (watch_id, article_id)
    );
    CREATE TABLE watch_alerts (
        id INTEGER PRIMARY KEY,
        match_id INTEGER NOT NULL REFERENCES watch_matches(id) ON DELETE CASCADE,
        watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        delivered_at TEXT,
        last_error TEXT,
        lease_until TEXT,
        UNIQUE (match_id, channel)
    );
    CREATE INDEX watch_alerts_due ON watch_alerts(delivered_at, next_attempt_at);
    CREATE TABLE watch_deliveries (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES watch_alerts(id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        at TEXT NOT NULL,
        status TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
"""

# 8: the evidence archive's index (issue 15): where each fetched exchange sits in the WARC
# files (a response, or a revisit of an identical payload), and which records each article
# was built from.
M8_ARCHIVE = """
    CREATE TABLE archive_records (
        id INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE,
        uri TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload_digest TEXT NOT NULL,
        file TEXT NOT NULL,
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL,
        refers_to INTEGER REFERENCES archive_records(id) ON DELETE SET NULL
    );
    CREATE INDEX archive_records_uri ON archive_records(uri, fetched_at);
    CREATE INDEX archive_records_digest ON archive_records(payload_digest, kind);
    CREATE INDEX archive_records_time ON archive_records(fetched_at);
    CREATE TABLE article_archive (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL REFERENCES archive_records(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (article_id, record_id)
    );
    CREATE INDEX article_archive_record ON article_archive(record_id);
"""

# 9: WebSub subscriptions (issue 15): the hub a feed declares, the secret its pushes are
# signed with, and the lease; one row per source (state 'none' when it declares no hub).
M9_WEBSUB = """
    CREATE TABLE websub_subscriptions (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
        hub TEXT NOT NULL DEFAULT '',
        topic TEXT NOT NULL DEFAULT '',
        secret TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        lease_until TEXT,
        pushed_at TEXT,
        last_error TEXT
    );
"""

# 10: provenance watches (issue 15): a watch's time limit ("translated within N minutes"),
# and each site's relay judgement as of its last trace, so a newly flagged site is seen.
M10_PROVENANCE_WATCHES = """
    ALTER TABLE watches ADD COLUMN within_minutes INTEGER;
    CREATE TABLE relay_sites (
        host TEXT PRIMARY KEY,
        relay INTEGER NOT NULL DEFAULT 0,
        reasons TEXT NOT NULL DEFAULT '[]',
        article_count INTEGER NOT NULL DEFAULT 0,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        flagged_at TEXT,
        checked_at TEXT NOT NULL
    );
    CREATE INDEX relay_sites_flagged ON relay_sites(flagged_at);
"""

# The title-and-lead vector of each traced article (512 half-precision values), so the
# next ingestion pass does not encode the window's articles again (issue 13).
M11_LEAD_VECTORS = """
    ALTER TABLE provenance_traced ADD COLUMN lead_vector BLOB;
"""

MIGRATIONS: tuple[str, ...] = (
    M1_BASE,
    M2_TRANSLATION_MEMORY,
    M3_SEARCH,
    M4_PROVENANCE,
    M5_CLAIMS,
    M6_ENTRY_CONTENT,
    M7_WATCHES,
    M8_ARCHIVE,
    M9_WEBSUB,
    M10_PROVENANCE_WATCHES,
    M11_LEAD_VECTORS,
)

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def statements(script: str) -> list[str]:
    """The SQL statements of ``script``; a trigger's body (``BEGIN ...; END``) stays whole."""
    found: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        found.append(pending.strip())
    return found


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
            for statement in statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
