"""What moderators read: the queue, one item, the audit log, a member's history, the dashboard."""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from forum.models import (
    Flag,
    MemberNote,
    ModerationAction,
    ModeratorAlertSubscription,
    Post,
    PostRevision,
    Priority,
    QueueItem,
    Reason,
)

QUEUE_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50
REVIEW_TIME_CACHE_KEY = "forum:typical-review-minutes"


@dataclass(frozen=True)
class QueueFilters:
    reason: str = ""
    category: int | None = None
    status: str = "open"  # open, mine, unclaimed, resolved, appeals
    page: int = 1


@dataclass
class QueuePage:
    items: list
    page: int
    has_next: bool
    filters: QueueFilters

    @property
    def has_previous(self):
        return self.page > 1


def priority_counts():
    """Open items per priority, for the moderation navigation: one query."""
    open_items = Q(status=QueueItem.Status.OPEN)
    counts = QueueItem.objects.aggregate(
        at_risk=Count("pk", filter=open_items & Q(priority=Priority.AT_RISK)),
        held=Count("pk", filter=open_items & Q(priority=Priority.HELD)),
        other=Count("pk", filter=open_items & Q(priority=Priority.OTHER)),
    )
    counts["total"] = counts["at_risk"] + counts["held"] + counts["other"]
    return counts


def queue_page(moderator, filters):
    items = QueueItem.objects.select_related(
        "post__thread", "post__author", "category", "claimed_by", "resolved_by"
    )
    if filters.status == "resolved":
        items = items.filter(status=QueueItem.Status.RESOLVED).order_by("-resolved_at", "-pk")
    else:
        items = items.filter(status=QueueItem.Status.OPEN).order_by("priority", "opened_at", "pk")
        if filters.status == "mine":
            items = items.filter(claimed_by=moderator)
        elif filters.status == "unclaimed":
            items = items.filter(claimed_by__isnull=True)
        elif filters.status == "appeals":
            items = items.filter(kind=QueueItem.Kind.APPEAL)
    if filters.category:
        items = items.filter(category_id=filters.category)
    if filters.reason:
        items = items.filter(Exists(Flag.objects.filter(item=OuterRef("pk"), reason=filters.reason)))
    start = (filters.page - 1) * QUEUE_PAGE_SIZE
    rows = list(
        items.prefetch_related(
            Prefetch("flags", queryset=Flag.objects.only("item_id", "reason").order_by(), to_attr="flag_rows")
        )[start : start + QUEUE_PAGE_SIZE + 1]
    )
    for item in rows:
        item.reason_counts = _reason_counts(item.flag_rows)
    return QueuePage(rows[:QUEUE_PAGE_SIZE], filters.page, len(rows) > QUEUE_PAGE_SIZE, filters)


def _reason_counts(flags):
    counts = {}
    for flag in flags:
        counts[flag.reason] = counts.get(flag.reason, 0) + 1
    labels = dict(Reason.choices)
    return [(labels[reason], n) for reason, n in sorted(counts.items(), key=lambda pair: -pair[1])]


def item_detail(item_id):
    try:
        item = QueueItem.objects.select_related(
            "post__thread__category",
            "post__author",
            "post__parent",
            "claimed_by",
            "resolved_by",
            "excluded_moderator",
        ).get(pk=item_id)
    except QueueItem.DoesNotExist:
        raise Http404("No such queue item.") from None
    item.flag_list = list(item.flags.select_related("reporter").order_by("created_at"))
    item.action_list = list(item.actions.order_by("-created_at", "-pk"))
    item.revision_list = list(PostRevision.objects.filter(post=item.post_id).select_related("replaced_by"))
    item.appeal_row = getattr(item, "appeal", None) if item.kind == QueueItem.Kind.APPEAL else None
    return item


def audit_page(*, action="", member_id=None, moderator_id=None, page=1):
    from django.core.paginator import Paginator

    rows = ModerationAction.objects.select_related("item", "post", "thread").order_by("-created_at", "-pk")
    if action:
        rows = rows.filter(action=action)
    if member_id:
        rows = rows.filter(member_id=member_id)
    if moderator_id:
        rows = rows.filter(moderator_id=moderator_id)
    return Paginator(rows, AUDIT_PAGE_SIZE).get_page(page)


def member_history(member):
    posts = list(Post.objects.filter(author=member).select_related("thread").order_by("-created_at")[:50])
    return {
        "posts": posts,
        "post_count": Post.objects.filter(author=member).count(),
        "reports_made": list(
            Flag.objects.filter(reporter=member).select_related("post__thread").order_by("-created_at")[:50]
        ),
        "reports_received": list(
            Flag.objects.filter(post_author=member)
            .select_related("post__thread", "reporter")
            .order_by("-created_at")[:50]
        ),
        "actions": list(ModerationAction.objects.filter(member=member).order_by("-created_at")[:50]),
        "notes": list(MemberNote.objects.filter(member=member).select_related("author")),
    }


def on_alert_list(moderator):
    return ModeratorAlertSubscription.objects.filter(moderator=moderator).exists()


def _median_minutes(since, now, *, priority=None):
    items = QueueItem.objects.filter(first_action_at__isnull=False, opened_at__gte=since, opened_at__lte=now)
    if priority is not None:
        items = items.filter(priority=priority)
    waits = [
        (acted - opened).total_seconds() / 60
        for opened, acted in items.values_list("opened_at", "first_action_at")
    ]
    return statistics.median(waits) if waits else None


def held_post_message(now=None):
    """What the author of a held post is told, with a rough review time from the last week."""
    minutes = cache.get(REVIEW_TIME_CACHE_KEY)
    if minutes is None:
        now = now or timezone.now()
        minutes = _median_minutes(now - timedelta(days=7), now, priority=Priority.HELD) or -1
        cache.set(REVIEW_TIME_CACHE_KEY, minutes, 600)
    if minutes < 0 or minutes > 24 * 60:
        wait = "usually within a day"
    elif minutes < 60:
        wait = "usually within an hour"
    else:
        wait = f"usually within about {round(minutes / 60)} hours"
    return (
        "Thank you for writing. A moderator reads new members' first posts before others see them, "
        f"{wait}. You can see your post already, and we will tell you when it is published. "
        "If you need someone to talk to now, the lines below are there day and night."
    )


def _minutes_words(minutes):
    if minutes is None:
        return "no actions yet"
    if minutes < 1:
        return "under a minute"
    if minutes < 90:
        return f"{round(minutes)} minute{'s' if round(minutes) != 1 else ''}"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} hours"
    return f"{minutes / (24 * 60):.1f} days"


@dataclass
class DayBar:
    day: object
    count: int
    x: int
    height: int
    y: int


def dashboard(now=None):
    now = now or timezone.now()
    counts = priority_counts()
    oldest_at_risk = QueueItem.objects.filter(
        status=QueueItem.Status.OPEN, priority=Priority.AT_RISK
    ).aggregate(oldest=Min("opened_at"))["oldest"]
    start = (now - timedelta(days=29)).date()
    per_day = dict(
        Flag.objects.filter(created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    days = [start + timedelta(days=offset) for offset in range(30)]
    peak = max([per_day.get(day, 0) for day in days] + [1])
    chart_height, bar_width = 80, 10
    bars = []
    for index, day in enumerate(days):
        count = per_day.get(day, 0)
        height = round(chart_height * count / peak)
        bars.append(DayBar(day, count, index * (bar_width + 2), height, chart_height - height))
    return {
        "counts": counts,
        "oldest_at_risk_age": _minutes_words((now - oldest_at_risk).total_seconds() / 60)
        if oldest_at_risk
        else "",
        "median_first_action_7": _minutes_words(_median_minutes(now - timedelta(days=7), now)),
        "median_first_action_30": _minutes_words(_median_minutes(now - timedelta(days=30), now)),
        "reports_30": sum(per_day.get(day, 0) for day in days),
        "bars": bars,
        "chart_width": 30 * (bar_width + 2),
        "chart_height": chart_height,
        "bar_width": bar_width,
        "peak": peak,
    }
