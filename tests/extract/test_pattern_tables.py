"""The boilerplate and disclaimer tables are matched against lowered text, so every pattern
must be written in lower case (a capital letter in one would never match)."""

from __future__ import annotations

import re

import pytest

from babelwire.extract.patterns import BOILERPLATE_RE, CITED_GATE_RE, DISCLAIMER_RE

TABLES = {**BOILERPLATE_RE, "disclaimer": DISCLAIMER_RE}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_is_written_in_lower_case(name):
    pattern = re.sub(r"\\[A-Za-z]", "", TABLES[name].regex.pattern)  # \b, \w, \S ... aside
    assert not re.search(r"[A-ZÀ-ÞА-ЯΑ-Ω]", pattern), name
    assert not re.search(r"[A-ZÀ-ÞА-Я]", re.sub(r"\\[A-Za-z]", "", CITED_GATE_RE.pattern))


def test_tables_match_whatever_the_case_of_the_text():
    assert BOILERPLATE_RE["back_to_top"].search("BACK TO TOP")
    assert DISCLAIMER_RE.search("This Article Was Machine Translated From Spanish.")
    assert CITED_GATE_RE.search("According to the Harbour Gazette, the port will close.".lower())


def test_control_and_label_lines_are_furniture():
    assert BOILERPLATE_RE["back_to_top"].search("Reply")
    assert BOILERPLATE_RE["back_to_top"].search(
        "Prevent your screen from going dark as you follow along.")
    assert BOILERPLATE_RE["date_label"].search("Last updated on:")
    assert BOILERPLATE_RE["date_label"].search("Publié le :")
    # a sentence is not a control
    assert not BOILERPLATE_RE["back_to_top"].search("Reply to the council's letter by Friday.")
    assert not BOILERPLATE_RE["date_label"].search("Last updated on the island's maps: the ferry.")
