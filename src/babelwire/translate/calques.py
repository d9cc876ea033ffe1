"""Romance constructions a rule-based engine carries word for word into English.

Apertium translates Spanish and French (and French through Spanish) word by
word where English says it another way; each rule below mends one such
calque that English grammar or usage proves wrong, whatever the sentence:

* Roman centuries ("el siglo XV", "le XVe siècle" give "the XV century",
  "the centuries XI to the XIII"): English writes ordinals, "the 15th
  century", "the 11th to the 13th centuries";
* "cerca de", "près de" give "near of": "nearly" before a number, "near"
  otherwise (English "near" takes no "of");
* "después de", "luego de" give "afterwards of": "after";
* "la mayor parte de" gives "the main part of" and French "la plupart de"
  gives "the majority of": "most of" (only when the source says "mayor
  parte", "plupart"); "muchos", "muchas" before a plural give "a lot of":
  "many", the written form (only when the source says "muchos", "muchas");
* "que" and "lo que" (French "qui", "ce qui" through Spanish) after a comma
  give ", that" and ", what": English opens a non-restrictive relative
  clause with "which" (", who" after a word for people);
* Spanish ", como" before examples gives ", like": ", such as"; "tanto X
  como Y" gives "so much X as Y": "both X and Y" (only when the source has
  ", como", "tanto");
* Spanish "deber" gives "has to", "would have to" (as "tener que" does):
  "must", "should" (only when the source has "debe(n)", "debería(n)");
* "existir" with its subject after it ("existen dos grupos", "existía un
  periodo") gives "they exist two groups", "it existed a period", "that
  exist two groups": "there are two groups", "there was a period" (only
  when the source has a form of "existir" and a noun phrase follows);
* "su", "sus" (and French "son", "sa", "ses" through Spanish) always give
  "his", whoever owns: "his" takes the gender and number of the nearest
  pronoun or person word before it in the sentence ("She presented his
  results" is "her results"; "they left his houses", "their houses"), and
  stays "his" when there is none; from French, "his" is "their" wherever the
  source's only possessives are "leur", "leurs".

Measured and dropped (lower chrF on real news): "the one of" as "that of";
"is used to to" as "tends to".
"""

from __future__ import annotations

import re

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMAN = r"(?:XX|X)?(?:IX|IV|V?I{0,3})"  # I to XXIX, written in capitals
_BEFORE_CENTURY = re.compile(rf"\b(?P<numeral>{_ROMAN}) (?P<noun>century|centuries)\b")
_AFTER_CENTURY = re.compile(rf"\bcentury (?P<numeral>{_ROMAN})\b(?![-'’])")
_CENTURY_RANGE = re.compile(rf"\bcenturies (?P<first>{_ROMAN})(?P<middle> (?:to|and|or) (?:the )?)"
                            rf"(?P<last>{_ROMAN})\b")
_RANGE_BEFORE = re.compile(rf"\b(?P<first>{_ROMAN})(?P<middle> (?:to|and|or) (?:the )?)(?P<last>{_ROMAN}) "
                          rf"(?P<noun>century|centuries)\b")
_NEAR_OF = re.compile(r"\b(?P<near>[Nn])ear of (?P<number>\d)?")
_AFTERWARDS_OF = re.compile(r"\b(?P<a>[Aa])fterwards of\b")
_MAIN_PART = re.compile(r"\b(?P<the>[Tt])he main part of\b")
_MAJORITY = re.compile(r"\b(?P<the>[Tt])he majority of\b")
_A_LOT_OF = re.compile(r"\b(?P<the>[Aa]) lot of (?=[a-z]+s\b)")
_PEOPLE = ("people|man|woman|men|women|children|boy|girl|president|minister|player|players|king|queen|"
           "leader|leaders|police|officials|scientists|researchers|students|residents|citizens")
_COMMA_THAT = re.compile(rf"(?:\b(?P<people>{_PEOPLE}))?, (?:that|what) (?!is,|is to say\b)")
_NOUN_PHRASE = (r"(?=(?:also |still |only |already )?(?:a|an|the|some|many|several|two|three|four|five|\d+|"
                r"[a-z]+s|[a-z]+ [a-z]+s)\b)")
_PRONOUN_EXISTS = re.compile(rf"\b(?P<pronoun>[Ii]t|[Tt]hey) (?P<verb>exists|exist|existed) {_NOUN_PHRASE}")
_BARE_EXISTS = re.compile(rf"(?P<lead>, |\bthat |\bwhere |\( |^)(?P<verb>[Ee]xists|[Ee]xist|[Ee]xisted) {_NOUN_PHRASE}")
_ONE = re.compile(r"(?:also |still |only |already )?an? ")
_COMMA_LIKE = re.compile(r", like (?=(?:the |a |an )?[a-z])")
_SO_MUCH_AS = re.compile(r"\bso much (?P<first>[^,;.()]{1,50}?) as (?=\w)")
_HIS = re.compile(r"\b[Hh]is\b")
_FRENCH_THEIR = re.compile(r"\bleurs?\b(?= \w)", re.IGNORECASE)
_FRENCH_HIS = re.compile(r"\b(?:son|sa|ses)\b", re.IGNORECASE)
_OWNER_CUE = re.compile(r"\b(?:(?P<masculine>he|him|himself|Mr\.?|king|father|son|brother|husband|man|boy)|"
                        r"(?P<feminine>she|herself|Mrs\.?|Ms\.?|woman|queen|mother|daughter|sister|wife|girl|lady)|"
                        r"(?P<plural>they|them|themselves))\b", re.IGNORECASE)
_POSSESSIVES = {"feminine": "her", "plural": "their"}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[char] for char in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _century(numeral: str) -> str:
    return ordinal(roman(numeral)) if numeral else numeral


def _capital_like(match: re.Match[str], word: str) -> str:
    return word[0].upper() + word[1:] if match.group(0)[0].isupper() else word


# (what the source must say, the calque in the output, what replaces it)
_EVIDENCED: tuple[tuple[re.Pattern[str], re.Pattern[str], object], ...] = tuple(
    (re.compile(evidence, re.IGNORECASE), pattern, replacement) for evidence, pattern, replacement in (
        (r", como\b", _COMMA_LIKE, ", such as "),
        (r"\btant[oa]s?\b", _SO_MUCH_AS, lambda m: f"both {m.group('first')} and "),
        (r"\bdebería[ns]?\b", re.compile(r"\bwould have to\b"), "should"),
        (r"\bdebe[ns]?\b", re.compile(r"\b(?:has|have) to\b"), "must"),
        (r"\bmayor parte\b", _MAIN_PART, lambda m: _capital_like(m, "most of")),
        (r"\bplupart\b", _MAJORITY, lambda m: _capital_like(m, "most of")),
        (r"\bmuch[oa]s\b", _A_LOT_OF, lambda m: _capital_like(m, "many ")),
    ))


def english_calques(source: str, translated: str) -> str:
    """``translated`` (English from Spanish or French) with the calques above mended."""
    translated = _centuries(translated)
    translated = _NEAR_OF.sub(lambda m: f"{m.group('near')}early {m.group('number')}" if m.group("number")
                              else f"{m.group('near')}ear ", translated)
    translated = _AFTERWARDS_OF.sub(lambda m: m.group("a") + "fter", translated)
    translated = _COMMA_THAT.sub(lambda m: f"{m.group('people')}, who " if m.group("people") else ", which ",
                                 translated)
    for evidence, pattern, replacement in _EVIDENCED:
        if evidence.search(source):
            translated = pattern.sub(replacement, translated)
    if re.search(r"\bexist", source, re.IGNORECASE):
        translated = _there_is(translated)
    if _FRENCH_THEIR.search(source) and not _FRENCH_HIS.search(source):
        translated = _HIS.sub(lambda m: _capital_like(m, "their"), translated)
    return _HIS.sub(lambda m: _agreeing_possessive(translated, m), translated)


def _centuries(text: str) -> str:
    """Roman centuries written as English ordinals (see the module docstring)."""
    text = _CENTURY_RANGE.sub(lambda m: f"{_century(m.group('first'))}{m.group('middle')}"
                                        f"{_century(m.group('last'))} centuries", text)
    text = _RANGE_BEFORE.sub(lambda m: f"{_century(m.group('first'))}{m.group('middle')}"
                                       f"{_century(m.group('last'))} {m.group('noun')}"
                             if m.group("first") and m.group("last") else m.group(0), text)
    text = _BEFORE_CENTURY.sub(lambda m: f"{_century(m.group('numeral'))} {m.group('noun')}"
                               if m.group("numeral") else m.group(0), text)
    return _AFTER_CENTURY.sub(lambda m: f"{_century(m.group('numeral'))} century"
                              if m.group("numeral") else m.group(0), text)


def _agreeing_possessive(text: str, match: re.Match[str]) -> str:
    """"his" agreeing with the nearest owner cue before it (see the module docstring)."""
    cues = list(_OWNER_CUE.finditer(text, 0, match.start()))
    kind = cues[-1].lastgroup if cues else "masculine"
    return _capital_like(match, _POSSESSIVES.get(kind, "his"))


def _there_is(text: str) -> str:
    """"they exist two groups" -> "there are two groups" (see the module docstring)."""
    def be(match: re.Match[str]) -> str:
        verb, one = match.group("verb").lower(), _ONE.match(text, match.end()) is not None
        word = ("was" if one else "were") if verb == "existed" else ("is" if one or verb == "exists" else "are")
        named = match.groupdict()
        first = named.get("pronoun") or match.group("verb")
        return f"{named.get('lead') or ''}{'T' if first[0].isupper() else 't'}here {word} "
    return _BARE_EXISTS.sub(be, _PRONOUN_EXISTS.sub(be, text))
