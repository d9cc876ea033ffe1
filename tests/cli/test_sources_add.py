"""`sources add` fetches once: discovery, the feed's title as name, duplicates refused."""

import re
from datetime import datetime, timedelta, timezone

from babelwire.cli.source_check import describe
from babelwire.cli.words import ago, plural
from babelwire.models import FeedEntry, ParsedFeed


def test_adding_a_feed_names_it_and_says_what_it_found(cli, workdir, sites):
    feed = sites["rss"].url("/feed.xml")
    added = cli("sources", "add", feed, cwd=workdir)
    assert added.returncode == 0, added.stderr
    assert f'added: #1 "The Wren Gazette" {feed} [feed]' in added.stdout
    assert "(RSS 2.0, 2 items, last item 2 h ago)" in added.stdout
    listed = cli("sources", "list", cwd=workdir)
    assert "The Wren Gazette" in listed.stdout and "new (never fetched)" in listed.stdout
    assert "ok;" not in listed.stdout


def test_a_page_is_followed_to_its_feed_and_the_feed_is_not_added_twice(cli, workdir, sites):
    page, feed = sites["atom"].url("/"), sites["atom"].url("/atom.xml")
    added = cli("sources", "add", page, cwd=workdir)
    assert added.returncode == 0, added.stderr
    assert f"{page} is a web page; adding the feed it announces, {feed}" in added.stdout
    assert f'"Harbour Notes" {feed} [feed] (Atom, 1 item, last item 3 days ago)' in added.stdout
    again = cli("sources", "add", feed, cwd=workdir)
    assert again.returncode == 2
    assert again.stderr.startswith("error[source.duplicate]: ")
    assert "already source #1 (Harbour Notes)" in again.stderr and "nothing added" in again.stderr
    page_again = cli("sources", "add", page, cwd=workdir)
    assert page_again.returncode == 2 and "already source #1" in page_again.stderr
    assert cli("sources", "list", cwd=workdir).stdout.count("#") == 1


def test_a_failing_check_is_one_clear_line_unless_no_check(cli, workdir):
    dead = "http://127.0.0.1:1/feed"
    failed = cli("sources", "add", dead, cwd=workdir)
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith(f"error[source.check]: {dead} was not added: fetch.connect")
    assert "--no-check" in failed.stderr
    assert not (workdir / "babelwire-data").exists()  # nothing stored
    forced = cli("sources", "add", dead, "--no-check", cwd=workdir)
    assert forced.returncode == 0 and "(not checked)" in forced.stdout
    assert "new (never fetched)" in cli("sources", "list", cwd=workdir).stdout


def test_a_page_without_a_feed_is_refused(cli, workdir, sites):
    article = sites["rss"].url("/news/quay.html")
    refused = cli("sources", "add", article, cwd=workdir)
    assert refused.returncode == 2 and refused.stderr.startswith("error[source.check]")
    assert "not a feed" in refused.stderr or "HTML page" in refused.stderr
    as_page = cli("sources", "add", article, "--kind", "page", cwd=workdir)
    assert as_page.returncode == 0 and "[page]" in as_page.stdout


def test_read_only_commands_never_create_the_store(cli, tmp_path):
    for args in (("sources", "list"), ("sources", "export"), ("status",), ("settings",)):
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
    assert list(tmp_path.iterdir()) == []
    assert "no sources yet" in cli("sources", "list", cwd=tmp_path).stdout
    removed = cli("sources", "remove", "3", cwd=tmp_path)
    assert removed.returncode == 2 and removed.stderr.startswith("error[source]: no source '3'")
    assert list(tmp_path.iterdir()) == []


def test_found_summary_words():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
    assert ago(now - timedelta(minutes=5), now) == "5 min ago"
    assert ago(now - timedelta(hours=2, minutes=59), now) == "2 h ago"
    assert ago(now - timedelta(days=1), now) == "24 h ago"
    assert ago(now - timedelta(days=9), now) == "9 days ago"
    assert plural(1, "item") == "1 item" and plural(0, "item") == "0 items"
    assert plural(1, "story", "stories") == "1 story" and plural(2, "story", "stories") == "2 stories"
    undated = ParsedFeed(title="", entries=(FeedEntry(url="http://x/1"),), format="jsonfeed")
    assert describe(undated, b"{}", now) == "JSON Feed, 1 item, items undated"
    rdf = ParsedFeed(title="", entries=(), format="rss")
    assert describe(rdf, b"<rdf:RDF xmlns='http://purl.org/rss/1.0/'>", now) == "RSS 1.0, 0 items"
    assert re.fullmatch(r"RSS 0\.91, 0 items", describe(rdf, b"<rss version='0.91'>", now))
