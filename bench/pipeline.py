"""Articles per second through the whole pipeline, against the raw libraries.

Runs the demo newsroom on 127.0.0.1 and, in the same run:
  - babelwire: feeds -> fetch -> extract -> language -> SQLite -> translate (every target)
  - baseline: trafilatura.extract alone on the same pages, plus the apertium
    command alone on the same texts (one call per article per hop, the same
    routes babelwire takes), with the pages already in memory.
Prints each, and babelwire's throughput as a ratio of the baseline's.

    .venv/bin/python bench/pipeline.py [--repeat 3]

Both sides translate with the same number of parallel workers (2); a serial
baseline is printed too.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import trafilatura

from babelwire.compose import pipeline_context
from babelwire.demo.expected import expected_articles
from babelwire.demo.server import start_demo_newsroom
from babelwire.extract import extract_article
from babelwire.settings import load_settings
from babelwire.storage import Database
from babelwire.storage import sources as source_store
from babelwire.translate import ApertiumTranslator, find_route
from babelwire.worker import run_once

TARGETS = ("en", "fr")
WORKERS = 2  # babelwire's default translate.workers; the baseline gets the same


def run_babelwire(newsroom) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as data:
        settings = load_settings(None, environ={}, overrides={
            "data_dir": data, "fetch.per_host_delay": 0.0, "targets": list(TARGETS),
            "fetch.allow_addresses": ["127.0.0.1"]})
        db = Database(settings.db_path)
        for outlet in newsroom.outlets:
            source_store.add_source(db, outlet.feed_url, name=outlet.name)
        start = time.perf_counter()
        with pipeline_context(settings, db=db) as ctx:
            report = run_once(ctx)
        elapsed = time.perf_counter() - start
        db.close()
    return elapsed, report.articles_stored, report.translations


def run_raw(pages: dict[str, bytes], languages: dict[str, str],
            workers: int) -> tuple[float, float, int]:
    """trafilatura, then the apertium command per article per hop, ``workers`` at a time."""
    engine = ApertiumTranslator()
    modes, pairs = engine.modes(), engine.pairs()
    start = time.perf_counter()
    texts = {url: trafilatura.extract(page, url=url) or "" for url, page in pages.items()}
    extract_seconds = time.perf_counter() - start
    jobs = [(text, find_route(pairs, languages[url], target))
            for url, text in texts.items() for target in TARGETS if languages[url] != target]

    def translate(job: tuple[str, tuple[str, ...]]) -> int:
        text, route = job
        data = text.encode()
        for hop_from, hop_to in zip(route, route[1:]):
            data = subprocess.run(["apertium", "-u", "-f", "txt", modes[(hop_from, hop_to)]],
                                  input=data, capture_output=True, check=True).stdout
        return len(route) - 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        calls = sum(pool.map(translate, jobs))
    return extract_seconds, time.perf_counter() - start, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    args = parser.parse_args()
    with start_demo_newsroom() as newsroom:
        truth = expected_articles(newsroom)
        with httpx.Client() as client:
            pages = {t.url: client.get(t.url).content for t in truth}
        languages = {t.url: t.language for t in truth}
        bw = min((run_babelwire(newsroom) for _ in range(args.repeat)), key=lambda r: r[0])
        raw = min((run_raw(pages, languages, WORKERS) for _ in range(args.repeat)),
                  key=lambda r: r[0] + r[1])
        serial = min((run_raw(pages, languages, 1) for _ in range(args.repeat)),
                     key=lambda r: r[0] + r[1])
        start = time.perf_counter()
        for _ in range(args.repeat):
            for url, page in pages.items():
                extract_article(page, url)
        ours_extract = (time.perf_counter() - start) / args.repeat
    count = len(pages)
    bw_seconds, stored, translations = bw
    raw_seconds = raw[0] + raw[1]
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"python {platform.python_version()}")
    print(f"demo corpus: {count} articles, targets {', '.join(TARGETS)}, best of {args.repeat}")
    print(f"babelwire whole pipeline : {bw_seconds:6.2f} s  {stored / bw_seconds:6.2f} articles/s "
          f"({stored} stored, {translations} translations; includes HTTP, SQLite, language id)")
    serial_seconds = serial[0] + serial[1]
    print(f"raw libraries, {WORKERS} workers : {raw_seconds:6.2f} s  {count / raw_seconds:6.2f} articles/s "
          f"(trafilatura {raw[0]:.2f} s + apertium {raw[1]:.2f} s in {raw[2]} calls; pages in memory)")
    print(f"raw libraries, serial    : {serial_seconds:6.2f} s  {count / serial_seconds:6.2f} articles/s")
    print(f"  extraction only        : babelwire {1000 * ours_extract / count:.1f} ms/page, "
          f"trafilatura {1000 * raw[0] / count:.1f} ms/page, "
          f"ratio {ours_extract / raw[0]:.2f}x")
    print(f"ratio babelwire/raw throughput ({WORKERS} workers each): "
          f"{(stored / bw_seconds) / (count / raw_seconds):.2f}x")


if __name__ == "__main__":
    main()
