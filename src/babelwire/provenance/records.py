"""Plain records of provenance: the documents traced, the links found, the sites judged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RELATIONS = ("translation", "copy", "paraphrase", "same_event")
DERIVED_RELATIONS = ("translation", "copy", "paraphrase")


@dataclass(frozen=True)
class TraceDoc:
    """One article as the tracer sees it, from a store row or a JSONL line."""

    key: str                      # the article's id, as text
    url: str
    site: str                     # host name, lower case, without "www."
    lang: str
    title: str
    text: str                     # body, paragraphs separated by blank lines
    published: float | None = None  # epoch seconds, as the page claims
    seen: float | None = None       # epoch seconds, when first seen
    order: int = 0                  # input order, the last tie-breaker
    site_name: str = ""
    credits: tuple[str, ...] = ()       # outlets or URLs the page credits
    title_credits: tuple[str, ...] = ()  # outlets named in the title
    disclaimers: tuple[str, ...] = ()
    pivot_text: str | None = None       # the article in the pivot language, when known
    images: tuple[str, ...] = ()

    @property
    def time(self) -> float | None:
        """Published (as the page claims) when known, else first seen."""
        return self.published if self.published is not None else self.seen

    def sort_key(self) -> tuple:
        time = self.time
        return (time is None, time if time is not None else 0.0, self.order)


@dataclass(frozen=True)
class Link:
    """``article`` is derived from (or reports the same event as) ``derived_from``."""

    article: str
    derived_from: str
    relation: str                 # translation | copy | paraphrase | same_event
    confidence: float
    lag_seconds: int | None
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class SiteReport:
    """What one site's articles say about it: does it only relay others?"""

    site: str
    relay: bool
    article_count: int
    share_derived: float
    median_lag_seconds: int | None
    drawn_on: tuple[str, ...]
    signals: dict[str, int]
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class TraceOptions:
    """Knobs of the tracer; the defaults are the settings' defaults."""

    pivot_language: str = "en"
    use_encoder: bool = True
    max_candidates: int = 8
    window_seconds: float | None = None   # ignore candidates further apart in time
    encoder_threads: int = 2
    encoder_runtime: str = "auto"         # auto, openvino or numpy (use_openvino.RUNTIMES)
    neighbours: int = 8                   # nearest articles by meaning looked at per article
    workers: int = 0                      # processes for the Python work: 0 one per core
