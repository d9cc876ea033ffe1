"""The reader served over real HTTP to Debian's chromium, driven by Playwright.

Skipped, with the reason, when /usr/bin/chromium is missing (``make test``
installs it). Screenshots go to ``test-artifacts/browser/`` (gitignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAYLOAD = ("<script>window.__pwned=1;document.title='pwned'</script>"
           "<img src=x onerror=\"window.__pwned=1;document.title='pwned';alert(1)\">"
           "<svg onload=\"window.__pwned=1\"></svg><a href=\"javascript:window.__pwned=1\">x</a>")

if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                "(apt-get install chromium, or `make test`)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from babelwire.models import Article, Attribution, Translation  # noqa: E402
from babelwire.settings import load_settings  # noqa: E402
from babelwire.storage import Database  # noqa: E402
from babelwire.storage.articles import save_article  # noqa: E402
from babelwire.storage.sources import add_source  # noqa: E402
from babelwire.storage.translations import save_translation  # noqa: E402
from babelwire.web import BackgroundServer, create_app  # noqa: E402


@dataclass(frozen=True)
class Reader:
    url: str
    ids: dict[str, int]


def _article(source_id: int, slug: str, language: str, title: str, body: str,
             published: str, **extra: object) -> Article:
    return Article(id=None, source_id=source_id, url=f"https://{slug}.example/news",
                   canonical_url=f"https://{slug}.example/news", title=title,
                   standfirst=extra.pop("standfirst", ""), body=body, author="",
                   published=published, first_seen=published, language=language,
                   language_confidence=0.95, content_hash=f"hash-{slug}", **extra)


def _translation(article_id: int, language: str, title: str, body: str) -> Translation:
    return Translation(article_id=article_id, language=language, title=title, standfirst="",
                       body=body, engine="apertium", engine_version="3.8.3",
                       created_at="2024-06-01T12:00:00Z")


def build(db: Database) -> dict[str, int]:
    diario, _ = add_source(db, "https://diario-sur.example/rss", name="Diario del Sur")
    hostile, _ = add_source(db, f"https://hostile.example/feed?{PAYLOAD}", name=f"Hostile {PAYLOAD}")
    ids = {"source": diario.id, "hostile_source": hostile.id}
    ids["es"] = save_article(db, _article(
        diario.id, "puerto", "es", "Nuevo puerto en Valdemar",
        "El puerto de Valdemar abre sus muelles.\n\nLos pescadores celebran la obra.",
        "2024-06-01T10:00:00Z", standfirst="Una obra de diez años.")).article_id
    save_translation(db, _translation(ids["es"], "en", "New harbour in Valdemar",
                                      "The harbour of Valdemar opens its docks.\n\n"
                                      "The fishermen celebrate the work."))
    save_translation(db, _translation(ids["es"], "fr", "Nouveau port à Valdemar",
                                      "Le port de Valdemar ouvre ses quais.\n\n"
                                      "Les pêcheurs fêtent l'ouvrage."))
    ids["evil"] = save_article(db, _article(
        hostile.id, "evil", "es", f"Titular {PAYLOAD}", f"Cuerpo {PAYLOAD}\n\nValdemar {PAYLOAD}",
        "2024-06-01T09:00:00Z", standfirst=PAYLOAD,
        attribution=(Attribution(outlet=f"Agencia {PAYLOAD}", kind="cited", evidence=PAYLOAD,
                                 url="javascript:window.__pwned=1"),),
        disclaimers=(PAYLOAD,))).article_id
    save_translation(db, _translation(ids["evil"], "en", f"Headline {PAYLOAD}",
                                      f"Body {PAYLOAD}\n\nValdemar {PAYLOAD}"))
    save_translation(db, _translation(ids["evil"], "fr", f"Titre {PAYLOAD}",
                                      f"Corps {PAYLOAD}\n\nValdemar {PAYLOAD}"))
    return ids


@pytest.fixture(scope="session")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    db = Database(tmp_path_factory.mktemp("browser") / "store.sqlite3")
    ids = build(db)
    settings = load_settings(environ={}, overrides={"targets": ["en", "fr"]})
    with BackgroundServer(create_app(db, settings), port=0) as server:
        yield Reader(url=server.url, ids=ids)
    db.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    page: Page
    dialogs: list[str]
    console_errors: list[str]
    page_errors: list[str]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page (English, no cookies) that records dialogs, console errors, JS errors."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900},
                                  extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    page.set_default_timeout(20_000)
    seen = Watched(page=page, dialogs=[], console_errors=[], page_errors=[])
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error"
            and seen.console_errors.append(message.text))
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    yield seen
    context.close()


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture(scope="session", autouse=True)
def _no_proxy() -> None:
    """Chromium must reach 127.0.0.1 directly."""
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
