"""Machine translation: the ``Translator`` protocol, engines and wrappers.

    translator = PivotTranslator(ApertiumTranslator())
    translator = EngineSelector({"ctranslate2": NeuralTranslator(models), "apertium": ApertiumTranslator()})
    result = translate_texts(translator, [title, body], "fr", "en")
    options = TranslateOptions(glossary=load_glossary(entries), memory=TranslationMemory(db))
    result = translate_texts(translator, [title, body], "fr", "en", options)  # structure-safe, remembered
"""

from babelwire.translate.apertium import ApertiumTranslator, language_code
from babelwire.translate.base import BatchResult, Translator
from babelwire.translate.identity import IdentityTranslator
from babelwire.translate.libretranslate import LibreTranslateTranslator
from babelwire.translate.neural import NeuralOptions, NeuralTranslator
from babelwire.translate.openai_compat import OpenAICompatTranslator
from babelwire.translate.packages import ModelPackage, install_package, list_packages, remove_package
from babelwire.translate.pivot import DEFAULT_PIVOTS, PivotTranslator, find_route, reachable_pairs
from babelwire.translate.remote import ServerOptions
from babelwire.translate.select import EngineSelector
from babelwire.translate.glossary import Glossary, GlossaryEntry, load_glossary
from babelwire.translate.memory import TranslationMemory
from babelwire.translate.service import (
    TextsResult,
    TranslateOptions,
    available_pairs,
    can_translate,
    split_paragraphs,
    translate_texts,
)
from babelwire.translate.structure import split_sentences

__all__ = [
    "DEFAULT_PIVOTS",
    "Glossary",
    "GlossaryEntry",
    "TextsResult",
    "TranslateOptions",
    "TranslationMemory",
    "load_glossary",
    "split_sentences",
    "ApertiumTranslator",
    "BatchResult",
    "EngineSelector",
    "IdentityTranslator",
    "LibreTranslateTranslator",
    "ModelPackage",
    "NeuralOptions",
    "NeuralTranslator",
    "OpenAICompatTranslator",
    "PivotTranslator",
    "ServerOptions",
    "Translator",
    "available_pairs",
    "can_translate",
    "find_route",
    "install_package",
    "language_code",
    "list_packages",
    "reachable_pairs",
    "remove_package",
    "split_paragraphs",
    "translate_texts",
]
