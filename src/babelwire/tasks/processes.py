"""``--concurrency N``: N worker processes on this machine, each running rounds.

The parent starts N children (``babelwire ... worker --concurrency 1``), passes
SIGTERM/SIGINT on to them and waits; a child that dies is not restarted here
(systemd's ``Restart=`` or compose's ``restart:`` does that); its claims come
back to the others when their leases end.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from typing import Sequence

log = logging.getLogger(__name__)


def child_command(global_args: Sequence[str], until_idle: bool) -> list[str]:
    command = [sys.executable, "-m", "babelwire.cli.main", *global_args, "worker",
               "--concurrency", "1"]
    return command + (["--until-idle"] if until_idle else [])


def run_children(global_args: Sequence[str], n: int, until_idle: bool) -> int:
    """Start ``n`` worker processes and wait for them; the worst exit status."""
    children = [subprocess.Popen(child_command(global_args, until_idle)) for _ in range(n)]

    def forward(signum: int, _frame: object) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        codes = [child.wait() for child in children]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    log.info("workers exited: %s", codes)
    return max((abs(code) for code in codes), default=0)
