"""Crash safety: ``run --once`` killed with SIGKILL at 20 random points loses and duplicates nothing.

A clean run over the demo newsroom is the reference. Then a fresh store is ingested by
processes killed after random delays (spread over the clean run's duration, so kills land
in polling, extraction, storing and tracing), each restart resuming the last one's work.
After every kill the store passes ``PRAGMA integrity_check`` and holds no duplicate; at the
end, one uninterrupted run completes it and its articles, links and stories equal the clean
run's. Translation is off here (``targets`` empty) to keep the loop near a minute; the
translation step commits one translation per transaction and its rows are checked too.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from babelwire.demo.server import start_demo_newsroom
from babelwire.storage import Database
from babelwire.storage import sources as source_store

from .conftest import cli_env, query, run_once

KILLS = 20
SEED = int(os.environ.get("BABELWIRE_CRASH_SEED", "9"))
ENV = {"BABELWIRE_TARGETS": "", "BABELWIRE_PROVENANCE_USE_ENCODER": "false"}


def new_store(folder: Path, newsroom) -> Path:
    with Database(folder / "babelwire.sqlite3") as db:
        for outlet in newsroom.outlets:
            source_store.add_source(db, outlet.feed_url, name=outlet.name)
    return folder / "babelwire.sqlite3"


def snapshot(db_path: Path) -> dict[str, object]:
    """What must survive, by natural keys (ids differ between stores)."""
    url = {r["id"]: r["canonical_url"] for r in query(db_path, "SELECT id, canonical_url FROM articles")}
    stories: dict[int, set[str]] = {}
    for row in query(db_path, "SELECT story_id, article_id FROM story_articles"):
        stories.setdefault(row["story_id"], set()).add(url[row["article_id"]])
    return {
        "articles": sorted(url.values()),
        "links": sorted((url[r["article_id"]], url[r["derived_from"]], r["relation"])
                        for r in query(db_path, "SELECT * FROM provenance_links")),
        "stories": sorted(sorted(members) for members in stories.values()),
        "traced": len(query(db_path, "SELECT 1 FROM provenance_traced")),
        "entries": sorted((r["url"], r["status"]) for r in query(db_path, "SELECT * FROM entries")),
    }


def check_consistent(db_path: Path) -> None:
    assert query(db_path, "PRAGMA integrity_check")[0][0] == "ok"
    assert not query(db_path, "SELECT content_hash FROM articles GROUP BY content_hash HAVING COUNT(*) > 1")
    assert not query(db_path, "SELECT article_id FROM story_articles GROUP BY article_id HAVING COUNT(*) > 1")
    assert not query(db_path, "SELECT 1 FROM entries e WHERE e.article_id IS NOT NULL AND NOT EXISTS "
                              "(SELECT 1 FROM articles a WHERE a.id = e.article_id)")
    # a traced article's story was saved with it (one transaction): never traced without one
    # when it has links
    assert not query(db_path, "SELECT l.article_id FROM provenance_links l WHERE NOT EXISTS "
                              "(SELECT 1 FROM story_articles s WHERE s.article_id = l.article_id)")
    assert not query(db_path, "SELECT 1 FROM translations GROUP BY article_id, language "
                              "HAVING COUNT(*) > 1")


def killed_run(data: Path, delay: float) -> bool:
    """Start ``run --once``, SIGKILL it after ``delay`` seconds; True when it was killed."""
    process = subprocess.Popen([sys.executable, "-m", "babelwire.cli.main", "--data", str(data),
                                "run", "--once"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=cli_env(**ENV))
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_twenty_kills_lose_and_duplicate_nothing(tmp_path):
    rng = random.Random(SEED)
    with start_demo_newsroom() as newsroom:
        clean_path = new_store(tmp_path / "clean", newsroom)
        started = time.monotonic()
        clean = run_once(clean_path.parent, **ENV)
        duration = time.monotonic() - started
        assert clean.returncode == 0, clean.stderr[-2000:]
        reference = snapshot(clean_path)
        assert reference["stories"] and reference["links"]

        # kill after random delays until KILLS kills have landed; a run that finishes
        # before its kill has completed the store, which must then equal the clean run's,
        # and the next kills start over on a fresh store
        kills, attempts, rounds, finished_stores = 0, 0, 0, []
        path, articles_seen = new_store(tmp_path / "killed-0", newsroom), 0
        while kills < KILLS and attempts < 4 * KILLS:
            attempts += 1
            delay = rng.uniform(0.3, max(duration, 0.6))
            if killed_run(path.parent, delay):
                kills += 1
                check_consistent(path)
                count = len(query(path, "SELECT 1 FROM articles"))
                assert count >= articles_seen  # nothing stored is ever lost
                articles_seen = count
                continue
            check_consistent(path)
            finished_stores.append(snapshot(path))
            rounds += 1
            path, articles_seen = new_store(tmp_path / f"killed-{rounds}", newsroom), 0
        print(f"clean run {duration:.1f} s; {kills} kills in {attempts} runs over {rounds + 1} stores")
        finished = run_once(path.parent, **ENV)
        assert finished.returncode == 0, finished.stderr[-2000:]
        check_consistent(path)
        finished_stores.append(snapshot(path))
    assert kills == KILLS, f"only {kills} of {attempts} runs were killed (seed {SEED})"
    for after in finished_stores:
        for key in ("articles", "links", "stories", "traced"):
            assert after[key] == reference[key], (key, SEED)
        assert [status for _, status in after["entries"]] == [s for _, s in reference["entries"]]
