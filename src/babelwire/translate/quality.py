"""What kind of translation each engine gives, said wherever the MT label is.

Readers deserve to know how far to trust a machine translation: Apertium is
rule-based (rough, word by word, but predictable and fully offline), neural
models read more naturally, remote servers are whatever the server runs.
"""

from __future__ import annotations

RULE_BASED, NEURAL, REMOTE, NONE, UNKNOWN = "rule-based", "neural", "remote", "none", "unknown"

QUALITY_CLASSES: dict[str, str] = {
    "apertium": RULE_BASED,
    "ctranslate2": NEURAL,
    "libretranslate": REMOTE,
    "openai": REMOTE,
    "identity": NONE,
}


def quality_class(engine: str | None) -> str:
    """``rule-based``, ``neural``, ``remote`` (or ``none`` for identity); ``unknown`` otherwise."""
    return QUALITY_CLASSES.get((engine or "").strip().lower(), UNKNOWN)


def engine_label(engine: str | None) -> str:
    """``apertium, rule-based``: the engine with its quality class, for labels."""
    return f"{engine}, {quality_class(engine)}" if engine else UNKNOWN
