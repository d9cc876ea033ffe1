"""Who claims work and for how long: a worker's id and the default lease.

A claim hands an item (a queued entry, an article to translate into one
language) to one worker until its lease ends; finishing the item ends the
claim, and a dead worker's items come back once their leases run out.
"""

from __future__ import annotations

import os
import socket
import threading

DEFAULT_LEASE_SECONDS = 3600


WORKER_PREFIX = "worker "  # store.workers names of `babelwire worker` processes: "worker host:pid"


def worker_id() -> str:
    """This process and thread, as ``host:pid:thread``."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def owner_is_dead_here(owner: str) -> bool:
    """True when ``owner`` (``host:pid:thread``) names a process of this host that no longer
    runs: a worker killed with SIGKILL. Owners on other hosts are never judged here; their
    leases run out instead."""
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != socket.gethostname():
        return False
    try:
        pid = int(parts[1])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False
