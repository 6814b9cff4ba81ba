"""Moderation scenarios (issue 4, "Speed"): the queue's first page and one action.

The queue is built straight into the tables: one review item per post of the
largest benchmark thread (10,000 in a full run), five reports each from
different members (50,000), a mix of priorities, and ten more items in a
category of their own, so the same page can be measured with 10 items.
"""

import random
from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import GROUP_NAMES, MODERATOR
from endings.benchmark import forum
from endings.benchmark.registry import Case, Scenario, Target, register
from forum.models import Category, Flag, Post, Priority, QueueItem, Reason

REPORTS_PER_ITEM = 5
SMALL_QUEUE = 10
SMALL_QUEUE_CATEGORY = "i-ended-it"
MEMBER_REASONS = [Reason.UNKIND, Reason.SPAM, Reason.IDENTIFIES, Reason.METHOD, Reason.OTHER]


def _queue(context):
    def build():
        large = context.profile.thread_sizes[-1]
        thread = forum._thread(context, large)
        data = forum._data(context)
        small_thread_ids = data.add_threads(Category.objects.get(slug=SMALL_QUEUE_CATEGORY), [SMALL_QUEUE])
        rng = random.Random(17)
        now = timezone.now()
        reporters = [pk for pk, _ in data.members]
        posts = list(Post.objects.filter(thread=thread).values_list("pk", "author_id", "thread__category_id"))
        posts += list(
            Post.objects.filter(thread_id__in=small_thread_ids).values_list(
                "pk", "author_id", "thread__category_id"
            )
        )
        items = []
        for n, (post_id, _, category_id) in enumerate(posts):
            roll = rng.random()
            priority = Priority.AT_RISK if roll < 0.02 else Priority.HELD if roll < 0.12 else Priority.OTHER
            items.append(
                QueueItem(
                    post_id=post_id,
                    category_id=category_id,
                    priority=priority,
                    opened_at=now - timedelta(minutes=len(posts) - n),
                    created_at=now - timedelta(minutes=len(posts) - n),
                    flag_count=REPORTS_PER_ITEM,
                )
            )
        QueueItem.objects.bulk_create(items, batch_size=5_000)
        item_ids = dict(QueueItem.objects.values_list("post_id", "pk"))
        flags = []
        for post_id, author_id, _ in posts:
            for reporter in rng.sample(reporters, REPORTS_PER_ITEM):
                priority_reason = rng.choice(MEMBER_REASONS)
                flags.append(
                    Flag(
                        item_id=item_ids[post_id],
                        post_id=post_id,
                        reporter_id=reporter,
                        post_author_id=author_id,
                        reason=priority_reason,
                        note="A benchmark report." if priority_reason == Reason.OTHER else "",
                    )
                )
            if len(flags) >= 10_000:
                Flag.objects.bulk_create(flags)
                flags = []
        Flag.objects.bulk_create(flags)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in ("forum_queueitem", "forum_flag"):
                    cursor.execute(f"VACUUM ANALYZE {table}")
        context.log(f"  {QueueItem.objects.count():,} queue items, {Flag.objects.count():,} reports")
        return Category.objects.get(slug=SMALL_QUEUE_CATEGORY)

    return context.once("moderation: the queue", build)


def _moderator_client(context):
    def build():
        from accounts.services import member_create_verified

        moderator = member_create_verified(
            email="moderator@bench.example", display_name="Benchmark moderator", password=None
        )
        moderator.groups.add(Group.objects.get(name=GROUP_NAMES[MODERATOR]))
        TOTP.activate(moderator, generate_totp_secret())
        get_user_model().objects.filter(pk=moderator.pk).update(
            date_joined=timezone.now() - timedelta(days=900)
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(moderator)
        return client

    return context.once("moderation: signed-in moderator", build)


def _queue_case(context, *, small=False):
    category = _queue(context)
    client = _moderator_client(context)
    url = reverse("moderation:queue") + (f"?category={category.pk}" if small else "")
    return Case(run=lambda n: forum._get(client, url))


def _act_case(context):
    _queue(context)
    client = _moderator_client(context)
    # Each run keeps a different open report (oldest first), as a moderator working down the queue.
    item_ids = list(
        QueueItem.objects.filter(status=QueueItem.Status.OPEN, priority=Priority.OTHER)
        .order_by("opened_at")
        .values_list("pk", flat=True)[:2_000]
    )

    def run(n):
        item_id = item_ids[n % len(item_ids)]
        version = QueueItem.objects.values_list("version", flat=True).get(pk=item_id)
        response = client.post(
            reverse("moderation:act", args=[item_id]),
            {"action": "keep", "version": version, "reason": "Within the guidelines."},
            secure=forum._SECURE,
        )
        if response.status_code != 302:
            raise RuntimeError(f"Acting on item {item_id} answered {response.status_code}.")
        return response

    # The version lookup above is the benchmark's own, not the request's.
    return Case(run=run, describe=lambda captures: "1 query of each run is the benchmark reading the version")


def _same_as_small(result, results):
    small = results.get("queue-small")
    return (
        None if small is None else (result.queries_min, result.queries) == (small.queries_min, small.queries)
    )


@register
def moderation_scenarios(profile):
    items = profile.thread_sizes[-1] + SMALL_QUEUE
    return [
        Scenario(
            "queue-small",
            f"moderation queue, {SMALL_QUEUE} items",
            lambda c: _queue_case(c, small=True),
            [Target("≤ 10 queries", lambda r, rs: r.queries <= 10)],
        ),
        Scenario(
            "queue-large",
            f"moderation queue, {items:,} items, {items * REPORTS_PER_ITEM:,} reports",
            _queue_case,
            [
                Target("≤ 10 queries", lambda r, rs: r.queries <= 10),
                Target("same queries as with 10 items", _same_as_small),
                Target("median < 60 ms", lambda r, rs: r.median_ms < 60),
            ],
        ),
        Scenario(
            "queue-act",
            "moderator action (POST keep)",
            _act_case,
            [Target("< 20 queries (request)", lambda r, rs: r.queries - 1 < 20)],
        ),
    ]
