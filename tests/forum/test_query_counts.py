"""Every page that lists or renders posts runs the same number of queries whatever the size of the data.

Each page is requested once before it is measured, so the help lines in the footer
are in the cache (they are cached site-wide) and the count is the page's own.
"""

import random

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notice
from accounts.notices import notice_send
from accounts.services import role_grant
from forum import services
from forum.models import Category, Notification, Post, Thread, ThreadFollow
from forum.selectors.lists import THREADS_PER_PAGE
from forum.selectors.threads import PER_PAGE
from tests.factories import MemberFactory
from tests.forum.conftest import ReplyClock, build_tree, make_story
from tests.forum.moderation_fixtures import make_moderator

pytestmark = pytest.mark.usefixtures("unthrottled")

SMALL, LARGE = 5, 60
SIZES = [SMALL, LARGE]

# Session, member, then the page's own reads, the viewer's filters (blocks both
# ways and the posts they hid, one query), the moderator check, the visit and
# notifications-read writes, and the unread count in the header.
THREAD_PAGE_MEMBER = 11
# The opening post with its thread, the page's replies, their trimmed subtrees.
THREAD_PAGE_READER = 3
# As for a member, plus the ancestors of the post the page starts from.
CONTINUE_PAGE = 12
STORY_LIST = 7
STORY_LIST_READER = 3
CATEGORY_LIST = 9
UNANSWERED_LIST = 7
SEARCH_MEMBER = 8
SEARCH_READER = 4
# Session, member, roles... plus the personal messages and marking them read.
NOTIFICATIONS = 7


def thread_url(thread):
    return reverse("forum:thread", args=[thread.pk, thread.slug])


@pytest.fixture
def viewer(db):
    return MemberFactory(display_name="Ash Viewer")


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


def _busy_thread(author, category, repliers, viewer, size):
    """A story with `size` replies: nested, some anonymous, removed, edited or reacted to by the viewer."""
    thread = make_story(author, category, title=f"A story in {category.name} with {size} replies")
    # Many replies to the story itself, so the large thread fills a whole page of them.
    posts = build_tree(
        thread,
        [*repliers, viewer],
        size=size,
        seed=size,
        parents=lambda rng, posts: posts[0] if rng.random() < 0.4 else rng.choice(posts),
    )
    rng = random.Random(size)
    Post.objects.filter(pk__in=[p.pk for p in rng.sample(posts[1:], max(1, size // 5))]).update(
        is_anonymous=True
    )
    for post in rng.sample(posts[1:], max(2, size // 10)):
        for member in (viewer, *repliers):
            if member.pk != post.author_id:
                services.reaction_toggle(member=member, post=post, kind="support")
    for post in [p for p in posts[1:] if p.author_id == viewer.pk][:2]:
        services.post_delete_own(member=viewer, post=post)
    Post.objects.filter(pk=posts[-1].pk).update(edited_at=timezone.now())
    return thread, posts


def _measure(client, url, expected, django_assert_num_queries):
    assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _shown_replies(html):
    return html.count('<li class="reply reply--level-')


# --- the thread page and its continue pages ---------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_thread_page_for_a_member(
    viewer_client, viewer, author, repliers, members_category, size, django_assert_num_queries
):
    thread, _ = _busy_thread(author, members_category, repliers, viewer, size)

    html = _measure(viewer_client, thread_url(thread), THREAD_PAGE_MEMBER, django_assert_num_queries)

    assert _shown_replies(html) >= min(size, PER_PAGE)
    assert "Removed by its author." in html
    assert "a member" in html
    assert 'aria-pressed="true"' in html  # the viewer's own reactions are marked


@pytest.mark.parametrize("size", SIZES)
def test_thread_page_for_a_moderator(
    client, viewer, author, repliers, members_category, size, django_assert_num_queries
):
    # Moderators see who wrote anonymous posts: that name must not cost a query per post.
    thread, _ = _busy_thread(author, members_category, repliers, viewer, size)
    client.force_login(make_moderator("Kind Moderator"))

    # One more than a member's: whether the moderator has two-step sign-in, which seeing
    # anonymous authors and earlier versions needs (as the moderator pages do).
    html = _measure(client, thread_url(thread), THREAD_PAGE_MEMBER + 1, django_assert_num_queries)

    assert "(posted anonymously)" in html


def test_a_moderator_without_two_step_sign_in_sees_anonymous_posts_as_anyone_does(
    client, viewer, author, repliers, members_category
):
    thread, _ = _busy_thread(author, members_category, repliers, viewer, SMALL)
    moderator = MemberFactory(display_name="Moderator Without Codes")
    role_grant(email=moderator.email, role="moderator")
    client.force_login(moderator)

    html = client.get(thread_url(thread)).text

    assert "(posted anonymously)" not in html
    assert "a member" in html


@pytest.mark.parametrize("size", SIZES)
def test_thread_page_for_a_signed_out_reader(
    client, viewer, author, repliers, public_category, size, django_assert_num_queries
):
    thread, _ = _busy_thread(author, public_category, repliers, viewer, size)

    html = _measure(client, thread_url(thread), THREAD_PAGE_READER, django_assert_num_queries)

    assert _shown_replies(html) >= min(size, PER_PAGE)
    assert "Sign in</a> or" in html


def test_thread_page_stays_within_twelve_queries():
    assert max(THREAD_PAGE_MEMBER, THREAD_PAGE_READER, CONTINUE_PAGE) <= 12


@pytest.mark.parametrize("size", SIZES)
def test_continue_page(
    viewer_client, viewer, author, repliers, members_category, size, django_assert_num_queries
):
    thread = make_story(author, members_category, title=f"A long conversation of {size}")
    opening = Post.objects.get(thread=thread, depth=0)
    clock = ReplyClock()
    parent = opening
    for n in range(6):  # the continue page starts six levels down
        parent = services.reply_create(
            author=repliers[n % 3], parent=parent, body=f"Level {n + 1}", now=clock()
        )
    start = parent
    build_tree(thread, [*repliers, viewer], size=size, seed=size, parents=_under(start), clock=clock)

    html = _measure(
        viewer_client, reverse("forum:replies", args=[start.pk]), CONTINUE_PAGE, django_assert_num_queries
    )

    assert _shown_replies(html) >= min(size, PER_PAGE)
    assert "Earlier in this conversation" in html


def _under(start):
    def choose(rng, posts):
        return rng.choice([start, *(p for p in posts if p.path.startswith(start.path))])

    return choose


# --- lists ------------------------------------------------------------------------------------


def _many_threads(viewer, size, *, category=None):
    """`size` stories from several members across categories; some answered, anonymous, locked or visited."""
    rng = random.Random(size)
    authors = [MemberFactory() for _ in range(4)]
    categories = [category] if category else list(Category.objects.all())
    clock = ReplyClock()
    threads = []
    for n in range(size):
        author = authors[n % len(authors)]
        thread = services.thread_create(
            author=author,
            category=categories[n % len(categories)],
            title=f"Story number {n}: the therapist who moved away",
            body=f"My therapist moved away and I am still grieving, {n}.",
            ending=rng.choice(Thread.Ending.values),
            content_note=rng.choice(["", "death", "other"]),
            content_note_other="a sudden loss",
            is_anonymous=n % 3 == 0,
            now=clock(),
        )
        if n % 2:
            opening = Post.objects.get(thread=thread, depth=0)
            services.reply_create(
                author=viewer, parent=opening, body=f"I am so sorry, {thread.pk}.", now=clock()
            )
        if n % 5 == 0:
            services.thread_visit_record(member=viewer, thread=thread, now=clock())
        if n % 7 == 0:
            Thread.objects.filter(pk=thread.pk).update(locked_at=clock())
        threads.append(thread)
    return threads


def _shown_threads(html):
    return html.count('<li class="thread-item')


@pytest.mark.parametrize("size", SIZES)
def test_story_list(viewer_client, viewer, size, django_assert_num_queries):
    _many_threads(viewer, size)

    html = _measure(viewer_client, reverse("forum:index"), STORY_LIST, django_assert_num_queries)

    assert _shown_threads(html) == min(size, THREADS_PER_PAGE)


@pytest.mark.parametrize("size", SIZES)
def test_story_list_for_a_signed_out_reader(
    client, viewer, public_category, members_category, size, django_assert_num_queries
):
    _many_threads(viewer, size, category=public_category)
    _many_threads(viewer, 3, category=members_category)

    html = _measure(client, reverse("forum:index"), STORY_LIST_READER, django_assert_num_queries)

    # Only the public category's stories.
    assert _shown_threads(html) == min(size, THREADS_PER_PAGE)


@pytest.mark.parametrize("size", SIZES)
def test_category_list(viewer_client, viewer, members_category, size, django_assert_num_queries):
    _many_threads(viewer, size, category=members_category)

    html = _measure(
        viewer_client,
        reverse("forum:category", args=[members_category.slug]),
        CATEGORY_LIST,
        django_assert_num_queries,
    )

    assert _shown_threads(html) == min(size, THREADS_PER_PAGE)


@pytest.mark.parametrize("size", SIZES)
def test_unanswered_list(viewer_client, viewer, size, django_assert_num_queries):
    _many_threads(viewer, 2 * size)

    html = _measure(viewer_client, reverse("forum:unanswered"), UNANSWERED_LIST, django_assert_num_queries)

    assert _shown_threads(html) >= min(size // 2, THREADS_PER_PAGE)


# --- search and notifications -----------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_search_for_a_member(viewer_client, viewer, size, django_assert_num_queries):
    _many_threads(viewer, size)

    html = _measure(
        viewer_client,
        reverse("forum:search") + "?q=therapist+grieving",
        SEARCH_MEMBER,
        django_assert_num_queries,
    )

    assert html.count('<li class="search-result">') == min(size, 20)


@pytest.mark.parametrize("size", SIZES)
def test_search_for_a_signed_out_reader(client, viewer, public_category, size, django_assert_num_queries):
    _many_threads(viewer, size, category=public_category)

    html = _measure(
        client, reverse("forum:search") + "?q=therapist", SEARCH_READER, django_assert_num_queries
    )

    assert html.count('<li class="search-result">') == min(size, 20)


@pytest.mark.parametrize("size", SIZES)
def test_notifications_page(
    viewer_client, viewer, repliers, members_category, size, django_assert_num_queries
):
    clock = ReplyClock()
    for n in range(size):
        thread = make_story(viewer, members_category, title=f"My story {n}", now=clock())
        opening = Post.objects.get(thread=thread, depth=0)
        for replier in repliers[: 1 + n % 3]:
            post = services.reply_create(
                author=replier, parent=opening, body=f"Thinking of you, {n}.", now=clock()
            )
            services.notifications_record_for_post(post_id=post.pk)
        notice_send(recipient=viewer, kind=Notice.Kind.REPORT_OUTCOME, title=f"About a post you reported {n}")

    html = _measure(viewer_client, reverse("forum:notifications"), NOTIFICATIONS, django_assert_num_queries)

    assert html.count('<li class="notification') == min(size, 30)
    assert "to you" in html


# --- the notification task --------------------------------------------------------------------

# The reply with its parent and thread, the thread's followers, who is not to be told
# (breaks, blocks), their open notifications (locked), one insert for those without
# one and one update for the rest, the savepoint around it all, and (through
# forum.hooks) email delivery asking which of those told want reply emails.
NOTIFY_REPLY = 9
# The same reads; every open row already counts this reply, so nothing is written.
NOTIFY_AGAIN = 6


@pytest.mark.parametrize("size", SIZES)
def test_notifying_the_followers_of_a_reply(author, members_category, size, django_assert_num_queries):
    thread = make_story(author, members_category, title=f"A story followed by {size}")
    opening = Post.objects.get(thread=thread, depth=0)
    followers = [MemberFactory(display_name=f"Follower {n}") for n in range(size)]
    ThreadFollow.objects.bulk_create([ThreadFollow(member=member, thread=thread) for member in followers])
    earlier_writer, writer = (
        MemberFactory(display_name="Earlier Writer"),
        MemberFactory(display_name="Writer"),
    )
    clock = ReplyClock()
    earlier = services.reply_create(
        author=earlier_writer, parent=opening, body="An earlier reply.", now=clock()
    )
    services.notifications_record_for_post(post_id=earlier.pk)
    # Half of the followers have read that news already; the others have not.
    Notification.objects.filter(recipient__in=followers[size // 2 :]).update(read_at=timezone.now())
    reply = services.reply_create(author=writer, parent=opening, body="A new reply.", now=clock())

    with django_assert_num_queries(NOTIFY_REPLY):
        told = services.notifications_record_for_post(post_id=reply.pk)
    with django_assert_num_queries(NOTIFY_AGAIN):
        assert services.notifications_record_for_post(post_id=reply.pk) == []  # a retried task

    everyone = {author.pk, earlier_writer.pk, *(member.pk for member in followers)}
    assert told == sorted(everyone)
    unread = {row.recipient_id: row for row in Notification.objects.filter(thread=thread, read_at=None)}
    assert set(unread) == everyone
    counts = {member: (row.replies_to_you, row.new_replies) for member, row in unread.items()}
    assert counts[author.pk] == (2, 0)  # both replies answer the story
    assert counts[followers[0].pk] == (0, 2)
    assert counts[followers[-1].pk] == (0, 1)  # read the first; one row for the new one
    assert counts[earlier_writer.pk] == (0, 1)
    assert all(row.latest_post_id == reply.pk for row in unread.values())
