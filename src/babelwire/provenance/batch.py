"""Batch mode, independent of any store: JSON lines in, JSON lines out.

Input, one article per line: ``{"id", "url", "lang", "title", "text",
"published"?, "seen"?}``. Output: one line per article, ``{"id",
"derived_from", "relation", "confidence", "evidence"}``, then one line per
site, ``{"site", "relay", "share_derived", "evidence"}``. A bad line is
reported (with its number) and skipped; the others are traced.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from ..errors import TranslationError
from ..language import normalize_code
from ..translate import Translator, can_translate, translate_texts
from .records import TraceDoc
from .service import TraceOutcome
from .signals import read_signals

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BadLine:
    number: int
    reason: str

    def one_line(self) -> str:
        return f"line {self.number}: {self.reason}"


def parse_time(value: Any, name: str) -> float | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{name}' must be an ISO 8601 time string")
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"'{name}' is not an ISO 8601 time: {value!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def host_of(url: str) -> str:
    """The site of a URL: its host (and port, when one is given), without "www."."""
    try:
        parts = urlsplit(url.strip())
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return ""
    host = host[4:] if host.startswith("www.") else host
    return f"{host}:{port}" if port and host else host


def _text_field(record: dict, name: str, required: bool) -> str:
    value = record.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"'{name}' must be a non-empty string")
    return value


def doc_from_record(record: Any, order: int) -> TraceDoc:
    """A TraceDoc from one decoded input line; ValueError says what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    key = record.get("id")
    if not isinstance(key, (str, int)) or isinstance(key, bool) or str(key) == "":
        raise ValueError("'id' must be a non-empty string or number")
    lang = normalize_code(_text_field(record, "lang", True)) or ""
    if not lang:
        raise ValueError(f"'lang' is not a language code: {record.get('lang')!r}")
    url = _text_field(record, "url", False)
    site = host_of(url)
    signals = read_signals(_text_field(record, "title", False), _text_field(record, "text", True),
                           site)
    return TraceDoc(key=str(key), url=url, site=site, lang=lang, title=signals.title,
                    text=signals.text, published=parse_time(record.get("published"), "published"),
                    seen=parse_time(record.get("seen"), "seen"), order=order,
                    credits=signals.credits, title_credits=signals.title_credits,
                    disclaimers=signals.disclaimers)


def read_jsonl(lines: Iterable[str]) -> tuple[list[TraceDoc], list[BadLine]]:
    docs: list[TraceDoc] = []
    bad: list[BadLine] = []
    seen_ids: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = doc_from_record(json.loads(line), len(docs))
        except json.JSONDecodeError as exc:
            bad.append(BadLine(number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        except ValueError as exc:
            bad.append(BadLine(number, str(exc)))
            continue
        if doc.key in seen_ids:
            bad.append(BadLine(number, f"id {doc.key!r} appears twice; ids must be unique"))
            continue
        seen_ids.add(doc.key)
        docs.append(doc)
    return docs, bad


def with_pivot(docs: list[TraceDoc], translator: Translator | None, pivot: str) -> list[TraceDoc]:
    """Each article with its rendering in ``pivot``: one engine call per language."""
    by_language: dict[str, list[int]] = {}
    for index, doc in enumerate(docs):
        by_language.setdefault(doc.lang, []).append(index)
    out = list(docs)
    for lang, indexes in by_language.items():
        if lang == pivot:
            for i in indexes:
                out[i] = replace(docs[i], pivot_text=f"{docs[i].title}\n\n{docs[i].text}")
            continue
        if translator is None or not can_translate(translator, lang, pivot):
            continue
        texts = [part for i in indexes for part in (docs[i].title, docs[i].text)]
        try:
            result = translate_texts(translator, texts, lang, pivot)
        except TranslationError as error:
            log.warning("no %s rendering for %s articles: %s", pivot, lang, error.one_line())
            continue
        for n, i in enumerate(indexes):
            title, body = result.segments[2 * n], result.segments[2 * n + 1]
            out[i] = replace(docs[i], pivot_text=f"{title}\n\n{body}")
    return out


def iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def article_lines(outcome: TraceOutcome) -> Iterator[dict]:
    derived_by: dict[str, list[str]] = {}
    same_event: dict[str, list[str]] = {}
    for link in outcome.links:
        if link.relation == "same_event":
            same_event.setdefault(link.article, []).append(link.derived_from)
            same_event.setdefault(link.derived_from, []).append(link.article)
    for key, link in outcome.derived_from.items():
        if link is not None:
            derived_by.setdefault(link.derived_from, []).append(key)
    for doc in outcome.docs:
        link = outcome.derived_from.get(doc.key)
        evidence = dict(link.evidence) if link else {}
        evidence.update({"site": doc.site, "published": iso(doc.published), "seen": iso(doc.seen),
                         "story": outcome.story_of.get(doc.key)})
        if derived_by.get(doc.key):
            evidence["derived_by"] = derived_by[doc.key]
        if same_event.get(doc.key):
            evidence["same_event"] = sorted(set(same_event[doc.key]))
        yield {"id": doc.key, "derived_from": link.derived_from if link else None,
               "relation": link.relation if link else None,
               "confidence": link.confidence if link else None, "evidence": evidence}


def site_lines(outcome: TraceOutcome) -> Iterator[dict]:
    for report in outcome.sites:
        yield {"site": report.site, "relay": report.relay, "share_derived": report.share_derived,
               "evidence": {"articles": report.article_count,
                            "median_lag_seconds": report.median_lag_seconds,
                            "drawn_on": list(report.drawn_on), "signals": report.signals,
                            "reasons": list(report.reasons)}}
