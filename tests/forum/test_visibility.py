"""Who can read what: members-only categories, anonymous authors, earlier versions."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Category
from tests.forum.helpers_t2 import (
    aged_member,
    make_reply,
    make_story,
    members_category,
    moderator_member,
    opening_post,
    public_category,
    text,
)

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "Letters to Zanzibar that were never answered"
HIDDEN_WORD = "quokkaesque"
PUBLIC_TITLE = "Finding someone new after a long pause"
REAL_NAME = "Juniper Quillfeather"


@pytest.fixture
def writer():
    return aged_member(REAL_NAME)


@pytest.fixture
def reader():
    return aged_member("Hazel Reader")


@pytest.fixture
def hidden_story(writer):
    return make_story(
        writer,
        members_category(),
        title=HIDDEN_TITLE,
        body=f"Only members should read this {HIDDEN_WORD} story.",
    )


@pytest.fixture
def hidden_reply(hidden_story, reader):
    # Deep enough that it has a "continue this thread" page of its own.
    post = make_reply(opening_post(hidden_story), reader, body=f"A reply that is also {HIDDEN_WORD}.")
    make_reply(post, aged_member(), body="A reply to the reply.")
    return post


@pytest.fixture
def public_story(writer):
    return make_story(writer, public_category(), title=PUBLIC_TITLE, body="Anyone may read this one.")


def _hidden_urls(story, reply):
    return {
        "category page": reverse("forum:category", args=[story.category.slug]),
        "thread page": story.get_absolute_url(),
        "short thread link": reverse("forum:thread_short", args=[story.pk]),
        "permalink to the story": reverse("forum:post", args=[opening_post(story).pk]),
        "permalink to a reply": reverse("forum:post", args=[reply.pk]),
        "continue page": reverse("forum:replies", args=[reply.pk]),
    }


def test_members_only_pages_are_not_found_when_signed_out(client, hidden_story, hidden_reply):
    for name, url in _hidden_urls(hidden_story, hidden_reply).items():
        response = client.get(url, follow=True)
        assert response.status_code == 404, name
        assert HIDDEN_TITLE not in text(response), name


def test_members_only_pages_open_for_members(client, reader, hidden_story, hidden_reply):
    client.force_login(reader)
    for name, url in _hidden_urls(hidden_story, hidden_reply).items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, name
        assert HIDDEN_TITLE in text(response), name


@pytest.mark.parametrize("list_name", ["forum:index", "forum:unanswered"])
def test_lists_show_signed_out_readers_public_stories_only(client, hidden_story, public_story, list_name):
    page = text(client.get(reverse(list_name)))
    assert PUBLIC_TITLE in page
    assert HIDDEN_TITLE not in page


def test_members_see_members_only_stories_in_the_list(client, reader, hidden_story, public_story):
    client.force_login(reader)
    page = text(client.get(reverse("forum:index")))
    assert PUBLIC_TITLE in page
    assert HIDDEN_TITLE in page


def test_public_story_is_readable_signed_out(client, public_story):
    reply = make_reply(opening_post(public_story), aged_member(), body="Welcome, and good luck with it.")
    response = client.get(public_story.get_absolute_url())
    assert response.status_code == 200
    assert "Anyone may read this one." in text(response)
    assert "Welcome, and good luck with it." in text(response)
    assert client.get(public_story.category.get_absolute_url()).status_code == 200
    assert client.get(reverse("forum:post", args=[reply.pk]), follow=True).status_code == 200


def test_sidebar_lists_members_only_categories_to_members_only(client, reader):
    hidden = members_category().get_absolute_url()
    public = public_category().get_absolute_url()
    signed_out = text(client.get(reverse("forum:index")))
    assert public in signed_out
    assert hidden not in signed_out
    assert not any(
        category.get_absolute_url() in signed_out
        for category in Category.objects.filter(visibility=Category.Visibility.MEMBERS)
    )
    client.force_login(reader)
    assert hidden in text(client.get(reverse("forum:index")))


def test_search_signed_out_does_not_find_members_only_words(client, reader, hidden_story, hidden_reply):
    signed_out = text(client.get(reverse("forum:search"), {"q": HIDDEN_WORD}))
    assert "0 results" in signed_out
    assert HIDDEN_TITLE not in signed_out

    client.force_login(reader)
    member_page = text(client.get(reverse("forum:search"), {"q": HIDDEN_WORD}))
    assert "2 results" in member_page
    assert HIDDEN_TITLE in member_page


def test_search_signed_out_cannot_filter_by_a_members_only_category(client, hidden_story):
    response = client.get(reverse("forum:search"), {"q": HIDDEN_WORD, "category": hidden_story.category_id})
    assert response.status_code == 200
    assert HIDDEN_TITLE not in text(response)


@pytest.mark.parametrize(
    "url_name, signed_in",
    [
        ("forum:index", False),
        ("forum:unanswered", False),
        ("forum:search", False),
        ("forum:story_new", True),
        ("forum:notifications", True),
        ("public thread", False),
        ("public category", False),
    ],
)
def test_forum_pages_ask_search_engines_not_to_index_them(client, reader, public_story, url_name, signed_in):
    if signed_in:
        client.force_login(reader)
    url = {
        "public thread": public_story.get_absolute_url(),
        "public category": public_category().get_absolute_url(),
    }.get(url_name) or reverse(url_name)
    response = client.get(url)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex' in text(response)


# Anonymous posts ---------------------------------------------------------------------------


@pytest.fixture
def anonymous_story(writer):
    # Public, so signed-out readers can be checked too.
    return make_story(
        writer,
        public_category(),
        title="Nobody at work knows about this",
        body="I am posting this without my name. Wombatting along.",
        is_anonymous=True,
    )


@pytest.fixture
def anonymous_reply(anonymous_story, writer, reader):
    # The anonymous writer answers a reply to their own story, so the other member is notified.
    answer = make_reply(opening_post(anonymous_story), reader, body="Thank you for trusting us with this.")
    mine = make_reply(
        answer, writer, body="It helps to say it somewhere. Wombatting still.", is_anonymous=True
    )
    services.notifications_record_for_post(post_id=answer.pk)
    services.notifications_record_for_post(post_id=mine.pk)
    return mine


def _anonymous_pages(story, reply):
    return [
        story.get_absolute_url(),
        reverse("forum:index"),
        reverse("forum:unanswered"),
        story.category.get_absolute_url(),
        reverse("forum:search") + "?q=wombatting",
        reverse("forum:reply", args=[reply.pk]),
        reverse("forum:reply", args=[opening_post(story).pk]),
    ]


def test_anonymous_author_is_a_member_to_other_members(client, reader, anonymous_story, anonymous_reply):
    client.force_login(reader)
    thread_page = text(client.get(anonymous_story.get_absolute_url()))
    assert "a member" in thread_page
    # The list and search show the anonymous story and reply, and never the name.
    assert "Story by a member" in text(client.get(reverse("forum:search"), {"q": "wombatting"}))
    assert "Reply by a member" in text(client.get(reverse("forum:search"), {"q": "wombatting"}))
    notifications = text(client.get(reverse("forum:notifications")))
    assert "1 reply to you" in notifications
    for url in [*_anonymous_pages(anonymous_story, anonymous_reply), reverse("forum:notifications")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert REAL_NAME not in text(response), url


def test_anonymous_author_is_a_member_to_signed_out_readers(client, anonymous_story, anonymous_reply):
    listing = text(client.get(reverse("forum:index")))
    assert "Nobody at work knows about this" in listing
    assert "a member" in listing
    for url in _anonymous_pages(anonymous_story, anonymous_reply)[:5]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert REAL_NAME not in text(response), url


def test_anonymous_author_sees_their_own_posts_marked(client, writer, anonymous_story, anonymous_reply):
    client.force_login(writer)
    page = text(client.get(anonymous_story.get_absolute_url()))
    for post in (opening_post(anonymous_story), anonymous_reply):
        assert f'id="post-{post.pk}-by">You, posted anonymously<' in page
    assert REAL_NAME not in page.split('class="account-menu"')[1].split("</details>")[1]


def test_moderator_sees_who_wrote_an_anonymous_post(client, anonymous_story, anonymous_reply):
    client.force_login(moderator_member())
    page = text(client.get(anonymous_story.get_absolute_url()))
    assert f"{REAL_NAME} (posted anonymously)" in page
    assert ">a member</span>" not in page


# Earlier versions ---------------------------------------------------------------------------


@pytest.fixture
def edited_post(writer, public_story):
    post = opening_post(public_story)
    return services.post_edit(editor=writer, post=post, body="Anyone may read this one, now with more words.")


def test_earlier_versions_are_hidden_from_the_author_and_other_members(client, writer, reader, edited_post):
    url = reverse("forum:post_history", args=[edited_post.pk])
    for member in (writer, reader):
        client.force_login(member)
        assert client.get(url).status_code == 404
        assert "Earlier versions" not in text(client.get(edited_post.thread.get_absolute_url()))
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_moderator_reads_earlier_versions(client, edited_post):
    client.force_login(moderator_member())
    thread_page = text(client.get(edited_post.thread.get_absolute_url()))
    assert reverse("forum:post_history", args=[edited_post.pk]) in thread_page
    response = client.get(reverse("forum:post_history", args=[edited_post.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Anyone may read this one." in page
    assert "now with more words" in page
