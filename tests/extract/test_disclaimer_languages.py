"""Automatic-translation notices and source labels in the languages real relays use
(Romanian, Ukrainian, Polish, Turkish, Greek, Arabic besides the western ones): the
notice is evidence for provenance and leaves the body; a labelled line is a credit."""

from __future__ import annotations

import pytest

from babelwire.extract.patterns import DISCLAIMER_RE, SOURCE_LABEL_RE
from babelwire.provenance.signals import read_signals

NOTICES = [
    "Acest articol a fost tradus automat din limba engleză.",
    "Traducere automată: textul original prevalează.",
    "Цей матеріал перекладено автоматично.",
    "Автоматичний переклад з англійської мови.",
    "Tekst został przetłumaczony automatycznie.",
    "Tłumaczenie maszynowe artykułu z języka angielskiego.",
    "Bu içerik otomatik olarak çevrilmiştir.",
    "Makine çevirisi ile hazırlanmıştır.",
    "Το κείμενο μεταφράστηκε αυτόματα από τα αγγλικά.",
    "Αυτόματη μετάφραση από τα ιταλικά.",
    "هذه ترجمة آلية للنص الأصلي",
    "تمت ترجمة هذا الخبر آليا",
]
NOT_NOTICES = [
    "Traducerea romanului a durat trei ani.",          # a translator's work, not a notice
    "Перекладач книжки отримав премію.",
    "Tłumacz przysięgły złożył wyjaśnienia.",
    "Çeviri ödülü bu yıl bir şaire verildi.",
    "Η μετάφραση του βιβλίου κυκλοφόρησε χθες.",
    "ترجمة الرواية صدرت العام الماضي",
]


@pytest.mark.parametrize("line", NOTICES)
def test_notices_are_found(line):
    assert DISCLAIMER_RE.search(line), line


@pytest.mark.parametrize("line", NOT_NOTICES)
def test_other_sentences_about_translation_are_not_notices(line):
    assert DISCLAIMER_RE.search(line) is None, line


@pytest.mark.parametrize("line, outlet", [("Sursa: Gazeta de Vest", "Gazeta de Vest"),
                                          ("Джерело: Вечірня Долина", "Вечірня Долина"),
                                          ("Źródło: Kurier Nadmorski", "Kurier Nadmorski"),
                                          ("Kaynak: Ege Postası", "Ege Postası"),
                                          ("Πηγή: Νέα του Αιγαίου", "Νέα του Αιγαίου"),
                                          ("المصدر: صحيفة الوادي", "صحيفة الوادي")])
def test_source_labels_introduce_a_credit(line, outlet):
    match = SOURCE_LABEL_RE.match(line)
    assert match and line[match.end():] == outlet


def test_a_romanian_relay_gives_its_notice_and_credit_and_keeps_its_story():
    signals = read_signals(
        "Spitalul deschide o secție nouă",
        "Acest articol a fost tradus automat.\n\nSursa: Curierul de Nord\n\n"
        "Spitalul regional a deschis luni o secție nouă pentru pacienții în vârstă.",
        "stiri-rapide.test")
    assert signals.disclaimers and "Curierul de Nord" in signals.credits
    assert signals.text == "Spitalul regional a deschis luni o secție nouă pentru pacienții în vârstă."
