"""A tiny neural model built in the test run: no model can be downloaded here.

``build_opus_mt_folder`` writes an OPUS-MT-style folder (Marian ``.npz`` of random
weights: embeddings of 16, one layer, two heads; SentencePiece vocabularies
trained on a few invented sentences; ``decoder.yml``). ``convert_opus_mt`` turns
it into a CTranslate2 folder with ``ctranslate2.converters.OpusMTConverter``, and
``pack_argos_model`` zips that as an Argos Translate ``.argosmodel``. The
translations are gibberish; the tests assert on the mechanics.

Import the fixtures into a test module with
``from neural_fixtures import tiny_opus_mt, tiny_argosmodel  # noqa: F401``.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
import yaml

SENTENCES = [  # invented text, written for these tests
    "Le conseil de Valmorel a voté le budget du port mardi soir.",
    "La maire Odile Brassac a parlé pendant dix minutes.",
    "Les pêcheurs attendent une réponse depuis trois ans.",
    "Un nouveau quai ouvrira au printemps, selon la mairie.",
    "The council of Valmorel voted on the harbour budget on Tuesday evening.",
    "Mayor Odile Brassac spoke for ten minutes.",
    "The fishermen have been waiting for an answer for three years.",
    "A new quay will open in the spring, according to the town hall.",
    "Quel temps fera-t-il demain à Port-Lune ? Il pleuvra.",
    "What will the weather be tomorrow in Port-Lune? It will rain.",
]

EMBEDDING = 16
FFN = 32
HEADS = 2
MODEL_CONFIG = {
    "type": "transformer",
    "enc-depth": 1,
    "dec-depth": 1,
    "transformer-heads": HEADS,
    "transformer-decoder-autoreg": "self-attention",
    "transformer-no-projection": False,
    "transformer-ffn-activation": "relu",
    "transformer-preprocess": "",
    "transformer-postprocess": "dan",
    "transformer-postprocess-emb": "d",
    "transformer-guided-alignment-layer": "last",
}


def train_sentencepiece(path: Path, sentences: list[str], vocab_size: int = 60) -> list[str]:
    """Train a small SentencePiece model at ``path``; return its pieces."""
    import sentencepiece

    buffer = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences), model_writer=buffer, vocab_size=vocab_size,
        hard_vocab_limit=False, character_coverage=1.0, model_type="unigram", minloglevel=2)
    path.write_bytes(buffer.getvalue())
    processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _marian_vocabulary(pieces: list[str]) -> list[str]:
    specials = {"<unk>", "<s>", "</s>"}
    return ["</s>", "<unk>", *[piece for piece in pieces if piece not in specials]]


def _write_vocabulary_yml(path: Path, tokens: list[str]) -> None:
    path.write_text("".join(f"{json.dumps(token, ensure_ascii=False)}: {index}\n"
                            for index, token in enumerate(tokens)), encoding="utf-8")


def _attention(rng: np.random.Generator, scope: str) -> dict[str, np.ndarray]:
    weights = {}
    for part in ("q", "k", "v", "o"):
        weights[f"{scope}_W{part}"] = rng.normal(0, 0.3, (EMBEDDING, EMBEDDING))
        weights[f"{scope}_b{part}"] = np.zeros((1, EMBEDDING))
    weights[f"{scope}_Wo_ln_scale"] = np.ones((1, EMBEDDING))
    weights[f"{scope}_Wo_ln_bias"] = np.zeros((1, EMBEDDING))
    return weights


def _feed_forward(rng: np.random.Generator, scope: str) -> dict[str, np.ndarray]:
    return {
        f"{scope}_W1": rng.normal(0, 0.3, (EMBEDDING, FFN)), f"{scope}_b1": np.zeros((1, FFN)),
        f"{scope}_W2": rng.normal(0, 0.3, (FFN, EMBEDDING)), f"{scope}_b2": np.zeros((1, EMBEDDING)),
        f"{scope}_ffn_ln_scale": np.ones((1, EMBEDDING)), f"{scope}_ffn_ln_bias": np.zeros((1, EMBEDDING)),
    }


def marian_weights(vocab_size: int, seed: int = 7, unknown_bias: float = 0.0) -> dict[str, np.ndarray]:
    """Random Marian transformer weights, one encoder and one decoder layer.

    ``unknown_bias`` raises the output logit of ``<unk>`` (index 1), to make a model that answers unknowns.
    """
    rng = np.random.default_rng(seed)
    weights = {"Wemb": rng.normal(0, 1.0, (vocab_size, EMBEDDING)),
               "decoder_ff_logit_out_b": np.zeros((1, vocab_size))}
    weights["decoder_ff_logit_out_b"][0, 1] = unknown_bias
    weights.update(_attention(rng, "encoder_l1_self"))
    weights.update(_feed_forward(rng, "encoder_l1_ffn"))
    weights.update(_attention(rng, "decoder_l1_self"))
    weights.update(_attention(rng, "decoder_l1_context"))
    weights.update(_feed_forward(rng, "decoder_l1_ffn"))
    weights = {name: value.astype(np.float32) for name, value in weights.items()}
    config = yaml.safe_dump(MODEL_CONFIG).encode() + b"\0"
    weights["special:model.yml"] = np.frombuffer(config, dtype=np.int8)
    return weights


def build_opus_mt_folder(folder: Path, unknown_bias: float = 0.0) -> Path:
    """An unconverted OPUS-MT folder: model.npz, decoder.yml, vocab and source/target.spm."""
    folder.mkdir(parents=True, exist_ok=True)
    pieces = train_sentencepiece(folder / "source.spm", SENTENCES)
    shutil.copyfile(folder / "source.spm", folder / "target.spm")
    tokens = _marian_vocabulary(pieces)
    _write_vocabulary_yml(folder / "opus.spm-spm.vocab.yml", tokens)
    np.savez(folder / "opus.spm-spm.npz", **marian_weights(len(tokens), unknown_bias=unknown_bias))
    (folder / "decoder.yml").write_text(yaml.safe_dump({
        "models": ["opus.spm-spm.npz"],
        "vocabs": ["opus.spm-spm.vocab.yml", "opus.spm-spm.vocab.yml"],
        "beam-size": 4,
    }))
    return folder


def convert_opus_mt(folder: Path, output: Path) -> Path:
    """The CTranslate2 conversion of an OPUS-MT folder, with its SentencePiece models beside it."""
    from ctranslate2.converters import OpusMTConverter

    OpusMTConverter(str(folder)).convert(str(output), force=True)
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(folder / name, output / name)
    return output


def pack_argos_model(converted: Path, archive: Path, from_code: str, to_code: str,
                     version: str = "1.0") -> Path:
    """An Argos Translate package: metadata.json, model/ (CTranslate2), sentencepiece.model."""
    root = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    metadata = {"package_version": version, "argos_version": "1.9.0", "from_code": from_code,
                "from_name": from_code, "to_code": to_code, "to_name": to_code,
                "type": "translate", "languages": [], "dependencies": []}
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(f"{root}/metadata.json", json.dumps(metadata))
        package.writestr(f"{root}/README.md", "A tiny test model with random weights.\n")
        package.write(converted / "source.spm", f"{root}/sentencepiece.model")
        for path in sorted(converted.iterdir()):
            if path.suffix != ".spm":
                package.write(path, f"{root}/model/{path.name}")
        package.writestr(f"{root}/stanza/README", "ignored by babelwire\n")
    return archive


@pytest.fixture(scope="session")
def tiny_opus_mt(tmp_path_factory) -> Path:
    """An unconverted OPUS-MT folder for fr→en (random weights), named like OPUS-MT's."""
    return build_opus_mt_folder(tmp_path_factory.mktemp("opus") / "opus-mt-fr-en")


@pytest.fixture(scope="session")
def tiny_converted(tiny_opus_mt: Path, tmp_path_factory) -> Path:
    """The same model converted for CTranslate2 (model.bin, shared vocabulary, *.spm)."""
    return convert_opus_mt(tiny_opus_mt, tmp_path_factory.mktemp("ct2") / "opus-mt-fr-en")


@pytest.fixture(scope="session")
def tiny_argosmodel(tiny_converted: Path, tmp_path_factory) -> Path:
    """The model packed as ``translate-fr_en-1_0.argosmodel``."""
    folder = tmp_path_factory.mktemp("argos")
    return pack_argos_model(tiny_converted, folder / "translate-fr_en-1_0.argosmodel", "fr", "en")
