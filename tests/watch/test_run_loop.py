"""The run loop's schedule: polls stay on their grid after a late pass, the loop sleeps
only until the first source is due, and a WebSub push (through the real callback on
127.0.0.1) wakes it at once: the pushed article is fetched, translated (Apertium) and
alerted without waiting for the next poll."""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path


from babelwire.clock import iso, utcnow
from babelwire.compose import open_store, pipeline_context
from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.polling import next_poll_at, seconds_until
from babelwire.storage.watch_records import WatchSpec
from babelwire.web import BackgroundServer, create_app
from babelwire.worker import run_forever, run_once, wait_for_work

sys.path.insert(0, str(Path(__file__).parent.parent / "websub"))
from test_websub import hub, rss  # noqa: E402,F401  (the local hub fixture of the WebSub tests)

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
PAGE = ("<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{t}</title></head>"
        "<body><article><h1>{t}</h1><p>La alcaldesa Lucía Ferrándiz visitó este lunes el mercado "
        "de Valdemora, donde los vendedores le pidieron más plazas de aparcamiento.</p><p>Según "
        "el ayuntamiento, las obras empezarán en primavera y costarán dos millones de euros, "
        "que pagarán la región y la ciudad a partes iguales.</p></article></body></html>")


def test_next_poll_stays_on_the_grid_unless_far_behind():
    minute = 60
    # polled 8 s late (a slow pass): the next poll is still on the minute grid
    assert next_poll_at(T0, T0 + timedelta(seconds=8), minute) == T0 + timedelta(seconds=60)
    # more than half an interval late, a first poll, or an early poll: from this poll's start
    late = T0 + timedelta(seconds=31)
    assert next_poll_at(T0, late, minute) == late + timedelta(seconds=60)
    assert next_poll_at(None, T0, minute) == T0 + timedelta(seconds=60)
    assert next_poll_at(T0 + timedelta(seconds=50), T0, minute) == T0 + timedelta(seconds=60)


def test_seconds_until_the_first_due_source():
    assert seconds_until(None, T0, 30.0) == 30.0  # no sources: idle
    assert seconds_until("", T0, 30.0) == 0.0  # never polled: now
    assert seconds_until(iso(T0 + timedelta(seconds=12)), T0, 30.0) == 12.0
    assert seconds_until(iso(T0 + timedelta(seconds=90)), T0, 30.0) == 30.0
    assert seconds_until(iso(T0 - timedelta(seconds=5)), T0, 30.0) == 0.0


def test_a_poll_records_its_start_and_the_grid(tmp_path, make_settings):
    with StaticSite() as site:
        site.set_route("/feed.xml", text_resource(rss(site, "http://127.0.0.1:9/hub", []).decode(),
                                                  "application/rss+xml", T0))
        settings = make_settings(tmp_path / "data", poll_interval=600,
                                 **{"poll.adaptive": False, "archive.enabled": False})
        with open_store(settings) as db:
            source, _ = db.sources.add(site.url("/feed.xml"))
            due = utcnow() - timedelta(seconds=20)  # due 20 s ago: a late poll
            db.websub.set_next_check(source.id, iso(due))
            with pipeline_context(settings, db=db) as ctx:
                run_once(ctx, all_sources=False)
            health = db.sources.health(source.id)
    assert health.next_check_at == iso(due + timedelta(seconds=600))
    assert health.last_fetch_at is not None and health.last_fetch_at >= iso(due)


def test_the_loop_sleeps_until_the_first_source_is_due(tmp_path, make_settings):
    settings = make_settings(tmp_path / "data")
    with open_store(settings) as db:
        source, _ = db.sources.add("https://x.test/feed")
        db.websub.set_next_check(source.id, iso(utcnow() + timedelta(seconds=2)))
        with pipeline_context(settings, db=db) as ctx:
            stop = threading.Event()
            waiter = threading.Thread(target=wait_for_work, args=(ctx, stop, 3600.0))
            waiter.start()
            waiter.join(60)  # an hour's idle time unless the due source ends the wait
            stop.set()
            woke_on_time = not waiter.is_alive()
            waiter.join()
    assert woke_on_time


def _wait_for(condition, seconds: float = 120.0) -> bool:
    """Poll ``condition`` until true or ``seconds`` pass (a bound, not a timing assertion)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_push_wakes_the_loop(tmp_path, make_settings, hub, smtp_server):
    port, inbox = smtp_server
    with StaticSite() as site:
        site.set_route("/feed.xml", text_resource(rss(site, hub.url, []).decode(),
                                                  "application/rss+xml", T0))
        base = make_settings(tmp_path / "data", targets=["en"], poll_interval=3600,
                             **{"poll.adaptive": False, "provenance.enabled": False,
                                "watches.smtp_host": "127.0.0.1", "watches.smtp_port": port})
        with open_store(base) as db:
            source, _ = db.sources.add(site.url("/feed.xml"))
            db.watches.add(WatchSpec("name", "Lucía Ferrándiz", email="desk@example.org"),
                           "2000-01-01T00:00:00Z")
            with BackgroundServer(create_app(db, base), port=0) as server:
                settings = make_settings(tmp_path / "data", targets=["en"], poll_interval=3600,
                                         **{"poll.adaptive": False, "provenance.enabled": False,
                                            "watches.smtp_host": "127.0.0.1",
                                            "watches.smtp_port": port,
                                            "websub.callback_url": server.url})
                with pipeline_context(settings, db=db) as ctx:
                    run_once(ctx)  # polls (nothing yet) and subscribes
                    assert hub.done.wait(10) and db.websub.list()[0].state == "verified"
                    stop = threading.Event()
                    loop = threading.Thread(target=run_forever, args=(ctx, stop),
                                            kwargs={"idle_seconds": 3600.0, "first_all": False})
                    loop.start()
                    try:
                        title = "Ferrándiz visita el mercado de Valdemora"
                        site.set_route("/valdemora", text_resource(PAGE.format(t=title),
                                                                   "text/html; charset=utf-8", T0))
                        secret = db.websub.list()[0].secret
                        assert hub.push(rss(site, hub.url, ["valdemora"]), secret).status_code == 202
                        # the next poll is an hour away: only the push can start this pass
                        assert _wait_for(lambda: len(inbox.messages) == 1)
                    finally:
                        stop.set()
                        loop.join()
                [article] = db.articles.latest(5)
                assert "en" in db.translations.for_article(article.id)
                assert db.sources.health(source.id).next_check_at > iso(utcnow() + timedelta(seconds=3000))


def test_a_store_error_while_waiting_does_not_stop_the_loop():
    """A busy store when reading the next due time: the loop sleeps its idle time and goes on."""
    import sqlite3
    from types import SimpleNamespace

    def busy():
        raise sqlite3.OperationalError("database is locked")

    entries = SimpleNamespace(wait_for_new=lambda timeout: False)
    ctx = SimpleNamespace(db=SimpleNamespace(sources=SimpleNamespace(next_due=busy),
                                             entries=entries))
    wait_for_work(ctx, threading.Event(), 0.1)  # returns, does not raise
