from django.db import transaction
from django.utils import timezone

from forum.models import CategoryFollow, ThreadFollow, ThreadVisit


def thread_follow_auto(*, member, thread, now):
    """Follow a thread one writes in, unless one chose to stop following it."""
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(member=member, thread=thread, created_at=now)], ignore_conflicts=True
    )


@transaction.atomic
def thread_follow_set(*, member, thread, following):
    ThreadFollow.objects.update_or_create(member=member, thread=thread, defaults={"following": following})
    return following


@transaction.atomic
def category_follow_set(*, member, category, following):
    if following:
        CategoryFollow.objects.get_or_create(member=member, category=category)
    else:
        CategoryFollow.objects.filter(member=member, category=category).delete()
    return following


def thread_visit_record(*, member, thread, now=None):
    """Remember when the member last read this thread (one upsert)."""
    ThreadVisit.objects.bulk_create(
        [ThreadVisit(member=member, thread=thread, seen_at=now or timezone.now())],
        update_conflicts=True,
        unique_fields=["member", "thread"],
        update_fields=["seen_at"],
    )
