"""Interface strings, language names, and choosing the reader's language.

The reader's language comes from ``?lang=``, else the ``lang`` cookie, else
the best Accept-Language match among the configured targets, else the first
target. Interface strings fall back to English for a language without them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

FALLBACK = "en"
COOKIE = "lang"
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "tagline": "the world's news, machine-translated, with its sources",
        "latest": "Latest articles",
        "mt_badge": "MT",
        "machine_translation": "Machine translation",
        "not_yet_translated": "not yet translated",
        "original_language": "Original language",
        "published": "Published",
        "first_seen": "First seen",
        "original_article": "Original article",
        "translation": "Translation",
        "original": "Original",
        "original_title": "Original title",
        "author": "Author",
        "outlet": "Outlet",
        "attribution": "Credited by the page",
        "disclaimers": "Disclaimers found on the page",
        "other_translations": "Other translations",
        "translation_failed": "Translation failed",
        "not_found": "Not found",
        "not_found_text": "There is nothing at this address.",
        "bad_request": "Bad request",
        "back_home": "Back to the latest articles",
        "sources": "Sources",
        "source": "Source",
        "last_fetch": "Last fetch",
        "last_success": "Last success",
        "error_count": "Errors in a row",
        "last_error": "Last error",
        "last_warning": "Last warning",
        "next_check": "Next check",
        "articles_stored": "Articles stored",
        "newer": "Newer",
        "older": "Older",
        "page": "Page",
        "no_articles": "No articles yet.",
        "no_sources": "No sources yet.",
        "language": "Language",
        "in_your_language": "This article is already in your language.",
        "feed": "Atom feed",
        "api": "JSON API",
        "never": "never",
        "mt_feed_prefix":
            "Machine translation ({engine}) of an article in {language} from {outlet}",
        "feed_original_prefix": "Article in {language} from {outlet}",
        "feed_title": "babelwire: latest articles in {language}",
        "via": "via",
    },
    "fr": {
        "tagline": "l'actualité du monde, traduite automatiquement, avec ses sources",
        "latest": "Derniers articles",
        "mt_badge": "TA",
        "machine_translation": "Traduction automatique",
        "not_yet_translated": "pas encore traduit",
        "original_language": "Langue d'origine",
        "published": "Publié",
        "first_seen": "Vu pour la première fois",
        "original_article": "Article original",
        "translation": "Traduction",
        "original": "Original",
        "original_title": "Titre original",
        "author": "Auteur",
        "outlet": "Média",
        "attribution": "Sources citées par la page",
        "disclaimers": "Avertissements trouvés sur la page",
        "other_translations": "Autres traductions",
        "translation_failed": "La traduction a échoué",
        "not_found": "Introuvable",
        "not_found_text": "Il n'y a rien à cette adresse.",
        "bad_request": "Requête invalide",
        "back_home": "Retour aux derniers articles",
        "sources": "Sources",
        "source": "Source",
        "last_fetch": "Dernière collecte",
        "last_success": "Dernier succès",
        "error_count": "Erreurs consécutives",
        "last_error": "Dernière erreur",
        "last_warning": "Dernier avertissement",
        "next_check": "Prochaine collecte",
        "articles_stored": "Articles enregistrés",
        "newer": "Plus récents",
        "older": "Plus anciens",
        "page": "Page",
        "no_articles": "Aucun article pour l'instant.",
        "no_sources": "Aucune source pour l'instant.",
        "language": "Langue",
        "in_your_language": "Cet article est déjà dans votre langue.",
        "feed": "Flux Atom",
        "api": "API JSON",
        "never": "jamais",
        "mt_feed_prefix":
            "Traduction automatique ({engine}) d'un article en {language} publié par {outlet}",
        "feed_original_prefix": "Article en {language} publié par {outlet}",
        "feed_title": "babelwire : derniers articles en {language}",
        "via": "via",
    },
}

# language code -> its name in each interface language
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "fr": "anglais"},
    "fr": {"en": "French", "fr": "français"},
    "es": {"en": "Spanish", "fr": "espagnol"},
    "ca": {"en": "Catalan", "fr": "catalan"},
    "pt": {"en": "Portuguese", "fr": "portugais"},
    "it": {"en": "Italian", "fr": "italien"},
    "de": {"en": "German", "fr": "allemand"},
    "nl": {"en": "Dutch", "fr": "néerlandais"},
    "gl": {"en": "Galician", "fr": "galicien"},
    "eu": {"en": "Basque", "fr": "basque"},
    "oc": {"en": "Occitan", "fr": "occitan"},
    "ro": {"en": "Romanian", "fr": "roumain"},
    "ru": {"en": "Russian", "fr": "russe"},
    "uk": {"en": "Ukrainian", "fr": "ukrainien"},
    "pl": {"en": "Polish", "fr": "polonais"},
    "ar": {"en": "Arabic", "fr": "arabe"},
    "zh": {"en": "Chinese", "fr": "chinois"},
    "ja": {"en": "Japanese", "fr": "japonais"},
    "und": {"en": "undetermined language", "fr": "langue indéterminée"},
}

# a language's own name, for the switcher
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ca": "Català",
                "pt": "Português", "it": "Italiano", "de": "Deutsch", "nl": "Nederlands"}


class Interface:
    """The interface strings of one language, callable: ``t("key", **values)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._strings = STRINGS.get(lang, STRINGS[FALLBACK])

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key) or STRINGS[FALLBACK][key]
        return text.format(**values) if values else text

    def language_name(self, code: str) -> str:
        names = LANGUAGE_NAMES.get(code)
        if names is None:
            return code
        return names.get(self.lang) or names[FALLBACK]


def native_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


def parse_accept_language(header: str) -> list[str]:
    """Primary language subtags, best first: 'fr-CA,fr;q=0.9,en;q=0.5' -> ['fr', 'en']."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if quality > 0 and (primary == "*" or LANGUAGE_CODE.fullmatch(primary)):
            ranked.append((-quality, position, primary))
    return [code for _, _, code in sorted(ranked)]


def choose_language(targets: Sequence[str], query: Mapping[str, str],
                    cookies: Mapping[str, str], accept_language: str) -> str:
    """The reader's language among ``targets`` (see the module docstring)."""
    for candidate in (query.get("lang", ""), cookies.get(COOKIE, "")):
        code = candidate.strip().lower()
        if code in targets:
            return code
    for code in parse_accept_language(accept_language):
        if code in targets:
            return code
        if code == "*":
            break
    return targets[0] if targets else FALLBACK
