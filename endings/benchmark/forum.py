"""Forum scenarios (issue 3, "Speed and memory") and the data they need.

Data is written straight into the tables with bulk_create: threads and posts
with explicit ids (so a reply can name its parent before either is saved),
materialized paths, depths and counters exactly as forum.services would leave
them (tests/endings/test_benchmark_command.py checks this against
thread_counters_resync). Building through the services would take hours.
"""

import logging
import math
import random
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from urllib.parse import urlencode

from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F, Max
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from endings.benchmark.registry import Case, Scenario, Target, register
from endings.benchmark.text import SEARCH_QUERIES, TextGenerator
from forum import limits, search_throttle, tree
from forum.markup import render_markdown
from forum.models import Category, Post, Thread, ThreadFollow

MEMBERS = 1_000
BODY_POOL = 2_000
BATCH = 5_000
TOP_LEVEL_SHARE = 0.25  # a new reply answers the opening post this often
RECENT_SHARE = 0.6  # of the other replies, this many answer one of the last few
ANONYMOUS_SHARE = 0.08
EARLIER_REPLIES = 5  # written by the signed-in member before the run

# How templates/forum/_post.html opens a post, to count the posts on a page.
POST_MARKUP = b'<article class="post'

THREAD_CATEGORY = "ended-abruptly"
LISTING_CATEGORY = "retired-or-moved"


# --- Data ---------------------------------------------------------------------


def tree_parents(replies, rng):
    """Parent index of each post of a thread (index 0, the opening post, has None).

    A quarter of replies answer the story itself; the rest answer an earlier
    reply, usually one of the last few (a conversation going on), otherwise
    any. So there are about N/4 top-level replies, mostly small branches and a
    few long, deep conversations.
    """
    parents = [None]
    for i in range(1, replies + 1):
        if i == 1 or rng.random() < TOP_LEVEL_SHARE:
            parents.append(0)
        elif rng.random() < RECENT_SHARE:
            parents.append(max(1, i - 1 - int(rng.expovariate(1 / 4))))
        else:
            parents.append(rng.randint(1, i - 1))
    return parents


class ForumData:
    """Writes threads into the current (scratch) database. Shared by every forum scenario."""

    def __init__(self, log, *, members=MEMBERS, bodies=BODY_POOL, seed=2026):
        self.log = log
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.members = self._members(members)
        self.bodies = self._bodies(bodies)
        self.titles = TextGenerator(seed + 1)

    def _members(self, count):
        User = get_user_model()
        password = make_password(None)  # unusable; these members never sign in
        joined = self.now - timedelta(days=4 * 365)
        start = User.objects.count()
        User.objects.bulk_create(
            [
                User(
                    email=f"author{start + n}@bench.example",
                    display_name=f"Bench member {start + n}",
                    password=password,
                    date_joined=joined,
                )
                for n in range(count)
            ],
            batch_size=1_000,
        )
        rows = list(User.objects.filter(email__endswith="@bench.example").values_list("pk", "display_name"))
        self.log(f"  {len(rows):,} members")
        return rows

    def _bodies(self, count):
        # Rendering is the slow part of posting; a pool rendered once stands in for all posts.
        text = TextGenerator(7)
        pool = []
        for _ in range(count):
            body = text.body()
            pool.append((body, render_markdown(body)))
        self.log(f"  {len(pool):,} distinct bodies")
        return pool

    def add_threads(self, category, sizes, *, span_days=3 * 365, reply_gap_hours=6.0):
        """Threads of the given sizes (posts, opening post included) in `category`.

        Returns their ids, in the order of `sizes`.
        """
        rng = self.rng
        thread_id = (Thread.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        post_id = (Post.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        latest = self.now - timedelta(minutes=5)
        threads, posts, follows, ids, written = [], [], [], [], 0

        def flush():
            nonlocal written
            Thread.objects.bulk_create(threads, batch_size=1_000)
            Post.objects.bulk_create(posts, batch_size=1_000)
            ThreadFollow.objects.bulk_create(follows, batch_size=2_000)
            written += len(posts)
            if len(posts) >= BATCH:
                self.log(f"    {written:,} posts written")
            threads.clear()
            posts.clear()
            follows.clear()

        with transaction.atomic():
            for size in sizes:
                replies = max(0, size - 1)
                parents = tree_parents(replies, rng)
                # A few members carry most of a thread; more of them in a longer one.
                people = rng.sample(self.members, min(len(self.members), 3 * int(math.sqrt(size)) + 1))
                weights = [1 / (rank + 1) for rank in range(len(people))]
                writers = [people[0], *rng.choices(people, weights, k=replies)]
                # Long threads start long enough ago that their replies end before now.
                started = self.now - timedelta(
                    days=rng.uniform(1, span_days), hours=1.2 * replies * reply_gap_hours
                )
                times = [started]
                for _ in range(replies):
                    times.append(
                        min(times[-1] + timedelta(hours=rng.expovariate(1 / reply_gap_hours)), latest)
                    )
                title = self.titles.title()
                first = post_id
                paths, depths, children = [""], [0], [0] * (replies + 1)
                for i in range(1, replies + 1):
                    parent = parents[i]
                    if depths[parent] + 1 > tree.MAX_DEPTH:  # as reply_create refuses it
                        parent = parents[i] = 0
                    children[parent] += 1
                    paths.append(tree.child_path(paths[parent], children[parent]))
                    depths.append(depths[parent] + 1)
                anonymous = [rng.random() < ANONYMOUS_SHARE for _ in range(replies + 1)]
                for i in range(replies + 1):
                    author_id, name = writers[i]
                    body, body_html = rng.choice(self.bodies)
                    posts.append(
                        Post(
                            pk=first + i,
                            thread_id=thread_id,
                            parent_id=None if i == 0 else first + parents[i],
                            path=paths[i],
                            depth=depths[i],
                            author_id=author_id,
                            author_name=name,
                            is_anonymous=anonymous[i],
                            body=body,
                            body_html=body_html,
                            search_title=title if i == 0 else "",
                            created_at=times[i],
                            reply_count=children[i],
                            child_seq=children[i],
                        )
                    )
                threads.append(
                    Thread(
                        pk=thread_id,
                        category=category,
                        title=title,
                        slug=slugify(title)[:60].strip("-") or "story",
                        ending=rng.choice(["", *Thread.Ending.values]),
                        content_note="death" if rng.random() < 0.05 else "",
                        author_id=writers[0][0],
                        is_anonymous=anonymous[0],
                        created_at=started,
                        last_activity_at=times[-1],
                        reply_count=replies,
                    )
                )
                # Everyone who writes in a thread follows it (forum.services.thread_follow_auto).
                first_post_at = {}
                for (author_id, _), at in zip(writers, times, strict=True):
                    first_post_at.setdefault(author_id, at)
                follows += [
                    ThreadFollow(member_id=member_id, thread_id=thread_id, created_at=at)
                    for member_id, at in first_post_at.items()
                ]
                ids.append(thread_id)
                thread_id += 1
                post_id += replies + 1
                if len(posts) >= BATCH:
                    flush()
            if posts or threads:
                flush()
            Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + len(sizes))
        # Explicit ids leave PostgreSQL's sequences behind; point them past the new rows.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Thread, Post]):
                cursor.execute(sql)
        return ids

    def analyze(self):
        """Fresh planner statistics and a tidy GIN index, as autovacuum would leave a live site."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in ("forum_post", "forum_thread", "forum_threadfollow", "accounts_user"):
                    cursor.execute(f"VACUUM ANALYZE {table}")
            else:
                cursor.execute("ANALYZE")


def _data(context):
    # Fewer members and bodies for smaller runs: they are most of a quick run's building time.
    posts = context.profile.search_posts
    return context.once(
        "forum: members and bodies",
        lambda: ForumData(context.log, members=min(MEMBERS, posts // 20), bodies=min(BODY_POOL, posts // 10)),
    )


def _thread(context, size):
    def build():
        data = _data(context)
        [thread_id] = data.add_threads(Category.objects.get(slug=THREAD_CATEGORY), [size])
        data.analyze()
        return Thread.objects.get(pk=thread_id)

    return context.once(f"forum: thread of {size:,} posts", build)


def _listing(context):
    """`listing_threads` threads in one category, with replies making up 60% of the search corpus."""

    def build():
        data = _data(context)
        profile = context.profile
        rng = random.Random(11)
        count = profile.listing_threads
        budget = max(0, int(0.6 * profile.search_posts) - count)
        # About one story in seven is still waiting for its first reply.
        answered = [i for i in range(count) if rng.random() >= 0.15]
        replies = [0] * count
        for _ in range(budget):
            replies[rng.choice(answered)] += 1
        data.add_threads(
            Category.objects.get(slug=LISTING_CATEGORY), [1 + r for r in replies], reply_gap_hours=12
        )
        data.analyze()
        return Category.objects.get(slug=LISTING_CATEGORY)

    return context.once(f"forum: {context.profile.listing_threads:,} threads in one category", build)


def _search_corpus(context):
    """Top the forum up to `search_posts` posts, spread over every category, public and members-only."""

    def build():
        data = _data(context)
        target = context.profile.search_posts
        rng = random.Random(13)
        categories = list(Category.objects.order_by("pk"))
        missing = target - Post.objects.count()
        sizes = {category.pk: [] for category in categories}
        turn = 0
        while missing > 0:
            size = min(missing, 1 + int(rng.expovariate(1 / 25)))
            sizes[categories[turn % len(categories)].pk].append(size)
            missing -= size
            turn += 1
        for category in categories:
            if sizes[category.pk]:
                data.add_threads(category, sizes[category.pk])
        data.analyze()
        return Post.objects.count()

    return context.once(f"forum: {context.profile.search_posts:,} posts for search", build)


# --- Requests ---------------------------------------------------------------------


def _member(context):
    def build():
        from accounts.services import member_create_verified

        member = member_create_verified(
            email="benchmark@example.org", display_name="Benchmark reader", password=None
        )
        # A member of long standing, as most readers of a long thread are: joined long
        # ago, with replies of their own (so their replies are not held as a newcomer's).
        get_user_model().objects.filter(pk=member.pk).update(date_joined=timezone.now() - timedelta(days=900))
        earlier = (
            Post.objects.filter(depth__gt=0).order_by("pk").values_list("pk", flat=True)[:EARLIER_REPLIES]
        )
        Post.objects.filter(pk__in=list(earlier)).update(author=member, author_name=member.display_name)
        member.refresh_from_db()
        return member

    return context.once("forum: the signed-in member", build)


def _client(context):
    def build():
        # "localhost" is always an allowed host, whatever DEBUG is.
        client = Client(HTTP_HOST="localhost")
        client.force_login(_member(context))
        return client

    return context.once("forum: signed-in client", build)


_SECURE = settings.HTTPS and getattr(settings, "SECURE_SSL_REDIRECT", False)


def _get(client, url, status=200):
    response = client.get(url, secure=_SECURE)
    if response.status_code != status:
        raise RuntimeError(f"GET {url} answered {response.status_code}, not {status}.")
    return response


def _posts_shown(captures):
    # How much the page shows: pages of small and large threads differ in this, not only in speed.
    shown = {response.content.count(POST_MARKUP) for _, response in captures}
    return " or ".join(f"{n:,}" for n in sorted(shown)) + " posts shown"


def _span(values):
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}–{high}"


def _thread_page_case(context, size, *, middle=False):
    thread = _thread(context, size)
    client = _client(context)
    url = thread.get_absolute_url()
    if middle:
        top_level = Post.objects.get(thread=thread, depth=0).reply_count
        from forum.selectors.threads import PER_PAGE

        pages = max(1, -(-top_level // PER_PAGE))
        url += f"?page={max(1, pages // 2)}"
    return Case(run=lambda n: _get(client, url), describe=_posts_shown)


def _listing_case(context):
    category = _listing(context)
    client = _client(context)
    url = reverse("forum:category", args=[category.slug])
    return Case(run=lambda n: _get(client, url))


def _search_case(context):
    _search_corpus(context)
    client = _client(context)
    urls = [reverse("forum:search") + "?" + urlencode({"q": q}) for q in SEARCH_QUERIES]

    def run(n):
        # Searching many times a minute trips the search limit (forum/search_throttle.py, with
        # its own tests); the benchmark measures the search, so the limit is lifted per run.
        saved = search_throttle.SEARCHES_PER_MINUTE
        search_throttle.SEARCHES_PER_MINUTE = 10**9
        try:
            return _get(client, urls[n % len(urls)])
        finally:
            search_throttle.SEARCHES_PER_MINUTE = saved

    return Case(run=run)


# Replying many times a minute would trip the posting throttle, which has its own
# tests; the benchmark measures the work of a reply, so the limits are lifted while
# this case runs and put back when it ends.
_UNTHROTTLED = limits.PostingLimit(per_burst=10**9, per_day=10**9)


@contextmanager
def _unthrottled():
    saved = limits.limit_for
    limits.limit_for = lambda member, now: _UNTHROTTLED
    try:
        yield
    finally:
        limits.limit_for = saved


@contextmanager
def _eager_celery():
    # As on the embedded default (no broker): the notification task runs in-process
    # when the reply's transaction commits, inside the measured request.
    from endings.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    # Celery logs every finished task at INFO; dozens of lines would bury the progress.
    trace_log = logging.getLogger("celery.app.trace")
    saved_level = trace_log.level
    trace_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = saved
        trace_log.setLevel(saved_level)


def _reply_case(context):
    thread = _thread(context, context.profile.thread_sizes[1])
    client = _client(context)
    rng = random.Random(17)
    parent_ids = list(Post.objects.filter(thread=thread).values_list("pk", flat=True))
    rng.shuffle(parent_ids)
    bodies = _data(context).bodies

    # Which of the counted queries the notification task ran (a worker's job on a site
    # with a broker): positions in the query log when the eager task starts and ends.
    marks = []

    def task_started(**kwargs):
        marks.append(len(connection.queries_log))

    def task_ended(**kwargs):
        marks.append(len(connection.queries_log))

    undo = ExitStack()
    task_prerun.connect(task_started, weak=False)
    undo.callback(task_prerun.disconnect, task_started)
    task_postrun.connect(task_ended, weak=False)
    undo.callback(task_postrun.disconnect, task_ended)
    undo.enter_context(_unthrottled())
    undo.enter_context(_eager_celery())

    def run(n):
        marks.clear()
        parent_id = parent_ids[n % len(parent_ids)]
        body = bodies[n % len(bodies)][0] + f"\n\n(Benchmark reply {n}.)"
        response = client.post(reverse("forum:reply", args=[parent_id]), {"body": body}, secure=_SECURE)
        if response.status_code != 302:
            raise RuntimeError(f"Replying answered {response.status_code}, not a redirect to the reply.")
        # Only meaningful while queries are captured (the log grows only then).
        return sum(end - start for start, end in zip(marks[::2], marks[1::2], strict=True))

    facts = {}

    def describe(captures):
        request = [len(queries) - task for queries, task in captures]
        task = [task for _, task in captures]
        facts.update(request=max(request), task=max(task))
        return f"{_span(request)} in the request + {_span(task)} in the notification task"

    return Case(run=run, describe=describe, close=undo.close, facts=facts)


# --- Targets -----------------------------------------------------------------------

THREAD_KEYS = ("thread-small", "thread-medium", "thread-large")
MAX_THREAD_QUERIES = 12


def _same_queries(result, results):
    measured = [results[key] for key in THREAD_KEYS if key in results]
    counts = {(r.queries_min, r.queries) for r in measured}
    return None if len(measured) < 2 else len(counts) == 1


def _within_small(result, results):
    small = results.get("thread-small")
    return None if small is None else result.median_ms <= 1.5 * small.median_ms


def _memory_flat(result, results):
    peaks = [results[key].peak_kib for key in THREAD_KEYS if key in results]
    return None if len(peaks) < 2 else max(peaks) <= 1.5 * min(peaks)


def _request_queries_under(limit):
    def check(result, results):
        return result.facts.get("request", result.queries) < limit

    return check


@register
def forum_scenarios(profile):
    small, medium, large = profile.thread_sizes
    at_most_12 = Target(f"≤ {MAX_THREAD_QUERIES} queries", lambda r, rs: r.queries <= MAX_THREAD_QUERIES)
    same = Target("same queries at every size", _same_queries)
    return [
        Scenario(
            "thread-small",
            f"thread page 1, {small:,} posts",
            lambda c: _thread_page_case(c, small),
            [at_most_12],
        ),
        Scenario(
            "thread-medium",
            f"thread page 1, {medium:,} posts",
            lambda c: _thread_page_case(c, medium),
            [at_most_12],
        ),
        Scenario(
            "thread-large",
            f"thread page 1, {large:,} posts",
            lambda c: _thread_page_case(c, large),
            [
                at_most_12,
                same,
                Target(f"median ≤ 1.5 × {small:,}-post page", _within_small),
                Target("median < 80 ms", lambda r, rs: r.median_ms < 80),
                Target("memory flat across sizes (max ≤ 1.5 × min)", _memory_flat),
            ],
        ),
        Scenario(
            "thread-large-middle",
            f"thread middle page, {large:,} posts",
            lambda c: _thread_page_case(c, large, middle=True),
            [at_most_12, Target("median < 80 ms", lambda r, rs: r.median_ms < 80)],
        ),
        Scenario(
            "category-list",
            f"category list, {profile.listing_threads:,} threads",
            _listing_case,
        ),
        Scenario(
            "search",
            f"search, {profile.search_posts:,} posts ({len(SEARCH_QUERIES)} queries cycled)",
            _search_case,
            [Target("p95 < 100 ms", lambda r, rs: r.p95_ms < 100)],
        ),
        Scenario(
            "reply",
            f"reply (POST), in the {medium:,}-post thread",
            _reply_case,
            [Target("request < 15 queries", _request_queries_under(15))],
        ),
    ]
