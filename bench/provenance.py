"""Time to trace N generated articles, and how the cost grows with N.

Generates synthetic news from sentence templates (English and parallel
Spanish) that share a pool of invented names, places and numbers, so that
blocking on names and numbers finds non-trivial candidates:
  - originals (English or Spanish), each about one "event" (names, numbers);
  - copies of earlier articles on another site (a sentence dropped, words edited);
  - translations (the same event and template sentences in the other language);
  - same-event articles written independently (same names and numbers, other
    sentences), which must not be linked as copies;
  - unrelated articles that reuse common names and numbers.
Then runs the whole batch tracer (candidates, alignment, encoder on the few
cross-language candidates, stories, relay sites) and prints time per article
and the growth exponent between sizes (1.0 = linear), and how many copies and
translations were linked to their true original (the same-event articles are
reported as paraphrases by design of the templates: this is a speed bench;
quality is measured in tests/eval/provenance and bench/provenance_real.py).

    .venv/bin/python bench/provenance.py [--sizes 10000 100000] [--seed 7] [--baseline]
                                         [--window-days 7] [--no-encoder]
                                         [--runtime auto|openvino|numpy] [--vs-numpy]
                                         [--workers 0] [--vs-serial] [--vs-one-stream]
                                         [--vs-any-prefix-pair]

``--runtime`` is where the sentence encoder runs (the provenance.encoder_runtime
setting); ``--vs-numpy`` also traces each size with the numpy encoder, in the same run.
``--workers`` is the provenance.workers setting (0: one process per core); ``--vs-serial``
also traces each size in one process (workers 1), in the same run.
``--vs-one-stream`` also traces each size with the OpenVINO encoder in one stream of two
threads (the way before its streams), in the same run.
``--vs-any-prefix-pair`` also traces each size aligning in full every pair whose first
sentences hold one pair at PREFIX_MIN (the prefix test before it asked for aligned
sentences: compare.could_align), in the same run.

Articles are generated a minute apart; the tracer compares those first seen within
``--window-days`` of each other (default: the provenance.window_days setting, as
``babelwire run`` and ``babelwire trace`` do), 0 for the whole pool.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import time

from babelwire.provenance import TraceDoc, TraceOptions, trace_documents
from babelwire.provenance import compare, encoder
from babelwire.provenance.encoder import encode_sentences, use_runtime
from babelwire.settings import SETTINGS

FIRST = ["Ana", "Bruno", "Carla", "Dario", "Elena", "Fabio", "Greta", "Hugo", "Irene", "Jonas",
         "Karin", "Lucas", "Marta", "Nilo", "Olga", "Pablo", "Rosa", "Sergio", "Tania", "Victor"]
SYLLABLES = ["bar", "cel", "dor", "fen", "gal", "har", "kin", "lor", "mar", "nes", "pol", "quin",
             "ras", "sol", "tar", "ven", "wel", "zor", "ama", "ebe", "ilo", "uma"]
# Parallel English / Spanish vocabularies: a sentence and its translation draw the same items.
NOUNS = [("council", "consejo"), ("bridge", "puente"), ("hospital", "hospital"),
         ("school", "escuela"), ("factory", "fábrica"), ("harbour", "puerto"), ("market", "mercado"),
         ("railway", "ferrocarril"), ("budget", "presupuesto"), ("storm", "tormenta"),
         ("river", "río"), ("museum", "museo"), ("union", "sindicato"), ("court", "tribunal"),
         ("police", "policía"), ("airport", "aeropuerto"), ("library", "biblioteca"),
         ("festival", "festival"), ("company", "empresa"), ("government", "gobierno"),
         ("road", "carretera"), ("village", "pueblo"), ("report", "informe"), ("plan", "plan"),
         ("contract", "contrato"), ("election", "elección"), ("strike", "huelga"),
         ("fire", "incendio"), ("flood", "inundación"), ("vaccine", "vacuna"), ("tax", "impuesto"),
         ("station", "estación"), ("park", "parque"), ("stadium", "estadio"), ("bank", "banco"),
         ("minister", "ministro"), ("mayor", "alcalde"), ("judge", "juez"), ("teacher", "profesor"),
         ("doctor", "médico"), ("farmer", "agricultor"), ("driver", "conductor")]
VERBS = [("approved", "aprobó"), ("rejected", "rechazó"), ("closed", "cerró"), ("opened", "abrió"),
         ("delayed", "retrasó"), ("announced", "anunció"), ("criticised", "criticó"),
         ("defended", "defendió"), ("inspected", "inspeccionó"), ("repaired", "reparó"),
         ("blocked", "bloqueó"), ("funded", "financió"), ("investigated", "investigó"),
         ("suspended", "suspendió"), ("visited", "visitó"), ("expanded", "amplió"),
         ("sold", "vendió"), ("bought", "compró"), ("cancelled", "canceló"), ("welcomed", "acogió")]
ADJECTIVES = [("new", "nuevo"), ("old", "viejo"), ("regional", "regional"), ("national", "nacional"),
              ("public", "público"), ("private", "privado"), ("small", "pequeño"),
              ("large", "grande"), ("local", "local"), ("main", "principal"), ("former", "antiguo"),
              ("temporary", "temporal"), ("controversial", "polémico"), ("modern", "moderno")]
PATTERNS = [
    ("The {a1} {n1} {v1} the {n2} in {place} on {day}.",
     "El {n1} {a1} {v1} el {n2} en {place} el {day}."),
    ("{person} said that the {n1} {v1} {k1} {n2}s near {place}.",
     "{person} dijo que el {n1} {v1} {k1} {n2} cerca de {place}."),
    ("According to {org}, the {a1} {n1} {v1} the {n2} last week.",
     "Según {org}, el {n1} {a1} {v1} el {n2} la semana pasada."),
    ("Officials in {place} {v1} the {a1} {n1} after the {n2}.",
     "Las autoridades de {place} {v1} el {n1} {a1} después del {n2}."),
    ("The {n1} of {org} {v1} a {a1} {n2} worth {k2} million euros.",
     "El {n1} de {org} {v1} un {n2} {a1} de {k2} millones de euros."),
    ("{person2} {v1} the {n1} and the {a1} {n2} on {day}.",
     "{person2} {v1} el {n1} y el {n2} {a1} el {day}."),
]

# Independent reports of the same event: the same names and numbers, other phrasing.
INDEPENDENT = [
    "Residents of {place} reacted with surprise to news about the {n1} on {day}.",
    "{person} told reporters that {k1} {n2}s could be affected in the coming months.",
    "Critics argue the {a1} {n1} was never properly explained by {org}.",
    "A meeting at the town hall of {place} discussed the {n2} for hours.",
    "Some {n1} workers heard of the {a1} decision from friends rather than from {org}.",
    "{person2} called for an independent review of the {k2} million euros involved.",
]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_event(rng: random.Random) -> dict[str, str]:
    return {"person": f"{rng.choice(FIRST)} {name(rng)}", "person2": f"{rng.choice(FIRST)} {name(rng)}",
            "org": f"{name(rng)} {rng.choice(['Group', 'Motors', 'Foods', 'Steel', 'Textiles'])}",
            "place": name(rng), "day": f"{rng.randint(1, 28)} {rng.choice(['March', 'May', 'June'])}",
            "k1": str(rng.randint(20, 990)), "k2": str(rng.randint(11, 99))}


def draw_sentences(rng: random.Random, count: int) -> list[tuple[int, dict[str, int]]]:
    """Sentence specs: a pattern and the vocabulary items it uses (language-neutral)."""
    return [(rng.randrange(len(PATTERNS)),
             {"n1": rng.randrange(len(NOUNS)), "n2": rng.randrange(len(NOUNS)),
              "v1": rng.randrange(len(VERBS)), "a1": rng.randrange(len(ADJECTIVES))})
            for _ in range(count)]


def render(specs: list[tuple[int, dict[str, int]]], event: dict[str, str], lang: str) -> str:
    side = 0 if lang == "en" else 1
    sentences = []
    for pattern, items in specs:
        words = {"n1": NOUNS[items["n1"]][side], "n2": NOUNS[items["n2"]][side],
                 "v1": VERBS[items["v1"]][side], "a1": ADJECTIVES[items["a1"]][side]}
        sentences.append(PATTERNS[pattern][side].format(**words, **event))
    return "\n\n".join(" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2))


def _words(rng: random.Random) -> dict[str, str]:
    return {"n1": rng.choice(NOUNS)[0], "n2": rng.choice(NOUNS)[0], "a1": rng.choice(ADJECTIVES)[0]}


def generate(count: int, seed: int) -> list[TraceDoc]:
    return generate_with_truth(count, seed)[0]


def generate_with_truth(count: int, seed: int) -> tuple[list[TraceDoc], dict[str, str]]:
    """The articles, and each copy's and translation's original (key -> key)."""
    rng = random.Random(seed)
    truth: dict[str, str] = {}
    docs: list[TraceDoc] = []
    originals: list[tuple[TraceDoc, dict[str, str], list]] = []
    for number in range(count):
        kind = rng.random()
        site = f"site{rng.randint(1, max(10, count // 50))}.test"
        key, seen = f"a{number}", 1_700_000_000 + number * 60
        url = f"https://{site}/{key}"
        if originals and kind < 0.15:                       # copy, lightly edited
            source, event, specs = rng.choice(originals[-2000:])
            kept = [spec for spec in specs if rng.random() > 0.1] or specs
            doc = TraceDoc(key, url, site, source.lang, source.title,
                           render(kept, event, source.lang), seen=seen, order=number)
            truth[key] = source.key
        elif originals and kind < 0.20:                     # translation
            source, event, specs = rng.choice(originals[-2000:])
            lang = "es" if source.lang == "en" else "en"
            doc = TraceDoc(key, url, site, lang, render(specs[:1], event, lang),
                           render(specs[1:], event, lang), seen=seen, order=number)
            truth[key] = source.key
        elif originals and kind < 0.30:                     # same event, written independently
            source, event, _ = rng.choice(originals[-2000:])
            lines = [pattern.format(**event, **_words(rng)) for pattern in
                     rng.sample(INDEPENDENT, 5)]
            doc = TraceDoc(key, url, site, "en", lines[0], "\n\n".join(lines[1:]), seen=seen,
                           order=number)
        else:                                              # an original about a new event
            event, lang = make_event(rng), ("es" if rng.random() < 0.3 else "en")
            specs = draw_sentences(rng, 9)
            doc = TraceDoc(key, url, site, lang, render(specs[:1], event, lang),
                           render(specs[1:], event, lang), seen=seen, order=number)
            originals.append((doc, event, specs))
        docs.append(doc)
    return docs, truth


WINDOW_DAYS = next(s.default for s in SETTINGS if s.name == "provenance.window_days")


def _cpu() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


def run(size: int, seed: int, use_encoder: bool = True, window_days: float = 0.0,
        runtime: str = "auto", workers: int = 0) -> tuple[float, float]:
    """Trace ``size`` generated articles; (wall time, CPU time with the workers')."""
    docs, truth = generate_with_truth(size, seed)
    start, cpu = time.perf_counter(), _cpu()
    options = TraceOptions(use_encoder=use_encoder, encoder_threads=2, encoder_runtime=runtime,
                           workers=workers,
                           window_seconds=window_days * 86400.0 if window_days else None)
    outcome = trace_documents(docs, options)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    links = {key: link for key, link in outcome.derived_from.items() if link is not None}
    found = sum(1 for key, source in truth.items()
                if key in links and links[key].derived_from == source)
    print(f"{size:>8} articles: {elapsed:8.1f} s  {1000 * elapsed / size:6.2f} ms/article  "
          f"workers {workers or os.cpu_count()}  "
          f"(CPU {cpu:.1f} s, load {os.getloadavg()[0]:.1f})  "
          f"{len(links)} derived, {len(outcome.stories)} stories, {len(outcome.sites)} sites; "
          f"copies and translations linked to their original: {found} of {len(truth)}")
    print(f"{'':>10}steps: " + "; ".join(f"{step} {seconds:.1f} s"
                                         for step, seconds in outcome.timings.items()))
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-encoder", action="store_true",
                        help="the cheap path only: hashes, MinHash LSH, blocking, word alignment")
    parser.add_argument("--window-days", type=float, default=WINDOW_DAYS,
                        help="compare articles first seen this close in time, as babelwire does "
                             "(the provenance.window_days setting; articles are a minute apart); "
                             "0: the whole pool")
    parser.add_argument("--baseline", action="store_true",
                        help="also time the cheap path at each size, in the same run")
    parser.add_argument("--runtime", default="auto", choices=("auto", "openvino", "numpy"),
                        help="where the sentence encoder runs (provenance.encoder_runtime)")
    parser.add_argument("--vs-numpy", action="store_true",
                        help="also trace each size with the numpy encoder, in the same run")
    parser.add_argument("--workers", type=int, default=0,
                        help="processes for the tracer's Python work (provenance.workers)")
    parser.add_argument("--vs-serial", action="store_true",
                        help="also trace each size in one process (workers 1), in the same run")
    parser.add_argument("--vs-one-stream", action="store_true",
                        help="also trace each size with the OpenVINO encoder in one stream of "
                             "two threads (as before its streams), in the same run")
    parser.add_argument("--vs-any-prefix-pair", action="store_true",
                        help="also trace each size aligning in full every pair whose first "
                             "sentences hold one pair at PREFIX_MIN (as before the prefix "
                             "test asked for aligned sentences), in the same run")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpus, python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}; encoder {'off' if args.no_encoder else 'on'}; "
          f"window {args.window_days or 'none'} days; runtime {args.runtime}")
    if not args.no_encoder:  # the model loaded and run before any timing (once, a few s)
        warm = [s for doc in generate(300, args.seed + 1) for s in doc.text.split(". ")]
        for runtime in [args.runtime] + (["numpy"] if args.vs_numpy else []):
            use_runtime(runtime)
            encode_sentences(warm)
        if args.vs_one_stream:
            encoder._STREAMS[0] = 1
            encode_sentences(warm)
            encoder._STREAMS[0] = None
        use_runtime(args.runtime)
    times = []
    for size in args.sizes:
        wall, cpu = run(size, args.seed, not args.no_encoder, args.window_days, args.runtime,
                        args.workers)
        times.append((size, wall))
        if args.vs_serial:
            one, _ = run(size, args.seed, not args.no_encoder, args.window_days, args.runtime, 1)
            print(f"{'':>8} one process: {one:.1f} s; workers are {one / wall:.2f}x faster")
        if args.vs_one_stream and not args.no_encoder:
            encoder._STREAMS[0] = 1
            one, _ = run(size, args.seed, True, args.window_days, args.runtime, args.workers)
            encoder._STREAMS[0] = None
            print(f"{'':>8} encoder in one stream: {one:.1f} s; streams are "
                  f"{one / wall:.2f}x faster")
        if args.vs_any_prefix_pair and not args.no_encoder:
            saved, compare.PREFIX_ALIGNED = compare.PREFIX_ALIGNED, 0
            try:
                before, _ = run(size, args.seed, True, args.window_days, args.runtime,
                                args.workers)
            finally:
                compare.PREFIX_ALIGNED = saved
            print(f"{'':>8} any prefix pair: {before:.1f} s; the prefix test is "
                  f"{before / wall:.2f}x faster")
        if args.vs_numpy and not args.no_encoder:
            _, slow = run(size, args.seed, True, args.window_days, "numpy", args.workers)
            print(f"{'':>8} numpy encoder: CPU {slow:.1f} s; {args.runtime} is "
                  f"{slow / cpu:.2f}x faster in CPU time")
        if args.baseline and not args.no_encoder:
            _, cheap = run(size, args.seed, False, args.window_days, workers=args.workers)
            print(f"{'':>8} baseline (encoder off, no candidates by meaning): CPU {cheap:.1f} s; "
                  f"ratio {cpu / cheap:.2f}x")
    for (small, t_small), (large, t_large) in zip(times, times[1:]):
        exponent = math.log(t_large / t_small) / math.log(large / small)
        print(f"growth {small} -> {large}: time x{t_large / t_small:.1f} for articles "
              f"x{large / small:.0f}: exponent {exponent:.2f} (1.00 = linear)")


if __name__ == "__main__":
    main()
