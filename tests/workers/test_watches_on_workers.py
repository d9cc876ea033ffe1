"""Two workers on one PostgreSQL newsroom: a watch's alerts go out once per match, whoever
matched it and whoever delivered it."""

from __future__ import annotations

import json

from babelwire.clock import now_iso
from babelwire.storage import open_store
from babelwire.storage.watch_records import WatchSpec

from .conftest import start_worker


def test_each_match_is_delivered_once_by_two_workers(worker_config, newsroom, webhook_receiver):
    config, url = worker_config
    with open_store(url) as store:
        store.sources.add(newsroom.feed_url, name="Gazette")
        watch = store.watches.add(WatchSpec("query", "council", webhook_url=webhook_receiver.url),
                                  now_iso())
    workers = [start_worker(config, "--until-idle") for _ in range(2)]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    with open_store(url) as store:
        matched = sorted(m.article_id for m in store.watches.matches(watch.id))
        assert store.watches.pending_alerts(watch.id) == []
    assert matched  # the English and French articles name the council
    delivered = [json.loads(body) for _, body in webhook_receiver.received]
    assert sorted(payload["article"]["id"] for payload in delivered) == matched  # once each
