"""In-app notifications: replies to your posts, new replies in threads you follow,
and new stories in categories you follow.

The email issue adds delivery on top of `notifications_record_for_post`: it
returns who was told, so one place decides who hears about a reply.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

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
    return everyone, to_you


def _new_story(post, now):
    followers = set(
        CategoryFollow.objects.filter(
            category_id=post.thread.category_id, member__is_active=True
        ).values_list("member_id", flat=True)
    ) - {post.author_id}
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
    """Tell the people a new post concerns. Safe to run twice for one post."""
    now = now or timezone.now()
    post = Post.objects.select_related("parent", "thread").filter(pk=post_id).first()
    if post is None or post.status != Post.Status.PUBLISHED:
        return []
    if post.depth == 0:
        return _new_story(post, now)
    recipients, to_you = _recipients(post)
    if not recipients:
        return []
    open_rows = {
        row.recipient_id: row
        for row in Notification.objects.select_for_update().filter(
            thread_id=post.thread_id, recipient_id__in=recipients, read_at__isnull=True
        )
    }
    told = []
    for recipient in sorted(recipients):
        row = open_rows.get(recipient)
        if row is not None and row.latest_post_id >= post.pk:
            continue  # this reply was already counted (a retried task)
        field = "replies_to_you" if recipient in to_you else "new_replies"
        if row is None:
            try:
                with transaction.atomic():
                    Notification.objects.create(
                        recipient_id=recipient,
                        thread_id=post.thread_id,
                        latest_post=post,
                        created_at=now,
                        updated_at=now,
                        **{field: 1},
                    )
            except IntegrityError:
                # Another task opened the row a moment ago; add to it instead.
                row = Notification.objects.get(
                    recipient_id=recipient, thread_id=post.thread_id, read_at__isnull=True
                )
        if row is not None:
            Notification.objects.filter(pk=row.pk).update(
                latest_post=post, updated_at=now, **{field: F(field) + 1}
            )
        told.append(recipient)
    return told


def notifications_mark_read(*, member, thread=None, now=None):
    """Mark the member's notifications read: for one thread, or all of them."""
    rows = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if thread is not None:
        rows = rows.filter(thread=thread)
    return rows.update(read_at=now or timezone.now())
