"""Digest fixtures: a reader who wants a daily digest, stories to follow, and the moment it falls due.

`due` is a quarter past an hour that has passed (so tasks, which read the real
clock, find the digests due), and the reader's digest hour is that hour in UTC:
their digest covers the 24 hours before it. `earlier(due)` is a moment inside
that window, for posts and reactions the digest should tell of.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from endings.digests import services
from endings.digests.models import Delivery, EmailPreferences
from forum import limits
from forum import services as forum_services
from forum.models import Category, Post, Reaction
from tests.factories import MemberFactory
from tests.forum.conftest import UNTHROTTLED, make_story, reply

__all__ = ["make_story", "reply"]


@pytest.fixture(autouse=True)
def _unthrottled(monkeypatch):
    # Fixtures here post many stories and replies at once; the throttle has its own tests.
    monkeypatch.setattr(limits, "limit_for", lambda member, now: UNTHROTTLED)


@pytest.fixture
def due():
    """When the digests are due: 15 minutes past the hour before last (UTC)."""
    return (timezone.now() - timedelta(hours=1)).replace(minute=15, second=0, microsecond=0)


def earlier(due, hours=2):
    """A moment inside the digest's window (which ends on the hour of `due`)."""
    return due.replace(minute=0) - timedelta(hours=hours)


def support(member, post, kind="support", *, at):
    """A reaction given at a chosen moment (the service stamps it with the real clock)."""
    forum_services.reaction_toggle(member=member, post=post, kind=kind)
    Reaction.objects.filter(member=member, post=post, kind=kind).update(created_at=at)


@pytest.fixture
def long_ago():
    return timezone.now() - timedelta(days=40)


def wants(member, *, digest="daily", hour=8, weekday=0, replies="off", discreet=True, now=None, **more):
    """Set a member's email choices through the service (chosen long ago unless `now`)."""
    return services.email_preferences_update(
        member=member,
        digest=digest,
        digest_hour=hour,
        digest_weekday=weekday,
        replies=replies,
        discreet=discreet,
        now=now or timezone.now() - timedelta(days=40),
        **more,
    )


@pytest.fixture
def members_category(db):
    return Category.objects.get(slug="ended-abruptly")


@pytest.fixture
def public_category(db):
    return Category.objects.get(slug="starting-again")


@pytest.fixture
def reader(db, due):
    """A member with a daily digest at the hour it falls due, who follows nothing yet."""
    member = MemberFactory(display_name="Reader Hazel", email="hazel@example.org", country="GB")
    wants(member, hour=due.hour)
    return member


@pytest.fixture
def writer(db):
    return MemberFactory(display_name="Writer Ash")


@pytest.fixture
def followed_story(reader, writer, members_category):
    """A story by `writer`, written long ago, which `reader` follows."""
    thread = make_story(
        writer,
        members_category,
        title="The letter that ended nine years",
        body="She wrote that she was closing her practice. I read it in the car park.",
        now=timezone.now() - timedelta(days=60),
    )
    forum_services.thread_follow_set(member=reader, thread=thread, following=True)
    return thread


def opening(thread):
    return Post.objects.get(thread=thread, depth=0)


def digests_for(member):
    return Delivery.objects.filter(member=member, kind=Delivery.Kind.DIGEST)


def run_digests(now):
    """What beat does at `now`, with the chunks sent in this process: record, then send."""
    services.digests_schedule(now=now, dispatch=False)
    return services.digests_send_now(now=now)


def preferences(member):
    return EmailPreferences.objects.get(member=member)
