"""Fixtures for the demo newsroom tests (and a src/ path fallback)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

if importlib.util.find_spec("babelwire") is None:  # package not installed: use src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from babelwire.demo.server import DemoNewsroom, start_demo_newsroom  # noqa: E402


@pytest.fixture(scope="module")
def newsroom() -> DemoNewsroom:
    room = start_demo_newsroom()
    try:
        yield room
    finally:
        room.stop()
