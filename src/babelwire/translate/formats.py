"""Numbers, dates and times: found in the source, written the target's way.

The engine never sees them (they travel as placeholders, see ``structure``);
babelwire writes them back itself. Where both languages' conventions are
known (``CONVENTIONS``) a number keeps its value and takes the target's
separators (``1 250,5`` in French is ``1,250.5`` in English) and a date with a
month name is written the target's way; otherwise the text is kept verbatim.
The tables are data: add a language by adding rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass(frozen=True)
class Convention:
    """How one language writes numbers."""

    thousands: tuple[str, ...]  # separators read, the first is written
    decimal: str
    percent: str  # text between a number and "%" when writing


CONVENTIONS: dict[str, Convention] = {
    "en": Convention(thousands=(",",), decimal=".", percent=""),
    "fr": Convention(thousands=(NBSP, "\u202f", " ", "."), decimal=",", percent=NBSP),
    "es": Convention(thousands=(".", NBSP, "\u202f", " "), decimal=",", percent=NBSP),
    "ca": Convention(thousands=(".", NBSP, " "), decimal=",", percent=NBSP),
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}

def number_pattern(language: str) -> str:
    """A regular expression for one number as ``language`` writes it."""
    convention = CONVENTIONS.get(language)
    if convention is None:
        return r"\d+(?:[.,]\d+)*"
    seps = "".join(re.escape(sep) for sep in convention.thousands)
    decimal = re.escape(convention.decimal)
    return rf"\d{{1,3}}(?:[{seps}]\d{{3}})+(?:{decimal}\d+)?(?!\d)|\d+(?:{decimal}\d+)?"


def parse_number(text: str, language: str) -> tuple[str, str] | None:
    """(integer digits, decimal digits) of a number written the ``language`` way."""
    convention = CONVENTIONS.get(language)
    if convention is None:
        return None
    whole, _, fraction = text.partition(convention.decimal)
    for sep in convention.thousands:
        whole = whole.replace(sep, "")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return whole, fraction


def render_number(text: str, source: str, target: str) -> str:
    """``text`` (a number in ``source``'s way) in ``target``'s way, same value; else unchanged."""
    parsed = parse_number(text, source)
    convention = CONVENTIONS.get(target)
    if parsed is None or convention is None or source == target:
        return text
    whole, fraction = parsed
    grouped = whole
    if any(sep in text for sep in CONVENTIONS[source].thousands) and len(whole) > 3:
        groups = [whole[max(0, end - 3):end] for end in range(len(whole), 0, -3)]
        grouped = convention.thousands[0].join(reversed(groups))
    return grouped + (convention.decimal + fraction if fraction else "")


def render_percent_space(target: str, original_space: str) -> str:
    """The space written between a number and ``%`` in ``target``."""
    convention = CONVENTIONS.get(target)
    return original_space if convention is None else convention.percent


# -- dates -------------------------------------------------------------------


@dataclass(frozen=True)
class DateParts:
    day: int | None
    month: int  # 1-12
    year: str | None


def date_patterns(language: str) -> list[str]:
    """Regular expressions (named groups day, month, year) for dates with a month name."""
    months = MONTHS.get(language)
    if months is None:
        return []
    names = "|".join(months)
    if language == "en":
        return [rf"(?P<month>{names})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?(?!\d)",
                rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{names})(?:,?\s+(?P<year>\d{{4}}))?(?!\d)"]
    if language == "es":
        return [rf"(?P<day>\d{{1,2}})\s+de\s+(?P<month>{names})(?:\s+de(?:l)?\s+(?P<year>\d{{4}}))?(?!\d)"]
    return [rf"(?P<day>\d{{1,2}}|1er)\s+(?P<month>{names})(?:\s+(?P<year>\d{{4}}))?(?!\d)"]


def parse_date(match: re.Match[str], language: str) -> DateParts:
    groups = match.groupdict()
    day = groups.get("day")
    month = [name.lower() for name in MONTHS[language]].index(groups["month"].lower()) + 1
    return DateParts(day=int(day.replace("er", "")) if day else None, month=month, year=groups.get("year"))


def render_date(parts: DateParts, target: str) -> str | None:
    """The date written the ``target`` way, or ``None`` when its month names are unknown."""
    months = MONTHS.get(target)
    if months is None:
        return None
    month = months[parts.month - 1]
    year = parts.year
    if target == "en":
        return f"{month} {parts.day}" + (f", {year}" if year else "")
    if target == "es":
        return f"{parts.day} de {month}" + (f" de {year}" if year else "")
    day = "1er" if parts.day == 1 else str(parts.day)
    return f"{day} {month}" + (f" {year}" if year else "")


# -- times -------------------------------------------------------------------

TIME_PATTERNS: dict[str, str] = {
    "fr": r"(?P<hour>[01]?\d|2[0-3])\s?h\s?(?P<minute>[0-5]\d)?(?![\w])",
    "es": r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s?h\b)?",
    "en": r"(?P<hour>1[0-2]|0?\d)(?::(?P<minute>[0-5]\d))?\s?(?P<half>[ap])\.?m\.?(?!\w)"
          r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)",
}


def parse_time(match: re.Match[str]) -> tuple[int, int]:
    groups = match.groupdict()
    if groups.get("hour24"):
        return int(groups["hour24"]), int(groups["minute24"])
    hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
    half = groups.get("half")
    if half == "p" and hour != 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return hour, minute


def render_time(hour: int, minute: int, target: str) -> str | None:
    if target == "fr":
        return f"{hour} h {minute:02d}" if minute else f"{hour} h"
    if target in ("en", "es", "ca"):
        return f"{hour}:{minute:02d}"
    return None
