"""Digests go through a mailer of their own (MAILERS["digests"], from DIGEST_EMAIL_URL), so bulk
mail can use another provider; reply emails and moderator alerts through "default"."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from endings.digests import services
from endings.digests.models import Delivery
from tests.digests.conftest import earlier, opening, reply, run_digests, wants

PROJECT = Path(__file__).resolve().parents[2]


def _mailers(env):
    """settings.MAILERS as a fresh process sees it with `env`."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.MAILERS, default=str))",
        ],
        cwd=PROJECT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "ENV_FILE": "",
            "DJANGO_SETTINGS_MODULE": "endings.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


@pytest.mark.slow
def test_digest_email_url_gives_digests_their_own_provider():
    result = _mailers(
        {
            "EMAIL_URL": "smtp://relay.example.org:25",
            "DIGEST_EMAIL_URL": "smtp+tls://bulk:secret@bulk.example.org:587",
        }
    )
    assert result.returncode == 0, result.stderr
    mailers = json.loads(result.stdout)
    assert mailers["default"]["OPTIONS"]["host"] == "relay.example.org"
    digests = mailers["digests"]["OPTIONS"]
    assert (digests["host"], digests["port"], digests["use_tls"], digests["username"]) == (
        "bulk.example.org",
        587,
        True,
        "bulk",
    )


@pytest.mark.slow
def test_without_digest_email_url_digests_go_the_same_way_as_everything_else():
    mailers = json.loads(_mailers({"EMAIL_URL": "smtp://relay.example.org:25"}).stdout)
    assert mailers["digests"] == mailers["default"]
    embedded = json.loads(_mailers({}).stdout)
    assert embedded["digests"]["BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"


@pytest.mark.slow
def test_a_wrong_digest_email_url_is_named_in_the_error():
    result = _mailers({"DIGEST_EMAIL_URL": "http://bulk.example.org"})
    assert result.returncode != 0
    assert "DIGEST_EMAIL_URL must start with smtp://" in result.stderr


class BulkBackend(BaseEmailBackend):
    """Stands in for a bulk-mail provider: keeps what it was given."""

    sent = []

    def send_messages(self, email_messages):
        BulkBackend.sent.extend(email_messages)
        return len(email_messages)


@pytest.mark.django_db
def test_digests_use_the_digests_mailer_and_reply_emails_the_default_one(
    reader, writer, followed_story, due, settings
):
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
        "digests": {"BACKEND": f"{__name__}.BulkBackend"},
    }
    BulkBackend.sent = []
    wants(reader, hour=due.hour, replies="batched")
    post = reply(opening(followed_story), writer, now=earlier(due))
    Delivery.objects.create(
        member=reader, kind=Delivery.Kind.REPLIES, period="post:test", due_at=due, post_ids=[post.pk]
    )

    run_digests(due)
    services.deliveries_send(delivery_ids=[Delivery.objects.get(period="post:test").pk], now=due)

    assert [m.subject for m in BulkBackend.sent] == ["Your daily summary from Endings"]
    assert [m.subject for m in mail.outbox] == ["Endings: 1 new reply for you"]
