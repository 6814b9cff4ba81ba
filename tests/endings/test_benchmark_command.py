"""`manage.py benchmark` runs end to end on small data, and builds the rows the services would build."""

import random
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from endings.benchmark.forum import ForumData, tree_parents
from forum import services, tree
from forum.models import Category, Post, Thread, ThreadFollow

SCENARIO_TITLES = [
    "thread page 1, 100 posts",
    "thread page 1, 300 posts",
    "thread page 1, 1,000 posts",
    "thread middle page, 1,000 posts",
    "category list, 1,000 threads",
    "search, 5,000 posts",
    "reply (POST), in the 300-post thread",
]


# The command makes and drops a database of its own beside the test database
# ("test_<name>_benchmark"), exactly as it does beside the real one when run by
# hand, so the test covers the code path people use. Switching the connection to
# another database cannot happen inside the transaction a plain `db` test runs
# in, hence transaction=True here (the test database is flushed afterwards).
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_quick_run_prints_every_scenario_with_equal_thread_page_queries():
    test_database = connection.settings_dict["NAME"]
    out = StringIO()

    call_command("benchmark", "--quick", "--repeat", "2", stdout=out)

    output = out.getvalue()
    for title in SCENARIO_TITLES:
        assert title in output
    queries = [int(n) for n in re.findall(r"^thread page 1, [\d,]+ posts\s+(\d+)\s", output, re.MULTILINE)]
    assert len(queries) == 3
    assert len(set(queries)) == 1, output
    assert re.search(r"^Targets: \d+ met, \d+ missed\.$", output, re.MULTILINE)
    # Back on the test database, which the benchmark's data never reached.
    assert connection.settings_dict["NAME"] == test_database
    assert not Post.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_only_runs_the_matching_scenarios():
    out = StringIO()

    call_command("benchmark", "--quick", "--repeat", "1", "--only", "page 1, 100 posts", stdout=out)

    output = out.getvalue()
    assert "thread page 1, 100 posts" in output
    for title in SCENARIO_TITLES[1:]:
        assert title not in output


@pytest.fixture
def category(db):
    return Category.objects.create(name="Benchmark test", slug="benchmark-test", description="For tests.")


def test_built_threads_have_the_counters_and_follows_the_services_would_give(category):
    data = ForumData(lambda message: None, members=20, bodies=10)
    thread_ids = data.add_threads(category, [1, 2, 150])

    for thread in Thread.objects.filter(pk__in=thread_ids):
        posts = {post.pk: post for post in Post.objects.filter(thread=thread)}
        for post in posts.values():
            if post.depth == 0:
                assert post.parent_id is None and post.path == "" and post.search_title == thread.title
            else:
                parent = posts[post.parent_id]
                assert post.depth == parent.depth + 1
                assert post.path == tree.child_path(parent.path, int(post.path[-tree.SEGMENT :], 36))
                assert post.created_at >= parent.created_at
        counters = {pk: (p.reply_count, p.child_seq) for pk, p in posts.items()}
        summary = (thread.reply_count, thread.last_activity_at)

        services.thread_counters_resync(thread=thread)

        thread.refresh_from_db()
        assert (thread.reply_count, thread.last_activity_at) == summary
        assert {
            pk: (reply_count, child_seq)
            for pk, reply_count, child_seq in Post.objects.filter(thread=thread).values_list(
                "pk", "reply_count", "child_seq"
            )
        } == counters
        writers = {post.author_id for post in posts.values()}
        assert set(ThreadFollow.objects.filter(thread=thread).values_list("member_id", flat=True)) == writers

    category.refresh_from_db()
    assert category.thread_count == 3


def test_a_reply_after_building_gets_the_next_free_ids_and_sibling_number(category, member):
    data = ForumData(lambda message: None, members=5, bodies=3)
    [thread_id] = data.add_threads(category, [40])
    opening = Post.objects.get(thread_id=thread_id, depth=0)

    reply = services.reply_create(author=member, parent=opening, body="Thank you for writing this.")

    assert reply.pk > max(Post.objects.exclude(pk=reply.pk).values_list("pk", flat=True))
    assert reply.path == tree.segment(opening.reply_count + 1)


def test_tree_shape_is_broad_at_the_top_with_a_few_deep_branches():
    parents = tree_parents(10_000, random.Random(1))
    depth = [0]
    for parent in parents[1:]:
        depth.append(depth[parent] + 1)
    top_level = sum(1 for d in depth if d == 1)

    assert 2_000 < top_level < 3_200
    assert 10 < max(depth) < tree.MAX_DEPTH
    assert sum(1 for d in depth if d > 5) < 2_500
