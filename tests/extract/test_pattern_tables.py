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
