"""Pools of real text for the provenance tracer, built at run time from FLORES-200 devtest.

The text is read from ``shared/corpora/flores-devtest`` next to the checkout (or a parent
of it) and never copied into the project. Runs of consecutive lines come from one
article, so a document here is a run of DOC_LINES lines: its neighbours are near-miss
distractors (same article, same topic, other sentences). Every pool is a list of
(TraceDoc, true original key or None) and is scored by ``score``.

Pools:
- ``translations``: English originals with professional French and Spanish translations,
  orphan translations (original absent) and lone originals, all in one pool;
- ``versions``: every document in all its versions at once (English original, French,
  Spanish, a relay copy of the French, a partial Spanish translation): each must point
  at the English original, not at a sibling; stories are scored pairwise;
- ``relays``: translations published hours later but first seen in the same pass, partial
  translations, and distractors (the next document of the same article, in another
  language), to measure original found and wrongly-marked-derived on real sentences;
- ``rewrites``: a translation interleaved with background under another headline;
- ``catalan``: machine-translated Catalan relays (rendered by Apertium from the French),
  a language the sentence encoder does not know, among Catalan near misses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from babelwire.provenance import TraceDoc

DOC_LINES = 6
LANGS = ("eng_Latn", "fra_Latn", "spa_Latn")
CODES = {"eng_Latn": "en", "fra_Latn": "fr", "spa_Latn": "es"}
BASE = 1_790_000_000.0


def flores_dir(start: Path | None = None) -> Path | None:
    """``shared/corpora/flores-devtest`` in a parent of ``start`` (this file), or None."""
    here = (start or Path(__file__)).resolve()
    for parent in here.parents:
        folder = parent / "shared" / "corpora" / "flores-devtest"
        if all((folder / f"{lang}.devtest").is_file() for lang in LANGS):
            return folder
    return None


def load(folder: Path) -> dict[str, list[list[str]]]:
    """Documents per language code: runs of DOC_LINES aligned lines."""
    docs: dict[str, list[list[str]]] = {}
    for lang in LANGS:
        lines = (folder / f"{lang}.devtest").read_text(encoding="utf-8").splitlines()
        docs[CODES[lang]] = [lines[i:i + DOC_LINES] for i in range(0, len(lines) - DOC_LINES + 1,
                                                                   DOC_LINES)]
    return docs


def _doc(key: str, lang: str, lines: list[str], site: str, published: float | None,
         seen: float | None, order: int) -> TraceDoc:
    body = "\n\n".join(" ".join(lines[i:i + 2]) for i in range(1, len(lines), 2))
    return TraceDoc(key=key, url=f"https://{site}/{key}", site=site, lang=lang,
                    title=lines[0], text=body or lines[0], published=published, seen=seen,
                    order=order)


@dataclass
class Pool:
    name: str
    docs: list[TraceDoc]
    truth: dict[str, str | None]           # key -> true original (root) or None
    stories: list[list[str]]


def translations(docs: dict[str, list[list[str]]], count: int = 60, seed: int = 3) -> Pool:
    """Originals with fr/es translations; every 5th original missing (one orphan translation
    instead), every 7th alone (no translation). Seen times are one pass; published times hours apart."""
    rng = random.Random(seed)
    pool = Pool("translations", [], {}, [])
    for n in range(min(count, len(docs["en"]))):
        t0 = BASE + n * 3600.0
        story = []
        if n % 5 != 4:
            key = f"en-{n}"
            pool.docs.append(_doc(key, "en", docs["en"][n], "origin.test", t0,
                                  BASE + rng.uniform(0, 5), n))
            pool.truth[key] = None
            story.append(key)
        if n % 7 == 6:
            continue
        for lang in ("fr", "es") if n % 5 != 4 else (rng.choice(("fr", "es")),):
            key = f"{lang}-{n}"
            pool.docs.append(_doc(key, lang, docs[lang][n], f"{lang}-desk.test",
                                  t0 + rng.uniform(1800, 30000), BASE + rng.uniform(0, 5), n))
            pool.truth[key] = f"en-{n}" if n % 5 != 4 else None
            story.append(key)
        pool.stories.append(story)
    rng.shuffle(pool.docs)
    return pool


def versions(docs: dict[str, list[list[str]]], count: int = 40, offset: int = 60) -> Pool:
    """Each document in five versions: en original, fr and es translations, a relay copy of
    the fr (one sentence dropped, published later) and a partial es (first half)."""
    pool = Pool("versions", [], {}, [])
    for n in range(offset, min(offset + count, len(docs["en"]))):
        t0 = BASE + n * 3600.0
        en, fr, es = docs["en"][n], docs["fr"][n], docs["es"][n]
        items = [("en", en, "origin.test", 0.0), ("fr", fr, "fr-desk.test", 3600.0),
                 ("es", es, "es-desk.test", 4000.0),
                 ("fr", fr[:3] + fr[4:], "fr-relay.test", 9000.0),
                 ("es", es[:DOC_LINES // 2], "es-short.test", 12000.0)]
        story = []
        for v, (lang, lines, site, delay) in enumerate(items):
            key = f"v{n}-{v}"
            pool.docs.append(_doc(key, lang, lines, site, t0 + delay, BASE + v, n * 10 + v))
            pool.truth[key] = None if v == 0 else f"v{n}-0"
            story.append(key)
        pool.stories.append(story)
    return pool


def relays(docs: dict[str, list[list[str]]], count: int = 50, offset: int = 100,
           seed: int = 5) -> Pool:
    """Translations and partial translations among near-miss distractors: document n's
    original, its translation, and document n+1 (same article) in the other language."""
    rng = random.Random(seed)
    pool = Pool("relays", [], {}, [])
    for n in range(offset, min(offset + 2 * count, len(docs["en"]) - 1), 2):
        t0 = BASE + n * 3600.0
        src, dst = rng.choice((("en", "fr"), ("en", "es"), ("fr", "en"), ("es", "fr")))
        original, derived = f"o{n}", f"d{n}"
        lines = docs[dst][n] if n % 4 else docs[dst][n][:4]       # some partial
        pool.docs.append(_doc(original, src, docs[src][n], f"{src}-paper.test", t0, BASE, n))
        pool.docs.append(_doc(derived, dst, lines, f"{dst}-relay.test",
                              t0 + rng.uniform(600, 20000), BASE + 1, n))
        neighbour = f"x{n}"
        pool.docs.append(_doc(neighbour, dst, docs[dst][n + 1], f"{dst}-other.test",
                              t0 + rng.uniform(600, 20000), BASE + 2, n))
        pool.truth.update({original: None, derived: original, neighbour: None})
        pool.stories.append([original, derived])
    return pool


def rewrites(docs: dict[str, list[list[str]]], factor: int = 3, count: int = 30,
             offset: int = 0, seed: int = 7) -> Pool:
    """A wire rewrite that adds background: document n translated, each of its sentences
    followed by ``factor`` - 1 sentences of unrelated documents (from 100 on, never in the
    pool), under another headline (one of those sentences). With the original and the
    same article's next document (a near miss, in the rewrite's language)."""
    rng = random.Random(seed)
    pool = Pool(f"rewrites x{factor}", [], {}, [])
    for n in range(offset, min(offset + 2 * count, len(docs["en"]) - 1), 2):
        t0 = BASE + n * 3600.0
        src, dst = rng.choice((("en", "fr"), ("fr", "en"), ("es", "en"), ("en", "es")))
        background: list[str] = []
        while len(background) < (factor - 1) * len(docs[dst][n]) + 1:
            other = rng.randrange(100, len(docs[dst]))
            background.extend(docs[dst][other])
        lines = [background[0]]
        for i, sentence in enumerate(docs[dst][n]):
            lines += [sentence] + background[1 + i * (factor - 1):1 + (i + 1) * (factor - 1)]
        original, derived, neighbour = f"o{n}", f"w{n}", f"x{n}"
        pool.docs.append(_doc(original, src, docs[src][n], f"{src}-paper.test", t0, BASE, n))
        pool.docs.append(_doc(derived, dst, lines, f"{dst}-wire.test",
                              t0 + rng.uniform(600, 20000), BASE + 1, n))
        pool.docs.append(_doc(neighbour, dst, docs[dst][n + 1], f"{dst}-other.test",
                              t0 + rng.uniform(600, 20000), BASE + 2, n))
        pool.truth.update({original: None, derived: original, neighbour: None})
        pool.stories.append([original, derived])
    return pool


def catalan(docs: dict[str, list[list[str]]], render, count: int = 33, offset: int = 100,
            seed: int = 11) -> Pool:
    """Machine-translated Catalan relays (a language the encoder does not know): document
    n's English original and a Catalan rendering of its French translation (``render``:
    French lines -> Catalan lines, e.g. Apertium fra-cat; some partial), among Catalan
    renderings of the same article's next document (near misses, no original present)."""
    rng = random.Random(seed)
    pool = Pool("catalan", [], {}, [])
    numbers = list(range(offset, min(offset + 2 * count, len(docs["en"]) - 1), 2))
    french = [docs["fr"][n] if n % 4 else docs["fr"][n][:4] for n in numbers]
    french += [docs["fr"][n + 1] for n in numbers]
    flat = render([line for lines in french for line in lines])
    catalan, start = [], 0
    for lines in french:
        catalan.append(flat[start:start + len(lines)])
        start += len(lines)
    for i, n in enumerate(numbers):
        t0 = BASE + n * 3600.0
        original, derived, neighbour = f"o{n}", f"c{n}", f"x{n}"
        pool.docs.append(_doc(original, "en", docs["en"][n], "en-paper.test", t0, BASE, n))
        pool.docs.append(_doc(derived, "ca", catalan[i], "ca-relay.test",
                              t0 + rng.uniform(600, 20000), BASE + 1, n))
        pool.docs.append(_doc(neighbour, "ca", catalan[len(numbers) + i], "ca-other.test",
                              t0 + rng.uniform(600, 20000), BASE + 2, n))
        pool.truth.update({original: None, derived: original, neighbour: None})
        pool.stories.append([original, derived])
    return pool


@dataclass
class Score:
    derived: int
    found: int
    not_derived: int
    wrong: int            # articles given a wrong original (or any, when they have none)
    story_f1: float

    def line(self, name: str) -> str:
        return (f"{name:<13} original found {self.found}/{self.derived} = "
                f"{self.found / max(1, self.derived):.3f}   wrongly linked {self.wrong}/"
                f"{self.derived + self.not_derived} = "
                f"{self.wrong / max(1, self.derived + self.not_derived):.3f}   "
                f"story pair F1 {self.story_f1:.3f}")


def _pairs(groups) -> set[tuple[str, str]]:
    return {(a, b) for group in groups for a in group for b in group if a < b}


def score(pool: Pool, derived_from: dict, stories: list[list[str]]) -> Score:
    derived = [k for k, v in pool.truth.items() if v]
    found = [k for k in derived if (link := derived_from.get(k)) and link.derived_from ==
             pool.truth[k]]
    wrong = [k for k, v in pool.truth.items()
             if (link := derived_from.get(k)) is not None and link.derived_from != v]
    truth, got = _pairs(pool.stories), _pairs(stories)
    common = len(truth & got)
    precision, recall = common / max(1, len(got)), common / max(1, len(truth))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return Score(len(derived), len(found), len(pool.truth) - len(derived), len(wrong), f1)
