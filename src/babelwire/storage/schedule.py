"""The polling schedule at a glance: when sources were last fetched, which is due next."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .db import Database


@dataclass(frozen=True)
class PollSchedule:
    sources: int
    enabled: int
    never_fetched: int
    failing: int
    last_fetch_at: str | None
    next_check_at: str | None
    next_source: str  # name (or URL) of the source due first


def poll_schedule(db: Database) -> PollSchedule:
    conn = db.read()
    counts = conn.execute(
        "SELECT COUNT(*) AS n, COALESCE(SUM(enabled), 0) AS enabled, "
        "COALESCE(SUM(CASE WHEN last_fetch_at IS NULL THEN 1 ELSE 0 END), 0) AS never, "
        "COALESCE(SUM(CASE WHEN error_count > 0 THEN 1 ELSE 0 END), 0) AS failing, "
        "MAX(last_fetch_at) AS last "
        "FROM sources").fetchone()
    due = conn.execute(
        "SELECT name, url, next_check_at FROM sources WHERE enabled = 1 "
        "ORDER BY next_check_at IS NULL, next_check_at, id LIMIT 1").fetchone()
    return PollSchedule(
        sources=counts["n"], enabled=counts["enabled"], never_fetched=counts["never"],
        failing=counts["failing"], last_fetch_at=counts["last"],
        next_check_at=due["next_check_at"] if due else None,
        next_source=(due["name"] or due["url"]) if due else "")


@dataclass(frozen=True)
class StoreTotals:
    articles: int
    stories: int  # stories of two articles or more
    hosts: tuple[tuple[str, str], ...]  # (host[:port], name) of each source's site


def store_totals(db: Database) -> StoreTotals:
    conn = db.read()
    articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    stories = conn.execute("SELECT COUNT(*) FROM stories WHERE article_count > 1").fetchone()[0]
    hosts: dict[str, str] = {}
    for url, name in conn.execute("SELECT url, name FROM sources ORDER BY id"):
        hosts.setdefault(urlsplit(url).netloc.lower().removeprefix("www."), name)
    return StoreTotals(articles=articles, stories=stories, hosts=tuple(hosts.items()))
