"""Which IP addresses babelwire may connect to, and the operator's allowlist.

Only public unicast addresses are fetched. ``BLOCKED`` names every range that
is refused, with the reason shown to users; anything else Python's
``ipaddress`` does not call global is refused too. Odd IPv4 spellings
(``0x7f000001``, ``2130706433``, ``127.1``, ``0177.0.0.1``) are read the way
``inet_aton`` (and so the system resolver) reads them, and judged as the real
address.

``fetch.allow_addresses`` lists exceptions: ``127.0.0.1:8080``, ``10.1.0.0/16``,
``[::1]:8080``, ``intranet.example:443``; without a port, every port.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from babelwire.errors import ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# (range, reason), first match wins: more specific ranges come first.
BLOCKED: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(cidr), reason) for cidr, reason in (
        ("0.0.0.0/8", "an unspecified ('this network') address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local (cloud metadata) address"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "an IETF protocol address"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.88.99.0/24", "a 6to4 relay address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
        ("::/128", "an unspecified address"),
        ("::1/128", "a loopback address"),
        ("::ffff:0:0/96", "an IPv4-mapped IPv6 address"),
        ("::/96", "an IPv4-compatible IPv6 address"),
        ("64:ff9b::/96", "a NAT64 address"),
        ("64:ff9b:1::/48", "a NAT64 address"),
        ("100::/64", "a discard address"),
        ("2001::/32", "a Teredo address"),
        ("2001:db8::/32", "a documentation address"),
        ("2002::/16", "a 6to4 address"),
        ("fc00::/7", "a private (unique local) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a site-local address"),
        ("ff00::/8", "a multicast address"),
    )
)
_NUMERIC_IPV4 = re.compile(r"[0-9a-fA-FxX.]+")
_HOSTNAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` may not be fetched (``"a loopback address (127.0.0.0/8)"``), or None."""
    for network, reason in BLOCKED:
        if address.version == network.version and address in network:
            return f"{reason} ({network})"
    if not address.is_global or address.is_multicast:
        return "not a public address"
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as an IP literal stands for, odd IPv4 spellings included."""
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if not _NUMERIC_IPV4.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    try:  # the resolver's reading: 0x7f000001, 2130706433, 127.1, 0177.0.0.1
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


@dataclass(frozen=True)
class AllowRule:
    """One ``fetch.allow_addresses`` entry: a network or a host name, maybe one port."""

    network: IPNetwork | None
    host: str | None
    port: int | None

    def matches(self, host: str, address: IPAddress, port: int) -> bool:
        if self.port is not None and self.port != port:
            return False
        if self.network is not None:
            return address.version == self.network.version and address in self.network
        return self.host == _host_key(host)


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses, plus the operator's explicit exceptions."""

    allow: tuple[AllowRule, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> AddressPolicy:
        return cls(tuple(parse_allow_entry(entry) for entry in entries))

    def refusal(self, host: str, address: IPAddress, port: int) -> str | None:
        """Why connecting to ``address`` for ``host:port`` is refused, or None if it is allowed."""
        reason = blocked_reason(address)
        if reason is None or any(rule.matches(host, address, port) for rule in self.allow):
            return None
        return reason


def parse_allow_entry(entry: str) -> AllowRule:
    """``127.0.0.1``, ``10.0.0.0/8:443``, ``[::1]:8080``, ``localhost:8001`` -> AllowRule."""
    text = str(entry).strip()
    host, port = _split_port(text)
    try:
        network = ipaddress.ip_network(host, strict=False)
    except ValueError:
        network = None
    if network is None and not _HOSTNAME.fullmatch(host.lower()):
        raise ConfigError(f"fetch.allow_addresses entry {entry!r} is not an IP, CIDR range or "
                          "host name (optionally :port), e.g. \"127.0.0.1:8080\" or \"10.0.0.0/8\"")
    return AllowRule(network=network, host=None if network else _host_key(host), port=port)


def _split_port(text: str) -> tuple[str, int | None]:
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, _port(rest[1:], text) if rest.startswith(":") else _no_rest(rest, text)
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host, _port(port, text)
    return text, None


def _no_rest(rest: str, entry: str) -> None:
    if rest:
        raise ConfigError(f"fetch.allow_addresses entry {entry!r}: write a port as [::1]:8080")
    return None


def _port(value: str, entry: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"fetch.allow_addresses entry {entry!r} has no valid port after ':'")
    return int(value)


def _host_key(host: str) -> str:
    return host.strip("[]").lower().rstrip(".")
