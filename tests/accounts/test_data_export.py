"""Issue 7: a member's copy of their data: built by a task, private, only theirs, and complete."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts import data_export
from accounts.models import DataExport, Notice
from accounts.services import block_create
from forum import services
from forum.models import Category
from forum.services.hiding import post_hide_for_member
from forum.services.queue import report_create
from tests.factories import MemberFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def private_storage(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


@pytest.fixture
def writer(db):
    return MemberFactory(display_name="Linden Vale", email="linden@example.org")


@pytest.fixture
def neighbour(db):
    return MemberFactory(display_name="Sorrel Hart", email="sorrel.private@example.org")


@pytest.fixture
def history(writer, neighbour):
    """The writer's life on the forum, with other members around them."""
    category = Category.objects.get(slug="ended-abruptly")
    old = timezone.now() - timedelta(days=2)
    mine = services.thread_create(
        author=writer,
        category=category,
        title="She retired by letter",
        body="Eleven years, then a letter.",
        now=old,
    )
    theirs = services.thread_create(
        author=neighbour,
        category=category,
        title="A voicemail goodbye",
        body="Mine ended by voicemail.",
        now=old,
    )
    their_opening = theirs.posts.get(depth=0)
    my_reply = services.reply_create(
        author=writer, parent=their_opening, body="I am so sorry. Mine was a letter."
    )
    services.reply_create(author=neighbour, parent=mine.posts.get(depth=0), body="Sorrel's reply to Linden.")
    services.reply_create(
        author=writer, parent=their_opening, body="An anonymous thought I needed to say.", is_anonymous=True
    )
    services.post_edit(editor=writer, post=my_reply, body="I am so sorry. Mine ended with a letter too.")
    services.reaction_toggle(member=writer, post=their_opening, kind="support")
    services.thread_follow_set(member=writer, thread=theirs, following=True)
    services.category_follow_set(member=writer, category=category, following=True)
    post_hide_for_member(member=writer, post=their_opening)
    block_create(blocker=writer, blocked=MemberFactory(display_name="Thorn Grey"))
    report_create(reporter=writer, post=their_opening, reason="unkind", note="This felt harsh to me.")
    # Someone reports the writer: the export must never say who.
    report_create(reporter=neighbour, post=my_reply, reason="other", note="Sorrel reporting Linden.")
    writer.muted_words = "voicemail"
    writer.save(update_fields=["muted_words"])
    return {"mine": mine, "theirs": theirs, "my_reply": my_reply}


def build(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:data_request"), follow=True)
    assert "We are preparing your copy." in response.text
    return DataExport.objects.get(member=member)


def unzip(response):
    content = b"".join(response.streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.mark.usefixtures("private_storage", "tasks_in_process")
def test_the_export_holds_everything_the_member_did_and_nobody_elses_private_data(
    client, writer, neighbour, history, django_capture_on_commit_callbacks
):
    export = build(client, writer, django_capture_on_commit_callbacks)
    assert export.status == DataExport.Status.READY
    notice = Notice.objects.get(recipient=writer)
    assert notice.title == "Your copy of your data is ready"
    assert notice.link_url == reverse("accounts:data")

    page = client.get(reverse("accounts:data")).text
    url = data_export.download_url(export)
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    files = unzip(response)
    assert set(files) == {
        "endings-data/your-data.json",
        "endings-data/your-data.html",
        "endings-data/README.txt",
    }

    data = json.loads(files["endings-data/your-data.json"])
    parts = {part["name"]: part["sections"] for part in data["parts"]}
    account = parts["account"]
    assert account["account"]["items"][0]["email"] == "linden@example.org"
    assert account["settings"]["items"][0]["muted_words"] == ["voicemail"]
    assert [b["name"] for b in account["blocked_members"]["items"]] == ["Thorn Grey"]
    forum = parts["forum"]
    assert [s["title"] for s in forum["stories"]["items"]] == ["She retired by letter"]
    texts = [p["text"] for p in forum["posts"]["items"]]
    assert "Eleven years, then a letter." in texts
    assert "I am so sorry. Mine ended with a letter too." in texts
    assert "An anonymous thought I needed to say." in texts
    assert [v["text"] for v in forum["earlier_versions"]["items"]] == ["I am so sorry. Mine was a letter."]
    assert [r["reaction"] for r in forum["reactions_given"]["items"]] == ["Sending support"]
    assert {s["story"] for s in forum["stories_followed"]["items"]} >= {"A voicemail goodbye"}
    assert [c["category"] for c in forum["categories_followed"]["items"]] == ["When it ended abruptly"]
    assert len(forum["hidden_posts"]["items"]) == 1
    [report] = forum["reports_made"]["items"]
    assert report["note"] == "This felt harsh to me."
    assert report["post"].endswith(history["theirs"].posts.get(depth=0).get_absolute_url())

    everything = files["endings-data/your-data.json"] + files["endings-data/your-data.html"]
    # Nothing of anyone else's private data: no other address, and never who reported the writer.
    assert "sorrel.private@example.org" not in everything
    assert "Sorrel reporting Linden." not in everything
    assert "Sorrel's reply to Linden." not in everything
    assert "Sorrel Hart" not in everything
    html = files["endings-data/your-data.html"]
    assert "<h1>Your data from Endings</h1>" in html
    assert "Eleven years, then a letter." in html


@pytest.mark.usefixtures("private_storage", "tasks_in_process")
def test_another_member_cannot_download_it_even_with_the_link(
    client, writer, neighbour, django_capture_on_commit_callbacks
):
    export = build(client, writer, django_capture_on_commit_callbacks)
    url = data_export.download_url(export)
    client.force_login(neighbour)
    assert client.get(url).status_code == 404
    # Nor with a link signed for their own id but pointing at it.
    forged = reverse("accounts:data_download", args=[export.pk, "not-a-real-token"])
    assert client.get(forged).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.usefixtures("private_storage", "tasks_in_process")
def test_the_link_expires_and_expired_copies_are_deleted(
    client, writer, private_storage, django_capture_on_commit_callbacks
):
    export = build(client, writer, django_capture_on_commit_callbacks)
    url = data_export.download_url(export)
    path = private_storage / export.file_name
    assert path.exists()
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert data_export.data_exports_clear_expired() == 1
    assert not path.exists()
    assert not DataExport.objects.exists()


@pytest.mark.usefixtures("private_storage")
def test_asking_twice_while_it_is_prepared_starts_one_task(
    client, writer, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("accounts:data_request"))
        response = client.post(reverse("accounts:data_request"), follow=True)
    assert len(callbacks) == 1
    assert "still being prepared" in response.text
    assert DataExport.objects.filter(member=writer, status="pending").count() == 1


def test_the_private_storage_is_not_under_any_public_url():
    location = str(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert settings.STORAGES["private"]["OPTIONS"]["base_url"] is None
    assert not location.startswith(str(settings.STATIC_ROOT))
    assert all(not location.startswith(str(folder)) for folder in settings.STATICFILES_DIRS)
