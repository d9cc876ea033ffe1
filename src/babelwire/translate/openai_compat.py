"""The OpenAI-compatible engine: any chat-completions server (Ollama, vLLM, llama.cpp, ...).

    POST <translate.openai_url>/v1/chat/completions
         {"model": .., "temperature": 0, "messages": [system, user]}

A batch of segments is sent as numbered lines (``1. ...``) under a strict
system prompt; the numbered answer is parsed back and its count checked. When
the model merges, splits, skips or chats, the batch is translated again one
segment at a time. Line breaks inside a segment are sent as spaces.
"""

from __future__ import annotations

import logging
import re
from itertools import permutations
from typing import Any

import httpx

from babelwire.errors import NoEngineError, TranslationError
from babelwire.translate.base import BatchResult
from babelwire.translate.remote import JSONClient, ServerOptions

log = logging.getLogger(__name__)

ENGINE_NAME = "openai"
_NUMBERED = re.compile(r"^\s*(\d+)\s*[.):]\s?(.*)$")
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)
LANGUAGE_NAMES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}
SYSTEM_PROMPT = (
    "You are a machine translation engine. Translate from {source} to {target}. "
    "The user sends {count} numbered lines. Reply with exactly {count} lines, in the same order, "
    "each made of its number, a period, a space and the {target} translation of that line only "
    "(\"1. ...\"). Translate every line, even a short one or a title. Do not merge or split lines; "
    "add no notes, explanations, greetings or extra quotation marks; keep names, numbers, dates "
    "and URLs exactly as they are."
)


def completions_path(url: str) -> tuple[str, str]:
    """(base URL, path) for ``url`` given as the server root, ``.../v1`` or the full endpoint."""
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url[: -len("/chat/completions")], "/chat/completions"
    if url.endswith("/v1"):
        return url, "/chat/completions"
    return url, "/v1/chat/completions"


class OpenAICompatTranslator:
    """Translates through a chat-completions server and a model it serves."""

    name = ENGINE_NAME

    def __init__(self, options: ServerOptions, model: str, languages: tuple[str, ...],
                 batch_size: int = 16, transport: httpx.BaseTransport | None = None,
                 **client_args: Any) -> None:
        base, self.path = completions_path(options.url)
        self.options = ServerOptions(**{**options.__dict__, "url": base})
        self.model = model
        self.languages = tuple(languages)
        self.batch_size = max(1, batch_size)
        headers = {"Authorization": f"Bearer {options.api_key}"} if options.api_key else {}
        self.client = JSONClient(ENGINE_NAME, self.options, headers=headers, transport=transport,
                                 **client_args)

    def version(self) -> str:
        return f"openai-compatible {self.model}"

    def pairs(self) -> set[tuple[str, str]]:
        """Every ordered pair of ``translate.openai_languages``: a chat model has no fixed list."""
        return set(permutations(self.languages, 2))

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        if (source, target) not in self.pairs():
            raise NoEngineError(f"{source}→{target} is not in translate.openai_languages: add both codes")
        out = list(segments)
        warnings: list[str] = []
        sent = [index for index, text in enumerate(segments) if text.strip()]
        for start in range(0, len(sent), self.batch_size):
            chunk = sent[start:start + self.batch_size]
            texts = [" ".join(segments[index].split()) for index in chunk]
            for index, text in zip(chunk, self._translate(texts, source, target, warnings), strict=True):
                out[index] = text
        return BatchResult(segments=tuple(out), engine=self.name, engine_version=self.version(),
                           unknown=(False,) * len(segments), warnings=tuple(warnings))

    def _translate(self, texts: list[str], source: str, target: str, warnings: list[str]) -> list[str]:
        answer = self.complete(texts, source, target)
        parsed = parse_numbered(answer, len(texts))
        if parsed is not None:
            return parsed
        message = f"{self.model} answered {len(texts)} numbered lines wrongly; translated one by one"
        log.warning("%s", message)
        warnings.append(message)
        return [self._translate_one(text, source, target) for text in texts]

    def _translate_one(self, text: str, source: str, target: str) -> str:
        answer = self.complete([text], source, target)
        parsed = parse_numbered(answer, 1)
        return parsed[0] if parsed is not None else " ".join(answer.split())

    def complete(self, texts: list[str], source: str, target: str) -> str:
        """The model's reply to the numbered lines (thinking blocks removed)."""
        system = SYSTEM_PROMPT.format(source=_language_name(source), target=_language_name(target),
                                      count=len(texts))
        payload = {"model": self.model, "temperature": 0, "stream": False, "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": "\n".join(f"{n}. {text}" for n, text in enumerate(texts, 1))},
        ]}
        answer = self.client.request("POST", self.path, payload)
        try:
            content = answer["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise TranslationError(f"{self.model} sent no choices[0].message.content",
                                   url=self.options.url) from exc
        return _THINKING.sub("", str(content or "")).strip()


def parse_numbered(answer: str, count: int) -> list[str] | None:
    """Lines ``1. ..`` to ``count. ..`` in order, or ``None`` when the answer is not exactly that.

    Chatter before line ``1.`` is skipped ("Sure! Here are ..."); an unnumbered line
    after it continues the line before (a model may wrap a long line).
    """
    lines: list[str] = []
    for raw in answer.splitlines():
        if not raw.strip():
            continue
        match = _NUMBERED.match(raw)
        if match and int(match.group(1)) == len(lines) + 1:
            lines.append(match.group(2).strip())
        elif lines:
            lines[-1] = f"{lines[-1]} {raw.strip()}"
    return lines if len(lines) == count else None


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)
