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
    r"\b(translated|translation) (automatically|by (a )?machine)\b",
    r"\b(automatically|machine[- ]|auto-?)translated\b",
    r"\b(machine|automatic|automated) translation\b",
    r"\boriginal (text|version|article) (prevails|is (the )?authoritative)\b",
    r"\btradu(it|ite|its|ites) automatiquement\b", r"\btraduction automatique\b",
    r"\btraducid[oa]s? (automáticamente|de forma automática)\b",
    r"\btraducci[oó]n autom[aá]tica\b",
    r"\b(automatisch|maschinell)\b.{0,60}\bübersetzt\b",
    r"\b(maschinelle|automatische) übersetzung\b",
    r"\btradott[oaie] (automaticamente|in automatico)\b", r"\btraduzione automatica\b",
    r"\btraduzid[oa]s? automaticamente\b", r"\btradução automática\b",
    r"переведен[аоы]? автоматически", r"(машинн|автоматическ)(ый|ого|ий) перевод",
    r"\b(automatisch|machinaal) vertaald\b", r"\bmachinevertaling\b",
    r"\bautomatische vertaling\b",
    r"\btradus[ăe]? (automat|în mod automat|cu ajutorul unui program)\b",
    r"\btraducere (automat[ăa]|realizat[ăa] automat)\b",
    r"перекладен[оаі]? автоматично", r"(машинн|автоматичн)(ий|ого) переклад",
    r"\b(automatycznie|maszynowo) przetłumaczon\w*", r"\bprzetłumaczon\w* (automatycznie|maszynowo)\b",
    r"\btłumaczenie (maszynowe|automatyczne)\b",
    r"\botomatik olarak çevril\w*", r"\b(makine|otomatik) çevirisi?\b",
    r"μεταφράστηκε (αυτόματα|μηχανικά)", r"(αυτόματη|μηχανική) μετάφραση",
    r"ترجمة (آلية|تلقائية)", r"ترجم\w*(?: \w+){0,3} (آليا|آلياً|تلقائيا|تلقائياً)",
)

# Labels that introduce a credit link: "Source: <a>Outlet</a>".
SOURCE_LABEL = (
    r"source", r"sources", r"original", r"original article", r"via", r"lien source",
    r"article original", r"source de l['’]article", r"fuente", r"fuente original",
    r"art[ií]culo original", r"quelle", r"originalartikel", r"originalquelle", r"fonte",
    r"fonte originale", r"articolo originale", r"artigo original", r"fonte original",
    r"источник", r"оригинал", r"первоисточник", r"bron", r"origineel artikel",
    r"oorspronkelijk artikel", r"surs[aă]", r"articolul original", r"джерело", r"źródło",
    r"kaynak", r"πηγή", r"المصدر",
)

# Labels that send the reader to the original: "Read the full article at <a>Outlet</a>".
READ_MORE_LABEL = (
    r"read (the )?(full|whole|complete|original) (article|story)( (at|on|in))?",
    r"read more (at|on)", r"continue reading (at|on)",
    r"lire (l['’]article|la suite)( (complet|original|intégral(e)?))? (sur|dans|chez)",
    r"(leer|lea|lee) (el artículo|la noticia)( (completo|completa|original))? en",
    r"(den )?(ganzen|vollständigen|kompletten) artikel (lesen )?(bei|auf)",
    r"weiterlesen (bei|auf)",
    r"leggi (l['’]articolo|la notizia)( (completo|completa|originale|integrale))? (su|sul|in)",
    r"leia (a|o) (matéria|reportagem|notícia|artigo)( (completa|completo|original))? (em|no|na)",
    r"читать (полностью|целиком|оригинал) (на|в)",
    r"lees (het|dit) (volledige|hele|originele) artikel (op|bij)",
)

# Short lines that are site furniture, never news.
BOILERPLATE = {
    "back_to_top": (
        r"^(back to top|to top|scroll to top|retour en haut( de (la )?page)?|haut de page|"
        r"volver arriba|ir arriba|subir|nach oben|zurück nach oben|torna su|torna all'inizio|"
        r"voltar ao topo|topo|наверх|terug naar boven|naar boven)\W*$",
        # a comment's button, a recipe card's screen-lock switch
        r"^(reply|répondre|responder|antworten|rispondi|ответить|beantwoorden)\W*$",
        r"^(cook mode\s*)?prevent (your )?screen from going dark( as you follow along)?\.?$",
    ),
    "share": (
        # a share widget's label, not a line about a share ("Share of homes sold above
        # asking", "Delen van de stad": parts of the city)
        r"^(share|partager|compartir|teilen|condividi|compartilhe|compartilhar|поделиться|delen)"
        r"\b(?!\s+(of|in|prices?|van|der)\b).{0,60}$",
        r"^(tweet|print|imprimer|imprimir|drucken|stampa|e-?mail|whatsapp|facebook|twitter|x)"
        r"(\s*[|·•/]\s*\w+)*\W*$",
    ),
    "cookies": (
        r"\b(we|this site) uses? cookies\b", r"\bnous utilisons des cookies\b",
        r"\b(utilizamos|usamos) cookies\b", r"\bwir verwenden cookies\b",
        r"\butilizziamo (i )?cookie\b", r"\bмы используем (файлы )?cookie",
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
        r"\bin your inbox\b", r"\bunsubscribe\b", r"\bdans votre boîte (mail|de réception)\b",
        r"\ben tu (correo|bandeja de entrada)\b", r"\bin ihr(em)? (e-mail-)?postfach\b",
        r"\bnella tua (casella|e-?mail)\b", r"\bno seu e-?mail\b", r"в вашей почте",
        r"\bin je (mailbox|inbox)\b", r"\bby (signing up|subscribing|clicking)\b",
        r"\ben vous inscrivant\b", r"\bal (suscribirte|registrarte)\b",
        r"\bmit (ihrer|der) anmeldung\b", r"\biscrivendoti\b", r"\bao se (cadastrar|inscrever)\b",
        r"нажимая (на )?кнопку", r"\bdoor (je|u) aan te melden\b",
    ),
    "theme": (
        r"\b(theme|thème|tema|thema) (by|par|de|von|di)\b", r"\bpowered by\b",
        r"\bpropulsé par\b", r"\bfunciona con wordpress\b", r"\bbereitgestellt von\b",
        r"\bwork(s|ing)? with wordpress\b", r"^all rights reserved\b", r"^©",
        r"^copyright\b", r"\ball rights reserved\W*$",
        r"\btous droits réservés\b", r"\btodos los derechos reservados\b",
        r"\balle rechte vorbehalten\b", r"\btutti i diritti riservati\b",
        r"\btodos os direitos reservados\b", r"\bвсе права защищены\b",
        r"\balle rechten voorbehouden\b",
    ),
    "related": (
        r"^(related( articles| stories| news| posts| reading)?|read (also|more|next|this next)|"
        r"see also|more on this|more (stories|articles|posts|from)\b|you (may|might) also like|"
        r"recommended( for you| reading)?|popular (posts|stories|articles)|latest (posts|news)|"
        r"keep reading|up next|what to read next|top (stories|news)|most (read|popular)|"
        r"top-themen|meistgelesen|les plus lus|lo más leído|i più letti|mais lidas|"
        r"à lire aussi|lire aussi|sur le même sujet|voir aussi|lee también|noticias relacionadas|"
        r"te puede interesar|m[aá]s noticias|auch interessant|mehr zum thema|leggi anche|"
        r"potrebbe interessarti|leia também|veja também|читайте также|по теме|lees ook|"
        r"meer over dit onderwerp)\b.{0,80}$",
    ),
    "ad_label": (
        r"^(advertisement|advertising|sponsored|publicité|publicidad|anuncio|anzeige|werbung|"
        r"pubblicità|publicidade|реклама|advertentie|ad)\W*$",
    ),
    "paywall": (
        r"\bsubscribe (now )?to (continue|keep) reading\b", r"\bsubscribers?[- ]only\b",
        r"\b(available|reserved|exclusive) (only )?(to|for) (our )?(subscribers|members)\b",
        r"\bexclusive to [\w+ ]{1,30} (subscribers|members)\b",
        r"\b(read|continue reading) the rest of (this|the) (story|article)\b",
        r"\balready (a )?(subscriber|member)\b", r"\bto (continue|keep) reading\b",
        r"\bunlock (this|the full) (article|story)\b",
        r"\bréservée? aux abonnés\b", r"\babonnez-vous pour (lire|continuer)\b",
        r"\bdéjà abonné\b", r"\bpour lire la suite\b", r"\bla suite est réservée\b",
        r"\bil vous reste \d+ ?% de (cet|l'|l’)article\b",
        r"\b(exclusivo|reservado) para (suscriptores|socios|abonados)\b",
        r"\bsuscr[ií]bete para (seguir|continuar) leyendo\b", r"\bya eres suscriptor\b",
        r"\bpara (seguir|continuar) leyendo\b",
        r"\bweiterlesen mit\b", r"\b(schon|bereits) abonnent\b",
        r"\b(nur|exklusiv) für (abonnenten|abonnentinnen)\b", r"\bjetzt abonnieren\b",
        r"\bum (den artikel|weiter) zu lesen\b", r"\bsie haben keinen zugang\b",
        r"\babbonati per (continuare a )?leggere\b", r"\briservat[oa] agli abbonati\b",
        r"\bsei già abbonato\b", r"\bper continuare a leggere\b",
        r"\bassine para (continuar|ler)\b", r"\bexclusivo para assinantes\b",
        r"já é assinante\b", r"\bpara continuar lendo\b",
        r"доступ(ен|на|но)? (только )?по подписке", r"оформите подписку", r"уже подписаны",
        r"только для подписчиков", r"чтобы (дочитать|продолжить чтение)",
        r"\balleen voor abonnees\b", r"\bal abonnee\b", r"\bneem een abonnement\b",
        r"\blees verder met\b", r"\bom dit artikel (verder )?te lezen\b",
    ),
    "promo": (
        r"\bdownload (our|the) app\b", r"\bfollow us on\b", r"\bget (the|our) app\b",
        r"\bsuivez-nous sur\b", r"\btéléchargez (notre|l['’])appli", r"\bsíguenos en\b",
        r"\bdescarga (nuestra|la) app\b", r"\bfolgen sie uns\b",
        r"\blade(n sie)? (unsere|die) app\b",
        r"\bseguici su\b", r"\bscarica (la nostra|l['’])app\b", r"\bsiga-nos\b",
        r"\bbaixe (o nosso|nosso|o) app\b", r"\bподписывайтесь на (наш|нас)\b",
        r"\bскачайте (наше )?приложение\b", r"\bчитайте нас в\b", r"\bvolg ons op\b",
        r"\bdownload (onze|de) app\b", r"\bnewsletter\b", r"\bnieuwsbrief\b", r"рассылк",
    ),
    "timestamp": (
        r"^(updated|actualizado|mis à jour|aktualisiert|aggiornato|atualizado|обновлено|"
        r"bijgewerkt)?\W*\d{1,2}[:.h]\d{2}\s*(h|uhr|ч\.?)?\W*$",
        r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}(,? \d{1,2}[:.]\d{2})?\W*$",
    ),
    # a line that only dates the page ("Last updated: April 21, 2025", "Published on
    # 5 March 2025", "Mis à jour le 3 novembre"): the date is metadata (`published`,
    # `updated`), the line is not story; a digit must be there, the line stays short
    "date_label": (
        r"^(?=.{0,80}$)(this (post|article|page|story) was )?(last |zuletzt |dernière )?"
        r"(updated|reviewed|published|posted|modified|mis à jour|publié|modifié|actualizado|"
        r"publicado|aktualisiert|veröffentlicht|aggiornato|pubblicato|atualizado|обновлено|"
        r"опубликовано|bijgewerkt|gepubliceerd)\b[^.!?]{0,40}\d[^.!?]{0,30}\.?$",
        # the label alone, its date in an element of its own ("Last updated on:")
        r"^(last |zuletzt |dernière )?(updated|reviewed|published|posted|modified|mis à jour|"
        r"publié|actualizado|publicado|aktualisiert|veröffentlicht|aggiornato|pubblicato|"
        r"atualizado|обновлено|опубликовано|bijgewerkt|gepubliceerd)( on| am| le| el| il| em)?\s*:$",
    ),
    # the heading of a table of contents (its links are dropped as a link list)
    "contents_label": (
        r"^(table of contents?|contents?( hide| show)?|in this (article|post|guide|story)|"
        r"on this page|jump to|sommaire|table des matières|dans cet article|índice|"
        r"contenidos?|en este artículo|inhaltsverzeichnis|inhalt|in diesem artikel|indice|"
        r"sommario|in questo articolo|sumário|neste artigo|содержание|оглавление|"
        r"inhoudsopgave|inhoud|in dit artikel)\W*$",
    ),
    # "5 min read", "Reading time: 8 minutes", "Lesezeit: 4 Min."
    "reading_time": (
        r"^(estimated )?(reading time|read time|lesezeit|temps de lecture|tiempo de lectura|"
        r"tempo di lettura|tempo de leitura|время чтения|leestijd)\b.{0,25}$",
        r"^\d+\s*(min(ute)?s?|мин)\.?\s*(read|de lecture|de lectura|di lettura|de leitura|"
        r"lesezeit|чтения|leestijd)\b.{0,20}$",
    ),
    "media_label": (
        r"^(video|vídeo|vidéo|foto|fotos|photo|photos|audio|galería|gallery|galerie|bild|bilder|"
        r"immagine|immagini|фото|видео|afbeelding|image|images)\W*$",
    ),
    "tags": (
        r"^(tags|tagged|assuntos|temas|onderwerpen|themen|sujets|argomenti|темы|topics)\W*$",
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
    r"occhiello|linha-fina|vorspann|anriss|inleiding|preview|lede|deck|abstract|resumen|"
    r"anons|anonce|intro-text|chapeau|sous-titre|subtitulo|subtítulo|sottotitolo|"
    r"ondertitel|lid|podzag)",
    re.I,
)

# "... according to the FT", "a rapporté Le Monde": outlets cited as the origin of a report.
# The name starts with a capital (lower-case articles before it are left out: "the", "il",
# "o"), and may join words with particles ("Le Journal des Halles", "Folha do Sul Mineiro").
UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
NAME_WORD = rf"[{UPPER}0-9][\w&.'’-]*"
OUTLET_NAME = (rf"(?P<outlet>{NAME_WORD}(?:\s(?:(?:de|du|des|del|della|dello|di|da|do|dos|das|"
               rf"of|the|la|le|los|las|y|et|and|von|van|der|für|am|an)\s)?{NAME_WORD}){{0,5}})")
ARTICLE = (r"(?:the |le |la |l['’]|les |el |los |las |il |lo |i |gli |o |a |os |as |die |der |"
           r"das |dem |den |het |de )?")

def _cue(words: str, name: str = "") -> str:
    """A case-insensitive cue, then (by default) an optional article and the outlet's name."""
    return rf"\b(?i:{words}) " + (name or ARTICLE + OUTLET_NAME)


CITED_CUES = (  # (cue words, what follows them: by default an article and the name)
    # English
    (r"according to",), (r"(?:first |originally )?reported by",), (r"citing",),
    (r"in an interview with",),
    # French
    (r"(?:a |ont |avait |l['’]a |qu['’]a |qu['’]ont )?rapporté(?:e|es|s)?(?: par)?",),
    (r"selon|d['’]après|révèle|rapporte",),
    # Spanish
    (r"según|informó|informa|publicó|publica|adelantó|reveló|de acuerdo con",),
    (r"(?:publicad[oa]|adelantad[oa]|informad[oa]) por",),
    # German
    (r"wie", ARTICLE + OUTLET_NAME
     + r"(?: \w+)? (?:berichtet|berichtete|meldet|meldete|schreibt|schrieb)"),
    (r"laut|berichtet|berichtete|meldet|meldete|schreibt|schrieb",),
    # Italian
    (r"secondo|riporta|riportato da|ha riferito|ha rivelato|scrive|rivela",),
    (r"come (?:riportato|rivelato|anticipato|scritto) (?:da|dal|dalla|dallo)", OUTLET_NAME),
    # Portuguese
    (r"segundo|de acordo com|informou|noticiou|publicou|revelou",),
    (r"(?:antecipad|divulgad|revelad|noticiad|publicad|informad)[oa]s? pel[oa]", OUTLET_NAME),
    # Dutch
    (r"meldt|meldde|volgens|aldus|schrijft|schreef|bericht|berichtte",),
    # Russian: a media noun and the name in quotes, or a reporting verb and the name
    (r"сообщает|сообщил[аио]?|пишет|писал[аои]?|по данным|по информации|переда[её]т",
     OUTLET_NAME),
)
CITED = tuple(_cue(*cue) for cue in CITED_CUES) + (
    r"(?i:газет[аыеу]|агентств[оа]|издани[ея]|телеканал[а]?|портал[а]?|журнал[а]?|"
    r"радиостанци[яи]|сайт[а]?) «(?P<outlet>[^»]{2,60})»",
)

# Words that make a name an outlet rather than a person or an authority ("Valmer Gazette",
# "Corriere del Golfo"), and endings that do so for compounds ("Rheinpost", "Havenkrant").
OUTLET_WORDS = (
    r"news", r"times", r"gazette", r"journal", r"herald", r"observer", r"ledger", r"mercury",
    r"tribune", r"express", r"telegraph", r"chronicle", r"standard", r"monitor", r"review",
    r"daily", r"weekly", r"wire", r"agency", r"agence", r"agencia", r"agenzia", r"agência",
    r"agentur", r"agentschap", r"corriere", r"correio", r"diario", r"diário", r"gazzetta",
    r"giornale", r"folha", r"jornal", r"voz", r"heraldo", r"periódico", r"известия",
    r"новости", r"правда", r"радио", r"tv", r"télé", r"radio", r"courrier", r"dépêche",
    r"matin", r"soir", r"nouvelles", r"stampa", r"messaggero", r"notizie", r"eco", r"echo",
    r"écho", r"noticias", r"notícias", r"crónica", r"cronaca", r"gaceta", r"mail", r"examiner",
    r"sentinel", r"gazeta", r"revista", r"magazine", r"magazin", r"omroep", r"bulletin",
    r"dispatch", r"reporter", r"media", r"médias", r"медиа", r"post", r"press", r"presse",
)
OUTLET_ENDINGS = (
    r"post", r"krant", r"blatt", r"bote", r"kurier", r"zeitung", r"presse", r"press", r"nieuws",
    r"news", r"courant", r"dagblad", r"journal", r"anzeiger", r"nachrichten", r"rundschau",
    r"gazette", r"vestnik", r"вестник", r"пресс", r"газета", r"blad", r"спорт",
)

# "BRUSSELS (Reuters) –", "Nordstadt (Nordpresse) –", "МОСКВА, 11 ноября (агентство «X») —".
DATELINE = re.compile(
    rf"^(?P<place>[{UPPER}][\w .'’/-]{{1,40}}?)(?:,[^()]{{1,30}})?\s*\("
    r"(?:(?:агентство|agency|agence|agencia|agenzia|agência|agentur|agentschap)\s+)?[«\"“]?"
    rf"(?P<outlet>[{UPPER}][^()«»\"“”]{{1,50}}?)[»\"”]?\)\s*[-–—]"
)


# Cue substrings: a long table is only tried on a (lower-cased) line holding one of its cues.
# Python's regex engine tries every alternative at every position; the cues make the tables
# cheap enough to run on every line of every page. Each pattern of a table needs a cue.
CUES = {
    "disclaimer": ("translat", "tradu", "tradot", "übersetz", "переве", "перевод", "vertaal",
                   "vertaling", "original", "переклад", "tłumacz", "çevir", "çevri", "μετάφρ", "μεταφρ",
                   "ترجم"),
    "cookies": ("cookie",),
    "newsletter": ("newsletter", "рассылк", "nieuwsbrief", "bolet", "inbox", "unsubscri", "boîte",
                   "correo", "bandeja", "postfach", "casella", "mail", "почте", "signing up",
                   "subscribing", "clicking", "inscrivant", "suscribirte", "registrarte",
                   "anmeldung", "iscrivendoti", "cadastrar", "inscrever", "нажимая",
                   "aan te melden"),
    "theme": ("them", "thè", "tema", "powered", "propuls", "wordpress", "bereitgestellt",
              "rights", "©", "copyright", "droits", "derechos", "rechte", "diritti", "direitos", "права",
              "rechten"),
    "paywall": ("subscri", "member", "reading", "unlock", "abon", "abbon", "suscr", "assin",
                "подпис", "lire la suite", "réservé", "% de", "leyendo", "lesen", "zugang",
                "leggere", "lendo", "дочит", "чтени", "lees verder", "lezen", "socio",
                "the rest of"),
    "promo": ("app", "follow", "suivez", "síguenos", "folgen", "seguici", "siga", "подписывайтесь",
              "скачайте", "приложение", "читайте нас", "volg ons", "newsletter", "nieuwsbrief",
              "рассылк"),
}


class CuedPattern:
    """A compiled table that first checks for one of its cue substrings. Its patterns are
    written in lower case and matched against the lowered text (case-blind matching of many
    branches is several times slower); what it answers is whether the text holds one."""

    def __init__(self, patterns: tuple[str, ...], cues: tuple[str, ...] = ()) -> None:
        self.regex = re.compile("|".join(f"(?:{p})" for p in patterns))
        self.cues = cues

    def search(self, text: str) -> re.Match[str] | None:
        return self.search_lowered(text.lower())

    def search_lowered(self, lowered: str) -> re.Match[str] | None:
        if self.cues and not any(cue in lowered for cue in self.cues):
            return None
        return self.regex.search(lowered)


DISCLAIMER_RE = CuedPattern(DISCLAIMER, CUES["disclaimer"])
SOURCE_LABEL_RE = re.compile(
    r"^\s*(?:" + "|".join(SOURCE_LABEL) + r")\s*[:：-]?\s*", re.I
)
READ_MORE_RE = re.compile(r"^\s*(?:" + "|".join(READ_MORE_LABEL) + r")\s*[:：-]?\s*", re.I)
OUTLET_WORD_RE = re.compile(r"(?<![\w])(?:" + "|".join(OUTLET_WORDS) + r")(?![\w])|(?:"
                            + "|".join(OUTLET_ENDINGS) + r")(?![\w])", re.I)
BOILERPLATE_RE = {kind: CuedPattern(p, CUES.get(kind, ())) for kind, p in BOILERPLATE.items()}
BYLINE_RE = re.compile(BYLINE, re.I)
CITED_RE = tuple(re.compile(p) for p in CITED)  # cues are (?i:...) groups; names keep case
# One pass over a paragraph says whether any cue is there at all (most paragraphs have none).
# Searched in the lowered text: case-blind matching of so many branches is 2.7x slower.
CITED_GATE_RE = re.compile(r"\b(?:" + "|".join(f"(?:{words})" for words, *_ in CITED_CUES)
                           + r") |«")

# Class and id words that name a container as furniture, not story (matched as whole words,
# "-" and "_" counting as separators). Shared by WordPress themes, Arc, Drupal, AMP, Blogger.
CLUTTER_MARKERS = (
    r"newsletter", r"subscribe", r"subscription", r"sign-?up", r"optin", r"opt-in",
    r"related", r"related-posts", r"recommended", r"recommendations?",
    r"more-(stories|news|articles)",
    r"top-stories", r"most-(read|popular|viewed)", r"mostread", r"popular", r"trending",
    r"read-?more", r"read-also", r"also-read", r"see-also", r"further-reading", r"next-article",
    r"share", r"sharing", r"sharebar", r"share-?buttons", r"social", r"socials", r"sociallinks",
    r"tags", r"tag-?list", r"tagcloud", r"tag-?links", r"keywords", r"post-tags", r"entry-tags",
    r"breadcrumbs?", r"comments?", r"comment-respond", r"disqus", r"cookies?", r"consent",
    r"gdpr", r"cmp(?!-)", r"promo", r"promotion", r"advert", r"advertisement", r"ad", r"ads",
    r"adslot", r"ad-?slot", r"ad-?unit", r"ad-?container", r"ad-?row", r"dfp", r"gpt",
    r"sponsor", r"sponsored", r"outbrain", r"taboola", r"author-?bio", r"about-author",
    r"widget", r"widgets", r"sidebar", r"skip-?link", r"toolbar", r"pagination", r"pager",
    r"nav", r"navigation", r"menu", r"masthead", r"site-header", r"site-footer", r"footer",
    r"modal", r"popup", r"overlay", r"donate", r"donation", r"support-us", r"membership",
    r"paywall-?(prompt|plea|banner|box|cta|offer)", r"restricted-content(-[a-z]+)*", r"offer", r"cta", r"print-only",
    r"jump-?link", r"back-?to-?top", r"scroll-?top", r"rating", r"reactions", r"sticky",
    r"byline", r"author-?box", r"meta-?author", r"post-?meta", r"entry-?meta", r"article-?meta",
    r"timestamp", r"dateline-?meta", r"pullquote", r"pull-quote",
)
# ("cmp" is a consent platform's box alone; Adobe Experience Manager names every component
# "cmp-<name>": "cmp-container", "cmp-text".)
# Stems that mark furniture with any ending ("jp-relatedposts", "newsletter-signup").
CLUTTER_STEMS = (
    r"related", r"newsletter", r"recommend", r"subscri", r"sharing", r"sharebar", r"social",
    r"promo", r"advert", r"sponsor", r"comment", r"cookie", r"breadcrumb", r"trending", r"popular",
    r"mostread", r"most-read", r"outbrain", r"taboola", r"paywall", r"adsbygoogle", r"disqus",
)
# Page builders name every block of a page "widget"/"element" ("elementor-widget-text-editor",
# "et_pb_text"): their prefix is no evidence of furniture.
BUILDER_PREFIXES = r"(?<!elementor-)(?<!et_pb_)(?<!wp-block-)"
CLUTTER_MARKERS_RE = re.compile(
    r"(?<![a-z0-9])" + BUILDER_PREFIXES + r"(?:(?:" + "|".join(CLUTTER_MARKERS) + r")(?![a-z0-9])|(?:"
    + "|".join(CLUTTER_STEMS) + r"))", re.I)

# Hidden copies: inline styles and the class names CSS frameworks use to hide an element.
# "Photo: …", "Foto: …": a credit line, the mark of a photo caption.
PHOTO_CREDIT_RE = re.compile(r"\b(photo|foto|фото|image|bild|imagen|immagine|afbeelding)\s*:", re.I)

# Paywalled text shown blurred or locked is hidden too: the reader cannot read it.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|filter\s*:\s*blur", re.I)
# A name part joined by "_" or "-" does not hide the element: Drupal's
# "field--label-visually_hidden" hides the field's label, not the field.
HIDDEN_CLASS_RE = re.compile(
    r"(?<![a-z0-9_-])(hidden|is-hidden|d-none|visually-hidden|sr-only|screen-reader-text|"
    r"hide|u-hidden|invisible|[a-z0-9_-]*blurr?(ed)?|([a-z0-9_-]*[_-])?locked|paywalled)"
    r"(?![a-z0-9-])", re.I)
# ... unless it is a folded panel (an accordion's answer, a tab), which the reader opens:
# class and id words of accordion and collapse widgets ("accordion-content", "collapse",
# "faq-answer", "tab-pane"), matched anywhere in a name.
FOLDED_PANEL_RE = re.compile(r"accordion|collaps|faq|tab-?pane|tabpanel|toggle-content|"
                             r"expand(able|er)|spoiler", re.I)
# Paywall hiding is never a folded panel: the reader cannot open it.
PAYWALL_HIDING_RE = re.compile(r"blur|locked|paywall", re.I)
# ... unless a responsive class shows it on larger screens ("d-none d-md-block").
SHOWN_LATER_RE = re.compile(r"(?<![a-z0-9-])d-(sm|md|lg|xl|xxl)-(block|flex|inline|grid|table)",
                            re.I)
