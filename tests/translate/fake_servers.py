"""Real HTTP servers on 127.0.0.1 that speak the translation servers' protocols.

They "translate" deterministically (upper-case, tagged with the pair) and can
be told to fail first (HTTP 503 or 429), to require an API key, or to return a
wrong number of lines, so the engines' retries and fallbacks are exercised
over real sockets.
"""

from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator


@dataclass
class Behaviour:
    fail_first: int = 0  # answer this many requests with fail_status first
    fail_status: int = 503
    api_key: str = ""  # required when set
    wrong_count: bool = False  # OpenAI: drop the last line of multi-line answers
    chatty: bool = False  # OpenAI: a friendly sentence before the lines
    requests: list = field(default_factory=list)  # (method, path, body) of every request


def fake_translation(text: str, source: str, target: str) -> str:
    return f"[{source}>{target}] {text.upper()}"


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour
    files: dict[str, bytes] = {}

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _body(self) -> dict:
        length = int(self.headers.get("content-length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def _send(self, status: int, payload, content_type: str = "application/json",
              headers: dict | None = None) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _failing(self) -> bool:
        if self.behaviour.fail_first > 0:
            self.behaviour.fail_first -= 1
            self._send(self.behaviour.fail_status, {"error": "busy"}, headers={"retry-after": "0"})
            return True
        return False

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.behaviour.requests.append(("GET", self.path, None))
        if self.path in self.files:
            self._send(200, self.files[self.path], "application/octet-stream")
        elif not self._failing():
            self.get()

    def do_POST(self) -> None:  # noqa: N802
        body = self._body()
        self.behaviour.requests.append(("POST", self.path, body))
        if not self._failing():
            self.post(body)

    def get(self) -> None:
        self._send(404, {"error": "not found"})

    def post(self, body: dict) -> None:
        self._send(404, {"error": "not found"})


class LibreTranslateHandler(_Handler):
    LANGUAGES = [{"code": "fr", "name": "French", "targets": ["en", "es"]},
                 {"code": "en", "name": "English", "targets": ["fr", "es"]},
                 {"code": "es", "name": "Spanish", "targets": ["en"]}]

    def get(self) -> None:
        if self.path == "/languages":
            self._send(200, self.LANGUAGES)
        else:
            self._send(404, {"error": "not found"})

    def post(self, body: dict) -> None:
        if self.path != "/translate":
            return self._send(404, {"error": "not found"})
        if self.behaviour.api_key and body.get("api_key") != self.behaviour.api_key:
            return self._send(403, {"error": "Invalid API key"})
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        translated = [fake_translation(text, body["source"], body["target"]) for text in texts]
        self._send(200, {"translatedText": translated if isinstance(body["q"], list) else translated[0]})


class OpenAIHandler(_Handler):
    def post(self, body: dict) -> None:
        if self.path != "/v1/chat/completions":
            return self._send(404, {"error": {"message": "not found"}})
        if self.behaviour.api_key and self.headers.get("authorization") != f"Bearer {self.behaviour.api_key}":
            return self._send(401, {"error": {"message": "Incorrect API key provided"}})
        system, user = body["messages"][0]["content"], body["messages"][1]["content"]
        source, target = re.search(r"from (\w+) to (\w+)", system).groups()
        lines = [re.match(r"(\d+)\. (.*)", line).groups() for line in user.splitlines()]
        answer = [f"{number}. {fake_translation(text, source, target)}" for number, text in lines]
        if self.behaviour.wrong_count and len(answer) > 1:
            answer = answer[:-1]
        if self.behaviour.chatty:
            answer.insert(0, "Sure! Here are the translations:")
        content = "<think>numbered lines, keep the count</think>\n" + "\n".join(answer)
        self._send(200, {"id": "chat-1", "object": "chat.completion", "model": body["model"],
                         "choices": [{"index": 0, "finish_reason": "stop",
                                      "message": {"role": "assistant", "content": content}}]})


@contextmanager
def serve(handler: type[_Handler], behaviour: Behaviour | None = None,
          files: dict[str, bytes] | None = None) -> Iterator[tuple[str, Behaviour]]:
    """Run ``handler`` on an ephemeral 127.0.0.1 port; yields (base URL, behaviour)."""
    behaviour = behaviour or Behaviour()
    bound = type(handler.__name__, (handler,), {"behaviour": behaviour, "files": files or {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), bound)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", behaviour
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def serve_package_index(archive: Path, from_code: str, to_code: str) -> Iterator[tuple[str, Behaviour]]:
    """An Argos-style package index on 127.0.0.1: ``/index.json`` and ``/<archive name>``."""
    files = {f"/{archive.name}": archive.read_bytes()}
    with serve(_Handler, files=files) as (base, behaviour):
        files["/index.json"] = json.dumps([
            {"package_version": "0.9", "argos_version": "1.9.0", "from_code": from_code, "to_code": to_code,
             "type": "translate", "links": [f"{base}/missing-old.argosmodel"]},
            {"package_version": "1.0", "argos_version": "1.9.0", "from_code": from_code, "to_code": to_code,
             "type": "translate", "links": [f"{base}/missing.argosmodel", f"{base}/{archive.name}"]},
            {"package_version": "1.0", "from_code": "de", "to_code": "en", "links": []},
        ]).encode()
        yield base, behaviour
