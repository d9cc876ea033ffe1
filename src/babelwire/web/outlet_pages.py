"""One outlet's page: its health, recent events, articles per day (an SVG chart), latest articles."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..clock import utcnow
from ..sources.opml import export_opml
from .context import reader_language, render, web_of
from .grouping import grouped, grouping_for, show_all
from .provenance import labels
from .queries import (LISTING_COLUMNS, ArticleFilters, articles_per_day, filtered_articles,
                      source_row)

CHART_DAYS = 30
CHART_WIDTH = 600
CHART_HEIGHT = 120
LATEST = 10


@dataclass(frozen=True)
class Bar:
    day: str
    count: int
    x: float
    y: float
    width: float
    height: float


def chart_bars(per_day: list[tuple[str, int]]) -> list[Bar]:
    """Bars scaled to the chart box; the tallest day fills the height."""
    tallest = max((count for _, count in per_day), default=0) or 1
    slot = CHART_WIDTH / max(len(per_day), 1)
    bars = []
    for index, (day, count) in enumerate(per_day):
        height = round((CHART_HEIGHT - 16) * count / tallest, 1)
        bars.append(Bar(day=day, count=count, x=round(index * slot + 1, 1),
                        y=round(CHART_HEIGHT - 14 - height, 1), width=round(slot - 2, 1),
                        height=height))
    return bars


def outlet_page(request: Request) -> Response:
    web = web_of(request)
    lang = reader_language(request)
    source_id = request.path_params["source_id"]
    source = source_row(web.db, source_id)
    if source is None:
        raise HTTPException(404, f"no source with id {source_id}")
    per_day = articles_per_day(web.db, source_id, utcnow().date(), CHART_DAYS)
    filters = ArticleFilters(source_id=source_id)
    rows = filtered_articles(web.db, filters, LATEST, columns=LISTING_COLUMNS)
    entries = grouped(web.db, rows, lang, None if show_all(request) else grouping_for(filters),
                      labels(lang))
    return render(request, "outlet.html", {
        "source": source, "events": web.db.sources.events(source_id, 20),
        "bars": chart_bars(per_day), "chart_width": CHART_WIDTH, "chart_height": CHART_HEIGHT,
        "week_total": sum(count for _, count in per_day[-7:]),
        "month_total": sum(count for _, count in per_day),
        "entries": entries,
    })


def sources_opml(request: Request) -> Response:
    """Every source as OPML 2.0, for another feed reader."""
    body = export_opml(web_of(request).db.sources.health_rows())
    return Response(body, media_type="text/x-opml; charset=utf-8", headers={
        "Content-Disposition": 'inline; filename="babelwire-sources.opml"'})
