"""HTML pages: the latest articles, one article side by side, sources, errors.

Search and outlet pages are in ``search_pages`` and ``outlet_pages``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ..models import Translation
from ..status import poller_line, poller_state
from ..storage.schedule import poll_schedule
from ..translate.quality import quality_class
from ..storage.articles import article_from_row
from ..storage.memory import unknown_words
from .context import reader_language, render, web_of
from .filters import article_filters, filter_params
from .grouping import grouped, grouping_for, show_all
from .i18n import LANGUAGE_NAMES
from .present import outlet_of, paragraphs, time_of
from .provenance import labels
from .queries import LISTING_COLUMNS, filtered_articles, source_names, stories_of, story_row

PAGE_SIZE = 50


def home(request: Request) -> Response:
    """The latest articles in the reader's language, one entry per story (``?all=1``: every
    article), with filters and pages."""
    web = web_of(request)
    lang = reader_language(request)
    page = page_number(request)
    filters = article_filters(request)
    rows = filtered_articles(web.db, filters, PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE,
                             columns=LISTING_COLUMNS)
    has_older, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    every = show_all(request)
    entries = grouped(web.db, rows, lang, None if every else grouping_for(filters),
                      labels(lang))
    story = story_row(web.db, filters.story_id) if filters.story_id is not None else None
    return render(request, "home.html", {
        "entries": entries, "page": page, "has_newer": page > 1, "has_older": has_older,
        "filters": filters, "params": filter_params(request), "story": story,
        "story_title": story_title(web.db, story, lang), "all": every,
        "outlets": source_names(web.db),
        "languages": filter_languages(web.db, web.settings.targets, filters.language),
    })


def filter_languages(db, targets: tuple[str, ...], chosen: str | None = None) -> list[str]:
    """Languages offered in the original-language filter: those some article is written in
    (and the one chosen, so the form shows it)."""
    present = db.reader.languages_present(known_languages(targets))
    return present + [chosen] if chosen and chosen not in present else present


def known_languages(targets: tuple[str, ...]) -> list[str]:
    """The targets, then every language with a name."""
    return list(dict.fromkeys([*targets, *(code for code in LANGUAGE_NAMES if code != "und")]))


def story_title(db, story, lang: str) -> str:
    """A story's name in the reader's language: its earliest article's title, translated."""
    if story is None:
        return ""
    earliest = story["earliest_article_id"]
    found = db.reader.translated_titles([earliest], lang).get(earliest, {}) if earliest else {}
    return found[lang].title if lang in found else story["title"]


def page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise HTTPException(400, "page must be a positive whole number")
    return int(raw)


@dataclass(frozen=True)
class AlignedRow:
    """One paragraph index: the translation's paragraph beside the original's."""

    kind: str  # standfirst | paragraph
    translated: str
    original: str


def aligned_rows(translation: Translation | None, standfirst: str, body: str) -> list[AlignedRow]:
    """Standfirst then body paragraphs, paired by index (missing side is '')."""
    rows = []
    if translation is not None:
        if translation.standfirst or standfirst:
            rows.append(AlignedRow("standfirst", translation.standfirst.strip(),
                                   standfirst.strip()))
        pairs = zip_longest(paragraphs(translation.body), paragraphs(body), fillvalue="")
    else:
        if standfirst:
            rows.append(AlignedRow("standfirst", "", standfirst.strip()))
        pairs = (("", paragraph) for paragraph in paragraphs(body))
    rows.extend(AlignedRow("paragraph", left, right) for left, right in pairs)
    return rows


def article_page(request: Request) -> Response:
    web = web_of(request)
    lang = reader_language(request)
    row = web.db.articles.get_row(request.path_params["article_id"])
    if row is None:
        raise HTTPException(404, "no such article")
    article = article_from_row(row)
    translations = web.db.translations.for_article(article.id)
    in_language = article.language == lang
    translation = None if in_language else translations.get(lang)
    failures = [] if in_language or translation else [
        failure for failure in web.db.translations.failures_for(article.id) if failure["language"] == lang
    ]
    others = [(code, code == article.language) for code in web.settings.targets
              if code != lang and (code in translations or code == article.language)]
    return render(request, "article.html", {
        "article": article, "translation": translation, "in_language": in_language,
        "rows": aligned_rows(translation, article.standfirst, article.body),
        "outlet": outlet_of(row), "time": time_of(row), "failures": failures, "others": others,
        "stories": stories_of(web.db, [article.id]).get(article.id, []),
        "article_id": article.id,
        "quality": quality_class(translation.engine) if translation else "",
        "unknown_words": set(unknown_words(web.db, article.id, lang)) if translation else set(),
    })


def sources_page(request: Request) -> Response:
    web = web_of(request)
    poller = poller_line(poller_state(web.settings.data_dir), poll_schedule(web.db))
    return render(request, "sources.html", {"sources": web.db.sources.health_rows(), "poller": poller})


def favicon(request: Request) -> Response:
    """Browsers request /favicon.ico on pages without a <link rel=icon> (feeds, JSON)."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


def healthz(request: Request) -> Response:
    """``ok``; with a poller (``babelwire run``): whether it is alive, its last pass and error.

    503 when this process's poller has stopped. ``Accept: application/json`` gives JSON.
    """
    import json
    import os

    status = web_of(request).db.workers.get("poller")
    if status is None:
        return PlainTextResponse("ok")
    alive = status.running and _process_alive(status.pid)
    here = status.pid == os.getpid()
    state = "ok" if alive or not here else "error: the poller has stopped"
    facts = {"status": state, "poller": "alive" if alive else "stopped", "pid": status.pid,
             "passes": status.passes, "last_pass_started": status.pass_started_at,
             "last_pass_finished": status.pass_finished_at, "last_pass": status.last_summary,
             "last_error": status.last_error, "last_error_at": status.last_error_at}
    code = 200 if state == "ok" else 503
    if "application/json" in request.headers.get("accept", ""):
        return Response(json.dumps(facts), status_code=code, media_type="application/json")
    lines = [state] + [f"{name}: {value}" for name, value in facts.items()
                       if name != "status" and value is not None]
    return PlainTextResponse("\n".join(lines), status_code=code)


def _process_alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def error_page(request: Request, status_code: int, detail: str) -> Response:
    return render(request, "error.html", {"status": status_code, "detail": detail},
                  status_code=status_code)
