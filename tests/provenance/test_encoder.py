"""The encoder's fast path (C++ tokenizer, large batches) gives the package's own vectors."""

from __future__ import annotations

import numpy as np

from babelwire.provenance import encoder

TEXTS = [
    "The harbour council approved the new bridge on Tuesday.",
    "El consejo del puerto aprobó el nuevo puente el martes.",
    "Совет порта одобрил новый мост во вторник.",
    "Der Hafenrat hat am Dienstag die neue Brücke genehmigt.",
    "Το λιμενικό συμβούλιο ενέκρινε τη νέα γέφυρα την Τρίτη.",
    "",
    "短い文。",
    "A longer sentence " * 40,
]


def test_fast_path_matches_the_package():
    model = encoder._model(2)
    assert model.fast, "the package's backend lost _encode_batch: the fast path is off"
    fast = encoder.encode_sentences(TEXTS)
    slow = np.asarray(model.model.encode(TEXTS), dtype=np.float32)
    slow /= np.maximum(np.linalg.norm(slow, axis=1, keepdims=True), 1e-9)
    assert fast.shape == (len(TEXTS), encoder.DIM)
    assert np.min(np.sum(fast * slow, axis=1)) > 0.9999


def test_batches_split_at_the_token_budget(monkeypatch):
    monkeypatch.setattr(encoder, "TOKEN_BUDGET", 16)
    small = encoder.encode_sentences(TEXTS)
    monkeypatch.setattr(encoder, "TOKEN_BUDGET", 4096)
    large = encoder.encode_sentences(TEXTS)
    assert np.min(np.sum(small * large, axis=1)) > 0.9999


def test_translations_are_closer_than_unrelated_sentences():
    # English, Spanish, Russian, German (languages the encoder was trained on)
    vectors = encoder.encode_sentences(TEXTS[:4] + ["Stock markets fell sharply in Tokyo."])
    close = vectors[:4] @ vectors[:4].T
    far = vectors[:4] @ vectors[4]
    assert close[np.triu_indices(4, 1)].min() > far.max()


def test_repeated_sentences_are_encoded_once(monkeypatch):
    model = encoder._model(2)
    seen: list[int] = []
    original = type(model).encode
    monkeypatch.setattr(type(model), "encode", lambda self, texts: seen.append(len(texts))
                        or original(self, texts))
    vectors = encoder.encode_sentences([TEXTS[0], TEXTS[1], TEXTS[0]])
    assert seen == [2]
    assert vectors.shape == (3, encoder.DIM)
    assert np.allclose(vectors[0], vectors[2]) and not np.allclose(vectors[0], vectors[1])
