"""The archive tests' local site (one Spanish article and its feed) and their steps."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone

from babelwire.archive.recorder import Recorder, archive_folder
from babelwire.compose import pipeline_context
from babelwire.demo.resource import text_resource
from babelwire.demo.server import StaticSite
from babelwire.fetch import Fetcher, FetchOptions
from babelwire.worker import run_once

WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
TEXT = ("El puerto de Valdemora amplió este martes su muelle norte para recibir barcos más "
        "grandes, una obra que duró tres años y costó doce millones de euros. ")


def page(title: str, head: str = "", before: str = "") -> str:
    """The article page; ``head`` and ``before`` (the body ahead of the article) may add
    what a hostile page carries."""
    body = "".join(f"<p>{TEXT}{i}</p>" for i in range(4))
    return (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{title}</title>"
            f"{head}</head><body>{before}<article><h1>{title}</h1>{body}</article></body></html>")


@contextmanager
def pier_site(html: str):
    """A local site serving ``html`` at /muelle and an RSS feed naming it at /feed.xml."""
    with StaticSite() as running:
        running.set_route("/muelle", text_resource(html, "text/html; charset=utf-8", WHEN))
        feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Diario</title>"
                f"<link>{running.url('/')}</link><item><title>El muelle norte</title>"
                f"<link>{running.url('/muelle')}</link></item></channel></rss>")
        running.set_route("/feed.xml", text_resource(feed, "application/rss+xml", WHEN))
        yield running


def ingest(db, settings, site):
    """The site's feed added as a source and one ingestion pass run: its one article."""
    db.sources.add(site.url("/feed.xml"))
    with pipeline_context(settings, db=db) as ctx:
        run_once(ctx)
    [article] = db.articles.latest()
    return article


def fetch_again(db, settings, url: str) -> None:
    """``url`` fetched once more through the archive's recorder (a revisit when unchanged)."""
    with Fetcher(FetchOptions(allow_addresses=("127.0.0.1",)),
                 recorder=Recorder(db, archive_folder(settings))) as fetcher:
        fetcher.fetch(url)
