"""Machine translation: the ``Translator`` protocol, engines and wrappers.

    translator = PivotTranslator(ApertiumTranslator())
    translator = EngineSelector({"ctranslate2": NeuralTranslator(models), "apertium": ApertiumTranslator()})
    result = translate_texts(translator, [title, body], "fr", "en")
    options = TranslateOptions(glossary=load_glossary(entries), memory=TranslationMemory(db))
    result = translate_texts(translator, [title, body], "fr", "en", options)  # structure-safe, remembered

Names are imported on first use (PEP 562): ``babelwire translate`` must not pay
for the neural engine or the HTTP client when it runs Apertium.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ApertiumTranslator": "babelwire.translate.apertium",
    "language_code": "babelwire.translate.apertium",
    "BatchResult": "babelwire.translate.base",
    "Translator": "babelwire.translate.base",
    "IdentityTranslator": "babelwire.translate.identity",
    "LibreTranslateTranslator": "babelwire.translate.libretranslate",
    "NeuralOptions": "babelwire.translate.neural",
    "NeuralTranslator": "babelwire.translate.neural",
    "OpenAICompatTranslator": "babelwire.translate.openai_compat",
    "ModelPackage": "babelwire.translate.packages",
    "install_package": "babelwire.translate.packages",
    "list_packages": "babelwire.translate.packages",
    "remove_package": "babelwire.translate.packages",
    "DEFAULT_PIVOTS": "babelwire.translate.pivot",
    "PivotTranslator": "babelwire.translate.pivot",
    "find_route": "babelwire.translate.pivot",
    "reachable_pairs": "babelwire.translate.pivot",
    "ServerOptions": "babelwire.translate.remote",
    "EngineSelector": "babelwire.translate.select",
    "Glossary": "babelwire.translate.glossary",
    "GlossaryEntry": "babelwire.translate.glossary",
    "load_glossary": "babelwire.translate.glossary",
    "TranslationMemory": "babelwire.translate.memory",
    "TextsResult": "babelwire.translate.service",
    "TranslateOptions": "babelwire.translate.service",
    "available_pairs": "babelwire.translate.service",
    "can_translate": "babelwire.translate.service",
    "split_paragraphs": "babelwire.translate.service",
    "translate_texts": "babelwire.translate.service",
    "split_sentences": "babelwire.translate.structure",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
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
    from babelwire.translate.service import TextsResult, TranslateOptions, available_pairs, can_translate, split_paragraphs, translate_texts
    from babelwire.translate.structure import split_sentences
