"""Latency from publication to reader and to alert: the run loop polling every 60 s, and WebSub.

A local Spanish outlet (StaticSite on 127.0.0.1, own content) publishes articles
at known times; a name watch with e-mail alerts catches each (aiosmtpd on
127.0.0.1). The real run loop (``worker.run_forever``, idle time 30 s as in
``babelwire run``) runs in a thread, Apertium translating into English. Measured
per article:

  publish -> readable   the English translation is stored (the reader shows it)
  publish -> alert      the SMTP server has the alert e-mail

and the readable time split into waiting for the poll and poll -> readable.

Modes: ``old-loop`` (the baseline: main's loop before issue 15's second part, a
pass then 30 s of sleep) and ``polling`` (the loop sleeping until the next due
poll), both with ``poll_interval`` 60 s and publications at uniformly random
moments over ``--minutes`` (seeded); ``websub`` (the feed declares a local hub,
which pushes the signed feed on publication; the push wakes the loop). Provenance
tracing is off (alerts and translations do not wait for it).

    PYTHONPATH=src .venv/bin/python bench/latency.py [--articles 20 --minutes 5]
"""

from __future__ import annotations

import argparse
import email.policy
import hashlib
import hmac
import os
import random
import statistics
import tempfile
import threading
import time
from datetime import datetime, timezone
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import httpx
from aiosmtpd.controller import Controller

from babelwire.clock import parse_iso
from babelwire.compose import open_store, pipeline_context
from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.settings import load_settings
from babelwire.storage.watch_records import WatchSpec
from babelwire.web import BackgroundServer, create_app
from babelwire.worker import run_forever, run_once

NAME = "Lucía Ferrándiz"
IDLE = 30.0  # `babelwire run`'s idle time between passes
PLACES = ["Alcaravea", "Valdemora", "Sotoblanco", "Riomayor", "Peñalta", "Costanilla",
          "Fuenteviva", "Torremar", "Olmedal", "Villaclara"]


def article_html(n: int) -> tuple[str, str]:
    place = PLACES[n % len(PLACES)]
    title = f"{NAME} visita el mercado de {place} ({n})"
    paragraphs = [
        f"La alcaldesa {NAME} visitó este lunes el mercado de {place}, donde los vendedores le "
        "pidieron más plazas de aparcamiento y un nuevo techo para la nave central.",
        f"Según el ayuntamiento, las obras en {place} empezarán en primavera y costarán "
        f"{n + 2} millones de euros, que pagarán la región y la ciudad a partes iguales.",
        "Los comerciantes celebraron la noticia, aunque recordaron que el proyecto ya se "
        "anunció hace dos años y que entonces no se llegó a licitar.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return title, (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{title}"
                   f"</title></head><body><article><h1>{title}</h1>{body}</article></body></html>")


class Outlet:
    """The local outlet: a feed (declaring ``hub_url`` when given) and its pages."""

    def __init__(self, site: StaticSite, hub_url: str | None) -> None:
        self.site, self.hub_url, self.items = site, hub_url, []
        self._write_feed()

    def _write_feed(self) -> None:
        hub = (f"<atom:link rel='hub' href='{self.hub_url}'/>" if self.hub_url else "")
        items = "".join(f"<item><title>{t}</title><link>{u}</link></item>"
                        for t, u in reversed(self.items))
        feed = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
                f"xmlns:atom='http://www.w3.org/2005/Atom'><channel><title>Diario</title>"
                f"<link>{self.site.url('/')}</link>{hub}"
                f"<atom:link rel='self' href='{self.site.url('/feed.xml')}'/>{items}</channel></rss>")
        self.feed = feed.encode("utf-8")
        self.site.set_route("/feed.xml", text_resource(feed, "application/rss+xml",
                                                       datetime.now(timezone.utc)))

    def publish(self, n: int) -> str:
        title, page = article_html(n)
        url = self.site.url(f"/mercado-{n}")
        self.site.set_route(f"/mercado-{n}", text_resource(page, "text/html; charset=utf-8",
                                                           datetime.now(timezone.utc)))
        self.items.append((title, url))
        self._write_feed()
        return url


class Hub:
    """A local WebSub hub: verifies subscriptions, pushes the feed when told."""

    def __init__(self) -> None:
        self.subscribers: list[dict] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                form = {k: v[0] for k, v in parse_qs(body).items()}
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()
                threading.Thread(target=hub._verify, args=(form,)).start()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _verify(self, form: dict) -> None:
        answer = httpx.get(form["hub.callback"], params={
            "hub.mode": "subscribe", "hub.topic": form["hub.topic"], "hub.challenge": "ok",
            "hub.lease_seconds": form["hub.lease_seconds"]})
        if answer.text == "ok":
            self.subscribers.append(form)

    def push(self, content: bytes) -> None:
        for form in self.subscribers:
            mac = hmac.new(form["hub.secret"].encode(), content, hashlib.sha256).hexdigest()
            httpx.post(form["hub.callback"], content=content,
                       headers={"Content-Type": "application/rss+xml",
                                "X-Hub-Signature": f"sha256={mac}"})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Inbox:
    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}  # subject -> time

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=email.policy.default)
        self.arrived[str(message["Subject"])] = time.time()
        return "250 OK"


class _Controller(Controller):
    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def run_mode(mode: str, count: int, times: list[float], folder: Path) -> dict[str, list[float]]:
    inbox, smtp = Inbox(), None
    smtp = _Controller(inbox, hostname="127.0.0.1", port=0)
    smtp.start()
    hub = Hub() if mode == "websub" else None
    try:
        with StaticSite() as site:
            outlet = Outlet(site, hub.url if hub else None)
            return _measure(mode, times, folder, outlet, hub, inbox, smtp.port)
    finally:
        smtp.stop()
        if hub:
            hub.close()


def _settings(folder: Path, smtp_port: int, callback: str, interval: int):
    return load_settings(None, environ={}, overrides={
        "data_dir": str(folder), "targets": ["en"], "fetch.per_host_delay": 0.0,
        "fetch.allow_addresses": ["127.0.0.1"], "poll_interval": interval,
        "poll.adaptive": False, "provenance.enabled": False, "watches.smtp_host": "127.0.0.1",
        "watches.smtp_port": smtp_port, "websub.callback_url": callback})


def old_loop(ctx, stop: threading.Event, idle_seconds: float = IDLE) -> None:
    """main's loop before this change (the baseline): a pass, then ``idle_seconds`` of sleep."""
    while not stop.is_set():
        run_once(ctx, all_sources=False)
        stop.wait(idle_seconds)


def _measure(mode, times, folder, outlet, hub, inbox, smtp_port):
    base = _settings(folder, smtp_port, "", 60)
    with open_store(base) as db:
        db.sources.add(outlet.site.url("/feed.xml"))
        db.watches.add(WatchSpec("name", NAME, email="desk@example.org"), "2000-01-01T00:00:00Z")
        server = BackgroundServer(create_app(db, base), port=0).start()
        interval = 3600 if mode == "websub" else 60  # pushed sources: polling is a safety net
        settings = _settings(folder, smtp_port, server.url if mode == "websub" else "", interval)
        published: dict[str, float] = {}
        readable: dict[str, float] = {}
        stop = threading.Event()
        try:
            with pipeline_context(settings, db=db) as ctx:
                run_once(ctx)  # first poll (and the WebSub subscription), as `babelwire run`
                _wait_for_hub(hub)
                loop = old_loop if mode == "old-loop" else run_forever
                thread = threading.Thread(target=loop, args=(ctx, stop),
                                          kwargs={"idle_seconds": IDLE} if loop is old_loop
                                          else {"idle_seconds": IDLE, "first_all": False})
                thread.start()
                try:
                    _publish_and_watch(mode, times, db, outlet, hub, inbox, published, readable)
                finally:
                    stop.set()
                    thread.join()
        finally:
            server.stop()
        return _figures(db, outlet, inbox, published, readable)


def _wait_for_hub(hub) -> None:
    if hub is None:
        return
    deadline = time.time() + 10
    while not hub.subscribers and time.time() < deadline:
        time.sleep(0.1)
    if not hub.subscribers:
        raise SystemExit("the hub never verified the subscription")


def _publish_and_watch(mode, times, db, outlet, hub, inbox, published, readable) -> None:
    start, n, count = time.time(), 0, len(times)
    while len(readable) < count or len(inbox.arrived) < count:
        if n < count and time.time() >= start + times[n]:
            url = outlet.publish(n)
            published[url] = time.time()
            if hub:
                hub.push(outlet.feed)
            n += 1
        _note_readable(db, published, readable)
        if time.time() - start > times[-1] + 600:
            raise SystemExit(f"{mode}: gave up waiting")
        time.sleep(0.2)


def _figures(db, outlet, inbox, published, readable) -> dict[str, list[float]]:
    titles = {url: title for title, url in outlet.items}
    seen = {row.url: parse_iso(row.first_seen).timestamp() for row in db.articles.latest(500)}
    return {
        "readable": [readable[u] - published[u] for u in published],
        "alert": [_alert_time(inbox, titles[u]) - published[u] for u in published],
        # stored times are to the second: the split is good to about a second
        "to_poll": [max(0.0, seen[u] - published[u]) for u in published],
        "after_poll": [max(0.0, readable[u] - seen[u]) for u in published],
    }


def _note_readable(db, published: dict[str, float], readable: dict[str, float]) -> None:
    now = time.time()
    for row in db.articles.latest(100):
        if row.url in published and row.url not in readable and "en" in db.translations.for_article(row.id):
            readable[row.url] = now


def _alert_time(inbox: Inbox, title: str) -> float:
    return next(t for subject, t in inbox.arrived.items() if title in subject)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(mode: str, figures: dict[str, list[float]]) -> None:
    read, alert = figures["readable"], figures["alert"]
    print(f"{mode:9} publish->readable: median {statistics.median(read):5.1f} s, "
          f"p95 {p95(read):5.1f} s, max {max(read):5.1f} s | publish->alert: median "
          f"{statistics.median(alert):5.1f} s, p95 {p95(alert):5.1f} s")
    print(f"{'':9} of which waiting for the poll: median {statistics.median(figures['to_poll']):5.1f} s"
          f", p95 {p95(figures['to_poll']):5.1f} s; poll->readable: median "
          f"{statistics.median(figures['after_poll']):4.1f} s, p95 {p95(figures['after_poll']):4.1f} s")


def publication_times(count: int, minutes: float, seed: int) -> list[float]:
    """Publication moments, seconds after the first poll: uniform over ``minutes`` (a
    publisher does not know when we poll), never in the first 2 s."""
    rng = random.Random(seed)
    return sorted(2 + rng.uniform(0, minutes * 60) for _ in range(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20, help="articles per polling mode")
    parser.add_argument("--minutes", type=float, default=5.0,
                        help="polling modes publish over this many minutes")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--modes", nargs="+", default=["old-loop", "polling", "websub"],
                        choices=["old-loop", "polling", "websub"])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"{args.articles} articles per polling mode over {args.minutes:g} min")
    times = publication_times(args.articles, args.minutes, args.seed)
    pushed = [2 + 5.0 * n for n in range(min(args.articles, 10))]  # WebSub: 5 s apart
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for mode in args.modes:
            results[mode] = run_mode(mode, args.articles, pushed if mode == "websub" else times,
                                     Path(folder) / mode)
            report(mode, results[mode])
    if "old-loop" in results:
        for mode in ("polling", "websub"):
            if mode in results:
                ratio = p95(results[mode]["readable"]) / p95(results["old-loop"]["readable"])
                print(f"{mode} p95 publish->readable = {ratio:.2f} x the old loop's (baseline)")


if __name__ == "__main__":
    main()
