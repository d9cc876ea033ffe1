"""A few thousand hostile and malformed feeds on 127.0.0.1, through one ``run --once``.

Generates ``--feeds`` feeds (default 2000) from the case generators below, serves them
(and a few article pages) from this process on an ephemeral 127.0.0.1 port, adds them as
sources to a fresh store and runs ``babelwire run --once`` over them as a real process.
Reports: exit code, crashes (a traceback on stderr), sources with a failure recorded
(per code), sources unaccounted for (neither polled nor failed: must be 0), articles
stored, peak RSS of the run (target < 500 MB) and wall time.

``--baseline-src DIR`` runs the same corpus through another checkout's ``src`` first
(e.g. /work/main/src before issue 9), under a 2 GB address-space limit, and prints both.

    PYTHONPATH=src .venv/bin/python bench/hostile.py [--feeds 2000] [--seed 9] [--baseline-src DIR]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROSE = ("The river authority opened the northern sluice gates on Friday after three days of "
         "rain raised the water level above the spring mark. Farmers downstream were told to "
         "move livestock to higher fields, and the ferry crossing was suspended until the "
         "current slows. Engineers will inspect the embankment once the flood has passed.")


def rss(items: str, doctype: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel>'
            f"<title>Bench feed</title>{items}</channel></rss>")


def item(n: int, link: str | None, title: str = "Item", body: str = PROSE) -> str:
    tag = f"<link>{link}</link>" if link else f'<guid isPermaLink="false">g-{n}</guid>'
    return f"<item><title>{title} {n}</title>{tag}<description>{body} {n}</description></item>"


def case_good(n: int, rng: random.Random) -> tuple[str, bytes]:
    pages = "".join(item(n * 10 + k, f"/pages/{rng.randrange(40)}.html") for k in range(3))
    return "good", rss(pages).encode()


def case_linkless(n: int, rng: random.Random) -> tuple[str, bytes]:
    return "linkless", rss("".join(item(n * 10 + k, None) for k in range(3))).encode()


def case_json_types(n: int, rng: random.Random) -> tuple[str, bytes]:
    bad = rng.choice([123, 5, None, [1], {"a": 1}, True, 1.5])
    items = [{"id": n, "url": bad, "authors": bad, "date_published": bad, "title": bad},
             {"id": f"t{n}", "title": f"Typed {n}", "content_text": f"{PROSE} {n}"}]
    return "json_types", json.dumps({"version": "https://jsonfeed.org/version/1.1",
                                     "items": items}).encode()


def case_surrogate(n: int, rng: random.Random) -> tuple[str, bytes]:
    return "surrogate", ('{"items": [{"id": "s%d", "title": "Bad \\ud800 %d", '
                         '"content_html": "<p>Lone \\udfff text %d. %s</p>"}]}'
                         % (n, n, n, PROSE)).encode()


def case_nesting(n: int, rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice([2_000, 50_000, 200_000])
    return "nesting_bomb", ('{"items": ' + "[" * depth + "]" * depth + "}").encode()


def case_quadratic(n: int, rng: random.Random) -> tuple[str, bytes]:
    doctype = '<!DOCTYPE rss [<!ENTITY a "' + "x" * 50_000 + '">]>'
    body = "&a;" * 20_000
    return "quadratic", rss(item(n, None, body=body), doctype)[len('<?xml version="1.0" encoding="utf-8"?>'):].encode()


def case_laughs(n: int, rng: random.Random) -> tuple[str, bytes]:
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{k} "' + f"&l{k - 1};" * 10 + '">' for k in range(1, 10))
    return "billion_laughs", rss(item(n, None, title="&l9;"), f"<!DOCTYPE rss [{entities}]>").encode()


def case_javascript(n: int, rng: random.Random) -> tuple[str, bytes]:
    link = rng.choice(["javascript:alert(1)", "data:text/html,x", "vbscript:x", "http://[::1",
                       "file:///etc/passwd"])
    return "bad_links", rss(item(n, link)).encode()


def case_escaped(n: int, rng: random.Random) -> tuple[str, bytes]:
    return "escaped_title", rss(item(n, None, title="&lt;b&gt;Bold&lt;/b&gt; &amp;amp;")).encode()


def case_garbage(n: int, rng: random.Random) -> tuple[str, bytes]:
    return "garbage", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))


def case_truncated(n: int, rng: random.Random) -> tuple[str, bytes]:
    whole = rss("".join(item(n * 10 + k, None) for k in range(4)))
    return "truncated", whole[: rng.randrange(40, len(whole))].encode()


def case_big(n: int, rng: random.Random) -> tuple[str, bytes]:
    return "big", rss("".join(item(n * 1000 + k, None) for k in range(3000))).encode()


CASES = [case_good, case_linkless, case_json_types, case_surrogate, case_nesting,
         case_quadratic, case_laughs, case_javascript, case_escaped, case_garbage,
         case_truncated, case_big]
STATUSES = {"http_500": 500, "http_404": 404}


def page(n: int) -> bytes:
    paragraphs = "".join(f"<p>{PROSE} Part {k} of page {n}.</p>" for k in range(3))
    return (f'<html lang="en"><head><title>Page {n}</title><meta property="og:type" '
            f'content="article"></head><body><article><h1>Page {n}</h1>{paragraphs}'
            f"</article></body></html>").encode()


def build_corpus(count: int, seed: int) -> tuple[dict[str, tuple[str, bytes]], dict[str, int]]:
    rng = random.Random(seed)
    feeds: dict[str, tuple[str, bytes]] = {}
    statuses: dict[str, int] = {}
    for n in range(count):
        if rng.random() < 0.04:
            name = rng.choice(list(STATUSES))
            statuses[f"/feeds/{n}"] = STATUSES[name]
            feeds[f"/feeds/{n}"] = (name, b"")
            continue
        feeds[f"/feeds/{n}"] = rng.choice(CASES)(n, rng)
    return feeds, statuses


class Handler(BaseHTTPRequestHandler):
    def __init__(self, feeds, statuses, *args, **kwargs):
        self.feeds, self.statuses = feeds, statuses
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        if path in self.statuses:
            self._send(self.statuses[path], b"no", "text/plain")
        elif path in self.feeds:
            kind, body = self.feeds[path]
            media = "application/feed+json" if kind in ("json_types", "surrogate", "nesting_bomb") \
                else "application/rss+xml"
            self._send(200, body, media)
        elif path.startswith("/pages/"):
            self._send(200, page(int(path.split("/")[-1].split(".")[0] or 0)), "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_pass(src: str, base: str, feeds: dict, label: str, limit: bool) -> dict:
    data = Path(tempfile.mkdtemp(prefix=f"bw-hostile-{label}-"))
    env = {**os.environ, "PYTHONPATH": src, "BABELWIRE_FETCH_PER_HOST_DELAY": "0",
           "BABELWIRE_FETCH_PER_HOST_CONCURRENCY": "8", "BABELWIRE_TARGETS": "",
           "BABELWIRE_PROVENANCE_ENABLED": "false", "BABELWIRE_FETCH_RESPECT_ROBOTS": "false",
           "BABELWIRE_FETCH_ALLOW_ADDRESSES": "127.0.0.1"}
    subprocess.run([sys.executable, "-c", "import sys; from babelwire.storage import Database; "
                    "from babelwire.storage.sources import add_source\n"
                    "with Database(sys.argv[1]) as db:\n"
                    "    [add_source(db, line) for line in sys.stdin.read().split()]",
                    str(data / "babelwire.sqlite3")], input="\n".join(base + p for p in feeds),
                   text=True, env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "babelwire.cli.main", "--data", str(data), "run",
                           "--once"], capture_output=True, text=True, env=env,
                          preexec_fn=limit_memory if limit else None)
    wall = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    counts = store_counts(data / "babelwire.sqlite3")
    shutil.rmtree(data, ignore_errors=True)
    return {"label": label, "exit": done.returncode, "wall_s": round(wall, 1),
            "peak_rss_mb": round(peak / 1024) if peak > before else "<= earlier child",
            "crash": "Traceback" in done.stderr, "tail": done.stderr.strip().splitlines()[-1:],
            **counts}


def store_counts(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        codes = dict(conn.execute("SELECT COALESCE(last_error_code, 'ok'), COUNT(*) FROM sources "
                                  "GROUP BY 1").fetchall())
        unaccounted = conn.execute("SELECT COUNT(*) FROM sources WHERE last_fetch_at IS NULL"
                                   ).fetchone()[0]
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        unsafe = conn.execute("SELECT COUNT(*) FROM entries WHERE url NOT LIKE 'http%'").fetchone()[0]
    finally:
        conn.close()
    return {"sources_by_code": codes, "unaccounted_sources": unaccounted, "articles": articles,
            "non_http_entries": unsafe}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--baseline-src", help="another checkout's src folder, run first")
    args = parser.parse_args()
    feeds, statuses = build_corpus(args.feeds, args.seed)
    kinds: dict[str, int] = {}
    for kind, _ in feeds.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(feeds)} feeds, {sum(len(b) for _, b in feeds.values()) >> 20} MB: {kinds}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, feeds, statuses))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    here = str(Path(__file__).resolve().parents[1] / "src")
    results = []
    try:
        if args.baseline_src:
            results.append(run_pass(args.baseline_src, base, feeds, "baseline", limit=True))
        results.append(run_pass(here, base, feeds, "this", limit=False))
    finally:
        server.shutdown()
    for result in results:
        print(json.dumps(result, sort_keys=True))
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, shared, load {load:.0f}")
    this = results[-1]
    ok = this["exit"] == 0 and not this["crash"] and this["unaccounted_sources"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
