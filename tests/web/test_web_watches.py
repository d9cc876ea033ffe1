"""/admin/watches over real HTTP: behind the admin login and CSRF token; add (checked like
the CLI), list, remove; the delivery log shows each attempt."""

from __future__ import annotations

import re

import httpx

from babelwire.settings import load_settings
from babelwire.storage.watch_records import WatchSpec
from babelwire.watch.deliver import deliver_due
from babelwire.watch.match import match_watches

TOKEN = "correct horse battery staple"


def logged_in(server) -> tuple[httpx.Client, str]:
    http = httpx.Client(base_url=server.url, timeout=10)
    assert http.post("/admin/login", data={"token": TOKEN}).status_code == 303
    page = http.get("/admin/watches")
    assert page.status_code == 200
    return http, re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)


def test_watches_need_the_admin_session_and_csrf(make_server):
    server, _ = make_server(**{"web.admin_token": TOKEN})
    with httpx.Client(base_url=server.url, timeout=10) as stranger:
        page = stranger.get("/admin/watches")
        assert page.status_code == 303 and page.headers["location"] == "/admin"
        assert stranger.post("/admin/watches/add", data={"kind": "name", "target": "Ana"}
                             ).status_code == 403
    http, csrf = logged_in(server)
    refused = http.post("/admin/watches/add", data={"kind": "name", "target": "Ana",
                                                    "csrf": "0" * 64})
    assert refused.status_code == 403 and "CSRF" in refused.text
    assert 'href="/admin/watches"' in http.get("/admin").text  # linked from the admin
    http.close()


def test_add_list_remove_and_bad_input(make_server):
    server, built = make_server(**{"web.admin_token": TOKEN})
    http, csrf = logged_in(server)
    added = http.post("/admin/watches/add", data={
        "csrf": csrf, "kind": "translated_from", "target": "ru", "within": "30",
        "email": "desk@example.org", "digest": "on", "label": "Fast translations"})
    assert added.status_code == 303
    page = http.get("/admin/watches?done=added").text
    assert "Watch added." in page and "Fast translations" in page and "(digest)" in page
    [watch] = built.db.watches.list()
    assert (watch.kind, watch.target, watch.within_minutes, watch.email_mode) == (
        "translated_from", "ru", 30, "digest")
    bad = http.post("/admin/watches/add", data={"csrf": csrf, "kind": "outlet", "target": "999"})
    assert bad.status_code == 400 and "error[config]: no source #999" in bad.text
    blocked = http.post("/admin/watches/add", data={"csrf": csrf, "kind": "name",
                                                    "target": "Ana",
                                                    "webhook": "http://127.0.0.1:9/hook"})
    assert blocked.status_code == 400 and "error[fetch.blocked_address]" in blocked.text
    no_kind = http.post("/admin/watches/add", data={"csrf": csrf, "kind": "topic", "target": "x"})
    assert no_kind.status_code == 400 and "unknown watch kind" in no_kind.text
    assert len(built.db.watches.list()) == 1  # nothing stored from the refused forms
    removed = http.post("/admin/watches/remove", data={"csrf": csrf, "watch": str(watch.id)})
    assert removed.status_code == 303 and built.db.watches.list() == []
    again = http.post("/admin/watches/remove", data={"csrf": csrf, "watch": str(watch.id)})
    assert again.status_code == 400 and f"no watch #{watch.id}" in again.text
    http.close()


def test_delivery_log_shows_failed_attempts(make_server):
    server, built = make_server(**{"web.admin_token": TOKEN})
    db = built.db
    watch = db.watches.add(WatchSpec("query", "Madrid", email="desk@example.org"),
                           "2000-01-01T00:00:00Z")
    settings = load_settings(environ={}, overrides={"watches.lookback_hours": 1e6})
    assert match_watches(db, settings) >= 1
    report = deliver_due(db, settings)  # no SMTP server configured: a failed attempt, logged
    assert report.failed >= 1
    http, _ = logged_in(server)
    page = http.get(f"/admin/watches?watch={watch.id}").text
    log = page.split('class="delivery-log"', 1)[1]
    assert "failed" in log and "no SMTP server: set watches.smtp_host" in log
    assert f"/articles/{db.watches.matches(watch.id)[0].article_id}" in log
    http.close()
