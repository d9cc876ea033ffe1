"""The parallel eval set and its measures, shared by the eval test and bench/translate.py.

Each ``<source>-<target>.tsv`` file holds ``source<TAB>reference`` lines,
news-style sentences written for babelwire (invented people, places and
outlets), dense in quotes, brackets, names, numbers, dates and URLs.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import sacrebleu

from babelwire.translate import formats
from babelwire.translate.protect import EMAIL, URL

HERE = Path(__file__).resolve().parent
PAIRS = (("fr", "en"), ("es", "en"), ("en", "fr"))
QUOTES = "«»“”„‹›\""  # written the target's way ("« »" into English is '" "'): counted together
BRACKETS = "()[]"


def load_pairs(source: str, target: str) -> tuple[list[str], list[str]]:
    """(sources, references) of one pair file."""
    sources, references = [], []
    for line in (HERE / f"{source}-{target}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split("\t")
            sources.append(left)
            references.append(right)
    return sources, references


def chrf(hypotheses: list[str], references: list[str]) -> float:
    return sacrebleu.corpus_chrf(hypotheses, [references]).score


def number_values(text: str, language: str) -> Counter:
    """The numbers of a text as integers, digit run by digit run, times made 24-hour first."""
    pattern = formats.TIME_PATTERNS.get(language)
    if pattern:
        text = re.sub(pattern, lambda m: "{}:{:02d}".format(*formats.parse_time(m)), text)
    text = URL.sub(" ", EMAIL.sub(" ", text))
    text = CENTURY.sub(lambda m: m.group(1) + "-".join(str(roman_value(r)) for r in m.group(2).split("-")), text)
    text = ORDINAL_CENTURY.sub(lambda m: str(roman_value(m.group(1) or m.group(2))), text)
    return Counter(int(run) for run in re.findall(r"\d+", text))


# "siglo XIX", "XIXe siècle": a Roman numeral is a number (an engine may write "19th century")
CENTURY = re.compile(r"((?:siglos?|si[eè]cles?|century|centuries)\s+)([IVXLC]+(?:-[IVXLC]+)?)\b")
# French writes the century's ordinal before or after the noun: "XVe siècle", "siècle XVIIIe",
# "du XIe au XIIIe siècle"
ORDINAL_CENTURY = re.compile(r"\b([IVXLC]+)(?:e|ème|ᵉ|er)(?=\s+si[eè]cles?\b|\s*(?:au|à|et|-|–)\s*(?:le\s+)?"
                             r"[IVXLC]+(?:e|ème|ᵉ)\s+si[eè]cles?\b)"
                             r"|(?<=si[eè]cle )([IVXLC]+)(?:e|ème|ᵉ|er)\b")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    values = [ROMAN[char] for char in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def addresses(text: str) -> Counter:
    return Counter(URL.findall(text) + EMAIL.findall(text))


def structure_errors(source: str, output: str, source_lang: str, target_lang: str) -> list[str]:
    """What the translation broke: quote marks, brackets, numbers, URLs, paragraphs."""
    errors = []
    for mark in BRACKETS:
        if source.count(mark) != output.count(mark):
            errors.append(f"mark {mark}: {source.count(mark)} -> {output.count(mark)}")
    quotes = [sum(text.count(mark) for mark in QUOTES) for text in (source, output)]
    if quotes[0] != quotes[1]:
        errors.append(f"quote marks: {quotes[0]} -> {quotes[1]}")
    if number_values(source, source_lang) != number_values(output, target_lang):
        errors.append(f"numbers {sorted(number_values(source, source_lang).elements())} -> "
                      f"{sorted(number_values(output, target_lang).elements())}")
    if addresses(source) != addresses(output):
        errors.append(f"addresses {sorted(addresses(source))} -> {sorted(addresses(output))}")
    if source.count("\n\n") != output.count("\n\n"):
        errors.append("paragraph count")
    return errors


def paragraph_texts(sources: list[str], size: int = 3) -> list[str]:
    """The sources grouped ``size`` at a time into multi-paragraph texts."""
    return ["\n\n".join(sources[start:start + size]) for start in range(0, len(sources), size)]
