"""The provenance line: the first thing under an article's title.

On a derived article: "Machine translation of <title> by <outlet>, published 5 h 25 min
earlier". On an original: "Republished by N sites (M machine-translated)". Lags are
measured between the pages' publication times, first-seen times as the fallback, and
every lag says which basis it has. Evidence kinds and confidences get plain words here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..clock import parse_iso

DERIVING = ("copy", "translation", "paraphrase")

# Interface strings of the line and of the plain words, per reader language.
LINE_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "line_translation": "Machine translation of", "line_copy": "Copy of",
        "line_paraphrase": "Rewrite of", "by": "by",
        "published_earlier": "published {lag} earlier", "seen_earlier": "first seen {lag} earlier",
        "published_later": "published {lag} later", "seen_later": "first seen {lag} later",
        "same_time": "published at the same time",
        "republished": "Republished by {n} sites ({m} machine-translated)",
        "republished_one": "Republished by 1 site ({m} machine-translated)",
        "original_of_relay": "Original article", "relay_own_page": "This version on {outlet}",
        "kind_title_suffix": "outlet named in the title", "kind_source_link": "link to the source",
        "kind_read_more": "“read more” link to the source", "kind_cited": "outlet cited in the text",
        "kind_dateline": "credit in the dateline",
        "confidence_high": "strong evidence", "confidence_fair": "fair evidence",
        "confidence_low": "weak evidence",
        "stories_title": "Stories", "sites_title": "Sites", "relayed_by": "relayed by",
        "relay_badge": "relay",
        "basis_published": "between publication times", "basis_first_seen": "between first-seen times",
    },
    "fr": {
        "line_translation": "Traduction automatique de", "line_copy": "Copie de",
        "line_paraphrase": "Réécriture de", "by": "par",
        "published_earlier": "publié {lag} plus tôt", "seen_earlier": "vu pour la première fois {lag} plus tôt",
        "published_later": "publié {lag} plus tard", "seen_later": "vu pour la première fois {lag} plus tard",
        "same_time": "publié au même moment",
        "republished": "Repris par {n} sites ({m} en traduction automatique)",
        "republished_one": "Repris par 1 site ({m} en traduction automatique)",
        "original_of_relay": "Article original", "relay_own_page": "Cette version sur {outlet}",
        "kind_title_suffix": "média nommé dans le titre", "kind_source_link": "lien vers la source",
        "kind_read_more": "lien « lire la suite » vers la source", "kind_cited": "média cité dans le texte",
        "kind_dateline": "mention dans la signature",
        "confidence_high": "indices solides", "confidence_fair": "indices moyens",
        "confidence_low": "indices faibles",
        "stories_title": "Sujets", "sites_title": "Sites", "relayed_by": "relayé par",
        "relay_badge": "relais",
        "basis_published": "entre dates de publication",
        "basis_first_seen": "entre dates de première détection",
    },
}


@dataclass(frozen=True)
class Lag:
    """How much later the derived version came, and on which basis."""

    seconds: int | None
    basis: str  # "published" | "first_seen" | ""


def lag_between(later: Any, earlier: Any) -> Lag:
    """Publication times when both pages give one, else first-seen times.

    ``later``/``earlier`` are mappings (or records) with ``published`` and ``first_seen``.
    """
    for basis in ("published", "first_seen"):
        end, start = parse_iso(_get(later, basis)), parse_iso(_get(earlier, basis))
        if end is not None and start is not None:
            return Lag(int((end - start).total_seconds()), basis)
    return Lag(None, "")


def _get(record: Any, key: str) -> Any:
    try:
        return record[key]
    except (KeyError, IndexError, TypeError):
        return getattr(record, key, None)


def lag_phrase(lag: Lag, label, human_lag, earlier: bool = True) -> str:
    """'published 5 h 25 min earlier' / 'first seen 3 min later'; '' when unknown."""
    if lag.seconds is None:
        return ""
    if lag.seconds == 0:
        return label("same_time")
    prefix = "published" if lag.basis == "published" else "seen"
    direction = "earlier" if earlier else "later"
    if lag.seconds < 0:
        direction = "later" if earlier else "earlier"
    return label(f"{prefix}_{direction}").format(lag=human_lag(abs(lag.seconds)))


def confidence_words(confidence: float | None, label) -> str:
    """Plain words for a link's confidence (never the number alone)."""
    if confidence is None:
        return ""
    level = "high" if confidence >= 0.85 else "fair" if confidence >= 0.6 else "low"
    return label(f"confidence_{level}")


def kind_words(kind: str, label) -> str:
    """An attribution kind (``title_suffix``...) in the reader's words."""
    words = label(f"kind_{kind}")
    return words if not words.startswith("kind_") else kind.replace("_", " ")


def republished_counts(derived: list[dict[str, Any]]) -> tuple[int, int]:
    """(distinct sites republishing, how many of them translate)."""
    deriving = [d for d in derived if d.get("relation") in DERIVING]
    sites = {d.get("host") or d.get("site") for d in deriving}
    translating = {d.get("host") or d.get("site") for d in deriving
                   if d.get("relation") == "translation"}
    return len(sites), len(translating)
