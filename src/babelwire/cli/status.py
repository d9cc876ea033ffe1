"""``babelwire status``: is a poller running, when did it last fetch, what is due next."""

from __future__ import annotations

import argparse

from ..settings import Settings
from .store import open_existing_store
from ..status import live_workers, poller_state, status_lines
from ..storage.open import redacted
from ..storage.schedule import poll_schedule
from ..storage.claims import WORKER_PREFIX


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("status", help="whether anything polls the store, and what is due")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    sqlite = settings.database_url.startswith("sqlite:")
    print(f"store: {settings.db_path.resolve() if sqlite else redacted(settings.database_url)}")
    db = open_existing_store(settings)
    if db is None:
        print(f"no store yet at {settings.data_dir}: add a source with "
              f"`babelwire sources add URL`, then `babelwire run`")
        return 0
    with db:
        schedule = poll_schedule(db)
        # silent for a lease (at least two minutes: a round may be long) means gone
        silence = max(settings["worker.lease_seconds"], 120.0)
        workers = live_workers(db.workers.list(WORKER_PREFIX), silence)
    for line in status_lines(poller_state(settings.data_dir), schedule, workers):
        print(line)
    return 0
