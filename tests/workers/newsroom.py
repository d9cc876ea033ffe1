"""A generated newsroom on 127.0.0.1 (an RSS feed, article pages in es/fr/en) and a
LibreTranslate-compatible translator, each able to hang one request until released,
so a test can kill a worker while it waits on exactly that request."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SENTENCES = {
    "es": ["El ayuntamiento aprobó ayer el nuevo plan de transporte para el barrio {n}.",
           "Los vecinos pidieron más autobuses nocturnos y carriles para bicicletas.",
           "La concejala explicó que las obras empezarán en primavera y durarán un año.",
           "Según el informe municipal, el tráfico bajó un diez por ciento el último mes."],
    "fr": ["Le conseil municipal a voté hier le nouveau plan de transport du quartier {n}.",
           "Les habitants ont demandé davantage de bus de nuit et de pistes cyclables.",
           "L'adjointe a expliqué que les travaux commenceront au printemps pour un an.",
           "Selon le rapport de la mairie, la circulation a baissé de dix pour cent "
           "le mois dernier."],
    "en": ["The city council approved yesterday the new transport plan for district {n}.",
           "Residents asked for more night buses and for protected cycle lanes.",
           "The councillor said the works will start in spring and last one year.",
           "According to the council's report, traffic fell by ten percent last month."],
}
LANGUAGES = ("es", "fr", "en")


def article_html(n: int) -> str:
    language = LANGUAGES[n % 3]
    lines = [s.format(n=n) for s in SENTENCES[language]]
    paragraphs = "".join(f"<p>{line} {lines[(i + 1) % 4]}</p>" for i, line in enumerate(lines))
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>Nota {n}</title></head><body><article><h1>Plan {n}</h1>"
            f"<p>Por la redacción · {n}</p>{paragraphs}</article></body></html>")


def feed_xml(base: str, count: int) -> str:
    items = "".join(
        f"<item><title>Plan {n}</title><link>{base}/a/{n}.html</link>"
        f"<guid>{base}/a/{n}.html</guid><pubDate>Tue, 01 Dec 2026 0{n % 10}:00:00 GMT</pubDate>"
        "</item>" for n in range(1, count + 1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Gazette</title><link>{base}/</link>{items}</channel></rss>")


class Hang:
    """Hold the first request that ``matches`` until ``release()``; ``reached`` is set then."""

    def __init__(self) -> None:
        self.match: str | None = None
        self.reached = threading.Event()
        self.released = threading.Event()

    def wait_if(self, text: str) -> None:
        if self.match and self.match in text and not self.reached.is_set():
            self.reached.set()
            self.released.wait(120)

    def release(self) -> None:
        self.released.set()


class Newsroom:
    def __init__(self, count: int) -> None:
        self.count = count
        self.hang = Hang()
        self.translate_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def feed_url(self) -> str:
        return f"{self.base}/feed.xml"

    def close(self) -> None:
        self.hang.release()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        room = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, kind: str, body: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                room.hang.wait_if(self.path)
                if self.path == "/feed.xml":
                    return self._send(200, "application/rss+xml", feed_xml(room.base, room.count))
                if self.path == "/languages":
                    return self._send(200, "application/json", json.dumps(
                        [{"code": c, "name": c, "targets": list(LANGUAGES)} for c in LANGUAGES]))
                if self.path.startswith("/a/") and self.path.endswith(".html"):
                    n = int(self.path[3:-5])
                    if 1 <= n <= room.count:
                        return self._send(200, "text/html; charset=utf-8", article_html(n))
                self._send(404, "text/plain", "not here")

            def do_POST(self) -> None:  # noqa: N802
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                room.translate_requests += 1
                room.hang.wait_if(" ".join(payload["q"]))
                out = [f"[{payload['target']}] {text}" for text in payload["q"]]
                self._send(200, "application/json", json.dumps({"translatedText": out}))

        return Handler
