"""Two small, invented news sites on 127.0.0.1 (real HTTP), and the CLI as a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.settings import SETTINGS

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]
NOW = datetime.now(timezone.utc).replace(microsecond=0)

PARAGRAPHS = (
    "The harbour board of Port Wren approved a plan on {day} to rebuild the north quay, "
    "after two winters of storms left the old stone wall cracked along forty metres.",
    "Engineers told the board that the work would take eighteen months and that ferries "
    "would keep running from the south quay while the north side is closed to traffic.",
    "Fishing crews asked for a temporary pontoon, and the board promised an answer "
    "before the spring season opens, once the contractor has costed the option.",
    "The plan now goes to the town council, which meets next week to vote on the loan "
    "that would pay for most of the rebuilding over the next ten years.",
)


def article_page(title: str, day: str) -> str:
    body = "".join(f"<p>{p.format(day=day)}</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | "
            f"The Wren Gazette</title></head><body><header><a href='/'>The Wren Gazette</a>"
            f"</header><article><h1>{title}</h1><p class='byline'>By Ada Marsh</p>{body}"
            f"</article><footer>© The Wren Gazette</footer></body></html>")


def rss_feed(base: str, title: str, items: list[tuple[str, str, datetime]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>" for t, path, when in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{title}</title><link>{base}/</link><description>News</description>"
            f"{entries}</channel></rss>")


def atom_feed(base: str, title: str, items: list[tuple[str, str, datetime]]) -> str:
    entries = "".join(
        f"<entry><title>{t}</title><link href='{base}{path}'/><id>{base}{path}</id>"
        f"<updated>{when.isoformat()}</updated></entry>" for t, path, when in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{title}</title><id>{base}/</id><updated>{NOW.isoformat()}</updated>"
            f"{entries}</feed>")


def build_site(kind: str) -> StaticSite:
    site = StaticSite()
    base = site.base_url
    if kind == "rss":
        items = [("North quay to be rebuilt", "/news/quay.html", NOW - timedelta(hours=2)),
                 ("Ferries keep sailing", "/news/ferries.html", NOW - timedelta(hours=5))]
        feed = ("/feed.xml", rss_feed(base, "The Wren Gazette", items), "application/rss+xml")
    else:
        items = [("Council to vote on the harbour loan", "/loan.html", NOW - timedelta(days=3))]
        feed = ("/atom.xml", atom_feed(base, "Harbour Notes", items), "application/atom+xml")
    site.set_route(feed[0], text_resource(feed[1], feed[2], NOW))
    home = (f"<!DOCTYPE html><html><head><title>Home</title><link rel='alternate' "
            f"type='{feed[2]}' href='{feed[0]}'></head><body><p>Welcome.</p></body></html>")
    site.set_route("/", text_resource(home, "text/html", NOW))
    for title, path, when in items:
        site.set_route(path, text_resource(article_page(title, when.strftime("%A")),
                                           "text/html", when))
    return site.start()


@pytest.fixture(scope="module")
def sites():
    """{"rss": StaticSite, "atom": StaticSite}: two real-looking news sites."""
    built = {kind: build_site(kind) for kind in ("rss", "atom")}
    yield built
    for site in built.values():
        site.stop()


def run_cli(*args: str, cwd=None, env: dict | None = None, timeout: int = 300):
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    environment = {k: v for k, v in environment.items() if not k.startswith("BABELWIRE_")
                   or k in (env or {})}
    return subprocess.run([*BABELWIRE, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env=environment)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def busy_port():
    """A port something listens on, for the test's duration."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.fixture
def workdir(tmp_path):
    """A folder to run the CLI in, with a babelwire.toml for quick local runs."""
    allow = ('allow_addresses = ["127.0.0.1"]\n'  # the SSRF guard's allowlist, where it exists
             if "fetch.allow_addresses" in {s.name for s in SETTINGS} else "")
    (tmp_path / "babelwire.toml").write_text(
        f'targets = ["en"]\n[fetch]\nper_host_delay = 0.0\n{allow}'
        '[provenance]\nuse_encoder = false\n', encoding="utf-8")
    return tmp_path
