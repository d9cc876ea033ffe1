"""The guard through ingestion, the command line and the admin: feeds point inside, nothing goes.

Real feeds on 127.0.0.1 (allowlisted by port) whose items, redirects and
announced feeds point at a "target" server that is not; it must see zero requests,
and each refusal is recorded in the source's health as ``fetch.blocked_address``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fetch"))

from local_http import RecordingServer  # noqa: E402

from babelwire.compose import pipeline_context  # noqa: E402
from babelwire.settings import load_settings  # noqa: E402
from babelwire.storage import Database  # noqa: E402
from babelwire.storage import sources as source_store  # noqa: E402
from babelwire.web import BackgroundServer, create_app  # noqa: E402
from babelwire.worker import run_once  # noqa: E402

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]
SECRET = (200, {"Content-Type": "text/html"},
          b"<html><head><title>secret-admin</title></head><body><article><h1>Internal</h1>"
          + b"<p>The internal admin page holds the secret token and must never be fetched.</p>" * 8
          + b"</article></body></html>")
TOKEN = "a long enough admin token for the test"


def value(row, name: str):
    return row[name] if not hasattr(row, name) else getattr(row, name)


def json_feed(*item_urls: str) -> tuple[int, dict[str, str], bytes]:
    items = [{"id": f"item-{n}", "url": url, "title": f"Item {n}", "content_text": "Short."}
             for n, url in enumerate(item_urls)]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Hostile feed",
                       "items": items}).encode()
    return 200, {"Content-Type": "application/feed+json"}, body


@pytest.fixture
def target():
    with RecordingServer({"/internal/secret-admin": SECRET}) as server:
        yield server


def ingest(tmp_path, feed_server: RecordingServer, make_settings):
    settings = make_settings(tmp_path, **{"fetch.allow_addresses": [feed_server.entry],
                                          "provenance.enabled": False})
    with pipeline_context(settings) as ctx:
        source, _ = source_store.add_source(ctx.db, feed_server.url("/feed.json"))
        report = run_once(ctx)
        row = next(r for r in source_store.health_rows(ctx.db) if value(r, "id") == source.id)
        stored = [r[0] for r in ctx.db.read().execute("SELECT url FROM articles")]
    return report, row, stored


def test_a_feed_item_pointing_at_loopback_is_refused_recorded_and_never_fetched(
        tmp_path, target, make_settings):
    secret_url = target.url("/internal/secret-admin")
    redirect_to_metadata = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    with RecordingServer({"/feed.json": json_feed(secret_url), "/hop": redirect_to_metadata}) as feed:
        feed.routes["/feed.json"] = json_feed(secret_url, feed.url("/hop"))
        report, row, stored = ingest(tmp_path, feed, make_settings)
    assert target.requests == 0
    assert secret_url not in stored and stored == []
    assert report.pages_failed == 2
    assert value(row, "last_warning_code") == "fetch.blocked_address"
    problems = " ".join(report.problems)
    assert f"error[fetch.blocked_address]: 127.0.0.1, a loopback address" in problems
    assert "169.254.169.254, a link-local" in problems


def test_a_discovered_feed_pointing_inside_is_refused_and_recorded(tmp_path, target, make_settings):
    page = (b'<html><head><link rel="alternate" type="application/rss+xml" href="'
            + target.url("/internal/secret-admin").encode() + b'"></head><body>news</body></html>')
    with RecordingServer({"/feed.json": (200, {"Content-Type": "text/html"}, page)}) as site:
        report, row, _ = ingest(tmp_path, site, make_settings)
    assert target.requests == 0 and report.sources_failed == 1
    assert value(row, "last_error_code") == "fetch.blocked_address"
    assert "fetch.allow_addresses" in value(row, "last_error")


def test_a_source_at_a_private_address_fails_with_the_code_in_its_health(tmp_path, make_settings):
    settings = make_settings(tmp_path, **{"provenance.enabled": False})
    with pipeline_context(settings) as ctx:
        source, _ = source_store.add_source(ctx.db, "http://10.0.0.1/feed")
        run_once(ctx)
        row = next(r for r in source_store.health_rows(ctx.db) if value(r, "id") == source.id)
    assert value(row, "last_error_code") == "fetch.blocked_address"
    assert value(row, "error_count") == 1


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BABELWIRE_")}
    return subprocess.run([*BABELWIRE, *args], capture_output=True, text=True, timeout=120,
                          env={**environment, **(env or {})})


def test_sources_add_refuses_inside_urls_with_one_line_naming_the_url_and_the_setting(tmp_path):
    data = str(tmp_path / "data")
    for url in ("http://10.0.0.1/feed", "http://169.254.169.254/latest", "http://2130706433/x",
                "http://localhost:9/feed.xml", "http://[::ffff:127.0.0.1]/"):
        refused = run_cli("--data", data, "sources", "add", url)
        assert refused.returncode == 2, url
        assert refused.stderr.startswith("error[fetch.blocked_address]: ")
        assert url in refused.stderr and "fetch.allow_addresses" in refused.stderr
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    # allowed by the guard; --no-check: `sources add` would otherwise fetch it once (issue 16)
    allowed = run_cli("--data", data, "sources", "add", "http://10.0.0.1/feed", "--no-check",
                      env={"BABELWIRE_FETCH_ALLOW_ADDRESSES": "10.0.0.0/8"})
    assert allowed.returncode == 0 and "added" in allowed.stdout
    listed = run_cli("--data", data, "sources", "list").stdout
    assert "10.0.0.1" in listed and "169.254" not in listed and "localhost" not in listed


def test_sources_import_refuses_an_opml_with_an_inside_outline(tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    '<outline text="ok" xmlUrl="https://public.example/feed"/>'
                    '<outline text="meta" xmlUrl="http://169.254.169.254/feed"/></body></opml>')
    data = str(tmp_path / "data")
    refused = run_cli("--data", data, "sources", "import", str(opml))
    assert refused.returncode == 2 and refused.stderr.startswith("error[fetch.blocked_address]")
    assert "nothing imported" in refused.stderr and "http://169.254.169.254/feed" in refused.stderr
    assert "public.example" not in run_cli("--data", data, "sources", "list").stdout


def test_the_admin_refuses_inside_urls_on_add_and_import(tmp_path):
    settings = load_settings(None, environ={}, overrides={"web.admin_token": TOKEN,
                                                           "data_dir": str(tmp_path)})
    db = Database(tmp_path / "store.sqlite3")
    try:
        with BackgroundServer(create_app(db, settings), port=0) as server, \
                httpx.Client(base_url=server.url, timeout=30) as http:
            assert http.post("/admin/login", data={"token": TOKEN}).status_code == 303
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', http.get("/admin").text).group(1)
            added = http.post("/admin/add", data={"csrf": csrf, "url": "http://10.0.0.1/feed"})
            assert added.status_code == 400
            assert "error[fetch.blocked_address]: 10.0.0.1, a private address" in added.text
            assert "fetch.allow_addresses" in added.text
            opml = ('<opml version="2.0"><body><outline text="a" xmlUrl="https://ok.example/f"/>'
                    '<outline text="b" xmlUrl="http://127.1/feed"/></body></opml>')
            imported = http.post("/admin/import", data={"csrf": csrf, "opml": opml})
            assert imported.status_code == 400 and "nothing imported" in imported.text
            fine = http.post("/admin/add", data={"csrf": csrf, "url": "https://news.example/feed"})
            assert fine.status_code == 303
        urls = [value(r, "url") for r in source_store.health_rows(db)]
    finally:
        db.close()
    assert urls == ["https://news.example/feed"]


def test_a_bad_allowlist_entry_is_a_one_line_config_error(tmp_path):
    bad = run_cli("--data", str(tmp_path / "data"), "sources", "add", "https://news.example/feed",
                  env={"BABELWIRE_FETCH_ALLOW_ADDRESSES": "10.0.0.0/8,not a host:99"})
    assert bad.returncode == 2 and bad.stderr.startswith("error[config]: fetch.allow_addresses")
    assert "'not a host:99'" in bad.stderr and "Traceback" not in bad.stderr
