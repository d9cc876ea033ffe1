"""The SSRF guard's parts: address classifier, allowlist, odd spellings, pinning, deadlines."""

from __future__ import annotations

import ipaddress
import socket

import httpcore
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from babelwire.errors import BlockedAddress, ConfigError, UnsupportedScheme
from babelwire.fetch.addresses import (
    BLOCKED,
    AddressPolicy,
    blocked_reason,
    literal_address,
    parse_allow_entry,
)
from babelwire.fetch.body import Deadline
from babelwire.fetch.guard import check_public_url, check_url
from babelwire.fetch.network import DeadlineStream, GuardedBackend, deadline_scope

ipv4 = st.integers(min_value=0, max_value=2**32 - 1).map(ipaddress.IPv4Address)
ipv6 = st.integers(min_value=0, max_value=2**128 - 1).map(ipaddress.IPv6Address)
PUBLIC = "93.184.216.34"


@pytest.mark.parametrize("address, words", [
    ("10.1.2.3", "private"), ("172.31.0.1", "private"), ("192.168.1.1", "private"),
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"), ("100.127.255.254", "carrier-grade NAT"),
    ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"), ("::ffff:127.0.0.1", "IPv4-mapped"),
    ("::ffff:8.8.8.8", "IPv4-mapped"), ("64:ff9b::a00:1", "NAT64"), ("fd12::1", "unique local"),
    ("2002:7f00:1::", "6to4"), ("2001:0:7f00:1::", "Teredo"), ("192.0.2.5", "documentation"),
])
def test_inside_addresses_are_blocked_with_a_reason(address, words):
    reason = blocked_reason(ipaddress.ip_address(address))
    assert reason is not None and words in reason


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "1.1.1.1", "100.128.0.1",
                                     "2606:4700:4700::1111", "2a00:1450:4001::1"])
def test_public_addresses_pass(address):
    assert blocked_reason(ipaddress.ip_address(address)) is None


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(ipv4 | ipv6)
def test_nothing_non_global_or_multicast_passes(address):
    if blocked_reason(address) is None:
        assert address.is_global and not address.is_multicast
        assert not any(address.version == net.version and address in net for net, _ in BLOCKED)


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(ipv4)
def test_ipv4_mapped_and_nat64_forms_are_always_blocked(address):
    mapped = ipaddress.IPv6Address(int(ipaddress.IPv6Address("::ffff:0:0")) + int(address))
    nat64 = ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) + int(address))
    assert blocked_reason(mapped) is not None and blocked_reason(nat64) is not None


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(ipv4)
def test_every_numeric_spelling_reads_as_the_address_the_resolver_would_use(address):
    number = int(address)
    octets = address.packed
    spellings = [str(number), hex(number), ".".join(f"0{o:o}" for o in octets),
                 f"{octets[0]}.{int.from_bytes(octets[1:], 'big')}",
                 ".".join(hex(o) for o in octets)]
    for spelling in spellings:
        assert literal_address(spelling) == address, spelling
        assert socket.inet_aton(spelling) == address.packed  # the system's own reading


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,10}){0,3}", fullmatch=True))
def test_host_names_are_not_mistaken_for_addresses(name):
    assert literal_address(name) is None


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(ipv4, st.integers(min_value=8, max_value=32), st.integers(min_value=1, max_value=65535))
def test_an_allow_entry_with_a_port_allows_that_network_on_that_port_only(address, prefix, port):
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    rule = parse_allow_entry(f"{network}:{port}")
    assert rule.matches("h", address, port)
    assert not rule.matches("h", address, port % 65535 + 1)
    outside = network.broadcast_address + 1 if int(network.broadcast_address) < 2**32 - 1 else None
    if outside is not None:
        assert not rule.matches("h", outside, port)


@pytest.mark.parametrize("entry, host, address, port, allowed", [
    ("127.0.0.1", "x", "127.0.0.1", 9999, True),
    ("127.0.0.1:8001", "x", "127.0.0.1", 8002, False),
    ("[::1]:8080", "x", "::1", 8080, True),
    ("::1", "x", "::1", 1, True),
    ("10.0.0.0/8", "x", "10.9.9.9", 443, True),
    ("localhost:8001", "LOCALHOST.", "127.0.0.1", 8001, True),
    ("localhost:8001", "other", "127.0.0.1", 8001, False),
])
def test_allow_entries(entry, host, address, port, allowed):
    policy = AddressPolicy.from_entries([entry])
    assert (policy.refusal(host, ipaddress.ip_address(address), port) is None) is allowed


@pytest.mark.parametrize("entry", ["", "10.0.0.0/8:http", "127.0.0.1:70000", "[::1]x",
                                   "bad host name", "a/b/c"])
def test_bad_allow_entries_are_config_errors(entry):
    with pytest.raises(ConfigError, match="fetch.allow_addresses"):
        parse_allow_entry(entry)


def test_check_url_needs_no_dns_and_refuses_literals_and_schemes():
    with pytest.raises(BlockedAddress):
        check_url("http://0x7f.1/", AddressPolicy())
    with pytest.raises(UnsupportedScheme):
        check_url("file:///etc/passwd", AddressPolicy())
    check_url("http://any-name.example/", AddressPolicy())  # names are judged at connect time


def test_check_public_url_resolves_and_accepts_names_that_do_not_resolve_yet():
    def resolver(host: str, port: int) -> list[str]:
        if host == "inside.test":
            return ["10.0.0.7"]
        raise socket.gaierror(socket.EAI_NONAME, "unknown")

    with pytest.raises(BlockedAddress, match="inside.test resolves to 10.0.0.7"):
        check_public_url("https://inside.test/feed", AddressPolicy(), resolver=resolver)
    check_public_url("https://later.test/feed", AddressPolicy(), resolver=resolver)


class _Stream(httpcore.NetworkStream):
    def __init__(self) -> None:
        self.timeouts: list[float | None] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.timeouts.append(timeout)
        return b""

    def close(self) -> None:
        pass


def test_dns_rebinding_cannot_swap_the_checked_address():
    """The resolver answers public, then private: the connection goes to the public answer,
    it is resolved once, and the next connection (private answer) is refused unconnected."""
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    resolved, connected = [], []

    def rebinding(host: str, port: int) -> list[str]:
        resolved.append(host)
        return next(answers)

    def connector(address, port, timeout, options):
        connected.append((address, port))
        return _Stream()

    backend = GuardedBackend(AddressPolicy(), resolver=rebinding, connector=connector)
    backend.connect_tcp("rebind.test", 443, timeout=5)
    assert connected == [(PUBLIC, 443)] and resolved == ["rebind.test"]
    with pytest.raises(BlockedAddress, match="rebind.test resolves to 127.0.0.1"):
        backend.connect_tcp("rebind.test", 443, timeout=5)
    assert connected == [(PUBLIC, 443)] and resolved == ["rebind.test", "rebind.test"]


def test_mixed_answers_connect_only_to_allowed_addresses():
    connected = []

    def connector(address, port, timeout, options):
        connected.append(address)
        if address == "10.0.0.1":
            raise AssertionError("connected to a refused address")
        return _Stream()

    backend = GuardedBackend(AddressPolicy(), resolver=lambda h, p: ["10.0.0.1", PUBLIC],
                             connector=connector)
    backend.connect_tcp("mixed.test", 80)
    assert connected == [PUBLIC]


def test_each_read_is_bounded_by_what_is_left_of_the_deadline():
    inner = _Stream()
    stream = DeadlineStream(inner)
    stream.read(10, timeout=None)  # no deadline active: the timeout is passed on as it is
    with deadline_scope(Deadline(1000.0)):
        stream.read(10, timeout=None)
        stream.read(10, timeout=5.0)
    assert inner.timeouts[0] is None
    assert inner.timeouts[1] is not None and inner.timeouts[1] <= 1000.0
    assert inner.timeouts[2] == 5.0
    with deadline_scope(Deadline(-1.0)), pytest.raises(httpcore.ReadTimeout, match="deadline"):
        stream.read(10, timeout=5.0)
    assert len(inner.timeouts) == 3
