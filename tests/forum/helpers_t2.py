"""Plain helpers for the visibility, posting, reactions and search tests.

Kept out of conftest.py on purpose: these modules build their own data and do
not rely on fixtures defined elsewhere in tests/forum.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from accounts.services import role_grant
from forum import limits, services
from forum.models import Category

# Captured at import, before any fixture can swap it out, so throttle tests
# can put the real limits back.
REAL_LIMIT_FOR = limits.limit_for

MEMBERS_SLUG = "ended-abruptly"
PUBLIC_SLUG = "starting-again"

_unique = itertools.count(1)


def members_category():
    return Category.objects.get(slug=MEMBERS_SLUG)


def public_category():
    return Category.objects.get(slug=PUBLIC_SLUG)


def aged_member(display_name=None, **kwargs):
    """A member who joined long ago, so the new-member posting limit does not apply."""
    from tests.factories import MemberFactory

    if display_name is not None:
        kwargs["display_name"] = display_name
    member = MemberFactory(**kwargs)
    member.date_joined = timezone.now() - timedelta(days=400)
    member.save(update_fields=["date_joined"])
    return member


def moderator_member(display_name="Moss Moderator"):
    """A moderator with two-step sign-in, as seeing anonymous authors and earlier versions needs."""
    from tests.forum.moderation_fixtures import totp_activate

    member = aged_member(display_name)
    role_grant(email=member.email, role="moderator")
    return totp_activate(member)


class Clock:
    """Strictly increasing times in the past, far enough apart that no throttle counts two together."""

    def __init__(self, start=None, step=timedelta(minutes=11)):
        self.now = start or timezone.now() - timedelta(days=20)
        self.step = step

    def __call__(self):
        self.now += self.step
        return self.now


def make_story(author, category, *, title=None, body=None, now=None, **kwargs):
    n = next(_unique)
    return services.thread_create(
        author=author,
        category=category,
        title=title or f"A story about an ending, number {n}",
        body=body or f"We had worked together for years and then it stopped. (story {n})",
        now=now or timezone.now() - timedelta(days=30, minutes=n),
        **kwargs,
    )


def make_reply(parent, author, *, body=None, now=None, **kwargs):
    n = next(_unique)
    return services.reply_create(
        author=author,
        parent=parent,
        body=body or f"I hear you, and I went through something similar. (reply {n})",
        now=now,
        **kwargs,
    )


def opening_post(thread):
    return thread.posts.get(depth=0)


def text(response):
    return response.content.decode()
