"""Translation memory: never translate the same segment twice.

A segment's key is a 16-byte BLAKE2b hash of the normalised segment (every
whitespace run one space), its level (a paragraph or a sentence), the pair,
and the engine's identity: name and version as the engine reports them for
the pair (Apertium names the pair package and its version), babelwire's
structure version and the glossary's fingerprint. A new engine version, a
glossary change or a change to the structure-safe path therefore misses.

``translate_texts`` looks paragraphs up first (a cached paragraph costs no
segmentation), then the sentences of the paragraphs it missed, and sends only
missed sentences to the engine, in one batch. Hits and misses are counted in
sentences.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from babelwire.translate.base import Translator

if TYPE_CHECKING:  # the storage package loads its drivers: imported where a memory is used
    from babelwire.storage.db import Database

log = logging.getLogger(__name__)

# Bump when the structure-safe path changes what it produces: old entries then miss.
# s2: names by the engine's dictionary, post-edits, context sentence; s4: sentences by rule (issue 11)
STRUCTURE_VERSION = "s4"
# s3: quote marks the target's way, grammar post-edits, names only a person name keeps (issue 11)
FLAG_UNKNOWN = 1  # bit 0: the engine left words unknown; bits 1+: sentences in a paragraph entry


@dataclass(frozen=True)
class EngineIdentity:
    """What the engine says about a pair before any text is sent."""

    engine: str
    engine_version: str
    pivot: str | None

    def key_part(self) -> str:
        return f"{self.engine}\x1f{self.engine_version}"


def segment_key(level: str, text: str, source: str, target: str, identity: str) -> bytes:
    """The content address of one segment (``text`` already normalised)."""
    material = "\x1f".join((level, source, target, identity, text)).encode("utf-8")
    return hashlib.blake2b(material, digest_size=16).digest()


def pack_flags(unknown: bool, sentences: int = 1) -> int:
    return (sentences << 1) | (FLAG_UNKNOWN if unknown else 0)


def unpack_flags(flags: int) -> tuple[bool, int]:
    """(unknown, sentence count)."""
    return bool(flags & FLAG_UNKNOWN), max(1, flags >> 1)


class TranslationMemory:
    """The memory in one store, with hit and miss counters (in sentences)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._identities: dict[tuple[int, str, str], EngineIdentity] = {}

    def identity(self, translator: Translator, source: str, target: str) -> EngineIdentity:
        """The engine's name, version and pivot for a pair, asked with an empty batch (cached)."""
        cache_key = (id(translator), source, target)
        if cache_key not in self._identities:
            probe = translator.translate_batch([], source, target)
            self._identities[cache_key] = EngineIdentity(probe.engine, probe.engine_version, probe.pivot)
        return self._identities[cache_key]

    def lookup(self, keys: list[bytes]) -> dict[bytes, tuple[str, int]]:
        return _memory_store().lookup_segments(self.db, list(dict.fromkeys(keys))) if keys else {}

    def store(self, rows: list[tuple[bytes, str, int]]) -> None:
        _memory_store().store_segments(self.db, rows)

    def count(self, hits: int, misses: int) -> None:
        with self._lock:
            self.hits += hits
            self.misses += misses

    def __len__(self) -> int:
        return _memory_store().count_segments(self.db)


def _memory_store():
    from babelwire.storage import memory as memory_store

    return memory_store
