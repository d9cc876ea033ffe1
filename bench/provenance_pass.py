"""One ingestion pass's tracing in a store that already holds a week of traced articles.

Fills a SQLite store with N generated articles (bench/provenance.py's generator, a
minute apart) and traces them once; then, in alternating rounds, saves a few new
articles and times ``trace_store`` (what ``babelwire run`` does after each pass):
with the title-and-lead vectors saved at trace time, and as before they were saved
(the column emptied first, so the window's leads are encoded again).

    .venv/bin/python bench/provenance_pass.py [--articles 2000] [--new 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from provenance import generate  # noqa: E402  (bench/provenance.py's generator)

from babelwire.models import Article  # noqa: E402
from babelwire.provenance.incremental import trace_store  # noqa: E402
from babelwire.settings import load_settings  # noqa: E402
from babelwire.storage import Database  # noqa: E402
from babelwire.storage import articles as article_store  # noqa: E402

NOW = datetime.now(timezone.utc).timestamp()


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def save(db: Database, doc, when: float) -> None:
    article_store.save_article(db, Article(
        id=None, source_id=None, url=doc.url, canonical_url=doc.url, title=doc.title,
        standfirst="", body=doc.text, author="", published=_iso(when), first_seen=_iso(when),
        language=doc.lang, language_confidence=0.99, content_hash=f"h-{doc.key}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--new", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    docs = generate(args.articles + args.new * 2 * args.rounds, 7)
    start = NOW - len(docs) * 60
    with tempfile.TemporaryDirectory() as data:
        settings = load_settings(None, environ={}, overrides={"data_dir": data})
        db = Database(settings.db_path)
        for n, doc in enumerate(docs[:args.articles]):
            save(db, doc, start + 60 * n)
        began = time.perf_counter()
        traced = trace_store(db, settings, limit=args.articles)[0]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load "
              f"{os.getloadavg()[0]:.1f}; first trace of {traced} articles: "
              f"{time.perf_counter() - began:.1f} s")
        with db.write() as conn:
            conn.execute("CREATE TABLE kept_leads (id INTEGER PRIMARY KEY, v BLOB)")
        best: dict[str, float] = {}
        position = args.articles
        for _ in range(args.rounds):
            for mode in ("saved vectors", "baseline: leads encoded again"):
                with db.write() as conn:
                    if mode.startswith("baseline"):
                        conn.execute("DELETE FROM kept_leads")
                        conn.execute("INSERT INTO kept_leads SELECT article_id, lead_vector "
                                     "FROM provenance_traced")
                        conn.execute("UPDATE provenance_traced SET lead_vector = NULL")
                    else:  # the vectors the baseline round set aside come back
                        conn.execute("UPDATE provenance_traced SET lead_vector = (SELECT k.v "
                                     "FROM kept_leads k WHERE k.id = article_id) "
                                     "WHERE lead_vector IS NULL")
                for doc in docs[position:position + args.new]:
                    save(db, doc, start + 60 * position)
                    position += 1
                began = time.perf_counter()
                trace_store(db, settings)
                best[mode] = min(best.get(mode, 1e9), time.perf_counter() - began)
        db.close()
    for mode, seconds in best.items():
        print(f"{mode:32s} {seconds:6.2f} s for a pass of {args.new} new articles")
    ratio = best["baseline: leads encoded again"] / best["saved vectors"]
    print(f"saved vectors: {ratio:.2f}x faster per pass")


if __name__ == "__main__":
    main()
