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
