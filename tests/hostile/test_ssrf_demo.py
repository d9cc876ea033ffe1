"""The demo reaches exactly its own sites: the guard still refuses the rest of this machine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fetch"))

from local_http import RecordingServer  # noqa: E402

from babelwire.cli.demo import demo_settings  # noqa: E402
from babelwire.compose import fetch_options  # noqa: E402
from babelwire.demo.server import start_demo_newsroom  # noqa: E402
from babelwire.errors import BlockedAddress  # noqa: E402
from babelwire.fetch import Fetcher  # noqa: E402
from babelwire.settings import load_settings  # noqa: E402


def test_demo_settings_allow_each_outlet_port_and_nothing_else(tmp_path):
    with start_demo_newsroom() as newsroom, RecordingServer({"/": (200, {}, b"x")}) as other:
        settings = demo_settings(load_settings(None, environ={},
                                               overrides={"data_dir": str(tmp_path)}), newsroom)
        ports = sorted(int(entry.rsplit(":", 1)[1]) for entry in settings["fetch.allow_addresses"])
        assert ports == sorted(site.port for site in newsroom.sites.values())
        with Fetcher(fetch_options(settings)) as fetcher:
            for outlet in newsroom.outlets:
                assert fetcher.fetch_feed(outlet.feed_url).status == 200
            with pytest.raises(BlockedAddress):
                fetcher.fetch(other.url("/"))
    assert other.requests == 0
