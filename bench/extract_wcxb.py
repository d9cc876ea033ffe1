"""Per-field scores on a folder of real annotated pages (WCXB layout), beside trafilatura.

Used by ``bench/extract.py --wcxb DIR``. The folder holds ``manifest.json``,
``html/<id>.html.gz`` and ``ground-truth/<id>.json`` (the layout that
``wcxb_score.py --prepare`` writes); the metrics are that scorer's own
(``wcxb_score.py`` beside the folder, or in its parent): body word F1, title
(normalised), author (same set of names), published date (same day), and
median ms per page. Every extractor sees every page in the same run,
interleaved, on HTML already decoded.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import trafilatura

from babelwire.errors import BabelwireError
from babelwire.extract import extract_article


def load_scorer(folder: Path):
    for candidate in (folder / "wcxb_score.py", folder.parent / "wcxb_score.py"):
        if candidate.is_file():
            spec = importlib.util.spec_from_file_location("wcxb_score", candidate)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise SystemExit(f"no wcxb_score.py in {folder} or {folder.parent}")


def babelwire_fields(html: str, url: str) -> dict:
    try:
        article = extract_article(html, url=url)
    except BabelwireError:
        return {}
    return {"body": article.body, "title": article.title,
            "author": article.author,  # the names as credited ("Ana Ruiz, MS, RD")
            "published": article.published_local or article.published}


def trafilatura_fields(precision: bool) -> Callable[[str, str], dict]:
    def run(html: str, url: str) -> dict:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                               favor_precision=precision)
        if document is None:
            return {}
        return {"body": document.text, "title": document.title, "author": document.author,
                "published": document.date}
    return run


EXTRACTORS = {
    "babelwire": babelwire_fields,
    "trafilatura (default)": trafilatura_fields(False),
    "trafilatura (favor_precision)": trafilatura_fields(True),
}


def _field(fields: dict, key: str) -> str | None:
    return fields.get(key) or None


def score(scorer, page: dict, fields: dict) -> dict:
    body = _field(fields, "body") or ""
    row = {"body": scorer.word_prf(body, page["gt_body"])[2]}
    row["title"] = scorer.title_scores(_field(fields, "title"), page["gt_title"])[1]
    if page["gt_author"]:
        row["author"] = scorer.author_scores(_field(fields, "author") or "", page["gt_author"])[0]
    if page["gt_date"]:
        row["date"] = scorer.date_match(_field(fields, "published"), page["gt_date"])
    return row


def run(folder: Path, limit: int | None = None, out: Path | None = None) -> None:
    scorer = load_scorer(folder)
    _, pages = scorer.load_pages(folder, "all", None, limit)
    rows = {name: [] for name in EXTRACTORS}
    times = {name: [] for name in EXTRACTORS}
    for number, page in enumerate(pages, 1):
        html = gzip.decompress((folder / "html" / f"{page['id']}.html.gz").read_bytes()
                               ).decode("utf-8")
        for name, extractor in EXTRACTORS.items():
            start = time.perf_counter()
            fields = extractor(html, page["url"])
            times[name].append(1000 * (time.perf_counter() - start))
            rows[name].append({"id": page["id"], **score(scorer, page, fields)})
        if number % 100 == 0:
            print(f"  {number}/{len(pages)} pages", file=sys.stderr)
    report(rows, times, len(pages), folder)
    if out:
        out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _mean(rows: list[dict], key: str) -> float:
    values = [float(r[key]) for r in rows if key in r]
    return sum(values) / len(values) if values else 0.0


def report(rows: dict, times: dict, count: int, folder: Path) -> None:
    print(f"corpus: {folder} ({count} pages), trafilatura {trafilatura.__version__}")
    print(f"{'extractor':<30} {'body F1':>8} {'title':>7} {'author':>7} {'date':>7} "
          f"{'ms/page (median)':>17}")
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in rows.items():
        print(f"{name:<30} {_mean(values, 'body'):8.3f} {_mean(values, 'title'):7.1%} "
              f"{_mean(values, 'author'):7.1%} {_mean(values, 'date'):7.1%} "
              f"{median[name]:17.1f}")
    for name in list(rows)[1:]:
        print(f"babelwire vs {name:<30} body {_mean(rows['babelwire'], 'body') - _mean(rows[name], 'body'):+.3f}"
              f"   time {median['babelwire'] / median[name]:.2f}x (median ms/page)")
