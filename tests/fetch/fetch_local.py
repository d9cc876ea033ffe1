"""Fetch options for tests whose servers listen on 127.0.0.1 (allowlisted, unpaced)."""

from __future__ import annotations

from typing import Any

from babelwire.fetch import FetchOptions

LOOPBACK = ("127.0.0.1",)


def local_options(**values: Any) -> FetchOptions:
    """``FetchOptions`` that may reach any port of 127.0.0.1, plus ``values``."""
    values.setdefault("allow_addresses", LOOPBACK)
    return FetchOptions(**values)
