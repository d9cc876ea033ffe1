"""`run --once` exit codes: 0 all well, 3 some sources failed, 4 all failed; one summary."""

import re

from babelwire.cli.summary import EXIT_ALL_FAILED, EXIT_SOME_FAILED, exit_code, report_lines
from babelwire.worker import RunReport


def test_first_hour_two_feeds_then_run(cli, workdir, sites):
    """Add two real-looking feeds, run once: stored, summarised, nothing repeated, exit 0."""
    for url in (sites["rss"].url("/"), sites["atom"].url("/atom.xml")):
        assert cli("sources", "add", url, cwd=workdir).returncode == 0
    result = cli("run", "--once", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "2 sources polled (0 failed), 3 new entries, 3 articles stored" in result.stdout
    assert re.search(r"in the store: 3 articles, \d+ stor(y|ies) told by more than one article, "
                     r"0 relay sites", result.stdout)
    assert "Tracing copies & stories" in result.stderr  # every long stage is shown
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr
    listed = cli("sources", "list", cwd=workdir).stdout
    assert listed.count("    ok;") == 2 and "1 article" in listed and "2 articles" in listed
    retention_keeps_the_store_consistent(workdir / "babelwire-data" / "babelwire.sqlite3")


def retention_keeps_the_store_consistent(store):
    """The README's retention command, with a cut-off that takes every article."""
    import sqlite3
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    command = re.search(r'"(PRAGMA foreign_keys = ON; DELETE FROM articles[^"]+)"', readme).group(1)
    conn = sqlite3.connect(store, isolation_level=None)
    conn.executescript(command.replace("'-180 days'", "'+1 days'"))
    for table in ("articles", "translations", "story_articles", "provenance_links"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_some_and_all_sources_failing(cli, workdir, sites, closed_port):
    dead = f"http://127.0.0.1:{closed_port}/feed.xml"
    cli("sources", "add", sites["atom"].url("/atom.xml"), cwd=workdir)
    cli("sources", "add", dead, "--no-check", cwd=workdir)
    some = cli("run", "--once", cwd=workdir)
    assert some.returncode == EXIT_SOME_FAILED == 3, some.stderr
    assert "2 sources polled (1 failed)" in some.stdout
    assert some.stderr.count(dead) == 1  # each failure said once
    assert cli("sources", "remove", "1", cwd=workdir).returncode == 0
    every = cli("run", "--once", cwd=workdir)
    assert every.returncode == EXIT_ALL_FAILED == 4
    assert "1 source polled (1 failed)" in every.stdout
    listed = cli("sources", "list", cwd=workdir).stdout
    assert "failing: 2 errors in a row" in listed


def test_exit_code_and_plural_forms():
    assert exit_code(RunReport(sources_polled=3)) == 0
    assert exit_code(RunReport(sources_polled=0)) == 0
    assert exit_code(RunReport(sources_polled=2, sources_failed=1)) == 3
    assert exit_code(RunReport(sources_polled=0, sources_failed=2)) == 4
    line = report_lines(RunReport(sources_polled=1, entries_found=1, articles_stored=1,
                                  pages_dropped=1, pages_failed=1, translations=1))[0]
    assert line == ("1 source polled (0 failed), 1 new entry, 1 article stored, 1 page skipped, "
                    "1 page failed, 1 translation, 0 not translated")
    many = report_lines(RunReport(sources_polled=2, entries_found=2, articles_stored=0))[0]
    assert "2 sources polled" in many and "2 new entries" in many and "0 articles" in many


def test_a_problem_names_its_url_once():
    from babelwire.cli.summary import tidy_problem

    url = "http://127.0.0.1:9/feed.xml"
    assert tidy_problem(f"{url}: error[fetch.connect]: refused ({url})") == \
        f"{url}: error[fetch.connect]: refused"
    assert tidy_problem("provenance: ValueError: x") == "provenance: ValueError: x"
