"""Shared fixtures for the translation tests."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

try:  # the package may not be installed in the test environment
    import babelwire  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from babelwire.translate import ApertiumTranslator, PivotTranslator  # noqa: E402

@pytest.fixture(scope="session")
def apertium() -> ApertiumTranslator:
    return ApertiumTranslator()


@pytest.fixture(scope="session")
def pivoting(apertium: ApertiumTranslator) -> PivotTranslator:
    return PivotTranslator(apertium)


@pytest.fixture
def write_script(tmp_path: Path):
    """Write an executable script in tmp_path and return its path."""

    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return str(path)

    return write
