"""Someone else's things, by id: replayed forms change nothing (the matrix covers opening them)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from endings.articles.models import Article
from forum.models import Post
from tests.security.conftest import EDITOR, MEMBER, MODERATOR, SIGNED_OUT, STAFF, SUSPENDED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [MEMBER, MODERATOR, EDITOR, STAFF])
def test_nobody_edits_or_deletes_another_members_post_by_replaying_the_form(world, role):
    client = world.client_for(role)
    reply = world.reply
    edited = client.post(reverse("forum:post_edit", args=[reply.pk]), {"body": "Not my words."})
    deleted = client.post(reverse("forum:post_delete", args=[reply.pk]))
    assert (edited.status_code, deleted.status_code) == (404, 404)
    reply.refresh_from_db()
    assert reply.body == "I know that silence."
    assert reply.status == Post.Status.PUBLISHED


@pytest.mark.parametrize("role", [MEMBER, MODERATOR, EDITOR, STAFF])
def test_another_members_export_link_opens_for_nobody_else(world, role):
    url = reverse("accounts:data_download", args=[world.export.pk, world.export_token])
    response = world.client_for(role).get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_owner_of_the_export_can_download_it(world):
    from django.test import Client

    owner = Client()
    owner.force_login(world.author)
    response = owner.get(reverse("accounts:data_download", args=[world.export.pk, world.export_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


def test_an_export_link_for_one_member_does_not_open_another_members_export(world):
    """A valid token, but for a different export id: refused."""
    from accounts import data_export

    other_export, _ = data_export.data_export_request(member=world.other)
    other_export = data_export.data_export_build(export_id=other_export.pk)
    from django.test import Client

    owner = Client()
    owner.force_login(world.author)
    response = owner.get(reverse("accounts:data_download", args=[other_export.pk, world.export_token]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [SIGNED_OUT, MEMBER, MODERATOR, STAFF])
def test_a_draft_article_cannot_be_changed_or_published_by_someone_who_is_not_an_editor(world, role):
    client = world.client_for(role)
    draft = world.draft
    client.post(
        reverse("articles:edit", args=[draft.pk]),
        {"kind": "original", "title": "Taken over", "standfirst": "x", "body": "x"},
    )
    client.post(reverse("articles:workflow", args=[draft.pk]), {"action": "publish"})
    draft.refresh_from_db()
    assert draft.title == "A draft nobody should see"
    assert draft.state == Article.State.DRAFT
    # Nor read, in lists (staff may read drafts: endings/articles/permissions.py).
    if role != STAFF:
        assert "A draft nobody should see" not in client.get(reverse("articles:index")).text


def test_settings_are_always_the_signed_in_members_own(world):
    """No settings page takes an id: posting another member's id changes only one's own."""
    client = world.client_for(MEMBER)
    client.post(
        reverse("accounts:profile"), {"about": "Mine.", "show_stories": "on", "member": world.author.pk}
    )
    world.author.refresh_from_db()
    assert world.author.profile_about != "Mine."
    assert User.objects.get(pk=world.people[MEMBER].pk).profile_about == "Mine."


def test_a_suspended_members_open_session_ends_on_their_next_request(world):
    client = world.client_for(SUSPENDED)
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # Signed out for good: the session does not come back when the suspension ends.
    User.objects.filter(pk=world.people[SUSPENDED].pk).update(
        suspended_until=timezone.now() - timedelta(days=1)
    )
    assert client.get(reverse("accounts:settings")).status_code == 302
