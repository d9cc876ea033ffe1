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
* from French into English, the passé composé comes out as a present
  perfect ("Siminoff has declared that the sales have augmented"): French
  news tells past events in the passé composé where English uses the simple
  past, so "has/have + participle" becomes the simple past ("declared",
  "was", "were") unless the sentence says the perfect is meant (already,
  ever, never, yet, since, so far, ...), the perfect is negated or follows a
  modal ("would have"); Spanish keeps a real perfect and is left alone;
* into English, a day of the week after "the" (Spanish "el lunes" gives "The
  Monday, ..."): "On Monday", or just "Monday" after a preposition;
* from English into French through a pro-drop pivot (Catalan, Spanish), a
  subject pronoun appears after "et" where English shared the subject ("I
  called and sent" gives "J'ai appelé et il a envoyé"): dropped when the
  English source has no pronoun after "and";
* into French, "dans" before a year ("Dans 1895", from "In 1895"): "En".

Only Apertium's output is touched (``ENGINES``); the rules are data-light and
need no dictionary beyond the English irregular participles below.
"""

from __future__ import annotations

import re

ENGINES = frozenset({"apertium"})
_START = r"(?:^|(?<=[.!?]\s))(?P<lead>[\"«“¿¡(\s]*)"
_INITIAL_NAME = re.compile(_START + r"(?P<name>[^\W\d_][\w'’-]*) (?P<next>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)\b")
_FRENCH_PRONOUN = re.compile(r"(?:^|(?<=[.!?,;:]\s))(?P<lead>[\"«“(\s]*)(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*) (?P<pronoun>il|elle|ils|elles) ")
_FRENCH_ELIDABLE = re.compile(r"\b(?P<article>[Ll][ea]|[DdNnSsJjMmTt]e|[Qq]ue) (?=[AEIOUaeiouÀÂÉÈÊËÎÏÔÛàâéèêëîïôû][\w'’-]*)")
_ENGLISH_A = re.compile(r"\b(?P<article>[Aa]) (?!(?i:uni|eu|one|us[aeu]))(?=[AEIOUaeiouÀ-ÅÈ-ÏÒ-ÖÙ-Üà-åè-ïò-öù-ü][\w'’-]*)")
SOURCE_PRONOUNS = frozenset("he she it they il elle ils elles él ella ellos ellas".split())
_ET_PRONOUN = re.compile(r"\bet (?:il|elle|ils|elles) (?!y\b|faut\b|-)")
_AND_PRONOUN = re.compile(r"\band (?:he|she|it|they|I|we|you)\b", re.IGNORECASE)
_DANS_YEAR = re.compile(r"\b(?P<dans>[Dd])ans (?P<year>[12]\d{3})\b(?![,.]\d)")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_THE_DAY = re.compile(rf"\b(?P<prep>(?:[Oo]n|[Uu]ntil|[Bb]y|[Ff]rom|[Ss]ince|[Tt]ill|[Oo]f) )?(?P<the>[Tt]he) "
                      rf"(?P<day>{_DAYS})\b(?!['’]|s\b| (?:after|before|of|that|when|which|following)\b)")
# the perfect is meant: these words keep "has/have + participle" as it is
_PERFECT_MEANT = re.compile(r"\b(?:already|just|yet|ever|never|since|recently|lately|so far|until now|up to now|"
                            r"always|for years|still)\b", re.IGNORECASE)
_PERFECT = re.compile(r"(?<!\w)(?<!to )(?<!would )(?<!could )(?<!should )(?<!might )(?<!must )(?<!may )(?<!will )"
                      r"(?<!shall )(?<!can )(?<!not )(?P<subject>(?:I|[Ww]e|[Yy]ou|[Tt]hey) )?(?P<aux>has|have)"
                      r"(?P<negation> not)? (?P<participle>[a-z]+)\b")
_FRENCH_COMPOUND_PAST = re.compile(r"\b(?:ai|as|a|avons|avez|ont|avait|avaient|eu|été)\s+(?:\w+\s+)?"
                                   r"\w+(?:é|ée|és|ées|i|is|ie|ies|it|u|us|ue|ert|ort|int|aint|eint)\b")
IRREGULAR_PAST = dict(pair.split(":") for pair in """done:did gone:went made:made seen:saw taken:took given:gave
said:said known:knew become:became begun:began found:found got:got gotten:got left:left come:came won:won
lost:lost held:held led:led brought:brought put:put run:ran written:wrote shown:showed grown:grew fallen:fell
chosen:chose spoken:spoke broken:broke risen:rose eaten:ate driven:drove thrown:threw sent:sent built:built
paid:paid told:told heard:heard kept:kept met:met felt:felt spent:spent meant:meant sold:sold struck:struck
hit:hit set:set cut:cut let:let understood:understood stood:stood had:had thought:thought bought:bought
caught:caught taught:taught fought:fought sought:sought drawn:drew flown:flew worn:wore torn:tore sworn:swore
hidden:hid forgotten:forgot beaten:beat bitten:bit ridden:rode shaken:shook withdrawn:withdrew
overtaken:overtook undertaken:undertook sung:sang swum:swam drunk:drank rung:rang sunk:sank shot:shot lit:lit
spread:spread shut:shut quit:quit cast:cast hurt:hurt burst:burst lent:lent bent:bent dealt:dealt slept:slept
swept:swept wept:wept fled:fled fed:fed sped:sped""".split())


def postedit(source: str, translated: str, target: str, source_lang: str = "") -> str:
    """``translated`` with the quirks above repaired, judged against ``source`` (in ``source_lang``)."""
    translated = _lower_after_initial_name(source, translated)
    if target == "fr":
        translated = _drop_double_subject(source, translated)
        translated = _elide_before_copied(source, translated)
        translated = _DANS_YEAR.sub(lambda m: _en_year(source, m), translated)
        if source_lang == "en":
            translated = _drop_pivot_subject(source, translated)
    elif target == "en":
        translated = _an_before_copied(source, translated)
        translated = _THE_DAY.sub(_on_day, translated)
        if source_lang == "fr":
            translated = narrative_past(source, translated)
    return translated


def narrative_past(source: str, text: str) -> str:
    """English "has/have + participle" made the simple past, unless the perfect is meant.

    Only when the French ``source`` has a compound past ("a déclaré", "ont été"):
    "has" alone may be a possession ("has limited means").
    """
    if _PERFECT_MEANT.search(text) or not _FRENCH_COMPOUND_PAST.search(source):
        return text

    def fix(match: re.Match[str]) -> str:
        subject, participle, negation = match.group("subject") or "", match.group("participle"), match.group("negation")
        if participle == "been":
            plural = match.group("aux") == "have" and subject != "I "
            return f"{subject}{'were' if plural else 'was'}{negation or ''}"
        if negation:
            return match.group(0)  # "has not declared": "did not declare" needs the verb's base form
        if participle in IRREGULAR_PAST:
            return subject + IRREGULAR_PAST[participle]
        if len(participle) >= 4 and participle.endswith("ed") and not participle.endswith("eed"):
            return subject + participle
        return match.group(0)
    return _PERFECT.sub(fix, text)


def _en_year(source: str, match: re.Match[str]) -> str:
    if not re.search(rf"\b[Ii]n {match.group('year')}\b", source):
        return match.group(0)
    return ("En " if match.group("dans") == "D" else "en ") + match.group("year")


def _on_day(match: re.Match[str]) -> str:
    if match.group("prep"):
        return match.group("prep") + match.group("day")
    return ("On " if match.group("the") == "The" else "on ") + match.group("day")


def _drop_pivot_subject(source: str, translated: str) -> str:
    if _AND_PRONOUN.search(source):
        return translated
    return _ET_PRONOUN.sub("et ", translated)


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
