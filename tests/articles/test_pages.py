"""Every article page renders with the site's frame and nothing the Content-Security-Policy would block."""

import pytest
from django.urls import reverse

from tests.articles.conftest import State, make_article
from tests.endings.test_pages import INLINE

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor, public_category):
    return make_article(
        editor, title="A page to check", about_suicide_or_death=True, discussion_category=public_category
    )


def test_reader_pages_have_the_frame_and_no_inline_code(client, article):
    for url in [
        reverse("articles:index"),
        reverse("articles:index") + "?q=page",
        article.get_absolute_url(),
        reverse("home"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.text
        assert 'class="skip-link" href="#main"' in page, url
        assert "If you need to talk to someone now" in page, url
        assert 'href="/articles/"' in page  # the header's "Articles" link
        assert not INLINE.findall(page), url


def test_editor_pages_have_no_inline_code(editor_client, article, editor):
    draft = make_article(editor, title="A draft to check", state=State.DRAFT)
    for url in [
        reverse("articles:desk"),
        reverse("articles:desk") + "?state=scheduled&q=check",
        reverse("articles:new"),
        reverse("articles:edit", args=[article.pk]),
        reverse("articles:edit", args=[draft.pk]),
        reverse("articles:history", args=[article.pk]),
        draft.get_absolute_url(),
    ]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert not INLINE.findall(response.text), url


def test_the_editors_desk_filters_by_state(editor_client, articles_in_every_state):
    scheduled = editor_client.get(reverse("articles:desk") + "?state=scheduled").text
    assert articles_in_every_state["scheduled"].title in scheduled
    assert articles_in_every_state["live"].title not in scheduled
    live = editor_client.get(reverse("articles:desk") + "?state=published").text
    assert articles_in_every_state["live"].title in live
    assert articles_in_every_state["scheduled"].title not in live


def test_bad_filter_values_fall_back_kindly(client, article):
    for query in ["?topic=nonsense", "?page=999", "?page=-1", "?q=" + "x" * 500, "?q=%00%01"]:
        response = client.get(reverse("articles:index") + query)
        assert response.status_code == 200, query
