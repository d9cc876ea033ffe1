"""Language identification with a confidence; ``und`` when unsure."""

from .detect import detect_language, normalize_code

__all__ = ["detect_language", "normalize_code"]
