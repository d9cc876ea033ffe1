"""Quote marks written the target language's way.

Numbers and dates already come back in the target's format (``formats``);
quotation marks are the other piece of typography a translation carries over
from its source, and a rule-based engine copies them as they are: a French
article translated into English keeps « », an English one translated into
French keeps "…". Each outermost quoted span of a translated paragraph gets
the target's own marks instead, the spacing inside them made the target's
(French: a no-break space inside « »; English and Spanish: none):

    fr → en   « Il pleut », dit-elle.   ->   "It rains," she says.
    en → fr   "It rains," she said.     ->   « Il pleut, » a-t-elle dit.

English gets straight double quotes, the form English-language news sites
publish most (measured on real news: `docs/benchmarks.md`), with a period or
comma that follows the closing mark moved inside it, the American rule most
English news follows (« Il pleut ». -> "It rains."); French, Spanish
and Catalan guillemets; German „…“. Only the outermost span changes (a quote
inside a quote keeps its marks), only a balanced span in one paragraph, and
only when its inside holds no mark of the new style already, so the count of
quote marks, and what each pair encloses, never change. Brackets are left
alone. Other target languages keep the marks as they are.
"""

from __future__ import annotations

from .spans import outer_spans

NBSP = "\u00a0"
# target language -> (opening, closing), the spacing inside included
QUOTE_STYLE: dict[str, tuple[str, str]] = {
    "en": ('"', '"'),
    "fr": ("«" + NBSP, NBSP + "»"),
    "es": ("«", "»"),
    "ca": ("«", "»"),
    "de": ("„", "“"),
}
PUNCTUATION_INSIDE = frozenset({"en"})  # a period or comma after the closing mark goes inside it
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›", '"': '"'}


def localise_quotes(text: str, target: str) -> str:
    """``text`` with each outermost quoted span in ``target``'s quote marks."""
    style = QUOTE_STYLE.get(target)
    if style is None or not any(mark in text for mark in QUOTE_PAIRS):
        return text
    opening, closing = style
    marks = {opening.strip(), closing.strip()}
    out, cursor = [], 0
    for start, end in outer_quotes(text):
        inside = text[start + 1:end - 1].strip()
        if any(mark in inside for mark in marks) or not inside:
            continue
        if target in PUNCTUATION_INSIDE and text[end:end + 1] in (".", ",") and inside[-1] not in ".,!?…":
            inside, end = inside + text[end], end + 1  # "It rains." in American English
        out += [text[cursor:start], opening, inside, closing]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def outer_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost balanced quoted span, marks included (none after an
    opening mark that never closes)."""
    spans, unclosed = outer_spans(text, QUOTE_PAIRS, word_start=True)
    return spans if unclosed is None else [span for span in spans if span[1] <= unclosed]
