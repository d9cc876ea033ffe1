"""Provenance watches: "a site newly flagged as a relay" (relay flags stored per site when
tracing) and "an article translated from language X / outlet X within N minutes"."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from babelwire.errors import ConfigError
from babelwire.provenance.site_flags import update_relay_flags
from babelwire.settings import load_settings
from babelwire.storage.watch_records import WatchSpec
from babelwire.watch.match import check_spec, match_watches
from babelwire.web.provenance import site_figures, site_rows_with_lags

from watchkit import save_article

NOW = datetime(2026, 12, 3, 10, 5, tzinfo=timezone.utc)
SETTINGS = load_settings(None, environ={}, overrides={"watches.lookback_hours": 24.0})
DISCLAIMER = json.dumps(["Traducción automática"])


def add(store, kind, target, **options):
    return store.watches.add(check_spec(WatchSpec(kind=kind, target=target, **options)),
                             "2026-12-03T09:00:00Z")


def matches(store, watch):
    return sorted((m.article_id, m.reason) for m in store.watches.matches(watch.id))


def link(store, article, origin, relation="translation", lag=None, at="2026-12-03T10:01:00Z"):
    with store.write() as conn:  # a link as the tracer writes it
        conn.execute("INSERT INTO provenance_links (article_id, derived_from, relation, "
                     "confidence, lag_seconds, created_at) VALUES (?, ?, ?, 0.9, ?, ?)",
                     (article, origin, relation, lag, at))


def relay_article(store, n, origin, at):
    """An English article on relay.test translated from ``origin``, with a disclaimer."""
    article = save_article(store, f"https://relay.test/{n}", title=f"Copy {n}", body="Text.",
                           language="en", first_seen=at)
    with store.write() as conn:
        conn.execute("UPDATE articles SET disclaimers = ? WHERE id = ?", (DISCLAIMER, article))
    link(store, article, origin, at=at)
    return article


def test_a_site_newly_flagged_as_a_relay_is_caught_once(store):
    originals = [save_article(store, f"https://gaceta.test/{n}", title=f"Original {n}",
                              body="Texto.") for n in range(4)]
    anywhere = add(store, "relay_site", "any", email="desk@example.org")
    elsewhere = add(store, "relay_site", "other.test")
    relay_article(store, 0, originals[0], "2026-12-03T10:00:00Z")
    relay_article(store, 1, originals[1], "2026-12-03T10:00:00Z")
    # two articles: not enough evidence yet, judged and stored as not a relay
    assert update_relay_flags(store, "2026-12-03T09:59:00Z", "2026-12-03T10:00:30Z") == []
    assert store.provenance.relay_sites()["relay.test"].relay == 0
    assert match_watches(store, SETTINGS, now=NOW) == 0
    third = relay_article(store, 2, originals[2], "2026-12-03T10:01:00Z")
    assert update_relay_flags(store, "2026-12-03T10:00:40Z", "2026-12-03T10:01:30Z") == ["relay.test"]
    assert match_watches(store, SETTINGS, now=NOW) == 1
    [(article, reason)] = matches(store, anywhere)
    assert article == third  # the site's newest derived article
    assert reason.startswith("relay.test newly flagged as a relay site: 3 of 3 articles derived")
    assert "translation_disclaimer on 3 articles" in reason
    assert len(store.watches.pending_alerts(anywhere.id)) == 1
    assert matches(store, elsewhere) == []
    # still a relay on the next trace: not "newly" flagged again
    relay_article(store, 3, originals[3], "2026-12-03T10:02:00Z")
    assert update_relay_flags(store, "2026-12-03T10:01:40Z", "2026-12-03T10:02:30Z") == []
    assert store.provenance.relay_sites()["relay.test"].flagged_at == "2026-12-03T10:01:30Z"
    assert match_watches(store, SETTINGS, now=NOW) == 0


def test_translated_from_a_language_or_an_outlet_within_minutes(store):
    agency, _ = store.sources.add("https://agency.test/feed", "Agency")
    origin = save_article(store, "https://agency.test/1", title="Заявление", body="Текст.",
                          language="ru", source_id=agency.id)
    spanish = save_article(store, "https://gaceta.test/1", title="Declaración", body="Texto.")
    fast = save_article(store, "https://relay.test/fast", title="Statement", body="Text.",
                        language="en")
    slow = save_article(store, "https://relay.test/slow", title="Statement 2", body="Text.",
                        language="en")
    copied = save_article(store, "https://relay.test/copy", title="Заявление", body="Текст.",
                          language="ru")
    from_spanish = save_article(store, "https://relay.test/es", title="Statement 3",
                                body="Text.", language="en")
    link(store, fast, origin, lag=600)
    link(store, slow, origin, lag=7200)
    link(store, copied, origin, relation="copy", lag=60)
    link(store, from_spanish, spanish, lag=60)
    soon = add(store, "translated_from", "ru", within_minutes=30, webhook_url="http://x.test/h")
    ever = add(store, "translated_from", "RU")
    outlet = add(store, "translated_from", str(agency.id))
    match_watches(store, SETTINGS, now=NOW)
    assert matches(store, soon) == [(fast, f"translation of article #{origin} (ru), 10 min later")]
    assert [a for a, _ in matches(store, ever)] == [fast, slow]
    assert [a for a, _ in matches(store, outlet)] == [fast, slow]
    assert soon.name == "translated_from: ru within 30 min"


@pytest.mark.parametrize("spec, fragment", [
    (WatchSpec("relay_site", "https://relay.test/"), "host name"),
    (WatchSpec("translated_from", "russian"), "language code"),
    (WatchSpec("query", "sequía", within_minutes=5), "translated_from watches only"),
    (WatchSpec("translated_from", "ru", within_minutes=0), "1 or more"),
])
def test_bad_provenance_specs(spec, fragment):
    with pytest.raises(ConfigError) as caught:
        check_spec(spec)
    assert fragment in caught.value.one_line()


def test_tracing_stores_the_reader_s_relay_judgement(demo_store):
    """After the demo's traced pass, every site given links has its judgement stored, and it
    is the one the reader's site page shows."""
    _, _, db, _ = demo_store
    stored = db.provenance.relay_sites()
    assert stored, "tracing stored no site judgement"
    assert any(site.relay for site in stored.values())  # the demo's machine-translating relay
    for host, site in stored.items():
        rows = site_rows_with_lags(db, db.provenance.site_articles(host), lambda name: name)
        assert bool(site.relay) == site_figures(rows)["relay"], host


def test_cli_adds_provenance_watches(tmp_path, capsys):
    from babelwire.cli.main import main

    cli = ["--data", str(tmp_path / "data")]
    assert main(cli + ["watch", "add", "translated_from", "ru", "--within", "30"]) == 0
    assert main(cli + ["watch", "add", "relay_site", "any", "--email", "a@example.org"]) == 0
    assert main(cli + ["watch", "add", "translated_from", "7"]) == 2
    assert "no source #7" in capsys.readouterr().err
    assert main(cli + ["watch", "add", "name", "Ana", "--within", "5"]) == 2
    assert "translated_from watches only" in capsys.readouterr().err
    assert main(cli + ["watch", "list"]) == 0
    listing = capsys.readouterr().out
    assert "#1 [translated_from] ru within 30 min" in listing and "#2 [relay_site] any" in listing
