"""Which of two related articles is the original.

The earlier one, unless the evidence says otherwise: an article that credits
the other (names its site in the title or a credit line, or links to it) is
the derived one; across languages, the one carrying an automatic-translation
disclaimer is the translation. Times are the published times the pages claim
when both have one (a monitor sees a relay and its original in one pass, so
first-seen times are seconds apart in any order), else first-seen times, else
the input order. The lag is measured the same way; both lags are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from .profile import Profile


@dataclass(frozen=True)
class Orientation:
    derived: Profile
    original: Profile
    reason: str          # credits | disclaimer | earlier | input_order
    credited: bool


def orient(a: Profile, b: Profile, cross_language: bool) -> Orientation:
    a_credits, b_credits = a.credits(b), b.credits(a)
    if a_credits != b_credits:
        return Orientation(a, b, "credits", True) if a_credits else Orientation(b, a, "credits", True)
    if cross_language and bool(a.doc.disclaimers) != bool(b.doc.disclaimers):
        if a.doc.disclaimers:
            return Orientation(a, b, "disclaimer", False)
        return Orientation(b, a, "disclaimer", False)
    for name in ("published", "seen"):
        time_a, time_b = getattr(a.doc, name), getattr(b.doc, name)
        if time_a is not None and time_b is not None and time_a != time_b:
            first, second = (a, b) if time_a < time_b else (b, a)
            return Orientation(second, first, "earlier", a_credits)
    first, second = sorted((a, b), key=lambda p: p.doc.order)
    return Orientation(second, first, "input_order", a_credits)


def _difference(derived: Profile, original: Profile, name: str) -> int | None:
    later, earlier = getattr(derived.doc, name), getattr(original.doc, name)
    return None if later is None or earlier is None else int(round(later - earlier))


def lags(derived: Profile, original: Profile) -> dict[str, int | None]:
    """Both lags: from the published dates and from first-seen times."""
    return {"lag_published_seconds": _difference(derived, original, "published"),
            "lag_seen_seconds": _difference(derived, original, "seen")}


def lag_seconds(derived: Profile, original: Profile) -> int | None:
    """The lag from publication, first-seen as a fallback."""
    found = lags(derived, original)
    published = found["lag_published_seconds"]
    return published if published is not None else found["lag_seen_seconds"]
