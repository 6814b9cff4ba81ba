"""Digest scenarios (issue 6, "Speed and memory"): a day's digests, built and handed to the mail backend.

Readers are written straight into the tables. Each has a daily digest due at the
same moment (in one of four time zones, at that zone's hour), follows five of 300
busy stories (eight replies each in the last day, a few with an open at-risk
report), one of two categories with new stories, and has a post of their own that
two members supported in the last day; 1% of them blocked a writer. Five articles
went live that day. So every digest has something in it.

A run is what beat and the workers do: record the digests (digests_schedule) and
send every chunk (deliveries_send), through a mail backend that builds each
message's bytes (as SMTP would) and drops them. Between runs the delivery rows
are deleted and the next digest set back, so each run sends them all again.
"""

import random
import zoneinfo
from collections import deque
from contextlib import ExitStack, contextmanager
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Block
from endings.articles.models import Article
from endings.benchmark.registry import Case, Scenario, Target, register
from endings.digests import services
from endings.digests.models import Delivery, EmailPreferences
from forum import tree
from forum.models import Category, CategoryFollow, Post, Priority, QueueItem, Reaction, Thread, ThreadFollow

WRITERS = 200
STORIES = 300
REPLIES_PER_STORY = 8
NEW_STORIES = 60
FOLLOWS_PER_READER = 5
AT_RISK_REPLIES = 10
ZONES = ["UTC", "Europe/London", "America/New_York", "Australia/Sydney"]
COUNTRIES = ["GB", "US", "IE", "AU", ""]
EMAIL_DOMAIN = "@digest.bench.example"
BATCH = 5_000


class RenderingBackend(BaseEmailBackend):
    """Builds each message's bytes, as the SMTP backend would before sending, then drops them."""

    def send_messages(self, email_messages):
        for message in email_messages:
            message.message().as_bytes()
        return len(email_messages)


MAILERS = {
    alias: {"BACKEND": f"{RenderingBackend.__module__}.RenderingBackend"} for alias in ("default", "digests")
}


class DigestData:
    def __init__(self, log, *, seed=2028):
        self.log = log
        self.rng = random.Random(seed)
        # A moment in the past, so nothing waits for the clock.
        self.due = (timezone.now() - timedelta(hours=1)).replace(minute=15, second=0, microsecond=0)
        self.send_time = self.due.replace(minute=0)
        self.window_start = self.send_time - timedelta(days=1)
        self.readers = 0
        self.password = make_password(None)
        self.next_post = (Post.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        with transaction.atomic():
            self.writers = self._members("writer", WRITERS)
            self.categories = [Category.objects.get(slug=s) for s in ("retired-or-moved", "illness-or-death")]
            self.stories = self._stories()
            self._new_stories()
            self._articles()
        self._reset_sequences()

    def _at(self):
        """A moment inside the digests' window."""
        return self.window_start + timedelta(seconds=self.rng.uniform(60, 23 * 3600))

    def _members(self, kind, count, start=0, **fields):
        User = get_user_model()
        User.objects.bulk_create(
            [
                User(
                    email=f"{kind}{start + n}{EMAIL_DOMAIN}",
                    display_name=f"Digest {kind} {start + n}",
                    password=self.password,
                    date_joined=self.window_start - timedelta(days=400),
                    **{name: value(n) for name, value in fields.items()},
                )
                for n in range(count)
            ],
            batch_size=1_000,
        )
        emails = [f"{kind}{start + n}{EMAIL_DOMAIN}" for n in range(count)]
        return list(User.objects.filter(email__in=emails).order_by("pk").values_list("pk", flat=True))

    def _thread(self, category, title, created_at, author):
        thread = Thread.objects.create(
            category=category,
            title=title,
            slug="story",
            author_id=author,
            created_at=created_at,
            last_activity_at=created_at,
        )
        opening = Post(
            pk=self._post_id(),
            thread=thread,
            path="",
            depth=0,
            author_id=author,
            author_name="Digest writer",
            body="My therapist retired and I never got to say goodbye.",
            body_html="<p>My therapist retired and I never got to say goodbye.</p>",
            search_title=title,
            created_at=created_at,
        )
        return thread, opening

    def _post_id(self):
        self.next_post += 1
        return self.next_post - 1

    def _reply(self, thread_id, opening_id, seq, author, created_at):
        return Post(
            pk=self._post_id(),
            thread_id=thread_id,
            parent_id=opening_id,
            path=tree.child_path("", seq),
            depth=1,
            author_id=author,
            author_name="Digest writer",
            body="I hear you. Mine left in the spring.",
            body_html="<p>I hear you. Mine left in the spring.</p>",
            created_at=created_at,
        )

    def _stories(self):
        category = Category.objects.get(slug="ended-abruptly")
        stories, posts, replies_at_risk = [], [], []
        for n in range(STORIES):
            thread, opening = self._thread(
                category,
                f"Digest story {n}",
                self.window_start - timedelta(days=3),
                self.rng.choice(self.writers),
            )
            posts.append(opening)
            for seq in range(1, REPLIES_PER_STORY + 1):
                posts.append(
                    self._reply(thread.pk, opening.pk, seq, self.rng.choice(self.writers), self._at())
                )
            stories.append([thread.pk, opening.pk, REPLIES_PER_STORY])
        Post.objects.bulk_create(posts, batch_size=2_000)
        replies = [post for post in posts if post.depth == 1]
        for post in self.rng.sample(replies, AT_RISK_REPLIES):
            replies_at_risk.append(
                QueueItem(post_id=post.pk, category=category, priority=Priority.AT_RISK, opened_at=self._at())
            )
        QueueItem.objects.bulk_create(replies_at_risk)
        self.log(f"  {STORIES} followed stories with {len(replies):,} replies in the last day")
        return stories

    def _new_stories(self):
        posts = []
        for n in range(NEW_STORIES):
            _, opening = self._thread(
                self.categories[n % 2], f"New digest story {n}", self._at(), self.rng.choice(self.writers)
            )
            posts.append(opening)
        Post.objects.bulk_create(posts)

    def _articles(self):
        for n in range(5):
            Article.objects.create(
                title=f"Digest article {n}",
                slug=f"digest-article-{n}",
                standfirst="When the room you trusted closes.",
                state=Article.State.PUBLISHED,
                published_at=self._at(),
            )

    def _reset_sequences(self):
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Post]):
                cursor.execute(sql)

    def add_readers(self, count):
        """More readers, up to `count` in all, each with a digest full of news."""
        added = count - self.readers
        if added <= 0:
            return
        rng = self.rng
        zones = [ZONES[n % len(ZONES)] for n in range(added)]
        with transaction.atomic():
            readers = self._members(
                "reader",
                added,
                start=self.readers,
                time_zone=lambda n: zones[n],
                country=lambda n: COUNTRIES[n % len(COUNTRIES)],
            )
            preferences, thread_follows, category_follows, posts, reactions, blocks = [], [], [], [], [], []
            for n, reader in enumerate(readers):
                zone = zoneinfo.ZoneInfo(zones[n])
                preferences.append(
                    EmailPreferences(
                        member_id=reader,
                        digest=EmailPreferences.Digest.DAILY,
                        digest_hour=self.send_time.astimezone(zone).hour,
                        discreet=n % 2 == 0,
                        digest_since=self.window_start - timedelta(days=30),
                        next_digest_at=self.send_time,
                        scheduled_time_zone=zones[n],
                    )
                )
                followed = rng.sample(self.stories, FOLLOWS_PER_READER)
                thread_follows += [ThreadFollow(member_id=reader, thread_id=story[0]) for story in followed]
                category_follows.append(CategoryFollow(member_id=reader, category=self.categories[n % 2]))
                # Their own reply, older than the window, supported twice in it.
                story = followed[0]
                story[2] += 1
                mine = self._reply(
                    story[0], story[1], story[2], reader, self.window_start - timedelta(days=2)
                )
                posts.append(mine)
                for supporter in rng.sample(self.writers, 2):
                    reactions.append(
                        Reaction(post_id=mine.pk, member_id=supporter, kind="support", created_at=self._at())
                    )
                if rng.random() < 0.01:
                    blocks.append(Block(blocker_id=reader, blocked_id=rng.choice(self.writers)))
            EmailPreferences.objects.bulk_create(preferences, batch_size=BATCH)
            ThreadFollow.objects.bulk_create(thread_follows, batch_size=BATCH)
            CategoryFollow.objects.bulk_create(category_follows, batch_size=BATCH)
            Post.objects.bulk_create(posts, batch_size=2_000)
            Reaction.objects.bulk_create(reactions, batch_size=BATCH)
            Block.objects.bulk_create(blocks, ignore_conflicts=True)
        self._reset_sequences()
        self.readers = count
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in (
                    "forum_post",
                    "forum_threadfollow",
                    "forum_categoryfollow",
                    "forum_reaction",
                    "accounts_user",
                    "digests_emailpreferences",
                ):
                    cursor.execute(f"VACUUM ANALYZE {table}")
        self.log(f"  {count:,} readers with a daily digest due")

    def reset(self):
        """As before the digests were recorded: no delivery rows, the digest due again."""
        Delivery.objects.all().delete()
        EmailPreferences.objects.update(next_digest_at=self.send_time)


def _data(context):
    return context.once("digests: writers, stories and articles", lambda: DigestData(context.log))


@contextmanager
def _long_query_log(size=100_000):
    """Room to capture every query of a whole run (Django keeps the last 9,000)."""
    saved = connection.queries_log
    connection.queries_log = deque(saved, maxlen=size)
    try:
        yield
    finally:
        connection.queries_log = saved


def _all_digests_case(context, readers):
    data = _data(context)
    data.add_readers(readers)
    stack = ExitStack()
    stack.enter_context(override_settings(MAILERS=MAILERS))
    stack.enter_context(_long_query_log())

    def run(n):
        data.reset()
        return services.digests_send_now(now=data.due)

    def describe(captures):
        queries, counts = captures[-1]
        sent = counts.get("sent", 0)
        # The reset's two queries are the benchmark's own.
        per_digest = (len(queries) - 2) / max(1, sent)
        case.facts.update(sent=sent, queries_per_digest=per_digest)
        return f"{sent:,} sent; {per_digest:.2f} queries per digest (reset excluded)"

    case = Case(run=run, describe=describe, close=stack.close, heavy=True)
    return case


def _chunk_case(context, readers):
    data = _data(context)
    data.add_readers(readers)
    stack = ExitStack()
    stack.enter_context(override_settings(MAILERS=MAILERS))
    data.reset()
    services.digests_schedule(now=data.due, dispatch=False)
    ids = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))
    chunks = [ids[start : start + services.SEND_CHUNK] for start in range(0, len(ids), services.SEND_CHUNK)]

    def run(n):
        chunk = chunks[n % len(chunks)]
        Delivery.objects.filter(pk__in=chunk).update(status=Delivery.Status.PENDING, claim_token="")
        return services.deliveries_send(delivery_ids=chunk, now=data.due)

    def describe(captures):
        _, counts = captures[-1]
        return f"{counts.get('sent', 0)} sent; 1 query of each run is the benchmark's reset"

    return Case(run=run, describe=describe, close=stack.close)


def _per_digest_at_most(limit):
    def check(result, results):
        value = result.facts.get("queries_per_digest")
        return None if value is None else value <= limit

    return check


def _memory_flat(result, results):
    small = results.get("digests-small")
    return None if small is None else result.peak_kib <= 1.5 * small.peak_kib


@register
def digest_scenarios(profile):
    small, large = profile.digest_readers
    return [
        Scenario(
            "digests-small",
            f"daily digests, all {small:,} members",
            lambda c: _all_digests_case(c, small),
            [Target("≤ 6 queries per digest", _per_digest_at_most(6))],
        ),
        Scenario(
            "digests-large",
            f"daily digests, all {large:,} members",
            lambda c: _all_digests_case(c, large),
            [
                Target("≤ 6 queries per digest", _per_digest_at_most(6)),
                Target("under 2 minutes", lambda r, rs: r.median_ms < 120_000),
                Target(f"memory flat: max ≤ 1.5 × the {small:,}-member run", _memory_flat),
            ],
        ),
        Scenario(
            "digest-chunk",
            f"one chunk of {services.SEND_CHUNK} digests, {large:,} members",
            lambda c: _chunk_case(c, large),
        ),
    ]
