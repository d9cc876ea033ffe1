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


def worker_id() -> str:
    """This process and thread, as ``host:pid:thread``."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
