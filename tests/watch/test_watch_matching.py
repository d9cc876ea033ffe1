"""Matching through the store: queries and names in originals and translations, outlets,
relays; each (watch, article) once, with one outbox row per channel."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from babelwire.errors import ConfigError
from babelwire.settings import load_settings
from babelwire.storage.watch_records import WatchSpec
from babelwire.watch.match import check_spec, digest_window_end, match_watches

from watchkit import save_article, save_translation

NOW = datetime(2026, 12, 3, 10, 5, tzinfo=timezone.utc)
SETTINGS = load_settings(None, environ={}, overrides={"watches.lookback_hours": 24.0})


def add(store, kind, target, **options):
    return store.watches.add(check_spec(WatchSpec(kind=kind, target=target, **options)),
                             "2026-12-03T09:00:00Z")


def matched(store, watch):
    return sorted(m.article_id for m in store.watches.matches(watch.id))


def test_name_matches_original_and_translation_once(store):
    spanish = save_article(store, "https://gaceta.test/1", title="La ministra Ana Torres dimite",
                           body="Ana Torres presentó su dimisión el martes.")
    other = save_article(store, "https://gaceta.test/2", title="Lluvias en Sevilla",
                         body="Llueve mucho.")
    prize = save_article(store, "https://gaceta.test/3", title="Premio para la poeta",
                         body="La poeta recibió el galardón.")
    save_translation(store, prize, "en", "Prize for the poet", "Ana Torres handed the award.")
    watch = add(store, "name", "Ana Torres", email="desk@example.org",
                webhook_url="http://127.0.0.1:9/hook")
    assert match_watches(store, SETTINGS, now=NOW) == 2
    assert matched(store, watch) == [spanish, prize]
    assert other not in matched(store, watch)
    # a second pass finds the same articles and records nothing new
    assert match_watches(store, SETTINGS, now=NOW) == 0
    alerts = store.watches.pending_alerts(watch.id)
    assert sorted((a.channel, a.match_id) for a in alerts) == sorted(
        (channel, m.id) for m in store.watches.matches(watch.id) for channel in ("email", "webhook"))


def test_name_is_a_phrase_and_query_uses_search_syntax(store):
    apart = save_article(store, "https://gaceta.test/4", title="Torres y Ana",
                         body="Torres habló con Ana.")
    snow = save_article(store, "https://gaceta.test/5", title="Nieve en Madrid", body="Nieve.")
    name = add(store, "name", "Ana Torres")
    query = add(store, "query", "madrid -lluvia")
    match_watches(store, SETTINGS, now=NOW)
    assert matched(store, name) == []
    assert matched(store, query) == [snow]
    assert apart


def test_late_translation_matches_on_a_later_pass(store):
    article = save_article(store, "https://gaceta.test/6", title="Sequía", body="No llueve.")
    watch = add(store, "query", "drought")
    assert match_watches(store, SETTINGS, now=NOW) == 0
    save_translation(store, article, "en", "Drought", "It does not rain.")
    assert match_watches(store, SETTINGS, now=NOW) == 1
    assert matched(store, watch) == [article]


def test_articles_before_the_watch_or_the_lookback_do_not_match(store):
    save_article(store, "https://gaceta.test/7", title="Sequía antigua", body="Sequía.",
                 first_seen="2026-12-03T08:59:59Z")
    watch = add(store, "query", "sequía")
    assert match_watches(store, SETTINGS, now=NOW) == 0
    assert matched(store, watch) == []


def test_outlet_and_relay_watches(store):
    origin, _ = store.sources.add("https://gaceta.test/feed", "Gaceta")
    relay, _ = store.sources.add("https://relay.test/feed", "Relay")
    first = save_article(store, "https://gaceta.test/8", title="Original", body="Texto.",
                         source_id=origin.id)
    copy = save_article(store, "https://relay.test/8", title="Copy", body="Text.",
                        source_id=relay.id, language="en")
    outlet = add(store, "outlet", str(origin.id))
    relays = add(store, "relay_of", str(origin.id))
    with store.write() as conn:  # a link as the tracer writes it
        conn.execute("INSERT INTO provenance_links (article_id, derived_from, relation, "
                     "confidence, created_at) VALUES (?, ?, 'translation', 0.9, ?)",
                     (copy, first, "2026-12-03T10:01:00Z"))
    match_watches(store, SETTINGS, now=NOW)
    assert matched(store, outlet) == [first]
    assert matched(store, relays) == [copy]


def test_digest_alerts_share_the_end_of_their_window(store):
    assert digest_window_end(NOW, 60) == datetime(2026, 12, 3, 11, 0, tzinfo=timezone.utc)
    save_article(store, "https://gaceta.test/9", title="Sequía", body="Sequía.")
    watch = add(store, "query", "sequía", email="desk@example.org", email_mode="digest")
    match_watches(store, SETTINGS, now=NOW)
    [alert] = store.watches.pending_alerts(watch.id)
    assert alert.next_attempt_at == "2026-12-03T11:00:00Z"


@pytest.mark.parametrize("spec, fragment", [
    (WatchSpec("topic", "x"), "unknown watch kind"),
    (WatchSpec("outlet", "gaceta"), "source id"),
    (WatchSpec("query", '""'), "no word"),
    (WatchSpec("name", "Ana", email="nobody"), "not an e-mail"),
    (WatchSpec("name", "Ana", webhook_url="ftp://x"), "not an http(s) URL"),
])
def test_bad_specs_are_one_line_config_errors(spec, fragment):
    with pytest.raises(ConfigError) as caught:
        check_spec(spec)
    assert fragment in caught.value.one_line()
    assert "\n" not in caught.value.one_line()


def test_removing_a_watch_drops_its_matches(store):
    save_article(store, "https://gaceta.test/10", title="Sequía", body="Sequía.")
    watch = add(store, "query", "sequía", email="desk@example.org")
    match_watches(store, SETTINGS, now=NOW)
    store.watches.remove(watch.id)
    assert store.watches.list() == []
    assert store.watches.pending_alerts() == []
    with pytest.raises(ConfigError):
        store.watches.remove(watch.id)
