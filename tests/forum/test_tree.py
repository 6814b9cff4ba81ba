"""The reply tree: materialized paths keep depth-first order in SQL, and counters stay true."""

from datetime import timedelta

import pytest

from forum import services, tree
from forum.models import Post, Thread
from tests.forum.conftest import ReplyClock, dfs_order, reply

pytestmark = pytest.mark.usefixtures("unthrottled")


class TestSegments:
    def test_segment_is_fixed_width_base_36(self):
        assert tree.segment(1) == "0001"
        assert tree.segment(10) == "000a"
        assert tree.segment(35) == "000z"
        assert tree.segment(36) == "0010"
        assert tree.segment(tree.MAX_SIBLINGS) == "zzzy"

    @pytest.mark.parametrize("number", [0, -1, tree.MAX_SIBLINGS + 1])
    def test_segment_out_of_range_is_refused(self, number):
        with pytest.raises(ValueError):
            tree.segment(number)

    def test_segments_sort_like_their_numbers(self):
        numbers = [1, 2, 9, 10, 35, 36, 37, 1295, 1296, 46655, 46656, tree.MAX_SIBLINGS]
        assert sorted(numbers, key=tree.segment) == numbers

    def test_child_path_appends_one_segment(self):
        assert tree.child_path("", 3) == "0003"
        assert tree.child_path("0003", 1) == "00030001"


class TestSuccessor:
    @pytest.mark.parametrize(
        ("path", "expected"),
        [("0001", "0002"), ("0009", "000a"), ("000z", "001"), ("0zzz", "1"), ("0003000z", "0003001")],
    )
    def test_successor(self, path, expected):
        assert tree.successor(path) == expected

    def test_successor_bounds_exactly_the_subtree(self):
        prefix = "0003000z"
        inside = [prefix, prefix + "0001", prefix + "zzzy", prefix + "00010001"]
        outside = ["0003", "0003000y", "00030010", "0004", "00030010" + "0001"]
        end = tree.successor(prefix)
        assert all(prefix <= path < end for path in inside)
        assert not any(prefix <= path < end for path in outside)

    def test_opening_post_has_no_successor(self):
        with pytest.raises(ValueError):
            tree.successor("")


def test_ancestor_paths_start_at_the_opening_post():
    assert tree.ancestor_paths("") == []
    assert tree.ancestor_paths("0001") == [""]
    assert tree.ancestor_paths("000100020003") == ["", "0001", "00010002"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_sql_path_order_is_depth_first_order(story, tree_builder, seed):
    posts = tree_builder(story, size=150, seed=seed)

    stored = list(Post.objects.filter(thread=story).order_by("path").values_list("pk", flat=True))

    assert stored == dfs_order(posts)
    assert len(stored) == 151


def test_depth_first_order_holds_past_36_siblings(story, author, repliers):
    # 37 replies to one post make the segment roll over from "000z" to "0010".
    opening = Post.objects.get(thread=story, depth=0)
    clock = ReplyClock()
    first = reply(opening, author, now=clock())
    posts = [opening, first]
    for n in range(40):
        posts.append(reply(first, repliers[n % 3], now=clock()))
    posts.append(reply(posts[-1], author, now=clock()))  # under the 40th sibling
    posts.append(reply(opening, repliers[0], now=clock()))

    stored = list(Post.objects.filter(thread=story).order_by("path").values_list("pk", flat=True))

    assert stored == dfs_order(posts)


def test_reply_depth_and_parent(story, repliers):
    opening = Post.objects.get(thread=story, depth=0)
    first = reply(opening, repliers[0])
    second = reply(first, repliers[1])
    assert (first.depth, first.parent_id, first.path) == (1, opening.pk, "0001")
    assert (second.depth, second.parent_id, second.path) == (2, first.pk, "00010001")


class TestCounters:
    def test_replies_update_parent_and_thread(self, story, repliers):
        opening = Post.objects.get(thread=story, depth=0)
        clock = ReplyClock(story.created_at)
        first = reply(opening, repliers[0], now=clock())
        reply(first, repliers[1], now=clock())
        last = reply(first, repliers[2], now=clock())

        story.refresh_from_db()
        opening.refresh_from_db()
        first.refresh_from_db()
        assert opening.reply_count == 1
        assert first.reply_count == 2
        assert story.reply_count == 3
        assert story.last_activity_at == last.created_at

    def test_sibling_numbers_are_not_reused(self, story, repliers):
        opening = Post.objects.get(thread=story, depth=0)
        first = reply(opening, repliers[0])
        services.post_delete_own(member=repliers[0], post=first)
        second = reply(opening, repliers[1])
        assert second.path == "0002"

    def test_resync_repairs_broken_counters(self, story, tree_builder):
        posts = tree_builder(story, size=40, seed=7)
        story.refresh_from_db()
        true_counts = dict(Post.objects.filter(thread=story).values_list("pk", "reply_count"))
        true_thread = (story.reply_count, story.last_activity_at)
        assert story.reply_count == 40
        # Break every counter, as a crash or a bad import might.
        Post.objects.filter(thread=story).update(reply_count=999)
        Thread.objects.filter(pk=story.pk).update(
            reply_count=0, last_activity_at=story.created_at - timedelta(days=400)
        )

        services.thread_counters_resync(thread=story)

        story.refresh_from_db()
        assert (story.reply_count, story.last_activity_at) == true_thread
        assert dict(Post.objects.filter(thread=story).values_list("pk", "reply_count")) == true_counts
        expected = {p.pk: sum(1 for c in posts if c.parent_id == p.pk) for p in posts}
        assert true_counts == expected

    def test_resync_keeps_sibling_numbers_ahead(self, story, repliers):
        # A child_seq lower than the number of children would hand out a path already taken.
        opening = Post.objects.get(thread=story, depth=0)
        reply(opening, repliers[0])
        reply(opening, repliers[1])
        Post.objects.filter(pk=opening.pk).update(child_seq=0, reply_count=0)

        services.thread_counters_resync(thread=story)

        opening.refresh_from_db()
        assert opening.reply_count == 2
        assert reply(opening, repliers[2]).path == "0003"
