"""WebSub against a hub served on 127.0.0.1: discovery, subscription, the hub's challenge,
signed pushes queued (and unsigned ones ignored), lease renewal; adapted poll intervals."""

from __future__ import annotations

import hashlib
import hmac
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import httpx
import pytest

from babelwire.clock import iso, parse_iso, utcnow
from babelwire.compose import open_store
from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.fetch import Fetcher, FetchOptions
from babelwire.web import BackgroundServer, create_app
from babelwire.websub.discover import declared_hub
from babelwire.websub.schedule import adapt_intervals, adapted_interval
from babelwire.websub.subscriber import check_sources, signature_ok

WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


class Hub:
    """A minimal WebSub hub: verifies each (un)subscription by calling back with a
    challenge, remembers the secret, and can push content to subscribers."""

    def __init__(self):
        self.requests: list[dict] = []
        self.verified: list[tuple[str, int, str]] = []  # (mode, status, echoed body)
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                form = {k: v[0] for k, v in parse_qs(body).items()}
                hub.requests.append(form)
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()
                threading.Thread(target=hub.verify, args=(form,)).start()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        self.done = threading.Event()

    def verify(self, form):
        challenge = "c-" + form["hub.topic"][-8:]
        answer = httpx.get(form["hub.callback"], params={
            "hub.mode": form["hub.mode"], "hub.topic": form["hub.topic"],
            "hub.challenge": challenge, "hub.lease_seconds": form["hub.lease_seconds"]})
        self.verified.append((form["hub.mode"], answer.status_code, answer.text == challenge))
        self.done.set()

    def push(self, content: bytes, secret: str | None = None, method="sha256"):
        form = self.requests[-1]
        headers = {"Content-Type": "application/rss+xml"}
        if secret is not None:
            mac = hmac.new(secret.encode(), content, getattr(hashlib, method)).hexdigest()
            headers["X-Hub-Signature"] = f"{method}={mac}"
        return httpx.post(form["hub.callback"], content=content, headers=headers)


def rss(site, hub_url, items):
    links = "".join(f"<item><title>{t}</title><link>{site.url('/' + t)}</link></item>" for t in items)
    return (f"<?xml version='1.0'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
            f"<channel><title>Diario</title><link>{site.url('/')}</link>"
            f"<atom:link rel='hub' href='{hub_url}'/>"
            f"<atom:link rel='self' href='{site.url('/feed.xml')}'/>{links}</channel></rss>").encode()


@pytest.fixture
def hub():
    running = Hub()
    thread = threading.Thread(target=running.server.serve_forever, daemon=True)
    thread.start()
    yield running
    running.server.shutdown()
    running.server.server_close()
    thread.join()


def test_discovery_reads_atom_rss_and_json_feed_hubs():
    atom = (b"<feed xmlns='http://www.w3.org/2005/Atom'><link rel='hub' href='/hub'/>"
            b"<link rel='self' href='https://x.test/atom'/></feed>")
    assert declared_hub(atom, "https://x.test/feed") == ("https://x.test/hub", "https://x.test/atom")
    assert declared_hub(b"<rss><channel><title>t</title></channel></rss>", "https://x.test/") is None
    json_feed = b'{"feed_url": "https://x.test/f.json", "hubs": [{"type": "WebSub", "url": "https://h.test/"}]}'
    assert declared_hub(json_feed, "https://x.test/") == ("https://h.test/", "https://x.test/f.json")
    assert declared_hub(b"not a feed <", "https://x.test/") is None


def test_subscribe_verify_push_and_renew(tmp_path, make_settings, hub):
    with StaticSite() as site:
        site.set_route("/feed.xml", text_resource(rss(site, hub.url, ["uno"]).decode(),
                                                  "application/rss+xml", WHEN))
        settings = make_settings(tmp_path / "data", **{"websub.lease_seconds": 1000})
        with open_store(settings) as db:
            source, _ = db.sources.add(site.url("/feed.xml"))
            server = BackgroundServer(create_app(db, settings), port=0).start()
            try:
                settings = make_settings(tmp_path / "data", **{"websub.lease_seconds": 1000,
                                                               "websub.callback_url": server.url})
                with Fetcher(FetchOptions(allow_addresses=("127.0.0.1",))) as fetcher:
                    assert check_sources(db, settings, fetcher) == 1
                    assert hub.done.wait(10)
                    [form] = hub.requests
                    assert form["hub.topic"] == site.url("/feed.xml")
                    assert hub.verified == [("subscribe", 200, True)]
                    [sub] = db.websub.list()
                    assert sub.state == "verified" and sub.secret == form["hub.secret"]
                    lease = parse_iso(sub.lease_until) - utcnow()
                    assert timedelta(seconds=990) <= lease <= timedelta(seconds=1000)
                    # a push signed with the secret is queued; a forged one is ignored
                    forged = hub.push(rss(site, hub.url, ["falso"]), secret="wrong")
                    assert forged.status_code == 202
                    assert hub.push(rss(site, hub.url, ["dos"]), secret=sub.secret,
                                    method="sha1").status_code == 202
                    urls = [entry.url for entry in db.entries.pending(source.id)]
                    assert urls == [site.url("/dos")]
                    assert any(e.code == "websub.signature" for e in db.sources.events(source.id))
                    # nothing to renew yet; near the end of the lease, the same secret again
                    assert check_sources(db, settings, fetcher) == 0
                    hub.done.clear()
                    later = utcnow() + timedelta(seconds=950)
                    assert check_sources(db, settings, fetcher, now=later) == 1
                    assert hub.done.wait(10)
                    assert hub.requests[-1]["hub.secret"] == sub.secret
                    assert hub.verified[-1] == ("subscribe", 200, True)
                # a challenge for a topic or subscription we never asked for is refused
                unknown = httpx.get(f"{server.url}/websub/999", params={
                    "hub.mode": "subscribe", "hub.topic": "x", "hub.challenge": "c"})
                wrong_topic = httpx.get(f"{server.url}/websub/{sub.id}", params={
                    "hub.mode": "subscribe", "hub.topic": "https://other.test/", "hub.challenge": "c"})
                assert (unknown.status_code, wrong_topic.status_code) == (404, 404)
                assert httpx.post(f"{server.url}/websub/999", content=b"x").status_code == 410
            finally:
                server.stop()


def test_signature_methods():
    body = b"<rss/>"
    mac = hmac.new(b"s", body, hashlib.sha512).hexdigest()
    assert signature_ok("s", body, f"sha512={mac}")
    assert not signature_ok("s", body, f"md5={mac}")
    assert not signature_ok("s", body, None)
    assert not signature_ok("", body, f"sha512={mac}")


def test_adapted_intervals_follow_the_publishing_rate(tmp_path, make_settings):
    settings = make_settings(tmp_path / "data", **{"poll.min_interval": 300,
                                                   "poll.max_interval": 21600})
    assert adapted_interval(0, settings) == 21600  # silent: the longest interval
    assert adapted_interval(7 * 24, settings) == 1800  # hourly: twice an hour
    assert adapted_interval(100000, settings) == 300  # never below the floor
    assert adapted_interval(7 * 24, settings, pushed=True) == 21600
    with open_store(settings) as db:
        busy, _ = db.sources.add("https://busy.test/feed")
        quiet, _ = db.sources.add("https://quiet.test/feed")
        for source in (busy, quiet):
            db.sources.record_success(source.id, etag=None, last_modified=None, interval=900)
        now = utcnow()
        with db.write() as conn:
            for i in range(7 * 24):
                conn.execute("INSERT INTO articles (source_id, url, canonical_url, title, body, "
                             "first_seen, language, language_confidence, content_hash) "
                             "VALUES (?, ?, ?, 't', 'b', ?, 'es', 1, ?)",
                             (busy.id, f"https://busy.test/{i}", f"https://busy.test/{i}",
                              iso(now - timedelta(hours=i)), str(i)))
        chosen = adapt_intervals(db, settings, now=now)
        assert chosen == {busy.id: 1800, quiet.id: 21600}
        due = {s.id for s in db.sources.due(iso(now + timedelta(seconds=1801)))}
        assert busy.id in due and quiet.id not in due
