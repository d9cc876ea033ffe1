"""Month names as data, for dates written out in words ("14 de noviembre", "November 14")."""

from __future__ import annotations

import re

MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "janvier", "januar", "gennaio", "janeiro", "января", "январь",
        "gener"),
    2: ("february", "feb", "febrero", "février", "fevrier", "februar", "febbraio", "fevereiro",
        "февраля", "февраль", "febrer"),
    3: ("march", "mar", "marzo", "mars", "märz", "março", "марта", "март", "març"),
    4: ("april", "apr", "abril", "avril", "aprile", "апреля", "апрель"),
    5: ("may", "mayo", "mai", "maggio", "maio", "мая", "май", "maig"),
    6: ("june", "jun", "junio", "juin", "juni", "giugno", "junho", "июня", "июнь", "juny"),
    7: ("july", "jul", "julio", "juillet", "juli", "luglio", "julho", "июля", "июль", "juliol"),
    8: ("august", "aug", "agosto", "août", "aout", "августа", "август", "agost"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "septembre", "settembre",
        "setembro", "сентября", "сентябрь", "setembre"),
    10: ("october", "oct", "octubre", "octobre", "oktober", "ottobre", "outubro", "октября",
         "октябрь"),
    11: ("november", "nov", "noviembre", "novembre", "novembro", "ноября", "ноябрь"),
    12: ("december", "dec", "diciembre", "décembre", "decembre", "dezember", "dicembre",
         "dezembro", "декабря", "декабрь", "desembre"),
}

MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names}


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, written as a trie ("ma(?:r(?:ch|zo)
    ...)"): a position that starts no month fails at its first letter, where a list of 80
    alternatives was tried one by one (dates_in took a third of a millisecond an article).
    Longer words are tried first, as in the list sorted by length it replaces."""
    branches: dict[str, list[str]] = {}
    ends = False
    for word in sorted(set(words)):
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    parts = [re.escape(first) + trie_pattern(rest) for first, rest in branches.items()]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if ends else body


_NAMES = trie_pattern(list(MONTH_NUMBER))
MONTH_RE = re.compile(
    rf"\b(?P<day1>\d{{1,2}})(?:er|st|nd|rd|th|º|\.)?\s+(?:de\s+|d['’]\s*)?(?P<month1>{_NAMES})\b"
    rf"|\b(?P<month2>{_NAMES})\.?\s+(?P<day2>\d{{1,2}})\b",
    re.I,
)
