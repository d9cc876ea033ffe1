"""What the engine must not touch: spans found in a sentence, and what goes back.

Each ``Span`` covers source text that babelwire writes itself: a glossary
term (its target), a URL or e-mail address (verbatim), a number, a date or a
time (the same value, written the target's way, see ``formats``), or a proper
noun (verbatim). Finders run in priority order; a later span never overlaps
an earlier one. The name heuristic is deliberately careful: two or more
capitalised words (``San Martín de la Vega``, ``Clara Bennett``) or a
hyphenated name (``Saint-Aubin-sur-Loire``), never the sentence's first word,
never a span holding an institution word that has an established translation
(``Banco Central Europeo``), with leading titles trimmed (``Minister``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from babelwire.translate import formats
from babelwire.translate.glossary import Glossary


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # glossary | url | email | date | time | number | name
    replacement: str  # what the translation shows in its place


URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»“”]+[^\s<>\"«»“”.,;:!?)\]]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")

# Prepositions that belong with a date or a time ("on March 12" is "le 12 mars").
DATE_PREPOSITIONS = {"en": "on", "fr": "le", "es": "el"}
TIME_PREPOSITIONS = {"en": "at", "fr": "à", "es": "a las"}
DATE_ARTICLES = {"en": "", "fr": "le", "es": "el"}  # a date after "since", "between": "depuis le 12 mars"

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD = rf"(?:[{_UPPER}][\w’']{{0,2}}\.|[{_UPPER}][\w’']*(?:-[\w’']+)*)"  # "J." and "Sr." keep their dot
CONNECTORS = ("de la", "de los", "de las", "del", "de", "des", "du", "di", "da", "do", "dos",
              "van", "von", "der", "sur")
_NAME = re.compile(rf"(?<![\w-]){_WORD}(?:\s+(?:(?:{'|'.join(CONNECTORS)})\s+)*{_WORD})*")
_HYPHENATED = re.compile(rf"^[{_UPPER}][\w’']*(?:-[\w’']+)*-[{_UPPER}][\w’']*")

# Titles trimmed from the start of a name; institutions that stop it being one.
TITLES = frozenset("""Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. President Minister Prime Mayor Senator
Governor General Judge Chancellor King Queen Pope Sir Lady Lord Secretary Chief Deputy Commissioner
M. Mme Mlle Me Président Présidente Ministre Maire Sénateur Juge Sr. Sra. Srta. Don Doña Presidente
Presidenta Ministro Ministra Alcalde Alcaldesa Doctor Doctora Senador Senadora Juez Jueza""".split())
INSTITUTIONS = frozenset("""Ministry Ministerio Ministère Government Gobierno Gouvernement Parliament
Parlamento Parlement Senate Senado Sénat Court Tribunal Cour Corte Commission Comisión Council Consejo
Conseil Union Unión United Unidos Unidas Unis Nations Naciones Kingdom Reino Royaume Republic República
République Central Bank Banco Banque Assembly Asamblea Assemblée Congress Congreso Congrès Police Policía
Army Ejército Armée Supreme Supremo Suprema National Nacional Nationale International Internacional
Internationale Department Departamento Agency Agencia Agence Organization Organización Organisation
Institute Instituto Institut University Universidad Université Hospital Hôpital Red Cruz Cross Roja
Croix-Rouge Nueva New Nouvelle North South East West Norte Sur Este Oeste Nord Est Ouest Health Salud
Santé Justice Justicia Interior Intérieur Foreign Exterior Exteriores Affairs Asuntos Affaires Economy
Economía Économie Finance Finances Finanzas Hacienda Defence Defense Defensa Défense Education Educación
Éducation Office Oficina Bureau Party Partido Parti Socialist Socialista Socialiste Popular Populaire
Green Greens Verdes Verts Democratic Democrático Démocrate European Europeo Europea Européen World
Mundial Mondial Federal Federación Fédération Olympic Olímpico Olympique Monday Tuesday Wednesday
Thursday Friday Saturday Sunday January February March April May June July August September October
November December The A An El La Los Las Le Les Un Una Une States Estados États Middle Ages Day Día
Jour Cup Copa Coupe League Liga Ligue Games Juegos Jeux Prize Premio Prix Festival Museum Museo Musée
Airport Aeropuerto Aéroport Station Estación Gare Street Calle Rue Avenue Avenida Square Plaza Place
Park Parque Parc River Río Lake Lago Lac Sea Mar Mer Ocean Océano Océan Island Isla Île Islands
Islas Îles Mount Monte Mont Valley Valle Vallée Gulf Golfo Golfe Coast Costa Côte Saint Santo Santa
Sainte""".split())


NameFilter = Callable[[str], "str | None"]  # a name candidate -> the part to keep verbatim, or None


def find_spans(text: str, source: str, target: str, glossary: Glossary | None = None,
               names: bool | NameFilter = True) -> list[Span]:
    """Non-overlapping spans of ``text`` to protect, in text order.

    ``names`` is a switch, or a filter that says which part of each name
    candidate to keep, if any (the engine's own dictionary decides, see
    ``ApertiumTranslator.names_to_keep``).
    """
    spans: list[Span] = []
    finders = [_glossary_spans(glossary, source, target), _regex_spans(URL, "url"),
               _regex_spans(EMAIL, "email"), _date_spans, _time_spans, _number_spans]
    if names:
        finders.append(_name_finder(names if callable(names) else None))
    for finder in finders:
        for span in finder(text, source, target):
            if not any(span.start < kept.end and kept.start < span.end for kept in spans):
                spans.append(span)
    return sorted(spans, key=lambda span: span.start)


def _glossary_spans(glossary: Glossary | None, source: str, target: str):
    def find(text: str, source: str, target: str) -> list[Span]:
        pattern = glossary.pattern(source, target) if glossary else None
        if pattern is None:
            return []
        terms = glossary.terms(source, target)
        return [Span(m.start(), m.end(), "glossary", terms[m.group(0)]) for m in pattern.finditer(text)]
    return find


def _regex_spans(pattern: re.Pattern[str], kind: str):
    def find(text: str, source: str, target: str) -> list[Span]:
        return [Span(m.start(), m.end(), kind, m.group(0)) for m in pattern.finditer(text)]
    return find


def _with_preposition(text: str, start: int, source: str, target: str,
                      table: dict[str, str]) -> tuple[int, str]:
    """Start of the span and the target preposition when ``text`` has the source's before ``start``."""
    word = table.get(source)
    if not word or target not in table:
        return start, ""
    match = re.search(rf"(?<!\w)({re.escape(word)})\s+$", text[:start], re.IGNORECASE)
    if not match:
        before = text[:start].rstrip()
        if table is DATE_PREPOSITIONS and DATE_ARTICLES.get(target) and not DATE_ARTICLES.get(source) \
                and before[-1:].isalpha() and not _frees_preposition(before):
            return start, DATE_ARTICLES[target] + " "  # "between March 3" -> "entre le 3 mars"
        return start, ""
    before = text[:match.start()].rstrip()
    if before and before[-1].isalpha() and not _frees_preposition(before):
        # "depuis le 12 mars", "entre el 24 y el 5": the preposition belongs to the phrase; a date's
        # article goes with the date, written the target's way ("since March 12", "depuis le 12 mars")
        if table is not DATE_PREPOSITIONS or source not in DATE_ARTICLES or target not in DATE_ARTICLES:
            return start, ""
        article = DATE_ARTICLES[target]
        return match.start(), (article[0].upper() + article[1:] if article and match.group(1)[0].isupper()
                               else article) + (" " if article else "")
    prep = table[target]
    return match.start(), (prep[0].upper() + prep[1:] if match.group(1)[0].isupper() else prep) + " "


def _frees_preposition(before: str) -> bool:
    """True when the word before a date's preposition leaves it free (a verb or a noun, not a preposition)."""
    last = before.split()[-1].lower()
    return last not in {"depuis", "desde", "since", "from", "until", "hasta", "jusqu'au", "avant",
                        "antes", "before", "after", "après", "después", "del", "du", "de", "of", "por",
                        "par", "by", "pour", "para", "for", "entre", "between", "sur", "sobre",
                        "y", "e", "et", "and", "o", "u", "ou", "or", "ni", "nor"}  # "between X and Y"


def _date_spans(text: str, source: str, target: str) -> list[Span]:
    spans = []
    for pattern in formats.date_patterns(source):
        for match in re.finditer(rf"(?<!\w){pattern}", text, re.IGNORECASE):
            if source == "en" and not match.group("month")[0].isupper():
                continue  # "may 3" is not a date in English
            rendered = formats.render_date(formats.parse_date(match, source), target)
            if rendered is None or (match.groupdict().get("day") is None):
                continue
            start, prep = _with_preposition(text, match.start(), source, target, DATE_PREPOSITIONS)
            spans.append(Span(start, match.end(), "date", prep + rendered))
    return spans


def _time_spans(text: str, source: str, target: str) -> list[Span]:
    pattern = formats.TIME_PATTERNS.get(source)
    if pattern is None:
        return []
    spans = []
    for match in re.finditer(rf"(?<![\w:.,])(?:{pattern})(?![.,:]\d)", text):  # not a race time 4:41.30
        rendered = formats.render_time(*formats.parse_time(match), target)
        if rendered is None:
            rendered = match.group(0)
        start, prep = _with_preposition(text, match.start(), source, target, TIME_PREPOSITIONS)
        spans.append(Span(start, match.end(), "time", prep + rendered))
    return spans


@lru_cache(maxsize=32)
def _number_regex(source: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,]){_number_group(source)}(?P<pct>[ \u00a0\u202f]?%)?(?![\w])")


def _number_spans(text: str, source: str, target: str) -> list[Span]:
    pattern = _number_regex(source)
    spans = []
    for match in pattern.finditer(text):
        if not match.group("pct") and re.match(r"[.,]\d", text[match.end():]):
            continue  # a number written another way ("1.5" in French): leave it whole to the engine
        number = formats.render_number(match.group("num"), source, target)
        if match.group("pct"):
            number += formats.render_percent_space(target, match.group("pct")[:-1]) + "%"
        spans.append(Span(match.start(), match.end(), "number", number))
    return spans


def _number_group(source: str) -> str:
    return rf"(?P<num>{formats.number_pattern(source)})"


def _name_finder(keep: NameFilter | None):
    def find(text: str, source: str, target: str) -> list[Span]:
        spans = []
        for span in _name_spans(text):
            kept = span.replacement if keep is None else keep(span.replacement)
            if kept and span.replacement.endswith(kept):  # the filter may trim the front
                spans.append(Span(span.end - len(kept), span.end, "name", kept))
        return spans
    return find


def name_candidates(text: str) -> list[str]:
    """The name candidates of ``text`` (before any filter), for asking the engine about them."""
    return [span.replacement for span in _name_spans(text)]


def _name_spans(text: str) -> list[Span]:
    first_word = re.search(r"\w", text)
    sentence_start = first_word.start() if first_word else 0
    spans = []
    for match in _NAME.finditer(text):
        words = list(re.finditer(r"\S+", match.group(0)))
        offsets = [(match.start() + w.start(), match.start() + w.end(), w.group(0)) for w in words]
        if offsets and offsets[0][0] <= sentence_start:
            offsets = offsets[1:]
        span = _name_span(text, offsets)
        if span:
            spans.append(span)
    return spans


def _name_span(text: str, offsets: list[tuple[int, int, str]]) -> Span | None:
    """The protected name among capitalised words, after trimming titles and connectors.

    A title inside the run cuts it: "U.S. President George W. Bush" is "George W. Bush".
    """
    titles = [index for index, (_, _, word) in enumerate(offsets) if word in TITLES]
    if titles:
        offsets = offsets[titles[-1] + 1:]
    while offsets and (offsets[0][2] in TITLES or offsets[0][2] in CONNECTORS or not offsets[0][2][0].isupper()):
        offsets = offsets[1:]
    while offsets and not offsets[-1][2][0].isupper():
        offsets = offsets[:-1]
    if not offsets or any(word.strip(".,") in INSTITUTIONS for _, _, word in offsets):
        return None
    capitalised = [word for _, _, word in offsets if word[0].isupper()]
    if len(capitalised) < 2 and not (len(capitalised) == 1 and _HYPHENATED.match(capitalised[0])):
        return None
    start, end = offsets[0][0], offsets[-1][1]
    while end > start and text[end - 1] in ".,;:’'":  # a full stop is not part of the name
        end -= 1
    return Span(start, end, "name", text[start:end])
