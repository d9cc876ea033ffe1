"""The reader's "as fetched on ..." view: an article's pages as babelwire archived them.

``/articles/{id}/archived`` shows the newest archived copy of the article's page,
lists every record it was built from (page and feed), and links the archived
copies of the articles it is traced to or from; ``/archive/{record id}`` shows one
record. The copy is labelled as an archived copy, never passed off as the live page,
and shown sanitized: only harmless tags survive (no script, style, image, frame or
form), so the page loads nothing from outside; non-HTML payloads are shown as text.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..archive.replay import ArchivedCopy, read_copy
from ..errors import ArchiveMissing
from ..extract.decode import decode_html
from ..extract.sanitize import sanitize_html
from ..storage.watch_records import ArchiveRecord
from .context import reader_language, render, web_of

TEXT_LIMIT = 200_000  # characters of a non-HTML payload shown
STRINGS = {
    "en": {"title": "Archived copy", "banner": "Archived copy, as fetched by babelwire on",
           "from": "from", "not_live": "This is the stored copy, not the live page: scripts, "
           "styles and images are removed, and it may differ from what the site shows today.",
           "status": "HTTP status", "type": "Content type", "record": "WARC record",
           "digest": "Payload digest", "same_as": "Unchanged since the copy fetched on",
           "gone": "The content of this revisit was removed by the archive's retention; "
           "only its headers remain.", "records": "Archived records of this article",
           "role": "Role", "fetched": "Fetched", "kind": "Record", "related": "Archived copies "
           "of the articles it is traced to and from", "none": "babelwire kept no copy of "
           "this article's pages (the archive was off, or its retention removed them).",
           "article": "Back to the article", "cut": "The copy is cut here for display."},
    "fr": {"title": "Copie archivée", "banner": "Copie archivée, telle que babelwire l'a "
           "récupérée le", "from": "depuis", "not_live": "Ceci est la copie conservée, pas la "
           "page en ligne : scripts, styles et images sont retirés, et elle peut différer de ce "
           "que le site montre aujourd'hui.", "status": "Statut HTTP",
           "type": "Type de contenu", "record": "Enregistrement WARC",
           "digest": "Empreinte du contenu", "same_as": "Inchangée depuis la copie du",
           "gone": "Le contenu de cette revisite a été supprimé par la rétention de l'archive ; "
           "seuls ses en-têtes restent.", "records": "Enregistrements archivés de cet article",
           "role": "Rôle", "fetched": "Récupéré", "kind": "Type", "related": "Copies archivées "
           "des articles liés par la provenance", "none": "babelwire n'a gardé aucune copie des "
           "pages de cet article (archive désactivée, ou supprimée par la rétention).",
           "article": "Retour à l'article", "cut": "La copie est coupée ici pour l'affichage."},
}


def words(lang: str) -> dict[str, str]:
    return {**STRINGS["en"], **STRINGS.get(lang, {})}


def shown_content(copy: ArchivedCopy) -> tuple[str, str]:
    """("html", sanitized markup) for an HTML page, else ("text", decoded text)."""
    charset = copy.content_type.partition("charset=")[2].split(";")[0].strip() or None
    text = decode_html(copy.content, charset) if copy.content else ""
    if "html" in copy.content_type.lower() or text.lstrip()[:15].lower().startswith(("<!doctype h", "<html")):
        return "html", sanitize_html(text)
    return "text", text[:TEXT_LIMIT]


def _copy_context(request: Request, record: ArchiveRecord) -> dict:
    web = web_of(request)
    try:
        copy = read_copy(web.db, web.settings, record)
    except ArchiveMissing as error:
        raise HTTPException(410, error.one_line()) from error
    kind, content = shown_content(copy)
    return {"archived": copy, "record": record, "content_kind": kind, "content": content}


def _page_copy(request: Request, article_id: int) -> dict | None:
    """The newest archived copy of the article's own page, or ``None``."""
    pages = [r for r in web_of(request).db.archive.records_of_articles([article_id])
             if r.role == "page"]
    return _copy_context(request, pages[-1]) if pages else None


def archived_record(request: Request) -> Response:
    db = web_of(request).db
    found = db.archive.records_by_id([request.path_params["record_id"]])
    if not found:
        raise HTTPException(404, "no such archived record")
    return render(request, "archived.html", {
        "w": words(reader_language(request)), "article_id": None, "records": [],
        "related": [], "copies": [_copy_context(request, found[0])]})


def archived_article(request: Request) -> Response:
    """The article's archived copy; ``?with=<id>`` of an article it is linked to by
    provenance adds that article's copy below, so a link's two sides are seen together."""
    db = web_of(request).db
    article_id = request.path_params["article_id"]
    row = db.articles.get_row(article_id)
    if row is None:
        raise HTTPException(404, "no such article")
    upstream, downstream = db.provenance.links_of_article(article_id)
    related = [link for link in upstream + downstream if link.other_id is not None]
    copies = [dict(copy, title=row.title, article_id=article_id)
              for copy in [_page_copy(request, article_id)] if copy]
    other = request.query_params.get("with", "")
    linked = next((l for l in related if other.isdigit() and l.other_id == int(other)), None)
    if linked is not None:
        copies += [dict(copy, title=linked.other_title or linked.other_url,
                        article_id=linked.other_id)
                   for copy in [_page_copy(request, linked.other_id)] if copy]
    return render(request, "archived.html", {
        "w": words(reader_language(request)), "article_id": article_id,
        "records": db.archive.records_of_articles([article_id]), "related": related,
        "copies": copies})


def archive_routes() -> list[Route]:
    return [Route("/articles/{article_id:id}/archived", archived_article),
            Route("/archive/{record_id:id}", archived_record)]
