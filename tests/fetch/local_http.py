"""Real servers on 127.0.0.1 for the SSRF and deadline tests (tests/hostile imports this).

``RecordingServer``: routes -> (status, headers, body), and every request it saw.
``DripServer``: a raw TCP server that sends a fixed answer ``step`` bytes per
``interval`` seconds, headers included, until the client hangs up.
"""

from __future__ import annotations

import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Route = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        owner = self.server.owner
        path = self.path.split("?", 1)[0]
        owner.saw(path, self.headers.get("Host", ""))
        status, headers, body = owner.routes.get(path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: RecordingServer


class RecordingServer:
    """A threaded HTTP server on an ephemeral 127.0.0.1 port that records every request."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.hosts: list[str] = []
        self._lock = threading.Lock()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def entry(self) -> str:
        """This server's ``fetch.allow_addresses`` entry: exactly its port."""
        return f"127.0.0.1:{self.port}"

    @property
    def requests(self) -> int:
        return sum(self.hits.values())

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def saw(self, path: str, host: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.hosts.append(host)

    def __enter__(self) -> RecordingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class DripServer:
    """Answers every connection with ``head`` at once, then ``answer`` ``step`` bytes every
    ``interval`` seconds."""

    def __init__(self, answer: bytes, *, head: bytes = b"", step: int = 1,
                 interval: float = 0.2) -> None:
        self.answer, self.head, self.step, self.interval = answer, head, step, interval
        self.connections = 0
        self.sent_all = threading.Event()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            thread = threading.Thread(target=self._drip, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(65536)  # the request; its content does not matter
                conn.sendall(self.head)
                for start in range(0, len(self.answer), self.step):
                    if self._stop.wait(self.interval):
                        return
                    conn.sendall(self.answer[start:start + self.step])
                self.sent_all.set()
            except OSError:
                return  # the client hung up: what a deadline should do

    def __enter__(self) -> DripServer:
        self._accepting.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._accepting.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()
