"""The tracer's parts and `babelwire trace`, on small hand-written articles."""

import json
import subprocess
import sys

import numpy as np

from babelwire.dedupe import NearDuplicateIndex, StoryLink, cluster_stories, content_words, fingerprint_words
from babelwire.provenance import TraceOptions, trace_documents
from babelwire.provenance.align import monotonic_alignment
from babelwire.provenance.batch import read_jsonl
from babelwire.provenance.evidence import dates_in, name_key, numbers_in
from babelwire.provenance.relay import judge

ORIGINAL_ES = {
    "id": "es-1", "url": "https://diario-norte.test/puente", "lang": "es",
    "seen": "2026-03-02T08:00:00Z",
    "title": "El puente de Valdoria cerrará 45 días por obras de 3,8 millones",
    "text": "El Ayuntamiento de Valdoria cerrará el puente de Santa Irene durante 45 días a partir "
            "del 14 de marzo.\n\nLas obras, adjudicadas a Construcciones Ferrel por 3,8 millones de "
            "euros, reforzarán los pilares dañados por la riada del año pasado.\n\nLa alcaldesa, "
            "Mireia Tosca, pidió paciencia a los 12.400 vecinos que cruzan el puente cada día.\n\n"
            "Los autobuses urbanos se desviarán por la avenida del Río mientras duren los trabajos.",
}
TRANSLATION_EN = {
    "id": "en-1", "url": "https://world-relay.test/bridge", "lang": "en",
    "seen": "2026-03-02T11:30:00Z",
    "title": "Valdoria bridge to close for 45 days for 3.8 million works - Diario Norte",
    "text": "This article was translated automatically from Spanish.\n\nValdoria City Council "
            "will close the Santa Irene bridge for 45 days starting on 14 March.\n\nThe works, "
            "awarded to Construcciones Ferrel for 3.8 million euros, will strengthen the pillars "
            "damaged by last year's flood.\n\nThe mayor, Mireia Tosca, asked the 12,400 residents "
            "who cross the bridge every day for patience.\n\nCity buses will be diverted along "
            "the river avenue while the works last.",
}
COPY_ES = dict(ORIGINAL_ES, id="es-2", url="https://noticias-hoy.test/valdoria-puente",
               seen="2026-03-02T09:10:00Z",
               text=ORIGINAL_ES["text"] + "\n\nFuente: Diario Norte")
SAME_EVENT_ES = {
    "id": "es-3", "url": "https://la-voz-sur.test/valdoria", "lang": "es",
    "seen": "2026-03-02T10:00:00Z",
    "title": "Mireia Tosca defiende el cierre del puente de Santa Irene",
    "text": "Quejas de comerciantes en Valdoria: temen perder clientes durante los 45 días sin "
            "puente.\n\nMireia Tosca respondió en la radio que la seguridad es lo primero y que "
            "los 3,8 millones vienen en parte de fondos regionales.\n\nEl gremio de hostelería "
            "pedirá una reunión con Construcciones Ferrel para conocer el calendario exacto.",
}
UNRELATED_EN = {
    "id": "en-2", "url": "https://harbour-daily.test/seals", "lang": "en",
    "seen": "2026-03-02T07:00:00Z",
    "title": "Record number of seal pups counted on Skerrow Point",
    "text": "Volunteers counted 212 grey seal pups on Skerrow Point this winter, the highest "
            "number since records began.\n\nThe warden, Owen Pritchard, said calmer autumn storms "
            "had helped the colony.",
}


def _trace(records, **options):
    docs, bad = read_jsonl([json.dumps(r) for r in records])
    assert bad == []
    return trace_documents(docs, TraceOptions(**options))


def test_names_numbers_and_dates_match_across_scripts_and_languages():
    assert name_key("Путин") == name_key("Πούτιν") == name_key("Putin") == name_key("Poutine")
    assert name_key("Putin") != name_key("Pérez")
    assert set(numbers_in("12.400 vecinos")) == set(numbers_in("12,400 residents")) \
        == set(numbers_in("12 400 habitants")) == {"n:12400"}
    assert set(dates_in("el 14 de marzo")) == set(dates_in("on March 14")) \
        == set(dates_in("le 14 mars")) == {"d:3-14"}


def test_alignment_keeps_order():
    similarity = np.array([[0.9, 0.1, 0.2], [0.1, 0.2, 0.95], [0.1, 0.8, 0.1]])
    assert monotonic_alignment(similarity, 0.5) == [(0, 0), (1, 2)]
    assert monotonic_alignment(np.zeros((2, 3)), 0.5) == []


def test_near_duplicates_found_by_lsh_and_not_unrelated_text():
    index = NearDuplicateIndex()
    original = content_words(ORIGINAL_ES["text"])
    index.add("es-1", fingerprint_words(original))
    edited = content_words(ORIGINAL_ES["text"].replace("cada día", "a diario"))
    assert "es-1" in index.candidates(fingerprint_words(edited))
    assert index.candidates(fingerprint_words(content_words(UNRELATED_EN["text"]))) == {}


def test_translation_copy_and_same_event_told_apart():
    outcome = _trace([ORIGINAL_ES, TRANSLATION_EN, COPY_ES, SAME_EVENT_ES, UNRELATED_EN])
    derived = outcome.derived_from
    assert derived["es-1"] is None and derived["en-2"] is None
    assert derived["en-1"].derived_from == "es-1" and derived["en-1"].relation == "translation"
    assert derived["es-2"].derived_from == "es-1" and derived["es-2"].relation == "copy"
    assert derived["es-3"] is None
    evidence = derived["en-1"].evidence
    assert evidence["lag_seconds"] == 3.5 * 3600
    assert "Tosca" in evidence["shared_names"] and evidence["aligned_sentences"]
    assert any(l.relation == "same_event" and "es-3" in (l.article, l.derived_from)
               for l in outcome.links)
    story = next(s for s in outcome.stories if "es-1" in s)
    assert story[0] == "es-1" and {"en-1", "es-2"} <= set(story) and "en-2" not in story


def test_the_crediting_article_is_derived_even_when_seen_first():
    early_copy = dict(COPY_ES, seen="2026-03-02T07:30:00Z")
    outcome = _trace([ORIGINAL_ES, early_copy], use_encoder=False)
    link = outcome.derived_from["es-2"]
    assert link is not None and link.derived_from == "es-1"
    assert link.evidence["direction"] == "credits" and link.lag_seconds < 0
    assert outcome.derived_from["es-1"] is None


def test_relay_needs_more_than_one_signal():
    assert judge(5, 5, {}) == (False, ())                       # derived share alone
    assert judge(5, 1, {"translation_disclaimer": 5})[0] is False  # signal alone
    assert judge(2, 2, {"translation_disclaimer": 2})[0] is False  # too few articles
    relay, reasons = judge(5, 4, {"translation_disclaimer": 4})
    assert relay and any("disclaimer" in r for r in reasons)


def test_story_guard_does_not_chain_unrelated_news():
    keys = {"a": frozenset({"p:x", "p:y", "n:1"}), "b": frozenset({"p:x", "p:y", "p:z", "p:w"}),
            "c": frozenset({"p:z", "p:w", "n:2"})}
    links = [StoryLink("b", "a", "same_event", 0.8, frozenset({"p:x", "p:y"})),
             StoryLink("c", "b", "same_event", 0.7, frozenset({"p:z", "p:w"}))]
    stories = cluster_stories(["a", "b", "c"], links, keys, lambda k: (k,))
    assert stories == [["a", "b"]]


def test_trace_command_reports_bad_lines_and_carries_on(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(ORIGINAL_ES), "{not json", json.dumps({"id": "x", "lang": "en"}),
             json.dumps(COPY_ES), json.dumps(dict(COPY_ES, seen="yesterday"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "babelwire.cli.main", "trace", str(path),
                           "--no-translate"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error[")]
    assert [e.split(" line ")[1].split(":")[0] for e in errors] == ["2", "3", "5"]
    assert "Traceback" not in done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    articles = [r for r in records if "id" in r]
    sites = [r for r in records if "site" in r]
    assert [r["id"] for r in articles] == ["es-1", "es-2"]
    assert articles[1]["derived_from"] == "es-1" and articles[1]["relation"] == "copy"
    assert {s["site"] for s in sites} == {"diario-norte.test", "noticias-hoy.test"}
    assert all(s["relay"] is False for s in sites)


def test_trace_command_missing_file_is_one_line_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "babelwire.cli.main", "trace",
                           str(tmp_path / "nope.jsonl")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("error[config]:") and len(done.stderr.strip().splitlines()) == 1
