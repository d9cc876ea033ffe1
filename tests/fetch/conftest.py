"""A real, threaded HTTP server on 127.0.0.1 with per-test routes."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

try:  # until the project config puts src/ on pytest's path
    import babelwire  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

Handler = Callable[["_RequestHandler"], None]


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        app = self.server.app
        path = self.path.split("?", 1)[0]
        app.record(path, self)
        route = app.routes.get(path)
        if route is None:
            respond(self, 404, b"not found")
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: TestApp

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients that hang up are fine
            super().handle_error(request, client_address)


class TestApp:
    """Routes, request log and a stop flag for one test's server."""

    __test__ = False  # not a pytest class

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    @staticmethod
    def respond(handler: BaseHTTPRequestHandler, status: int = 200, body: bytes = b"",
                headers: dict[str, str] | None = None) -> None:
        respond(handler, status, body, headers)

    def sleep(self, seconds: float) -> bool:
        """Sleep in a handler; False once the server is shutting down."""
        return not self.stopping.wait(seconds)

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.routes[path] = handler
            return handler
        return register

    def record(self, path: str, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.hits[path] += 1
            sent = {name.lower(): value for name, value in handler.headers.items()}
            self.headers.setdefault(path, []).append(sent)


def respond(handler: BaseHTTPRequestHandler, status: int = 200, body: bytes = b"",
            headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if status != 304:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if status != 304:
        handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[TestApp]:
    httpd = _Server(("127.0.0.1", 0), _RequestHandler)
    host, port = httpd.server_address[:2]
    httpd.app = TestApp(f"http://{host}:{port}")
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield httpd.app
    finally:
        httpd.app.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
