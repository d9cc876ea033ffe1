"""Articles in languages the encoder does not know, read through a machine rendering.

The sentence encoder gives noise for Ukrainian and Romanian; the tracer encodes their
rendering into a language it knows (Apertium ukr-rus, ro-es), sentence for sentence, so a
translation with few names or numbers (which spelling alone cannot align) is traced. The
articles are invented; the end-to-end tests run the real ``babelwire trace`` and Apertium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from babelwire.provenance.batch import iso
from babelwire.provenance import TraceDoc, TraceOptions, trace_documents
from babelwire.provenance.bridge import PREFERRED, Bridge, render_groups
from babelwire.provenance.spelling import ENCODER_LANGUAGES
from babelwire.translate import ApertiumTranslator
from babelwire.translate.base import BatchResult

T0 = 1_800_000_000.0

ENGLISH = [  # the original: a city budget, almost no names or numbers
    "City council approves next year's budget after long debate",
    "The city council approved next year's budget on Thursday after a debate that lasted "
    "until late in the evening.",
    "Councillors set aside more money for repairing schools and hospitals.",
    "The mayor promised that taxes for small businesses would not rise.",
    "The opposition criticised the plan for a lack of transparency in spending.",
    "A new tram route is expected to open in the spring.",
    "Residents of the outer districts have long asked for better transport links.",
]
UKRAINIAN = [  # its translation
    "Міська рада ухвалила бюджет на наступний рік після тривалих дебатів",
    "Міська рада в четвер ухвалила бюджет на наступний рік після дебатів, які тривали до "
    "пізнього вечора.",
    "Депутати виділили більше коштів на ремонт шкіл і лікарень.",
    "Мер пообіцяв, що податки для малого бізнесу не зростуть.",
    "Опозиція критикувала план через брак прозорості у витратах.",
    "Новий трамвайний маршрут має запрацювати навесні.",
    "Мешканці околиць давно просили про краще транспортне сполучення.",
]
ROMANIAN = [  # its translation
    "Consiliul local aprobă bugetul pentru anul viitor după o dezbatere lungă",
    "Consiliul local a aprobat joi bugetul pentru anul viitor, după o dezbatere care a "
    "durat până seara târziu.",
    "Consilierii au alocat mai mulți bani pentru repararea școlilor și spitalelor.",
    "Primarul a promis că taxele pentru firmele mici nu vor crește.",
    "Opoziția a criticat planul pentru lipsa de transparență a cheltuielilor.",
    "O nouă linie de tramvai ar urma să fie deschisă în primăvară.",
    "Locuitorii cartierelor periferice cer de mult timp transport mai bun.",
]
UKRAINIAN_OTHER = [  # another report on city matters, in Ukrainian: no version of the above
    "Синоптики попереджають про сильні снігопади в горах цього тижня",
    "Рятувальники закликали туристів не виходити на маршрути без потреби.",
    "На деяких дорогах уже обмежили рух вантажівок.",
    "Фермери скаржаться на низькі закупівельні ціни на зерно.",
    "Уряд обіцяє розглянути програму підтримки до кінця місяця.",
    "Школи в кількох селах перейшли на дистанційне навчання.",
]


def _doc(key: str, lang: str, sentences: list[str], hours: float) -> TraceDoc:
    return TraceDoc(key=key, url=f"https://{key}.test/story", site=f"{key}.test", lang=lang,
                    title=sentences[0], text="\n\n".join(sentences[1:]),
                    published=T0 + hours * 3600, seen=T0 + 86_400)


DOCS = [_doc("original", "en", ENGLISH, 0), _doc("ukrainian", "uk", UKRAINIAN, 3),
        _doc("romanian", "ro", ROMANIAN, 5), _doc("other", "uk", UKRAINIAN_OTHER, 4)]


class Stub:
    """A translator with the given pairs, marking each segment with its target."""

    name = "stub"

    def __init__(self, pairs: set[tuple[str, str]]) -> None:
        self._pairs = pairs
        self.calls: list[tuple[str, str, int]] = []

    def pairs(self) -> set[tuple[str, str]]:
        return self._pairs

    def translate_batch(self, segments: list[str], source: str, target: str) -> BatchResult:
        self.calls.append((source, target, len(segments)))
        return BatchResult(segments=tuple(f"[{target}] {s}" for s in segments), engine="stub",
                           engine_version="1", pivot=None, unknown=(False,) * len(segments))


def test_the_preferred_targets_are_the_encoders_languages():
    assert set(PREFERRED) == ENCODER_LANGUAGES


def test_a_language_is_rendered_into_one_the_encoder_knows_in_one_hop():
    stub = Stub({("uk", "ru"), ("ro", "es"), ("es", "en"), ("ca", "en"), ("ca", "es")})
    bridge = Bridge(lambda: stub, "en")
    assert bridge.target("uk") == "ru"      # a direct pair, though not into the pivot
    assert bridge.target("ro") == "es"      # one hop rather than ro -> es -> en
    assert bridge.target("ca") == "en"      # the pivot first when a direct pair exists
    assert bridge.target("el") is None      # no route: aligned by spelling
    assert bridge.target("en") is None and bridge.target("fr") is None  # read as they are


def test_the_translator_is_not_built_for_languages_the_encoder_reads():
    built = []
    bridge = Bridge(lambda: built.append(1) or Stub(set()), "en")
    assert [bridge.target(lang) for lang in ("en", "fr", "ru", "de")] == [None] * 4
    assert built == []
    assert bridge.target("uk") is None and built == [1]


def test_renderings_are_asked_for_once_per_language_one_for_one():
    stub = Stub({("uk", "ru"), ("ro", "es")})
    bridge = Bridge(lambda: stub, "en")
    out = render_groups(bridge, [("uk", ["а б в.", "г д е."]), ("ro", ["x y z."]),
                                 ("uk", ["є ж з."]), ("el", ["α β γ."])])
    assert out == [["[ru] а б в.", "[ru] г д е."], ["[es] x y z."], ["[ru] є ж з."], None]
    assert sorted(stub.calls) == [("ro", "es", 1), ("uk", "ru", 3)]


def test_without_a_rendering_the_tracer_reads_by_spelling_as_before():
    outcome = trace_documents(DOCS, TraceOptions(workers=1), Bridge(lambda: Stub(set())))
    assert outcome.derived_from["ukrainian"] is None  # few names: spelling cannot align it
    assert outcome.derived_from["romanian"] is None


HAVE_PAIRS = shutil.which("apertium") is not None and {("uk", "ru"), ("ro", "es")} <= (
    ApertiumTranslator().pairs() if shutil.which("apertium") else set())
needs_pairs = pytest.mark.skipif(not HAVE_PAIRS, reason="apertium-rus-ukr and apertium-es-ro are "
                                 "not installed (make test installs them)")


@needs_pairs
def test_translations_without_shared_names_are_traced_through_the_rendering(tmp_path: Path):
    lines = [json.dumps({"id": d.key, "url": d.url, "lang": d.lang, "title": d.title,
                         "text": d.text, "published": iso(d.published), "seen": iso(d.seen)})
             for d in DOCS]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def trace(*flags: str) -> dict[str, dict]:
        done = subprocess.run([sys.executable, "-m", "babelwire.cli.main", "trace", str(corpus),
                               *flags], capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0 and "error" not in done.stderr, done.stderr
        return {r["id"]: r for r in map(json.loads, done.stdout.splitlines()) if "id" in r}

    traced = trace()
    for key, read_through in (("ukrainian", "uk→ru"), ("romanian", "ro→es")):
        record = traced[key]
        assert (record["derived_from"], record["relation"]) == ("original", "translation"), record
        evidence = record["evidence"]
        assert evidence["encoder_read_through"] == [read_through]
        assert evidence["alignment"]["method"] == "encoder"
        assert evidence["alignment"]["aligned"] >= 5
        shown = evidence["aligned_sentences"][0]
        assert shown[0] in ENGLISH + UKRAINIAN + ROMANIAN and shown[1] in ENGLISH + UKRAINIAN + ROMANIAN
    assert traced["other"]["derived_from"] is None
    assert traced["original"]["derived_from"] is None
    # without translation (no rendering) the same articles go untraced: the rendering did it
    plain = trace("--no-translate")
    assert plain["ukrainian"]["derived_from"] is None and plain["romanian"]["derived_from"] is None


@needs_pairs
def test_the_store_traces_through_the_rendering_in_separate_runs(tmp_path, make_settings):
    from babelwire.models import Article
    from babelwire.storage import Database
    from babelwire.storage import articles as article_store
    from babelwire.storage import provenance as provenance_store
    from babelwire.provenance.incremental import trace_store
    from babelwire.web.app import create_app
    from babelwire.web.server import BackgroundServer

    settings = make_settings(tmp_path)
    db = Database(settings.db_path)

    def save(doc: TraceDoc) -> int:
        article = Article(id=None, source_id=None, url=doc.url, canonical_url=doc.url,
                          title=doc.title, standfirst="", body=doc.text, author="",
                          published=iso(doc.published), first_seen=iso(doc.published + 60),
                          language=doc.lang, language_confidence=0.99,
                          content_hash=f"hash-{doc.key}")
        article_store.save_article(db, article)
        return next(r["id"] for r in article_store.latest_articles(db, limit=50)
                    if r["url"] == doc.url)

    try:
        original = save(DOCS[0])
        assert trace_store(db, settings) == (1, 0)
        ukrainian = save(DOCS[1])          # traced in a later run than its original
        save(DOCS[3])
        trace_store(db, settings)
        links = {l.article_id: l for l in provenance_store.links_among(db, {original, ukrainian})}
        link = links[ukrainian]
        assert (link.derived_from, link.relation) == (original, "translation")
        assert link.evidence["encoder_read_through"] == ["uk→ru"]
        server = BackgroundServer(create_app(db, settings), port=0)
        server.start()
        try:
            page = httpx.get(f"{server.url.rstrip('/')}/articles/{ukrainian}",
                             params={"lang": "en"}, timeout=30)
        finally:
            server.stop()
        panel = page.text.split('class="provenance"', 1)[1]
        assert "Derived from" in panel and f"/articles/{original}" in panel
        assert "compared through a machine translation: uk→ru" in panel
    finally:
        db.close()


class Failing(Stub):
    """A translator that lists the pairs but fails every call (a server gone, say)."""

    def translate_batch(self, segments, source, target):
        from babelwire.errors import TranslationError

        raise TranslationError(f"engine down for {source}→{target}")


def test_a_failed_rendering_leaves_the_article_to_spelling_with_a_warning(caplog):
    bridge = Bridge(lambda: Failing({("uk", "ru"), ("ro", "es")}))
    outcome = trace_documents(DOCS, TraceOptions(workers=1), bridge)
    assert outcome.derived_from["ukrainian"] is None and outcome.derived_from["romanian"] is None
    assert any("rendering" in r.getMessage() and "engine down" in r.getMessage()
               for r in caplog.records)


@needs_pairs
def test_leads_rendered_but_sentences_not_the_pair_is_settled_by_spelling(caplog, monkeypatch):
    from babelwire.provenance import tracer

    real = ApertiumTranslator()
    by_meaning = tracer.compare_by_meaning

    def only_readable(a, b, context):   # the encoder never reads a language it does not know
        assert a.encoder_reads and b.encoder_reads, (a.doc.key, b.doc.key)
        return by_meaning(a, b, context)

    monkeypatch.setattr(tracer, "compare_by_meaning", only_readable)
    first_sentences = tracer.prefix_vectors

    def readable_prefix(profile):
        assert profile.encoder_reads, profile.doc.key
        return first_sentences(profile)

    monkeypatch.setattr(tracer, "prefix_vectors", readable_prefix)
    calls: list[tuple[str, str]] = []

    class LeadsOnly(Stub):
        def translate_batch(self, segments, source, target):
            calls.append((source, target))
            if calls.count((source, target)) > 1:   # the leads went through; the rest fails
                from babelwire.errors import TranslationError

                raise TranslationError("engine down")
            return real.translate_batch(segments, source, target)

    bridge = Bridge(lambda: LeadsOnly({("uk", "ru"), ("ro", "es")}))
    outcome = trace_documents(DOCS, TraceOptions(workers=1), bridge)
    assert calls.count(("uk", "ru")) >= 2          # the sentences were asked for, and failed
    for key in ("ukrainian", "romanian"):
        link = outcome.derived_from[key]
        assert link is None or link.evidence.get("alignment", {}).get("method") == "spelling"
    assert any("no ru rendering" in r.getMessage() for r in caplog.records)
