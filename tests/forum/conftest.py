"""Forum fixtures: the seeded categories, a story, and random reply trees built through the services."""

import itertools
import random
from datetime import timedelta

import pytest
from django.utils import timezone

from forum import limits, services
from forum.models import Category, Post
from tests.factories import MemberFactory

# Generous enough that building a tree of hundreds of replies is never throttled.
UNTHROTTLED = limits.PostingLimit(per_burst=100_000, per_day=100_000)


@pytest.fixture
def unthrottled(monkeypatch):
    """Opt in (pytestmark = pytest.mark.usefixtures("unthrottled")) to build big threads quickly.

    The throttle has its own tests; here it would only stop fixtures posting hundreds of replies.
    """
    monkeypatch.setattr(limits, "limit_for", lambda member, now: UNTHROTTLED)


@pytest.fixture
def members_category(db):
    return Category.objects.get(slug="ended-abruptly")


@pytest.fixture
def public_category(db):
    return Category.objects.get(slug="starting-again")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Rowan Author")


@pytest.fixture
def repliers(db):
    return [MemberFactory(display_name=f"Replier {n}") for n in range(3)]


def make_story(author, category, *, title="My therapist retired without a goodbye", body=None, now=None):
    return services.thread_create(
        author=author,
        category=category,
        title=title,
        body=body or f"After eleven years she told me in a letter. ({title})",
        ending="retired",
        now=now or timezone.now() - timedelta(days=31),
    )


@pytest.fixture
def story(author, members_category):
    return make_story(author, members_category)


class ReplyClock:
    """Strictly increasing times, so "newest" and "last activity" are predictable."""

    def __init__(self, start=None):
        self.now = start or timezone.now() - timedelta(days=30)

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now


_reply_numbers = itertools.count(1)


def reply(parent, author, *, body=None, now=None):
    return services.reply_create(
        author=author,
        parent=parent,
        # Every body differs, so the duplicate-post check never refuses one.
        body=body or f"Reply {next(_reply_numbers)} to post {parent.pk}: I hear you.",
        now=now,
    )


def build_tree(thread, authors, *, size, seed, parents=None, clock=None):
    """Add `size` replies through reply_create, each under a randomly chosen earlier post.

    `parents(rng, posts)` may choose the parent instead (for wide or deep shapes).
    Returns every post of the thread (opening post first) in creation order.
    """
    rng = random.Random(seed)
    clock = clock or ReplyClock()
    posts = list(Post.objects.filter(thread=thread).order_by("path"))
    for n in range(size):
        parent = parents(rng, posts) if parents else rng.choice(posts)
        posts.append(
            services.reply_create(
                author=authors[n % len(authors)],
                parent=parent,
                body=f"Reply {n} in story {thread.pk}, to post {parent.pk}.",
                now=clock(),
            )
        )
    return posts


def dfs_order(posts):
    """Depth-first order of a tree of posts, oldest sibling first, computed in Python."""
    children = {}
    root = None
    for post in sorted(posts, key=lambda p: (p.created_at, p.pk)):
        if post.parent_id is None:
            root = post
        else:
            children.setdefault(post.parent_id, []).append(post)
    order = []
    stack = [root]
    while stack:
        post = stack.pop()
        order.append(post.pk)
        stack.extend(reversed(children.get(post.pk, [])))
    return order


@pytest.fixture
def tree_builder(repliers):
    def build(thread, *, size, seed, parents=None):
        return build_tree(thread, repliers, size=size, seed=seed, parents=parents)

    return build
