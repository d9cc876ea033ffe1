"""Webhook alerts: one JSON POST per alert, signed with HMAC-SHA256, through the SSRF guard.

Headers: ``X-Babelwire-Signature: sha256=<hex HMAC of the body with the watch's
secret>``, ``X-Babelwire-Delivery: <alert id>`` (the same on every retry, so a
receiver can drop a repeat), ``X-Babelwire-Event: watch.match``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

import httpx

from ..errors import BabelwireError
from ..fetch import deadline_scope, guarded_client, policy_from_settings
from ..storage.watch_records import AlertRow, WatchMatch, WatchRow

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Babelwire-Signature"
DELIVERY_HEADER = "X-Babelwire-Delivery"


class DeliveryFailed(Exception):
    """One attempt did not reach its receiver; the alert stays in the outbox."""


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(sign(secret, body), header or "")


def payload(watch: WatchRow, alert: AlertRow, match: WatchMatch, link: str) -> bytes:
    document = {
        "event": "watch.match",
        "delivery": alert.id,
        "watch": {"id": watch.id, "kind": watch.kind, "target": watch.target, "name": watch.name},
        "article": {"id": match.article_id, "title": match.title, "url": match.url,
                    "language": match.language, "source": match.source_name,
                    "published": match.published, "first_seen": match.first_seen,
                    "link": link},
        "matched_at": match.matched_at,
        "reason": match.reason,  # the kind, or the provenance event ("translation of ...")
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def post(settings, watch: WatchRow, alert: AlertRow, body: bytes) -> str:
    """POST ``body`` to the watch's webhook; returns a short status, raises ``DeliveryFailed``."""
    headers = {"Content-Type": "application/json", DELIVERY_HEADER: str(alert.id),
               "X-Babelwire-Event": "watch.match", "User-Agent": settings["fetch.user_agent"]}
    if watch.webhook_secret:
        headers[SIGNATURE_HEADER] = sign(watch.webhook_secret, body)
    seconds = settings["watches.webhook_timeout"]
    try:
        with guarded_client(policy_from_settings(settings), timeout=seconds) as client, \
                deadline_scope(seconds):
            response = client.post(watch.webhook_url, content=body, headers=headers)
    except BabelwireError as error:
        raise DeliveryFailed(error.one_line()) from error
    except httpx.HTTPError as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}") from error
    if not 200 <= response.status_code < 300:
        raise DeliveryFailed(f"HTTP {response.status_code}")
    return f"HTTP {response.status_code}"
