"""Outermost balanced spans of paired marks (quotes, brackets), found with one stack scan;
used to carry quoted spans through the engine (structure.py) and to restyle quote marks
(typography.py)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w")


def outer_spans(text: str, pairs: dict[str, str], word_start: bool = False,
                min_inside: int = 0) -> tuple[list[tuple[int, int]], int | None]:
    """(start, end) of each outermost balanced span, marks included, with at least
    ``min_inside`` characters between them; and where the first opener left unclosed
    is (None when all close). A straight quote opens before a non-space (and, with
    ``word_start``, not right after a word) and closes after a non-space."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if stack and char == stack[-1][0] and (char != '"' or _closes(text, index)):
            _, start = stack.pop()
            if not stack and index - start > min_inside:
                spans.append((start, index + 1))
        elif char in pairs and (char != '"' or _opens(text, index, word_start)):
            stack.append((pairs[char], index))
    return spans, (stack[0][1] if stack else None)


def _opens(text: str, index: int, word_start: bool) -> bool:
    if index + 1 >= len(text) or text[index + 1].isspace():
        return False
    return not word_start or index == 0 or not _WORD.match(text[index - 1])


def _closes(text: str, index: int) -> bool:
    return index > 0 and not text[index - 1].isspace()
