"""The neural engine: installed Argos Translate / OPUS-MT models run by CTranslate2.

    translator = NeuralTranslator(Path("babelwire-data/models"))
    translator.translate_batch(["Le port a rouvert. Les bateaux sont sortis."], "fr", "en")

Each segment is split into sentences (per language), every sentence of the
batch is tokenized with SentencePiece and translated in length-sorted batches,
and the translations are joined back with the segment's own spacing. One
``ctranslate2.Translator`` is loaded per pair, on first use, and kept.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from babelwire.errors import NoEngineError
from babelwire.translate.base import BatchResult
from babelwire.translate.neural.batching import plan_batches
from babelwire.translate.neural.model import Hypothesis, LoadedModel, NeuralOptions
from babelwire.translate.neural.sentences import join_sentences, split_sentences
from babelwire.translate.packages import ARGOS, ModelPackage, list_packages, version_key

log = logging.getLogger(__name__)

ENGINE_NAME = "ctranslate2"


class NeuralTranslator:
    """Translates with the models installed in ``models_dir``."""

    name = ENGINE_NAME

    def __init__(self, models_dir: Path, options: NeuralOptions | None = None) -> None:
        self.models_dir = Path(models_dir)
        self.options = options or NeuralOptions()
        self._packages: dict[tuple[str, str], ModelPackage] | None = None
        self._stamp: int | None = None
        self._loaded: dict[tuple[str, str], LoadedModel] = {}
        self._lock = threading.RLock()

    # -- discovery ---------------------------------------------------------

    def packages(self) -> dict[tuple[str, str], ModelPackage]:
        """(source, target) -> installed package; Argos wins a tie, then the newest.

        The folder is read again when it changes (a model installed or removed
        while babelwire runs); a model whose package changed is loaded again.
        """
        stamp = _folder_stamp(self.models_dir)
        if self._packages is None or stamp != self._stamp:
            found: dict[tuple[str, str], ModelPackage] = {}
            for package in list_packages(self.models_dir):
                if package.pair not in found or _preferred(package, found[package.pair]):
                    found[package.pair] = package
            with self._lock:
                self._loaded = {pair: model for pair, model in self._loaded.items()
                                if found.get(pair) == model.package}
            self._packages, self._stamp = found, stamp
        return self._packages

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.packages())

    def version(self) -> str:
        return f"ctranslate2 {_ctranslate2_version()}"

    def pair_version(self, source: str, target: str) -> str:
        """The model's kind, name and version, and the CTranslate2 version."""
        package = self._package(source, target)
        return f"{package.kind} {package.name} {package.version} (ctranslate2 {_ctranslate2_version()})"

    # -- translation -------------------------------------------------------

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        package = self._package(source, target)
        split = [split_sentences(segment, source) for segment in segments]
        sentences = [sentence for pairs in split for sentence, _ in pairs if sentence]
        translations = iter(self.translate_sentences(sentences, source, target))
        out: list[str] = []
        unknown: list[bool] = []
        for pairs in split:
            done = [(next(translations) if sentence else ("", False), gap) for sentence, gap in pairs]
            out.append(join_sentences([(text, gap) for (text, _), gap in done]))
            unknown.append(any(flagged for (_, flagged), _ in done))
        log.debug("%s: %d segments, %d sentences", package.name, len(segments), len(sentences))
        return BatchResult(segments=tuple(out), engine=self.name,
                           engine_version=self.pair_version(source, target), pivot=None,
                           unknown=tuple(unknown))

    def translate_sentences(self, sentences: list[str], source: str, target: str) -> list[tuple[str, bool]]:
        """(translation, unknown words?) per sentence, in order, in length-sorted batches.

        An empty list loads no model.
        """
        if not sentences:
            return []
        model = self.model(source, target)
        tokens = [model.encode(sentence) for sentence in sentences]
        hypotheses: list[Hypothesis | None] = [None] * len(sentences)
        for batch in plan_batches([len(t) for t in tokens], self.options.max_batch_tokens,
                                  self.options.max_batch_sentences):
            for index, hypothesis in zip(batch, model.translate([tokens[i] for i in batch]), strict=True):
                hypotheses[index] = hypothesis
        return [(model.decode(hypothesis.tokens), hypothesis.unknown)
                for hypothesis in hypotheses if hypothesis is not None]

    def model(self, source: str, target: str) -> LoadedModel:
        """The loaded model for the pair (loaded on first use, then kept)."""
        pair = (source, target)
        package = self._package(source, target)  # before the lock: it may rescan the folder
        with self._lock:
            if pair not in self._loaded:
                self._loaded[pair] = LoadedModel(package, self.options)
            return self._loaded[pair]

    def _package(self, source: str, target: str) -> ModelPackage:
        package = self.packages().get((source, target))
        if package is None:
            raise NoEngineError(f"no neural model for {source}→{target}: "
                                f"install one (babelwire models install translate-{source}_{target})")
        return package


def _preferred(candidate: ModelPackage, current: ModelPackage) -> bool:
    if (candidate.kind == ARGOS) != (current.kind == ARGOS):
        return candidate.kind == ARGOS
    return version_key(candidate.version) > version_key(current.version)


def _folder_stamp(folder: Path) -> int | None:
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


def _ctranslate2_version() -> str:
    import ctranslate2

    return ctranslate2.__version__
