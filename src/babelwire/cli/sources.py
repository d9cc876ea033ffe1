"""``babelwire sources add URL | list | remove URL_OR_ID | import FILE.opml | export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ConfigError, DuplicateSource, SourceError
from ..settings import Settings
from .store import open_existing_store
from ..sources import KIND_NAMES, KINDS, opml
from .words import plural


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("sources", help="add, list and remove the sources babelwire polls")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a feed, sitemap or page URL")
    add.add_argument("url")
    add.add_argument("--name", default="", help="a display name (default: the feed's title)")
    add.add_argument("--kind", choices=KIND_NAMES, default="feed",
                     help="; ".join(f"{k.name}: {k.label}" for k in KINDS.values()))
    add.add_argument("--no-check", action="store_true",
                     help="add without fetching it once first (no feed discovery, no name)")
    actions.add_parser("list", help="list sources with their health")
    remove = actions.add_parser("remove", help="stop polling a source (its articles stay)")
    remove.add_argument("source", help="the source's URL or id")
    import_opml = actions.add_parser("import", help="add every feed of an OPML file")
    import_opml.add_argument("file", help="an OPML file (another reader's export), or - for stdin")
    export = actions.add_parser("export", help="print the sources as OPML")
    export.add_argument("--output", "-o", help="write to this file instead of stdout")
    parser.set_defaults(handler=handle)


READ_ONLY = ("list", "export")


def handle(args: argparse.Namespace, settings: Settings) -> int:
    if args.action in READ_ONLY:
        return handle_read_only(args, settings)
    from ..compose import open_store, sync_config_sources

    if args.action in ("add", "remove"):
        refuse_early(args, settings)
    if args.action == "add":
        checked = checked_source(args, settings)
    with open_store(settings) as db:
        sync_config_sources(db, settings)
        if args.action == "add":
            add_checked(db, checked, args.name)
        elif args.action == "import":
            import_file(db, args.file, settings)
        else:
            source = db.sources.remove(args.source)
            print(f"removed: #{source.id} {source.url}")
    return 0


def refuse_early(args: argparse.Namespace, settings: Settings) -> None:
    """A duplicate is refused before any fetch; a removal never creates the store."""
    db = open_existing_store(settings)
    if db is None:
        if args.action == "remove":
            raise SourceError(f"no source {args.source!r}: there is no store at "
                              f"{settings.data_dir} yet (see `babelwire sources list`)")
        return
    with db:
        existing = db.sources.find(args.url) if args.action == "add" else None
    if existing is not None:
        raise DuplicateSource(f"{args.url} is already source #{existing.id} "
                              f"({existing.name or 'unnamed'}): nothing added; "
                              f"see `babelwire sources list`")


def handle_read_only(args: argparse.Namespace, settings: Settings) -> int:
    """``list`` and ``export`` read the store and never create it."""
    db = open_existing_store(settings)
    if db is None:
        if args.action == "export":
            export_rows([], args.output)
        else:
            print(f"no sources yet (no store at {settings.data_dir}): "
                  f"`babelwire sources add URL`")
        return 0
    with db:
        if args.action == "export":
            export_rows(db.sources.health_rows(), args.output)
        else:
            print_sources(db)
            print_config_only(db, settings)
    return 0


def print_config_only(db, settings: Settings) -> None:
    """Sources in babelwire.toml that no run has put in the store yet."""
    for source in settings.sources:
        if db.sources.find(source.url) is None:
            print(f"{source.url}  [{source.kind}] {source.name or '-'}")
            print(f"    in {settings.config_path}; added to the store by the next run")


def checked_source(args: argparse.Namespace, settings: Settings):
    """The URL fetched once (unless --no-check), before the store is touched."""
    from .source_check import CheckedSource, check_source

    parts = urlparse(args.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{args.url!r} is not an http(s) URL: give the feed's full address, "
                          f"like https://example.org/feed.xml")
    from ..fetch import check_public_url

    check_public_url(args.url, settings)  # the SSRF guard, with or without --no-check
    if args.no_check:
        return CheckedSource(url=args.url, kind=args.kind, title="", found="not checked")
    checked = check_source(args.url, args.kind, settings)
    if checked.note:
        print(checked.note)
    return checked


def add_checked(db, checked, name: str) -> None:
    """Add the source, or refuse when that feed is already one."""
    existing = db.sources.find(checked.url)
    if existing is not None:
        raise DuplicateSource(f"{checked.url} is already source #{existing.id} "
                              f"({existing.name or 'unnamed'}): nothing added; "
                              f"see `babelwire sources list`")
    source, _ = db.sources.add(checked.url, name or checked.title, checked.kind)
    label = f" \"{source.name}\"" if source.name else ""
    print(f"added: #{source.id}{label} {source.url} [{source.kind}] ({checked.found})")


def print_sources(db) -> None:
    rows = db.sources.health_rows()
    if not rows:
        print("no sources yet: `babelwire sources add URL`")
    for row in rows:
        state = source_state(row)
        print(f"#{row['id']} {row['url']}  [{row['kind']}] {row['name'] or '-'}")
        print(f"    {state}; last fetch {row['last_fetch_at'] or 'never'}; "
              f"next check {row['next_check_at'] or '-'}; {plural(row['article_count'], 'article')}")
        if row["last_error"]:
            print(f"    last error [{row['last_error_code']}]: {row['last_error']}")
        if row["last_warning"]:
            print(f"    last warning [{row['last_warning_code']}]: {row['last_warning']}")


def source_state(row) -> str:
    if row["error_count"]:
        return "failing: " + plural(row["error_count"], "error") + " in a row"
    if row["last_fetch_at"] is None:
        return "new (never fetched)"
    return "ok"


def import_file(db, path: str, settings: Settings) -> None:
    from ..fetch import check_public_urls

    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror}: give an OPML file") from exc
    where = "standard input" if path == "-" else path
    outlines = opml.parse_opml(data, where)
    check_public_urls((outline.url for outline in outlines), settings,
                      prefix=f"{where}: nothing imported: ")
    report = opml.import_opml(db, data, where=where)
    print(f"imported {path}: {len(report.added)} added, {len(report.existing)} already there, "
          f"{len(report.skipped)} skipped")
    for url in report.added:
        print(f"added: {url}")
    for url in report.skipped:
        print(f"skipped (not an http(s) feed URL): {url}")


def export_rows(rows, output: str | None) -> None:
    data = opml.export_opml(rows)
    if output is None:
        sys.stdout.write(data.decode("utf-8") + "\n")
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise ConfigError(f"cannot write {output}: {exc.strerror}") from exc
    print(f"wrote {output}", file=sys.stderr)
