"""Structure-safe translation: sentences, protected spans, quoted spans, restoring."""

from __future__ import annotations

import re

from babelwire.translate import BatchResult, PivotTranslator, split_sentences, translate_texts
from babelwire.translate.formats import NBSP, render_number
from babelwire.translate.protect import find_spans
from babelwire.translate.structure import plan_sentence, restore


class EchoTranslator:
    """Returns each segment upper-cased (placeholders survive), counting calls."""

    name = "echo"

    def __init__(self, lose_placeholders: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.lose_placeholders = lose_placeholders

    def version(self) -> str:
        return "1"

    def pairs(self) -> set[tuple[str, str]]:
        return {("fr", "en"), ("es", "en"), ("en", "fr")}

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        self.calls.append(list(segments))
        out = [s.upper() for s in segments]
        if self.lose_placeholders and len(self.calls) == 1:
            out = [re.sub(r"XQ\d+X|9\d{3}9", "", s) for s in out]
        return BatchResult(segments=tuple(out), engine=self.name, engine_version="1",
                           unknown=(False,) * len(segments))


def spans(text: str, source: str, target: str) -> list[tuple[str, str, str]]:
    return [(s.kind, text[s.start:s.end], s.replacement) for s in find_spans(text, source, target)]


def test_sentences_keep_abbreviations_urls_and_all_text():
    paragraph = "El Sr. García llegó. Ver https://www.gaceta.test/a.b/c.html ahora. «¿Vienes?», preguntó."
    sentences = split_sentences(paragraph, "es")
    assert "".join(sentences) == paragraph
    assert sentences[0].startswith("El Sr. García llegó.")
    assert any("https://www.gaceta.test/a.b/c.html" in s for s in sentences)
    assert len(sentences) == 3
    assert split_sentences("Une seule phrase sans fin", "fr") == ["Une seule phrase sans fin"]
    assert len(split_sentences("Første setning. Andre setning.", "nb")) == 2  # the fallback


def test_numbers_take_the_target_convention_and_keep_their_value():
    assert render_number("1 250,5", "fr", "en") == "1,250.5"
    assert render_number("3.000", "es", "en") == "3,000"
    assert render_number("1,250.5", "en", "fr") == f"1{NBSP}250,5"
    assert render_number("2030", "fr", "en") == "2030"  # no separator, none added
    found = spans("Il a dit 12,5 % et 3 000 euros.", "fr", "en")
    assert [(kind, replacement) for kind, _, replacement in found] == [("number", "12.5%"), ("number", "3,000")]


def test_dates_times_urls_emails_are_protected():
    text = "On March 12, 2024 at 2:30 p.m. see https://x.test/a?b=1 or mail desk@ledger.test."
    found = {kind: (original, replacement) for kind, original, replacement in spans(text, "en", "fr")}
    assert found["date"] == ("On March 12, 2024", "Le 12 mars 2024")
    assert found["time"] == ("at 2:30 p.m.", "à 14 h 30")
    assert found["url"] == ("https://x.test/a?b=1", "https://x.test/a?b=1")
    assert found["email"][0] == "desk@ledger.test"
    assert spans("Depuis le 12 mars, rien.", "fr", "en")[0][1:] == ("le 12 mars", "March 12")  # the article goes with the date


def test_names_are_protected_carefully():
    names = lambda text, lang: [original for kind, original, _ in spans(text, lang, "en") if kind == "name"]  # noqa: E731
    assert names("El alcalde de San Martín de la Vega habló.", "es") == ["San Martín de la Vega"]
    assert names("Le maire de Saint-Aubin-sur-Loire a parlé.", "fr") == ["Saint-Aubin-sur-Loire"]
    assert names("El Banco Central Europeo subió los tipos.", "es") == []  # an institution
    assert names("Estados Unidos y Francia firmaron.", "es") == []  # sentence start, institution word
    assert names("Yesterday Minister Clara Bennett spoke.", "en") == ["Clara Bennett"]  # title trimmed


def test_quoted_spans_are_translated_on_their_own_and_reattached():
    plan = plan_sentence("Il a parlé d'« erreur grave » (selon 12 députés) hier.", "fr", "en")
    inner = [slot.inner.text for slot in plan.slots if slot.inner]
    assert inner == ["erreur grave", "selon 90029 députés"]  # the number a digit placeholder
    assert plan.text == "Il a parlé d'Xq1x Xq3x hier."
    outputs = {id(p): p.text.upper() for p in plan.walk()}
    restored = restore(plan, outputs)
    assert "« ERREUR GRAVE »" in restored and "(SELON 12 DÉPUTÉS)" in restored


def test_a_lost_placeholder_makes_restore_fail_and_the_sentence_is_retranslated():
    plan = plan_sentence("Le budget est de 12,5 millions.", "fr", "en")
    assert restore(plan, {id(plan): "THE BUDGET IS MILLIONS."}) is None
    engine = EchoTranslator(lose_placeholders=True)
    result = translate_texts(engine, ["Le budget est de 12,5 millions. Voir www.a.test ici."], "fr", "en")
    assert len(engine.calls) == 2  # the protected batch, then the unprotected retry
    assert "12,5" in result.segments[0] and "WWW.A.TEST" in result.segments[0]


def test_a_placeholder_the_engine_glued_to_a_word_is_still_found():
    plan = plan_sentence("She said [w]hile it won 7's title and kept \"a\"\"b\".", "en", "fr")
    assert plan.text == "She said Xq1xhile it won 90029's title and kept Xq3xXq4x."
    outputs = {id(p): p.text.upper() for p in plan.walk() if p is not plan}
    outputs[id(plan)] = "Elle a dit Xq1xhile il a gagné le titre 90029ha et gardé Xq3xXq4x."
    restored = restore(plan, outputs)
    assert restored == 'Elle a dit [w]hile il a gagné le titre 7ha et gardé "a""b".'  # case of the source
    outputs[id(plan)] = outputs[id(plan)].replace("90029ha", "190029ha")  # not the token: another number
    assert restore(plan, outputs) is None


def test_paragraph_count_is_kept_and_one_batch_is_sent():
    engine = EchoTranslator()
    texts = ["Titre « cité »", "Un. Deux.\n\n\n\nTrois 3 000 fois.", ""]
    result = translate_texts(engine, texts, "fr", "en")
    assert len(engine.calls) == 1
    assert result.segments[1].count("\n\n") == 1 and result.segments[2] == ""
    assert "3,000" in result.segments[1] and '"CITÉ"' in result.segments[0]  # English quote marks
    assert result.sentences == 4 and result.sent_to_engine == len(engine.calls[0])


def test_real_apertium_keeps_marks_numbers_and_urls(pivoting: PivotTranslator):
    texts = ["La ministra dijo: «Aprobaremos el plan (de 1.250,5 millones)». Ver https://www.gaceta.test/a.\n\n"
             "El alcalde de San Martín de la Vega prometió 3.000 viviendas el 12 de marzo de 2024.",
             "« Nous irons jusqu'au bout », a déclaré Jean-Paul Dufresne le 3 avril à 14h30."]
    spanish = translate_texts(pivoting, texts[:1], "es", "en").segments[0]
    assert spanish.count("\n\n") == 1
    assert spanish.count('"') == 2 and "«" not in spanish and "(" in spanish and ")" in spanish  # English quotes
    assert "1,250.5" in spanish and "3,000" in spanish and "https://www.gaceta.test/a" in spanish
    assert "San Martín de la Vega" in spanish and "March 12, 2024" in spanish
    french = translate_texts(pivoting, texts[1:], "fr", "en")
    assert french.pivot == "es"
    assert french.segments[0].startswith('"') and "Jean-Paul Dufresne" in french.segments[0]
    assert "April 3" in french.segments[0] and "14:30" in french.segments[0]


def test_the_placeholder_forms_survive_apertium_on_direct_and_pivot_routes(pivoting: PivotTranslator):
    sentences = {"es": "El plan Xq1x costará 90029 millones según Xq3x, dijo Xq4x.",
                 "fr": "Le plan Xq1x coûtera 90029 millions selon Xq3x, a dit Xq4x.",
                 "en": "The Xq1x plan will cost 90029 million according to Xq3x, Xq4x said."}
    for source, target in (("es", "en"), ("fr", "en"), ("en", "fr"), ("en", "es")):
        out = pivoting.translate_batch([sentences[source]], source, target).segments[0]
        for token in ("Xq1x", "90029", "Xq3x", "Xq4x"):
            assert re.search(rf"(?<!\w){token}(?!\w)", out, re.IGNORECASE), (source, target, token, out)
