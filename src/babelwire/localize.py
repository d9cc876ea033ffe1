"""Translate stored articles into every target language.

One engine call per article per hop: title, standfirst and body paragraphs go
together, through the structure-safe path (``translate.structure``) and the
translation memory in the store (``translate.memory``), so a re-fetched
article costs only its changed sentences. An article is never translated into
its own language, nor when its language is undetermined. A pair with no
engine is recorded on the article and on its source's health, and the run
carries on. Each translation is stored with its record (engine, version,
pivot, time, per-paragraph unknown-word flags, memory hits and misses).
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

from .clock import now_iso
from .errors import NoEngineError, TranslationError
from .models import Translation
from .settings import Settings
from .storage.claims import DEFAULT_LEASE_SECONDS, worker_id
from .translate import Glossary, TranslateOptions, TranslationMemory, can_translate, load_glossary, translate_texts

if TYPE_CHECKING:
    from .pipeline import Context
    from .report import RunReport

log = logging.getLogger(__name__)


def translate_options(ctx: "Context", memory: TranslationMemory | None = None) -> TranslateOptions:
    """The structure-safe path, glossary and memory the settings ask for."""
    settings = ctx.settings
    if memory is None and settings["translate.memory"]:
        memory = TranslationMemory(ctx.db)
    return TranslateOptions(structure=settings["translate.structure"],
                            names=settings["translate.protect_names"],
                            glossary=settings_glossary(settings), memory=memory)


def settings_glossary(settings: Settings) -> Glossary:
    """The glossary of the settings (entries and TSV file), read once per file version."""
    path = settings["translate.glossary_file"]
    mtime = os.path.getmtime(path) if path and os.path.exists(path) else None
    return _cached_glossary(tuple(settings["translate.glossary"]), path, mtime)


@lru_cache(maxsize=8)
def _cached_glossary(entries: tuple[str, ...], path: str, _mtime: float | None) -> Glossary:
    return load_glossary(entries, path or None)


def translate_article(ctx: "Context", article_id: int, target: str,
                      options: TranslateOptions | None = None) -> Translation:
    """Translate one stored article into ``target`` and store the translation and its record."""
    row = ctx.db.articles.get_row(article_id)
    if row is None:
        raise TranslationError(f"article {article_id} does not exist")
    result = translate_texts(ctx.translator, [row["title"], row["standfirst"], row["body"]],
                             row["language"], target, options or translate_options(ctx))
    title, standfirst, body = result.segments
    warnings = list(result.warnings)
    if any(result.unknown):
        warnings.append("the engine left some words untranslated")
    translation = Translation(
        article_id=article_id, language=target, title=title, standfirst=standfirst, body=body,
        engine=result.engine, engine_version=result.engine_version, pivot=result.pivot,
        created_at=now_iso(), warnings=tuple(warnings),
    )
    ctx.db.translations.save(translation)
    ctx.db.memory.save_record(article_id, target, result.record())
    return translation


def _retry_installed_pairs(ctx: "Context") -> None:
    """Forget 'no engine' failures for pairs that have an engine now."""
    failures = ctx.db.translations.failures_with_code(NoEngineError.code)
    ctx.db.translations.forget_failures(
        (f.article_id, f.language) for f in failures
        if can_translate(ctx.translator, f.source_language, f.language))


def _translate_one(ctx: "Context", article_id: int, target: str, report: "RunReport",
                   lock: threading.Lock, options: TranslateOptions) -> None:
    """Translate one article; any failure stays with the article and its source."""
    try:
        translate_article(ctx, article_id, target, options)
        with lock:
            report.translations += 1
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - stays with the article
        error = exc if isinstance(exc, TranslationError) else _unexpected(exc)
        if not isinstance(exc, TranslationError):
            log.exception("article %s -> %s: unexpected error", article_id, target)
        try:
            _record_failure(ctx, article_id, target, error)
        except Exception:  # noqa: BLE001 - the store failing must not stop the pass
            log.exception("could not record the translation failure of article %s", article_id)
        with lock:
            report.translation_failures += 1
            report.problems.append(f"article {article_id} → {target}: {error.one_line()}")
    finally:
        ctx.progress.advance("translations")


def _unexpected(exc: BaseException) -> TranslationError:
    error = TranslationError(f"unexpected {type(exc).__name__}: {exc}"[:500])
    error.code = "translate.unexpected"
    return error


def _record_failure(ctx: "Context", article_id: int, target: str, error: TranslationError) -> None:
    """On the source's health; a missing engine or a crash also on the article (not retried
    every pass: 'no engine' comes back when the pair is installed)."""
    row = ctx.db.articles.get_row(article_id)
    if isinstance(error, NoEngineError) or error.code == "translate.unexpected":
        ctx.db.translations.record_failure(article_id, target, error.code,
                                                     str(error))
    ctx.db.sources.record_warning(row["source_id"] if row else None, code=error.code,
                                message=str(error), url=row["url"] if row else None)


def translate_pending(ctx: "Context", report: "RunReport") -> None:
    """Translate every stored article that lacks a target language."""
    _retry_installed_pairs(ctx)
    me = worker_id()
    claimed = {target: ctx.db.translations.claim_untranslated(
        target, 100_000, DEFAULT_LEASE_SECONDS, me) for target in ctx.settings.targets}
    jobs = [(article_id, target) for target, ids in claimed.items() for article_id in ids]
    if not jobs:
        return
    ctx.progress.start("translations", len(jobs))
    lock = threading.Lock()
    options = translate_options(ctx)
    try:
        with ThreadPoolExecutor(max_workers=max(1, ctx.settings["translate.workers"])) as pool:
            list(pool.map(lambda job: _translate_one(ctx, job[0], job[1], report, lock, options),
                          jobs))
    finally:  # passing failures and an interrupted run: free for the next run at once
        for target, ids in claimed.items():
            ctx.db.translations.release_untranslated(target, ids, me)
    ctx.progress.finish("translations")
    if options.memory is not None:
        log.info("translation memory: %d sentences found, %d translated",
                 options.memory.hits, options.memory.misses)
