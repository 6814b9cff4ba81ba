"""The article index and an article page run the same number of queries whatever the number of articles.

Each page is requested once before it is measured, so the help lines in the
footer are in the cache and the count is the page's own.
"""

import pytest
from django.urls import reverse

from tests.articles.conftest import make_article
from tests.factories import MemberFactory
from tests.forum.conftest import make_story

pytestmark = pytest.mark.usefixtures("unthrottled")

SMALL, LARGE = 3, 45
# The page count, then one page of articles with their topics aggregated on each row.
INDEX_READER = 2
# As for a reader, plus the session, the member, their roles (may they see drafts?)
# and the unread count in the header.
INDEX_MEMBER = 6
# The article with its topics, bylines and discussion thread, related articles, related stories.
ARTICLE_READER = 3
ARTICLE_MEMBER = 7


@pytest.fixture
def many_articles(editor, members_category, public_category):
    def build(size):
        authors = [MemberFactory(display_name=f"Story teller {n}") for n in range(3)]
        articles = [
            make_article(
                editor,
                title=f"Piece {n} about retirement",
                topics=["retired", "grief"] if n % 2 else ["retired", "ethics", "boundaries"],
                discussion_category=public_category,
            )
            for n in range(size)
        ]
        for n in range(min(size, 8)):
            make_story(authors[n % 3], members_category if n % 2 else public_category, title=f"Story {n}")
        return articles

    return build


def measure(client, url, expected, django_assert_num_queries):
    assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("size", [SMALL, LARGE])
@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "member"])
def test_article_index(client, member, many_articles, size, signed_in, django_assert_num_queries):
    many_articles(size)
    if signed_in:
        client.force_login(member)
    page = measure(
        client,
        reverse("articles:index"),
        INDEX_MEMBER if signed_in else INDEX_READER,
        django_assert_num_queries,
    )
    assert page.count('class="article-card"') == min(size, 20)
    measure(
        client,
        reverse("articles:index") + "?topic=grief&page=2",
        INDEX_MEMBER if signed_in else INDEX_READER,
        django_assert_num_queries,
    )


@pytest.mark.parametrize("size", [SMALL, LARGE])
@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "member"])
def test_article_page(client, member, editor, many_articles, size, signed_in, django_assert_num_queries):
    articles = many_articles(size)
    if signed_in:
        client.force_login(member)
    page = measure(
        client,
        articles[-1].get_absolute_url(),
        ARTICLE_MEMBER if signed_in else ARTICLE_READER,
        django_assert_num_queries,
    )
    assert "Related articles" in page
    assert "Stories from members" in page
    assert "Discuss this article" in page


@pytest.fixture
def unthrottled(monkeypatch):
    from forum import limits
    from tests.forum.conftest import UNTHROTTLED

    monkeypatch.setattr(limits, "limit_for", lambda member, now: UNTHROTTLED)
