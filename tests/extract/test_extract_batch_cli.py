"""``babelwire extract --batch``: one process, one JSON line per page, bad pages reported."""

import json
import os
import subprocess
import sys

BABELWIRE = [sys.executable, "-m", "babelwire.cli.main"]


def article_page(number: int) -> str:
    paragraphs = "".join(
        f"<p>Paragraaf {i}: de gemeenteraad van Valkendam besprak dinsdag het plan {number} voor "
        f"de nieuwe haven, met steun van drie fracties en de bewonersvereniging.</p>"
        for i in range(4))
    return (f"<html lang='nl'><head><title>Plan {number} besproken | Dagblad</title></head><body>"
            f"<article><h1>Plan {number} besproken</h1>{paragraphs}</article></body></html>")


def run_batch(stdin: str):
    return subprocess.run([*BABELWIRE, "extract", "--batch"], input=stdin, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_batch_writes_one_line_per_page_and_survives_bad_ones(tmp_path):
    good = []
    for number in range(3):
        path = tmp_path / f"page{number}.html"
        path.write_text(article_page(number), encoding="utf-8")
        good.append(path)
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"\x00\x01\x02 not html")
    listing = tmp_path / "listing.html"
    listing.write_text("<html><body><ul><li><a href='/a'>Een</a></li></ul></body></html>")
    stdin = (f"{good[0]}\thttps://dagblad.test/plan-0\n{broken}\n{tmp_path / 'missing.html'}\t\n"
             f"\n{good[1]}\n{listing}\thttps://dagblad.test/\n{good[2]}\thttps://dagblad.test/p2\n")
    result = run_batch(stdin)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == [str(good[0]), str(broken), str(tmp_path / "missing.html"),
                                            str(good[1]), str(listing), str(good[2])]
    ok = [r for r in records if "error" not in r]
    assert [r["title"] for r in ok] == ["Plan 0 besproken", "Plan 1 besproken", "Plan 2 besproken"]
    assert ok[0]["url"] == "https://dagblad.test/plan-0" and len(ok[0]["paragraphs"]) == 4
    assert ok[1]["url"] is None and "html" not in ok[1]
    errors = {r["path"]: r["error"] for r in records if "error" in r}
    assert errors[str(broken)]["code"] == "extract.not_article"
    assert errors[str(tmp_path / "missing.html")]["code"] == "input.missing"
    assert "missing.html" in errors[str(tmp_path / "missing.html")]["message"]
    assert errors[str(listing)]["code"] == "extract.not_article"


def test_batch_and_a_target_together_is_one_clear_error(tmp_path):
    result = subprocess.run([*BABELWIRE, "extract", "--batch", str(tmp_path / "x.html")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.startswith("error[config]")
    assert result.stderr.strip().count("\n") == 0
