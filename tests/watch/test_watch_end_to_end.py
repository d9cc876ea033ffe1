"""End to end: a Spanish article mentioning a watched name is published on a local site,
``run_once`` fetches, extracts, translates it (Apertium) and the watch delivers an e-mail
(real SMTP server) and a signed webhook; the watch's Atom feed lists it; the CLI shows it."""

from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

import httpx
import pytest

from babelwire.cli.main import main
from babelwire.compose import open_store, pipeline_context
from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.storage.watch_records import WatchSpec
from babelwire.watch.webhook import SIGNATURE_HEADER, verify
from babelwire.web import BackgroundServer, create_app
from babelwire.worker import run_once

from watchkit import payload_of

WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
PARAGRAPHS = [
    "La alcaldesa Lucía Ferrándiz anunció este lunes un plan para renovar el mercado central "
    "de la ciudad, cerrado desde hace dos años por problemas en la estructura del edificio.",
    "Según el ayuntamiento, las obras empezarán en primavera y costarán cuatro millones de euros. "
    "Los comerciantes del barrio celebraron la noticia durante una reunión en la plaza.",
    "Ferrándiz explicó que el nuevo mercado tendrá más puestos de fruta y una escuela de cocina "
    "para los jóvenes del barrio, y que el proyecto se presentará a los vecinos en enero.",
]


def article_page(title: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><main><article><h1>{title}</h1>{body}</article></main></body></html>")


def feed(site: StaticSite, title: str) -> str:
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Diario de prueba</title><link>{site.url('/')}</link>"
            f"<item><title>{title}</title><link>{site.url('/mercado')}</link>"
            f"<pubDate>Thu, 03 Dec 2026 09:00:00 +0000</pubDate></item></channel></rss>")


@pytest.fixture
def spanish_site():
    title = "Ferrándiz presenta el plan del nuevo mercado central"
    with StaticSite() as site:
        site.set_route("/mercado", text_resource(article_page(title), "text/html; charset=utf-8", WHEN))
        site.set_route("/feed.xml", text_resource(feed(site, title), "application/rss+xml", WHEN))
        yield site


def test_name_watch_alerts_by_email_and_webhook(tmp_path, make_settings, spanish_site,
                                                 smtp_server, webhook_receiver):
    port, inbox = smtp_server
    settings = make_settings(tmp_path / "data", targets=["en"],
                             **{"watches.smtp_host": "127.0.0.1", "watches.smtp_port": port})
    with open_store(settings) as db:
        db.sources.add(spanish_site.url("/feed.xml"))
        db.watches.add(WatchSpec("name", "Lucía Ferrándiz", email="desk@example.org",
                                 webhook_url=webhook_receiver.url, webhook_secret="k"),
                       "2026-01-01T00:00:00Z")
        with pipeline_context(settings, db=db) as ctx:
            report = run_once(ctx)
        assert report.articles_stored == 1, report.problems
        [match] = db.watches.matches(1)
        assert "en" in db.translations.for_article(match.article_id)  # translated before alerting
        [(recipients, message)] = inbox.messages
        assert recipients == ["desk@example.org"] and "mercado" in message["Subject"]
        [(headers, body)] = webhook_receiver.received
        assert verify("k", body, headers[SIGNATURE_HEADER])
        assert payload_of(body)["article"]["language"] == "es"
        with pipeline_context(settings, db=db) as ctx:  # a second pass repeats nothing
            run_once(ctx)
        assert len(inbox.messages) == 1 and len(webhook_receiver.received) == 1
        with BackgroundServer(create_app(db, settings), port=0) as server:
            response = httpx.get(f"{server.url}/watches/1.atom", timeout=10)
            missing = httpx.get(f"{server.url}/watches/99.atom", timeout=10)
    assert response.status_code == 200 and "atom" in response.headers["content-type"]
    entries = ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == [match.title]
    assert missing.status_code == 404


def test_cli_add_list_log_remove(tmp_path, capsys, spanish_site):
    cli = ["--data", str(tmp_path / "data")]
    assert main(cli + ["watch", "add", "query", "mercado -pescado", "--email", "a@example.org",
                       "--digest"]) == 0
    assert main(cli + ["watch", "add", "outlet", "7"]) == 2
    assert "no source #7" in capsys.readouterr().err
    assert main(cli + ["watch", "add", "name", "Ana", "--webhook", "http://127.0.0.1:9/x"]) == 2
    assert "error[fetch.blocked_address]" in capsys.readouterr().err
    assert main(cli + ["watch", "list"]) == 0
    listing = capsys.readouterr().out
    assert "#1 [query] mercado -pescado" in listing and "(digest)" in listing
    assert main(cli + ["watch", "log"]) == 0
    assert "no deliveries yet" in capsys.readouterr().out
    assert main(cli + ["watch", "remove", "1"]) == 0
    assert main(cli + ["watch", "remove", "1"]) == 2
    assert "error[config]: no watch #1" in capsys.readouterr().err
