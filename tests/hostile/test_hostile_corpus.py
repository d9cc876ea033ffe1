"""Every hostile fixture, served over 127.0.0.1, through one real ``babelwire run --once``.

One pass over all cases: it must finish (exit 3: some sources failed, the others were
ingested; no traceback), record each broken feed in
its source's health with a code, keep what can be saved, and store nothing unsafe.
"""

from __future__ import annotations

import json

import pytest

from babelwire.storage import Database
from babelwire.storage import sources as source_store

from .conftest import FIXTURES, peak_rss_kib, query, run_once

FEEDS = sorted(p.name for p in FIXTURES.iterdir() if p.is_file())
MUST_FAIL = {"json-nesting-bomb.json": "nested deeper", "empty.xml": "empty",
             "not-a-feed.html": "HTML page", "binary.xml": "not a usable feed"}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    from .conftest import serve_folder

    data = tmp_path_factory.mktemp("hostile-data")
    with serve_folder(FIXTURES) as base:
        with Database(data / "babelwire.sqlite3") as db:
            for name in FEEDS:
                source_store.add_source(db, base + name)
        done = run_once(data, BABELWIRE_TARGETS="fr")
        again = run_once(data, BABELWIRE_TARGETS="fr")  # a second pass over the same feeds
    return base, data / "babelwire.sqlite3", done, again


def source_row(db_path, base, name):
    return query(db_path, "SELECT * FROM sources WHERE url = ?", (base + name,))[0]


def test_the_pass_finishes_and_every_source_is_accounted_for(hostile_run):
    base, db_path, done, _ = hostile_run
    assert done.returncode == 3, done.stderr[-2000:]  # 3: some sources failed, not all
    assert "Traceback" not in done.stderr
    for name in FEEDS:
        row = source_row(db_path, base, name)
        assert row["last_fetch_at"], name  # every source was polled in the one pass
        if name in MUST_FAIL:
            assert row["last_error_code"] == "feed.malformed", name
            assert MUST_FAIL[name] in row["last_error"], (name, row["last_error"])
        else:
            assert row["last_success_at"] and row["error_count"] == 0, (name, row["last_error"])
    assert query(db_path, "PRAGMA integrity_check")[0][0] == "ok"


def test_memory_stays_bounded(hostile_run):
    assert peak_rss_kib(hostile_run[2]) < 500 * 1024


@pytest.mark.parametrize("name", ["rss-quadratic-blowup.xml", "rss-billion-laughs.xml",
                                  "rss-external-entity.xml", "rss-utf16-laughs.xml"])
def test_declared_entities_are_never_expanded(hostile_run, name):
    base, db_path, *_ = hostile_run
    source = source_row(db_path, base, name)
    assert source["last_warning"] or query(
        db_path, "SELECT 1 FROM source_events WHERE source_id = ? AND message LIKE '%DOCTYPE%'",
        (source["id"],))
    titles = [r["title"] for r in query(db_path, "SELECT title FROM entries WHERE source_id = ?",
                                        (source["id"],))]
    assert titles and all(len(t) < 200 and "root:" not in t for t in titles)


def test_wrong_json_types_keep_the_good_item(hostile_run):
    base, db_path, *_ = hostile_run
    rows = query(db_path, "SELECT a.url FROM articles a JOIN entries e ON e.article_id = a.id "
                 "JOIN sources s ON s.id = e.source_id WHERE s.url = ?",
                 (base + "json-wrong-types.json",))
    assert [r["url"] for r in rows] == [base + "pages/good-types.html"]


def test_malformed_canonical_keeps_the_article_on_its_page_url(hostile_run):
    base, db_path, *_ = hostile_run
    row = query(db_path, "SELECT * FROM articles WHERE url = ?", (base + "pages/bad-canonical.html",))
    assert row and row[0]["canonical_url"] == base + "pages/bad-canonical.html"
    assert query(db_path, "SELECT 1 FROM translations WHERE article_id = ?", (row[0]["id"],))


def test_lone_surrogates_are_replaced(hostile_run):
    base, db_path, *_ = hostile_run
    titles = {r["title"] for r in query(db_path, "SELECT title FROM entries e JOIN sources s ON "
                                        "s.id = e.source_id WHERE s.url = ?",
                                        (base + "json-surrogates.json",))}
    assert titles == {"A \ufffd b", "Linkless \ufffd note"}
    linkless = query(db_path, "SELECT body FROM articles WHERE title = ?", ("Linkless \ufffd note",))
    assert linkless and "lone \ufffd surrogate" in linkless[0]["body"]
    assert "\x00" not in linkless[0]["body"]


def test_linkless_entries_become_articles_from_the_feed(hostile_run):
    base, db_path, _, again = hostile_run
    rows = query(db_path, "SELECT a.* FROM articles a JOIN entries e ON e.article_id = a.id "
                 "JOIN sources s ON s.id = e.source_id WHERE s.url = ? ORDER BY a.id",
                 (base + "rss-linkless.xml",))
    assert sorted(r["title"] for r in rows) == ["", "Council notice"]  # one has no title
    notice = next(r for r in rows if r["title"] == "Council notice")
    assert notice["url"].startswith(base + "rss-linkless.xml#entry-")
    assert "ferry leaves at nine" in notice["body"] and "Bring a coat." in notice["body"]
    assert "script" not in notice["html"] and "alert" not in notice["body"]
    assert again.returncode == 3, again.stderr[-2000:]  # the same four bad feeds, no more
    # the second pass saw the same guid again and did not store it twice
    assert len(query(db_path, "SELECT 1 FROM articles WHERE title = 'Council notice'")) == 1


def test_no_script_or_data_url_is_stored_anywhere(hostile_run):
    base, db_path, *_ = hostile_run
    for table, column in (("entries", "url"), ("articles", "url"), ("articles", "canonical_url")):
        bad = query(db_path, f"SELECT {column} FROM {table} WHERE {column} NOT LIKE 'http%'")
        assert not bad, (table, [r[0] for r in bad])
    for row in query(db_path, "SELECT attribution FROM articles"):
        for credit in json.loads(row["attribution"]):
            assert credit.get("url") is None or credit["url"].startswith("http"), credit
    page = query(db_path, "SELECT * FROM articles WHERE url = ?", (base + "pages/js-canonical.html",))
    assert page and page[0]["canonical_url"] == base + "pages/js-canonical.html"
    kept = query(db_path, "SELECT body FROM articles WHERE title = 'Script link'")
    assert kept and "kept from its text" in kept[0]["body"]


def test_escaped_markup_in_a_title_is_text(hostile_run):
    base, db_path, *_ = hostile_run
    titles = [r["title"] for r in query(db_path, "SELECT e.title FROM entries e JOIN sources s "
                                        "ON s.id = e.source_id WHERE s.url = ?",
                                        (base + "rss-escaped-title.xml",))]
    assert titles == ["Lighthouse keeper & the sea"]
