"""Page -> article: text, metadata, attribution, disclaimers; boilerplate removed.

The body comes from trafilatura, cross-checked with the page's own structure
(JSON-LD ``articleBody``, ``<article>`` paragraphs), then cleaned with the
tables in ``patterns``: title and standfirst never repeated, furniture lines
dropped, disclaimers and credit lines moved out of the body into
``disclaimers`` and ``attribution``.
"""

from __future__ import annotations

from .article import extract_article, content_hash

__all__ = ["extract_article", "content_hash"]
