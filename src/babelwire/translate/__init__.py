"""Machine translation: the ``Translator`` protocol, engines and wrappers.

    translator = PivotTranslator(ApertiumTranslator())
    result = translate_texts(translator, [title, body], "fr", "en")
"""

from babelwire.translate.apertium import ApertiumTranslator, language_code
from babelwire.translate.base import BatchResult, Translator
from babelwire.translate.identity import IdentityTranslator
from babelwire.translate.pivot import DEFAULT_PIVOTS, PivotTranslator, find_route, reachable_pairs
from babelwire.translate.service import available_pairs, can_translate, split_paragraphs, translate_texts

__all__ = [
    "DEFAULT_PIVOTS",
    "ApertiumTranslator",
    "BatchResult",
    "IdentityTranslator",
    "PivotTranslator",
    "Translator",
    "available_pairs",
    "can_translate",
    "find_route",
    "language_code",
    "reachable_pairs",
    "split_paragraphs",
    "translate_texts",
]
