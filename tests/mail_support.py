"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1, a free port), and helpers to read
what arrived."""

from __future__ import annotations

import email
import re
import socket
import threading
import time
from collections.abc import Iterator
from email.message import Message

import pytest


class Inbox:
    """What the test SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if address.lower() in m["To"].lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 10) -> list[Message]:
        """The mails to `address` once `count` have arrived (delivery runs after a response)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no mail for {address} arrived within {timeout} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def body(message: Message, subtype: str = "plain") -> str:
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no text/{subtype} part")


def link_in(message: Message, path: str) -> str:
    """The first link in the plain-text part whose path starts with `path`."""
    match = re.search(r"https?://[^\s/]+(" + re.escape(path) + r"\S+)", body(message))
    assert match, f"no {path} link in the mail"
    return match.group(1)


@pytest.fixture(scope="session")
def smtp_inbox() -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def smtp(app, smtp_inbox):  # noqa: ANN001, ANN201
    """The app sends through the test SMTP server for this test; the inbox starts empty."""
    inbox, port = smtp_inbox
    inbox.clear()
    saved = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_TIMEOUT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=5)
    yield inbox
    app.config.update(saved)


@pytest.fixture
def runner(app):  # noqa: ANN001, ANN201
    return app.test_cli_runner()
