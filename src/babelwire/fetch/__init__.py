"""Polite HTTP: conditional GET, size and time limits, robots.txt, per-host pacing.

    fetcher = Fetcher(FetchOptions(per_host_delay=1.0))
    result = fetcher.fetch(url, etag=health.etag, last_modified=health.last_modified)

Modules: ``client`` (Fetcher, FetchOptions, FetchResult), ``body`` (capped,
deadline-bound decoding), ``hosts`` (per-host concurrency and pacing),
``robots`` (robots.txt cache and status policy).
"""

from __future__ import annotations

from babelwire.fetch.client import DEFAULT_USER_AGENT, Fetcher, FetchOptions, FetchResult

__all__ = ["DEFAULT_USER_AGENT", "FetchOptions", "FetchResult", "Fetcher"]
