"""A local SMTP server for the drills: accepts everything and appends one JSON line per message.

    python scripts/smtp_sink.py PORT OUT.jsonl [--delay SECONDS]

`--delay` makes each message take that long to accept (a slow provider), so a drill can
kill a worker in the middle of a batch.
"""

import argparse
import asyncio
import json
import signal
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, delay):
        self.out = out
        self.delay = delay
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content, policy=policy.default)
        line = json.dumps(
            {"to": envelope.rcpt_tos, "message_id": message["Message-ID"], "subject": message["Subject"]}
        )
        with self.lock, open(self.out, "a") as out:
            out.write(line + "\n")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("out")
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    controller = Controller(Sink(args.out, args.delay), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
