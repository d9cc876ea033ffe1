"""/admin/watches: list, add and remove watches, and read the alert delivery log.

Behind the admin's login and CSRF token (``web.admin_token``), like /admin. A
watch added here is checked as the CLI checks it (``watch.match.check_spec``,
the SSRF guard for webhooks); a new webhook's secret is shown once, on the page
answering the form (never in a URL).
"""

from __future__ import annotations

import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..clock import now_iso
from ..errors import BabelwireError, ConfigError
from ..fetch import check_public_url
from ..storage.watch_records import EMAIL_MODES, WATCH_KINDS, WatchSpec
from ..watch.match import check_spec
from . import auth
from .context import reader_language, render, web_of

LOG_SIZE = 100
STRINGS = {
    "en": {"watches": "Watches", "add_watch": "Add a watch", "kind": "Kind", "target": "Watch",
           "label": "Label", "email": "E-mail", "digest": "one digest e-mail per window",
           "webhook": "Webhook URL", "secret": "Webhook secret (empty: a new random one)",
           "within": "Within (minutes, translated_from only)", "add": "Add", "remove": "Remove",
           "no_watches": "No watches yet.", "alerts": "Alerts", "feed_only": "feed only",
           "pending": "pending", "feed": "Atom feed", "log": "Delivery log",
           "no_deliveries": "No delivery yet.", "when": "When", "channel": "Channel",
           "article": "Article", "attempt": "Attempt", "status": "Status", "detail": "Detail",
           "added": "Watch added.", "removed": "Watch removed.", "back": "Sources admin",
           "secret_once": "Webhook secret (shown once; check X-Babelwire-Signature with it):",
           "all_watches": "all watches", "hint": "query: search syntax · name: a name in any "
           "language · outlet, relay_of: a source id · relay_site: any, or a host · "
           "translated_from: a language code (ru) or a source id"},
    "fr": {"watches": "Veilles", "add_watch": "Ajouter une veille", "kind": "Type",
           "target": "Objet", "label": "Libellé", "email": "Courriel",
           "digest": "un courriel récapitulatif par période", "webhook": "URL du webhook",
           "secret": "Secret du webhook (vide : un nouveau au hasard)",
           "within": "En moins de (minutes, translated_from seulement)", "add": "Ajouter",
           "remove": "Supprimer", "no_watches": "Aucune veille pour l'instant.",
           "alerts": "Alertes", "feed_only": "flux seulement", "pending": "en attente",
           "feed": "Flux Atom", "log": "Journal des envois", "no_deliveries": "Aucun envoi.",
           "when": "Quand", "channel": "Canal", "article": "Article", "attempt": "Essai",
           "status": "État", "detail": "Détail", "added": "Veille ajoutée.",
           "removed": "Veille supprimée.", "back": "Administration des sources",
           "secret_once": "Secret du webhook (affiché une fois ; vérifiez X-Babelwire-Signature "
                          "avec lui) :", "all_watches": "toutes les veilles",
           "hint": "query : syntaxe de recherche · name : un nom, en toute langue · outlet, "
                   "relay_of : un identifiant de source · relay_site : any, ou un hôte · "
                   "translated_from : un code de langue (ru) ou un identifiant de source"},
}
NOTICES = ("added", "removed")


def words(lang: str) -> dict[str, str]:
    return {**STRINGS["en"], **STRINGS.get(lang, {})}


def watches_page(request: Request, error: str = "", status_code: int = 200,
                 secret: str = "") -> Response:
    settings = web_of(request).settings
    nonce = auth.admin_nonce(request, settings) if settings["web.admin_token"] else None
    if nonce is None:  # not logged in (or no admin): the admin page says which
        return RedirectResponse("/admin", status_code=303)
    db = web_of(request).db
    selected = request.query_params.get("watch", "")
    watch_id = int(selected) if selected.isdigit() else None
    notice = request.query_params.get("done", "")
    return render(request, "admin_watches.html", {
        "w": words(reader_language(request)), "csrf": auth.csrf_token(settings, nonce),
        "watches": [(watch, len(db.watches.pending_alerts(watch.id)))
                    for watch in db.watches.list()],
        "deliveries": db.watches.deliveries(watch_id, limit=LOG_SIZE), "selected": watch_id,
        "kinds": WATCH_KINDS, "notice": notice if notice in NOTICES else "", "error": error,
        "secret": secret,
    }, status_code=status_code)


async def watches_action(request: Request) -> Response:
    """A POST from /admin/watches: checked session and CSRF token, then add or remove."""
    fields = await auth.checked_admin_form(request, "/admin/watches")
    action = request.path_params["action"]
    if action not in ("add", "remove"):
        raise HTTPException(404, f"no watch action {action!r}")
    try:
        return add_watch(request, fields) if action == "add" else remove_watch(request, fields)
    except BabelwireError as error:
        return watches_page(request, error=error.one_line(), status_code=400)


def spec_from_form(fields: dict[str, str]) -> WatchSpec:
    within = fields.get("within", "").strip()
    if within and not within.isdigit():
        raise ConfigError(f"{within!r} is not a number of minutes")
    webhook = fields.get("webhook", "").strip()
    secret = fields.get("secret", "").strip() or (secrets.token_hex(16) if webhook else "")
    return check_spec(WatchSpec(
        kind=fields.get("kind", ""), target=fields.get("target", "").strip(),
        label=fields.get("label", "").strip(), email=fields.get("email", "").strip(),
        email_mode=EMAIL_MODES[int(fields.get("digest") == "on")], webhook_url=webhook,
        webhook_secret=secret, within_minutes=int(within) if within else None))


def add_watch(request: Request, fields: dict[str, str]) -> Response:
    web = web_of(request)
    spec = spec_from_form(fields)
    names_source = spec.kind in ("outlet", "relay_of") or (
        spec.kind == "translated_from" and spec.target.isdigit())
    if names_source and web.db.sources.find(spec.target) is None:
        raise ConfigError(f"no source #{spec.target}: the sources admin lists their ids")
    if spec.webhook_url:
        check_public_url(spec.webhook_url, web.settings)  # BlockedAddress: shown on the page
    web.db.watches.add(spec, now_iso())
    if spec.webhook_url and not fields.get("secret", "").strip():
        return watches_page(request, secret=spec.webhook_secret)  # shown once, not in a URL
    return RedirectResponse("/admin/watches?done=added", status_code=303)


def remove_watch(request: Request, fields: dict[str, str]) -> Response:
    raw = fields.get("watch", "")
    if not raw.isdigit():
        raise HTTPException(400, "watch must be a watch id")
    web_of(request).db.watches.remove(int(raw))
    return RedirectResponse("/admin/watches?done=removed", status_code=303)


def watch_routes() -> list[Route]:
    return [Route("/admin/watches", watches_page),
            Route("/admin/watches/{action}", watches_action, methods=["POST"])]
