"""Live sessions and login throttling, held in the server's memory.

``SessionBook``: a session exists while its nonce is in the book. Logging out
removes it (the cookie is then worthless even if copied), it lapses after
``web.session_hours``, and a restart of the server ends every session. The
cookie's HMAC signature (see ``auth``) still binds it to the token.

``LoginThrottle``: per client address, after ``web.login_failures`` wrong
tokens the address is locked out for ``web.login_lockout`` seconds, and each
further wrong token doubles the wait (at most ``MAX_LOCKOUT``); while locked,
every token it sends is refused with 429 and ``Retry-After`` without being
checked. A
right token clears the count; so do ``FORGET_AFTER`` quiet seconds.

Both are bounded: the oldest entries go first when they are full.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]

MAX_SESSIONS = 10_000
MAX_ADDRESSES = 10_000
MAX_LOCKOUT = 3600.0
FORGET_AFTER = 3600.0


@dataclass(frozen=True)
class Session:
    purpose: str  # admin | read
    expires_at: float


class SessionBook:
    """Nonces of the sessions this server issued and has not ended."""

    def __init__(self, lifetime_seconds: float, clock: Clock = time.monotonic) -> None:
        self.lifetime = lifetime_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._live: OrderedDict[str, Session] = OrderedDict()

    def issue(self, purpose: str) -> str:
        nonce = secrets.token_urlsafe(18)
        with self._lock:
            self._live[nonce] = Session(purpose, self._clock() + self.lifetime)
            while len(self._live) > MAX_SESSIONS:
                self._live.popitem(last=False)
        return nonce

    def alive(self, nonce: str, purpose: str) -> bool:
        with self._lock:
            session = self._live.get(nonce)
            if session is None or session.purpose != purpose:
                return False
            if session.expires_at <= self._clock():
                del self._live[nonce]
                return False
            return True

    def revoke(self, nonce: str) -> None:
        with self._lock:
            self._live.pop(nonce, None)


@dataclass(frozen=True)
class Attempts:
    failures: int
    locked_until: float
    last_failure: float


class LoginThrottle:
    """Counts wrong tokens per client address and locks out the persistent ones."""

    def __init__(self, free_failures: int, first_lockout: float,
                 clock: Clock = time.monotonic) -> None:
        self.free_failures = max(free_failures, 1)
        self.first_lockout = max(first_lockout, 0.0)
        self._clock = clock
        self._lock = threading.Lock()
        self._by_address: OrderedDict[str, Attempts] = OrderedDict()

    def retry_after(self, address: str) -> int:
        """Whole seconds ``address`` must still wait before a token is checked; 0: go ahead."""
        with self._lock:
            attempts = self._current(address)
            if attempts is None:
                return 0
            return max(math.ceil(attempts.locked_until - self._clock()), 0)

    def failed(self, address: str) -> None:
        now = self._clock()
        with self._lock:
            before = self._current(address)
            failures = (before.failures if before else 0) + 1
            beyond = failures - self.free_failures  # 0 on the last free failure
            wait = min(self.first_lockout * 2 ** min(beyond, 30), MAX_LOCKOUT) if beyond >= 0 else 0
            self._by_address[address] = Attempts(failures, now + wait, now)
            self._by_address.move_to_end(address)
            while len(self._by_address) > MAX_ADDRESSES:
                self._by_address.popitem(last=False)

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._by_address.pop(address, None)

    def _current(self, address: str) -> Attempts | None:
        """The address's record, forgotten when quiet long enough (lock held)."""
        attempts = self._by_address.get(address)
        if attempts is None:
            return None
        now = self._clock()
        if now >= attempts.locked_until and now - attempts.last_failure > FORGET_AFTER:
            del self._by_address[address]
            return None
        return attempts
