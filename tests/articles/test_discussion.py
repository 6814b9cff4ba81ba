"""Publishing opens a discussion thread; the article and the thread link to each other."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from endings.articles import services
from endings.articles.models import Article
from forum import limits
from forum.models import Thread
from tests.articles.conftest import State, make_article
from tests.factories import MemberFactory
from tests.forum.conftest import make_story, reply

pytestmark = pytest.mark.django_db


def test_publishing_opens_the_discussion_and_both_pages_link_to_each_other(client, editor, public_category):
    article = make_article(editor, title="Saying goodbye well", discussion_category=public_category)
    thread = Thread.objects.get(article=article)
    assert article.discussion_thread == thread
    assert thread.category == public_category and thread.author == editor
    assert thread.ending == "retired"  # the article's first "how it ended" topic
    opening = thread.posts.get(depth=0)
    assert article.get_absolute_url() in opening.body

    for n in range(3):
        reply(opening, MemberFactory(display_name=f"Reader {n}"))
    page = client.get(article.get_absolute_url()).text
    assert "3 people have replied so far." in page
    assert f'<a class="button" href="{thread.get_absolute_url()}">Discuss this article' in page

    thread_page = client.get(thread.get_absolute_url())
    assert f'the article <a href="{article.get_absolute_url()}">Saying goodbye well</a>' in thread_page.text


def queries_for(client, url):
    client.get(url)  # the help lines are cached after the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # The article is only ever joined to the thread's own query, never read on its own.
    assert not [q for q in captured.captured_queries if 'FROM "articles_article"' in q["sql"]]
    return len(captured.captured_queries), response.text


@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "member"])
def test_the_link_back_costs_the_thread_page_no_query(client, editor, public_category, signed_in):
    # The article row comes with the thread (tests/forum/test_query_counts.py pins the page's count).
    article = make_article(editor, title="Counted queries", discussion_category=public_category)
    story = make_story(
        MemberFactory(display_name="Plain Storyteller"), public_category, title="A plain story"
    )
    if signed_in:
        client.force_login(MemberFactory(display_name="Counting Member"))
    with_article, page = queries_for(client, article.discussion_thread.get_absolute_url())
    without, _ = queries_for(client, story.get_absolute_url())
    assert "This is the discussion of the article" in page
    assert with_article == without


def test_an_archived_article_is_no_longer_linked_from_its_thread(client, editor, public_category):
    article = make_article(editor, title="Taken down later", discussion_category=public_category)
    services.article_transition(editor=editor, article=article, state=State.ARCHIVED)
    assert (
        "This is the discussion of the article"
        not in client.get(article.discussion_thread.get_absolute_url()).text
    )


def test_a_members_only_discussion_asks_readers_to_sign_in(client, member, editor, members_category):
    article = make_article(editor, title="For members to discuss", discussion_category=members_category)
    thread_url = article.discussion_thread.get_absolute_url()
    page = client.get(article.get_absolute_url()).text
    assert "The discussion is shared with members only." in page
    assert f'href="{reverse("account_login")}?next={thread_url}"' in page
    assert f'href="{thread_url}"' not in page
    client.force_login(member)
    assert f'href="{thread_url}">Discuss this article' in client.get(article.get_absolute_url()).text


def test_a_scheduled_article_opens_its_discussion_when_it_goes_live(editor, public_category):
    now = timezone.now()
    article = make_article(
        editor, title="Later", discussion_category=public_category, publish_at=now + timedelta(hours=2)
    )
    assert article.discussion_thread is None
    assert services.article_discussions_open_due(now=now) == 0
    assert services.article_discussions_open_due(now=now + timedelta(hours=3)) == 1
    article.refresh_from_db()
    assert article.discussion_thread.title == "Later"
    # Safe to run again.
    assert services.article_discussions_open_due(now=now + timedelta(hours=4)) == 0
    assert Thread.objects.filter(title="Later").count() == 1


def test_when_the_forum_refuses_the_thread_the_article_is_still_published(
    editor_client, editor, public_category, monkeypatch
):
    article = make_article(editor, title="Busy day", state=State.REVIEW, discussion_category=public_category)
    monkeypatch.setattr(limits, "limit_for", lambda member, now: limits.PostingLimit(per_burst=0, per_day=0))
    response = editor_client.post(
        reverse("articles:workflow", args=[article.pk]), {"action": "publish"}, follow=True
    )
    assert "Published. The discussion could not be opened" in response.text
    article.refresh_from_db()
    assert article.is_live and article.discussion_thread is None
    monkeypatch.undo()
    # Opened by hand later, from the editor's page.
    editor_client.post(reverse("articles:discussion", args=[article.pk]), {"category": public_category.pk})
    article.refresh_from_db()
    assert article.discussion_thread is not None


def test_related_stories_show_members_only_titles_to_members_only(
    client, member, editor, members_category, public_category
):
    author = MemberFactory(display_name="Storyteller")
    make_story(author, members_category, title="A members-only retirement story")
    make_story(author, public_category, title="A public retirement story")
    article = make_article(editor, title="About retirement", topics=["retired"])
    reader_page = client.get(article.get_absolute_url()).text
    assert "A public retirement story" in reader_page
    assert "A members-only retirement story" not in reader_page
    client.force_login(member)
    member_page = client.get(article.get_absolute_url()).text
    assert "A members-only retirement story" in member_page


def test_related_articles_share_topics(client, editor):
    article = make_article(editor, title="Main piece", topics=["illness", "grief"])
    make_article(editor, title="Shares two topics", topics=["illness", "grief"])
    make_article(editor, title="Shares one topic", topics=["grief"])
    make_article(editor, title="Shares nothing", topics=["ethics"])
    make_article(editor, title="A draft that shares", topics=["illness"], state=State.DRAFT)
    page = client.get(article.get_absolute_url()).text
    related = page.split("Related articles", 1)[1]
    assert related.index("Shares two topics") < related.index("Shares one topic")
    assert "Shares nothing" not in related and "A draft that shares" not in related


def test_help_lines_close_articles_about_suicide_or_death(client, editor):
    about = make_article(editor, title="After a death", about_suicide_or_death=True)
    other = make_article(editor, title="After a move")
    assert "If this has stirred up a lot" in client.get(about.get_absolute_url()).text
    assert "If this has stirred up a lot" not in client.get(other.get_absolute_url()).text


def test_open_graph_and_canonical_meta(client, editor, settings):
    settings.SITE_URL = "https://endings.example"
    article = make_article(editor, title="Meta & more", standfirst="A standfirst with <tags>.")
    page = client.get(article.get_absolute_url()).text
    canonical = f"https://endings.example{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert f'<meta property="og:url" content="{canonical}">' in page
    assert '<meta property="og:title" content="Meta &amp; more">' in page
    assert '<meta property="og:description" content="A standfirst with &lt;tags&gt;.">' in page
    assert '<meta property="og:type" content="article">' in page


def test_the_article_page_and_its_reading_time(client, editor):
    article = make_article(editor, title="Timed", body="word " * 1000)
    assert Article.objects.get(pk=article.pk).reading_minutes == 5
    assert "5 minute read" in client.get(article.get_absolute_url()).text


def test_beat_runs_the_task_that_opens_due_discussions(editor, public_category):
    from endings.articles.tasks import discussions_open_due
    from endings.celery import app

    entry = app.conf.beat_schedule["articles-open-due-discussions"]
    assert entry["task"] == discussions_open_due.name
    article = make_article(
        editor,
        title="Due now",
        discussion_category=public_category,
        publish_at=timezone.now() + timedelta(hours=1),
    )
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=5))
    assert discussions_open_due.apply().get() == 1
    article.refresh_from_db()
    assert article.discussion_thread is not None


def test_the_editor_is_told_where_the_discussion_opened(editor_client, editor, public_category):
    article = make_article(editor, title="Told", state=State.REVIEW, discussion_category=public_category)
    response = editor_client.post(
        reverse("articles:workflow", args=[article.pk]), {"action": "publish"}, follow=True
    )
    assert f"Published. The discussion is open in {public_category.name}." in response.text
