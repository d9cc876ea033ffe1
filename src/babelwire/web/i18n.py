"""Interface strings, language names, and choosing the reader's language.

The reader's language comes from ``?lang=``, else the ``lang`` cookie, else
the best Accept-Language match among the configured targets, else the first
target. Interface strings fall back to English for a language without them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .reader_strings import READER_STRINGS

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
        "stories": "Stories",
        "sites": "Sites",
        "sites_ranked": "Sites ranked by what they relay",
        "site_page": "what this site relays",
        "feed": "Atom feed",
        "api": "JSON API",
        "never": "never",
        "mt_feed_prefix":
            "Machine translation ({engine}) of an article in {language} from {outlet}",
        "feed_original_prefix": "Article in {language} from {outlet}",
        "feed_title": "babelwire: latest articles in {language}",
        "via": "via",
        "story": "Story",
        "search": "Search",
        "clear_filters": "clear filters",
        "any": "any",
        "from": "From",
        "to": "To",
        "apply": "Apply",
        "subscribe": "Subscribe to this list",
        "search_words": "Words",
        "search_help": "Search titles and texts, originals and translations: words (accents ignored), \"an exact phrase\", rain OR snow, -excluded, prefix*.",
        "search_nothing_to_search": "Type at least one word to search for.",
        "search_no_results": "No article matches.",
        "more_results": "More results",
        "paused": "paused",
        "health": "Health",
        "articles_per_day": "Articles per day, last 30 days",
        "last_7_days": "Last 7 days",
        "last_30_days": "last 30 days",
        "recent_events": "Recent events",
        "no_events": "No errors or warnings recorded.",
        "link": "link",
        "all_articles_from": "All articles from",
        "show_original": "Show the original beside the translation",
        "articles_in_story": "Every article of this story",
        "opml_export": "Export the sources as OPML",
        "admin": "Admin",
        "admin_disabled": "The admin is disabled: no admin token is configured. Set web.admin_token in babelwire.toml (or BABELWIRE_WEB_ADMIN_TOKEN) and restart.",
        "log_in": "Log in",
        "log_out": "Log out",
        "private_reader": "This reader is private",
        "wrong_token": "Wrong token.",
        "too_many_attempts": "Too many wrong tokens from your address: try again in {seconds} s.",
        "token": "Token",
        "done_added": "Source added.",
        "done_paused": "Source paused.",
        "done_resumed": "Source resumed.",
        "done_removed": "Source removed (its articles stay).",
        "done_imported": "OPML imported",
        "done_logged_in": "Logged in.",
        "new": "new",
        "already_there": "already there",
        "skipped": "skipped",
        "add_source": "Add a source",
        "name": "Name",
        "kind": "Kind",
        "add": "Add",
        "pause": "Pause",
        "resume": "Resume",
        "remove": "Remove",
        "import_opml": "Import an OPML subscription list",
        "import": "Import",
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
        "stories": "Sujets",
        "sites": "Sites",
        "sites_ranked": "Sites classés selon ce qu'ils relaient",
        "site_page": "ce que ce site relaie",
        "feed": "Flux Atom",
        "api": "API JSON",
        "never": "jamais",
        "mt_feed_prefix":
            "Traduction automatique ({engine}) d'un article en {language} publié par {outlet}",
        "feed_original_prefix": "Article en {language} publié par {outlet}",
        "feed_title": "babelwire : derniers articles en {language}",
        "via": "via",
        "story": "Sujet",
        "search": "Recherche",
        "clear_filters": "effacer les filtres",
        "any": "tous",
        "from": "Du",
        "to": "Au",
        "apply": "Appliquer",
        "subscribe": "S'abonner à cette liste",
        "search_words": "Mots",
        "search_help": "Cherchez dans les titres et les textes, originaux et traductions : des mots (sans tenir compte des accents), \"une expression exacte\", pluie OR neige, -exclu, préfixe*.",
        "search_nothing_to_search": "Tapez au moins un mot à chercher.",
        "search_no_results": "Aucun article ne correspond.",
        "more_results": "Plus de résultats",
        "paused": "en pause",
        "health": "État",
        "articles_per_day": "Articles par jour, 30 derniers jours",
        "last_7_days": "7 derniers jours",
        "last_30_days": "30 derniers jours",
        "recent_events": "Événements récents",
        "no_events": "Aucune erreur ni aucun avertissement.",
        "link": "lien",
        "all_articles_from": "Tous les articles de",
        "show_original": "Afficher l'original à côté de la traduction",
        "articles_in_story": "Tous les articles de ce sujet",
        "opml_export": "Exporter les sources en OPML",
        "admin": "Administration",
        "admin_disabled": "L'administration est désactivée : aucun jeton d'administration n'est configuré. Définissez web.admin_token dans babelwire.toml (ou BABELWIRE_WEB_ADMIN_TOKEN) puis redémarrez.",
        "log_in": "Se connecter",
        "log_out": "Se déconnecter",
        "private_reader": "Ce lecteur est privé",
        "wrong_token": "Jeton incorrect.",
        "too_many_attempts": "Trop de jetons incorrects depuis votre adresse : réessayez dans {seconds} s.",
        "token": "Jeton",
        "done_added": "Source ajoutée.",
        "done_paused": "Source mise en pause.",
        "done_resumed": "Source reprise.",
        "done_removed": "Source supprimée (ses articles restent).",
        "done_imported": "OPML importé",
        "done_logged_in": "Connecté.",
        "new": "nouvelles",
        "already_there": "déjà présentes",
        "skipped": "ignorées",
        "add_source": "Ajouter une source",
        "name": "Nom",
        "kind": "Type",
        "add": "Ajouter",
        "pause": "Pause",
        "resume": "Reprendre",
        "remove": "Supprimer",
        "import_opml": "Importer une liste d'abonnements OPML",
        "import": "Importer",
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
        self._strings = {**READER_STRINGS.get(lang, {}), **STRINGS.get(lang, STRINGS[FALLBACK])}

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key) or STRINGS[FALLBACK].get(key) or READER_STRINGS[FALLBACK][key]
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
