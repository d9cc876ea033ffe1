"""Grammar post-edits, quote marks the target's way, and the engine marks (issue 11).

Every sentence here is written for babelwire (invented people and places).
"""

from __future__ import annotations

import pytest

from babelwire.translate import ApertiumTranslator, PivotTranslator, translate_texts
from babelwire.translate.apertium_lexicon import COMMON, OTHER, PERSON, keep_verbatim
from babelwire.translate.apertium_stream import decode_record_words
from babelwire.translate.grammar import narrative_past, repair_grammar
from babelwire.translate.postedit import postedit
from babelwire.translate.protect import find_spans
from babelwire.translate.structure import Plan, Slot, restore
from babelwire.translate.typography import localise_quotes, outer_quotes


def english(translated: str, source: str = "", source_lang: str = "es") -> str:
    return repair_grammar(source, translated, source_lang, "en")


def french(translated: str, source: str = "x") -> str:
    return repair_grammar(source, translated, "en", "fr")


# -- English ------------------------------------------------------------------


def test_the_french_compound_past_is_told_in_the_english_past():
    source = "Le maire de Valmorin a déclaré que les ventes ont augmenté."
    assert narrative_past(source, "The mayor of Valmorin has declared that the sales have augmented.") \
        == "The mayor of Valmorin declared that the sales augmented."
    assert narrative_past("Ils ont été libérés et il a été arrêté.",
                          "They have been released and it has been arrested.") \
        == "They were released and it was arrested."
    assert narrative_past("J'ai vu le port.", "I have seen the port.") == "I saw the port."
    assert narrative_past("Il n'a pas été vu.", "It has not been seen.") == "It was not seen."


def test_the_perfect_stays_where_it_is_meant_or_cannot_be_past():
    assert narrative_past("Il a déjà signé.", "It has already signed.") == "It has already signed."
    assert narrative_past("Il n'a pas signé.", "It has not signed.") == "It has not signed."  # needs "did not sign"
    assert narrative_past("Il aurait signé.", "It would have signed.") == "It would have signed."
    assert narrative_past("Elle a des moyens limités.", "She has limited means.") == "She has limited means."
    assert narrative_past("Ils ont signé.", "They have to sign.") == "They have to sign."
    # Spanish keeps a real perfect: the rule is French's only
    assert english("The mayor has declared it.", "El alcalde ha declarado.") == "The mayor has declared it."
    assert postedit("El alcalde ha firmado.", "The mayor has signed.", "en", "es") == "The mayor has signed."
    assert postedit("Le maire a signé.", "The mayor has signed.", "en", "fr") == "The mayor signed."


def test_days_take_on_not_the():
    assert english("The Monday, the mayor of Tolvera spoke.") == "On Monday, the mayor of Tolvera spoke."
    assert english("It closes the Friday and opens until the Sunday.") == "It closes on Friday and opens until Sunday."
    assert english("The Monday after the vote was calm.") == "The Monday after the vote was calm."
    assert english("The Friday's market was full.") == "The Friday's market was full."


def test_between_two_decades_us_and_titles():
    assert english("It worked there among 1977 and 1981.") == "It worked there between 1977 and 1981."
    assert english("The talks among Tolvera and Marbay ended.") == "The talks between Tolvera and Marbay ended."
    assert english("It hid among them and others.") == "It hid among them and others."
    assert english("Music of the years 60 and the decade of 1980.") == "Music of the 60s and the 1980s."
    assert english("Among the years 1000 and 1300.") == "Between the years 1000 and 1300."  # a span, no decade
    assert english("It flew to EE. UU. and to EE.UU. again.") == "It flew to U.S. and to U.S. again."
    assert english("According to the Dr. Ines Calloway and the king Aldo III of Marbay.") \
        == "According to Dr. Ines Calloway and King Aldo III of Marbay."
    assert english("It met the prime minister Tove Aal at the General Assembly.") \
        == "It met Prime Minister Tove Aal at the General Assembly."


def test_an_before_a_copied_vowel_word_only():
    assert postedit("Tocaba un orlofón.", "It played a orlofón.", "en") == "It played an orlofón."
    assert postedit("Una casa.", "A house and a idea.", "en") == "A house and a idea."  # not copied: left alone
    assert postedit("Un uniflor.", "A uniflor.", "en") == "A uniflor."  # "uni-" sounds like "you"


# -- French -------------------------------------------------------------------


def test_pronoun_after_et_is_dropped_when_english_shared_the_subject():
    assert french("J'ai appelé et il a envoyé des lettres.", "I called and sent letters.") \
        == "J'ai appelé et a envoyé des lettres."
    assert french("Il a appelé et il a envoyé des lettres.", "He called and he sent letters.") \
        == "Il a appelé et il a envoyé des lettres."
    assert french("Il pleut et il y a du vent.", "It rains and there is wind.") == "Il pleut et il y a du vent."


def test_years_countries_and_the_article_the_engine_adds():
    source = "In 1895 she lived in Sweden, in Tibet and in the Valley of Orm, and wrote in Latin on the Bible."
    translated = ("Dans 1895 elle a vécu dans la Suède, dans le Tibet et dans la Vallée d'Orm, "
                  "et a écrit en latin sur la Bible.")
    assert french(translated, source) == ("En 1895 elle a vécu en Suède, au Tibet et dans la Vallée d'Orm, "
                                          "et a écrit en latin sur la Bible.")
    assert french("dans l'Égypte et dans 2000 maisons", "in Egypt and in 2000 houses") \
        == "en Égypte et dans 2000 maisons"  # "in 2000 houses": the number is not a year after "in"
    # "in Latin" cannot be paired with "dans la Bible": different initials, nothing changes
    assert french("Ils ont écrit dans la Bible.", "They wrote in Latin on the Bible.") == "Ils ont écrit dans la Bible."


def test_french_relatives_since_decades_and_adjectives_before_the_noun():
    assert french("Le port, lequel était fermé, et le pont par lequel on passe.") \
        == "Le port, qui était fermé, et le pont par lequel on passe."
    assert french("Ouvert depuis lors le 3 mai, fermé depuis lors.") == "Ouvert depuis le 3 mai, fermé depuis lors."
    assert french("Pendant 1960s et dans le 1980s, du 1990s.") \
        == "Pendant les années 1960 et dans les années 1980, des années 1990."
    assert french("Un groupe petit a vu une île nouvelle et l'espèce nouvelle.") \
        == "Un petit groupe a vu une nouvelle île et la nouvelle espèce."
    assert french("Un ami nouveau, des élections nouvelles, cet homme grand.") \
        == "Un nouvel ami, de nouvelles élections, ce grand homme."
    # left alone: a degree adverb, a name, a masculine adjective after an elided article
    assert french("Le plus grand, le Sphinx grand, l'entreprise nouveau.") \
        == "Le plus grand, le Sphinx grand, l'entreprise nouveau."


def test_elision_before_words_copied_from_the_source():
    assert postedit("The orlofon of Esk and the Ulmer Trust.", "Le orlofon de Esk et le Ulmer Trust.", "fr") \
        == "L'orlofon d'Esk et l'Ulmer Trust."
    assert postedit("A sad mayor.", "Le maire de Esk.", "fr") == "Le maire de Esk."  # "Esk" is not in the source


# -- quote marks the target's way ---------------------------------------------


def test_quotes_are_written_the_target_way():
    assert localise_quotes("« Il pleut », a dit Ona. Puis « oui ».", "en") == '"Il pleut," a dit Ona. Puis "oui."'
    assert localise_quotes('She said "it rains" and “no”.', "fr") == \
        "She said «\u00a0it rains\u00a0» and «\u00a0no\u00a0»."
    assert localise_quotes('Dijo "sí" y „nein“.', "es") == "Dijo «sí» y «nein»."
    assert localise_quotes("Er sagte « ja ».", "de") == "Er sagte „ja“."
    assert localise_quotes("Dit « oui ».", "pt") == "Dit « oui »."  # no style known: left as it is


def test_quote_localising_keeps_every_mark_and_what_it_encloses():
    nested = "« Il a dit “non” hier »"
    assert localise_quotes(nested, "en") == '"Il a dit “non” hier"'  # only the outermost pair changes
    assert localise_quotes("« Un « deux ».", "en") == "« Un « deux »."  # unbalanced: the open one stays
    assert localise_quotes('« Le "mot" »', "en") == '« Le "mot" »'  # the new mark is already inside
    assert localise_quotes('(« a »)', "en") == '("a")'
    assert outer_quotes('Le "mot" et x"autre"') == [(3, 8)]  # a straight quote glued to a word does not open
    for text in ('« Un » et “deux”, ‹ trois ›.', 'Il dit: "non!", "oui".'):
        for target in ("en", "fr", "es"):
            out = localise_quotes(text, target)
            assert sum(out.count(m) for m in '«»“”„‹›"') == sum(text.count(m) for m in '«»“”„‹›"'), out


# -- engine marks, names, placeholders, dates -----------------------------------


def test_an_escaped_at_mark_from_a_second_hop_is_stripped_and_counted():
    assert decode_record_words("If you \\@darse, the \\@Tolvo", "Si vous") == ("If you darse, the Tolvo",
                                                                                ("darse", "Tolvo"))
    # a literal @ copied from the source stays
    assert decode_record_words("Write to desk\\@ledger.test", "Écrire à desk@ledger.test") \
        == ("Write to desk@ledger.test", ())


def test_a_person_name_needs_a_word_that_is_only_a_name_beside_a_common_one():
    assert keep_verbatim([("Donald", {PERSON}), ("Quarrick", {PERSON, COMMON})])
    assert not keep_verbatim([("French", {PERSON, COMMON}), ("Revolution", {COMMON})])
    assert not keep_verbatim([("Nobel", {PERSON}), ("de", {COMMON}), ("Literatura", {COMMON})])
    assert not keep_verbatim([("Bob", {PERSON}), ("Tolvo", {PERSON, OTHER})])


def test_a_capital_after_a_placeholder_in_mid_sentence_is_the_engines():
    plan = Plan(source="Pagó 5 dólares canadienses y Ona dijo", text="Pagó 90019 dólares canadienses y Xq2x dijo",
                slots=(Slot(token="90019", text="5"), Slot(token="Xq2x", text="Ona")))
    assert restore(plan, {id(plan): "It paid 90019 Canadian dollars and Xq2x Said"}) \
        == "It paid 5 Canadian dollars and Ona Said"
    opening = Plan(source="Ona dijo", text="Xq1x dijo", slots=(Slot(token="Xq1x", text="Ona"),))
    assert restore(opening, {id(opening): "Xq1x Said"}) == "Ona said"


def test_a_date_after_a_bound_preposition_keeps_its_article_the_target_way():
    spans = [(s.kind, s.replacement) for s in find_spans(
        "Abre entre el 24 de agosto y el 5 de septiembre de 2021.", "es", "en") if s.kind == "date"]
    assert spans == [("date", "August 24"), ("date", "September 5, 2021")]
    french_spans = [s.replacement for s in find_spans("Open between August 24 and September 5, 2021.", "en", "fr")
                    if s.kind == "date"]
    assert french_spans == ["le 24 août", "le 5 septembre 2021"]


# -- with the real engine ------------------------------------------------------


@pytest.fixture(scope="module")
def pivoting() -> PivotTranslator:
    return PivotTranslator(ApertiumTranslator())


def test_french_news_reads_as_english_news(pivoting):
    text = "« Nous sommes prêts », a déclaré le maire de Valmorin. Le conseil a voté le budget lundi."
    out = translate_texts(pivoting, [text], "fr", "en").segments[0]
    assert out.startswith('"We are ready,"') and "«" not in out
    assert "declared" in out and "has declared" not in out and "has voted" not in out


def test_english_news_reads_as_french_news(pivoting):
    text = 'In 1895, the mayor said "we are ready" and opened a new school in Sweden.'
    out = translate_texts(pivoting, [text], "en", "fr").segments[0]
    assert out.startswith("En 1895") and "en Suède" in out
    assert "«\u00a0" in out and '"' not in out


def test_their_becomes_leur_when_it_is_the_only_owner_and_la_plupart_takes_des():
    from babelwire.translate.grammar import repair_grammar

    assert repair_grammar("The players left their bags and their coach.",
                          "Les joueurs ont laissé ses sacs et son entraîneur.", "en", "fr") \
        == "Les joueurs ont laissé leurs sacs et leur entraîneur."
    assert repair_grammar("He left their bags and his coach.", "Il a laissé ses sacs et son entraîneur.",
                          "en", "fr") == "Il a laissé ses sacs et son entraîneur."  # two owners: not told apart
    assert repair_grammar("Most citizens came from most of the town.",
                          "La plupart de citoyens sont venus de la plupart de la ville.", "en", "fr") \
        == "La plupart des citoyens sont venus de la plupart de la ville."


def test_lequel_becomes_qui_or_que_after_a_comma():
    from babelwire.translate.grammar import repair_grammar

    assert repair_grammar("x", "Le pont, lequel était vieux, et la loi, laquelle le maire signe, et la dispute, "
                               "lequel il veut.", "en", "fr") \
        == "Le pont, qui était vieux, et la loi, que le maire signe, et la dispute, qu'il veut."
