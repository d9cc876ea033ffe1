"""Which of two related articles is the original.

The earlier one, unless the evidence says otherwise: an article that credits
the other (names its site in the title or a credit line, or links to it) is
the derived one; across languages, the one carrying an automatic-translation
disclaimer is the translation. Times are first-seen times when known, else
the published times the pages claim, else the input order.
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
    first, second = sorted((a, b), key=lambda p: p.doc.sort_key())
    timed = first.doc.time is not None and second.doc.time is not None \
        and first.doc.time != second.doc.time
    return Orientation(second, first, "earlier" if timed else "input_order", a_credits)


def lag_seconds(derived: Profile, original: Profile) -> int | None:
    if derived.doc.time is None or original.doc.time is None:
        return None
    return int(round(derived.doc.time - original.doc.time))
