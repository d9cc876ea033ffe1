"""``babelwire watch add KIND TARGET [--email ADDR] [--webhook URL] | list | remove ID | log``."""

from __future__ import annotations

import argparse
import secrets

from ..clock import now_iso
from ..compose import open_store
from ..errors import ConfigError
from ..fetch import check_public_url
from ..settings import Settings
from ..storage.watch_records import EMAIL_MODES, WATCH_KINDS, WatchSpec
from ..watch.match import check_spec


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("watch", help="be told when something appears: watches and alerts")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="watch a query, a name, an outlet or a provenance event")
    add.add_argument("kind", choices=WATCH_KINDS,
                     help="query (search syntax), name (any language), outlet (source id), "
                          "relay_of (source id: new copies of its articles), relay_site ('any' "
                          "or a host: a site newly flagged as a relay), translated_from (a "
                          "language code or a source id: new translations of its articles)")
    add.add_argument("target", help="the query, the name, the source id, 'any' or a host, "
                                    "or a language code")
    add.add_argument("--within", type=int, default=None, metavar="MINUTES",
                     help="translated_from: only translations made this soon after the original")
    add.add_argument("--label", default="", help="a name for the watch")
    add.add_argument("--email", default="", help="send alerts to this address")
    add.add_argument("--digest", action="store_true",
                     help="one e-mail per watches.digest_minutes instead of one per article")
    add.add_argument("--webhook", default="", help="POST signed JSON alerts to this URL")
    add.add_argument("--secret", default=None,
                     help="the webhook's HMAC secret (default: a new random one, printed once)")
    actions.add_parser("list", help="list watches")
    remove = actions.add_parser("remove", help="delete a watch, its matches and pending alerts")
    remove.add_argument("id", type=int)
    log = actions.add_parser("log", help="the delivery log: every attempt and its status")
    log.add_argument("id", type=int, nargs="?", help="one watch only")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as db:
        if args.action == "add":
            add(db, args, settings)
        elif args.action == "remove":
            watch = db.watches.remove(args.id)
            print(f"removed: watch #{watch.id} {watch.name}")
        elif args.action == "log":
            print_log(db, args.id)
        else:
            print_watches(db)
    return 0


def add(db, args: argparse.Namespace, settings: Settings) -> None:
    secret = args.secret if args.secret is not None else (
        secrets.token_hex(16) if args.webhook else "")
    spec = check_spec(WatchSpec(kind=args.kind, target=args.target.strip(), label=args.label,
                                email=args.email, email_mode=EMAIL_MODES[int(args.digest)],
                                webhook_url=args.webhook, webhook_secret=secret,
                                within_minutes=args.within))
    names_source = spec.kind in ("outlet", "relay_of") or (
        spec.kind == "translated_from" and spec.target.isdigit())
    if names_source and db.sources.find(spec.target) is None:
        raise ConfigError(f"no source #{spec.target}: `babelwire sources list` shows their ids")
    if spec.webhook_url:
        check_public_url(spec.webhook_url, settings)
    watch = db.watches.add(spec, now_iso())
    print(f"added: watch #{watch.id} {watch.name}")
    if spec.webhook_url and args.secret is None:
        print(f"webhook secret (check X-Babelwire-Signature with it): {secret}")


def print_watches(db) -> None:
    watches = db.watches.list()
    if not watches:
        print("no watches yet: `babelwire watch add name \"Ana Torres\" --email you@example.org`")
    for watch in watches:
        pending = len(db.watches.pending_alerts(watch.id))
        where = ", ".join(filter(None, [
            watch.email and f"e-mail {watch.email} ({watch.email_mode})",
            watch.webhook_url and f"webhook {watch.webhook_url}"]))
        within = f" within {watch.within_minutes} min" if watch.within_minutes else ""
        print(f"#{watch.id} [{watch.kind}] {watch.target}{within}"
              + (f"  ({watch.label})" if watch.label else ""))
        print(f"    alerts: {where or 'feed only'}; {pending} pending; "
              f"feed /watches/{watch.id}.atom")


def print_log(db, watch_id: int | None) -> None:
    rows = db.watches.deliveries(watch_id)
    if not rows:
        print("no deliveries yet")
    for row in rows:
        print(f"{row.at} watch #{row.watch_id} {row.channel} article #{row.article_id} "
              f"attempt {row.attempt}: {row.status} {row.detail}")
