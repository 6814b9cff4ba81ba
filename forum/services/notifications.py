"""In-app notifications: replies to your posts, new replies in threads you follow,
and new stories in categories you follow.

The email issue adds delivery on top of `notifications_record_for_post`: it
returns who was told, so one place decides who hears about a reply.
"""

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from accounts.selectors import members_not_to_notify
from forum import hooks
from forum.models import CategoryFollow, Notification, Post, ThreadFollow


def _recipients(post):
    to_you = set()
    parent_author = post.parent.author_id if post.parent_id else None
    if parent_author and post.parent.status == Post.Status.PUBLISHED:
        to_you.add(parent_author)
    followers = set(
        ThreadFollow.objects.filter(
            thread_id=post.thread_id, following=True, member__is_active=True
        ).values_list("member_id", flat=True)
    )
    everyone = (to_you | followers) - {post.author_id}
    # Nobody on a break or leaving, nor on either side of a block with the author (one query).
    everyone -= members_not_to_notify(candidate_ids=everyone, author_id=post.author_id)
    return everyone, to_you


def _new_story(post, now):
    followers = set(
        CategoryFollow.objects.filter(
            category_id=post.thread.category_id, member__is_active=True
        ).values_list("member_id", flat=True)
    ) - {post.author_id}
    followers -= members_not_to_notify(candidate_ids=followers, author_id=post.author_id)
    already = set(
        Notification.objects.filter(thread_id=post.thread_id, recipient_id__in=followers).values_list(
            "recipient_id", flat=True
        )
    )
    rows = [
        Notification(
            recipient_id=recipient,
            thread_id=post.thread_id,
            latest_post=post,
            new_story=True,
            created_at=now,
            updated_at=now,
        )
        for recipient in sorted(followers - already)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return [row.recipient_id for row in rows]


@transaction.atomic
def notifications_record_for_post(*, post_id, now=None):
    """Tell the people a new post concerns. Safe to run twice for one post.

    A fixed number of queries, however many follow the thread: the open rows
    are locked and read at once, the missing ones written in one insert, and
    every open row counted in one update.

    Apps above the forum (email delivery) hear who was told through
    forum.hooks, in this same transaction: a retry that tells nobody new calls
    them with nobody, so nobody is emailed twice.
    """
    now = now or timezone.now()
    post = Post.objects.select_related("parent", "thread").filter(pk=post_id).first()
    if post is None or post.status != Post.Status.PUBLISHED:
        return []
    told = _new_story(post, now) if post.depth == 0 else _replies_record(post, now)
    hooks.post_notified(post=post, recipient_ids=told, now=now)
    return told


def _replies_record(post, now):
    recipients, to_you = _recipients(post)
    if not recipients:
        return []
    open_rows = Notification.objects.filter(thread_id=post.thread_id, read_at__isnull=True)
    latest_counted = dict(
        open_rows.select_for_update()
        .filter(recipient_id__in=recipients)
        .values_list("recipient_id", "latest_post_id")
    )
    # A row that already counts this reply (or a later one) means a retried task: nothing to add.
    told = sorted(r for r in recipients if latest_counted.get(r, 0) < post.pk)
    if not told:
        return []
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient,
                thread_id=post.thread_id,
                latest_post=post,
                created_at=now,
                updated_at=now,
                **{"replies_to_you" if recipient in to_you else "new_replies": 1},
            )
            for recipient in told
            if recipient not in latest_counted
        ],
        # Another task may have opened one of these rows a moment ago: the update below counts it.
        ignore_conflicts=True,
    )
    # Every open row older than this reply, including any opened a moment ago by another task
    # (rows just written name this reply, so they are left alone).
    addressed = [r for r in told if r in to_you]
    open_rows.filter(recipient_id__in=told, latest_post_id__lt=post.pk).update(
        latest_post=post,
        updated_at=now,
        replies_to_you=F("replies_to_you") + _one_if_in(addressed),
        new_replies=F("new_replies") + 1 - _one_if_in(addressed),
    )
    return told


def _one_if_in(recipients):
    if not recipients:
        return Value(0)
    return Case(When(recipient_id__in=recipients, then=Value(1)), default=Value(0))


def notifications_mark_read(*, member, thread=None, now=None):
    """Mark the member's notifications read: for one thread, or all of them."""
    rows = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if thread is not None:
        rows = rows.filter(thread=thread)
    return rows.update(read_at=now or timezone.now())
