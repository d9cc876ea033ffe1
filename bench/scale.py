"""Articles per second on 1, 2 and 4 worker processes over PostgreSQL, and on the SQLite
single process, against the raw libraries, in one run.

A generated newsroom (one RSS feed, N article pages in es/fr/en) is served on
127.0.0.1 with a LibreTranslate-compatible translator (it prefixes each
segment with the target: translation cost is left out on purpose, so the run
measures what scaling changes: fetching, extraction, language, storage,
claims, provenance). Each article is translated into en and fr (one of them
is usually its own language, so ~2/3 of the pairs are translated). Each
configuration starts from an empty database:

  - sqlite: `babelwire run --once` (today's one-process mode)
  - postgresql xN: `babelwire worker --concurrency N --until-idle`
  - baseline: httpx GET + trafilatura.extract + py3langid over the same pages
    in one process, nothing stored (the raw libraries' floor)

    PYTHONPATH=src .venv/bin/python bench/scale.py [--articles 300]

Wall time includes process start-up (a few seconds per process on a loaded
machine), as a deployment pays it.

The web tier while workers write (``--web``, on by default): `babelwire serve` on the
PostgreSQL database of the 2-worker run, page cache off, its home page requested one at a
time while the workers ingest, then as many times once they are done (the same pages, a
full database, nobody writing): p50/p99 of each, and their ratio.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import py3langid
import trafilatura

from babelwire.storage import open_store
from babelwire.storage.postgres.throwaway import ThrowawayServer, find_binaries

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from workers.newsroom import Newsroom  # noqa: E402  (the tests' generated newsroom)


def config(folder: Path, database: str, room: Newsroom, count: int) -> Path:
    path = folder / "babelwire.toml"
    path.write_text(f"""
data_dir = "{folder / 'data'}"
database = "{database}"
targets = ["en", "fr"]
max_articles_per_source = {count}

[fetch]
per_host_delay = 0.0
per_host_concurrency = 8
allow_addresses = ["127.0.0.1"]

[translate]
engine = "libretranslate"
libretranslate_url = "{room.base}"

[worker]
batch = 16
idle_seconds = 0.5
""")
    return path


def babelwire(cfg: Path, *args: str) -> None:
    subprocess.run(_command(cfg, *args), check=True, env=_env(), stdout=subprocess.DEVNULL)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "BABELWIRE_WEB_CACHE_ENTRIES": "0"}


def _command(cfg: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "babelwire.cli.main", "--config", str(cfg), *args]


class WebProbe:
    """`babelwire serve` on the database; its home page fetched one request at a time."""

    def __init__(self, cfg: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.process = subprocess.Popen(_command(cfg, "serve", "--port", str(self.port)),
                                        env=_env(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/"
        self.client = httpx.Client(timeout=30)
        self.during: list[float] = []
        self.stop = threading.Event()
        self._wait_up()

    def _wait_up(self) -> None:
        for _ in range(300):
            try:
                self.client.get(self.url)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("babelwire serve did not start")

    def _one(self) -> float:
        start = time.perf_counter()
        self.client.get(self.url).raise_for_status()
        return time.perf_counter() - start

    def sample_while(self) -> threading.Thread:
        def loop() -> None:
            while not self.stop.is_set():
                self.during.append(self._one())
        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        return thread

    def sample(self, n: int) -> list[float]:
        return [self._one() for _ in range(n)]

    def close(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(30)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def timed_run(database: str, room: Newsroom, count: int, args: list[str],
              web: list | None = None) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        cfg = config(Path(folder), database, room, count)
        with open_store(database) as store:
            store.sources.add(room.feed_url, name="Gazette")
        probe = WebProbe(cfg) if web is not None else None
        thread = probe.sample_while() if probe else None
        start = time.perf_counter()
        babelwire(cfg, *args)
        elapsed = time.perf_counter() - start
        if probe and thread:
            probe.stop.set()
            thread.join()
            web.extend([probe.during, probe.sample(max(50, len(probe.during)))])
            probe.close()
        with open_store(database) as store:
            stored = store.articles.count()
            translated = sum(len(t) for t in store.translations.for_many(
                [a.id for a in store.articles.latest(count + 10)]).values())
    return elapsed, stored if translated else 0


def baseline(room: Newsroom, count: int) -> float:
    start = time.perf_counter()
    with httpx.Client() as client:
        for n in range(1, count + 1):
            html = client.get(f"{room.base}/a/{n}.html").text
            text = trafilatura.extract(html) or ""
            py3langid.classify(text)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--no-web", action="store_true", help="skip the web tier's p99")
    args = parser.parse_args()
    count = args.articles
    room = Newsroom(count)
    rows, web = [], []
    try:
        raw = baseline(room, count)
        with tempfile.TemporaryDirectory() as folder:
            elapsed, stored = timed_run(f"sqlite:///{folder}/s.sqlite3", room, count,
                                        ["run", "--once"])
        rows.append(("sqlite, 1 process", elapsed, stored))
        binaries = find_binaries()
        if binaries is None:
            sys.exit("PostgreSQL is not installed: apt-get install postgresql")
        with ThrowawayServer(binaries) as server:
            for n in (int(w) for w in args.workers.split(",")):
                probe = web if n == 2 and not args.no_web else None
                elapsed, stored = timed_run(server.database(), room, count,
                                            ["worker", "--concurrency", str(n), "--until-idle"],
                                            probe)
                rows.append((f"postgresql, {n} worker{'s' if n > 1 else ''}", elapsed, stored))
    finally:
        room.close()
    report(rows, raw, count)
    if web:
        during, after = web
        print(f"web home page, page cache off, one request in flight: while 2 workers write "
              f"p50 {1000 * percentile(during, 0.5):.1f} ms p99 {1000 * percentile(during, 0.99):.1f}"
              f" ms ({len(during)} requests); nobody writing p50 {1000 * percentile(after, 0.5):.1f}"
              f" ms p99 {1000 * percentile(after, 0.99):.1f} ms ({len(after)}); p99 ratio "
              f"{percentile(during, 0.99) / percentile(after, 0.99):.2f}x")


def report(rows: list[tuple[str, float, int]], raw: float, count: int) -> None:
    load = os.getloadavg()[0]
    print(f"{count} articles, es/fr/en -> en+fr; {os.cpu_count()} cores, load {load:.1f}")
    print(f"baseline (httpx + trafilatura + py3langid, 1 process, nothing stored): {raw:.1f}/s")
    one = next((c / e for name, e, c in rows if name == "postgresql, 1 worker"), None)
    for name, elapsed, stored in rows:
        rate = stored / elapsed
        line = (f"{name:24} {stored:5} stored in {elapsed:6.1f}s  {rate:6.2f}/s  "
                f"({rate / raw:.2f}x baseline)")
        workers = int(name.split(", ")[1].split()[0]) if name.startswith("postgresql") else 0
        if one and workers > 1:
            line += f"  scaling efficiency {rate / (one * workers):.0%}"
        print(line)


if __name__ == "__main__":
    main()
