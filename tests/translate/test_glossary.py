"""The glossary: settings strings, TSV files, consistent substitution through the engine."""

from __future__ import annotations

import pytest

from babelwire.errors import ConfigError
from babelwire.localize import settings_glossary
from babelwire.settings import load_settings
from babelwire.translate import TranslateOptions, load_glossary, translate_texts
from babelwire.translate.glossary import parse_entry, read_tsv


def test_entries_parse_and_bad_ones_say_how_to_write_them(tmp_path):
    entry = parse_entry("fr:en:Pékin=Beijing")
    assert (entry.source_lang, entry.target_lang, entry.source, entry.target) == ("fr", "en", "Pékin", "Beijing")
    with pytest.raises(ConfigError) as caught:
        parse_entry("Pékin=Beijing")
    assert "fr:en:Source term=Target term" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        read_tsv(tmp_path / "missing.tsv")
    assert "translate.glossary_file" in str(caught.value)
    bad = tmp_path / "bad.tsv"
    bad.write_text("es\ten\tonly three\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:1: a glossary line needs 4 tab-separated columns"):
        read_tsv(bad)


def test_tsv_file_and_settings_combine_and_pair_entries_win(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_text("source_lang\ttarget_lang\tsource\ttarget\n# places\n"
                    "*\ten\tVilla Alcaravea\tAlcaravea Town\n", encoding="utf-8")
    settings = load_settings(None, environ={}, overrides={
        "translate.glossary": ["es:en:Villa Alcaravea=Alcaravea Village", "es:en:V. Alcaravea=Alcaravea Town"],
        "translate.glossary_file": str(path)})
    glossary = settings_glossary(settings)
    assert len(glossary) == 3
    assert glossary.terms("es", "en") == {"Villa Alcaravea": "Alcaravea Village", "V. Alcaravea": "Alcaravea Town"}
    assert glossary.terms("fr", "en") == {"Villa Alcaravea": "Alcaravea Town"}
    assert glossary.terms("en", "fr") == {}
    assert glossary.fingerprint("es", "en") != glossary.fingerprint("fr", "en")


def test_several_spellings_map_to_one_name_through_apertium(pivoting):
    glossary = load_glossary(["es:en:Villa Alcaravea=Alcaravea Town", "es:en:V. Alcaravea=Alcaravea Town",
                              "es:en:Alcaravea la Vieja=Alcaravea Town", "fr:en:Port-Blanc=White Harbour"])
    texts = ["Los vecinos de Villa Alcaravea votaron el domingo.",
             "El alcalde de V. Alcaravea dimitió.\n\nEn Alcaravea la Vieja hubo fiesta.",
             "Los pescadores de Villa Alcaraveas protestaron."]  # not a whole-word match: untouched
    result = translate_texts(pivoting, texts, "es", "en", TranslateOptions(glossary=glossary))
    assert result.segments[0].count("Alcaravea Town") == 1
    assert result.segments[1].count("Alcaravea Town") == 2 and "Vieja" not in result.segments[1]
    assert "Alcaravea Town" not in result.segments[2]
    french = translate_texts(pivoting, ["Le port de Port-Blanc a fermé."], "fr", "en",
                             TranslateOptions(glossary=glossary))
    assert "White Harbour" in french.segments[0] and french.pivot == "es"


def test_glossary_file_errors_reach_the_user_as_config_errors(tmp_path):
    settings = load_settings(None, environ={}, overrides={"translate.glossary_file": str(tmp_path / "nope.tsv")})
    with pytest.raises(ConfigError):
        settings_glossary(settings)
