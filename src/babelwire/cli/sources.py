"""``babelwire sources add URL | list | remove URL_OR_ID | import FILE.opml | export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlparse

from ..compose import open_store, sync_config_sources
from ..errors import ConfigError
from ..fetch import check_public_url, check_public_urls
from ..settings import Settings
from ..storage import opml
from ..storage import sources as source_store


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("sources", help="add, list and remove the sources babelwire polls")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a feed, sitemap or page URL")
    add.add_argument("url")
    add.add_argument("--name", default="", help="a display name (default: the feed's title)")
    add.add_argument("--kind", choices=("feed", "sitemap", "page"), default="feed",
                     help="feed (RSS, Atom, JSON Feed), sitemap, or a single page")
    actions.add_parser("list", help="list sources with their health")
    remove = actions.add_parser("remove", help="stop polling a source (its articles stay)")
    remove.add_argument("source", help="the source's URL or id")
    import_opml = actions.add_parser("import", help="add every feed of an OPML file")
    import_opml.add_argument("file", help="an OPML file (another reader's export), or - for stdin")
    export = actions.add_parser("export", help="print the sources as OPML")
    export.add_argument("--output", "-o", help="write to this file instead of stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, settings: Settings) -> int:
    with open_store(settings) as db:
        sync_config_sources(db, settings)
        if args.action == "add":
            parts = urlparse(args.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(f"{args.url!r} is not an http(s) URL: give the feed's full address")
            check_public_url(args.url, settings)
            source, new = source_store.add_source(db, args.url, args.name, args.kind)
            print(f"{'added' if new else 'already there'}: #{source.id} {source.url}")
        elif args.action == "import":
            import_file(db, args.file, settings)
        elif args.action == "export":
            export_file(db, args.output)
        elif args.action == "remove":
            source = source_store.remove_source(db, args.source)
            print(f"removed: #{source.id} {source.url}")
        else:
            print_sources(db)
    return 0


def print_sources(db) -> None:
    rows = source_store.health_rows(db)
    if not rows:
        print("no sources yet: `babelwire sources add URL`")
    for row in rows:
        state = "ok" if not row["error_count"] else f"{row['error_count']} errors"
        print(f"#{row['id']} {row['url']}  [{row['kind']}] {row['name'] or '-'}")
        print(f"    {state}; last fetch {row['last_fetch_at'] or 'never'}; "
              f"next check {row['next_check_at'] or '-'}; {row['article_count']} articles")
        if row["last_error"]:
            print(f"    last error [{row['last_error_code']}]: {row['last_error']}")
        if row["last_warning"]:
            print(f"    last warning [{row['last_warning_code']}]: {row['last_warning']}")


def import_file(db, path: str, settings: Settings) -> None:
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


def export_file(db, output: str | None) -> None:
    data = opml.export_opml(source_store.health_rows(db))
    if output is None:
        sys.stdout.write(data.decode("utf-8") + "\n")
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise ConfigError(f"cannot write {output}: {exc.strerror}") from exc
    print(f"wrote {output}", file=sys.stderr)
