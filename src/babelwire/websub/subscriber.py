"""WebSub subscriber: subscribe to the hub a feed declares, answer the hub's challenge,
accept content signed with the subscription's secret, renew leases before they end.

The hub calls ``<websub.callback_url>/websub/<subscription id>``: a GET to verify
(intent), a POST with the new feed content (``X-Hub-Signature: sha256=...``).
Pushed entries join the entry queue; the run loop fetches them on its next pass.
Hub URLs come from feeds (outside), so every request to a hub goes through the
SSRF-guarded client.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

import httpx
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..clock import iso, parse_iso, utcnow
from ..errors import BabelwireError
from ..feeds import parse_feed
from ..fetch import deadline_scope, guarded_client, policy_from_settings
from ..storage.watch_records import Subscription
from .discover import declared_hub

log = logging.getLogger(__name__)

HUB_DEADLINE = 15.0
ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
              "sha512": hashlib.sha512}


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """``X-Hub-Signature: method=hex`` is the HMAC of the body with the secret."""
    method, _, given = (header or "").partition("=")
    digest = ALGORITHMS.get(method.strip().lower())
    if not secret or digest is None or not given:
        return False
    return hmac.compare_digest(hmac.new(secret.encode(), body, digest).hexdigest(), given.strip())


def callback(settings, subscription_id: int) -> str:
    return f"{settings['websub.callback_url'].rstrip('/')}/websub/{subscription_id}"


def request_subscription(store, settings, sub: Subscription, mode: str = "subscribe") -> str | None:
    """Ask the hub to (un)subscribe; returns an error text, or ``None`` when it accepted."""
    form = {"hub.mode": mode, "hub.topic": sub.topic, "hub.callback": callback(settings, sub.id),
            "hub.secret": sub.secret, "hub.lease_seconds": str(settings["websub.lease_seconds"])}
    try:
        with guarded_client(policy_from_settings(settings), timeout=HUB_DEADLINE) as client, \
                deadline_scope(HUB_DEADLINE):
            response = client.post(sub.hub, data=form)
    except BabelwireError as error:
        return error.one_line()
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: {error}"
    return None if 200 <= response.status_code < 300 else f"hub answered HTTP {response.status_code}"


def subscribe(store, settings, source_id: int, hub: str, topic: str,
              now: datetime) -> Subscription:
    sub = store.websub.save(source_id, hub=hub, topic=topic, secret=secrets.token_hex(20),
                            state="pending", now=iso(now))
    error = request_subscription(store, settings, sub)
    if error:
        log.warning("websub: %s refused the subscription to %s: %s", hub, topic, error)
        sub = store.websub.save(source_id, hub=hub, topic=topic, secret=sub.secret,
                                state="failed", now=iso(now), error=error)
    return sub


def check_sources(store, settings, fetcher, now: datetime | None = None) -> int:
    """Subscribe feeds that declare a hub (checked once per ``websub.recheck_hours``) and
    renew leases that end within a tenth of their length; returns requests sent."""
    if not settings["websub.callback_url"]:
        return 0
    moment = now or utcnow()
    known = {s.source_id: s for s in store.websub.list()}
    sent = 0
    for source in store.sources.list():
        sub = known.get(source.id)
        if not (source.enabled and source.kind == "feed" and _due(sub, settings, moment)):
            continue
        if sub is not None and sub.state == "verified":  # renew: same topic, same secret
            error = request_subscription(store, settings, sub)
            if error:
                log.warning("websub: renewing %s failed: %s", sub.topic, error)
            sent += 1
        else:
            sent += _check_one(store, settings, fetcher, source, moment)
    return sent


def _due(sub: Subscription | None, settings, moment: datetime) -> bool:
    if sub is None:
        return True
    if sub.state == "verified":
        lease_end = parse_iso(sub.lease_until)
        margin = timedelta(seconds=settings["websub.lease_seconds"] / 10)
        return lease_end is not None and lease_end - margin <= moment
    checked = parse_iso(sub.checked_at)
    return checked is None or checked + timedelta(hours=settings["websub.recheck_hours"]) <= moment


def _check_one(store, settings, fetcher, source, moment: datetime) -> int:
    try:
        result = fetcher.fetch_feed(source.url)
    except BabelwireError as error:
        log.info("websub: cannot read %s for its hub: %s", source.url, error.one_line())
        return 0
    found = declared_hub(result.content, result.final_url)
    if found is None:
        store.websub.save(source.id, hub="", topic="", secret="", state="none", now=iso(moment))
        return 0
    subscribe(store, settings, source.id, found[0], found[1], moment)
    return 1


def verify_intent(store, sub: Subscription | None, params) -> Response:
    """The hub's GET: echo ``hub.challenge`` if we asked for this topic and mode."""
    mode, topic = params.get("hub.mode"), params.get("hub.topic")
    if sub is None or topic != sub.topic or mode not in ("subscribe", "unsubscribe"):
        return PlainTextResponse("unknown subscription", status_code=404)
    if (mode == "subscribe") != (sub.state in ("pending", "verified")):
        return PlainTextResponse("not requested", status_code=404)
    lease = params.get("hub.lease_seconds", "")
    until = iso(utcnow() + timedelta(seconds=int(lease))) if lease.isdigit() else None
    store.websub.set_verified(sub.id, mode, until)
    return PlainTextResponse(params.get("hub.challenge", ""))


def accept_content(store, sub: Subscription | None, body: bytes, headers) -> Response:
    """The hub's POST: queue the pushed entries if the signature holds; ignore them if not
    (a hub is answered 2xx either way, as WebSub asks)."""
    if sub is None or sub.state != "verified":
        return PlainTextResponse("unknown subscription", status_code=410)
    if not signature_ok(sub.secret, body, headers.get("x-hub-signature")):
        store.sources.record_warning(sub.source_id, code="websub.signature",
                                     message="a push with a missing or wrong X-Hub-Signature "
                                             "was ignored", url=sub.topic)
        return PlainTextResponse("ignored", status_code=202)
    try:
        parsed = parse_feed(body, sub.topic, headers.get("content-type", ""))
    except BabelwireError as error:
        store.sources.record_warning(sub.source_id, code=error.code, message=str(error),
                                     url=sub.topic)
        return PlainTextResponse("unreadable", status_code=202)
    queued = store.entries.enqueue(sub.source_id, list(parsed.entries))
    store.websub.set_pushed(sub.id, iso(utcnow()))
    log.info("websub: %d new entries pushed for %s", queued, sub.topic)
    return PlainTextResponse("accepted", status_code=202)


async def websub_callback(request: Request) -> Response:
    store = request.app.state.web.db
    sub = store.websub.get(int(request.path_params["subscription_id"]))
    if request.method == "GET":
        return verify_intent(store, sub, request.query_params)
    return accept_content(store, sub, await request.body(), request.headers)
