"""Page -> article: text, metadata, attribution, disclaimers; boilerplate removed.

One lxml parse per page. ``metadata`` reads what the page says about itself
(meta tags, JSON-LD, microdata, the headline); ``dom`` removes clutter and
lists text blocks; ``body`` picks the story's blocks (container votes, split
parts grouped, teaser cards and link lists out, cross-checked with JSON-LD
``articleBody``); ``article`` cleans the lines with the tables of ``patterns``
(title and standfirst never repeated, disclaimers and credit lines moved out
of the body into ``disclaimers`` and ``attribution``). trafilatura reads the
same tree and ``merge`` decides block by block with the page's own evidence;
``authors``, ``dates`` and ``story`` give the byline, the dates and the
story/no-story verdict with its confidence.
"""

from __future__ import annotations

from .article import extract_article, content_hash

__all__ = ["extract_article", "content_hash"]
