"""Workers against a real PostgreSQL (the session's throwaway server) and a local newsroom."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .newsroom import Newsroom

SRC = str(Path(__file__).resolve().parents[2] / "src")
LEASE_SECONDS = 2.0


@pytest.fixture
def newsroom():
    room = Newsroom(count=6)
    yield room
    room.close()


@pytest.fixture
def worker_config(tmp_path, postgres_server, newsroom):
    """A settings file: a fresh PostgreSQL database, the newsroom's translator, short leases."""
    url = postgres_server.database()
    config = tmp_path / "babelwire.toml"
    config.write_text(f"""
data_dir = "{tmp_path / 'data'}"
database = "{url}"
targets = ["en", "fr"]

[fetch]
per_host_delay = 0.0
allow_addresses = ["127.0.0.1"]

[translate]
engine = "libretranslate"
libretranslate_url = "{newsroom.base}"

[worker]
lease_seconds = {LEASE_SECONDS}
batch = 1
idle_seconds = 0.2
""")
    return config, url


def start_worker(config: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "babelwire.cli.main", "--config", str(config),
                             "worker", *extra], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
