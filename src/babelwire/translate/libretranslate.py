"""The LibreTranslate engine: a self-hosted LibreTranslate server over HTTP.

    POST /translate  {"q": [..], "source": "fr", "target": "en", "format": "text", "api_key": ".."}
                  -> {"translatedText": [..]}
    GET  /languages -> [{"code": "fr", "name": "French", "targets": ["en", ...]}, ...]

Pairs are read from ``/languages`` on first use (and asked again a minute later
when the server did not answer). Segments go in batches of ``batch_size``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx

from babelwire.errors import NoEngineError, TranslationError
from babelwire.language import normalize_code
from babelwire.translate.base import BatchResult
from babelwire.translate.remote import JSONClient, ServerOptions

log = logging.getLogger(__name__)

ENGINE_NAME = "libretranslate"
REDISCOVER_AFTER = 60.0  # seconds before asking an unreachable server for its languages again


class LibreTranslateTranslator:
    """Translates through a LibreTranslate server."""

    name = ENGINE_NAME

    def __init__(self, options: ServerOptions, batch_size: int = 50,
                 transport: httpx.BaseTransport | None = None, **client_args: Any) -> None:
        self.options = options
        self.batch_size = max(1, batch_size)
        self.client = JSONClient(ENGINE_NAME, options, transport=transport, **client_args)
        self._codes: dict[tuple[str, str], tuple[str, str]] | None = None
        self._failed_at = 0.0

    def version(self) -> str:
        return f"libretranslate {self.options.url.rstrip('/')}"

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.server_codes())

    def server_codes(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(source, target) in ISO 639-1 -> the server's own codes; empty while it is unreachable."""
        if self._codes is None and time.monotonic() - self._failed_at >= REDISCOVER_AFTER:
            try:
                self._codes = parse_languages(self.client.request("GET", "/languages"))
            except TranslationError as exc:
                log.warning("LibreTranslate languages unknown: %s", exc.one_line())
                self._failed_at = time.monotonic()
        return self._codes or {}

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        codes = self.server_codes().get((source, target))
        if codes is None:
            raise NoEngineError(f"the LibreTranslate server at {self.options.url} has no {source}→{target}: "
                                "install that language on the server")
        out = list(segments)
        sent = [index for index, text in enumerate(segments) if text.strip()]
        for start in range(0, len(sent), self.batch_size):
            chunk = sent[start:start + self.batch_size]
            for index, text in zip(chunk, self._translate([segments[i] for i in chunk], *codes), strict=True):
                out[index] = text
        return BatchResult(segments=tuple(out), engine=self.name, engine_version=self.version(),
                           unknown=(False,) * len(segments))

    def _translate(self, texts: list[str], source: str, target: str) -> list[str]:
        payload: dict[str, Any] = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.options.api_key:
            payload["api_key"] = self.options.api_key
        answer = self.client.request("POST", "/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            count = len(translated) if isinstance(translated, list) else "no"
            raise TranslationError(f"LibreTranslate returned {count} translations for {len(texts)} segments",
                                   url=self.options.url)
        return [str(text) for text in translated]


def parse_languages(answer: Any) -> dict[tuple[str, str], tuple[str, str]]:
    """The pairs listed by ``GET /languages``, keyed by normalised codes."""
    codes: dict[tuple[str, str], tuple[str, str]] = {}
    for language in answer if isinstance(answer, list) else []:
        if not isinstance(language, dict) or "code" not in language:
            continue
        source = normalize_code(str(language["code"])) or str(language["code"])
        for target_code in language.get("targets") or []:
            target = normalize_code(str(target_code)) or str(target_code)
            if target != source:
                codes.setdefault((source, target), (str(language["code"]), str(target_code)))
    return codes
