"""Who wrote the story: the byline's people, apart from outlets and roles.

Evidence, best first: the people JSON-LD names as ``author`` (``Person``),
the page's ``author`` meta tag when it holds a person's name, the visible
byline (babelwire's own selectors, then trafilatura's byline finder). An
organisation (JSON-LD ``Organization``, or the site's own name) is the author
only when no person is named anywhere. A byline string is split into names
("A and B", "A, B & C"); an outlet ("..., The Daily Gazette") and a role
("..., Senior Editor") go to their own fields; a handle ("jdoe",
"jane.doe") is not a name.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable

from .patterns import OUTLET_WORD_RE

ORGANISATION_TYPES = {"organization", "newsmediaorganization", "corporation", "organisation",
                      "localbusiness", "educationalorganization", "governmentorganization",
                      "medicalorganization", "ngo", "brand", "website", "webpage"}
LEAD_RE = re.compile(r"^\W*((?i:written|posted|reviewed|reported|published|edited|article|story|"
                     r"recipe|text|photos?|interview)\s+)?"
                     r"((?i:by|par|por|von|di|door|author|authors|words)\b\W*|"
                     r"(?i:by)(?=[A-Z][a-z]))")  # "byClemson News": a glued "by" too
# words inside a phrase that no name holds ("View In Digital Edition", "Subscribe to our letter"):
# after a name, such a part is not a co-author (first, it may be an organisation's name)
NOT_NAME_WORDS = frozenset(("in", "of", "for", "to", "with", "on", "at", "from", "your", "our",
                            "my", "this", "that", "the", "edition", "subscribe", "newsletter",
                            "read", "view", "share", "follow", "print", "download", "more"))
# a date line before the credit: "Updated January 8, 2031 Written by Ana Ruiz"
DATE_FIRST_RE = re.compile(r"^\W*(?i:(?:last )?updated|published|posted)\b.{0,40}?\s+"
                           r"(?=(?i:written |posted )?(?i:by)\s+[A-Z])")
# "This post was written by Ana Ruiz"
WRITTEN_BY_RE = re.compile(r"^\W*(?:this|the) (?:post|article|story|piece|guide|blog post) "
                           r"(?:was|is) (?:written|authored|contributed) by\s+", re.I)
# what a template prints when it has no name to give
PLACEHOLDERS = frozenset(("undefined", "null", "none", "name", "admin", "administrator",
                          "webmaster", "author", "authors", "contributors", "unknown", "n/a"))
AND_RE = re.compile(r"^(?:and|&)\s+", re.I)
SPLIT_RE = re.compile(r"\s*(?:[,;|/·•⋅∙‧]|\s+(?:and|&|und|et|y|e)\s+|\s+[-–—]\s+)\s*", re.I)
SPLIT_KEEP_RE = re.compile(f"({SPLIT_RE.pattern})", re.I)
AND_SEPARATOR_RE = re.compile(r"\s+(?:and|&)\s+", re.I)
ROLE_RE = re.compile(
    r"\b(editor|writer|reporter|correspondent|contributor|columnist|journalist|author|"
    r"expert|specialist|analyst|producer|manager|director|founder|ceo|cto|president|"
    r"dietitian|nurse|physician|doctor|professor|researcher|intern|photographer|"
    r"strategist|consultant|lead|head of|chief|senior|associate|assistant|staff writer|attorney|"
    r"lawyer|pharmacist|therapist|coach|engineer|designer|marketer|vp|vice president|cfo|coo|cmo|"
    r"cio)\b", re.I)
CREDENTIAL_RE = re.compile(r"^(?:[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|[A-Z][a-z]?[A-Z]{1,4})$")
GROUP_RE = re.compile(r"\b(team|staff|editors|editorial|desk|newsroom)\b", re.I)
# Post-nominal letters a byline writes after a name ("Ana Ruiz, MS, RD", "Sam Okafor, DVM"):
# kept with the name in the displayed author, as the page credits it (also in the roles).
# Letters only, upper case: "Ph.D." -> PHD, "E-RYT 200" -> ERYT (with its number).
POST_NOMINALS = frozenset((
    "MD", "DO", "PHD", "DPHIL", "MS", "MSC", "MA", "MBA", "MPH", "MPA", "MFA", "MED", "MSW", "BA",
    "BS", "BSC", "BSN", "MSN", "RN", "NP", "APRN", "FNP", "PAC", "RD", "RDN", "LD", "LDN", "CDE",
    "CDCES", "IBCLC", "DVM", "VMD", "BVSC", "MRCVS", "DDS", "DMD", "PHARMD", "RPH", "OD", "DPT",
    "PT", "OT", "OTR", "OTRL", "PSYD", "EDD", "JD", "LLM", "ESQ", "CPA", "CFA", "CFP", "CHFC",
    "CLU", "EA", "LCSW", "LPC", "LMFT", "LMHC", "BCBA", "CSCS", "CPT", "NASM", "ACE", "RYT",
    "ERYT", "PE", "PMP", "CPP", "PSP", "CISSP", "FACP", "FACS", "FAAP", "FACC", "FACOG",
    "FACLM", "FAND", "FOMA", "DABOM", "DACVB", "DACVIM", "LVT", "VTS", "CVT", "RVT", "FRCP",
    "MRCP", "MBBS", "MBCHB", "FRCS",
))
MAX_NAME_WORDS = 6
MAX_BYLINE_CHARS = 100
# Where a byline stops: a second credit, a date ("On December 9", "March 3, 2025").
MONTH = (r"(january|february|march|april|may|june|july|august|september|october|november|"
         r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?")
CUT_RE = re.compile(r"\s*(\b(reviewed|fact[- ]checked|edited|medically reviewed|updated|"
                    r"published|posted|last updated)\b(?! by\s*$).*|\bon\s+\w+\s+\d.*|"
                    r"[,•|]\s*" + MONTH + r"\s*$|\b(?:(?:on|at)\s+)?" + MONTH + r"\s+\d.*|\bon\s+\d.*|"
                    r"\b(articles|posts|stories)\s+(by|from)\b.*|"
                    r"\d+\s+min(ute)?s?\s+read.*)$", re.I)
# a month or weekday, or digits, left at a name's end by the date or a count beside it
TRAILING_RE = re.compile(r"((\s+on)?\s+(january|february|march|april|june|july|august|"
                         r"september|october|november|december|"
                         r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?|"
                         r"(?<=[^\W\d_])\s*\d+)$", re.I)
MONTH_ONLY_RE = re.compile(MONTH, re.I)
# A label beside the credit, not part of a name ("Harbour Notes Sponsored").
LABEL_END_RE = re.compile(r"\s+(sponsored|partner content|paid content|advertorial|guest post)$",
                          re.I)
# A role written right after the name, with no separator ("Jane Doe Contributing Writer"):
# the words from a modifier or role noun on, when the part ends with a role noun.
ROLE_NOUNS = r"(writer|editor|reporter|correspondent|contributor|columnist|journalist|producer|" \
             r"analyst|expert|specialist|consultant|photographer|coordinator|manager|strategist)"
GLUED_ROLE_RE = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’.-]*)\s+(?P<role>(?i:(?:(?:contributing|"
    r"senior|staff|associate|assistant|managing|deputy|chief|guest|freelance|former|executive|"
    r"digital|news|sports|political|science|health|travel|features|lead|principal|junior|"
    r"special|technology|tech|business|food|culture|content|marketing|communications|product|"
    r"editorial|social media|research|seo)\s+)*" + ROLE_NOUNS + r"))$")
MORE_FROM_RE = re.compile(r"^(all|more) (articles|posts|stories)? ?(by|from)\s+|^more from\s+|"
                          r"^view (all )?(posts|articles) by\s+", re.I)
AUTHOR_LINK = ("//body//a[contains(@href, '/author/') or contains(@href, '/authors/') or "
               "contains(@href, '/writers/') or contains(@href, '/contributors/') or "
               "contains(@href, '/staff/') or "
               "@rel='author']")
BY_TEXT = "//body//text()"  # filtered in Python by LINE_START_RE: faster than in XPath
LINE_START_RE = re.compile(r"\s*(?:by|par|por|von|door|di|av|af|this|the|written|posted|words)\b",
                           re.I)
# "by" in other languages: only before a person's name alone ("Par Marc Lefort", "Von Lena
# Brandt, Berlin"), as the same words open many other lines ("Von Berlin nach Hamburg")
FOREIGN_BY_RE = re.compile(r"^\s*(?:par|por|von|door|di|av|af)\s+(?P<name>[^,|·•–—-]+)",
                           re.I)
BY_WORDS = frozenset(("by", "and", "und", "et", "y", "e", "par", "por", "von", "door", "di", "av",
                      "af", "written", "posted", "words"))
# a name starts with a capital: "By signing up, you agree" and "by batching, we" are not bylines
BY_RE = re.compile(r"^\s*(?i:((this|the) (post|article|story) (was|is) )?(written |posted |words )?"
                   r"by:?)\s+(?=[^\W\d_])")
MENU_CLASSES = frozenset(("nav", "navbar", "navigation", "menu", "dropdown", "dropdown-menu",
                          "megamenu", "mega-menu", "submenu", "sub-menu", "menu-item", "nav-item",
                          "nav-menu", "main-menu", "main-nav", "site-nav", "site-menu",
                          "primary-menu", "primary-nav", "nav-links", "menu-list"))
MENU_DEPTH = 8  # ancestors looked at for a menu
# an author-page link's text that is an invitation, not a name
LINK_PROMPTS = frozenset(("learn more", "read more", "view profile", "see profile", "more",
                          "view all posts", "see all", "bio", "full bio", "about the author"))
BY_START_RE = re.compile(r"^\s*((this|the) (post|article|story) (was|is) )?(written |posted |words )?"
                         r"by\b", re.I)
# A label alone in its element, the name in the next one ("<p>Written by</p><p>Ana Ruiz</p>").
BYLINE_LABELS = frozenset(("written by", "author", "authors", "by", "words by", "auteur",
                           "contributor", "contributors",
                           "autor", "autore", "autora", "автор"))
LABEL_TAGS = ("p", "span", "div", "dt", "strong", "small", "b", "em", "h3", "h4", "h5", "h6",
              "label")
MAX_LABELLED_CHARS = 60
BY_HOLDERS = {"p", "span", "div", "li", "address", "strong", "em", "b", "small", "h3", "h4", "h5",
              "h6"}


@dataclass(frozen=True)
class Byline:
    names: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    outlet: str = ""
    credited: tuple[str, ...] = ()   # each name as credited, with its post-nominal letters

    @property
    def author(self) -> str:
        """The author line: the names, each with its post-nominal letters."""
        return ", ".join(self.credited or self.names)


def is_credential(part: str) -> bool:
    """Post-nominal letters ("MS", "Ph.D.", "M.D. FACLM", "E-RYT 200"), not a name."""
    tokens = part.split()
    letters = [re.sub(r"[^A-Za-z]", "", t).upper() for t in tokens if not t.isdigit()]
    return bool(letters) and all(t in POST_NOMINALS for t in letters)


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def is_handle(name: str) -> bool:
    """A user name, not a person's name: one lowercase token, or dots/underscores/@ inside."""
    return " " not in name.strip() and (name.islower() or bool(re.search(r"[._@\d]", name)))


def _is_outlet(part: str, outlets: set[str]) -> bool:
    key = _norm(part)
    if key and any(key == o or (len(o) > 3 and key.endswith(o)) for o in outlets):
        return True
    return bool(OUTLET_WORD_RE.search(part)) and not GROUP_RE.search(part)


def parse_byline(text: str, outlets: Iterable[str] = (), handles: bool = False) -> Byline:
    """'By Jane Doe and John Roe, The Daily Gazette' -> names, roles, outlet (``handles``:
    a user name, "jdoe", counts as a name: the last resort when no person is named)."""
    known = {_norm(o) for o in outlets if o}
    text = " ".join(html.unescape(text).split())
    text = WRITTEN_BY_RE.sub("", DATE_FIRST_RE.sub("", text))
    text = CUT_RE.sub("", LEAD_RE.sub("", MORE_FROM_RE.sub("", text))).strip(" ,;:|-–—•")
    names, roles, outlet = [], [], ""
    credited: dict[str, str] = {}
    roles_before = 0  # roles read before the previous part: did that part add one?
    for part in _joined_roles(text):
        after_role, roles_before = names and len(roles) > roles_before, len(roles)
        raw = AND_RE.sub("", LEAD_RE.sub("", part).strip(" .,;:|-–—()[]'\""))  # "..., and Ivo"
        part = raw if names and is_credential(raw) else TRAILING_RE.sub("", raw)
        if not part or not re.search(r"[^\W\d_]", part) or MONTH_ONLY_RE.fullmatch(part) \
                or part.lower() in PLACEHOLDERS:
            continue
        part = LABEL_END_RE.sub("", part)
        glued = GLUED_ROLE_RE.match(part)
        if glued and not ROLE_RE.search(glued.group("name")):
            names.append(glued.group("name"))
            roles.append(glued.group("role"))
        elif names and is_credential(part):
            roles.append(part)
            credited[names[-1]] = f"{credited.get(names[-1], names[-1])}, {part}"
        elif names and ROLE_RE.search(part) and not part.startswith("The ") \
                and not GROUP_RE.search(part):
            roles.append(part)  # "Senior Review Analyst" is a role, not an outlet
        elif _is_outlet(part, known) or (names and part.startswith("The ")
                                         and not GROUP_RE.search(part)) or (
                after_role and " " not in part):
            outlet = outlet or part  # one word after a name's role: "..., Senior VP, Acmeware"
        elif (ROLE_RE.search(part) or (names and CREDENTIAL_RE.match(part))) \
                and not GROUP_RE.search(part):
            roles.append(part)
        elif len(part.split()) <= MAX_NAME_WORDS and (handles or not is_handle(part)) \
                and not (names and NOT_NAME_WORDS.intersection(part.lower().split()[1:])):
            names.append(part)
    if not names and outlet and not roles:
        names.append(outlet)  # only an organisation is named: it is the author
        outlet = ""
    names = list(dict.fromkeys(names))
    shown = tuple(credited.get(name, name) for name in names)
    return Byline(tuple(names), tuple(roles), outlet, shown if credited else ())


def _joined_roles(text: str) -> list[str]:
    """The byline's parts; a word joined by "and" to a role stays in it ("Paul Roe, Home
    and Digital Security Expert": one role, not a co-author "Home")."""
    pieces = SPLIT_KEEP_RE.split(text)  # part, separator, part, ...
    parts = [pieces[0]]
    for separator, piece in zip(pieces[1::2], pieces[2::2]):
        if AND_SEPARATOR_RE.fullmatch(separator) and ROLE_RE.search(piece) \
                and len(parts[-1].split()) == 1:
            parts[-1] = f"{parts[-1]} and {piece}"
        else:
            parts.append(piece)
    return parts


def jsonld_people(value: Any) -> tuple[list[str], list[str]]:
    """(people, organisations) named in a JSON-LD ``author`` value."""
    people: list[str] = []
    groups: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip() and not item.startswith("http"):
            people.append(item.strip())
        elif isinstance(item, dict):
            name = str(item.get("name", "") or "").strip()
            kinds = item.get("@type", "")
            kinds = {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}
            if name:
                (groups if kinds & ORGANISATION_TYPES else people).append(name)
    return people, groups


def choose_byline(candidates: list[str], organisations: list[str],
                  outlets: Iterable[str], handles: bool = False) -> Byline:
    """The first candidate naming a person; else (``handles``) the first user name a
    candidate gives; else the organisation."""
    outlets = list(outlets)
    site = {_norm(o) for o in outlets if o}
    for n, candidate in enumerate(candidates):
        if not candidate or _norm(candidate) in site:
            continue
        byline = parse_byline(candidate, outlets)
        if byline.names and not all(_norm(n) in site for n in byline.names):
            return _with_credits(byline, candidates[n + 1:], outlets)
    for candidate in candidates if handles else ():  # a user name ("jdoe"), before an organisation
        if candidate and _norm(candidate) not in site:
            byline = parse_byline(candidate, outlets, handles=True)
            if byline.names and not all(_norm(n) in site for n in byline.names):
                return byline
    for organisation in organisations + [c for c in candidates if c]:
        byline = parse_byline(organisation, [])
        if byline.names:
            return byline
    return Byline()


def _with_credits(byline: Byline, others: list[str], outlets: list[str]) -> Byline:
    """The byline completed by another candidate: all the co-authors when it names the same
    first people and more (a meta tag naming the first of four), or the post-nominal
    letters it gives the same people (JSON-LD "Ana Ruiz", the byline "Ana Ruiz, MS, RD")."""
    mine = [_norm(n) for n in byline.names]
    for other in others:
        parsed = parse_byline(other, outlets) if other else Byline()
        theirs = [_norm(n) for n in parsed.names]
        if len(theirs) > len(mine) and theirs[:len(mine)] == mine and \
                all(_person_like(name) for name in parsed.names[len(mine):]):
            return parsed
    if byline.credited:
        return byline
    for other in others:
        parsed = parse_byline(other, outlets) if other else Byline()
        if parsed.credited and parsed.names == byline.names:
            return Byline(byline.names, tuple(dict.fromkeys(byline.roles + parsed.roles)),
                          byline.outlet, parsed.credited)
    return byline


NAME_PARTICLES = frozenset(("van", "der", "den", "de", "da", "di", "von", "la", "le", "du", "del",
                            "bin", "al", "y", "dos", "das", "ter", "ten", "op"))


def _person_like(name: str) -> bool:
    """Written as a person's name: capitalised words (and particles: "van der"), not a desk
    or a team ("Global Desk"), not a phrase ("VP for customer success")."""
    words = name.split()
    return 0 < len(words) <= MAX_NAME_WORDS and not GROUP_RE.search(name) and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def byline_text(element: Any) -> str:
    """An element's text where two elements' words that touch ("Jane Doe</a><span>Tech
    Reporter") are kept apart as two credits, as the page shows them, and so are two links
    side by side ("<a>A. J. Neal</a> <a>View in digital edition</a>")."""
    pieces: list[str] = []
    _pieces(element, pieces)
    joined = pieces[:1]
    for before, piece in zip(pieces, pieces[1:]):
        glued = piece != " | " and before != " | " and before[-1].isalnum() and \
            piece[0].isalnum()
        joined.append((" | " if glued else "") + piece)
    return " ".join("".join(joined).split())


def _pieces(element: Any, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _pieces(child, out)
            following = child.getnext()
            if child.tag == "a" and not (child.tail or "").strip() and following is not None \
                    and following.tag == "a":
                out.append(" | ")
        if child.tail:
            out.append(child.tail)


def visible_byline(tree: Any) -> str:
    """The byline a reader sees: a link to an author page, else a short 'By ...' line, else
    a link to an author page that shows a user name."""
    handle = ""
    for link in tree.xpath(AUTHOR_LINK):
        text = byline_text(link)
        if text.lower().strip(" .:>→»") in LINK_PROMPTS or (
                "/staff/" in link.get("href", "") and not _staff_name(text)):
            continue
        if 2 < len(text) <= MAX_BYLINE_CHARS and is_handle(text):
            handle = handle or text
        elif 2 < len(text) <= MAX_BYLINE_CHARS:
            holder = link.getparent()  # "By <a>A</a> and B, Outlet": co-authors and outlet too
            line = byline_text(holder) if holder is not None else ""
            whole = holder.tag in BY_HOLDERS and len(line) <= MAX_BYLINE_CHARS \
                and not _sentence_before(line, text)
            return line if whole else text
    for node in tree.xpath(BY_TEXT):
        if not LINE_START_RE.match(node):
            continue
        foreign = FOREIGN_BY_RE.match(node)
        if foreign and node.strip()[:1].isupper() and not node.is_tail:
            holder = node.getparent()
            text = byline_text(holder) if holder is not None else ""
            match = FOREIGN_BY_RE.match(text)
            name = " ".join(match.group("name").split()) if match else ""
            if holder.tag in BY_HOLDERS and len(text) <= MAX_BYLINE_CHARS \
                    and 1 < len(name.split()) <= 4 and _person_like(name) \
                    and not _in_menu(holder):
                return f"By {name}"  # what follows may be a place ("..., Madrid")
            continue
        if not BY_START_RE.match(node):
            continue
        holder = node.getparent()
        if node.is_tail and holder is not None:  # "<time>...</time> by Ana Ruiz"
            holder, text = holder.getparent(), _line_from(node, holder)
            if holder is None or len(byline_text(holder)) > MAX_BYLINE_CHARS:
                continue  # a sentence of the story ("a library by Ana Ruiz.")
        else:
            text = byline_text(holder) if holder is not None else ""
        if holder is not None and holder.tag in BY_HOLDERS and not _in_menu(holder):
            by = BY_RE.match(text)
            if by and len(text) <= MAX_BYLINE_CHARS and (
                    text[by.end()].isupper() or is_handle(text[by.end():])):
                return text
    return handle


def _line_from(tail: str, element: Any) -> str:
    """The line from ``tail`` (the text after ``element``) to the end of their holder."""
    pieces = [tail] + [f"{byline_text(e)} {e.tail or ''}" for e in element.itersiblings()]
    return " ".join(" ".join(pieces).split())


def _sentence_before(line: str, link_text: str) -> bool:
    """The link sits in a sentence ("Written with <a>Dana Brook</a>."), not in a byline
    ("By <a>Dana Brook</a> and Ivo Lind", "Dana Brook | Writer | <a>Her articles</a>")."""
    before = line[:max(0, line.find(link_text))]
    return any(w[:1].islower() and w.lower() not in BY_WORDS
               for w in re.findall(r"[^\W\d_]+", before))


def _staff_name(text: str) -> bool:
    """A staff page's link names a person ("Dana Brook, RN"), not the staff ("Meet Our
    Staff", "Faculty, Staff")."""
    name = text.split(",")[0].strip()
    return 1 < len(name.split()) <= 4 and _person_like(name)


def _in_menu(element: Any) -> bool:
    """Inside the site's navigation ("Solutions | By industry | By company size")."""
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= MENU_DEPTH:
            break
        if ancestor.tag in ("nav", "menu") or ancestor.get("role") in ("navigation", "menu") \
                or not MENU_CLASSES.isdisjoint(ancestor.get("class", "").lower().split()):
            return True
    return False


AUTHOR_BOX = ("//body//*[contains(@class, 'author') or contains(@class, 'Author')]"
              "[not(ancestor::*[contains(@class, 'comment')])]")
AUTHOR_BOXES_READ = 6  # author boxes looked into, at most


def author_box_name(tree: Any) -> str:
    """A person's name alone on its line inside an author box ("blog_author-card": a photo,
    "Lauren Vetter", a role): read only when nothing else names a person."""
    for box in tree.xpath(AUTHOR_BOX)[:AUTHOR_BOXES_READ]:
        if _in_menu(box):
            continue
        for piece in box.itertext():
            text = " ".join(piece.split())
            if 1 < len(text.split()) <= 4 and _person_like(text) and not re.search(r"\d", text) \
                    and not ROLE_RE.search(text) and text.lower() not in LINK_PROMPTS \
                    and not NOT_NAME_WORDS.intersection(text.lower().split()) \
                    and not any(len(w) > 1 and w.isupper() for w in text.split()):  # "AI Forum"
                return f"By {text}"
    return ""


def labelled_byline(tree: Any) -> str:
    """The name in the element after a lone byline label ("Written by" | "Ana Ruiz")."""
    for holder in tree.iter(*LABEL_TAGS):
        label = holder.text
        if not label or len(label) > 20 or len(holder) or (
                label.strip().lower().rstrip(":").strip() not in BYLINE_LABELS):
            continue  # only an element holding the label alone
        after = holder.getnext()
        tail = " ".join((holder.tail or "").split())  # "<strong>Contributors:</strong> Ana Ruiz"
        text = tail or (byline_text(after) if after is not None else "")
        if 2 < len(text) <= MAX_LABELLED_CHARS and not re.search(r"\d", text):
            return f"By {text}"
    return ""
