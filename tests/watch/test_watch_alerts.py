"""Alerts over real servers on 127.0.0.1: SMTP (aiosmtpd) and a webhook receiver.
A failed delivery is retried after its backoff, logged, and never lost or repeated."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from babelwire.clock import iso
from babelwire.settings import load_settings
from babelwire.storage.watch_records import WatchSpec
from babelwire.watch.deliver import deliver_due
from babelwire.watch.match import match_watches
from babelwire.watch.webhook import DELIVERY_HEADER, SIGNATURE_HEADER, sign, verify

from watchkit import payload_of, save_article

NOW = datetime(2026, 12, 3, 10, 5, tzinfo=timezone.utc)


def settings_for(smtp_port=1, **extra):
    values = {"fetch.allow_addresses": ["127.0.0.1"], "watches.smtp_host": "127.0.0.1",
              "watches.smtp_port": smtp_port, "watches.retry_seconds": 30.0,
              "watches.max_retry_seconds": 120.0, "watches.base_url": "https://reader.test"}
    values.update(extra)
    return load_settings(None, environ={}, overrides=values)


def watch_with_match(store, settings, **channels):
    save_article(store, "https://gaceta.test/1", title="Ana Torres dimite",
                 body="La ministra Ana Torres dimite.")
    watch = store.watches.add(WatchSpec("name", "Ana Torres", **channels), "2026-12-03T09:00:00Z")
    assert match_watches(store, settings, now=NOW) == 1
    return watch


def test_webhook_is_signed_retried_with_backoff_and_delivered_once(store, webhook_receiver):
    settings = settings_for()
    webhook_receiver.failures = 2
    watch = watch_with_match(store, settings, webhook_url=webhook_receiver.url,
                             webhook_secret="s3cret")
    first = deliver_due(store, settings, now=NOW)
    assert (first.delivered, first.failed) == (0, 1)
    # not due again before its backoff (30 s), so nothing is sent
    assert deliver_due(store, settings, now=NOW + timedelta(seconds=29)).failed == 0
    assert webhook_receiver.attempts == 1
    second = deliver_due(store, settings, now=NOW + timedelta(seconds=30))
    assert second.failed == 1  # the second failure doubles the wait to 60 s
    [alert] = store.watches.pending_alerts(watch.id)
    assert alert.next_attempt_at == iso(NOW + timedelta(seconds=90))
    third = deliver_due(store, settings, now=NOW + timedelta(seconds=90))
    assert third.delivered == 1
    assert deliver_due(store, settings, now=NOW + timedelta(hours=5)).delivered == 0
    assert webhook_receiver.attempts == 3
    [(headers, body)] = webhook_receiver.received
    assert verify("s3cret", body, headers[SIGNATURE_HEADER])
    assert not verify("other", body, headers[SIGNATURE_HEADER])
    assert headers[DELIVERY_HEADER] == str(alert.id)
    document = payload_of(body)
    assert document["article"]["title"] == "Ana Torres dimite"
    assert document["article"]["link"].startswith("https://reader.test/articles/")
    log = store.watches.deliveries(watch.id)
    assert [(row.attempt, row.status) for row in reversed(log)] == [
        (1, "failed"), (2, "failed"), (3, "delivered")]
    assert "HTTP 503" in log[-1].detail


def test_webhook_to_a_private_address_is_refused_by_the_guard(store, webhook_receiver):
    settings = settings_for(**{"fetch.allow_addresses": []})
    watch = watch_with_match(store, settings, webhook_url=webhook_receiver.url)
    report = deliver_due(store, settings, now=NOW)
    assert report.failed == 1 and webhook_receiver.attempts == 0
    assert "blocked" in store.watches.deliveries(watch.id)[0].detail
    assert len(store.watches.pending_alerts(watch.id)) == 1  # kept, not lost


def test_immediate_email_is_retried_after_a_refusal(store, smtp_server):
    port, inbox = smtp_server
    inbox.refuse = 1
    settings = settings_for(port)
    watch = watch_with_match(store, settings, email="desk@example.org")
    assert deliver_due(store, settings, now=NOW).failed == 1
    assert deliver_due(store, settings, now=NOW + timedelta(seconds=30)).delivered == 1
    assert deliver_due(store, settings, now=NOW + timedelta(days=1)).delivered == 0
    [(recipients, message)] = inbox.messages
    assert recipients == ["desk@example.org"]
    assert "Ana Torres dimite" in message["Subject"]
    assert "https://reader.test/articles/" in message.get_content()
    assert "https://gaceta.test/1" in message.get_content()
    assert store.watches.pending_alerts(watch.id) == []


def test_digest_gathers_a_window_into_one_email(store, smtp_server):
    port, inbox = smtp_server
    settings = settings_for(port)
    watch = watch_with_match(store, settings, email="desk@example.org", email_mode="digest")
    save_article(store, "https://gaceta.test/2", title="Ana Torres, entrevista",
                 body="Hablamos con Ana Torres.", first_seen="2026-12-03T10:20:00Z")
    match_watches(store, settings, now=NOW + timedelta(minutes=20))
    assert deliver_due(store, settings, now=NOW + timedelta(minutes=30)).delivered == 0
    assert inbox.messages == []
    report = deliver_due(store, settings, now=datetime(2026, 12, 3, 11, 0, tzinfo=timezone.utc))
    assert report.delivered == 2
    [(_, message)] = inbox.messages
    assert "2 new articles" in message["Subject"]
    assert "entrevista" in message.get_content() and "dimite" in message.get_content()
    assert store.watches.pending_alerts(watch.id) == []


def test_no_smtp_server_keeps_the_alert_pending(store):
    settings = settings_for(**{"watches.smtp_host": ""})
    watch = watch_with_match(store, settings, email="desk@example.org")
    report = deliver_due(store, settings, now=NOW)
    assert report.failed == 1 and "watches.smtp_host" in report.problems[0]
    assert len(store.watches.pending_alerts(watch.id)) == 1


def test_a_leased_alert_is_not_sent_twice(store, webhook_receiver):
    settings = settings_for()
    watch = watch_with_match(store, settings, webhook_url=webhook_receiver.url)
    claimed = store.watches.claim_alerts(iso(NOW), iso(NOW + timedelta(minutes=5)))
    assert len(claimed) == 1
    # another sender at the same time finds nothing to send
    assert deliver_due(store, settings, now=NOW).delivered == 0
    # a sender that died leaves the lease; it runs out and the alert is sent once
    assert deliver_due(store, settings, now=NOW + timedelta(minutes=5)).delivered == 1
    assert len(webhook_receiver.received) == 1
    assert store.watches.pending_alerts(watch.id) == []


def test_signature_is_hmac_sha256_of_the_body():
    # RFC 4231, test case 2
    assert sign("Jefe", b"what do ya want for nothing?") == (
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")


def test_non_ascii_subjects_arrive_whole(store, smtp_server):
    port, inbox = smtp_server
    settings = settings_for(port)
    save_article(store, "https://gaceta.test/3", title="Lucía Ferrándiz visita el mercado de "
                 "Alcaravea y promete un techo nuevo", body="Lucía Ferrándiz habló.")
    store.watches.add(WatchSpec("name", "Lucía Ferrándiz", email="desk@example.org"),
                      "2026-12-03T09:00:00Z")
    match_watches(store, settings, now=NOW)
    assert deliver_due(store, settings, now=NOW).delivered == 1
    [(_, message)] = inbox.messages
    subject = str(message["Subject"])
    assert subject == ("[babelwire] name: Lucía Ferrándiz: Lucía Ferrándiz visita el mercado de "
                       "Alcaravea y promete un techo nuevo")
    assert "Lucía Ferrándiz visita" in message.get_content()
