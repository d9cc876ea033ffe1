"""Apertium's stream format, for feeding one process a whole batch of segments.

Babelwire runs ``apertium -z -f none <mode>``: no deformatter, null-flush mode.
Each segment is written as escaped text followed by ``.[]`` and a NUL byte.
Null-flush mode makes every stage of the pipe finish and flush a segment at
each NUL, so no multiword or sentence crosses from one segment into the next
(the ``txt`` deformatter joins lines: "Nueva\\nYork" came back as
"New York\\n from"). The ``.[]`` sentinel is what ``apertium-destxt`` itself
appends to close the last sentence; without it the pipe eats a segment's final
full stop. Every record must come back ending in the sentinel, which also
tells a dropped or truncated record apart from a good one.

In the output, unknown words carry ``*`` (not in the dictionary), ``@`` (no
bilingual entry) or ``#`` (generation failed). ``*`` and ``#`` pass through
unescaped (``#hashtag``); ``@`` comes back escaped whether it is a mark or a
literal one from the input (``a\\@b.c``, and a pivot's second hop writes
``\\@darse`` for a word the first hop left it), so for all three a mark is
only stripped when the output holds more of them than the source did, the
ones not copied from the source first. A failed
generation can also leak tags (``x#<prn>``, the tags escaped); those are
removed, as are unescaped tags (a literal ``<`` from the input stays escaped).
"""

from __future__ import annotations

import re

SENTINEL = ".[]"
RECORD_END = "\0"

_SPECIAL = re.compile(r"([\[\]\\^$@/<>{}])")  # characters the stream format reserves
_WHITESPACE = re.compile(r"\s+")
_SENTINEL_AT_END = re.compile(r"\.?\s*\[\]\s*$")  # an abbreviation may eat the period: "MS." -> "MADAME[]"
_SPACE_RUN = re.compile(r"(?<= ) +")  # left where a removed tag stood
_CANDIDATE = re.compile(r"[*#@](?=\S)")  # a mark is glued to the token it marks
_TOKEN = re.compile(r"\S+")
_WORD_AFTER_MARK = re.compile(r"[\w'’-]*\w")
_TAG_DEBRIS = re.compile(r"#?(?:<[\w-]+>)+")  # tags a failed generation left behind: x#<prn>
_COUNTED_MARKS = "*#@"  # may be literal text too; compared with the source
_ESCAPED_MARK = "@"  # the engine escapes this mark like a literal @


def clean_segment(text: str) -> str:
    """One line of plain text: NULs dropped, every whitespace run made one space."""
    return _WHITESPACE.sub(" ", text.replace("\0", " ")).strip()


def escape(text: str) -> str:
    """``text`` with the characters the stream format reserves escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def encode_batch(texts: list[str]) -> bytes:
    """The stdin for one ``apertium -z -f none`` run (texts already cleaned)."""
    return "".join(escape(text) + SENTINEL + RECORD_END for text in texts).encode()


def split_records(output: bytes, expected: int) -> list[str] | None:
    """The raw output records, sentinel removed; ``None`` unless exactly ``expected`` came back.

    Every stage of the pipe adds a NUL at end of input, so trailing empty
    records are ignored.
    """
    records = output.decode("utf-8", errors="replace").split(RECORD_END)
    while records and not records[-1].strip():
        records.pop()
    if len(records) != expected:
        return None
    cut = []
    for record in records:
        end = _SENTINEL_AT_END.search(record)  # a second hop may space it out: "est..  []"
        if end is None or record[: end.start()].endswith("\\"):
            return None
        cut.append(record[: end.start()])
    return cut


def decode_record(raw: str, source: str) -> tuple[str, bool]:
    """Plain text of one output record, and whether the engine marked unknown words."""
    text, words = decode_record_words(raw, source)
    return text, bool(words)


def decode_record_words(raw: str, source: str) -> tuple[str, tuple[str, ...]]:
    """Plain text of one output record, and the words the engine marked unknown (kept as written)."""
    text, protected = _unescape(raw)
    strip = _marks_to_strip(text, protected, source)
    if not strip:
        return text.strip(), ()
    words = []
    for index in sorted(strip):
        if text[index] in _COUNTED_MARKS and (index + 1) not in strip:
            token = _WORD_AFTER_MARK.match(text, index + 1)
            if token:
                words.append(token.group(0))
    kept = "".join(char for index, char in enumerate(text) if index not in strip)
    return _SPACE_RUN.sub("", kept).strip(), tuple(words) or ("",)


def _unescape(raw: str) -> tuple[str, list[bool]]:
    """Text without escapes and superblank brackets; ``protected[i]`` when char i was literal."""
    if "\\" not in raw and "[" not in raw and "]" not in raw:
        return raw, [False] * len(raw)  # the common case, without a loop per character
    chars: list[str] = []
    protected: list[bool] = []
    depth = 0
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\" and index + 1 < len(raw):
            chars.append(raw[index + 1])
            protected.append(True)
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        else:
            chars.append(char)
            protected.append(depth > 0)
        index += 1
    return "".join(chars), protected


def _marks_to_strip(text: str, protected: list[bool], source: str) -> set[int]:
    """Positions of the engine's marks in ``text``: ``*``/``@``/``#`` and leaked ``<tags>``."""
    strip: set[int] = set()
    for match in _TAG_DEBRIS.finditer(text):
        start, end = match.span()
        if text[start] == "#":  # the engine escapes tags it leaks after a "#" mark
            debris = not protected[start] and match.group(0) not in source
        else:  # a literal "<" from the source is always escaped
            debris = not any(protected[index] for index in range(start, end) if text[index] in "<>")
        if debris:
            strip.update(range(start, end))
    found: dict[str, list[tuple[int, str]]] = {mark: [] for mark in _COUNTED_MARKS}
    for match in _CANDIDATE.finditer(text):
        index = match.start()
        if (not protected[index] or text[index] == _ESCAPED_MARK) and index not in strip:
            token = _TOKEN.match(text, index)
            found[text[index]].append((index, token.group(0) if token else text[index]))
    for mark in _COUNTED_MARKS:
        candidates = found[mark]
        excess = len(candidates) - len(re.findall(re.escape(mark) + r"(?=\S)", source))
        if excess <= 0:
            continue
        # marks are the ones not copied verbatim from the source
        ordered = sorted(candidates, key=lambda item: item[1] in source)
        strip.update(index for index, _ in ordered[:excess])
    return strip
