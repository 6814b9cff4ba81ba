"""A real local SMTP server (aiosmtpd) that refuses, then accepts: the digest arrives once, later.
Permanent refusals and a server that never answers end as failures the admin shows."""

import smtplib
from datetime import timedelta

import pytest
from django.urls import reverse

from endings.digests import services
from endings.digests.models import Delivery
from tests.digests.conftest import digests_for, earlier, opening, reply, run_digests
from tests.digests.smtp import Inbox, free_port, smtp_mailers, smtp_server

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def news(reader, writer, followed_story, due):
    return reply(opening(followed_story), writer, body="Thinking of you this week.", now=earlier(due))


def test_a_refusing_server_gets_the_digest_later_and_only_once(
    reader, news, due, settings, tasks_in_process, django_capture_on_commit_callbacks
):
    inbox = Inbox(refusals=1)  # "451 Busy, please try again later", then accepts
    with smtp_server(inbox) as port:
        settings.MAILERS = smtp_mailers(port)

        outcome = run_digests(due)

        assert outcome == {"retrying": 1}
        assert inbox.refused == 1 and inbox.received == []
        delivery = digests_for(reader).get()
        assert delivery.status == Delivery.Status.RETRYING
        assert "451" in delivery.last_error
        # The first retry waits between half a minute and a minute (exponential backoff, with jitter).
        assert due + timedelta(seconds=30) <= delivery.due_at <= due + timedelta(seconds=60)

        # Not yet due: the every-minute dispatch leaves it.
        with django_capture_on_commit_callbacks(execute=True):
            assert services.deliveries_dispatch(now=delivery.due_at - timedelta(seconds=1)) == 0
        # Due: handed to a worker, which sends it.
        with django_capture_on_commit_callbacks(execute=True):
            assert services.deliveries_dispatch(now=delivery.due_at + timedelta(seconds=1)) == 1
        assert len(inbox.received) == 1

        # Everything that runs afterwards finds it sent.
        with django_capture_on_commit_callbacks(execute=True):
            services.deliveries_dispatch(now=due + timedelta(hours=1))
            services.digests_schedule(now=due + timedelta(hours=1))
        assert len(inbox.received) == 1

    message = inbox.received[0]
    assert message["To"] == reader.email
    assert message["Subject"] == "Your daily summary from Endings"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(preferencelist=("plain",)) is not None
    assert message.get_body(preferencelist=("html",)) is not None
    delivery = digests_for(reader).get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert message["Message-ID"] == delivery.message_id


def test_a_permanent_refusal_is_recorded_at_once_and_shown_in_the_admin(
    reader, news, due, settings, admin_client
):
    inbox = Inbox(refusals=5, refusal="550 5.1.1 No such mailbox here")
    with smtp_server(inbox) as port:
        settings.MAILERS = smtp_mailers(port)
        assert run_digests(due) == {"failed": 1}
        assert inbox.refused == 1  # not tried again

    delivery = digests_for(reader).get()
    assert delivery.status == Delivery.Status.FAILED
    assert "550" in delivery.last_error
    page = admin_client.get(reverse("admin:digests_delivery_changelist") + "?attention=failed")
    assert page.status_code == 200
    assert "550 5.1.1 No such mailbox here" in page.text
    assert str(reader) in page.text


def test_the_admin_can_put_a_failed_email_back_in_line(reader, news, due, admin_client):
    services.digests_schedule(now=due, dispatch=False)
    delivery = digests_for(reader).get()
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, attempts=8)

    admin_client.post(
        reverse("admin:digests_delivery_changelist"),
        {"action": "try_again", "_selected_action": [delivery.pk]},
    )

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.RETRYING, 0)


def test_a_server_that_cannot_be_reached_is_retried_then_given_up_on(reader, news, due, settings):
    settings.MAILERS = smtp_mailers(free_port())  # nothing listens there

    assert run_digests(due) == {"retrying": 1}
    delivery = digests_for(reader).get()
    assert delivery.attempts == 1
    assert "ConnectionRefusedError" in delivery.last_error

    # The last allowed attempt fails too: the delivery is marked failed for good.
    Delivery.objects.filter(pk=delivery.pk).update(
        attempts=services.MAX_ATTEMPTS - 1, due_at=due, status=Delivery.Status.RETRYING
    )
    assert services.deliveries_send(delivery_ids=[delivery.pk], now=due + timedelta(hours=1)) == {"failed": 1}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.outcome == f"Gave up after {services.MAX_ATTEMPTS} tries"


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling():
    for attempts, ceiling in [(1, 60), (2, 120), (3, 240), (6, 1920), (7, 3600), (8, 3600)]:
        waits = {services.backoff_seconds(attempts) for _ in range(20)}
        assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
        assert len(waits) > 1  # jitter: retries from many workers spread out


def test_only_refusals_that_will_not_change_are_permanent():
    assert services._is_permanent(smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")}))
    assert not services._is_permanent(smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"busy")}))
    assert services._is_permanent(smtplib.SMTPDataError(554, b"rejected"))
    assert not services._is_permanent(smtplib.SMTPDataError(421, b"later"))
    assert not services._is_permanent(smtplib.SMTPServerDisconnected("gone"))
    assert not services._is_permanent(ConnectionRefusedError())
