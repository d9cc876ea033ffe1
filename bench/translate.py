"""babelwire's translation against the raw ``apertium`` command, on the eval set.

For every pair of ``tests/eval/translation`` (fr→en, es→en, en→fr), in the same run:
  - raw: the sources, one per line, through the ``apertium -u`` command along the
    route babelwire takes (``apertium -u fr-es | apertium -u spa-eng``): one call
    per batch and hop, unknown-word marks off (the stronger baseline);
  - babelwire: ``translate_texts`` (structure-safe path, Apertium, pivot), the
    sources grouped three to a text as paragraphs, with a fresh translation
    memory (every sentence a miss);
  - cached: the same call again, every sentence a memory hit.
Prints chrF of each and the difference, segments per second of each and their
ratio, and the cache-hit throughput.

    .venv/bin/python bench/translate.py [--repeat 3] [--cached-rounds 20]

With ``--corpus DIR`` (the FLORES-200 devtest layout: eng_Latn.devtest,
fra_Latn.devtest, spa_Latn.devtest, line-aligned) it measures real text
instead, per direction: the raw ``apertium -u`` pipeline along the measured
best route against the ``babelwire translate`` command (a new process, start-up
included), on the same ``--lines`` lines, in the same run: chrF of each (and of
lines 1-500 and 501-end apart when there are more), the
share of lines whose quotes, brackets and numbers are kept, names kept as
written (runs of capitalised words the source and the reference write
alike), the throughput ratio and the CPU time (user + system) of each.
``--routes`` also scores the raw command along every pivot.

    .venv/bin/python bench/translate.py --corpus ../shared/corpora/flores-devtest --lines 500
"""

from __future__ import annotations

import argparse
import os
import re
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "eval" / "translation"))

from evalset import PAIRS, chrf, load_pairs, paragraph_texts, structure_errors  # noqa: E402

from babelwire.storage import Database  # noqa: E402
from babelwire.translate import (  # noqa: E402
    ApertiumTranslator,
    PivotTranslator,
    TranslateOptions,
    TranslationMemory,
    find_route,
    translate_texts,
)


def raw_command(engine: ApertiumTranslator, source: str, target: str) -> str:
    """The shell pipeline of ``apertium -u`` calls along babelwire's route."""
    route = find_route(engine.pairs(), source, target)
    modes = engine.modes()
    return " | ".join(f"apertium -u {modes[(a, b)]}" for a, b in zip(route, route[1:]))


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


LAST_CPU = {"seconds": 0.0}  # CPU time of the last run_raw / run_command call


def run_raw(command: str, sources: list[str]) -> tuple[list[str], float]:
    start, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(["bash", "-c", command], input="\n".join(sources) + "\n", capture_output=True,
                          text=True, check=True)
    elapsed = time.perf_counter() - start
    LAST_CPU["seconds"] = children_cpu() - cpu
    lines = done.stdout.rstrip("\n").split("\n")
    if len(lines) != len(sources):
        raise SystemExit(f"raw apertium returned {len(lines)} lines for {len(sources)}")
    return lines, elapsed


def run_babelwire(translator, sources: list[str], source: str, target: str,
                  memory: TranslationMemory) -> tuple[list[str], float, object]:
    texts = paragraph_texts(sources)
    start = time.perf_counter()
    result = translate_texts(translator, texts, source, target, TranslateOptions(memory=memory))
    elapsed = time.perf_counter() - start
    return [p for text in result.segments for p in text.split("\n\n")], elapsed, result


def bench_pair(engine: ApertiumTranslator, source: str, target: str, repeat: int, rounds: int) -> dict:
    sources, references = load_pairs(source, target)
    translator = PivotTranslator(engine)
    command = raw_command(engine, source, target)
    raw_times, bw_times, cached_times = [], [], []
    for _ in range(repeat):
        raw, elapsed = run_raw(command, sources)
        raw_times.append(elapsed)
        with tempfile.TemporaryDirectory() as folder:
            db = Database(Path(folder) / "bench.sqlite3")
            memory = TranslationMemory(db)
            ours, elapsed, result = run_babelwire(translator, sources, source, target, memory)
            bw_times.append(elapsed)
            for _ in range(rounds):
                _, elapsed, cached = run_babelwire(translator, sources, source, target, memory)
                assert cached.memory_hits == cached.sentences and cached.sent_to_engine == 0
                cached_times.append(elapsed / cached.sentences)
            db.close()
    broken_raw = sum(1 for s, r in zip(sources, raw) if structure_errors(s, r, source, target))
    broken_ours = sum(1 for s, r in zip(sources, ours) if structure_errors(s, r, source, target))
    return {"pair": f"{source}→{target}", "command": command, "segments": len(sources),
            "sentences": result.sentences, "chrf_raw": chrf(raw, references),
            "chrf_bw": chrf(ours, references), "raw_s": statistics.median(raw_times),
            "bw_s": statistics.median(bw_times), "cached_per_s": 1 / statistics.median(cached_times),
            "broken_raw": broken_raw, "broken_bw": broken_ours}


def warm_up(engine: ApertiumTranslator) -> None:
    """Pay the one-time costs of a long-running process before timing: imports, pairs, versions."""
    translator = PivotTranslator(engine)
    for source, target in PAIRS:
        translate_texts(translator, ["Uno. Dos."], source, target)


def report(row: dict) -> None:
    raw_rate = row["segments"] / row["raw_s"]
    bw_rate = row["segments"] / row["bw_s"]
    print(f"{row['pair']}  ({row['segments']} segments, {row['sentences']} sentences; raw: {row['command']})")
    print(f"  chrF      raw {row['chrf_raw']:6.2f}   babelwire {row['chrf_bw']:6.2f}   "
          f"difference {row['chrf_bw'] - row['chrf_raw']:+.2f}")
    print(f"  speed     raw {raw_rate:7.1f} seg/s   babelwire {bw_rate:7.1f} seg/s   ratio {bw_rate / raw_rate:.2f}x")
    print(f"  cached    babelwire {row['cached_per_s']:,.0f} segments/s (second pass, every sentence a hit)")
    print(f"  structure segments broken: raw {row['broken_raw']}, babelwire {row['broken_bw']} "
          f"(quote marks, brackets, numbers, URLs)")


CORPUS_FILES = {"en": "eng_Latn.devtest", "fr": "fra_Latn.devtest", "es": "spa_Latn.devtest"}


def corpus_lines(folder: Path, language: str, count: int) -> list[str]:
    return (folder / CORPUS_FILES[language]).read_text(encoding="utf-8").splitlines()[:count]


def run_command(argv: list[str], lines: list[str], env: dict[str, str] | None = None) -> tuple[list[str], float]:
    start, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(argv, input="\n".join(lines) + "\n", capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    LAST_CPU["seconds"] = children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()[:300]}")
    out = done.stdout.rstrip("\n").split("\n")
    if len(out) != len(lines):
        raise SystemExit(f"{' '.join(argv)} returned {len(out)} lines for {len(lines)}")
    return out, elapsed


_NAME = re.compile(r"(?<![\w-])[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+")


def names_kept(sources: list[str], references: list[str], outputs: list[str]) -> tuple[int, int]:
    """(kept, total): names of two or more capitalised words that the source and the reference
    write alike (names a translation keeps as they are), and how many the output has as they are."""
    kept = total = 0
    for source, reference, output in zip(sources, references, outputs):
        for name in set(_NAME.findall(source)) & set(_NAME.findall(reference)):
            total += 1
            kept += name in output
    return kept, total


def kept_share(sources: list[str], outputs: list[str], source: str, target: str) -> float:
    kept = sum(1 for s, o in zip(sources, outputs) if not structure_errors(s, o, source, target))
    return 100.0 * kept / len(sources)


def halves(raw: list[str], ours: list[str], references: list[str], cut: int = 500) -> list[tuple]:
    """(lines, chrF raw, chrF babelwire) of lines 1..cut and cut+1..end, when there are both."""
    if len(references) <= cut:
        return []
    return [(f"{first + 1}-{last}", chrf(raw[first:last], references[first:last]),
             chrf(ours[first:last], references[first:last]))
            for first, last in ((0, cut), (cut, len(references)))]


def bench_corpus(engine: ApertiumTranslator, folder: Path, lines: int, routes: bool) -> list[dict]:
    babelwire = [sys.executable, "-c", "import sys; from babelwire.cli.main import main; sys.exit(main())"]
    # as installed: byte-code written once and reused (a shell may set PYTHONDONTWRITEBYTECODE)
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    rows = []
    for source, target in PAIRS:
        sources, references = corpus_lines(folder, source, lines), corpus_lines(folder, target, lines)
        command = raw_command(engine, source, target)
        argv = [*babelwire, "translate", "--from", source, "--to", target]
        run_command(argv, sources[:1], env)  # byte-code and page cache warm, as for raw's second run
        run_raw(command, sources[:1])
        raw, raw_s = run_raw(command, sources)
        raw_cpu = LAST_CPU["seconds"]
        ours, bw_s = run_command(argv, sources, env)
        row = {"pair": f"{source}→{target}", "command": command, "lines": len(sources),
               "chrf_raw": chrf(raw, references), "chrf_bw": chrf(ours, references), "raw_s": raw_s,
               "bw_s": bw_s, "raw_cpu": raw_cpu, "bw_cpu": LAST_CPU["seconds"],
               "halves": halves(raw, ours, references),
               "kept_raw": kept_share(sources, raw, source, target),
               "kept_bw": kept_share(sources, ours, source, target), "routes": {},
               "names_raw": names_kept(sources, references, raw), "names_bw": names_kept(sources, references, ours)}
        if routes:
            for pivot in sorted({p for p in ("es", "ca") if p not in (source, target)}):
                modes = engine.modes()
                if (source, pivot) in modes and (pivot, target) in modes:
                    other = f"apertium -u {modes[(source, pivot)]} | apertium -u {modes[(pivot, target)]}"
                    row["routes"][pivot] = chrf(run_raw(other, sources)[0], references)
        rows.append(row)
    return rows


def report_corpus(row: dict) -> None:
    print(f"{row['pair']}  ({row['lines']} lines; raw: {row['command']})")
    print(f"  chrF      raw {row['chrf_raw']:6.2f}   babelwire {row['chrf_bw']:6.2f}   "
          f"difference {row['chrf_bw'] - row['chrf_raw']:+.2f}")
    print(f"  kept      quotes, brackets, numbers: raw {row['kept_raw']:.1f}% of lines, "
          f"babelwire {row['kept_bw']:.1f}%")
    (raw_kept, total), (bw_kept, _) = row["names_raw"], row["names_bw"]
    print(f"  names     kept as written (in source and reference alike, {total}): raw {raw_kept}, "
          f"babelwire {bw_kept}")
    for lines, raw, ours in row["halves"]:
        print(f"  lines {lines:>9}  chrF raw {raw:6.2f}   babelwire {ours:6.2f}   difference {ours - raw:+.2f}")
    print(f"  time      raw {row['raw_s']:.2f} s   babelwire translate {row['bw_s']:.2f} s (start-up included)   "
          f"throughput ratio {row['raw_s'] / row['bw_s']:.2f}x")
    print(f"  CPU time  raw {row['raw_cpu']:.2f} s   babelwire translate {row['bw_cpu']:.2f} s (user + system, "
          f"every process)   ratio {row['raw_cpu'] / row['bw_cpu']:.2f}x")
    for pivot, score in row["routes"].items():
        print(f"  route     raw through {pivot}: chrF {score:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per pair; medians are reported")
    parser.add_argument("--cached-rounds", type=int, default=20, help="cached passes per run")
    parser.add_argument("--corpus", type=Path, help="a FLORES-style folder of line-aligned real text")
    parser.add_argument("--lines", type=int, default=500, help="lines per direction with --corpus")
    parser.add_argument("--routes", action="store_true", help="with --corpus: score the raw command per pivot")
    args = parser.parse_args()
    engine = ApertiumTranslator()
    if args.corpus:
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
              f"apertium {engine.version()}; corpus {args.corpus.name}, first {args.lines} lines\n")
        for row in bench_corpus(engine, args.corpus, args.lines, args.routes):
            report_corpus(row)
        return
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"python {platform.python_version()}, apertium {engine.version()}")
    print(f"eval set: tests/eval/translation, medians of {args.repeat} runs\n")
    warm_up(engine)
    rows = [bench_pair(engine, source, target, args.repeat, args.cached_rounds) for source, target in PAIRS]
    for row in rows:
        report(row)
    total_raw = sum(r["segments"] for r in rows) / sum(r["raw_s"] for r in rows)
    total_bw = sum(r["segments"] for r in rows) / sum(r["bw_s"] for r in rows)
    print(f"\nall pairs: raw {total_raw:.1f} seg/s, babelwire {total_bw:.1f} seg/s, ratio {total_bw / total_raw:.2f}x; "
          f"chrF above raw on every pair: {all(r['chrf_bw'] > r['chrf_raw'] for r in rows)}; "
          f"cached min {min(r['cached_per_s'] for r in rows):,.0f} segments/s")


if __name__ == "__main__":
    main()
