"""A real SMTP server on 127.0.0.1 (aiosmtpd) that can refuse before it accepts."""

import socket
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The server's behaviour: refuse the next `refusals` recipients with `refusal`, then accept."""

    def __init__(self, *, refusals=0, refusal="451 4.3.0 Busy, please try again later"):
        self.refusals = refusals
        self.refusal = refusal
        self.refused = 0
        self.received = []  # email.message.EmailMessage, in arrival order

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusals:
            self.refusals -= 1
            self.refused += 1
            return self.refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(inbox):
    """Serve `inbox` on a free port; yields the port."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def smtp_mailers(port):
    """MAILERS sending every kind of email to the local server."""
    config = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
    }
    return {"default": config, "digests": dict(config)}
