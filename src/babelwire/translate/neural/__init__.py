"""Neural translation: CTranslate2 models from Argos Translate packages or OPUS-MT.

    engine.py     NeuralTranslator: split, tokenize, batch, translate, re-join
    model.py      one loaded model (CTranslate2 + SentencePiece) and NeuralOptions
    batching.py   length-sorted batches under a token budget
    sentences.py  sentence splitting per language (pysbd, with a fallback rule)
"""

from babelwire.translate.neural.batching import plan_batches
from babelwire.translate.neural.engine import ENGINE_NAME, NeuralTranslator
from babelwire.translate.neural.model import NeuralOptions
from babelwire.translate.neural.sentences import join_sentences, split_sentences

__all__ = ["ENGINE_NAME", "NeuralOptions", "NeuralTranslator", "join_sentences", "plan_batches",
           "split_sentences"]
