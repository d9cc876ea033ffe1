"""Sanitized HTML for storage and display (nh3, the Ammonia sanitizer)."""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = {"p", "br", "em", "strong", "b", "i", "blockquote", "q", "ul", "ol", "li",
                "a", "h2", "h3", "h4", "figure", "figcaption", "sub", "sup", "cite"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(fragment: str) -> str:
    """Only harmless tags survive; links get rel=noopener noreferrer nofollow."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def paragraphs_to_html(paragraphs: list[str] | tuple[str, ...]) -> str:
    return sanitize_html("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))
