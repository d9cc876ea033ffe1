"""What the tracer computes once per article: sentences, evidence keys, fingerprints, credits."""

from __future__ import annotations

import re
from functools import cached_property

import numpy as np
from anyascii import anyascii

from ..dedupe import Fingerprint, content_words, fingerprint_words
from .encoder import encode_groups, encode_sentences
from .evidence import evidence_keys, url_key
from .records import TraceDoc
from .sentences import split_sentences, word_set
from .spelling import encoder_knows

MIN_LABEL_CHARS = 4
_GENERIC_HOST_PARTS = {"www", "news", "m", "amp", "com", "org", "net", "test", "example", "info"}


def squash(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'La Gaceta del Sur' -> 'lagacetadelsur'."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def site_labels(site: str, site_name: str = "") -> tuple[str, ...]:
    """Squashed names a site goes by: its host's main label(s) and its own name."""
    host = site.lower().split(":")[0]
    parts = [p for p in host.split(".") if p and p not in _GENERIC_HOST_PARTS]
    labels = {squash(p) for p in parts[:-1] or parts}
    labels.add(squash(".".join(parts)))
    if site_name:
        labels.add(squash(site_name))
    return tuple(sorted(label for label in labels if len(label) >= MIN_LABEL_CHARS))


HEAVY_FEATURES = ("words", "sentences", "sentence_words", "embeddings", "pivot_sentences",
                  "pivot_embeddings", "prefix")
PREFIX_SENTENCES = 4   # sentences (title first) encoded before the rest: see encode_prefixes


class Profile:
    """A TraceDoc with its derived features, computed on first use.

    The heavy ones (sentences, their word sets and vectors) can be released and are
    recomputed when needed again, so memory stays bounded on large inputs.
    """

    def __init__(self, doc: TraceDoc, encoder_threads: int = 2) -> None:
        self.doc = doc
        self._threads = encoder_threads
        # A language the encoder does not know, read through a rendering (bridge.py): the
        # rendering's language, and its sentences once made (kept through release()).
        self.bridge_lang: str | None = None
        self.bridge_sentences: list[str] | None = None

    @property
    def encoder_reads(self) -> bool:
        """The encoder reads this article: in its own language or through a rendering."""
        return self.bridge_lang is not None or encoder_knows(self.doc.lang)

    @property
    def encoder_sentences(self) -> list[str]:
        """What the encoder is given for the sentences: the rendering's when there is one."""
        bridged = self.bridge_sentences
        return bridged if bridged is not None and len(bridged) == len(self.sentences) else self.sentences

    @property
    def encoded(self) -> bool:
        return "embeddings" in self.__dict__

    def release(self) -> None:
        for name in HEAVY_FEATURES:
            self.__dict__.pop(name, None)

    @cached_property
    def words(self) -> list[str]:
        return content_words(f"{self.doc.title}\n{self.doc.text}")

    @cached_property
    def fingerprint(self) -> Fingerprint:
        return fingerprint_words(self.words)

    @cached_property
    def pivot_words(self) -> frozenset[str]:
        text = self.doc.pivot_text
        return frozenset(w for w in content_words(text) if len(w) >= 4) if text else frozenset()

    @cached_property
    def sentences(self) -> list[str]:
        return split_sentences(self.doc.title, self.doc.text)

    @cached_property
    def sentence_words(self) -> list[frozenset[str]]:
        return [word_set(s) for s in self.sentences]

    @cached_property
    def pivot_sentences(self) -> list[str]:
        if not self.doc.pivot_text:
            return []
        title, _, body = self.doc.pivot_text.partition("\n\n")
        return split_sentences(title, body)

    @cached_property
    def keys(self) -> dict[str, str]:
        keys = evidence_keys(self.doc.title, self.doc.text, self.doc.images)
        if self.doc.pivot_text:
            for key, surface in evidence_keys("", self.doc.pivot_text).items():
                if key[0] in "nd":
                    keys.setdefault(key, surface)
        return keys

    @cached_property
    def embeddings(self) -> np.ndarray:
        return encode_sentences(self.encoder_sentences, self._threads)

    @cached_property
    def pivot_embeddings(self) -> np.ndarray:
        return encode_sentences(self.pivot_sentences, self._threads)

    @cached_property
    def labels(self) -> tuple[str, ...]:
        return site_labels(self.doc.site, self.doc.site_name)

    @cached_property
    def credit_text(self) -> str:
        """Squashed credits, title credits and URLs found in the text."""
        parts = list(self.doc.credits) + list(self.doc.title_credits)
        return " ".join(squash(p) for p in parts)

    @cached_property
    def linked_urls(self) -> frozenset[str]:
        return frozenset(key[2:] for key in self.keys if key.startswith("u:")) | frozenset(
            url_key(c) for c in self.doc.credits if c.startswith("http"))

    def credits(self, other: "Profile") -> bool:
        """True when this article credits ``other``: names its site or links to it."""
        if other.doc.url and url_key(other.doc.url) in self.linked_urls:
            return True
        if any(url.split("/")[0].endswith(other.doc.site) for url in self.linked_urls if
               other.doc.site):
            return True
        own = set(self.labels)
        return any(label in self.credit_text for label in other.labels if label not in own)


def encode_prefixes(profiles: list[Profile], threads: int = 2) -> None:
    """The vectors of the first PREFIX_SENTENCES sentences (and pivot sentences) only, in
    one encoder call: enough to tell that two texts share no sentence (compare.py's
    could_align) before all their sentences are encoded."""
    todo = [p for p in profiles if not p.encoded and "prefix" not in p.__dict__]
    if not todo:
        return
    groups = ([p.encoder_sentences[:PREFIX_SENTENCES] for p in todo]
              + [p.pivot_sentences[:PREFIX_SENTENCES] for p in todo])
    vectors = encode_groups(groups, threads)
    for n, profile in enumerate(todo):
        profile.__dict__["prefix"] = (vectors[n], vectors[len(todo) + n])


def prefix_vectors(profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    """(sentence vectors, pivot sentence vectors) of the profile's first sentences."""
    if profile.encoded:
        return (profile.embeddings[:PREFIX_SENTENCES],
                profile.pivot_embeddings[:PREFIX_SENTENCES])
    return profile.__dict__["prefix"]


def encode_profiles(profiles: list[Profile], threads: int = 2) -> None:
    """Give every profile its sentence vectors (and pivot ones), in one encoder call; the
    first sentences already encoded by encode_prefixes are not encoded again."""
    todo = [p for p in profiles if not p.encoded]
    if not todo:
        return
    done = [p.__dict__.get("prefix", (_NONE, _NONE)) for p in todo]
    groups = ([p.encoder_sentences[len(d[0]):] for p, d in zip(todo, done)]
              + [p.pivot_sentences[len(d[1]):] for p, d in zip(todo, done)])
    vectors = encode_groups(groups, threads)
    for n, (profile, (head, pivot_head)) in enumerate(zip(todo, done)):
        profile.__dict__["embeddings"] = np.vstack([head, vectors[n]])
        profile.__dict__["pivot_embeddings"] = np.vstack([pivot_head, vectors[len(todo) + n]])


_NONE = np.zeros((0, 512), dtype=np.float32)
