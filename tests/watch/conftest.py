"""Watch tests: a real SQLite store, a real SMTP server on 127.0.0.1 (the webhook
receiver is in tests/conftest.py: the workers' tests use it too)."""

from __future__ import annotations

from dataclasses import dataclass, field
import email.policy
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from babelwire.storage import open_store


class _Controller(Controller):
    """aiosmtpd's controller on an ephemeral port (it checks readiness on ``self.port``)."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Inbox:
    messages: list = field(default_factory=list)
    refuse: int = 0  # refuse this many messages (451) before accepting

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            return "451 try again later"
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = _Controller(inbox, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield opened
    opened.close()
