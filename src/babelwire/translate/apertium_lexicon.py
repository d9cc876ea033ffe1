"""Asking Apertium's own dictionary which name candidates it knows.

A run of capitalised words (``protect.name_candidates``) is only worth keeping
verbatim when the engine would mangle it. The source language's analyser
(the first ``lt-proc`` stage of the mode, run alone: milliseconds) says what
each word is:

* unknown (``*Bafokeng``): the engine cannot translate the run, and the known
  words around it would be translated word by word ("Sveriges Irradiate"),
  so the run is kept;
* a word that is only a person's name (``<np><ant>``, ``<np><cog>``) next to
  a word that can be a common word ("Donald Trump", "Clara Bennett" in
  Spanish, where *clara* is an adjective): kept, or the engine translates
  half a name; a run whose person-name readings all belong to words that are
  common words too ("French Revolution", where *French* is also a surname;
  "Ring's CEO") is an ordinary phrase and goes to the engine;
* anything else (common words, places and names the dictionary translates:
  "États-Unis", "Catholic Church", "Best Actor", "George W. Bush") goes to the
  engine, which knows it and keeps the sentence's agreement and word order.
"""

from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path

from babelwire.translate.apertium_stream import escape

log = logging.getLogger(__name__)

_ANALYSER = re.compile(r"lt-proc\s+(?:-\w+\s+)*'([^']+\.automorf\.bin)'")
_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_PERSON = re.compile(r"<np><(?:ant|cog|al)>")
UNKNOWN, PERSON, COMMON, OTHER = "unknown", "person", "common", "other"
NAME_PREFIXES = frozenset("san santa santo saint sainte st st. são port fort mount monte mont cape cap cabo".split())
CONNECTORS = frozenset("de del la las los des du da di do dos van von der sur of the".split())


def analyser_path(mode_file: Path) -> str | None:
    """The morphological analyser a mode starts with, read from its ``.mode`` file."""
    try:
        match = _ANALYSER.search(mode_file.read_text(errors="replace"))
    except OSError:
        return None
    return match.group(1) if match else None


def word_classes(unit: str) -> set[str]:
    """What one analysed unit (``surface/analysis/analysis``) can be."""
    surface, _, analyses = unit.partition("/")
    if analyses.startswith("*") or not analyses:
        return {UNKNOWN}
    classes: set[str] = set()
    for analysis in analyses.split("/"):
        if _PERSON.search(analysis):
            classes.add(PERSON)
        elif "<np>" in analysis:
            classes.add(OTHER)
        else:
            classes.add(COMMON)
    return classes


def keep_verbatim(units: list[tuple[str, set[str]]]) -> bool:
    """True when a run of analysed words should skip the engine (see the module docstring).

    A person's name and a common word count as neighbours only between
    connectors: in "Nobel de Literatura", *Nobel* stands alone.
    """
    if any(UNKNOWN in classes for _, classes in units):
        return True
    chunk: list[set[str]] = []
    for surface, classes in [*units, ("de", set())]:
        if surface.lower() not in CONNECTORS:
            chunk.append(classes)
            continue
        only_person = any(PERSON in c and COMMON not in c for c in chunk)
        if only_person and any(COMMON in c for c in chunk):
            return True
        chunk = []
    return False


def kept_part(name: str, units: list[tuple[str, set[str]]]) -> str | None:
    """The part of ``name`` to keep verbatim (a suffix of it), or ``None``.

    Known words before a connector go to the engine ("Meseta de Guiza": the
    engine writes "Plateau of Guiza"), and so do known words before a
    person's name ("Autrichienne Claudia Loesch" keeps "Claudia Loesch");
    a run whose first unusual word is unknown is kept whole ("Sporting
    Shooters Association").
    """
    offsets, position = [], 0
    for surface, _ in units:
        found = name.find(surface, position)
        if found < 0:
            return name if keep_verbatim(units) else None
        offsets.append(found)
        position = found + len(surface)
    start = _after_common_prefix(units)
    rest = units[start:]
    if not rest or not keep_verbatim(rest):
        return None
    first = next(index for index, (_, classes) in enumerate(rest) if classes & {UNKNOWN, PERSON})
    if UNKNOWN not in rest[first][1] and not any(w.lower() in NAME_PREFIXES for w, _ in rest[:first]):
        start += first
    kept = name[offsets[start]:]
    return kept if start == 0 or " " in kept or "-" in kept else None


def _after_common_prefix(units: list[tuple[str, set[str]]]) -> int:
    """Index after the last connector that closes a run of ordinary known words, else 0."""
    start = 0
    for index, (surface, classes) in enumerate(units):
        if classes & {UNKNOWN, PERSON}:
            break
        if surface.lower() in CONNECTORS and index > start:
            start = index + 1
    while start < len(units) and units[start][0].lower() in CONNECTORS:
        start += 1
    return start if start < len(units) else 0


def names_to_keep(candidates: list[str], analyser: str, timeout: float = 30.0) -> dict[str, str]:
    """candidate -> the part to keep verbatim, for those worth keeping; every candidate whole
    when the analyser cannot run."""
    unique = list(dict.fromkeys(candidates))
    if not unique:
        return {}
    stdin = "".join(escape(name) + "\n" for name in unique).encode()
    try:
        done = subprocess.run(["lt-proc", analyser], input=stdin, capture_output=True, timeout=timeout,
                              check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot run lt-proc %s: %s; keeping every name", analyser, exc)
        return {name: name for name in unique}
    lines = done.stdout.decode("utf-8", errors="replace").split("\n")
    if done.returncode != 0 or len(lines) < len(unique):
        log.warning("lt-proc %s answered badly; keeping every name", analyser)
        return {name: name for name in unique}
    kept = {}
    for name, line in zip(unique, lines):
        units = [(_unescape(unit.partition("/")[0]), word_classes(unit)) for unit in _UNIT.findall(line)]
        part = kept_part(name, units) if units else None
        if part:
            kept[name] = part
    return kept


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)
