"""Boilerplate as data: patterns, per language, for what is not the story.

Each table maps a kind of clutter to regular expressions (case-insensitive),
in English, French, Spanish, German, Italian, Portuguese, Russian and Dutch.
A body line matching a BOILERPLATE pattern is dropped when it is short; a line
matching DISCLAIMER leaves the body and is kept as evidence for provenance.
"""

from __future__ import annotations

import re

# Auto-translation notices: evidence that the page is a machine-translated relay.
DISCLAIMER = (
    r"\b(translated|translation) (automatically|by machine)\b",
    r"\b(automatically|machine[- ])translated\b",
    r"\bauto-?translated\b",
    r"\bmachine translation\b",
    r"\boriginal (text|version) (prevails|is authoritative)\b",
    r"\btradu(it|ite|its|ites) automatiquement\b",
    r"\btraduction automatique\b",
    r"\btraducid[oa]s? automáticamente\b",
    r"\btraducci[oó]n autom[aá]tica\b",
    r"\b(automatisch|maschinell) übersetzt\b",
    r"\bmaschinelle übersetzung\b",
    r"\btradott[oaie] automaticamente\b",
    r"\btraduzione automatica\b",
    r"\btraduzid[oa]s? automaticamente\b",
    r"\btradução automática\b",
    r"переведен[аоы]? автоматически",
    r"(машинный|автоматический) перевод",
    r"\bautomatisch vertaald\b",
    r"\bmachinevertaling\b",
)

# Labels that introduce a credit link: "Source: <a>Outlet</a>".
SOURCE_LABEL = (
    r"source", r"sources", r"original", r"original article", r"read the full article at",
    r"read the original", r"via", r"lien source", r"article original", r"fuente",
    r"art[ií]culo original", r"quelle", r"originalartikel", r"fonte", r"articolo originale",
    r"artigo original", r"источник", r"оригинал", r"bron", r"origineel artikel",
)

# Short lines that are site furniture, never news.
BOILERPLATE = {
    "back_to_top": (
        r"^(back to top|to top|scroll to top|retour en haut( de (la )?page)?|haut de page|"
        r"volver arriba|ir arriba|subir|nach oben|zurück nach oben|torna su|torna all'inizio|"
        r"voltar ao topo|topo|наверх|terug naar boven|naar boven)\W*$",
    ),
    "share": (
        r"^(share|partager|compartir|teilen|condividi|compartilhe|compartilhar|поделиться|delen)"
        r"\b.{0,60}$",
        r"^(tweet|print|imprimer|imprimir|drucken|stampa|e-?mail|whatsapp|facebook|twitter|x)"
        r"(\s*[|·•/]\s*\w+)*\W*$",
    ),
    "cookies": (
        r"\b(we|this site) uses? cookies\b", r"\bnous utilisons des cookies\b",
        r"\b(utilizamos|usamos) cookies\b", r"\bwir verwenden cookies\b",
        r"\butilizziamo (i )?cookie\b", r"\bmы используем (файлы )?cookie",
        r"\bwij gebruiken cookies\b", r"\bce site utilise des cookies\b",
        r"\best(e|a) (sitio|web) utiliza cookies\b", r"\baccept (all )?cookies\b",
    ),
    "newsletter": (
        r"\b(subscribe|sign up) (to|for) (our|the) newsletter\b",
        r"\babonnez-vous à (notre|la) (newsletter|lettre d'information)\b",
        r"\binscrivez-vous à (notre|la) newsletter\b",
        r"\bsuscr[ií]bete a (nuestro|nuestra) (bolet[ií]n|newsletter)\b",
        r"\bnewsletter abonnieren\b", r"\biscriviti alla (nostra )?newsletter\b",
        r"\bassine (a )?nossa newsletter\b", r"\bподпишитесь на (нашу )?рассылку\b",
        r"\bschrijf je in voor (onze|de) nieuwsbrief\b",
    ),
    "theme": (
        r"\b(theme|thème|tema|thema) (by|par|de|von|di)\b", r"\bpowered by\b",
        r"\bpropulsé par\b", r"\bfunciona con wordpress\b", r"\bbereitgestellt von\b",
        r"\bwork(s|ing)? with wordpress\b", r"^all rights reserved\b", r"^©",
        r"\btous droits réservés\b", r"\btodos los derechos reservados\b",
        r"\balle rechte vorbehalten\b", r"\btutti i diritti riservati\b",
        r"\btodos os direitos reservados\b", r"\bвсе права защищены\b",
        r"\balle rechten voorbehouden\b",
    ),
    "related": (
        r"^(related( articles| stories| news)?|read (also|more|next)|see also|more on this|"
        r"à lire aussi|lire aussi|sur le même sujet|voir aussi|lee también|noticias relacionadas|"
        r"te puede interesar|m[aá]s noticias|auch interessant|mehr zum thema|leggi anche|"
        r"potrebbe interessarti|leia também|veja também|читайте также|по теме|lees ook|"
        r"meer over dit onderwerp)\b.{0,80}$",
    ),
    "tags": (
        r"^(tags|étiquettes|mots-clés|etiquetas|schlagworte|schlagwörter|tag|temi|"
        r"теги|метки|trefwoorden)\s*:",
    ),
}

# Byline prefixes: "By Jane Doe", "Par ...", "Por ...", "Von ...", "Di ...", "Door ...", "Автор:".
BYLINE = r"^(by|par|por|von|di|de|door|автор:?|текст:?)\s+[\w'’.-]+(\s+[\w'’.-]+){0,4}$"

# Separators between a headline and an outlet name in a title.
TITLE_SEPARATORS = (" | ", " — ", " – ", " - ", " :: ", " · ", " // ")

# Classes and ids that mark a standfirst (teaser) element.
STANDFIRST_CLASS = re.compile(
    r"(standfirst|chapo|chapeau|bajada|entradilla|sumario|lead|dek|summary|excerpt|"
    r"subtitle|sub-title|subheadline|intro|teaser|kicker-text|description|descr|sottotitolo|"
    r"occhiello|linha-fina|vorspann|anriss|inleiding)",
    re.I,
)

# "... according to the FT", "a rapporté Le Monde": outlets cited as the origin of a report.
OUTLET_NAME = (r"(?P<outlet>[A-Z][\w&.'’-]*(?:\s(?:(?:de|du|des|del|della|di|da|do|of|the|la|le|"
               r"los|las|y|et|and|von|van|der|für)\s)?[A-Z][\w&.'’-]*){0,4})")

CITED = (
    r"\baccording to (?:the )?" + OUTLET_NAME,
    r"\b(?:as )?reported by (?:the )?" + OUTLET_NAME,
    r"\ba rapporté (?:le |la |l['’]|les )?" + OUTLET_NAME,
    r"\bselon (?:le |la |l['’]|les )?" + OUTLET_NAME,
    r"\bsegún (?:el |la |los |las )?" + OUTLET_NAME,
    r"\binformó (?:el |la )" + OUTLET_NAME,
)

# "BRUSSELS (Reuters) –": a dateline credit.
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÝА-Я][A-ZÀ-ÝА-Я .'’/-]{1,40})\s*\((?P<outlet>[A-Z][\w .&'’-]{1,40})\)\s*[-–—]"
)


def compile_any(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


DISCLAIMER_RE = compile_any(DISCLAIMER)
SOURCE_LABEL_RE = re.compile(
    r"^\s*(?:" + "|".join(SOURCE_LABEL) + r")\s*[:：-]?\s*", re.I
)
BOILERPLATE_RE = {kind: compile_any(p) for kind, p in BOILERPLATE.items()}
BYLINE_RE = re.compile(BYLINE, re.I)
CITED_RE = tuple(re.compile(p) for p in CITED)
