"""seed_demo's stories: posted once through the forum's services, and readable by the people they are for."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Max

from accounts.models import User
from endings.demo_moderation import NEWCOMER_EMAIL
from endings.demo_stories import STORIES
from forum.models import Category, Notification, Post, Reaction, Thread
from forum.selectors.visibility import ANONYMOUS_NAME

pytestmark = pytest.mark.django_db

DEMO_EMAILS = "@demo.endings.example"


def seed():
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    return out.getvalue()


def demo_member(name):
    return User.objects.get(email=f"{name}{DEMO_EMAILS}")


def page_for(client, member, thread):
    client.force_login(member)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200, thread.title
    return response.content.decode()


@pytest.fixture
def seeded_twice():
    return seed(), seed()


def test_running_seed_demo_twice_adds_the_stories_once(seeded_twice):
    first, second = seeded_twice
    expected_replies = sum(len(story["replies"]) for story in STORIES)
    assert 10 <= len(STORIES) <= 12
    assert f"Added {len(STORIES)} demo stories with {expected_replies} replies." in first
    assert "nothing added" in second

    # The demo stories; the demo articles' discussion threads are checked in tests/articles.
    threads = Thread.objects.filter(article__isnull=True).exclude(author__email=NEWCOMER_EMAIL)
    assert sorted(threads.values_list("title", flat=True)) == sorted(story["title"] for story in STORIES)
    assert Post.objects.filter(depth__gt=0).count() == expected_replies
    for story in STORIES:
        thread = threads.get(title=story["title"])
        assert thread.reply_count == len(story["replies"]) == thread.posts.filter(depth__gt=0).count()
    # A second run toggling reactions would have taken them all back.
    assert Reaction.objects.count() == sum(len(story["reactions"]) for story in STORIES)
    assert Post.objects.filter(support_count__gt=0).exists()


def test_stories_are_dated_over_past_months_with_replies_after_what_they_answer(seeded_twice):
    posts = Post.objects.select_related("parent", "thread", "author")
    for post in posts:
        assert post.author.date_joined < post.created_at
        if post.parent is not None:
            assert post.parent.created_at < post.created_at
    for thread in Thread.objects.all():
        assert thread.last_activity_at == thread.posts.aggregate(last=Max("created_at"))["last"]
    oldest = Thread.objects.order_by("created_at").first().created_at
    newest = Thread.objects.order_by("created_at").last().created_at
    assert (newest - oldest).days > 180


def test_replies_nest_three_levels_deep_in_several_threads(seeded_twice):
    deepest = Thread.objects.annotate(deepest=Max("posts__depth"))
    assert deepest.filter(deepest__gte=3).count() >= 2


def test_every_story_and_reply_shows_on_its_thread_page_for_a_demo_member(client, seeded_twice):
    reader = demo_member("tomas")
    for thread in Thread.objects.all():
        page = page_for(client, reader, thread)
        for post in thread.posts.all():
            assert post.body_html in page, (thread.title, post.pk)
    voicemail = Thread.objects.get(content_note=Thread.ContentNote.SUICIDE)
    assert "This story has a content note" in page_for(client, reader, voicemail)


def test_public_stories_can_be_read_without_an_account(client, seeded_twice):
    public = Thread.objects.filter(category__visibility=Category.Visibility.PUBLIC, article__isnull=True)
    assert public.count() == 2
    for thread in public:
        response = client.get(thread.get_absolute_url())
        assert response.status_code == 200
        assert thread.posts.get(depth=0).body_html in response.content.decode()
    members_only = Thread.objects.exclude(category__visibility=Category.Visibility.PUBLIC).first()
    assert client.get(members_only.get_absolute_url()).status_code == 404


def test_anonymous_posts_do_not_show_their_author_to_another_member(client, seeded_twice):
    anonymous_story = Thread.objects.get(is_anonymous=True)
    anonymous_replies = Post.objects.filter(is_anonymous=True, depth__gt=0).exclude(
        author=anonymous_story.author
    )
    assert anonymous_replies.exists()
    for post in [anonymous_story.posts.get(depth=0), *anonymous_replies]:
        reader = (
            User.objects.filter(email__endswith=DEMO_EMAILS, groups__isnull=True)
            .exclude(pk=post.author_id)
            .first()
        )
        page = page_for(client, reader, post.thread)
        assert post.author.display_name not in page
        assert ANONYMOUS_NAME in page


def test_replies_notify_the_people_they_answer(django_capture_on_commit_callbacks, tasks_in_process):
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    retirement = Thread.objects.get(title="Her retirement letter came on a Tuesday")
    told = Notification.objects.get(recipient=demo_member("marguerite"), thread=retirement)
    assert told.replies_to_you >= 1


def test_the_demo_queue_has_a_held_first_story_and_two_reports(settings):
    from forum.models import Priority, QueueItem

    settings.MODERATION_HOLD_FIRST_POSTS = 2
    seed()
    seed()

    newcomer_story = Thread.objects.get(author__email=NEWCOMER_EMAIL)
    assert not newcomer_story.is_listed
    priorities = sorted(QueueItem.objects.values_list("priority", flat=True))
    assert priorities == [Priority.AT_RISK, Priority.HELD, Priority.OTHER]
