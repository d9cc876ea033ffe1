"""The encoder's runtimes: OpenVINO's compiled graph gives numpy's vectors, a wrong or
missing runtime is a one-line setting error, and auto falls back to numpy."""

from __future__ import annotations

import numpy as np
import pytest

from babelwire.errors import ConfigError
from babelwire.provenance import encoder, use_forward, use_openvino
from babelwire.provenance.records import TraceOptions
from babelwire.provenance.tracer import Tracer

from test_encoder import TEXTS

needs_openvino = pytest.mark.skipif(not use_openvino.available(),
                                    reason="the openvino package is not installed")


@needs_openvino
def test_openvino_gives_the_numpy_vectors():
    numpy_model = encoder._model(2, "numpy")
    openvino_model = encoder._model(2, "openvino")
    assert numpy_model.forward is use_forward.forward
    assert isinstance(openvino_model.forward, use_openvino.OpenVinoForward)
    texts = TEXTS + [f"Sentence number {n} about the harbour bridge vote." for n in range(300)]
    a, b = numpy_model.encode(texts), openvino_model.encode(texts)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    assert np.min(np.sum(a * b, axis=1)) > 0.9995
    # what the tracer reads: similarities between sentences, not the vectors themselves
    assert np.max(np.abs(a @ a.T - b @ b.T)) < 0.01


@needs_openvino
def test_openvino_batches_split_like_numpy(monkeypatch):
    model = encoder._model(2, "openvino")
    monkeypatch.setattr(encoder, "TOKEN_BUDGET", 16)
    small = model.encode(TEXTS)
    monkeypatch.setattr(encoder, "TOKEN_BUDGET", 4096)
    large = model.encode(TEXTS)
    small /= np.linalg.norm(small, axis=1, keepdims=True)
    large /= np.linalg.norm(large, axis=1, keepdims=True)
    assert np.min(np.sum(small * large, axis=1)) > 0.9995


@needs_openvino
def test_streams_give_one_stream_vectors_bit_for_bit(monkeypatch):
    streams = encoder._model(2, "openvino")
    single = encoder._model(2, "openvino", streams=1)
    assert (streams.forward.streams, single.forward.streams) == (2, 1)
    texts = TEXTS + [f"Line {n}: the ferry timetable for the {n}th week." for n in range(400)]
    calls = []
    run = streams.forward.run
    monkeypatch.setattr(streams.forward, "run", lambda w, batches: (
        calls.append([len(group) for group, _ in batches]), run(w, batches)))
    assert np.array_equal(streams.encode(texts), single.encode(texts))
    assert len(calls[0]) >= 2 and sum(calls[0]) == len(texts)
    # a small call is shared between the streams too, and still gives the same rows
    few = texts[:40]
    assert np.array_equal(streams.encode(few), single.encode(few))
    assert len(calls[1]) >= 2


@needs_openvino
def test_a_failing_stream_raises_in_the_caller(monkeypatch):
    model = encoder._model(2, "openvino")

    def broken(requests, w, group, out):
        raise RuntimeError("stream failed")
    monkeypatch.setattr(model.forward, "_forward", broken)
    with pytest.raises(RuntimeError, match="stream failed"):
        model.encode([f"Sentence {n} of a long enough call." for n in range(200)])


def test_batches_keep_the_token_budget():
    pieces = [[1] * 10, [1] * 10, [1] * 50, [1] * 5, [1] * 5]
    assert list(encoder._batches(pieces, 20)) == [(0, 2), (2, 3), (3, 5)]
    assert list(encoder._batches(pieces, 1000)) == [(0, 5)]
    assert list(encoder._batches([], 20)) == []


def test_unknown_runtime_is_a_setting_error():
    with pytest.raises(ConfigError, match="provenance.encoder_runtime is 'gpu'"):
        encoder.use_runtime("gpu")
    with pytest.raises(ConfigError, match="encoder_runtime"):
        Tracer(TraceOptions(encoder_runtime="gpu"))


def test_missing_openvino(monkeypatch):
    monkeypatch.setattr(use_openvino, "available", lambda: False)
    with pytest.raises(ConfigError, match="pip install openvino"):
        encoder.use_runtime("openvino")
    assert use_openvino.forward_for("auto", None, 2) is use_forward.forward


def test_tracer_selects_the_runtime():
    try:
        Tracer(TraceOptions(encoder_runtime="numpy"))
        assert encoder._RUNTIME[0] == "numpy"
        model = encoder._model(2)
        assert model.forward is use_forward.forward
    finally:
        encoder.use_runtime("auto")
