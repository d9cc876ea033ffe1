"""Per-host concurrency limit and pacing."""

from __future__ import annotations

import threading
import time

from babelwire.fetch import Fetcher
from fetch_local import local_options


def test_per_host_concurrency_is_capped(server):
    lock = threading.Lock()
    in_flight = 0
    peak = 0

    @server.route("/slow")
    def slow(handler):
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        server.sleep(0.3)
        with lock:
            in_flight -= 1
        server.respond(handler, 200, b"done")

    results = []
    options = local_options(per_host_concurrency=2, respect_robots=False)
    with Fetcher(options) as fetcher:
        threads = [
            threading.Thread(target=lambda: results.append(fetcher.fetch(server.url("/slow"))))
            for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert len(results) == 6
    assert peak == 2


def test_requests_to_one_host_are_paced(server):
    """Measured on the client's side: the fourth request cannot start before three delays
    have passed since the first one started (server-side arrival times jitter under load)."""
    served = []
    server.route("/tick")(lambda handler: (served.append(1), server.respond(handler, 200, b"t")))
    with Fetcher(local_options(per_host_delay=0.2, respect_robots=False)) as fetcher:
        began = time.monotonic()
        for _ in range(4):
            fetcher.fetch(server.url("/tick"))
        elapsed = time.monotonic() - began
    assert len(served) == 4
    assert elapsed >= 3 * 0.2
