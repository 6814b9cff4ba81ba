"""How much a member may post, and how fast.

Counted from the posts table itself (an index on author and time), so the
limits hold across processes and survive a cache outage. Members in their
first days have a stricter limit: spam and pile-ons come from new accounts.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q

TITLE_MAX_LENGTH = 140
BODY_MAX_LENGTH = 30_000
BODY_MIN_LENGTH = 2
NEW_MEMBER_DAYS = 7
DUPLICATE_WINDOW = timedelta(minutes=10)
BURST_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class PostingLimit:
    per_burst: int
    per_day: int


NEW_MEMBER_LIMIT = PostingLimit(per_burst=3, per_day=10)
MEMBER_LIMIT = PostingLimit(per_burst=10, per_day=60)


class PostingRefused(Exception):
    """A post that cannot be accepted; the message is shown to the member as it is."""


def limit_for(member, now):
    if now - member.date_joined < timedelta(days=NEW_MEMBER_DAYS):
        return NEW_MEMBER_LIMIT
    return MEMBER_LIMIT


def posting_limits_check(*, member, body, now):
    from forum.models import Post

    limit = limit_for(member, now)
    # One read of the member's posts answers the limits and, for the safety check,
    # how many of their posts have been published (new members' first posts wait).
    recent = Post.objects.filter(author=member).aggregate(
        day=Count("id", filter=Q(created_at__gte=now - timedelta(days=1))),
        burst=Count("id", filter=Q(created_at__gte=now - BURST_WINDOW)),
        same=Count("id", filter=Q(created_at__gte=now - DUPLICATE_WINDOW, body=body)),
        published=Count("id", filter=Q(status=Post.Status.PUBLISHED)),
    )
    if recent["same"]:
        raise PostingRefused(
            "You posted these same words a few minutes ago, so we have not posted them again. "
            "Your earlier post is in the thread."
        )
    if recent["burst"] >= limit.per_burst:
        raise PostingRefused(
            "You have posted several times in the last few minutes. Please wait a little "
            "before posting again; what you wrote is still here."
        )
    if recent["day"] >= limit.per_day:
        raise PostingRefused(
            "You have reached today's limit for posting. It resets within a day; what you "
            "wrote is still here, so you can copy it somewhere safe."
        )
    return recent


class ReportRefused(Exception):
    """A report that cannot be accepted; the message is shown to the member as it is."""
