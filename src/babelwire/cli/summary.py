"""The end of a pass, for people: what was found, with plural forms right, and the exit code.

Exit codes of ``run --once`` (and ``demo --no-serve``):
0 every source answered; 3 some sources failed; 4 every source failed
(2 is a usage or configuration error, as for every command).
"""

from __future__ import annotations

import sys

from ..storage import Store as Database
from ..storage.schedule import store_totals
from .words import plural

EXIT_OK = 0
EXIT_SOME_FAILED = 3
EXIT_ALL_FAILED = 4
SHOWN_PROBLEMS = 20


def exit_code(report) -> int:
    """0 all well, 3 when some sources failed, 4 when every polled source failed."""
    if report.sources_failed and not report.sources_polled:
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED if report.sources_failed else EXIT_OK


def relay_sites(db: Database, hosts: tuple[tuple[str, str], ...]) -> list[str]:
    """The sources' sites the provenance figures flag as relays, by name (else host)."""
    from ..web.provenance import site_figures

    flagged = []
    for host, name in hosts:
        rows = db.provenance.site_articles(host)
        if rows and site_figures(rows)["relay"]:
            flagged.append(name or host)
    return flagged


def report_lines(report) -> list[str]:
    sources = report.sources_polled + report.sources_failed
    lines = [f"{plural(sources, 'source')} polled ({report.sources_failed} failed), "
             f"{plural(report.entries_found, 'new entry', 'new entries')}, "
             f"{plural(report.articles_stored, 'article')} stored, "
             f"{plural(report.pages_dropped, 'page')} skipped, "
             f"{plural(report.pages_failed, 'page')} failed, "
             f"{plural(report.translations, 'translation')}, "
             f"{report.translation_failures} not translated"]
    return lines


def store_line(db: Database) -> str:
    totals = store_totals(db)
    relays = relay_sites(db, totals.hosts)
    named = f" ({', '.join(relays)})" if relays else ""
    return (f"in the store: {plural(totals.articles, 'article')}, "
            f"{plural(totals.stories, 'story', 'stories')} told by more than one article, "
            f"{plural(len(relays), 'relay site')}{named}")


def tidy_problem(problem: str) -> str:
    """'URL: error[...]: message (URL)' says the URL once."""
    where, _, rest = problem.partition(": ")
    suffix = f" ({where})"
    return f"{where}: {rest[: -len(suffix)]}" if rest.endswith(suffix) else problem


def print_report(report, db: Database | None = None) -> None:
    for line in report_lines(report):
        print(line)
    if db is not None:
        print(store_line(db))
    for problem in report.problems[:SHOWN_PROBLEMS]:
        print(f"  {tidy_problem(problem)}", file=sys.stderr)
    if len(report.problems) > SHOWN_PROBLEMS:
        print(f"  ... and {len(report.problems) - SHOWN_PROBLEMS} more "
              f"(see `babelwire sources list`)", file=sys.stderr)
    if not (report.sources_polled or report.sources_failed):
        print("no sources to poll: add one with `babelwire sources add URL`")
