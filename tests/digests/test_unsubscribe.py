"""RFC 8058 one-click unsubscribe: a POST with no cookies and no CSRF token works, a GET only
asks, a tampered token is refused kindly, and each link stops its own kind of email."""

import re

import pytest
from django.core import mail
from django.test import Client

from endings.digests import emails
from endings.digests.models import Delivery, EmailPreferences
from tests.digests.conftest import earlier, opening, preferences, reply, run_digests, wants
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_app():
    """What a mail app's one-click POST looks like: no session, no CSRF cookie or token."""
    return Client(enforce_csrf_checks=True)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_link_in_a_digests_header_stops_digests_with_one_post(
    reader, writer, followed_story, due, mail_app
):
    wants(reader, hour=due.hour, replies="immediately")
    reply(opening(followed_story), writer, now=earlier(due))
    run_digests(due)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    url = header.strip("<>")

    response = mail_app.post(path_of(url), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200  # no redirect
    assert "We have stopped the summary emails" in response.text
    choices = preferences(reader)
    assert choices.digest == EmailPreferences.Digest.OFF
    # Only that kind: reply emails stay as they were.
    assert choices.replies == EmailPreferences.Replies.IMMEDIATELY
    assert choices.next_digest_at is None


@pytest.mark.parametrize(
    ("kind", "field", "stopped"),
    [
        (Delivery.Kind.DIGEST, "digest", "off"),
        (Delivery.Kind.REPLIES, "replies", "off"),
        (Delivery.Kind.ALERT, "moderator_alerts", False),
        ("all", "all_stopped", True),
    ],
)
def test_each_link_stops_its_own_kind(mail_app, kind, field, stopped):
    member = MemberFactory()
    wants(member, replies="batched")
    before = {
        f: getattr(preferences(member), f) for f in ("digest", "replies", "moderator_alerts", "all_stopped")
    }

    mail_app.post(path_of(emails.unsubscribe_url(member.pk, kind)))

    after = {f: getattr(preferences(member), f) for f in before}
    assert after[field] == stopped
    assert {f: v for f, v in after.items() if f != field} == {f: v for f, v in before.items() if f != field}


def test_a_get_only_asks_and_changes_nothing(reader, client):
    url = path_of(emails.unsubscribe_url(reader.pk, Delivery.Kind.DIGEST))

    response = client.get(url)

    assert response.status_code == 200
    assert "Stop these emails?" in response.text
    assert re.search(r'<form method="post" action="' + re.escape(url) + '"', response.text)
    assert "<button" in response.text
    assert preferences(reader).digest == EmailPreferences.Digest.DAILY
    # The button on that page works the same way, without a CSRF token.
    assert Client(enforce_csrf_checks=True).post(url).status_code == 200
    assert preferences(reader).digest == EmailPreferences.Digest.OFF


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token.replace(
            token.split(".")[0], str(int(token.split(".")[0]) + 1), 1
        ),  # another member
        lambda token: token.replace(".digest:", ".all:"),  # another kind
        lambda token: token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"),  # a changed signature
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_token_is_refused_kindly_and_changes_nothing(reader, mail_app, tamper):
    other = MemberFactory()
    wants(other)
    token = emails.unsubscribe_token(reader.pk, Delivery.Kind.DIGEST)

    response = mail_app.post(f"/email/unsubscribe/{tamper(token)}/")

    assert response.status_code == 400
    assert "Sorry, this link does not work" in response.text
    assert "Nothing has been changed" in response.text
    assert preferences(reader).digest == EmailPreferences.Digest.DAILY
    assert preferences(other).digest == EmailPreferences.Digest.DAILY
    assert mail_app.get(f"/email/unsubscribe/{tamper(token)}/").status_code == 400


def test_a_digest_already_waiting_is_not_sent_after_unsubscribing(
    reader, writer, followed_story, due, mail_app
):
    from endings.digests import services

    reply(opening(followed_story), writer, now=earlier(due))
    services.digests_schedule(now=due, dispatch=False)
    mail_app.post(path_of(emails.unsubscribe_url(reader.pk, Delivery.Kind.DIGEST)))

    services.digests_send_now(now=due)

    assert mail.outbox == []
    delivery = Delivery.objects.get(member=reader)
    assert (delivery.status, delivery.outcome) == (
        Delivery.Status.SKIPPED,
        "The member no longer wants these emails",
    )


def test_unsubscribing_twice_is_fine(reader, mail_app):
    url = path_of(emails.unsubscribe_url(reader.pk, "all"))
    assert mail_app.post(url).status_code == 200
    assert mail_app.post(url).status_code == 200
    assert preferences(reader).all_stopped


def test_the_pages_carry_no_inline_script_or_style(reader, client):
    url = path_of(emails.unsubscribe_url(reader.pk, Delivery.Kind.DIGEST))
    for response in (client.get(url), client.get("/email/unsubscribe/broken/")):
        assert "<script>" not in response.text and " style=" not in response.text
        assert 'name="robots" content="noindex"' in response.text
