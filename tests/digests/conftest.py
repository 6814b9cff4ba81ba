"""Digest fixtures: a reader who wants a daily digest, stories to follow, and the moment it falls due.

Times are relative to the real clock (reactions take it from timezone.now()):
`due` is a quarter past the hour after next, and the reader's digest hour is
that hour in UTC, so their digest window is the 24 hours before it, which
holds "now".
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from endings.digests import services
from endings.digests.models import Delivery, EmailPreferences
from forum import services as forum_services
from forum.models import Category, Post
from tests.factories import MemberFactory
from tests.forum.conftest import make_story, reply

__all__ = ["make_story", "reply"]


@pytest.fixture
def due():
    """When the digests are due: 15 minutes past the hour after next (UTC)."""
    return (timezone.now() + timedelta(hours=2)).replace(minute=15, second=0, microsecond=0)


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
