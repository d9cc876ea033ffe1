"""Ports checked before any work starts, so a busy port is one clear line, not a late crash."""

from __future__ import annotations

import errno
import socket

from ..errors import PortInUse


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now (as uvicorn binds: SO_REUSEADDR)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise PortInUse(f"cannot listen on {host}:{port}: {exc.strerror}: "
                            f"choose another port or address") from exc
    return True


def reserve_port(host: str, port: int, what: str, option: str) -> socket.socket:
    """A listening socket held from now on (use it with ``with``), so the port checked
    before a long ingest is still ours when serving starts; busy: ``PortInUse``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto named: asyncio sets TCP_NODELAY only on connections whose socket says IPPROTO_TCP;
    # without it every keep-alive answer waits ~40 ms (Nagle against the client's delayed ACK)
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} on {host} is busy ({what}): stop what uses it, "
                            f"or pass {option} with another port") from exc
        raise PortInUse(f"cannot listen on {host}:{port}: {exc.strerror}: "
                        f"choose another port or address") from exc
    return listener
