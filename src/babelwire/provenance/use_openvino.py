"""The forward pass of use_forward.py as OpenVINO graphs: the same layers on the same
weights, compiled by OpenVINO's CPU plugin.

It is used because it is faster, not different. The per-token layers (nearly all the
arithmetic) are one graph: on a CPU with bfloat16 matrix units (AMX, AVX-512 BF16) the
plugin computes them in bfloat16, about 2.5 times numpy's CPU time on two cores
(bench/encoder.py); on other CPUs in float32, still fused. The sum over each sentence's
tokens and the head are a second graph, in float32. The sentence vectors stay within a
cosine of 0.9995 of numpy's (tests/provenance/test_encoder_runtime.py). Only the lookup
in the 8-bit embedding table stays in numpy: with the head in numpy, numpy's BLAS threads
and OpenVINO's contended for the same two cores (the head alone took 100 ms a batch).

``openvino`` is imported when a graph is built, never at import time; without it, or with
``provenance.encoder_runtime = numpy``, the numpy path runs.
"""

from __future__ import annotations

import logging
import threading

import numpy as np

from ..errors import ConfigError
from . import use_forward as uf

log = logging.getLogger(__name__)

RUNTIMES = ("auto", "openvino", "numpy")


def available() -> bool:
    """True when the ``openvino`` package can be imported."""
    try:
        import openvino  # noqa: F401
    except ImportError:
        return False
    return True


def _layernorm(ops, x, gamma: np.ndarray, beta: np.ndarray, eps: float):
    centred = ops.subtract(x, ops.reduce_mean(x, np.array([1]), keep_dims=True))
    variance = ops.reduce_mean(ops.multiply(centred, centred), np.array([1]), keep_dims=True)
    scaled = ops.multiply(centred, ops.power(ops.add(variance, np.float32(eps)), np.float32(-0.5)))
    return ops.add(ops.multiply(scaled, gamma.astype(np.float32)), beta.astype(np.float32))


def _columns(ops, node, first: int, last: int):
    return ops.slice(node, np.array([first]), np.array([last]), np.array([1]), np.array([1]))


def _branch(ops, x, window, w, i: int):
    """One n-gram CNN branch: two convolutions over the token's window, with residuals."""
    order, left = uf.ORDERS[i]
    cols = _columns(ops, window, uf.MAX_LEFT - left, uf.MAX_LEFT - left + order)
    zero = ops.constant(np.zeros((1, uf.CNN_DIM), dtype=np.float32))

    def conv(inputs, weight, bias):
        gathered = ops.gather(ops.concat([inputs, zero], 0), cols, np.array(0))
        flat = ops.reshape(gathered, np.array([-1, order * uf.CNN_DIM]), False)
        return ops.relu(ops.add(ops.matmul(flat, weight, False, False), bias))

    xs = _columns(ops, x, i * uf.CNN_DIM, (i + 1) * uf.CNN_DIM)
    h = ops.add(conv(xs, w.w1[i], w.b1[i]), xs)
    return ops.add(conv(h, w.w2[i], w.b2[i]), h)


def _head(ops, sums, lens, w):
    """Mean over each sentence's tokens, then the feed-forward head and the L2 norm."""
    mean = ops.add(ops.matmul(sums, w.cnn_W, False, False), ops.multiply(lens, w.cnn_b))
    mean = ops.multiply(mean, ops.power(lens, np.float32(-0.5)))

    def dense(x, weight):
        return ops.matmul(x, weight, False, False)

    y1 = ops.relu(ops.add(dense(mean, w.p1), dense(ops.relu(dense(mean, w.d0)), w.d1)))
    z = ops.tanh(ops.add(dense(y1, w.p3), dense(ops.relu(dense(y1, w.d2)), w.d3)))
    norm = ops.reduce_sum(ops.multiply(z, z), np.array([1]), keep_dims=True)
    return ops.multiply(z, ops.power(ops.maximum(norm, np.float32(w.eps)), np.float32(-0.5)))


def build_features(w):
    """Inputs ``emb`` (tokens, 512) and ``window`` (tokens, 5); output the token features."""
    import openvino as ov
    import openvino.opset15 as ops

    emb = ops.parameter([-1, uf.EMB_DIM], np.float32, name="emb")
    window = ops.parameter([-1, uf.MAX_LEFT + uf.MAX_RIGHT + 1], np.int64, name="window")
    eps = float(w.eps)
    x = _layernorm(ops, ops.add(ops.matmul(emb, w.proj_W, False, False), w.proj_b),
                   w.ln_g_all, w.ln_b_all, eps)
    branches = [_branch(ops, x, window, w, i) for i in range(len(uf.ORDERS))]
    feats = _layernorm(ops, ops.concat([emb, *branches], 1), w.ln_g, w.ln_b, eps)
    return ov.Model([feats], [emb, window], "usem3_tokens")


def build_head(w):
    """Inputs ``feats`` (tokens, 1280), ``sentence`` (tokens, 1: each token's row) and
    ``lens`` (sentences, 1); output the sentence vectors (sentences, 512)."""
    import openvino as ov
    import openvino.opset15 as ops

    width = uf.EMB_DIM + len(uf.ORDERS) * uf.CNN_DIM
    feats = ops.parameter([-1, width], np.float32, name="feats")
    sentence = ops.parameter([-1, 1], np.int64, name="sentence")
    lens = ops.parameter([-1, 1], np.float32, name="lens")
    rows = ops.gather(ops.shape_of(lens), np.array([0]), np.array(0))
    zeros = ops.broadcast(np.float32(0), ops.concat([rows, np.array([width])], 0))
    sums = ops.scatter_nd_update(zeros, sentence, feats, reduction="sum")
    return ov.Model([_head(ops, sums, lens, w)], [feats, sentence, lens], "usem3_head")


class OpenVinoForward:
    """use_forward.forward's signature and result, on two compiled graphs: the per-token
    layers (bfloat16 where the CPU has it) and the sums and head (float32: summing a
    sentence's tokens in bfloat16 moved the vectors by up to 0.001 of cosine).

    With ``streams`` > 1 (one per thread by default), each graph is compiled for that
    many streams of one thread each, and :meth:`run` gives each stream its own batches
    from a Python thread. On two cores this was 20-25% faster than one stream of two
    threads (bench/encoder.py): a stream's layers never wait for the other core, which
    on a shared host is often late. The vectors are the same bit for bit: a sentence's
    vector does not depend on its batch."""

    def __init__(self, w, threads: int, streams: int | None = None) -> None:
        import openvino as ov

        core = ov.Core()
        capabilities = core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
        self.precision = "bf16" if "BF16" in capabilities else "f32"
        self.streams = max(1, threads if streams is None else streams)
        config = {"INFERENCE_NUM_THREADS": threads, "NUM_STREAMS": self.streams,
                  "PERFORMANCE_HINT": "THROUGHPUT" if self.streams > 1 else "LATENCY"}
        tokens = core.compile_model(build_features(w), "CPU", {
            **config, "INFERENCE_PRECISION_HINT": self.precision})
        head = core.compile_model(build_head(w), "CPU", {
            **config, "INFERENCE_PRECISION_HINT": "f32"})
        self._requests = [(tokens.create_infer_request(), head.create_infer_request())
                          for _ in range(self.streams)]
        log.info("sentence encoder: OpenVINO graphs compiled, %s, %d stream(s) on %d threads",
                 self.precision, self.streams, threads)

    def __call__(self, w, group: list[list[int]], out: np.ndarray) -> None:
        self._forward(self._requests[0], w, group, out)

    def run(self, w, batches: list[tuple[list[list[int]], np.ndarray]]) -> None:
        """Each (group, out) of ``batches``, spread over the streams."""
        if self.streams == 1 or len(batches) == 1:
            for group, out in batches:
                self._forward(self._requests[0], w, group, out)
            return
        from concurrent.futures import ThreadPoolExecutor

        queue = iter(batches)
        lock = threading.Lock()

        def stream(requests) -> None:
            while True:
                with lock:
                    batch = next(queue, None)
                if batch is None:
                    return
                self._forward(requests, w, *batch)

        # threads live for one call only: none is left running when the tracer forks
        with ThreadPoolExecutor(self.streams, thread_name_prefix="encoder") as pool:
            for done in [pool.submit(stream, requests) for requests in self._requests]:
                done.result()

    @staticmethod
    def _forward(requests, w, group: list[list[int]], out: np.ndarray) -> None:
        tokens, head = requests
        flat, starts, lens = uf.flatten(group)
        # shared, not copied: the token features of a batch are about 20 MB
        feats = tokens.infer({"emb": uf.embed(w, flat),
                              "window": uf.windows(starts, lens, len(flat))},
                             share_inputs=True, share_outputs=True)[0]
        out[:] = head.infer({
            "feats": feats,
            "sentence": np.repeat(np.arange(len(group), dtype=np.int64), lens)[:, None],
            "lens": lens.astype(np.float32)[:, None],
        }, share_inputs=True, share_outputs=True)[0]


def check(runtime: str) -> None:
    """Raise ConfigError when ``runtime`` is not a runtime this machine can use."""
    if runtime not in RUNTIMES:
        raise ConfigError(f"provenance.encoder_runtime is {runtime!r}: "
                          f"set it to one of {', '.join(RUNTIMES)}")
    if runtime == "openvino" and not available():
        raise ConfigError("provenance.encoder_runtime is openvino but the openvino package is "
                          "not installed: pip install openvino, or set it to auto")


def forward_for(runtime: str, w, threads: int, streams: int | None = None):
    """The forward pass for ``runtime`` (one of RUNTIMES), as ``f(w, group, out)``; the
    OpenVINO one also has ``run(w, batches)`` and ``streams``."""
    check(runtime)
    if runtime == "numpy" or not available():
        return uf.forward
    try:
        return OpenVinoForward(w, threads, streams)
    except Exception as exc:  # a plugin that cannot compile on this machine: numpy still can
        if runtime == "openvino":
            raise ConfigError(f"the OpenVINO CPU plugin cannot run the sentence encoder here "
                              f"({exc}): set provenance.encoder_runtime to numpy") from exc
        log.warning("sentence encoder: OpenVINO unavailable (%s); using numpy", exc)
        return uf.forward
