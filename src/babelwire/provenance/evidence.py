"""Language-independent evidence: names, numbers, dates, quotes, URLs and image addresses.

Every key is a short string with a kind prefix (``p:`` name, ``n:`` number,
``d:`` date, ``q:`` quoted words, ``u:`` URL, ``i:`` image). Names are matched
across scripts by transliteration (anyascii) reduced to a consonant skeleton,
so Путин, Πούτιν, Putin and Poutine give one key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from .months import MONTH_NUMBER, MONTH_RE

URL_RE = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
# Both start with a digit, the look-behind after it, so that the regex engine skips ahead
# to the next digit instead of trying the look-behind at every character (twice as fast;
# the same matches as "(?<![\w.,])\d..." and "\b\d{4}...": tests/provenance/test_evidence_re.py)
NUMBER_RE = re.compile(r"\d(?<![\w.,]\d)\d{0,2}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?(?![\w])"
                       r"|\d(?<![\w.,]\d)\d*(?:[.,]\d+)?(?![\w])")
ISO_DATE_RE = re.compile(r"\d(?<!\w\d)\d{3}-(?P<month>\d{2})-(?P<day>\d{2})\b")
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
QUOTE_RE = re.compile(r"[«“\"„]([^«»“”\"„]{3,80})[»”\"“]")
SENTENCE_START_RE = re.compile(r"(?:^|[.!?…:]\s+|\n)[«“\"'¿¡(\[]*$")
WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
                      "samstag", "sonntag"))
_SKELETON = str.maketrans({"c": "k", "q": "k", "z": "s", "w": "v", "x": "ks"})
_DROP = re.compile(r"[aeiouyhj]")


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str | None:
    """A script-independent skeleton of a name: first letter and consonants."""
    ascii_word = re.sub(r"[^a-z]", "", anyascii(word).lower())
    if len(ascii_word) < 3:
        return None
    ascii_word = (ascii_word.replace("ph", "f").replace("kh", "k").replace("sch", "sh")
                  .replace("tch", "ch").replace("ck", "k").translate(_SKELETON))
    head, tail = ascii_word[0], _DROP.sub("", ascii_word[1:])
    if head in "aeiouy":
        head = "a"
    skeleton = re.sub(r"(.)\1+", r"\1", head + tail)
    return skeleton if len(skeleton) >= 2 else None


def number_key(raw: str) -> str | None:
    """Digits only (so 1,200 / 1.200 / 1 200 agree); one-digit integers are too common."""
    digits = re.sub(r"\D", "", raw)
    if not digits or (len(digits) == 1 and not re.search(r"[.,]", raw)):
        return None
    return digits.lstrip("0") or "0"


def _capitalised_words(text: str) -> list[tuple[str, bool]]:
    """(word, at sentence start) for every capitalised word."""
    found = []
    for match in WORD_RE.finditer(text):
        word = match.group(0)
        if word[:1].isupper():
            found.append((word, bool(SENTENCE_START_RE.search(text[max(0, match.start() - 4):
                                                                      match.start()]))
                          or match.start() == 0))
    return found


def names_in(text: str) -> dict[str, str]:
    """Name key -> one surface form. Sentence-initial words count when seen mid-sentence too."""
    words = _capitalised_words(text)
    mid = {word for word, initial in words if not initial}
    found: dict[str, str] = {}
    for word, initial in words:
        if initial and word not in mid:
            continue
        if word.lower() in MONTH_NUMBER or word.lower() in WEEKDAYS:
            continue
        key = name_key(word)
        if key and len(word) >= 3:
            found.setdefault("p:" + key, word)
    return found


def numbers_in(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    clean = URL_RE.sub(" ", text)
    for match in NUMBER_RE.finditer(ISO_DATE_RE.sub(" ", clean)):
        key = number_key(match.group(0))
        if key:
            found.setdefault("n:" + key, match.group(0))
    return found


def dates_in(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in ISO_DATE_RE.finditer(text):
        found.setdefault(f"d:{int(match['month'])}-{int(match['day'])}", match.group(0))
    for match in MONTH_RE.finditer(text):
        day = match.group("day1") or match.group("day2")
        month = MONTH_NUMBER.get((match.group("month1") or match.group("month2")).lower())
        if day and month and 1 <= int(day) <= 31:
            found.setdefault(f"d:{month}-{int(day)}", match.group(0))
    return found


def urls_in(text: str, images: tuple[str, ...] = ()) -> dict[str, str]:
    found = {"u:" + url_key(url): url for url in URL_RE.findall(text)}
    found.update({"i:" + url_key(url): url for url in images if url})
    return found


def url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip().rstrip(".,;)").lower()).rstrip("/")


def quotes_in(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in QUOTE_RE.finditer(text):
        words = re.findall(r"\w+", anyascii(match.group(1)).lower())
        if 1 <= len(words) <= 6:
            found.setdefault("q:" + " ".join(words), match.group(1))
    return found


def evidence_keys(title: str, text: str, images: tuple[str, ...] = ()) -> dict[str, str]:
    """Every key of an article, mapped to one surface form found in it."""
    full = f"{title}.\n{text}"
    keys: dict[str, str] = {}
    for part in (names_in(full), numbers_in(full), dates_in(full), quotes_in(full),
                 urls_in(full, images)):
        for key, surface in part.items():
            keys.setdefault(key, surface)
    return keys
