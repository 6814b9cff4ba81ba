"""The home page's articles and public activity; article search as for stories."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.articles.conftest import make_article
from tests.factories import MemberFactory
from tests.forum.conftest import make_story

pytestmark = pytest.mark.django_db


def test_home_shows_featured_and_recent_articles_beside_public_stories(
    client, editor, members_category, public_category
):
    make_article(editor, title="The featured piece", is_featured=True)
    make_article(editor, title="A recent piece")
    author = MemberFactory(display_name="Storyteller")
    make_story(author, public_category, title="An open story")
    make_story(author, members_category, title="A members-only story")
    for viewer in (None, MemberFactory(display_name="Home Member")):
        if viewer:
            client.force_login(viewer)
        page = client.get(reverse("home")).text
        assert "The featured piece" in page and "A recent piece" in page
        assert page.index("The featured piece") < page.index("A recent piece")
        assert "An open story" in page
        # Home is public: only stories anyone could open, signed in or not.
        assert "A members-only story" not in page


@pytest.fixture
def library(editor):
    make_article(
        editor,
        title="Letters to a therapist who retired",
        body="I wrote letters every week.",
        topics=["retired"],
    )
    make_article(
        editor,
        title="Grief without a funeral",
        body="Nobody sends flowers when therapy ends.",
        topics=["grief"],
    )
    make_article(
        editor,
        title="Looking for someone new",
        body="Finding a therapist again took months.",
        topics=["new-therapist"],
    )


def search(client, query, **params):
    return client.get(reverse("articles:index"), {"q": query, **params}).text


def test_search_finds_articles_by_their_words(client, library):
    page = search(client, "letters")
    assert "Letters to a therapist who retired" in page
    assert "Grief without a funeral" not in page
    assert "1 article for “letters”" in page
    assert "Grief without a funeral" in search(client, "flowers")  # a word of the body
    assert "Nothing matched" in search(client, "zebra")


def test_search_keeps_to_a_topic(client, library):
    assert "Letters to a therapist" not in search(client, "therapist", topic="grief")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL")
def test_postgres_search_understands_words_quotes_and_exclusions(client, library):
    assert "Letters to a therapist who retired" in search(client, "retiring")  # stemming
    page = search(client, "therapist -letters")
    assert "Looking for someone new" in page and "Letters to a therapist" not in page
    assert "Nothing matched" in search(client, '"funeral grief"')
    # Anything typed is a valid query.
    assert search(client, "(((& | !") is not None


def test_search_snippets_are_escaped(client, editor):
    make_article(
        editor, title="Odd characters", body="Some <b>bold</b> and <script>x</script> in a grief text."
    )
    page = search(client, "grief")
    assert "<script>x" not in page
    assert "<mark>grief</mark>" in page or "<mark>Grief</mark>" in page
