"""A translator that returns its input: for text already in the target language.

Callers should normally skip translation when source == target; this exists so
that a composed translator always has an answer for that case.
"""

from __future__ import annotations

from babelwire.translate.base import BatchResult

IDENTITY_ENGINE = "identity"


class IdentityTranslator:
    """Returns the segments unchanged, for any pair with source == target."""

    name = IDENTITY_ENGINE

    def version(self) -> str:
        return "1"

    def pairs(self) -> set[tuple[str, str]]:
        return set()  # only the diagonal, which is not listed

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        return BatchResult(
            segments=tuple(segments),
            engine=self.name,
            engine_version=self.version(),
            pivot=None,
            unknown=(False,) * len(segments),
            warnings=() if source == target else (f"identity used for {source}→{target}",),
        )
