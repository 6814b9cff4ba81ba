"""The admin for staff editors: saving through the services (with versions), preview, filters, actions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from endings.articles.models import Article, ArticleRevision
from tests.articles.conftest import State, make_article
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_editor(editor):
    editor.is_staff = True
    editor.save(update_fields=["is_staff"])
    return editor


@pytest.fixture
def admin_client(client, staff_editor):
    client.force_login(staff_editor)
    return client


def admin_data(**changes):
    data = {
        "kind": "original",
        "title": "Written in the admin",
        "slug": "",
        "standfirst": "A piece written in the admin.",
        "topics": ["ethics"],
        "body": "## A section\n\nSome words.",
        "workflow": "",
        "publish_at": "",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "revisions-MIN_NUM_FORMS": "0",
        "revisions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_staff_editor_adds_an_article_and_a_version_is_kept(admin_client, staff_editor):
    response = admin_client.post(reverse("admin:articles_article_add"), admin_data(authors=[staff_editor.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.state == State.DRAFT and article.slug == "written-in-the-admin"
    assert article.topic_values == ["ethics"]
    assert list(article.authors.all()) == [staff_editor]
    assert list(article.editors.all()) == [staff_editor]
    assert ArticleRevision.objects.filter(article=article, change="Saved").count() == 1
    change = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    # The preview shows the rendered article, headings and all.
    assert '<h2 id="section-a-section">A section</h2>' in change


def test_publishing_from_the_change_form(admin_client, staff_editor):
    article = make_article(staff_editor, title="Publish me", state=State.REVIEW)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = admin_client.post(
        url, admin_data(title="Publish me", slug=article.slug, workflow="publish", topics=["grief"])
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live
    assert list(article.revisions.values_list("change", flat=True)[:2]) == ["Published", "Saved"]


def test_a_curated_article_with_a_javascript_address_is_refused_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        admin_data(
            kind="curated", body="", source_title="Elsewhere", source_url="javascript:alert(1)", summary="S."
        ),
    )
    assert response.status_code == 200
    assert "starting with https://" in response.content.decode()
    assert not Article.objects.exists()


def test_list_filters_search_and_actions(admin_client, staff_editor):
    draft = make_article(staff_editor, title="Draft for the action", state=State.DRAFT)
    make_article(staff_editor, title="Already live", topics=["illness"])
    changelist = reverse("admin:articles_article_changelist")
    assert "Draft for the action" in admin_client.get(changelist + "?workflow=draft").text
    assert "Already live" not in admin_client.get(changelist + "?workflow=draft").text
    assert "Already live" in admin_client.get(changelist + "?topic=illness").text
    assert "Already live" in admin_client.get(changelist + "?q=live").text

    admin_client.post(changelist, {"action": "make_published", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_live


def test_staff_without_the_editors_permissions_cannot_open_articles(client):
    staff = MemberFactory(display_name="Other Staff")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_helpline"))
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


def test_editors_group_holds_the_article_permissions_but_not_delete():
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article", "view_articlerevision"} <= codenames
    assert "delete_article" not in codenames
