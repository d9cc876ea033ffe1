"""Pairs whose part-of-speech tagger crashes, run with the constraint grammar's first reading.

Some packaged pairs ship a tagger model that does not cover every reading their
analyser gives: apertium-rus-ukr 0.2.1's ukr-rus tagger dies (SIGSEGV) on an
adjective as common as "тривалих", and ``apertium`` still exits 0, so the batch
simply comes back short and every segment after the crash is lost. Where the mode
runs the constraint grammar just before the tagger (``cg-proc ... | apertium-tagger
-g $2 ...``), the same pipeline with ``cg-proc -1 -n`` in place of both (the first
reading the grammar leaves, printed without the surface form, as the tagger prints
it) translates every segment, a little more roughly.

The patched mode files live in a private data folder made on first need (never at
import) and pointed to with ``apertium -d``; the pair's own files are used as they are.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

_TAGGER_AFTER_GRAMMAR = re.compile(
    r"cg-proc(?P<flags>(?: -[a-z])*) (?P<grammar>'[^']+'|\S+) \| apertium-tagger -g \$2 (?:'[^']+'|\S+)")


def untagged_pipeline(mode_text: str) -> str | None:
    """The mode's pipeline with the tagger replaced by ``cg-proc -1 -n``; None when it has
    no tagger right after a constraint grammar (nothing this module can stand in for)."""
    patched, count = _TAGGER_AFTER_GRAMMAR.subn(
        lambda m: f"cg-proc{m.group('flags')} -1 -n {m.group('grammar')}", mode_text)
    return patched if count else None


class UntaggedModes:
    """A private ``apertium -d`` folder holding untagged copies of the modes asked for."""

    def __init__(self, datadir: str) -> None:
        self._datadir = Path(datadir)
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._made: dict[str, bool] = {}

    @property
    def datadir(self) -> str:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="babelwire-apertium-")
            (Path(self._folder.name) / "modes").mkdir()
        return self._folder.name

    def make(self, mode: str) -> bool:
        """Write the untagged copy of ``mode``; False when it has no tagger to stand in for."""
        if mode not in self._made:
            try:
                text = (self._datadir / "modes" / f"{mode}.mode").read_text(encoding="utf-8")
            except OSError:
                text = ""
            patched = untagged_pipeline(text)
            if patched is not None:
                (Path(self.datadir) / "modes" / f"{mode}.mode").write_text(patched, encoding="utf-8")
            self._made[mode] = patched is not None
        return self._made[mode]
