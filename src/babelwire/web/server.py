"""Running the reader: ``serve`` in the foreground, ``BackgroundServer`` in a thread."""

from __future__ import annotations

import logging
import socket
import threading
import time

import uvicorn
from starlette.types import ASGIApp

log = logging.getLogger(__name__)

START_TIMEOUT = 10.0  # seconds to wait for the server to accept connections


def serve(app: ASGIApp, host: str, port: int) -> None:
    """Run ``app`` until interrupted."""
    uvicorn.run(app, host=host, port=port, log_level="warning")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class BackgroundServer:
    """uvicorn in a daemon thread on 127.0.0.1; ``port=0`` picks a free port.

    Use as a context manager, or call ``start()`` and ``stop()``.
    """

    host = "127.0.0.1"

    def __init__(self, app: ASGIApp, port: int = 0) -> None:
        self.port = port or free_port(self.host)
        config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning",
                                lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="babelwire-web",
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "BackgroundServer":
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._accepts_connections():
            if not self._thread.is_alive():
                raise RuntimeError(f"the web server on {self.url} stopped while starting")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the web server on {self.url} did not start "
                                   f"within {START_TIMEOUT:.0f}s")
            time.sleep(0.02)
        log.debug("web server listening on %s", self.url)
        return self

    def _accepts_connections(self) -> bool:
        if not self._server.started:
            return False
        try:
            with socket.create_connection((self.host, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=START_TIMEOUT)

    def __enter__(self) -> "BackgroundServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
