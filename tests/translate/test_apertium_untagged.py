"""A pair whose tagger crashes still translates every segment (apertium_untagged)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from babelwire.translate import ApertiumTranslator
from babelwire.translate.apertium_untagged import UntaggedModes, untagged_pipeline

MODE = ("lt-proc -w '/d/x-y.automorf.bin' | cg-proc -w '/d/x-y.rlx.bin' | "
        "apertium-tagger -g $2 '/d/x-y.prob' | apertium-pretransfer | lt-proc $1 '/d/x-y.autogen.bin'")


def test_the_tagger_is_replaced_by_the_grammars_first_reading():
    patched = untagged_pipeline(MODE)
    assert patched == ("lt-proc -w '/d/x-y.automorf.bin' | cg-proc -w -1 -n '/d/x-y.rlx.bin' | "
                       "apertium-pretransfer | lt-proc $1 '/d/x-y.autogen.bin'")


def test_a_mode_without_a_grammar_before_its_tagger_has_no_stand_in():
    assert untagged_pipeline("lt-proc -w 'a.bin' | apertium-tagger -g $2 'a.prob' | lt-proc $1 'b.bin'") is None
    assert untagged_pipeline("lt-proc -w 'a.bin' | lt-proc $1 'b.bin'") is None


def test_the_untagged_copy_lives_in_a_private_data_folder(tmp_path: Path):
    (tmp_path / "modes").mkdir()
    (tmp_path / "modes" / "x-y.mode").write_text(MODE, encoding="utf-8")
    (tmp_path / "modes" / "y-x.mode").write_text("lt-proc -w 'a.bin' | lt-proc $1 'b.bin'", encoding="utf-8")
    modes = UntaggedModes(str(tmp_path))
    assert modes.make("x-y") is True
    assert modes.make("y-x") is False
    assert modes.make("absent") is False
    copy = Path(modes.datadir) / "modes" / "x-y.mode"
    assert copy.read_text(encoding="utf-8") == untagged_pipeline(MODE)
    assert not (Path(modes.datadir) / "modes" / "y-x.mode").exists()
    assert (tmp_path / "modes" / "x-y.mode").read_text(encoding="utf-8") == MODE  # untouched


# apertium-rus-ukr 0.2.1's ukr-rus tagger dies on "тривалих" (and apertium exits 0).
UKRAINIAN = [
    "Депутати виділили кошти на ремонт шкіл.",
    "Після тривалих дебатів рада ухвалила бюджет.",
    "Мер заявив, що податки не зростуть.",
    "Переговори були тривалими і важкими.",
]


@pytest.mark.skipif(shutil.which("apertium") is None
                    or ("uk", "ru") not in ApertiumTranslator().pairs(),
                    reason="apertium-rus-ukr is not installed (make test installs it)")
def test_ukrainian_to_russian_gives_every_segment_back():
    translator = ApertiumTranslator()
    result = translator.translate_batch(UKRAINIAN, "uk", "ru")
    assert len(result.segments) == len(UKRAINIAN)
    for source, target in zip(UKRAINIAN, result.segments):
        assert target and target != source
    assert "Депутаты" in result.segments[0]          # Ukrainian words became Russian ones
    assert "ukr-rus" in result.engine_version and "untagged" in result.engine_version
    assert any("tagger" in warning for warning in result.warnings)
    # the next batch goes straight to the untagged pipeline, whole
    again = translator.translate_batch(UKRAINIAN[1:2], "uk", "ru")
    assert again.segments[0] != UKRAINIAN[1] and not again.warnings
