"""`manage.py send_digests`: --dry-run shows who would receive what (with a progress bar) and
changes nothing; without it, the digests due are sent now."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from endings.digests.models import Delivery
from tests.digests.conftest import earlier, opening, preferences, reply, support, wants
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("send_digests", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def news(reader, writer, followed_story, due):
    reply(opening(followed_story), writer, body="A reply for the digest.", now=earlier(due))
    reply(opening(followed_story), writer, body="And a second one.", now=earlier(due))
    support(MemberFactory(), opening(followed_story), at=earlier(due))  # the writer's post, not the reader's


def test_dry_run_shows_who_would_receive_what_and_changes_nothing(reader, news, due):
    quiet = MemberFactory(display_name="Nothing New")
    wants(quiet, hour=due.hour)
    next_before = preferences(reader).next_digest_at

    out, err = run("--dry-run", "--at", due.strftime("%Y-%m-%d %H:%M"))

    assert f"Digests due at {due:%Y-%m-%d %H:%M} UTC: 1 would be sent." in out
    assert f"member {reader.pk} (Reader Hazel): 2 new replies in 1 story" in out
    assert "Nothing New" not in out
    assert "Dry run: nothing was sent or changed." in out
    # The progress bar, on stderr.
    assert "Composing [" in err and "100%" in err and "2/2" in err
    assert mail.outbox == []
    assert not Delivery.objects.exists()
    assert preferences(reader).next_digest_at == next_before
    # Titles and emails are not printed.
    assert "The letter that ended nine years" not in out and reader.email not in out


def test_without_dry_run_the_digests_due_are_sent_now(reader, news, due):
    out, err = run("--at", due.isoformat())

    assert len(mail.outbox) == 1
    assert "1 sent, 0 with nothing new (not sent), 0 to try again, 0 failed." in out
    assert "Sending [" in err
    # Running it again sends nothing more.
    out, _ = run("--at", due.isoformat())
    assert len(mail.outbox) == 1
    assert "0 sent" in out


def test_dry_run_with_nobody_due(db):
    out, err = run("--dry-run")
    assert "0 would be sent." in out
    assert "Nobody has a digest due with anything new in it." in out
    assert err == ""


def test_a_moment_that_is_not_a_date_is_refused_kindly(db):
    with pytest.raises(CommandError, match="is not a date and time"):
        run("--dry-run", "--at", "next tuesday")


def test_a_moment_with_an_offset_is_understood(reader, news, due):
    two_hours_east = due.astimezone(dt.timezone(dt.timedelta(hours=2)))
    out, _ = run("--dry-run", "--at", two_hours_east.isoformat())
    assert "1 would be sent." in out
