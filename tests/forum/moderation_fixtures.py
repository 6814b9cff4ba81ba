"""Moderators (with and without two-step sign-in), and posts that land in the queue."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import GROUP_NAMES, MODERATOR
from forum import services
from forum.models import Post, QueueItem
from forum.services import queue
from tests.factories import MemberFactory


def totp_activate(member):
    """Two-step sign-in for a member; the secret is kept on the object so a browser test can type a code."""
    member.totp_secret = generate_totp_secret()
    TOTP.activate(member, member.totp_secret)
    return member


def make_moderator(name, *, totp=True):
    member = MemberFactory(display_name=name)
    member.groups.add(Group.objects.get(name=GROUP_NAMES[MODERATOR]))
    return totp_activate(member) if totp else member


@pytest.fixture
def moderator(db):
    return make_moderator("Mod Juniper")


@pytest.fixture
def second_moderator(db):
    return make_moderator("Mod Alder")


@pytest.fixture
def moderator_without_totp(db):
    return make_moderator("Mod Without Codes", totp=False)


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def reply_to(thread, author, body="Thinking of you, and I know this feeling well."):
    opening = Post.objects.get(thread=thread, depth=0)
    return services.reply_create(author=author, parent=opening, body=body)


def reported(post, reporter, reason="unkind", note=""):
    return queue.report_create(reporter=reporter, post=post, reason=reason, note=note)


def open_item(post):
    return QueueItem.objects.get(post=post, kind=QueueItem.Kind.REVIEW)


def now():
    return timezone.now()
