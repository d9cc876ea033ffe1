"""Watches in the web admin, in chromium: log in, open the watches page from the admin, add a
watch (with a hostile label that must run nothing), read its delivery log, remove it."""

from __future__ import annotations

import pytest

from babelwire.clock import now_iso
from babelwire.settings import load_settings
from babelwire.storage import Database
from babelwire.storage.articles import save_article
from babelwire.watch.deliver import deliver_due
from babelwire.watch.match import match_watches
from babelwire.web import BackgroundServer, create_app

from .conftest import PAYLOAD, _article, build, screenshot

TOKEN = "a long admin token for the browser"


@pytest.fixture
def admin_site(tmp_path):
    db = Database(tmp_path / "store.sqlite3")
    build(db)
    settings = load_settings(environ={}, overrides={"targets": ["en", "fr"],
                                                    "web.admin_token": TOKEN})
    with BackgroundServer(create_app(db, settings), port=0) as server:
        yield server.url, db
    db.close()


def test_add_watch_read_its_log_and_remove_it(admin_site, watched):
    url, db = admin_site
    page = watched.page
    page.goto(url + "/admin?lang=en")
    page.locator("input[name=token]").fill(TOKEN)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Watches and alerts →").click()
    page.wait_for_url("**/admin/watches")
    assert page.locator("h1").inner_text() == "Watches"
    form = page.locator("form.watch-add")
    form.locator("select[name=kind]").select_option("name")
    form.locator("input[name=target]").fill("Valdemar")
    form.locator("input[name=label]").fill(f"Harbour {PAYLOAD}")
    form.locator("input[name=email]").fill("desk@example.org")
    form.get_by_role("button", name="Add").click()
    page.wait_for_url("**/admin/watches?done=added")
    row = page.locator("table.admin-watches tbody tr")
    assert row.count() == 1 and "Harbour <script>" in row.inner_text()
    [watch] = db.watches.list()
    # the run loop's part: a new article mentions Valdemar; no SMTP server: a failed attempt
    save_article(db, _article(1, "valdemar-late", "es", "Valdemar amplía el puerto",
                              "Valdemar amplía el puerto.", now_iso()))
    settings = load_settings(environ={}, overrides={"watches.lookback_hours": 1e6})
    assert match_watches(db, settings) >= 1 and deliver_due(db, settings).failed >= 1
    row.get_by_role("link", name="Delivery log").click()
    page.wait_for_url(f"**/admin/watches?watch={watch.id}")
    log = page.locator("table.delivery-log tbody tr").first
    assert "failed" in log.inner_text() and "no SMTP server" in log.inner_text()
    screenshot(page, "20-admin-watches")
    page.locator("table.admin-watches").get_by_role("button", name="Remove").click()
    page.wait_for_url("**/admin/watches?done=removed")
    assert "Watch removed." in page.locator("main").inner_text()
    assert page.locator("table.admin-watches tbody tr").count() == 0 and db.watches.list() == []
    assert page.evaluate("window.__pwned") is None and page.title() != "pwned"
    assert not watched.dialogs and not watched.page_errors and not watched.console_errors
