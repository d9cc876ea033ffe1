"""The tracer's worker processes (provenance.workers): the same links, originals and
stories as the serial tracer, on the project's multilingual corpus, in one trace and
across two; a wrong setting is a one-line error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from babelwire.errors import ConfigError
from babelwire.provenance import TraceOptions, Tracer, parallel, trace_documents
from babelwire.provenance.batch import read_jsonl

CORPUS = Path(__file__).resolve().parents[1] / "eval" / "provenance" / "corpus.jsonl"

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="this system cannot fork")


@pytest.fixture(scope="module")
def docs():
    found, bad = read_jsonl(CORPUS.read_text(encoding="utf-8").splitlines())
    assert not bad and len(found) > 100
    return found


def _spy(monkeypatch, minimum: int, chunk: int) -> list[str]:
    """Workers for any pool of ``minimum`` articles or more, ``chunk`` articles per task;
    the names of the tasks run in workers fill the list returned."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN", minimum)
    monkeypatch.setattr(parallel, "CHUNK", chunk)
    ran: list[str] = []
    real = parallel.run

    def run(tracer, task, items, **state):
        ran.append(task.__name__)
        yield from real(tracer, task, items, **state)

    monkeypatch.setattr(parallel, "run", run)
    return ran


@pytest.fixture
def spied(monkeypatch):
    return _spy(monkeypatch, 10, 7)


def _summary(outcome):
    chosen = {key: (link.derived_from, link.relation, link.confidence,
                    link.evidence.get("via"), link.lag_seconds) if link else None
              for key, link in outcome.derived_from.items()}
    links = [(l.article, l.derived_from, l.relation, l.confidence) for l in outcome.links]
    return chosen, links, outcome.stories, [(s.site, s.relay) for s in outcome.sites]


def candidates_with_pid(keys):
    """parallel.candidates_task, with the process that ran it."""
    return [(os.getpid(), found) for found in parallel.candidates_task(keys)]


def test_workers_find_what_the_serial_tracer_finds(docs, spied):
    ran = spied
    serial = trace_documents(docs, TraceOptions(workers=1))
    assert ran == []                      # one worker: no process forked
    forked = trace_documents(docs, TraceOptions(workers=2))
    assert ran == ["features_task", "candidates_task", "evaluate_task"]
    assert _summary(forked) == _summary(serial)
    derived = [link for link in forked.derived_from.values() if link is not None]
    assert len(derived) > 40              # the corpus's copies and translations were found
    assert any(link.relation == "translation" for link in derived)


def test_workers_run_in_other_processes(docs, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    tracer = Tracer(TraceOptions(workers=2, use_encoder=False))
    keys = tracer.add(docs)
    seen = {pid for chunk in parallel.run(tracer, candidates_with_pid, keys, near={})
            for pid, _ in chunk}
    assert seen and os.getpid() not in seen


def test_a_second_trace_with_workers_matches_the_serial_one(docs, spied):
    """Incremental use (as after each ingestion pass): pairs compared in the first trace
    are not compared again, and the originals chosen are the serial tracer's."""
    half = len(docs) // 2
    results = []
    for workers in (1, 2):
        tracer = Tracer(TraceOptions(workers=workers))
        tracer.parallel_min = 10
        first = tracer.trace(tracer.add(docs[:half]))
        second = tracer.trace(tracer.add(docs[half:]), known_parents={
            k: v for k, v in first.derived_from.items() if v is not None})
        results.append([
            {k: (l.derived_from, l.relation, l.confidence) if l else None
             for k, l in result.derived_from.items()} for result in (first, second)])
    assert results[0] == results[1]
    assert any(v for v in results[1][1].values())


def test_one_worker_per_core_by_default(monkeypatch):
    assert parallel.worker_count(0) == min(parallel.MAX_AUTO, len(os.sched_getaffinity(0)))
    monkeypatch.setattr(parallel, "cores", lambda: 64)
    assert parallel.worker_count(0) == parallel.MAX_AUTO   # a large server: memory bounds it
    assert parallel.worker_count(12) == 12                 # unless set
    assert parallel.worker_count(1) == 1
    assert parallel.worker_count(3) == 3


@pytest.mark.parametrize("value", [-1, "two", 1.5, True])
def test_a_wrong_worker_setting_is_a_one_line_error(value):
    with pytest.raises(ConfigError) as error:
        Tracer(TraceOptions(workers=value, use_encoder=False))
    message = str(error.value)
    assert "provenance.workers" in message and "\n" not in message


def test_small_pools_stay_in_one_process(docs, monkeypatch):
    ran: list[str] = []
    monkeypatch.setattr(parallel, "run", lambda *a, **k: ran.append("run") or iter(()))
    trace_documents(docs[:20], TraceOptions(workers=2, use_encoder=False))
    assert ran == []


def test_the_store_trace_with_workers_finds_the_demo_relays(tmp_path, monkeypatch):
    """The trace step of an ingestion pass (worker.run_once, the demo newsroom served over
    127.0.0.1 from threads of this process, a real SQLite store), with its tracer's
    Python work forked into workers: each relay is linked to its original."""
    from babelwire.compose import pipeline_context
    from babelwire.demo.expected import expected_articles
    from babelwire.demo.server import start_demo_newsroom
    from babelwire.storage import articles as article_store
    from babelwire.storage import provenance as provenance_store
    from babelwire.storage import sources as source_store
    from babelwire.storage import Database
    from babelwire.worker import run_once
    from tests.conftest import local_settings

    ran = _spy(monkeypatch, 2, 3)
    with start_demo_newsroom() as newsroom:
        settings = local_settings(tmp_path)
        db = Database(settings.db_path)
        for outlet in newsroom.outlets:
            source_store.add_source(db, outlet.feed_url, name=outlet.name)
        with pipeline_context(settings, db=db) as ctx:
            report = run_once(ctx)
        assert not [p for p in report.problems if p.startswith("provenance")], report.problems
        assert "evaluate_task" in ran
        ids = {row["url"]: row["id"] for row in article_store.latest_articles(db, limit=500)}
        relayed = [truth for truth in expected_articles(newsroom) if truth.is_relay]
        assert relayed
        for truth in relayed:
            upstream, _ = provenance_store.links_of_article(db, ids[truth.url])
            derived = [link for link in upstream if link["relation"] != "same_event"]
            assert [link["derived_from"] for link in derived] == [ids[truth.relays_url]]
        db.close()


def dying_task(chunk):
    """A worker killed while it works (as by the kernel, short of memory)."""
    os._exit(9)


@pytest.mark.parametrize("task", ["features_task", "evaluate_task"])
def test_a_worker_that_dies_leaves_the_trace_to_the_tracer(docs, spied, monkeypatch, caplog,
                                                            task):
    serial = trace_documents(docs, TraceOptions(workers=1))
    monkeypatch.setattr(parallel, task, dying_task)
    with caplog.at_level("WARNING", logger="babelwire.provenance.tracer"):
        forked = trace_documents(docs, TraceOptions(workers=2))
    assert "dying_task" in spied
    assert _summary(forked) == _summary(serial)
    assert "worker process of the tracer died" in caplog.text
