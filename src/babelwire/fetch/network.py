"""The network under the HTTP client: guarded connections and one deadline per request.

``GuardedBackend`` is an httpcore network backend. Each new connection
resolves its host once, drops the addresses the ``AddressPolicy`` refuses
(``BlockedAddress`` when none is left) and connects to an address it checked,
so a second DNS answer (rebinding) never reaches the socket. httpcore takes
the Host header and the TLS server name from the URL, not from the address
connected to, so both stay the host name.

``deadline_scope(deadline)`` makes every DNS lookup, connect, TLS handshake,
read and write in this thread wait no longer than what is left of
``deadline``: a server that drips its headers or body a byte at a time is cut
off when the deadline passes, not when it stops sending.

``guarded_client(policy)`` is the entry point for code other than the Fetcher
(WebSub, webhooks): an ``httpx.Client`` that checks every request's URL and
connects through the guarded backend.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from babelwire.fetch.addresses import AddressPolicy, IPAddress
from babelwire.fetch.body import Deadline
from babelwire.fetch.guard import Resolver, check_url, permitted_addresses, system_resolver

SocketOptions = Iterable[Any] | None
Connector = Callable[[str, int, float | None, SocketOptions], httpcore.NetworkStream]

_ACTIVE: ContextVar[Deadline | None] = ContextVar("babelwire_fetch_deadline", default=None)


def current_deadline() -> Deadline | None:
    """The deadline of the request this thread is making, if any."""
    return _ACTIVE.get()


@contextmanager
def deadline_scope(deadline: Deadline | float) -> Iterator[Deadline]:
    """Bound every network wait in this thread by ``deadline`` (a Deadline or seconds)."""
    active = deadline if isinstance(deadline, Deadline) else Deadline(deadline)
    token = _ACTIVE.set(active)
    try:
        yield active
    finally:
        _ACTIVE.reset(token)


def _bounded(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the active deadline; ``expired`` once it has passed."""
    deadline = _ACTIVE.get()
    if deadline is None:
        return timeout
    left = deadline.remaining()
    if left <= 0:
        raise expired(f"the {deadline.seconds:g}s deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait is bounded by the active deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        limit = _bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, limit))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _tcp_connector(backend: httpcore.NetworkBackend) -> Connector:
    def connect(address: str, port: int, timeout: float | None,
                socket_options: SocketOptions) -> httpcore.NetworkStream:
        return backend.connect_tcp(address, port, timeout=timeout, socket_options=socket_options)
    return connect


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve once, refuse blocked addresses, connect to the checked address."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None,
                 connector: Connector | None = None) -> None:
        self._policy = policy
        self._resolver = resolver or system_resolver
        self._connect = connector or _tcp_connector(httpcore.SyncBackend())

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: SocketOptions = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self._addresses(host, port, _bounded(timeout, httpcore.ConnectTimeout)):
            try:
                limit = _bounded(timeout, httpcore.ConnectTimeout)
                return DeadlineStream(self._connect(str(address), port, limit, socket_options))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # try the host's next allowed address
        assert failure is not None  # _addresses never returns an empty list
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: SocketOptions = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("babelwire never connects to unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _addresses(self, host: str, port: int, timeout: float | None) -> list[IPAddress]:
        try:
            return permitted_addresses(host, port, self._policy, self._resolver, timeout)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} took too long") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"could not resolve {host}: {exc}") from exc


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, its connection pool built on the ``GuardedBackend``."""

    def __init__(self, policy: AddressPolicy, *, resolver: Resolver | None = None,
                 limits: httpx.Limits = httpx.Limits(max_connections=100,
                                                     max_keepalive_connections=20),
                 connector: Connector | None = None) -> None:
        super().__init__(trust_env=False, limits=limits)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy, resolver, connector),
        )


def guarded_client(policy: AddressPolicy, *, resolver: Resolver | None = None,
                   **client_options: Any) -> httpx.Client:
    """An httpx client for URLs that come from outside (WebSub hubs, webhooks).

    Every request's URL is checked (redirects too, if followed) and every
    connection goes through the guard. Wrap calls in ``deadline_scope(seconds)``
    for one wall-clock deadline per request.
    """
    def check(request: httpx.Request) -> None:
        check_url(str(request.url), policy)

    return httpx.Client(transport=GuardedTransport(policy, resolver=resolver),
                        event_hooks={"request": [check]}, trust_env=False, **client_options)
