"""A glossary per language pair: names the engine must not translate its own way.

Entries come from the settings (``translate.glossary``, strings written
``"fr:en:Saint-Aubin-sur-Loire=Saint-Aubin-sur-Loire"``; ``*`` for any
language) and from a TSV file (``translate.glossary_file``, columns
source_lang, target_lang, source, target; ``#`` starts a comment line).
Several spellings may map to one target (``Pékin`` and ``Beijing`` to
``Beijing``). Matching is whole-word and case-sensitive, longest term first;
a matched term is protected from the engine and replaced by its target.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from babelwire.errors import ConfigError

ANY = "*"


@dataclass(frozen=True)
class GlossaryEntry:
    source_lang: str
    target_lang: str
    source: str
    target: str

    def applies(self, source: str, target: str) -> bool:
        return self.source_lang in (ANY, source) and self.target_lang in (ANY, target)


@dataclass(frozen=True)
class Glossary:
    """Every entry; ``terms(source, target)`` is what applies to one pair."""

    entries: tuple[GlossaryEntry, ...] = ()
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)

    def terms(self, source: str, target: str) -> dict[str, str]:
        """Source term -> target term for the pair (pair-specific entries win over ``*``)."""
        found: dict[str, str] = {}
        for entry in sorted(self.entries, key=lambda e: (e.source_lang != ANY) + (e.target_lang != ANY)):
            if entry.applies(source, target):
                found[entry.source] = entry.target
        return found

    def pattern(self, source: str, target: str) -> re.Pattern[str] | None:
        """One compiled alternation of the pair's terms, longest first (cached)."""
        key = (source, target)
        if key not in self._patterns:
            terms = sorted(self.terms(source, target), key=len, reverse=True)
            self._patterns[key] = (re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in terms))
                                   if terms else None)
        return self._patterns[key]

    def fingerprint(self, source: str, target: str) -> str:
        """A short hash of the pair's terms, part of every translation-memory key."""
        terms = sorted(self.terms(source, target).items())
        return hashlib.blake2b(repr(terms).encode(), digest_size=6).hexdigest() if terms else ""

    def __len__(self) -> int:
        return len(self.entries)


def parse_entry(text: str, where: str = "translate.glossary") -> GlossaryEntry:
    """One ``source_lang:target_lang:Source term=Target term`` string."""
    parts = text.split(":", 2)
    if len(parts) != 3 or "=" not in parts[2]:
        raise ConfigError(f"{where}: glossary entry {text!r} must be written "
                          "'fr:en:Source term=Target term' ('*' for any language)")
    source_term, _, target_term = parts[2].partition("=")
    return _entry(parts[0], parts[1], source_term, target_term, where, text)


def read_tsv(path: str | Path) -> list[GlossaryEntry]:
    """Entries of a TSV glossary file: source_lang, target_lang, source, target."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read glossary file {path}: {exc.strerror or exc}: "
                          "fix translate.glossary_file") from exc
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 4:
            raise ConfigError(f"{path}:{number}: a glossary line needs 4 tab-separated columns "
                              "(source_lang, target_lang, source, target)")
        if number == 1 and columns[0].strip().lower() == "source_lang":
            continue  # a header line
        entries.append(_entry(*columns, where=f"{path}:{number}", text=line))
    return entries


def load_glossary(entries: list[str] | tuple[str, ...] = (), path: str | Path | None = None) -> Glossary:
    """The glossary from setting strings and an optional TSV file (file entries first)."""
    found = read_tsv(path) if path else []
    found += [parse_entry(text) for text in entries]
    return Glossary(entries=tuple(found))


def _entry(source_lang: str, target_lang: str, source: str, target: str, where: str,
           text: str) -> GlossaryEntry:
    source_lang, target_lang = source_lang.strip().lower(), target_lang.strip().lower()
    source, target = source.strip(), target.strip()
    if not source or not target or not source_lang or not target_lang:
        raise ConfigError(f"{where}: glossary entry {text!r} has an empty field")
    return GlossaryEntry(source_lang, target_lang, source, target)
