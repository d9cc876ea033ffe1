"""The tracer's Python work on every core: worker processes forked from the tracer.

Outside the sentence encoder (which already runs on every core), the tracer's cost is
Python on one core: evidence keys and fingerprints of each article, candidate blocking,
and comparing each candidate pair by its words. Those steps are split over worker
processes forked from the tracer's own process, so they read its index without copying
it (copy on write); they send back plain records (features, candidate lists, verdicts).

The workers never run the encoder: the tracer's process does, before and after them.
So a worker never touches an encoder runtime inherited half-initialised through the
fork; it only runs Python and small numpy products.

The result is the same as the serial tracer's: each pair is compared once, by the
worker of the first article (in the traced order) that lists it as a candidate, as the
serial loop would, and the pairs needing the encoder go back to the tracer in order.
Only where forking is safe (Linux, the BSDs); elsewhere the tracer runs in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..errors import ConfigError

if TYPE_CHECKING:
    from .tracer import Tracer

log = logging.getLogger(__name__)

PARALLEL_MIN = 1000    # fewer articles than this: serial (forking costs more than it saves)
CHUNK = 100            # articles per task sent to a worker
MAX_AUTO = 8           # workers at most by default: each may copy much of the index's memory
_STATE: dict[str, Any] = {}   # what the workers read: set before the fork, cleared after


def can_fork() -> bool:
    """Forking is safe here: Linux and the BSDs (on macOS, system libraries may crash a
    forked child; Windows has no fork)."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def worker_count(setting: int) -> int:
    """Processes for the tracer's Python work: the provenance.workers setting, 0 for one
    per core (at most MAX_AUTO); 1 where the system cannot fork."""
    if not isinstance(setting, int) or isinstance(setting, bool) or setting < 0:
        raise ConfigError(f"provenance.workers is {setting!r}: set a whole number, 0 for one "
                          f"per core or 1 for no worker process")
    if not can_fork():
        return 1
    return setting or min(MAX_AUTO, cores())


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def use_workers(tracer: "Tracer", items: int) -> bool:
    return worker_count(tracer.options.workers) > 1 and items >= tracer.parallel_min


class WorkersLost(RuntimeError):
    """A worker process died (killed for memory, say): the caller goes on in one process."""


def run(tracer: "Tracer", task: Callable[[Any], Any], items: Sequence[Any],
        **state: Any) -> Iterator[Any]:
    """``task`` over ``items`` in chunks of CHUNK, in forked workers; results in order.

    ``task`` is a module-level function of one chunk; it finds the tracer (and ``state``)
    in _STATE, inherited through the fork. Raises WorkersLost when a worker dies, where a
    plain multiprocessing pool would wait for its results for ever."""
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    if not chunks:
        return
    workers = min(worker_count(tracer.options.workers), len(chunks))
    _STATE.update(state, tracer=tracer)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(task, chunks)
    except BrokenProcessPool as exc:
        raise WorkersLost(f"a worker process of the tracer died ({exc})") from exc
    finally:
        _STATE.clear()


def features_task(docs: Sequence[Any]) -> list[tuple]:
    """Evidence keys, fingerprint and pivot words of each article (index.add's inputs)."""
    from .profile import Profile

    threads = _STATE["tracer"].options.encoder_threads
    found = []
    for doc in docs:
        profile = Profile(doc, threads)
        found.append((profile.keys, profile.fingerprint, profile.pivot_words))
    return found


def candidates_task(keys: Sequence[str]) -> list[list[str]]:
    """Each article's candidates, by spellings and by meaning (Tracer._found)."""
    tracer, near = _STATE["tracer"], _STATE["near"]
    return [tracer._found(key, near.get(key, {})) for key in keys]


def evaluate_task(work: Sequence[tuple[str, list[str]]]) -> list[tuple[list, list]]:
    """Each article compared with the candidates it owns (Tracer._evaluate)."""
    tracer = _STATE["tracer"]
    return [tracer._evaluate(key, others) for key, others in work]


def owners(keys: Iterable[str], found: Iterable[list[str]], done: Callable[[tuple], bool]
           ) -> tuple[dict[tuple[str, str], None], list[tuple[str, list[str]]]]:
    """Every pair listed (in order), and which article compares which of its candidates:
    a pair belongs to the first article listing it, as in the serial loop; pairs compared
    in an earlier trace (``done``) belong to none."""
    pairs: dict[tuple[str, str], None] = {}
    work = []
    for key, others in zip(keys, found):
        mine = []
        for other in others:
            pair = (key, other) if key < other else (other, key)
            if pair in pairs:
                continue
            pairs[pair] = None
            if not done(pair):
                mine.append(other)
        work.append((key, mine))
    return pairs, work
