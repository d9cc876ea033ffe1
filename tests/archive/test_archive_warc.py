"""The evidence archive over a real local site: WARC records written while fetching,
deduplicated by payload (revisits), linked to articles, exported and accepted by
``warcio check``; retention removes old daily files."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from babelwire.archive.export import apply_retention
from babelwire.archive.recorder import archive_folder
from babelwire.cli.main import main
from babelwire.compose import open_store
from archive_site import fetch_again, ingest, page, pier_site



@pytest.fixture
def site():
    with pier_site(page("El muelle norte")) as running:
        yield running


def records(path: Path):
    with path.open("rb") as handle:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read(),
                 r.rec_headers) for r in ArchiveIterator(handle)]


def warcio_check(path: Path) -> subprocess.CompletedProcess:
    """``warcio check -v``: every digest verified (it exits 1 when one fails)."""
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(path)],
                          capture_output=True, text=True)
    assert "failed" not in done.stdout, done.stdout
    return done


def test_fetches_are_archived_deduplicated_and_linked(tmp_path, make_settings, site):
    settings = make_settings(tmp_path / "data", targets=["en"])
    with open_store(settings) as db:
        article = ingest(db, settings, site)
        linked = {r.role: r for r in db.archive.records_of_articles([article.id])}
        assert set(linked) == {"page", "feed"}
        assert linked["page"].uri == site.url("/muelle")
        # the same page fetched again: a revisit record, not a second copy of the payload
        fetch_again(db, settings, site.url("/muelle"))
    [warc] = sorted(archive_folder(settings).glob("*.warc.gz"))
    found = records(warc)
    kinds = [(kind, uri) for kind, uri, _, _ in found]
    assert kinds[0] == ("warcinfo", None)
    assert ("response", site.url("/muelle")) in kinds and ("request", site.url("/muelle")) in kinds
    assert ("revisit", site.url("/muelle")) in kinds
    response = next(f for f in found if f[0] == "response" and f[1] == site.url("/muelle"))
    assert "El muelle norte" in response[2].decode("utf-8")
    revisit = next(f for f in found if f[0] == "revisit")
    assert revisit[3].get_header("WARC-Refers-To") == response[3].get_header("WARC-Record-ID")
    check = warcio_check(warc)
    assert check.returncode == 0, check.stdout + check.stderr


def test_export_by_date_and_story_passes_warcio_check(tmp_path, make_settings, site, capsys):
    settings = make_settings(tmp_path / "data", targets=["en"])
    with open_store(settings) as db:
        article = ingest(db, settings, site)
        # a one-article story, as the tracer would save it
        db.provenance.save_stories([[article.id]], {article.id: "Muelle"}, "2026-12-03T10:00:00Z")
        story = db.reader.stories_before(5)[0].id
    cli = ["--data", str(tmp_path / "data")]
    today = datetime.now(timezone.utc).date()
    by_date = tmp_path / "range.warc.gz"
    assert main(cli + ["archive", "export", "--from", str(today - timedelta(days=1)), "--to",
                       str(today), "-o", str(by_date)]) == 0
    assert warcio_check(by_date).returncode == 0
    uris = {uri for kind, uri, _, _ in records(by_date) if kind == "response"}
    assert uris >= {site.url("/feed.xml"), site.url("/muelle")}
    by_story = tmp_path / "story.warc.gz"
    assert main(cli + ["archive", "export", "--story", str(story), "-o", str(by_story)]) == 0
    check = warcio_check(by_story)
    assert check.returncode == 0, check.stdout
    assert {uri for kind, uri, _, _ in records(by_story) if kind == "response"} == {
        site.url("/feed.xml"), site.url("/muelle")}
    nothing = tmp_path / "none.warc.gz"
    assert main(cli + ["archive", "export", "--from", "2001-01-01", "--to", "2001-01-02",
                       "-o", str(nothing)]) == 0
    assert [kind for kind, *_ in records(nothing)] == ["warcinfo"]
    assert main(cli + ["archive", "export", "-o", str(nothing)]) == 2
    assert main(cli + ["archive", "export", "--story", "999", "-o", str(nothing)]) == 2
    assert main(cli + ["archive", "export", "--from", "yesterday", "-o", str(nothing)]) == 2
    err = capsys.readouterr().err
    assert "error[config]: say what to export" in err and "no story #999" in err
    assert "'yesterday' is not a date" in err


def test_retention_removes_old_daily_files(tmp_path, make_settings, site):
    settings = make_settings(tmp_path / "data", **{"archive.retention_days": 3})
    with open_store(settings) as db:
        fetch_again(db, settings, site.url("/feed.xml"))
        [kept] = archive_folder(settings).glob("*.warc.gz")
        now = datetime.now(timezone.utc)
        assert apply_retention(db, settings, now=now + timedelta(days=2)) == []
        assert kept.exists()
        assert apply_retention(db, settings, now=now + timedelta(days=4)) == [kept.name]
        assert not kept.exists()
        assert db.archive.records_between("1970", "9999") == []


def test_archive_off_writes_nothing(tmp_path, make_settings, site):
    settings = make_settings(tmp_path / "data", targets=["en"], **{"archive.enabled": False})
    with open_store(settings) as db:
        ingest(db, settings, site)
        assert db.archive.records_between("1970", "9999") == []
    assert not archive_folder(settings).exists()
