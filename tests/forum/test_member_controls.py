"""Issue 7, forum side: blocks, muted words, content notes and hidden posts take effect in
threads, lists, search and notifications, and a block cannot be bypassed by replying by URL."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.deletion import account_deletion_request
from accounts.services import block_create, break_start
from forum import services
from forum.limits import PostingRefused
from forum.models import HiddenPost, Notification, Post
from forum.selectors.viewer_filters import BLOCKED, HIDDEN, MUTED
from tests.factories import MemberFactory
from tests.forum.conftest import make_story, reply
from tests.forum.test_query_counts import THREAD_PAGE_MEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return MemberFactory(display_name="Fern Reader", email="fern.reader@example.org")


@pytest.fixture
def pest(db):
    return MemberFactory(display_name="Nettle Pest")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def folded(html, reason):
    return f"Hidden: {reason}." in html


def test_a_blocked_members_replies_fold_with_the_reason_and_open_without_javascript(
    reader_client, reader, pest, author, members_category
):
    story = make_story(author, members_category)
    opening = story.posts.get(depth=0)
    reply(opening, pest, body="Nettle says something sharp.")
    reply(opening, author, body="The author answers kindly.")
    before = reader_client.get(story.get_absolute_url()).text
    assert not folded(before, BLOCKED)

    block_create(blocker=reader, blocked=pest)
    html = reader_client.get(story.get_absolute_url()).text
    assert folded(html, BLOCKED)
    # Folded in a <details>, so one click (or Enter) opens it, with or without JavaScript.
    block = re.search(
        r'<details class="folded">\s*<summary>Hidden: you blocked this member\..*?</details>', html, re.S
    )
    assert block and "Nettle says something sharp." in block.group(0)
    assert "The author answers kindly." not in block.group(0)
    # Nobody else is affected.
    other = MemberFactory()
    reader_client.force_login(other)
    assert not folded(reader_client.get(story.get_absolute_url()).text, BLOCKED)


def test_a_blocked_members_anonymous_posts_are_not_singled_out(
    reader_client, reader, pest, author, members_category
):
    story = make_story(author, members_category)
    services.reply_create(
        author=pest, parent=story.posts.get(depth=0), body="Said without a name.", is_anonymous=True
    )
    block_create(blocker=reader, blocked=pest)
    html = reader_client.get(story.get_absolute_url()).text
    assert not folded(html, BLOCKED), "folding it would tell the reader who wrote it"
    assert "Said without a name." in html


def test_muted_words_fold_posts_with_the_reason_but_never_your_own(
    reader_client, reader, author, members_category
):
    story = make_story(author, members_category)
    opening = story.posts.get(depth=0)
    reply(opening, author, body="The Voicemail came on a Sunday.")
    reply(opening, author, body="A voicemailing service is not the same word.")
    services.reply_create(author=reader, parent=opening, body="My own voicemail story.")
    reader.muted_words = "voicemail"
    reader.save(update_fields=["muted_words"])
    html = reader_client.get(story.get_absolute_url()).text
    assert html.count(f"Hidden: {MUTED}.") == 1
    folded_part = re.search(r'<details class="folded">.*?</details>', html, re.S).group(0)
    assert "The Voicemail came on a Sunday." in folded_part


def test_content_notes_fold_the_story_unless_the_member_chose_to_see_them(
    reader_client, reader, author, members_category
):
    story = services.thread_create(
        author=author,
        category=members_category,
        title="The last session",
        body="It ended after she died.",
        content_note="death",
        now=timezone.now() - timedelta(days=2),
    )
    reply(story.posts.get(depth=0), author, body="A reply under the note.")
    html = reader_client.get(story.get_absolute_url()).text
    assert '<details class="content-note">' in html
    # Replies are not folded by the story's note: it describes the story.
    assert "A reply under the note." in html and not folded(html, "content note")

    reader.show_content_notes = True
    reader.save(update_fields=["show_content_notes"])
    html = reader_client.get(story.get_absolute_url()).text
    assert '<details class="content-note">' not in html
    assert "It ended after she died." in html
    # Readers who are not signed in always get the fold.
    reader_client.logout()


def test_hide_a_post_for_yourself_and_undo_in_place(reader_client, reader, author, members_category):
    story = make_story(author, members_category)
    hard = reply(story.posts.get(depth=0), author, body="Too much for me today.")
    html = reader_client.get(story.get_absolute_url()).text
    assert f'action="{hard.link}hide/"' in html and "Hide this post for me" in html

    response = reader_client.post(
        reverse("forum:post_hide", args=[hard.pk]), {"next": story.get_absolute_url()}, follow=True
    )
    assert "Hidden for you." in response.text
    html = response.text
    assert folded(html, HIDDEN)
    assert "Stop hiding this post" in html
    assert HiddenPost.objects.filter(member=reader, post=hard).exists()
    # The list in settings shows it, and can show it again.
    listing = reader_client.get(reverse("forum:hidden_posts")).text
    assert story.title in listing
    reader_client.post(reverse("forum:post_hide", args=[hard.pk]), {"hidden": "0"})
    assert not HiddenPost.objects.exists()
    assert not folded(reader_client.get(story.get_absolute_url()).text, HIDDEN)


def test_hiding_needs_a_post_request_from_a_member(client, reader, author, members_category):
    story = make_story(author, members_category)
    post = story.posts.get(depth=0)
    assert client.post(reverse("forum:post_hide", args=[post.pk])).status_code == 302
    client.force_login(reader)
    assert client.get(reverse("forum:post_hide", args=[post.pk])).status_code == 405
    assert not HiddenPost.objects.exists()


def test_continue_this_thread_pages_fold_too(reader_client, reader, pest, author, members_category):
    story = make_story(author, members_category)
    first = reply(story.posts.get(depth=0), author, body="First level.")
    reply(first, pest, body="Nettle, one level down.")
    block_create(blocker=reader, blocked=pest)
    html = reader_client.get(reverse("forum:replies", args=[first.pk])).text
    assert folded(html, BLOCKED)


# --- Lists and search ---------------------------------------------------------------


def test_stories_by_a_blocked_member_leave_the_lists(reader_client, reader, pest, author, members_category):
    theirs = make_story(pest, members_category, title="Nettle's loud story")
    anonymous = services.thread_create(
        author=pest,
        category=members_category,
        title="An unsigned story",
        body="Without my name.",
        is_anonymous=True,
        now=timezone.now() - timedelta(days=2),
    )
    kept = make_story(author, members_category, title="A story from someone else")
    block_create(blocker=reader, blocked=pest)
    for url in (
        reverse("forum:index"),
        reverse("forum:unanswered"),
        reverse("forum:category", args=[members_category.slug]),
    ):
        html = reader_client.get(url).text
        assert theirs.title not in html.replace("&#x27;", "'")
        assert kept.title in html
        assert anonymous.title in html  # not singled out: that would reveal its author
    # The story itself can still be opened from a link; its posts are folded there.
    assert folded(reader_client.get(theirs.get_absolute_url()).text, BLOCKED)


def test_a_story_with_a_muted_word_is_folded_in_lists(reader_client, reader, author, members_category):
    make_story(author, members_category, title="A quiet ending", body="She retired to the coast.")
    make_story(author, members_category, title="Nothing to mute here", body="Plain words.")
    reader.muted_words = "coast"
    reader.save(update_fields=["muted_words"])
    html = reader_client.get(reverse("forum:index")).text
    assert html.count("A story is hidden: it contains a word you muted.") == 1
    assert re.search(
        r"<details class=\"folded\"><summary>A story is hidden.*?A quiet ending.*?</details>", html, re.S
    )


def test_search_leaves_out_blocked_members_and_folds_muted_words(
    reader_client, reader, pest, author, members_category
):
    make_story(pest, members_category, title="Harbour letters", body="Nettle wrote about the harbour.")
    make_story(
        author, members_category, title="Harbour memories", body="Rowan wrote about the harbour and loss."
    )
    block_create(blocker=reader, blocked=pest)
    reader.muted_words = "loss"
    reader.save(update_fields=["muted_words"])
    html = reader_client.get(reverse("forum:search"), {"q": "harbour"}).text
    assert "Harbour letters" not in html
    assert "Harbour memories" in html
    assert folded(html, MUTED)


# --- Replies: a block cannot be bypassed ---------------------------------------------


def test_a_blocked_member_cannot_reply_by_form_or_by_replaying_the_request(
    client, reader, pest, members_category
):
    story = make_story(reader, members_category)
    opening = story.posts.get(depth=0)
    block_create(blocker=reader, blocked=pest)
    client.force_login(pest)

    thread_html = client.get(story.get_absolute_url()).text
    assert f'href="{opening.link}reply/"' not in thread_html  # no "Reply" link under the blocker's post
    # Nor the form at the foot of the story: the kind refusal instead.
    assert "its author has chosen not to receive replies from you" in thread_html
    assert 'name="body"' not in thread_html
    page = client.get(reverse("forum:reply", args=[opening.pk]))
    assert "its author has chosen not to receive replies from you" in page.text
    assert 'name="body"' not in page.text

    replay = client.post(reverse("forum:reply", args=[opening.pk]), {"body": "Let me in anyway."})
    assert replay.status_code == 200
    assert "its author has chosen not to receive replies from you" in replay.text
    assert "Let me in anyway." in replay.text  # what they wrote is not lost
    anonymous = client.post(
        reverse("forum:reply", args=[opening.pk]), {"body": "As nobody.", "anonymous": "on"}
    )
    assert "its author has chosen not to receive replies from you" in anonymous.text
    assert Post.objects.filter(thread=story).count() == 1

    with pytest.raises(PostingRefused):
        services.reply_create(author=pest, parent=opening, body="Straight to the service.")


def test_blocking_does_not_stop_others_or_the_blocker(client, reader, pest, author, members_category):
    story = make_story(reader, members_category)
    opening = story.posts.get(depth=0)
    block_create(blocker=reader, blocked=pest)
    assert services.reply_create(author=author, parent=opening, body="Someone else replies.")
    pests_story = make_story(pest, members_category, title="Nettle's own story")
    assert services.reply_create(
        author=reader, parent=pests_story.posts.get(depth=0), body="The blocker may reply."
    )


def test_an_anonymous_post_cannot_refuse_replies_without_revealing_its_author(reader, pest, members_category):
    story = services.thread_create(
        author=reader,
        category=members_category,
        title="Unsigned",
        body="Written anonymously.",
        is_anonymous=True,
        now=timezone.now() - timedelta(days=2),
    )
    block_create(blocker=reader, blocked=pest)
    assert services.reply_create(author=pest, parent=story.posts.get(depth=0), body="A reply to a stranger.")


# --- Notifications --------------------------------------------------------------------


def _notified(member, thread):
    return Notification.objects.filter(recipient=member, thread=thread).exists()


@pytest.mark.usefixtures("tasks_in_process")
def test_neither_side_of_a_block_is_notified_about_the_other(
    reader, pest, author, members_category, django_capture_on_commit_callbacks
):
    story = make_story(author, members_category)
    opening = story.posts.get(depth=0)
    services.thread_follow_set(member=reader, thread=story, following=True)
    services.thread_follow_set(member=pest, thread=story, following=True)
    block_create(blocker=reader, blocked=pest)
    with django_capture_on_commit_callbacks(execute=True):
        reply(opening, pest, body="Nettle's reply.")
    assert not _notified(reader, story)
    assert _notified(author, story)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        reply(opening, reader, body="Fern's reply.")
    assert not _notified(pest, story)
    assert _notified(author, story)


@pytest.mark.usefixtures("tasks_in_process")
def test_a_blocked_members_new_story_is_not_announced(
    reader, pest, author, members_category, django_capture_on_commit_callbacks
):
    services.category_follow_set(member=reader, category=members_category, following=True)
    services.category_follow_set(member=author, category=members_category, following=True)
    block_create(blocker=reader, blocked=pest)
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(pest, members_category, title="Nettle's new story")
    assert not _notified(reader, story)
    assert _notified(author, story)


@pytest.mark.usefixtures("tasks_in_process")
def test_members_on_a_break_or_leaving_are_not_notified(
    reader, author, members_category, django_capture_on_commit_callbacks
):
    leaving = MemberFactory()
    story = make_story(author, members_category)
    for member in (reader, leaving):
        services.thread_follow_set(member=member, thread=story, following=True)
    break_start(member=reader, length="month")
    account_deletion_request(member=leaving, choice="erase")
    with django_capture_on_commit_callbacks(execute=True):
        reply(story.posts.get(depth=0), author, body="News in the thread.")
    assert not _notified(reader, story)
    assert not _notified(leaving, story)


# --- Profiles -----------------------------------------------------------------------


def test_profiles_show_only_what_the_member_chose_to_signed_in_members(
    client, reader, author, members_category
):
    shown = make_story(author, members_category, title="A story they list")
    services.thread_create(
        author=author,
        category=members_category,
        title="A story they wrote anonymously",
        body="No name on this.",
        is_anonymous=True,
        now=timezone.now() - timedelta(days=2),
    )
    url = reverse("forum:member_profile", args=[author.pk])
    assert client.get(url).status_code == 302  # members-first: sign in to see profiles

    client.force_login(reader)
    html = client.get(url).text
    assert author.display_name in html and "A member since" in html
    assert shown.title not in html  # not chosen yet
    author.profile_about = "Eleven years with one counsellor."
    author.profile_show_stories = True
    author.save(update_fields=["profile_about", "profile_show_stories"])
    html = client.get(url).text
    assert "Eleven years with one counsellor." in html
    assert shown.title in html
    assert "A story they wrote anonymously" not in html
    assert author.email not in html


def test_blocking_from_a_profile(client, reader, author):
    client.force_login(reader)
    url = reverse("forum:member_profile", args=[author.pk])
    response = client.post(reverse("accounts:block", args=[author.pk]), {"next": url}, follow=True)
    assert f"You blocked {author.display_name}" in response.text
    assert "Unblock" in response.text


def test_post_authors_link_to_their_profile_but_anonymous_ones_never_do(
    reader_client, author, members_category
):
    story = make_story(author, members_category)
    services.reply_create(
        author=author, parent=story.posts.get(depth=0), body="Unsigned reply.", is_anonymous=True
    )
    html = reader_client.get(story.get_absolute_url()).text
    profile = reverse("forum:member_profile", args=[author.pk])
    assert html.count(f'href="{profile}"') == 1


def test_a_leaving_or_deleted_member_has_no_profile(reader_client, author):
    account_deletion_request(member=author, choice="anonymise")
    assert reader_client.get(reverse("forum:member_profile", args=[author.pk])).status_code == 404


# --- Query counts -----------------------------------------------------------------------


@pytest.mark.usefixtures("unthrottled")
@pytest.mark.parametrize("size", [5, 40])
def test_filters_cost_one_query_whatever_the_page(
    reader_client, reader, pest, author, members_category, size, django_assert_num_queries
):
    story = make_story(author, members_category)
    opening = story.posts.get(depth=0)
    for n in range(size):
        reply(opening, pest if n % 3 == 0 else author, body=f"Reply {n} about the harbour.")
    block_create(blocker=reader, blocked=pest)
    block_create(blocker=MemberFactory(), blocked=reader)
    reader.muted_words = "harbour"
    reader.save(update_fields=["muted_words"])
    # The first three replies, all on page 1 (unordered rows could be any three).
    for post in Post.objects.filter(thread=story, depth=1).order_by("path")[:3]:
        HiddenPost.objects.create(member=reader, post=post)
    url = story.get_absolute_url()
    reader_client.get(url)
    with django_assert_num_queries(THREAD_PAGE_MEMBER):
        html = reader_client.get(url).text
    assert folded(html, BLOCKED) and folded(html, MUTED) and folded(html, HIDDEN)
