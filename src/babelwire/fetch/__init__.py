"""Polite HTTP: conditional GET, size and time limits, robots.txt, per-host pacing.

    fetcher = Fetcher(FetchOptions(per_host_delay=1.0))
    result = fetcher.fetch(url, etag=health.etag, last_modified=health.last_modified)

Modules: ``client`` (Fetcher, FetchOptions, FetchResult), ``body`` (capped,
deadline-bound decoding), ``hosts`` (per-host concurrency and pacing),
``robots`` (robots.txt cache and status policy), ``addresses`` (which IPs are
public, the allowlist), ``guard`` (URL checks, ``check_public_url``),
``network`` (resolve-check-pin connections, one deadline per request,
``guarded_client`` for WebSub/webhooks).
"""

from __future__ import annotations

from babelwire.fetch.addresses import AddressPolicy
from babelwire.fetch.client import DEFAULT_USER_AGENT, Fetcher, FetchOptions, FetchResult
from babelwire.fetch.guard import check_public_url, check_public_urls, policy_from_settings
from babelwire.fetch.network import deadline_scope, guarded_client

__all__ = ["DEFAULT_USER_AGENT", "AddressPolicy", "FetchOptions", "FetchResult", "Fetcher",
           "check_public_url", "check_public_urls", "deadline_scope", "guarded_client", "policy_from_settings"]
