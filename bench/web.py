"""The reader under load: requests per second and p50/p99 latency over a large archive.

Generates a store of N articles (default 100,000) with their translations
(written with executemany; the search index is filled by its triggers), serves
it with ``babelwire serve`` (uvicorn, one process) on 127.0.0.1, then runs a
bounded load generator (httpx clients in a thread pool, a fixed number of
requests in flight) against, in the same run:

  - baseline: /healthz, the trivial endpoint (the floor: HTTP + ASGI + client)
  - home (/?lang=en), article (/articles/ID?lang=en, random ids),
    search (/search?q=..., random queries), feeds (/feeds/en.atom, .rss, .json)

and prints requests/s, p50 and p99 per page with the ratio to the baseline.

    .venv/bin/python bench/web.py [--articles 100000] [--requests 600] [--concurrency 1,4]

Targets on a 2-core machine: p99 < 50 ms for home, article and feeds; < 200 ms for search.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from babelwire.storage import Database
from babelwire.storage.search import bulk_loading

SEED = 20241124
LANGUAGES = ("es", "fr", "en", "de", "it")
TARGETS = ("en", "fr")
TARGETS_P99_MS = {"home": 50, "article": 50, "feed atom": 50, "feed rss": 50, "feed json": 50,
                  "search": 200}


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Invented words (no real text), drawn later with a Zipf-like skew."""
    syllables = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi",
                 "zo", "kra", "mel", "dor", "ven", "tal", "sor", "qui", "ana", "elo", "ur"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Writer:
    """Fast text from the vocabulary: Zipf-like word choice, cumulative weights precomputed."""

    def __init__(self, rng: random.Random, words: list[str]) -> None:
        self.rng = rng
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))

    def sentence(self, length: int) -> str:
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=length)
        return " ".join(chosen).capitalize() + "."

    def body(self) -> str:
        return "\n\n".join(" ".join(self.sentence(self.rng.randint(8, 14)) for _ in range(2))
                           for _ in range(self.rng.randint(2, 4)))


def generate(path: Path, count: int, seed: int = SEED) -> dict[str, object]:
    """Fill a store with ``count`` articles (20 sources) and their translations."""
    rng = random.Random(seed)
    writer = Writer(rng, vocabulary(rng))
    db = Database(path)
    started = time.perf_counter()
    with bulk_loading(db) as conn:
        conn.executemany(
            "INSERT INTO sources (id, url, name, kind, added_at, last_fetch_at, next_check_at) "
            "VALUES (?, ?, ?, 'feed', '2024-01-01T00:00:00Z', '2024-06-01T00:00:00Z', "
            "'2024-06-01T00:15:00Z')",
            [(n, f"https://outlet{n}.example/feed.xml", f"Outlet {n}") for n in range(1, 21)])
        articles, translations = [], []
        for article_id in range(1, count + 1):
            language = rng.choice(LANGUAGES)
            minute = article_id  # one article a minute, ids in time order
            published = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                      time.gmtime(1_700_000_000 + minute * 60))
            articles.append((article_id, rng.randint(1, 20), f"https://o.example/a/{article_id}",
                             f"https://o.example/a/{article_id}", writer.sentence(8),
                             writer.sentence(14), writer.body(), published, published, language,
                             0.95, f"h{article_id}"))
            for target in TARGETS:
                if target != language:
                    translations.append((article_id, target, writer.sentence(8),
                                         writer.sentence(14), writer.body(), published))
        inserted = time.perf_counter()
        conn.executemany(
            "INSERT INTO articles (id, source_id, url, canonical_url, title, standfirst, body, "
            "published, first_seen, language, language_confidence, content_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", articles)
        conn.executemany(
            "INSERT INTO translations (article_id, language, title, standfirst, body, engine, "
            "engine_version, created_at) VALUES (?,?,?,?,?,'apertium','3.8.3',?)", translations)
    with db.write() as conn:
        conn.execute("ANALYZE")
    db.close()
    return {"articles": count, "translations": len(translations),
            "text_seconds": inserted - started, "insert_seconds": time.perf_counter() - inserted,
            "words": writer.words}  # insert_seconds: rows, search index and ANALYZE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data: Path, port: int, cache_entries: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "babelwire.cli.main", "--data", str(data), "serve",
               "--port", str(port)]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1",
                   "BABELWIRE_WEB_CACHE_ENTRIES": str(cache_entries)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=environment)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).text == "ok":
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the reader did not start on port {port}: {process.stderr.read()!r}")


def measure(base: str, paths: list[str], concurrency: int) -> dict[str, float]:
    """Send every path once, ``concurrency`` in flight; latencies in ms."""
    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(concurrency)]
    for client in clients:  # warm the connections
        client.get("/healthz")

    def one(index_path: tuple[int, str]) -> float:
        index, path = index_path
        client = clients[index % concurrency]
        start = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        return elapsed * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        latencies = sorted(pool.map(one, enumerate(paths)))
    wall = time.perf_counter() - started
    for client in clients:
        client.close()
    return {"rps": len(paths) / wall, "p50": statistics.median(latencies),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "mean": statistics.fmean(latencies)}


def workloads(rng: random.Random, count: int, words: list[str], requests: int) -> dict[str, list[str]]:
    common, rare = words[:200], words[200:3000]

    def query() -> str:
        kind = rng.random()
        if kind < 0.4:
            return rng.choice(rare)
        if kind < 0.7:
            return f"{rng.choice(common)} {rng.choice(rare)}"
        if kind < 0.85:
            return f'"{rng.choice(common)} {rng.choice(common)}"'
        return f"{rng.choice(rare)[:4]}* OR {rng.choice(rare)}"

    return {
        "baseline /healthz": ["/healthz"] * requests,
        "home": ["/?lang=en"] * requests,
        "article": [f"/articles/{rng.randint(1, count)}?lang=en" for _ in range(requests)],
        "search": [str(httpx.URL("/search", params={"q": query(), "lang": "en"}))
                   for _ in range(requests)],
        "feed atom": ["/feeds/en.atom"] * requests,
        "feed rss": ["/feeds/fr.rss"] * requests,
        "feed json": ["/feeds/en.json"] * requests,
    }


def report(results: dict[str, dict[str, float]]) -> None:
    floor = results["baseline /healthz"]
    print(f"{'page':<20}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'p99 / floor':>13}"
          f"{'target p99':>12}  verdict")
    for name, result in results.items():
        target = TARGETS_P99_MS.get(name)
        verdict = "" if target is None else ("met" if result["p99"] < target else "MISSED")
        print(f"{name:<20}{result['rps']:>9.0f}{result['p50']:>9.1f}{result['p99']:>9.1f}"
              f"{result['p99'] / floor['p99']:>12.1f}x{(str(target) + ' ms') if target else '':>12}"
              f"  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=600, help="requests per page kind")
    parser.add_argument("--concurrency", default="1,4",
                        help="requests in flight; a comma-separated list runs each")
    parser.add_argument("--data", help="keep the generated store in this folder (reused on "
                        "the next run with the same --articles)")
    options = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
          f"{platform.release()}, python {platform.python_version()}; load average "
          f"{os.getloadavg()[0]:.1f} at start (other work on the machine skews the numbers)")
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(options.data or scratch)
        store = data / "babelwire.sqlite3"
        if store.exists():  # a store kept from an earlier run with the same --articles
            made = {"words": vocabulary(random.Random(SEED))}
            print(f"store: reusing {store}")
        else:
            made = generate(store, options.articles)
            print(f"store: {made['articles']:,} articles, {made['translations']:,} translations, "
                  f"{store.stat().st_size / 2**20:.0f} MiB; text generated in "
                  f"{made['text_seconds']:.1f}s, inserted and indexed (one search-index "
                  f"rebuild) in {made['insert_seconds']:.1f}s")
        runs = {}
        for concurrency in [int(n) for n in options.concurrency.split(",")]:
            for label, cache_entries in (("page cache on (the default)", 256),
                                         ("page cache off (every page rendered)", 0)):
                results = run_load(data, options, made["words"], cache_entries, concurrency)
                runs[f"{label}: {options.requests} requests per page, {concurrency} in flight, "
                     "uvicorn (1 process) on 127.0.0.1"] = results
    for title, results in runs.items():
        print(f"\n{title}")
        report(results)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


def run_load(data: Path, options: argparse.Namespace, words: list[str], cache_entries: int,
             concurrency: int) -> dict[str, dict[str, float]]:
    port = free_port()
    server = start_server(data, port, cache_entries)
    try:
        loads = workloads(random.Random(SEED + 1), options.articles, words, options.requests)
        base = f"http://127.0.0.1:{port}"
        measure(base, [paths[0] for paths in loads.values()] * 5, concurrency)  # warm up
        return {name: measure(base, paths, concurrency) for name, paths in loads.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
