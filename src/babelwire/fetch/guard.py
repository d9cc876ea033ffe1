"""The SSRF guard: which URLs and addresses babelwire may fetch.

Every outgoing connection goes through it: ``check_url`` runs on every request
and redirect hop (scheme, host, IP literals in any spelling), and the network
backend (``fetch.network``) resolves each host once, refuses blocked
addresses and connects to the address it checked. ``check_public_url`` is the
early check for code that stores a URL to fetch later (``sources add``, the
admin): it also resolves the host and refuses names that point inside.
"""

from __future__ import annotations

import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import SplitResult, urlsplit

from babelwire.errors import BlockedAddress, FetchError, UnsupportedScheme
from babelwire.fetch.addresses import AddressPolicy, IPAddress, literal_address

Resolver = Callable[[str, int], Iterable[str]]  # (host, port) -> IP address strings

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
CHECK_RESOLVE_TIMEOUT = 5.0  # seconds check_public_url waits for DNS
IMPORT_CHECKS = 8  # URLs of one import resolved at once


def system_resolver(host: str, port: int) -> list[str]:
    """The system's answer for ``host``, each address once, in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def policy_from_settings(settings: Any) -> AddressPolicy:
    """The policy ``fetch.allow_addresses`` describes."""
    return AddressPolicy.from_entries(settings["fetch.allow_addresses"])


def require_http(url: str) -> SplitResult:
    """The URL's parts; ``UnsupportedScheme`` unless it is http(s) with a host."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme!r} URLs" if scheme else "URLs without a scheme"
        raise UnsupportedScheme(f"only http and https URLs can be fetched, not {shown}", url=url)
    if not parts.hostname:
        raise FetchError("URL has no host", url=url)
    return parts


def url_port(parts: SplitResult, url: str) -> int:
    try:
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"URL has an invalid port: {exc}", url=url) from exc
    return port if port is not None else DEFAULT_PORTS[parts.scheme.lower()]


def check_url(url: str, policy: AddressPolicy) -> SplitResult:
    """Refuse non-http(s) URLs and hosts written as blocked IPs (any spelling); no DNS."""
    parts = require_http(url)
    host = parts.hostname or ""
    address = literal_address(host)
    if address is not None:
        port = url_port(parts, url)
        reason = policy.refusal(host, address, port)
        if reason is not None:
            raise refused(host, port, address, reason, url=url)
    return parts


def permitted_addresses(host: str, port: int, policy: AddressPolicy, resolver: Resolver,
                        timeout: float | None) -> list[IPAddress]:
    """The addresses ``host`` stands for that may be connected to, in the resolver's order.

    ``BlockedAddress`` when none may; ``OSError`` (``TimeoutError``) when resolution fails.
    """
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        answers = resolve_within(resolver, host, port, timeout)
        addresses = [a for a in (literal_address(answer) for answer in answers) if a is not None]
        if not addresses:
            raise OSError(f"{host} resolves to no IP address")
    allowed = [a for a in addresses if policy.refusal(host, a, port) is None]
    if not allowed:
        first = addresses[0]
        raise refused(host, port, first, policy.refusal(host, first, port) or "")
    return allowed


def check_public_url(url: str, policy_or_settings: Any, *, resolver: Resolver = system_resolver,
                     timeout: float = CHECK_RESOLVE_TIMEOUT) -> None:
    """Refuse ``url`` now if babelwire would refuse to fetch it (for code that stores URLs).

    A host that does not resolve right now is accepted: every fetch checks again.
    """
    policy = (policy_or_settings if isinstance(policy_or_settings, AddressPolicy)
              else policy_from_settings(policy_or_settings))
    parts = check_url(url, policy)
    try:
        permitted_addresses(parts.hostname or "", url_port(parts, url), policy, resolver, timeout)
    except BlockedAddress as error:
        raise BlockedAddress(error.message, url=url) from None
    except OSError:
        return


def check_public_urls(urls: Iterable[str], policy_or_settings: Any, *, prefix: str = "",
                      resolver: Resolver = system_resolver) -> None:
    """``check_public_url`` on each http(s) URL of a list (an OPML import), a few at a time.

    The first refused URL, in list order, is raised, its message after ``prefix``;
    other schemes are left to the caller.
    """
    policy = (policy_or_settings if isinstance(policy_or_settings, AddressPolicy)
              else policy_from_settings(policy_or_settings))
    wanted = [url for url in urls if urlsplit(url).scheme.lower() in ALLOWED_SCHEMES]

    def check(url: str) -> BlockedAddress | None:
        try:
            check_public_url(url, policy, resolver=resolver)
        except BlockedAddress as error:
            return error
        except FetchError:
            return None  # no host or a bad port: the importer skips or reports it
        return None

    with ThreadPoolExecutor(max_workers=IMPORT_CHECKS) as pool:
        for error in pool.map(check, wanted):
            if error is not None:
                raise BlockedAddress(prefix + error.message, url=error.url)


def refused(host: str, port: int, address: IPAddress, reason: str,
            url: str | None = None) -> BlockedAddress:
    """The one-line refusal, naming the address, why, and the allowlist entry that would allow it."""
    shown = str(address)
    bare = host.strip("[]").lower()
    entry = f"[{shown}]:{port}" if address.version == 6 else f"{shown}:{port}"
    if bare == shown:
        subject = shown
    elif literal_address(host) is not None:
        subject = f"{bare} means {shown}"
    else:
        subject, entry = f"{host} resolves to {shown}", f"{bare}:{port}"
    return BlockedAddress(
        f"{subject}, {reason}: babelwire fetches public addresses only; to allow it, "
        f"add \"{entry}\" to fetch.allow_addresses", url=url)


def resolve_within(resolver: Resolver, host: str, port: int, timeout: float | None) -> list[str]:
    """``resolver(host, port)``, given up after ``timeout`` seconds (``TimeoutError``)."""
    if timeout is None:
        return list(resolver(host, port))
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["answers"] = list(resolver(host, port))
        except BaseException as exc:  # handed to the waiting thread below
            box["error"] = exc

    thread = threading.Thread(target=work, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(max(timeout, 0.0))
    if thread.is_alive():
        raise TimeoutError(f"resolving {host} took longer than {timeout:.1f}s")
    if "error" in box:
        raise box["error"]
    return box["answers"]
