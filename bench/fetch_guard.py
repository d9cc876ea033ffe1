"""What the SSRF guard and the per-read deadline cost per fetch, against plain httpx.

A local HTTP server on 127.0.0.1 answers a 20 KB page. In the same run:
  - babelwire: ``Fetcher`` with its guarded transport (resolve once per
    connection, check, pin; every socket read bounded by the deadline);
  - baseline: the same ``Fetcher`` on httpx's stock ``HTTPTransport``.
Both with kept-alive connections, then with ``Connection: close`` (one new
connection, so one check, per fetch), then the same by host name (one DNS
lookup per fetch: the guard's runs in a thread bounded by the deadline). Prints fetches per second
and babelwire's time per fetch as a ratio of the baseline's.

    .venv/bin/python bench/fetch_guard.py [--fetches 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from babelwire.fetch import Fetcher, FetchOptions

PAGE = b"<html><body>" + b"<p>babelwire benchmark paragraph.</p>" * 540 + b"</body></html>"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once (no delayed-ACK stalls)

    def do_GET(self) -> None:  # noqa: N802
        close = self.path.startswith("/close")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


def timed(fetcher: Fetcher, url: str, fetches: int) -> float:
    start = time.perf_counter()
    for _ in range(fetches):
        fetcher.fetch(url)
    return (time.perf_counter() - start) / fetches


def best(make: callable, url: str, fetches: int, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        with make() as fetcher:
            fetcher.fetch(url)  # warm up: first connection
            runs.append(timed(fetcher, url, fetches))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetches", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = FetchOptions(allow_addresses=("127.0.0.1", "localhost"), respect_robots=False,
                           per_host_delay=0.0)
    port = server.server_address[1]
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    modes = {"keepalive": f"http://127.0.0.1:{port}/keepalive",
             "close": f"http://127.0.0.1:{port}/close",
             "close, by name": f"http://localhost:{port}/close"}  # + one DNS lookup per fetch
    for mode, url in modes.items():
        ours = best(lambda: Fetcher(options), url, args.fetches, args.repeat)
        plain = best(lambda: Fetcher(options, transport=httpx.HTTPTransport()), url,
                     args.fetches, args.repeat)
        print(f"{mode:14}  guarded {1 / ours:7.0f}/s ({ours * 1000:.2f} ms)   "
              f"plain httpx {1 / plain:7.0f}/s ({plain * 1000:.2f} ms)   ratio {ours / plain:.2f}")
    server.shutdown()


if __name__ == "__main__":
    main()
