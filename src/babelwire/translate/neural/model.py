"""A neural model in memory: one ``ctranslate2.Translator`` and its SentencePiece tokenizers.

Loading is lazy (first translation of the pair) and done once per pair by the
engine; nothing here runs at import time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from babelwire.errors import TranslationError
from babelwire.translate.packages import ModelPackage

log = logging.getLogger(__name__)

UNKNOWN_TOKEN = "<unk>"


@dataclass(frozen=True)
class NeuralOptions:
    """How the engine runs CTranslate2 (one row each in the settings)."""

    beam_size: int = 2
    max_batch_tokens: int = 2048  # padded source tokens per CTranslate2 call
    max_batch_sentences: int = 32
    max_decoding_length: int = 256
    inter_threads: int = 1  # batches translated in parallel
    intra_threads: int = 0  # threads per batch; 0 lets CTranslate2 choose
    device: str = "cpu"
    compute_type: str = "default"


@dataclass(frozen=True)
class Hypothesis:
    tokens: tuple[str, ...]
    unknown: bool


class LoadedModel:
    """One package's CTranslate2 translator with its source and target tokenizers."""

    def __init__(self, package: ModelPackage, options: NeuralOptions) -> None:
        import ctranslate2
        import sentencepiece

        self.package = package
        self.options = options
        try:
            self.source_tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.path / package.source_spm))
            self.target_tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.path / package.target_spm))
            self.translator = ctranslate2.Translator(
                str(package.model_path), device=options.device, compute_type=options.compute_type,
                inter_threads=options.inter_threads, intra_threads=options.intra_threads)
        except (OSError, RuntimeError, ValueError) as exc:
            raise TranslationError(
                f"cannot load the model {package.name} from {package.path}: {exc}; reinstall it "
                f"(babelwire models install ...)") from exc
        log.info("loaded model %s %s (%s→%s)", package.name, package.version, package.source, package.target)

    def encode(self, sentence: str) -> list[str]:
        return self.source_tokenizer.encode(sentence, out_type=str)

    def decode(self, tokens: tuple[str, ...]) -> str:
        return self.target_tokenizer.decode_pieces(list(tokens)).strip()

    def translate(self, batch: list[list[str]]) -> list[Hypothesis]:
        """The best hypothesis for each tokenized sentence of one batch.

        Sentences whose translation holds ``<unk>`` are translated again with the
        attention returned, to copy the source token each unknown came from.
        """
        results = self._run(batch, attention=False)
        unknown = [index for index, result in enumerate(results) if UNKNOWN_TOKEN in result.hypotheses[0]]
        if unknown:
            for index, result in zip(unknown, self._run([batch[i] for i in unknown], attention=True)):
                results[index] = result
        return [_hypothesis(result, tokens, self.package.target_prefix)
                for result, tokens in zip(results, batch, strict=True)]

    def _run(self, batch: list[list[str]], attention: bool) -> list:
        longest = max(len(tokens) for tokens in batch)
        prefix = [[self.package.target_prefix]] * len(batch) if self.package.target_prefix else None
        try:
            return list(self.translator.translate_batch(
                batch, target_prefix=prefix, beam_size=self.options.beam_size,
                max_batch_size=len(batch), return_attention=attention,
                max_decoding_length=min(self.options.max_decoding_length, 2 * longest + 16)))
        except (RuntimeError, ValueError) as exc:
            raise TranslationError(f"model {self.package.name} failed: {exc}") from exc


def _hypothesis(result, source_tokens: list[str], target_prefix: str) -> Hypothesis:
    """The first hypothesis, its unknown tokens replaced by the source token most attended to."""
    tokens = list(result.hypotheses[0])
    if target_prefix and tokens[:1] == [target_prefix]:
        tokens = tokens[1:]
    unknown = UNKNOWN_TOKEN in tokens
    if unknown:
        attention = result.attention[0] if result.attention else []
        offset = len(result.hypotheses[0]) - len(tokens)
        for index, token in enumerate(tokens):
            if token == UNKNOWN_TOKEN:
                tokens[index] = _attended(attention, index + offset, source_tokens)
    return Hypothesis(tokens=tuple(tokens), unknown=unknown)


def _attended(attention, position: int, source_tokens: list[str]) -> str:
    if position >= len(attention):
        return ""
    weights = list(attention[position])[: len(source_tokens)]
    if not weights:
        return ""
    return source_tokens[max(range(len(weights)), key=weights.__getitem__)]
