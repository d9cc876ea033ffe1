"""Credits and disclaimers read from an article's own text (batch mode has no page to read).

Reuses the extraction step's tables: title suffixes naming an outlet, "Source:"
lines, outlets cited ("according to ..."), datelines, and automatic
translation disclaimers. Credit and disclaimer lines are taken out of the text
compared, since the original cannot contain them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.attribution import dateline_and_cited, find_disclaimers, split_title_suffixes
from ..extract.patterns import DISCLAIMER_RE, SOURCE_LABEL_RE
from ..translate import split_paragraphs
from .profile import site_labels, squash

MAX_CREDIT_LINE = 200


@dataclass(frozen=True)
class TextSignals:
    title: str                       # without outlet suffixes
    text: str                        # without credit and disclaimer lines
    title_credits: tuple[str, ...]   # other outlets named in the title
    credits: tuple[str, ...]         # credit lines, cited outlets, datelines
    disclaimers: tuple[str, ...]


def _own(name: str, labels: tuple[str, ...]) -> bool:
    squashed = squash(name)
    return any(label in squashed or squashed in label for label in labels if squashed)


def read_signals(title: str, text: str, site: str) -> TextSignals:
    labels = site_labels(site)
    clean_title, suffixes = split_title_suffixes(title)
    title_credits = tuple(s for s in suffixes if not _own(s, labels))
    paragraphs = split_paragraphs(text.replace("\r\n", "\n")) or [text]
    lines = [line.strip() for p in paragraphs for line in p.split("\n") if line.strip()]
    credits, kept = [], []
    for line in lines:
        match = SOURCE_LABEL_RE.match(line)
        labelled = match is not None and (":" in match.group(0) or len(line) <= 80)
        if labelled and len(line) <= MAX_CREDIT_LINE and line[match.end():].strip():
            credits.append(line[match.end():].strip())
        elif len(line) <= 400 and DISCLAIMER_RE.search(line):
            continue
        else:
            kept.append(line)
    credits.extend(c.outlet for c in dateline_and_cited(kept) if not _own(c.outlet, labels))
    return TextSignals(title=clean_title or title, text="\n\n".join(kept),
                       title_credits=title_credits, credits=tuple(credits),
                       disclaimers=tuple(find_disclaimers(lines)))
