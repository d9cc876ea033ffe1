"""``babelwire sources import FILE`` and ``export``, as a user runs them (real processes)."""

from __future__ import annotations

import os
import subprocess
import sys

from babelwire.sources.opml import parse_opml

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]
OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>my reader</title></head><body>
  <outline text="News"><outline type="rss" text="Diario Norte" xmlUrl="https://norte.example/rss"/>
  <outline type="rss" title="Le Phare" xmlUrl="https://phare.example/atom.xml"/></outline>
  <outline text="no url"/><outline text="odd" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def run(data, *args, stdin=None):
    return subprocess.run([*BABELWIRE, "--data", str(data), "sources", *args], input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_import_then_export_round_trip(tmp_path):
    data = tmp_path / "data"
    (tmp_path / "subs.opml").write_text(OPML, encoding="utf-8")
    first = run(data, "import", str(tmp_path / "subs.opml"))
    assert first.returncode == 0, first.stderr
    assert "2 added, 0 already there, 1 skipped" in first.stdout
    again = run(data, "import", str(tmp_path / "subs.opml"))
    assert "0 added, 2 already there" in again.stdout
    exported = run(data, "export")
    assert exported.returncode == 0
    outlines = parse_opml(exported.stdout.encode("utf-8"))
    assert {(o.url, o.name) for o in outlines} == {
        ("https://norte.example/rss", "Diario Norte"), ("https://phare.example/atom.xml", "Le Phare")}
    written = run(data, "export", "-o", str(tmp_path / "out.opml"))
    assert written.returncode == 0 and len(parse_opml((tmp_path / "out.opml").read_bytes())) == 2


def test_import_errors_are_one_line(tmp_path):
    data = tmp_path / "data"
    missing = run(data, "import", str(tmp_path / "nope.opml"))
    assert missing.returncode == 2 and missing.stderr.startswith("error[config]: cannot read")
    html = run(data, "import", "-", stdin="<html><body>hi</body></html>")
    assert html.returncode == 2
    assert html.stderr.strip() == ("error[source]: standard input is not OPML: its root "
                                   "element is <html>, not <opml>")
    broken = run(data, "import", "-", stdin="<opml><body>")
    assert broken.returncode == 2 and "not well-formed XML" in broken.stderr
    assert "Traceback" not in broken.stderr + html.stderr + missing.stderr
