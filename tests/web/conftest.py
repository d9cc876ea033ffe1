"""A small store (sources, articles in es/fr/en, some translations) served over real HTTP."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

try:  # until the project config puts src/ on pytest's path
    import babelwire  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from babelwire.models import Article, Attribution, Translation  # noqa: E402
from babelwire.settings import load_settings  # noqa: E402
from babelwire.storage import Database  # noqa: E402
from babelwire.storage.articles import save_article  # noqa: E402
from babelwire.storage.sources import add_source, record_failure  # noqa: E402
from babelwire.storage.translations import (  # noqa: E402
    record_translation_failure,
    save_translation,
)
from babelwire.web import BackgroundServer, create_app  # noqa: E402

EVIL = "<script>alert(1)</script> <img src=x onerror=alert(1)>"


@dataclass(frozen=True)
class Store:
    db: Database
    ids: dict[str, int]  # fixture name -> article id


def _article(source_id: int | None, slug: str, language: str, title: str, body: str,
             published: str | None, **extra: object) -> Article:
    return Article(
        id=None, source_id=source_id, url=f"https://news.example/{slug}",
        canonical_url=f"https://news.example/{slug}", title=title,
        standfirst=extra.pop("standfirst", ""),
        body=body, author=extra.pop("author", ""), published=published,
        first_seen="2024-05-02T08:00:00Z", language=language, language_confidence=0.97,
        content_hash=f"hash-{slug}", site_name=extra.pop("site_name", ""), **extra,
    )


def _translation(article_id: int, language: str, title: str, body: str,
                 **extra: object) -> Translation:
    return Translation(article_id=article_id, language=language, title=title,
                       standfirst=extra.pop("standfirst", ""), body=body, engine="apertium",
                       engine_version="3.8.3", created_at="2024-05-02T09:00:00Z", **extra)


def build_store(path: Path) -> Store:
    db = Database(path)
    gaceta, _ = add_source(db, "https://gaceta.example/feed.xml", name="La Gaceta")
    courrier, _ = add_source(db, "https://courrier.example/rss", name="Le Courrier")
    broken, _ = add_source(db, "https://broken.example/feed", name="Broken Feed")
    record_failure(db, broken.id, code="fetch.http_status", message="HTTP 503 from server",
                   interval=900, max_backoff=86400)
    ids = _add_articles(db, gaceta.id, courrier.id)
    _add_translations(db, ids)
    ids["story"] = _add_story(db, "Rain and strikes", [ids["es"], ids["fr"]])
    ids["gaceta"], ids["courrier"], ids["broken"] = gaceta.id, courrier.id, broken.id
    return Store(db=db, ids=ids)


def _add_story(db: Database, title: str, article_ids: list[int]) -> int:
    """A story row as issue 6's clustering would write it (the reader only reads it)."""
    with db.write() as conn:
        story_id = conn.execute(
            "INSERT INTO stories (title, earliest_article_id, article_count, created_at, "
            "updated_at) VALUES (?, ?, ?, '2024-05-02T10:00:00Z', '2024-05-02T10:00:00Z')",
            (title, article_ids[0], len(article_ids))).lastrowid
        conn.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                         [(story_id, article_id) for article_id in article_ids])
    return int(story_id)


def _add_articles(db: Database, gaceta: int, courrier: int) -> dict[str, int]:
    ids: dict[str, int] = {}
    ids["es"] = save_article(db, _article(
        gaceta, "lluvia", "es", "Lluvias en Madrid",
        "Llueve mucho en Madrid.\n\nLos vecinos esperan el sol.",
        "2024-05-01T10:00:00Z", standfirst="Una semana de agua.", author="Ana Ruiz",
        attribution=(Attribution(outlet="Agencia EFE", kind="dateline", evidence="Madrid (EFE).",
                                 url="https://efe.example/"),),
        disclaimers=("Este texto fue traducido del catalán.",),
    )).article_id
    ids["fr"] = save_article(db, _article(
        courrier, "greve", "fr", "Grève à Lyon", "Les trains sont arrêtés.\n\nReprise demain.",
        "2024-05-01T09:00:00Z")).article_id
    ids["en"] = save_article(db, _article(
        None, "ledger", "en", "Markets rally", "Stocks rose.\n\nBonds fell.",
        "2024-05-01T08:00:00Z", site_name="The Ledger")).article_id
    ids["evil"] = save_article(db, _article(
        gaceta, "evil", "es", f"Titular {EVIL}", f"Cuerpo {EVIL}", "2024-04-30T10:00:00Z",
        attribution=(Attribution(outlet=f"Evil {EVIL}", kind="cited", evidence=EVIL,
                                 url="javascript:alert(1)"),),
    )).article_id
    ids["pending"] = save_article(db, _article(
        gaceta, "pendiente", "es", "Noticia sin traducir", "Texto.", None)).article_id
    for number in range(7):  # same date: paging must break ties by id
        save_article(db, _article(courrier, f"filler-{number}", "fr", f"Brève {number}",
                                  f"Texte {number}.", "2024-04-01T00:00:00Z"))
    return ids


def _add_translations(db: Database, ids: dict[str, int]) -> None:
    save_translation(db, _translation(
        ids["es"], "en", "Rain in Madrid", "It rains a lot in Madrid.\n\nNeighbours await the sun.",
        standfirst="A week of water."))
    save_translation(db, _translation(
        ids["es"], "fr", "Pluies à Madrid", "Il pleut beaucoup à Madrid.\n\nLes voisins attendent.",
        pivot=None))
    save_translation(db, _translation(ids["fr"], "en", "Strike in Lyon",
                                      "The trains are stopped.\n\nRestart tomorrow.", pivot="es"))
    save_translation(db, _translation(ids["en"], "fr", "Les marchés montent",
                                      "Les actions montent.\n\nLes obligations baissent."))
    save_translation(db, _translation(ids["evil"], "en", f"Headline {EVIL}", f"Body {EVIL}"))
    save_translation(db, _translation(ids["evil"], "fr", f"Titre {EVIL}", f"Corps {EVIL}"))
    record_translation_failure(db, ids["pending"], "en", "translate.no_engine",
                               "no engine for es→en installed")


@pytest.fixture(scope="session")
def evil() -> str:
    """The markup stored in the 'evil' article's title, body and attribution."""
    return EVIL


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    built = build_store(tmp_path_factory.mktemp("web") / "store.sqlite3")
    yield built
    built.db.close()


@pytest.fixture(scope="session")
def server(store: Store) -> Iterator[BackgroundServer]:
    settings = load_settings(environ={}, overrides={"targets": ["en", "fr"]})
    with BackgroundServer(create_app(store.db, settings), port=0) as running:
        yield running


@pytest.fixture
def client(server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        yield http


@pytest.fixture
def make_server(tmp_path: Path):
    """A fresh store served with some settings changed: ``make_server(**settings)``."""
    running: list[tuple[BackgroundServer, Database]] = []

    def start(**overrides: object) -> tuple[BackgroundServer, Store]:
        built = build_store(tmp_path / f"store-{len(running)}.sqlite3")
        settings = load_settings(environ={}, overrides={"targets": ["en", "fr"], **overrides})
        server = BackgroundServer(create_app(built.db, settings), port=0).start()
        running.append((server, built.db))
        return server, built

    yield start
    for server, db in running:
        server.stop()
        db.close()


def _add_relay_story(store) -> dict[str, int]:
    """An English relay of the Spanish original (published 5 h 25 min later) and their story."""
    db = store.db
    relay_source, _ = db.sources.add("https://relay-wire.example/feed", name="Relay Wire")
    relay = save_article(db, Article(
        id=None, source_id=relay_source.id, url="https://relay-wire.example/rain",
        canonical_url="https://relay-wire.example/rain", title="Heavy rain falls on Madrid",
        standfirst="", body="It rains a lot in Madrid, neighbours wait for the sun.",
        author="", published="2024-05-01T15:25:00Z", first_seen="2024-05-02T08:00:01Z",
        language="en", language_confidence=0.97, content_hash="hash-relay")).article_id
    original = store.ids["es"]
    with db.write() as conn:
        conn.execute("DELETE FROM story_articles")
        conn.execute("DELETE FROM stories")
        story = conn.execute(
            "INSERT INTO stories (title, earliest_article_id, article_count, created_at, "
            "updated_at) VALUES ('Lluvias en Madrid', ?, 2, '2024-05-02T10:00:00Z', "
            "'2024-05-02T10:00:00Z')", (original,)).lastrowid
        conn.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                         [(story, original), (story, relay)])
        conn.execute(
            "INSERT INTO provenance_links (article_id, derived_from, relation, confidence, "
            "lag_seconds, evidence, created_at) VALUES (?, ?, 'translation', 0.93, 1, '{}', "
            "'2024-05-02T10:00:00Z')", (relay, original))
    return {"relay": relay, "original": original, "story": int(story),
            "relay_source": relay_source.id}


@pytest.fixture
def relay_story():
    """``relay_story(store)``: adds an English relay that machine-translates the Spanish
    original 5 h 25 min after it, in one story with it; returns their ids."""
    return _add_relay_story
