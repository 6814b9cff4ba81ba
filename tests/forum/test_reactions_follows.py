"""Reactions, following, and the notifications that following brings."""

import re

import pytest
from django.urls import reverse

from forum import selectors, services
from forum.models import CategoryFollow, Notification, Post, Reaction, ThreadFollow
from tests.forum.helpers_t2 import (
    aged_member,
    make_reply,
    make_story,
    members_category,
    opening_post,
    public_category,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_run_in_process(tasks_in_process):
    return


@pytest.fixture
def author():
    return aged_member("Aspen Author")


@pytest.fixture
def reader():
    return aged_member("Rowan Reader")


@pytest.fixture
def story(author):
    return make_story(author, public_category(), title="The last session was a voicemail")


@pytest.fixture
def opening(story):
    return opening_post(story)


def _button(page, post, kind):
    """The reaction button of one kind on one post, as rendered."""
    block = page.split(f'id="reactions-{post.pk}"', 1)[1].split("</div>", 1)[0]
    match = re.search(
        rf'<button[^>]*value="{kind}"[^>]*aria-pressed="(\w+)"[^>]*>([^<]*)(?:<span[^>]*>([^<]*)</span>)?',
        block,
    )
    assert match, block
    pressed, _label, count = match.groups()
    return pressed == "true", (count or "").replace("·", "").strip()


# Reactions ---------------------------------------------------------------------------------------


def test_reaction_toggles_without_javascript(client, reader, opening):
    client.force_login(reader)
    url = reverse("forum:react", args=[opening.pk])

    response = client.post(url, {"kind": "support"})
    assert response.status_code == 302
    assert response.url == selectors.post_location(opening)
    opening.refresh_from_db()
    assert opening.support_count == 1
    page = text(client.get(response.url))
    assert _button(page, opening, "support") == (True, "1")
    assert _button(page, opening, "me_too") == (False, "")

    client.post(url, {"kind": "support"})
    opening.refresh_from_db()
    assert opening.support_count == 0
    assert not Reaction.objects.exists()
    assert _button(text(client.get(opening.thread.get_absolute_url())), opening, "support") == (False, "")


def test_reaction_toggles_inline_with_htmx(client, reader, opening):
    client.force_login(reader)
    url = reverse("forum:react", args=[opening.pk])

    response = client.post(url, {"kind": "me_too"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    partial = text(response)
    assert "<html" not in partial
    assert partial.strip().startswith(f'<div class="reactions" id="reactions-{opening.pk}"')
    assert 'aria-label="Reactions to the post by Aspen Author"' in partial
    assert _button(partial, opening, "me_too") == (True, "1")
    assert _button(partial, opening, "support") == (False, "")

    partial = text(client.post(url, {"kind": "me_too"}, headers={"HX-Request": "true"}))
    assert _button(partial, opening, "me_too") == (False, "")
    assert 'aria-pressed="true"' not in partial


def test_counts_add_up_across_members_and_show_to_readers(client, reader, opening):
    for member in (reader, aged_member()):
        services.reaction_toggle(member=member, post=opening, kind="thanks")
    client.force_login(reader)
    assert _button(text(client.get(opening.thread.get_absolute_url())), opening, "thanks") == (True, "2")
    client.logout()
    page = text(client.get(opening.thread.get_absolute_url()))
    assert 'Thank you <span class="reaction__count">· 2</span>' in page
    assert reverse("forum:react", args=[opening.pk]) not in page


def test_a_member_cannot_react_to_their_own_post(client, author, opening):
    client.force_login(author)
    page = text(client.get(opening.thread.get_absolute_url()))
    assert reverse("forum:react", args=[opening.pk]) not in page
    response = client.post(reverse("forum:react", args=[opening.pk]), {"kind": "support"}, follow=True)
    assert "You cannot react to this post." in text(response)
    opening.refresh_from_db()
    assert opening.support_count == 0
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("kind", ["upvote", "", "SUPPORT", "support_count"])
def test_an_unknown_reaction_changes_nothing(client, reader, opening, kind):
    client.force_login(reader)
    url = reverse("forum:react", args=[opening.pk])
    assert client.post(url, {"kind": kind}).status_code == 302
    assert client.post(url, {"kind": kind}, headers={"HX-Request": "true"}).status_code == 200
    assert not Reaction.objects.exists()
    opening.refresh_from_db()
    assert (opening.support_count, opening.me_too_count, opening.thanks_count) == (0, 0, 0)


def test_reacting_needs_a_post(client, reader, opening):
    client.force_login(reader)
    assert client.get(reverse("forum:react", args=[opening.pk])).status_code == 405
    assert not Reaction.objects.exists()


def test_signed_out_reader_cannot_react_to_a_members_only_post(client, author):
    hidden = opening_post(make_story(author, members_category()))
    response = client.post(reverse("forum:react", args=[hidden.pk]), {"kind": "support"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Reaction.objects.exists()


# Following ---------------------------------------------------------------------------------------


def _following(member, thread):
    return (
        ThreadFollow.objects.filter(member=member, thread=thread).values_list("following", flat=True).first()
    )


def test_starting_and_replying_follow_the_story(client, author, reader, story, opening):
    assert _following(author, story) is True
    client.force_login(reader)
    assert "Follow this story" in text(client.get(story.get_absolute_url()))
    client.post(reverse("forum:reply", args=[opening.pk]), {"body": "I am listening."})
    assert _following(reader, story) is True
    assert "Stop following" in text(client.get(story.get_absolute_url()))


def test_stop_following_sticks_when_replying_again(client, author, reader, story, opening):
    make_reply(opening, reader, body="First reply.")
    client.force_login(reader)
    response = client.post(reverse("forum:thread_follow", args=[story.pk]), {"following": "0"}, follow=True)
    page = text(response)
    assert "You will no longer hear about new replies here." in page
    assert "Follow this story" in page
    assert _following(reader, story) is False

    client.post(reverse("forum:reply", args=[opening.pk]), {"body": "Second reply, later on."})
    assert _following(reader, story) is False

    # New replies in the story no longer reach them.
    later = make_reply(opening, aged_member(), body="Someone else replying to the story.")
    services.notifications_record_for_post(post_id=later.pk)
    assert not Notification.objects.filter(recipient=reader).exists()

    client.post(reverse("forum:thread_follow", args=[story.pk]), {"following": "1"})
    assert _following(reader, story) is True


def test_following_a_category(client, reader):
    category = members_category()
    client.force_login(reader)
    assert "Follow this category" in text(client.get(category.get_absolute_url()))
    response = client.post(
        reverse("forum:category_follow", args=[category.slug]), {"following": "1"}, follow=True
    )
    page = text(response)
    assert f"You are following {category.name}." in page
    assert "Stop following this category" in page
    assert CategoryFollow.objects.filter(member=reader, category=category).exists()

    client.post(reverse("forum:category_follow", args=[category.slug]), {"following": "0"})
    assert not CategoryFollow.objects.filter(member=reader, category=category).exists()
    assert (
        client.post(
            reverse("forum:category_follow", args=["no-such-category"]), {"following": "1"}
        ).status_code
        == 404
    )


# Notifications -----------------------------------------------------------------------------------


def test_followers_of_a_category_hear_of_a_new_story_once(client, django_capture_on_commit_callbacks, author):
    category = members_category()
    follower, bystander = aged_member("Fern Follower"), aged_member("Basil Bystander")
    services.category_follow_set(member=follower, category=category, following=True)
    services.category_follow_set(member=author, category=category, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_story(author, category, title="A letter that never came")
    opening = opening_post(thread)
    services.notifications_record_for_post(post_id=opening.pk)  # a retried task adds nothing

    page = _notifications_page(client, follower)
    assert f"A new story, “A letter that never came”, in {category.name}" in page
    assert Notification.objects.filter(recipient=follower, thread=thread).count() == 1
    # Neither the author nor members who do not follow the category hear of it.
    assert not Notification.objects.filter(recipient__in=[author, bystander]).exists()


def _reply_through_the_form(client, django_capture_on_commit_callbacks, member, parent, body):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("forum:reply", args=[parent.pk]), {"body": body})
    assert response.status_code == 302
    return Post.objects.get(body=body)


def _notifications_page(client, member):
    client.force_login(member)
    return " ".join(text(client.get(reverse("forum:notifications"))).split())


def test_replies_to_you_are_grouped_in_one_notification(
    client, django_capture_on_commit_callbacks, author, opening
):
    first, second, third = aged_member(), aged_member(), aged_member()
    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, first, opening, "You are not alone in this."
    )
    page = _notifications_page(client, author)
    assert "1 reply to you in “The last session was a voicemail”" in page

    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, second, opening, "Same thing happened to me."
    )
    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, third, opening, "Thinking of you tonight."
    )
    assert Notification.objects.filter(recipient=author).count() == 1
    assert "3 replies to you in “The last session was a voicemail”" in _notifications_page(client, author)


def test_followers_hear_of_new_replies_and_the_replier_does_not(
    client, django_capture_on_commit_callbacks, author, reader, opening
):
    make_reply(opening, reader, body="I followed by replying.")
    replier = aged_member()
    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, replier, opening, "Another voice here."
    )
    assert "1 new reply in “The last session was a voicemail”" in _notifications_page(client, reader)
    assert "1 reply to you" in _notifications_page(client, author)
    assert not Notification.objects.filter(recipient=replier).exists()

    # The story's author answering in their own thread is not told about it either.
    _reply_through_the_form(client, django_capture_on_commit_callbacks, author, opening, "Thank you both.")
    assert Notification.objects.get(recipient=author).replies_to_you == 1
    assert Notification.objects.get(recipient=replier).new_replies == 1
    assert Notification.objects.get(recipient=reader).new_replies == 2


def test_header_shows_unread_count_and_opening_the_thread_reads_them(
    client, django_capture_on_commit_callbacks, author, story, opening
):
    other_story = make_story(author, public_category(), title="A second story")
    _reply_through_the_form(client, django_capture_on_commit_callbacks, aged_member(), opening, "Reply one.")
    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, aged_member(), opening_post(other_story), "Reply two."
    )
    client.force_login(author)
    home = text(client.get(reverse("forum:index")))
    assert '<span class="count-pill">2<span class="visually-hidden"> unread</span></span>' in home

    client.get(story.get_absolute_url())
    assert Notification.objects.get(thread=story).read_at is not None
    assert Notification.objects.get(thread=other_story).read_at is None
    assert '<span class="count-pill">1<span class="visually-hidden"> unread</span></span>' in text(
        client.get(reverse("forum:index"))
    )

    client.post(reverse("forum:notifications_read"))
    assert "count-pill" not in text(client.get(reverse("forum:index")))


def test_a_reply_after_reading_starts_a_fresh_notification(
    client, django_capture_on_commit_callbacks, author, story, opening
):
    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, aged_member(), opening, "Before you looked."
    )
    client.force_login(author)
    client.get(story.get_absolute_url())
    _reply_through_the_form(
        client, django_capture_on_commit_callbacks, aged_member(), opening, "After you looked."
    )
    unread = Notification.objects.get(recipient=author, read_at__isnull=True)
    assert unread.replies_to_you == 1


def test_recording_one_reply_twice_counts_it_once(author, reader, opening):
    reply = make_reply(opening, reader, body="Only once, please.")
    assert services.notifications_record_for_post(post_id=reply.pk) == [author.pk]
    services.notifications_record_for_post(post_id=reply.pk)
    note = Notification.objects.get(recipient=author)
    assert (note.replies_to_you, note.new_replies) == (1, 0)
