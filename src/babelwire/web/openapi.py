"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import __version__
from .api import MAX_LIMIT, SafeJSONResponse
from .api_provenance import LINK_SCHEMA, PROVENANCE_PROPERTIES
from .filters import MAX_ID
from .problems import CODES


def _param(name: str, where: str, description: str, schema: dict[str, Any],
           required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "description": description, "required": required,
            "schema": schema}


ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
EMPTY = {"type": "string", "maxLength": 0}


def _or_empty(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter that may also be given empty (as a form sends it): empty = absent."""
    return {"oneOf": [schema, EMPTY]}


PAGE = [
    _param("limit", "query", f"items per page (1-{MAX_LIMIT}, default 50)",
           _or_empty({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT})),
    _param("before", "query", "cursor: the 'next' value of the previous page (empty: the first)",
           {"type": "string"}),
]
FILTERS = [
    _param("source", "query", "only this source's articles (source id)", _or_empty(ID_SCHEMA)),
    _param("language", "query", "only articles written in this language (code)",
           {"type": "string", "pattern": "^([a-z]{2,3})?$"}),
    _param("story", "query", "only this story's articles (story id)", _or_empty(ID_SCHEMA)),
    _param("from", "query", "published or first seen on or after (YYYY-MM-DD)",
           _or_empty({"type": "string", "format": "date"})),
    _param("to", "query", "published or first seen on or before (YYYY-MM-DD)",
           _or_empty({"type": "string", "format": "date"})),
]
ERRORS = {status: {"description": text, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}
    for status, text in (("400", "bad parameter"), ("401", "private reader: token needed"),
                         ("404", "not found (ids run from 1 to 2^63-1)"),
                         ("429", "too many wrong tokens from this address: see Retry-After"),
                         ("500", "unexpected error (logged by the server)"))}


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}, **ERRORS}


def _id(name: str) -> dict[str, Any]:
    return _param(name, "path", "numeric id", ID_SCHEMA, required=True)


def _get(operation_id: str, summary: str, response: str, schema: str,
         params: list) -> dict[str, Any]:
    return {"get": {"operationId": operation_id, "summary": summary, "parameters": params,
                    "responses": _ok(response, schema)}}


SORT = _param("sort", "query", "newest (stored) first, the default, or relevance: best match "
              "first (FTS5 bm25, titles weighing more)",
              {"type": "string", "enum": ["newest", "relevance", ""]})
PATHS = {
    "/api/articles": _get("listArticles", "Articles, newest first", "a page of articles",
                          "ArticlePage", PAGE + FILTERS),
    "/api/articles/{article_id}": _get("getArticle", "One article with its translations",
                                       "the article", "Article", [_id("article_id")]),
    "/api/articles/{article_id}/translations": _get(
        "listTranslations", "An article's translations", "translations keyed by language",
        "Translations", [_id("article_id")]),
    "/api/articles/{article_id}/translations/{lang}": _get(
        "getTranslation", "One translation", "the translation", "OneTranslation",
        [_id("article_id"), _param("lang", "path", "language code", {"type": "string"}, True)]),
    "/api/stories": _get("listStories", "Stories, newest first, with their original, "
                         "languages and relays", "a page of stories", "StoryPage", PAGE),
    "/api/stories/{story_id}": _get("getStory", "One story with its articles", "the story",
                                    "Story", [_id("story_id")]),
    "/api/sites": _get("listSites", "Sites ranked by the share of their articles derived from "
                       "other outlets", "every site with articles", "SiteList", []),
    "/api/sources": _get("listSources", "Sources with their health", "every source",
                         "SourceList", []),
    "/api/sources/{source_id}": _get(
        "getSource", "One source: health, recent events, articles per day", "the source",
        "Source", [_id("source_id")]),
    "/api/search": _get(
        "search", "Full-text search over originals and translations (q without a word to "
        "search for, or empty: no result)", "a page of results", "SearchPage",
        [_param("q", "query", 'words, "a phrase", a OR b, -word, prefix*', {"type": "string"},
                True), SORT] + PAGE + [p for p in FILTERS if p["name"] != "story"]),
}

_OBJ = {"type": "object"}
SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string", "enum": sorted(set(CODES.values()))},
                       "message": {"type": "string"}}}}},
    "Translation": {"type": "object", "properties": {
        k: {"type": "string"} for k in ("title", "standfirst", "body", "engine",
                                        "engine_version")} | {
        "pivot": {"type": ["string", "null"],
                  "description": "the language translated through; null for a direct pair"},
        "machine_translation": {"type": "boolean", "const": True},
        "quality": {"type": "string", "enum": ["rule-based", "neural", "remote", "none", "unknown"]}}},
    "Translations": {"type": "object", "properties": {"translations": {
        "type": "object", "additionalProperties": {"$ref": "#/components/schemas/Translation"}}}},
    "Article": {"type": "object", "required": ["id", "url", "language", "title", "translations"],
                "properties": {
        "id": {"type": "integer"},
        "url": {"type": ["string", "null"], "description": "null unless http(s)"},
        "source": {"type": "string"},
        "language": {"type": "string"}, "title": {"type": "string"},
        "body": {"type": "string"}, "published": {"type": ["string", "null"]},
        "attribution": {"type": "array", "items": _OBJ},
        "disclaimers": {"type": "array", "items": {"type": "string"}},
        "translations": {"type": "object", "additionalProperties": {
            "$ref": "#/components/schemas/Translation"}}} | PROVENANCE_PROPERTIES},
    "ProvenanceLink": LINK_SCHEMA,
    "ArticlePage": {"type": "object", "properties": {
        "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}},
        "next": {"type": ["string", "null"]}}},
    "OneTranslation": {"allOf": [{"$ref": "#/components/schemas/Translation"}, {
        "type": "object", "properties": {"article_id": {"type": "integer"},
                                         "language": {"type": "string"}}}]},
    "Story": {"type": "object", "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"},
        "article_count": {"type": "integer"},
        "original_id": {"type": ["integer", "null"],
                        "description": "the story's earliest original (derived from no other)"},
        "version_count": {"type": "integer"},
        "languages": {"type": "array", "items": {"type": "string"}},
        "relays": {"type": "array", "items": {"type": "string"},
                   "description": "outlets whose version copies or translates another"},
        "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}}}},
    "StoryPage": {"type": "object", "properties": {
        "stories": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}},
        "next": {"type": ["string", "null"]}}},
    "Site": {"type": "object", "required": ["host", "name", "relay", "share_derived"],
             "properties": {
        "host": {"type": "string"}, "name": {"type": "string"}, "relay": {"type": "boolean"},
        "articles": {"type": "integer"}, "derived": {"type": "integer"},
        "share_derived": {"type": "number", "minimum": 0, "maximum": 1},
        "median_lag_seconds": {"type": ["integer", "null"]},
        "lag_basis": {"type": "string", "enum": ["published", "first_seen", ""]},
        "relations": {"type": "object", "additionalProperties": {"type": "integer"}},
        "drawn_on": {"type": "array", "items": {"type": "object", "properties": {
            "host": {"type": "string"}, "name": {"type": "string"},
            "articles": {"type": "integer"}}}},
        "signals": {"type": "object", "additionalProperties": {"type": "integer"}},
        "reasons": {"type": "array", "items": {"type": "string"}}}},
    "SiteList": {"type": "object", "properties": {
        "sites": {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}}},
    "Source": {"type": "object", "properties": {
        "id": {"type": "integer"}, "url": {"type": ["string", "null"]}, "name": {"type": "string"},
        "enabled": {"type": "boolean"}, "error_count": {"type": "integer"},
        "last_fetch_at": {"type": ["string", "null"]}, "articles_stored": {"type": "integer"},
        "recent_events": {"type": "array", "items": _OBJ},
        "articles_per_day": {"type": "array", "items": _OBJ}}},
    "SourceList": {"type": "object", "properties": {
        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}}},
    "SearchPage": {"type": "object", "properties": {
        "query": {"type": "string"},
        "results": {"type": "array", "items": {"allOf": [
            {"$ref": "#/components/schemas/Article"},
            {"type": "object", "properties": {"snippet": {"type": "array", "items": {
                "type": "object", "properties": {"text": {"type": "string"},
                                                 "match": {"type": "boolean"}}}}}}]}},
        "next": {"type": ["string", "null"]}}},
}


def description() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "babelwire API", "version": __version__,
                 "description": "Articles, machine translations (always labelled), stories, "
                                "sources and search. Cursor pages; errors as JSON with a code."},
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "securitySchemes": {
            "token": {"type": "http", "scheme": "bearer",
                      "description": "only when the reader is private (web.private)"}}},
    }


def openapi_json(request: Request) -> Response:
    return SafeJSONResponse(description())
