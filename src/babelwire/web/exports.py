"""``/exports/{articles|stories|links}.{csv|jsonl}``: the CLI's exports from the reader, with
the reader's filters (``?source=``, ``?language=``, ``?story=``, ``?from=``, ``?to=``,
``?q=``), streamed as they are read. Behind the private reader's login when it is on."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from ..export_rows import COLUMNS, FORMATS, export_chunks
from ..storage.search import SearchFilters, parse_query
from .context import web_of
from .filters import article_filters, search_text

SEARCH_LIMIT = 100000
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}


def export(request: Request) -> Response:
    what, form = request.path_params["what"], request.path_params["format"]
    if what not in COLUMNS or form not in FORMATS:
        raise HTTPException(404, "exports are /exports/{articles|stories|links}.{csv|jsonl}")
    db = web_of(request).db
    filters = article_filters(request)
    ids = None
    if search_text(request).strip():
        query = parse_query(search_text(request))
        if query.empty:
            raise HTTPException(400, "q has no word to search for")
        ids = [row.id for row in db.search.search(query, SearchFilters(), SEARCH_LIMIT)]
    rows = getattr(db.exports, what)(filters, ids)
    return StreamingResponse(export_chunks(rows, what, form), media_type=MEDIA[form], headers={
        "Content-Disposition": f'attachment; filename="babelwire-{what}.{form}"'})


def export_routes() -> list[Route]:
    return [Route("/exports/{what}.{format}", export)]
