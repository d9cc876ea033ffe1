"""``babelwire extract FILE``: readable text by default, JSON with --json, clear errors."""

import json
import os
import subprocess
import sys

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]
PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the town council of Kellmouth approved the new harbour wall on Tuesday, "
    f"with support from three parties and the fishermen's association.</p>" for n in range(4))
ARTICLE = (f"<html lang='en'><head><title>Harbour wall approved | Kellmouth Post</title></head>"
           f"<body><article><h1>Harbour wall approved</h1><p>By Ana Ruiz</p>{PARAGRAPHS}"
           f"</article></body></html>")
LISTING = "<html><head><title>Latest</title></head><body><h1>Latest</h1>" + "".join(
    f"<div><h2><a href='/s{n}'>Story {n} from the harbour today</a></h2><p>Teaser {n}.</p></div>"
    for n in range(8)) + "</body></html>"


def run_cli(*args):
    return subprocess.run([*BABELWIRE, "extract", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_readable_by_default_and_json_with_the_flag(tmp_path):
    page = tmp_path / "article.html"
    page.write_text(ARTICLE, encoding="utf-8")
    text = run_cli(str(page))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "Harbour wall approved"
    assert lines[1].startswith("Ana Ruiz · published") and "confidence" in lines[1]
    assert "Paragraph 3: the town council" in text.stdout
    as_json = run_cli(str(page), "--json")
    record = json.loads(as_json.stdout)
    assert record["authors"] == ["Ana Ruiz"] and len(record["paragraphs"]) == 4
    assert 0 < record["confidence"] <= 1


def test_a_listing_page_exits_non_zero_with_a_clear_message(tmp_path):
    page = tmp_path / "latest.html"
    page.write_text(LISTING, encoding="utf-8")
    result = run_cli(str(page))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error[extract.not_article]: not an article")


def test_a_missing_file_names_the_file_and_what_to_do(tmp_path):
    result = run_cli(str(tmp_path / "nope.html"))
    assert result.returncode == 2
    assert result.stderr.startswith("error[input.missing]") and "nope.html" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_batch_reports_a_page_with_no_story_on_its_own_line(tmp_path):
    good, listing = tmp_path / "a.html", tmp_path / "latest.html"
    good.write_text(ARTICLE, encoding="utf-8")
    listing.write_text(LISTING, encoding="utf-8")
    result = subprocess.run([*BABELWIRE, "extract", "--batch"], input=f"{listing}\n{good}\n",
                            capture_output=True, text=True, timeout=120)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(records) == 2
    assert records[0]["error"]["code"] == "extract.not_article"
    assert records[1]["title"] == "Harbour wall approved"
