"""The demo keeps to itself: its own folder, fixed ports checked first, re-runs add nothing."""

import re
import sqlite3
from pathlib import Path

from babelwire.cli.demo import DEMO_DIR, SITES_PORT, demo_store_settings
from babelwire.cli.main import build_parser
from babelwire.settings import load_settings

QUICK = {"BABELWIRE_TARGETS": "en", "BABELWIRE_PROVENANCE_USE_ENCODER": "false"}


def counts(data: Path) -> tuple[int, int, list[str]]:
    with sqlite3.connect(data / "babelwire.sqlite3") as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sources ORDER BY id")]
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        moved = conn.execute("SELECT COUNT(*) FROM articles a JOIN sources s ON "
                             "s.id = a.source_id WHERE substr(a.url, 1, 22) != "
                             "substr(s.url, 1, 22)").fetchone()[0]
    return len(names), articles, names if moved == 0 else ["article URLs not moved"]


def test_defaults_are_fixed_ports_and_an_own_folder(tmp_path):
    args = build_parser("demo").parse_args(["demo"])
    assert args.sites_port == SITES_PORT == 8001 and args.port is None
    config = tmp_path / "babelwire.toml"
    config.write_text('data_dir = "mine"\n[[sources]]\nurl = "https://example.org/feed.xml"\n')
    settings = demo_store_settings(load_settings(config, environ={}), None)
    assert settings.data_dir == Path(DEMO_DIR) and settings.sources == ()
    assert demo_store_settings(load_settings(config, environ={}), "elsewhere").data_dir == Path("elsewhere")


def test_a_busy_reader_port_is_one_line_before_any_work(cli, tmp_path, busy_port):
    result = cli("demo", "--port", str(busy_port), "--sites-port", "0", cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (f"error[config.port_busy]: port {busy_port} on 127.0.0.1 is busy "
                             f"(the reader): stop what uses it, or pass --port with another port\n")
    assert result.stdout == "" and not (tmp_path / DEMO_DIR).exists()  # nothing ingested


def test_a_busy_site_port_is_one_line_before_any_work(cli, tmp_path, busy_port):
    result = cli("demo", "--no-serve", "--sites-port", str(busy_port), cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error[config.port_busy]: port ")
    assert "--sites-port" in result.stderr and not (tmp_path / DEMO_DIR).exists()
    clash = cli("demo", "--port", "8002", cwd=tmp_path, timeout=120)
    assert clash.returncode == 2 and "one of the demo sites' ports (8001-8004)" in clash.stderr


def test_rerun_on_other_ports_adds_nothing(cli, workdir, sites):
    """The first hour: demo twice, then one's own feeds beside it, no demo outlet among them."""
    own_feed = sites["atom"].url("/atom.xml")
    with (workdir / "babelwire.toml").open("a", encoding="utf-8") as config:
        config.write(f'[[sources]]\nurl = "{own_feed}"\n')
    first = cli("demo", "--no-serve", "--sites-port", "0", cwd=workdir, env=QUICK, timeout=900)
    assert first.returncode == 0, first.stderr
    data = workdir / DEMO_DIR
    assert f"the demo's data: {data.resolve()}" in first.stdout
    assert "babelwire sources add" in first.stdout and "babelwire run" in first.stdout
    assert re.search(r"in the store: \d+ articles, \d+ stor(y|ies) told by more than one "
                     r"article, \d+ relay sites?", first.stdout)
    sources, articles, names = counts(data)
    assert sources == 4 and articles >= 15 and "World News Relay Daily" in names
    second = cli("--data", str(data), "demo", "--no-serve", "--sites-port", "0", cwd=workdir,
                 env=QUICK, timeout=900)
    assert second.returncode == 0, second.stderr
    assert "4 sources polled (0 failed), 0 new entries, 0 articles stored" in second.stdout
    assert counts(data) == (4, articles, names)
    assert not (workdir / "babelwire-data").exists()
    status = cli("--data", str(data), "status", cwd=workdir)
    assert "nothing is polling: the demo did one pass" in status.stdout
    # then one's own sources, in the same folder
    assert cli("sources", "add", sites["rss"].url("/"), cwd=workdir).returncode == 0
    own = cli("run", "--once", cwd=workdir)
    assert own.returncode == 0, own.stderr
    assert "2 sources polled (0 failed)" in own.stdout and "Traceback" not in own.stderr
    listed = cli("sources", "list", cwd=workdir).stdout
    assert "The Wren Gazette" in listed and "Harbour Notes" in listed
    assert not any(name in listed for name in names)
