"""Structure-safe translation: paragraphs, sentences, and what the engine must not move.

A text is split into paragraphs (blank lines) and each paragraph into
sentences (``sentences.split_by_rule`` for the languages it has abbreviations
for, pysbd for the other languages it knows, a regular expression otherwise).
Each sentence becomes a ``Plan``: the text the engine receives, where

* every protected span (``protect.find_spans``: glossary terms, URLs, e-mail
  addresses, numbers, dates, times, names) is a placeholder that babelwire
  fills itself, and
* every span between quote marks or brackets (« », “ ”, „ “, ‹ ›, " ", ( ), [ ])
  is a placeholder too, its inside translated as a plan of its own, so the
  marks stay attached to the same words whatever order the engine chooses.

Placeholders were chosen by testing what Apertium passes through unchanged
(es→en, fr→es→en, en→es→fr): numbers become digit runs (``90019``, which the
engine treats as a number, so agreement stays right), other spans letter
tokens (``Xq3x``, an unknown noun to the engine). ``restore`` puts everything
back; when a placeholder is lost it returns ``None`` and the caller
translates the sentence again without protection, so no text is ever lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babelwire.translate.glossary import Glossary
from babelwire.translate.protect import URL, EMAIL, NameFilter, find_spans
from babelwire.translate.sentences import knows, split_by_rule
from babelwire.translate.spans import outer_spans

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")  # a blank line, and any run of them
PARAGRAPH_JOIN = "\n\n"

PYSBD_LANGUAGES = frozenset({"en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl",
                             "fa", "nl", "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk"})
# Abbreviations that end a "sentence" pysbd cut too early: the next piece is joined back.
ABBREVIATIONS = frozenset("""sr sra srta dr dra lic ing prof m mme mlle mm me st mr mrs ms jr
etc av avda pl no nº art ee uu gral""".split())
_FALLBACK_SENTENCE = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+(?=[«\"“„(¿¡]*[A-ZÀ-ÖØ-Þ])")
_BOUNDARY_HINT = re.compile(r"[.!?…][\"'»”’)\]]*\s+\S")

QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›", '"': '"', "(": ")", "[": "]"}
_TRAILING_PUNCTUATION = " \t,;:"
MAX_DEPTH = 3  # quotes within brackets within quotes; deeper spans go to the engine whole


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (blank-line separated); ``[]`` for blank text."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text.strip())] if text.strip() else []


def split_sentences(paragraph: str, language: str) -> list[str]:
    """The sentences of one paragraph; joined with "" they give the paragraph back."""
    if not _BOUNDARY_HINT.search(paragraph):
        return [paragraph]
    masked, hidden = _mask_addresses(paragraph)
    if knows(language):
        pieces = split_by_rule(masked, language)
    elif language in PYSBD_LANGUAGES:
        pieces = _segmenter(language).segment(masked)
    else:
        pieces = _split_fallback(masked)
    pieces = _rejoin_abbreviations([piece for piece in pieces if piece])
    if "".join(pieces) != masked:  # never lose text to the segmenter
        return [paragraph]
    return [_unmask(piece, hidden) for piece in pieces]


@lru_cache(maxsize=32)
def _segmenter(language: str):
    import pysbd  # imported on first use: it is slow to load

    return pysbd.Segmenter(language=language, clean=False)


def _split_fallback(text: str) -> list[str]:
    pieces, start = [], 0
    for match in _FALLBACK_SENTENCE.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _rejoin_abbreviations(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        words = out[-1].rstrip().split() if out else []
        if words and words[-1].endswith(".") and words[-1].rstrip(".").lower() in ABBREVIATIONS:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _mask_addresses(text: str) -> tuple[str, list[str]]:
    """URLs and e-mail addresses hidden from the segmenter (it cuts at their dots)."""
    hidden: list[str] = []

    def hide(match: re.Match[str]) -> str:
        hidden.append(match.group(0))
        return f"\ue000{len(hidden) - 1}\ue001"

    return EMAIL.sub(hide, URL.sub(hide, text)), hidden


def _unmask(text: str, hidden: list[str]) -> str:
    return re.sub("\ue000(\\d+)\ue001", lambda m: hidden[int(m.group(1))], text)


# -- plans -------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One placeholder: literal text to put back, or a quoted span translated on its own."""

    token: str
    text: str = ""
    inner: "Plan | None" = None
    opening: str = ""  # the quote mark and any space inside it
    closing: str = ""


@dataclass(frozen=True)
class Plan:
    source: str  # the original sentence (or quoted span), for the fallback
    text: str  # what the engine receives
    slots: tuple[Slot, ...] = ()

    @property
    def needs_engine(self) -> bool:
        """False when nothing but placeholders and punctuation is left."""
        rest = self.text
        for slot in self.slots:
            rest = rest.replace(slot.token, "")
        return any(char.isalpha() for char in rest)

    def walk(self) -> list["Plan"]:
        """This plan and every inner plan, depth first (the order of the engine batch)."""
        found = [self]
        for slot in self.slots:
            if slot.inner is not None:
                found += slot.inner.walk()
        return found


_PLACEHOLDER = re.compile(r"(?i:xq\d+x)|9\d{3}9")


def is_placeholder(word: str) -> bool:
    """True for a token ``_Tokens`` hands out (an engine may report one as an unknown word)."""
    return _PLACEHOLDER.fullmatch(word) is not None


@dataclass
class _Tokens:
    """Hands out placeholders that do not occur in the sentence."""

    text: str
    count: int = 0

    def next(self, numeric: bool) -> str:
        while True:
            self.count += 1
            token = f"9{self.count:03d}9" if numeric else f"Xq{self.count}x"
            if token.lower() not in self.text.lower():
                return token


def plan_sentence(sentence: str, source: str, target: str, glossary: Glossary | None = None,
                  names: bool | NameFilter = True) -> Plan:
    """The plan for one sentence: quoted spans and protected spans as placeholders."""
    return _plan(sentence, source, target, glossary, names, _Tokens(sentence), depth=0)


def _plan(text: str, source: str, target: str, glossary: Glossary | None, names: bool | NameFilter,
          tokens: _Tokens, depth: int) -> Plan:
    pieces: list[str] = []
    slots: list[Slot] = []
    cursor = 0
    for start, end in (_quoted_spans(text) if depth < MAX_DEPTH else []):
        pieces.append(_protect(text[cursor:start], source, target, glossary, names, tokens, slots))
        slot = _quote_slot(text[start:end], source, target, glossary, names, tokens, depth)
        slots.append(slot)
        pieces.append(slot.token)
        cursor = end
    pieces.append(_protect(text[cursor:], source, target, glossary, names, tokens, slots))
    return Plan(source=text, text="".join(pieces), slots=tuple(slots))


def _quote_slot(quoted: str, source: str, target: str, glossary: Glossary | None, names: bool | NameFilter,
                tokens: _Tokens, depth: int) -> Slot:
    inside = quoted[1:-1]
    lead = inside[: len(inside) - len(inside.lstrip())]
    trail = inside[len(inside.rstrip(_TRAILING_PUNCTUATION)):]  # "clear,”: the comma stays put
    inner = _plan(inside.strip().rstrip(_TRAILING_PUNCTUATION).rstrip(), source, target, glossary, names, tokens, depth + 1)
    return Slot(token=tokens.next(numeric=False), inner=inner,
                opening=quoted[0] + lead, closing=trail + quoted[-1])


def _protect(text: str, source: str, target: str, glossary: Glossary | None, names: bool | NameFilter,
             tokens: _Tokens, slots: list[Slot]) -> str:
    """``text`` with its protected spans replaced by placeholders (added to ``slots``)."""
    out, cursor = [], 0
    for span in find_spans(text, source, target, glossary, names):
        token = tokens.next(numeric=span.kind == "number")
        slots.append(Slot(token=token, text=span.replacement))
        out += [text[cursor:span.start], token]
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost balanced quote or bracket span, marks included."""
    return outer_spans(text, QUOTE_PAIRS, min_inside=1)[0]


# -- restoring ---------------------------------------------------------------


def restore(plan: Plan, outputs: dict[int, str]) -> str | None:
    """The translated text of ``plan``; ``outputs[id(p)]`` is the engine's output for plan ``p``.

    ``None`` when the engine lost a placeholder of this plan or of an inner one.
    """
    text = outputs.get(id(plan), plan.text)
    if not plan.slots:
        return text
    filled: dict[str, str] = {}
    for slot in plan.slots:
        if slot.inner is None:
            filled[slot.token.lower()] = slot.text
            continue
        inner = restore(slot.inner, outputs)
        if inner is None:
            return None
        filled[slot.token.lower()] = slot.opening + _match_case(slot.inner.source, inner) + slot.closing
    pattern = re.compile("|".join(_token_pattern(token) for token in filled), re.IGNORECASE)
    seen: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        seen.add(match.group(0).lower())
        return filled[match.group(0).lower()]

    text = _follow_case(plan, text)
    result = pattern.sub(fill, text)
    return result if len(seen) == len(filled) else None


def _token_pattern(token: str) -> str:
    """Where ``token`` stands in an engine's output, even glued to a word.

    Engines glue a placeholder to what they put beside it ("Xq1xhile" for
    "[w]hile", "90029ha" for "7's", "Xq1xXq2x" for two quotes side by side);
    a letter token cannot occur inside another ("Xq1x" is not in "Xq12x"), and
    a digit token only has to stand apart from other digits.
    """
    if token[0].isdigit():
        return rf"(?<!\d){re.escape(token)}(?!\d)"
    return re.escape(token)


_OPENING_TOKEN = re.compile(r"[\W_]*?((?i:xq\d+x)|9\d{3}9)(?!\w)")


def _follow_case(plan: Plan, output: str) -> str:
    """Lower-case the word after a placeholder when the source has it lower-case there.

    An engine takes a placeholder opening a sentence for a sentence of its
    own and capitalises what follows ("Xq1x A dit" for "Xq1x said"). Only a
    placeholder opening the text counts: elsewhere a capital after one is the
    engine's own ("90019 and 90029 Canadian dollars").
    """
    for slot in plan.slots:
        if not _OPENING_TOKEN.match(plan.text) or _OPENING_TOKEN.match(plan.text).group(1) != slot.token:
            continue
        after_source = re.search(rf"{re.escape(slot.token)}[\s,;:]*([^\W\d_])", plan.text)
        if not after_source or not after_source.group(1).islower():
            continue
        after = re.search(rf"(?i:{re.escape(slot.token)})[\s,;:]*([^\W\d_])([\w’'-]*)", output)
        if after and after.group(1).isupper() and not after.group(2).isupper() \
                and not re.search(rf"(?<!\w){re.escape(after.group(1) + after.group(2))}(?!\w)", plan.source):
            index = after.start(1)
            output = output[:index] + output[index].lower() + output[index + 1:]
    return output


def _match_case(source: str, translated: str) -> str:
    """``translated`` with its first letter in the case of ``source``'s first letter.

    An engine capitalises the start of every segment it gets; a quoted span
    that starts in lower case keeps a lower-case start, unless its first
    word is capitalised in the source too (a name moved to the front).
    """
    first_source = next((char for char in source if char.isalpha()), "")
    match = re.search(r"[^\W\d_][\w’'-]*", translated)
    if not match or not first_source:
        return translated
    word, index = match.group(0), match.start()
    if first_source.isupper() and word[0].islower():
        return translated[:index] + word[0].upper() + translated[index + 1:]
    if first_source.islower() and word[0].isupper() and not (len(word) > 1 and word.isupper()) \
            and not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", source):
        return translated[:index] + word[0].lower() + translated[index + 1:]
    return translated
