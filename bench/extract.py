"""Body F1 and ms/page: babelwire's extractor against plain trafilatura.

Runs, in the same run and over the same pages (the eval corpus in
tests/eval/extraction/pages by default, already in memory as bytes):
  - babelwire: ``extract_article(page, url)``
  - trafilatura, default settings: ``trafilatura.extract(page, url=url)``
  - trafilatura with ``favor_precision=True``
Prints body F1 (word 4-gram F1, the same scorer as the eval test) and ms/page
for each, then babelwire's F1 difference and time ratio against each setting.

    .venv/bin/python bench/extract.py [--repeat 3] [--pages DIR ...] [--per-page] [--scramble]
    .venv/bin/python bench/extract.py --wcxb ../shared/corpora/wcxb-dev [--limit N] [--out F]

``--wcxb DIR`` (alias ``--corpus``) scores a folder of real annotated pages in
WCXB's layout instead, per field (body, title, author, date) and median
ms/page, beside trafilatura default and favor_precision (bench/extract_wcxb.py).

Timing: the best of ``--repeat`` passes, each pass running every extractor
over every page in turn (interleaved, so machine noise hits all of them).

``--scramble`` replaces every class and id with a meaningless token (the same
token for the same name within a page) before extracting: how well each
extractor does on a CMS whose names it has never seen.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

import trafilatura

from babelwire.errors import BabelwireError
from babelwire.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent
SCORE_FILE = ROOT / "tests" / "eval" / "extraction" / "score.py"


sys.path.insert(0, str(SCORE_FILE.parent))  # the eval's scorer, shared with its test
import score  # noqa: E402


def babelwire_text(page: bytes, url: str | None) -> str:
    try:
        return extract_article(page, url=url).body
    except BabelwireError:
        return ""


def trafilatura_default(page: bytes, url: str | None) -> str:
    return trafilatura.extract(page, url=url) or ""


def trafilatura_precision(page: bytes, url: str | None) -> str:
    return trafilatura.extract(page, url=url, favor_precision=True) or ""


EXTRACTORS: dict[str, Callable[[bytes, str | None], str]] = {
    "babelwire": babelwire_text,
    "trafilatura (default)": trafilatura_default,
    "trafilatura (favor_precision)": trafilatura_precision,
}


CLASS_OR_ID = re.compile(rb"""\b(class|id)=(["'])([^"']*)\2""")


def scramble(page: bytes) -> bytes:
    """Every class and id name replaced by a token derived from it."""
    def token(name: bytes) -> bytes:
        return b"n" + hashlib.sha1(name).hexdigest()[:8].encode()

    return CLASS_OR_ID.sub(lambda m: m.group(1) + b'="' + b" ".join(
        token(name) for name in m.group(3).split()) + b'"', page)


def run(pages: list[tuple[bytes, dict]], repeat: int) -> tuple[dict, dict]:
    """Texts of the first pass, and the best total seconds per extractor."""
    texts: dict[str, list[str]] = {name: [] for name in EXTRACTORS}
    best = {name: float("inf") for name in EXTRACTORS}
    for number in range(repeat):
        totals = dict.fromkeys(EXTRACTORS, 0.0)
        for page, expected in pages:
            for name, extractor in EXTRACTORS.items():
                start = time.perf_counter()
                text = extractor(page, expected.get("url"))
                totals[name] += time.perf_counter() - start
                if number == 0:
                    texts[name].append(text)
        best = {name: min(best[name], totals[name]) for name in EXTRACTORS}
    return texts, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (best is kept)")
    parser.add_argument("--pages", nargs="+", type=Path, default=[score.PAGES],
                        help="folders of <id>.html + <id>.json pages")
    parser.add_argument("--per-page", action="store_true", help="print each page's body F1")
    parser.add_argument("--scramble", action="store_true",
                        help="replace every class and id by a meaningless token first")
    parser.add_argument("--wcxb", "--corpus", dest="wcxb", type=Path,
                        help="a folder of real pages in WCXB's layout: per-field scores")
    parser.add_argument("--limit", type=int, help="with --wcxb: the first N pages only")
    parser.add_argument("--out", type=Path, help="with --wcxb: per-page scores as JSON")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    if args.wcxb:
        import extract_wcxb  # bench/ is on sys.path when this script runs
        extract_wcxb.run(args.wcxb, args.limit, args.out)
        return
    prepare = scramble if args.scramble else bytes
    pages = [(prepare(html.read_bytes()), expected) for folder in args.pages
             for html, expected in score.load_pages(folder)]
    if not pages:
        raise SystemExit(f"no pages found in {', '.join(map(str, args.pages))}")
    texts, seconds = run(pages, max(1, args.repeat))
    f1 = {name: [score.body_f1(text, expected["body"]) for text, (_, expected)
                 in zip(texts[name], pages)] for name in EXTRACTORS}
    if args.per_page:
        names = list(EXTRACTORS)
        print("page".ljust(28), "  ".join(f"{n[:12]:>12}" for n in names))
        for index, (_, expected) in enumerate(pages):
            print(f"{expected['id']:<28}", "  ".join(f"{f1[n][index]:12.3f}" for n in names))
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"python {platform.python_version()}, trafilatura {trafilatura.__version__}")
    print(f"corpus: {len(pages)} pages, best of {max(1, args.repeat)} passes"
          + (", classes and ids scrambled" if args.scramble else ""))
    mean = {name: sum(values) / len(values) for name, values in f1.items()}
    ms = {name: 1000 * seconds[name] / len(pages) for name in EXTRACTORS}
    for name in EXTRACTORS:
        print(f"{name:<30} body F1 {mean[name]:.3f}   {ms[name]:6.1f} ms/page")
    for name in list(EXTRACTORS)[1:]:
        print(f"babelwire vs {name:<30} F1 {mean['babelwire'] - mean[name]:+.3f}   "
              f"time {ms['babelwire'] / ms[name]:.2f}x")


if __name__ == "__main__":
    main()
