"""Starting stories, replying, quoting, editing and deleting, through the pages a member uses."""

from html import escape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum import limits, selectors
from forum.models import Category, Post, PostRevision, Reaction, Thread, ThreadFollow
from tests.factories import MemberFactory
from tests.forum.helpers_t2 import (
    REAL_LIMIT_FOR,
    aged_member,
    make_reply,
    make_story,
    members_category,
    opening_post,
    text,
)

pytestmark = pytest.mark.django_db

STORY_BODY = (
    "She retired in March. I found out from the receptionist.\n\nI still think about the last session."
)


@pytest.fixture
def poster():
    return aged_member("Alder Poster")


@pytest.fixture
def other():
    return aged_member("Birch Other")


@pytest.fixture
def poster_client(client, poster):
    client.force_login(poster)
    return client


@pytest.fixture
def story(poster):
    return make_story(poster, members_category(), title="The receptionist told me", body=STORY_BODY)


@pytest.fixture
def real_throttle(monkeypatch):
    # Other fixtures in this folder may relax the limits for building big threads.
    monkeypatch.setattr(limits, "limit_for", REAL_LIMIT_FOR)


def story_data(**overrides):
    data = {
        "category": members_category().pk,
        "title": "Ten years, then a voicemail",
        "ending": "abrupt",
        "content_note": "",
        "content_note_other": "",
        "body": "I got a voicemail on a Tuesday saying she would not see me again.",
    }
    data.update(overrides)
    return data


def _textarea_value(page, value):
    """What a textarea shows, as Django renders it (escaped, after a leading newline)."""
    return escape(value, quote=True) in page


# Starting a story ---------------------------------------------------------------------------


def test_starting_a_story_creates_it_follows_it_and_opens_it(poster_client, poster):
    response = poster_client.post(reverse("forum:story_new"), story_data(anonymous="on"))
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert thread.title == "Ten years, then a voicemail"
    assert thread.ending == Thread.Ending.ABRUPT
    assert thread.is_anonymous
    opening = opening_post(thread)
    assert opening.author == poster
    assert opening.body == story_data()["body"]
    assert ThreadFollow.objects.get(thread=thread, member=poster).following

    page = text(poster_client.get(response.url))
    assert "Your story is posted" in page
    assert "I got a voicemail on a Tuesday" in page
    assert "Stop following" in page


def test_preview_shows_the_story_and_posts_nothing(poster_client):
    data = story_data(body="This is **how it felt**.", preview="1")
    response = poster_client.post(reverse("forum:story_new"), data)
    assert response.status_code == 200
    page = text(response)
    assert "<strong>how it felt</strong>" in page
    assert "Nothing is posted until you choose to post" in page
    assert _textarea_value(page, "This is **how it felt**.")
    assert not Thread.objects.exists()
    assert not Post.objects.exists()


def _inactive_category():
    category = Category.objects.get(slug="planned-endings")
    category.is_active = False
    category.save(update_fields=["is_active"])
    return category.pk


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "Please give your story a title."),
        ({"title": "   "}, "Please give your story a title."),
        ({"title": "x" * 141}, "Please keep the title under 140 characters (it has 141)."),
        ({"body": ""}, "Please write something before posting."),
        ({"body": "  \n  "}, "Please write something before posting."),
        (
            {"body": "w" * 30_001},
            "This is longer than we can take in one post (30000 characters; it has 30001)",
        ),
        ({"content_note": "other"}, "Please say in a few words what the note is about."),
        ({"category": "987654"}, "Please choose one of the categories in the list."),
        ({"category": "not-a-number"}, "Please choose one of the categories in the list."),
        ({"category": _inactive_category}, "Please choose one of the categories in the list."),
        ({"category": ""}, "Please choose where your story belongs."),
    ],
)
def test_invalid_story_is_refused_kindly_and_keeps_what_was_typed(poster_client, overrides, message):
    overrides = {key: value() if callable(value) else value for key, value in overrides.items()}
    data = story_data(**overrides)
    response = poster_client.post(reverse("forum:story_new"), data)
    assert response.status_code == 200
    page = text(response)
    assert escape(message) in page
    assert not Thread.objects.exists()
    assert not Post.objects.exists()
    # Whatever the member wrote is still in the form.
    if data["title"].strip():
        assert f'value="{data["title"]}"' in page
    if data["body"].strip():
        assert _textarea_value(page, data["body"])


def test_story_form_offers_only_active_categories(poster_client):
    _inactive_category()
    page = text(poster_client.get(reverse("forum:story_new")))
    assert "When it ended abruptly" in page
    assert "A planned ending that still hurts" not in page


# Replying and quoting ---------------------------------------------------------------------------


def test_replying_to_the_story_and_to_a_reply(client, story, other):
    client.force_login(other)
    opening = opening_post(story)
    response = client.post(
        reverse("forum:reply", args=[opening.pk]), {"body": "I am so sorry. That is a hard way to hear it."}
    )
    first = Post.objects.get(depth=1)
    assert response.status_code == 302
    assert response.url == selectors.post_location(first)
    assert first.parent == opening
    assert first.author == other

    response = client.post(
        reverse("forum:reply", args=[first.pk]), {"body": "Coming back to add: it still hurts for me too."}
    )
    second = Post.objects.get(depth=2)
    assert second.parent == first
    page = text(client.get(response.url))
    assert "Your reply is posted." in page
    assert "I am so sorry. That is a hard way to hear it." in page
    assert "Coming back to add: it still hurts for me too." in page
    story.refresh_from_db()
    assert story.reply_count == 2


def test_quote_prefills_the_whole_post_as_a_quotation(client, story, other):
    client.force_login(other)
    opening = opening_post(story)
    page = text(client.get(reverse("forum:reply", args=[opening.pk]), {"quote": "1"}))
    expected = (
        "&gt; She retired in March. I found out from the receptionist.\n"
        "&gt;\n"
        "&gt; I still think about the last session."
    )
    assert expected in page


def test_quote_with_a_passage_quotes_just_that_passage(client, story, other):
    client.force_login(other)
    opening = opening_post(story)
    response = client.get(
        reverse("forum:reply", args=[opening.pk]),
        {"quote": "1", "passage": "I found out from the receptionist."},
    )
    page = text(response)
    assert "&gt; I found out from the receptionist." in page
    assert "&gt; She retired in March" not in page


def test_reply_form_without_quote_starts_empty(client, story, other):
    client.force_login(other)
    page = text(client.get(reverse("forum:reply", args=[opening_post(story).pk])))
    assert "&gt; She retired" not in page


# Editing ---------------------------------------------------------------------------------------


def test_editing_the_story_marks_it_edited_and_keeps_the_earlier_version(poster_client, story):
    opening = opening_post(story)
    response = poster_client.post(
        reverse("forum:post_edit", args=[opening.pk]),
        {
            "title": "The receptionist told me, in the end",
            "body": "She retired in March. I learned it at the desk.",
        },
    )
    assert response.status_code == 302
    page = text(poster_client.get(response.url, follow=True))
    assert "The receptionist told me, in the end" in page
    assert "I learned it at the desk." in page
    assert '<span class="post__edited">edited</span>' in page
    revision = PostRevision.objects.get(post=opening)
    assert revision.body == STORY_BODY
    assert revision.title == "The receptionist told me"


def test_editing_a_reply_keeps_the_earlier_body(client, story, other):
    reply = make_reply(opening_post(story), other, body="First thoughts, written quickly.")
    client.force_login(other)
    client.post(reverse("forum:post_edit", args=[reply.pk]), {"body": "Second thoughts, written slowly."})
    reply.refresh_from_db()
    assert reply.body == "Second thoughts, written slowly."
    assert reply.edited_at is not None
    assert list(PostRevision.objects.filter(post=reply).values_list("body", "title")) == [
        ("First thoughts, written quickly.", "")
    ]


def test_saving_without_a_change_adds_no_revision(poster_client, story):
    opening = opening_post(story)
    response = poster_client.post(
        reverse("forum:post_edit", args=[opening.pk]), {"title": story.title, "body": STORY_BODY}
    )
    assert response.status_code == 302
    assert not PostRevision.objects.exists()
    opening.refresh_from_db()
    assert opening.edited_at is None
    assert '<span class="post__edited">edited</span>' not in text(poster_client.get(story.get_absolute_url()))


def test_another_member_cannot_edit_or_delete(client, story, other):
    opening = opening_post(story)
    client.force_login(other)
    edit = reverse("forum:post_edit", args=[opening.pk])
    delete = reverse("forum:post_delete", args=[opening.pk])
    assert client.get(edit).status_code == 404
    assert client.get(delete).status_code == 404
    assert client.post(edit, {"title": "Taken over", "body": "Someone else's words."}).status_code == 404
    assert client.post(delete).status_code == 404
    opening.refresh_from_db()
    story.refresh_from_db()
    assert opening.body == STORY_BODY
    assert story.title == "The receptionist told me"
    assert opening.status == Post.Status.PUBLISHED
    assert not PostRevision.objects.exists()
    # Nor are the links offered.
    page = text(client.get(story.get_absolute_url()))
    assert edit not in page
    assert delete not in page


# Deleting --------------------------------------------------------------------------------------


def test_deleting_a_reply_leaves_it_in_place_with_its_replies(client, story, other, poster):
    mine = make_reply(opening_post(story), other, body="Something I now regret sharing.")
    make_reply(mine, poster, body="Thank you for this, it meant a lot.")
    client.force_login(other)
    assert "Delete your reply?" in text(client.get(reverse("forum:post_delete", args=[mine.pk])))
    response = client.post(reverse("forum:post_delete", args=[mine.pk]))
    assert response.status_code == 302
    page = text(client.get(response.url, follow=True))
    assert "Removed by its author." in page
    assert "Something I now regret sharing." not in page
    assert "Thank you for this, it meant a lot." in page
    mine.refresh_from_db()
    assert mine.status == Post.Status.REMOVED_BY_AUTHOR


def test_deleting_the_story_leaves_a_placeholder_title_and_the_replies(poster_client, story, other):
    make_reply(opening_post(story), other, body="I read every word of this.")
    response = poster_client.post(reverse("forum:post_delete", args=[opening_post(story).pk]))
    assert response.status_code == 302
    page = text(poster_client.get(story.get_absolute_url(), follow=True))
    assert "A story removed by its author" in page
    assert "The receptionist told me" not in page
    assert "She retired in March" not in page
    assert "I read every word of this." in page
    listing = text(poster_client.get(reverse("forum:index")))
    assert "A story removed by its author" in listing
    assert "The receptionist told me" not in listing
    # Not even in the story's address.
    assert "receptionist" not in listing


def test_a_removed_post_cannot_be_edited_or_quoted(poster_client, story, other):
    opening = opening_post(story)
    poster_client.post(reverse("forum:post_delete", args=[opening.pk]))
    assert poster_client.get(reverse("forum:post_edit", args=[opening.pk])).status_code == 404
    poster_client.force_login(other)
    page = text(poster_client.get(reverse("forum:reply", args=[opening.pk]), {"quote": "1"}))
    assert "She retired in March" not in page


# Locked threads --------------------------------------------------------------------------------


def test_locked_thread_refuses_replies_and_keeps_what_was_typed(client, story, other):
    Thread.objects.filter(pk=story.pk).update(locked_at=timezone.now())
    opening = opening_post(story)
    client.force_login(other)
    thread_page = text(client.get(story.get_absolute_url()))
    assert "Replies are closed" in thread_page
    assert f'action="{reverse("forum:reply", args=[opening.pk])}"' not in thread_page
    assert "Post reply" not in thread_page

    response = client.post(
        reverse("forum:reply", args=[opening.pk]), {"body": "Words I wanted to say anyway."}
    )
    assert response.status_code == 200
    page = text(response)
    assert "This thread has been locked" in page
    assert "Words I wanted to say anyway." in page
    assert "Post reply" not in page
    assert not Post.objects.filter(depth=1).exists()


# Throttles -------------------------------------------------------------------------------------


def test_new_member_is_slowed_down_after_three_posts(client, real_throttle):
    newcomer = MemberFactory(display_name="Cedar Newcomer")
    client.force_login(newcomer)
    for n in range(3):
        response = client.post(
            reverse("forum:story_new"), story_data(title=f"Part {n}", body=f"Part {n} of my story.")
        )
        assert response.status_code == 302
    response = client.post(reverse("forum:story_new"), story_data(title="Part 3", body="Part 3 of my story."))
    assert response.status_code == 200
    page = text(response)
    assert "Please wait a little before posting again" in page
    assert _textarea_value(page, "Part 3 of my story.")
    assert 'value="Part 3"' in page
    assert Thread.objects.count() == 3


def test_the_same_words_twice_within_minutes_are_refused(client, story, other, real_throttle):
    client.force_login(other)
    url = reverse("forum:reply", args=[opening_post(story).pk])
    body = "Sending you strength today."
    assert client.post(url, {"body": body}).status_code == 302
    response = client.post(url, {"body": body})
    assert response.status_code == 200
    page = text(response)
    assert "You posted these same words a few minutes ago" in page
    assert _textarea_value(page, body)
    assert Post.objects.filter(body=body).count() == 1


# Forged and signed-out requests -----------------------------------------------------------------


def _snapshot():
    return (
        list(Thread.objects.order_by("pk").values_list("pk", "title")),
        list(Post.objects.order_by("pk").values_list("pk", "body", "status")),
        Reaction.objects.count(),
        PostRevision.objects.count(),
    )


def _writes(story):
    opening = opening_post(story)
    return [
        (reverse("forum:story_new"), story_data()),
        (reverse("forum:reply", args=[opening.pk]), {"body": "A reply that should not land."}),
        (reverse("forum:react", args=[opening.pk]), {"kind": "support"}),
        (reverse("forum:post_edit", args=[opening.pk]), {"title": "Changed", "body": "Changed words."}),
        (reverse("forum:post_delete", args=[opening.pk]), {}),
    ]


def test_posts_without_a_csrf_token_change_nothing(story, poster, other):
    before = _snapshot()
    for member in (poster, other):
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        for url, data in _writes(story):
            assert client.post(url, data).status_code == 403, url
    assert _snapshot() == before


def test_signed_out_posts_go_to_sign_in_and_change_nothing(client, story):
    before = _snapshot()
    writes = [
        *_writes(story),
        (reverse("forum:thread_follow", args=[story.pk]), {"following": "1"}),
        (reverse("forum:category_follow", args=[story.category.slug]), {"following": "1"}),
    ]
    for url, data in writes:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url
    assert _snapshot() == before
    assert not ThreadFollow.objects.exclude(member=story.author).exists()


def test_unknown_post_ids_are_not_found(poster_client):
    for name in ("forum:post", "forum:replies", "forum:reply", "forum:post_edit", "forum:post_delete"):
        assert poster_client.get(reverse(name, args=[987654])).status_code == 404, name
    assert poster_client.post(reverse("forum:react", args=[987654]), {"kind": "support"}).status_code == 404
    assert poster_client.get(reverse("forum:thread_short", args=[987654])).status_code == 404


def test_a_story_titled_like_a_page_action_still_opens(poster_client, poster):
    story = make_story(poster, members_category(), title="Follow", body="Titled with a single word.")
    assert story.get_absolute_url().endswith("/follow/")
    response = poster_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Titled with a single word." in text(response)
