"""Small, general repairs of known Apertium quirks, sentence by sentence.

Each rule fixes one thing the rule-based engine does on real text that a
reader notices and that the source sentence proves wrong:

* after a sentence-initial word the engine does not know (a name it copies),
  it capitalises the next word ("Huhne Has resigned", "Gosling And Stone"):
  the word goes back to lower case when the source has it in lower case;
* into French, a name it does not know as a subject gets a second subject
  pronoun ("Aerosmith il a annulé"): dropped when the source has no pronoun
  after the name;
* into French, a name kept verbatim after "le"/"la" keeps the article whole
  ("le ADT Corporation"): elided ("l'ADT Corporation"), and so is "de", "que",
  "ne", "se", "je", "me", "te" before any word copied from the source;
* into English, "a" before a vowel-initial word copied from the source (an
  unknown word the engine could not see the sound of: "a archet"): "an";
* the target language's grammar rules of ``grammar`` (the passé composé
  told in the English past, days, decades, "between", French pronouns and
  years after a pro-drop pivot).

Only Apertium's output is touched (``ENGINES``); the rules are data-light and
need no dictionary.
"""

from __future__ import annotations

import re

from babelwire.translate.grammar import repair_grammar

ENGINES = frozenset({"apertium"})
_START = r"(?:^|(?<=[.!?]\s))(?P<lead>[\"«“¿¡(\s]*)"
_INITIAL_NAME = re.compile(_START + r"(?P<name>[^\W\d_][\w'’-]*) (?P<next>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)\b")
_FRENCH_PRONOUN = re.compile(r"(?:^|(?<=[.!?,;:]\s))(?P<lead>[\"«“(\s]*)(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*) (?P<pronoun>il|elle|ils|elles) ")
_FRENCH_ELIDABLE = re.compile(r"\b(?P<article>[Ll][ea]|[DdNnSsJjMmTt]e|[Qq]ue) "
                              r"(?=[AEIOUaeiouÀÂÉÈÊËÎÏÔÛàâéèêëîïôû][\w'’-]*)")
_ENGLISH_A = re.compile(r"\b(?P<article>[Aa]) (?!(?i:uni|eu|one|us[aeu]))"  # "a uniflor" sounds like "you"
                        r"(?=[AEIOUaeiouÀ-ÅÈ-ÏÒ-ÖÙ-Üà-åè-ïò-öù-ü][\w'’-]*)")
SOURCE_PRONOUNS = frozenset("he she it they il elle ils elles él ella ellos ellas".split())


def postedit(source: str, translated: str, target: str, source_lang: str = "") -> str:
    """``translated`` with the quirks above repaired, judged against ``source`` (in ``source_lang``)."""
    translated = _lower_after_initial_name(source, translated)
    if target == "fr":
        translated = _drop_double_subject(source, translated)
        translated = _elide_before_copied(source, translated)
    elif target == "en":
        translated = _an_before_copied(source, translated)
    return repair_grammar(source, translated, source_lang, target)


def _copied(source: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", source) is not None


def _an_before_copied(source: str, translated: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = re.match(r"[\w'’-]+", translated[match.end():]).group(0)
        return match.group("article") + "n " if _copied(source, word) else match.group(0)
    return _ENGLISH_A.sub(fix, translated)


def _word_after(source: str, word: str) -> str | None:
    match = re.search(rf"(?<![\w-]){re.escape(word)}\s+([\w'’-]+)", source)
    return match.group(1) if match else None


def _lower_after_initial_name(source: str, translated: str) -> str:
    def fix(match: re.Match[str]) -> str:
        name, following = match.group("name"), match.group("next")
        after = _word_after(source, name)
        if after is None or not after[0].islower() or re.search(rf"(?<!\w){re.escape(following)}(?!\w)", source):
            return match.group(0)
        return f"{match.group('lead')}{name} {following[0].lower()}{following[1:]}"
    return _INITIAL_NAME.sub(fix, translated)


def _drop_double_subject(source: str, translated: str) -> str:
    def fix(match: re.Match[str]) -> str:
        name = match.group("name")
        after = _word_after(source, name)
        if after is None or after.lower() in SOURCE_PRONOUNS:
            return match.group(0)
        return f"{match.group('lead')}{name} "
    return _FRENCH_PRONOUN.sub(fix, translated)


def _elide_before_copied(source: str, translated: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = re.match(r"[\w'’-]+", translated[match.end():]).group(0)
        if not _copied(source, word):
            return match.group(0)  # only names and words copied from the source
        return match.group("article")[0] + "'"
    return _FRENCH_ELIDABLE.sub(fix, translated)
